// `rvmk asm` as a user runs it: the built executable, its outputs and exit status, and no
// output file left behind after an error.
import Foundation
import Testing
@testable import Toolchain
import TestSupport

@Suite struct AsmCommandTests {
    @Test func assemblesToELFAndFlatBinary() throws {
        let rvmk = try #require(ExternalTools.rvmk, "the rvmk executable is built with the tests")
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("hello.S")
        try ".globl _start\n_start:\n    li a0, 1\n    j _start\n".write(to: source, atomically: true, encoding: .utf8)

        let elf = try ExternalTools.run(rvmk, ["asm", source.path])
        #expect(elf.status == 0, "\(elf.stderr)")
        let elfBytes = try #require(FileManager.default.contents(atPath: directory.appendingPathComponent("hello.elf").path))
        let file = try ELFFile(bytes: [UInt8](elfBytes), path: "hello.elf")
        #expect(file.entry == 0x8000_0000)

        let bin = try ExternalTools.run(rvmk, ["asm", source.path, "--format", "bin", "-o", directory.appendingPathComponent("out.bin").path, "--base", "0x1000"])
        #expect(bin.status == 0, "\(bin.stderr)")
        let flat = try #require(FileManager.default.contents(atPath: directory.appendingPathComponent("out.bin").path))
        #expect([UInt8](flat) == [0x05, 0x45, 0xfd, 0xbf])  // c.li a0, 1; c.j -2 (as GNU as)
    }

    @Test func errorsLeaveNoOutputAndFail() throws {
        let rvmk = try #require(ExternalTools.rvmk, "the rvmk executable is built with the tests")
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("bad.S")
        let output = directory.appendingPathComponent("bad.elf")
        try "nop\n".write(to: output, atomically: true, encoding: .utf8)
        try "  addi a0, a0, 99999\n  wat\n".write(to: source, atomically: true, encoding: .utf8)
        let result = try ExternalTools.run(rvmk, ["asm", source.path, "-o", output.path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.S:1:16: error: immediate 99999 out of range -2048..2047"))
        #expect(result.stderr.contains("bad.S:2:3: error: unknown instruction 'wat'"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func usageErrors() throws {
        let rvmk = try #require(ExternalTools.rvmk, "the rvmk executable is built with the tests")
        let noSource = try ExternalTools.run(rvmk, ["asm"])
        #expect(noSource.status == 2)
        #expect(noSource.stderr.contains("no source file given"))
        let badFormat = try ExternalTools.run(rvmk, ["asm", "x.S", "--format", "hex"])
        #expect(badFormat.status == 2)
        #expect(badFormat.stderr.contains("unknown format 'hex'"))
        let missing = try ExternalTools.run(rvmk, ["asm", "/nonexistent/x.S"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/x.S: no such file"))
    }
}

@Suite struct AssemblerELFTests {
    /// Every corpus program as an ELF: `readelf -a` and `objdump -d` read it without a word
    /// of warning, and readelf sees the sections, segments, entry and symbols we wrote.
    @Test(.enabled(if: ExternalTools.binutilsAvailable, "needs riscv64-unknown-elf-readelf (Debian: binutils-riscv64-unknown-elf)"),
          arguments: AssemblerDifferentialTests.sources)
    func readelfAcceptsOurELF(_ name: String) throws {
        let source = ExternalTools.corpus.appendingPathComponent(name).path
        let program = try #require(Assembler.assemble(path: source, options: AssemblerOptions(includePaths: [ExternalTools.corpus.path])).program)
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elf = directory.appendingPathComponent("out.elf").path
        try Data(program.elfImage()).write(to: URL(fileURLWithPath: elf))
        for (tool, arguments) in [("riscv64-unknown-elf-readelf", ["-a", "-W", elf]), ("riscv64-unknown-elf-objdump", ["-d", elf])] {
            let output = try ExternalTools.run(ExternalTools.find(tool)!, arguments)
            #expect(output.status == 0)
            let complaints = (output.stdout + output.stderr).split(separator: "\n").filter {
                $0.localizedCaseInsensitiveContains("warning") || $0.localizedCaseInsensitiveContains("error")
            }
            #expect(complaints.isEmpty, "\(tool) on \(name): \(complaints)")
        }
        let readelf = try ExternalTools.run(ExternalTools.find("riscv64-unknown-elf-readelf")!, ["-h", "-S", "-s", "-W", elf]).stdout
        #expect(readelf.contains("RISC-V"))
        #expect(readelf.contains("Entry point address:               0x\(String(program.entry, radix: 16))"))
        for section in program.sections { #expect(readelf.contains(" \(section.name) "), "\(section.name)") }
        for symbol in program.symbols.prefix(20) { #expect(readelf.contains(" \(symbol.name)"), "\(symbol.name)") }
    }
}
