// `rvmk run` as a user runs it: guest programs assembled by rvmk, run by the built rvmk
// executable. Exit statuses of DESIGN.md, the self-checking ISA suite in Tests/ISA, the same
// programs on QEMU when it is installed (differential), determinism with timer interrupts
// and input, and Debian's OpenSBI booting to its banner when it is installed.
import Foundation
import Testing
import TestSupport
import Toolchain

@Suite struct RunCommandTests {
    static let isa = ExternalTools.testsDirectory.appendingPathComponent("ISA")
    static let programs = ExternalTools.testsDirectory.appendingPathComponent("Programs")
    static let opensbi = "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_jump.elf"

    /// Assembles `source` (with Tests/ISA on the include path) into `directory`.
    static func build(_ source: URL, into directory: URL, defines: [String: Int64] = [:]) throws -> String {
        let options = AssemblerOptions(includePaths: [isa.path, source.deletingLastPathComponent().path], defines: defines)
        let result = Assembler.assemble(path: source.path, options: options)
        guard let program = result.program else {
            throw Failure(description: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        let output = directory.appendingPathComponent(source.deletingPathExtension().lastPathComponent + ".elf")
        try Data(program.elfImage()).write(to: output)
        return output.path
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func rvmk() throws -> String {
        try #require(ExternalTools.rvmk, "the rvmk executable is built with the tests")
    }

    static let isaPrograms: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: isa.path)) ?? [])
        .filter { $0.hasSuffix(".S") }.sorted()

    @Test(arguments: isaPrograms)
    func isaProgramPasses(_ name: String) throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elf = try Self.build(Self.isa.appendingPathComponent(name), into: directory)
        let run = try ExternalTools.run(try Self.rvmk(), ["run", elf, "--max-instructions", "200000000"])
        #expect(run.status == 0, "\(name): \(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("PASS "), "\(name): \(run.stdout)")
    }

    /// Programs that test where QEMU 7.2 departs from the spec say so with `qemu-differs:`.
    static let qemuComparable = isaPrograms.filter {
        let text = (try? String(contentsOf: isa.appendingPathComponent($0), encoding: .utf8)) ?? ""
        return !text.contains("qemu-differs:")
    }

    @Test(.enabled(if: ExternalTools.qemuAvailable, "needs qemu-system-riscv64 (Debian: qemu-system-misc)"),
          arguments: qemuComparable)
    func isaProgramMatchesQEMU(_ name: String) throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elf = try Self.build(Self.isa.appendingPathComponent(name), into: directory)
        let ours = try ExternalTools.run(try Self.rvmk(), ["run", elf, "--max-instructions", "200000000"])
        var qemu = try Self.qemu(elf, extra: Self.qemuOptions(name))
        // QEMU's timers run on host time: now and then, on a loaded machine, it sleeps through
        // priv-interrupts' timer until killed. A second run tells that from a real difference.
        // (`timeout` sends KILL to its whole process group, itself included: status 9.)
        if qemu.status == 137 || qemu.status == 9 { qemu = try Self.qemu(elf, extra: Self.qemuOptions(name)) }
        #expect(ours.status == qemu.status, "\(name): rvmk \(ours.status), QEMU \(qemu.status)")
        #expect(ours.stdout == qemu.stdout, "\(name):\nrvmk: \(ours.stdout)\nQEMU: \(qemu.stdout)")
    }

    /// Runs an ELF on QEMU's virt board with no firmware, as rvmk runs it; killed after a
    /// minute (SIGKILL: the test process may leave SIGTERM ignored, and QEMU inherits that).
    static func qemu(_ elf: String, extra: [String] = []) throws -> ExternalTools.Output {
        try ExternalTools.run(ExternalTools.find("timeout")!, ["-s", "KILL", "60", ExternalTools.find("qemu-system-riscv64")!,
            "-machine", "virt", "-bios", "none", "-nographic", "-monitor", "none", "-kernel", elf] + extra)
    }

    /// QEMU options a program asks for with a `# qemu: OPTIONS` line (`-icount shift=0`
    /// for exact counters).
    static func qemuOptions(_ name: String) -> [String] {
        let text = (try? String(contentsOf: isa.appendingPathComponent(name), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { $0.hasPrefix("# qemu:") }
            .flatMap { $0.dropFirst("# qemu:".count).split(separator: " ").map(String.init) }
    }

    @Test func exitStatusComesFromTheGuest() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("exit.S")
        try """
            .globl _start
        _start:
            li t0, 0x100000
            li t1, (42 << 16) | 0x3333
            sw t1, 0(t0)
        1:  j 1b
        """.write(to: source, atomically: true, encoding: .utf8)
        let elf = try Self.build(source, into: directory)
        #expect(try ExternalTools.run(try Self.rvmk(), ["run", elf]).status == 42)
    }

    @Test func budgetExhaustedIs124() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = directory.appendingPathComponent("spin.S")
        try ".globl _start\n_start: j _start\n".write(to: source, atomically: true, encoding: .utf8)
        let elf = try Self.build(source, into: directory)
        let run = try ExternalTools.run(try Self.rvmk(), ["run", elf, "--max-instructions", "100000"])
        #expect(run.status == 124)
    }

    @Test func badImagesAre125WithOneLine() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = try ExternalTools.run(try Self.rvmk(), ["run", directory.appendingPathComponent("none.elf").path])
        #expect(missing.status == 125)
        #expect(missing.stderr.contains("none.elf"), "\(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let truncated = directory.appendingPathComponent("truncated.elf")
        try Data([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0]).write(to: truncated)
        let bad = try ExternalTools.run(try Self.rvmk(), ["run", truncated.path])
        #expect(bad.status == 125)
        #expect(bad.stderr.contains("truncated.elf"), "\(bad.stderr)")
        let option = try ExternalTools.run(try Self.rvmk(), ["run", truncated.path, "--no-such-option"])
        #expect(option.status == 125)
    }

    @Test func runsAreDeterministicWithTimerAndInput() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elf = try Self.build(Self.programs.appendingPathComponent("timer-echo.S"), into: directory)
        let input = directory.appendingPathComponent("input.txt")
        try "deterministic.".write(to: input, atomically: true, encoding: .utf8)
        let arguments = ["run", elf, "--input", input.path, "--max-instructions", "100000000"]
        let first = try ExternalTools.run(try Self.rvmk(), arguments)
        let second = try ExternalTools.run(try Self.rvmk(), arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let echoed = first.stdout.split(separator: "\n").dropLast().compactMap(\.first)
        #expect(String(echoed) == "deterministic")
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: opensbi), "needs Debian's opensbi package"))
    func openSBIPrintsItsBanner() throws {
        let run = try ExternalTools.run(try Self.rvmk(), ["run", Self.opensbi, "--max-instructions", "50000000"])
        #expect(run.stdout.contains("OpenSBI v"), "\(run.stdout)")
        #expect(run.stdout.contains("Platform Name"), "\(run.stdout)")
        #expect(run.stdout.contains("Platform HART Count       : 1"), "\(run.stdout)")
    }
}

@Suite struct RunCommandImageTests {
    func write(_ source: String, _ name: String, _ directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try source.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A riscv-tests-style program: HTIF `tohost` for console output and the exit status.
    @Test func htifConsoleAndExit() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try write("""
            .globl _start
        _start:
            li a0, 'o'
            call putchar
            li a0, 'k'
            call putchar
            li t0, (5 << 1) | 1                 # exit with status 5
            sd t0, tohost, t1
        1:  j 1b
        putchar:                                # device 1, command 1: console output
            li t0, (1 << 56) | (1 << 48)
            or t0, t0, a0
            sd t0, tohost, t1
            ret
            .data
            .p2align 3
            .globl tohost
        tohost: .dword 0
            .globl fromhost
        fromhost: .dword 0
        """, "htif.S", directory)
        let elf = try RunCommandTests.build(source, into: directory)
        let run = try ExternalTools.run(try RunCommandTests.rvmk(), ["run", elf])
        #expect(run.stdout == "ok")
        #expect(run.status == 5)
    }

    /// A flat binary is loaded at 0x8000_0000 and entered there.
    @Test func flatBinary() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let source = try write("""
            li t0, 0x10000000
            li t1, '!'
            sb t1, 0(t0)
            li t0, 0x100000
            li t1, (7 << 16) | 0x3333
            sw t1, 0(t0)
        1:  j 1b
        """, "flat.S", directory)
        let program = try #require(Assembler.assemble(path: source.path).program)
        let flat = directory.appendingPathComponent("flat.bin")
        try Data(program.flatImage()).write(to: flat)
        let run = try ExternalTools.run(try RunCommandTests.rvmk(), ["run", flat.path])
        #expect(run.stdout == "!")
        #expect(run.status == 7)
    }
}
