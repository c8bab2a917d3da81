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
