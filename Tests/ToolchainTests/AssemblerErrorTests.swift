// Every class of assembler error: the message names the file, line and column and says what
// is wrong, the source line and a caret follow, every error of a run is reported, and no
// program is produced.
import Foundation
import Testing
@testable import Toolchain
import TestSupport

@Suite struct AssemblerErrorTests {
    /// Assembles `source` as test.S and returns the error descriptions.
    func errors(_ source: String) -> [String] {
        let result = Assembler.assemble(source: source, path: "test.S")
        #expect(result.program == nil || result.errors.isEmpty)
        return result.errors.map(\.description)
    }

    func expectError(_ source: String, _ fragment: String, line: Int, column: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let found = errors(source)
        #expect(found.count == 1, "\(found)", sourceLocation: sourceLocation)
        guard let first = found.first else { return }
        #expect(first.hasPrefix("test.S:\(line):\(column): error: "), "\(first)", sourceLocation: sourceLocation)
        #expect(first.contains(fragment), "\(first)", sourceLocation: sourceLocation)
    }

    @Test func diagnosticShowsTheLineAndACaret() {
        let found = errors("_start:\n    addi a0, a0, 5000\n")
        #expect(found == ["test.S:2:18: error: immediate 5000 out of range -2048..2047\n    addi a0, a0, 5000\n                 ^"])
    }

    @Test func loadOrStoreOfAConstantIsNoSymbol() {
        // GNU as refuses these too ("illegal operands").
        expectError("    .equ C, 0x100\n    ld a0, C\n", "needs an address, not a constant", line: 2, column: 12)
        expectError("    sw a0, 0x100, t0\n", "needs an address, not a constant", line: 1, column: 12)
    }

    @Test func unknownMnemonic() {
        expectError("nop\n  frobnicate a0, a1\n", "unknown instruction 'frobnicate'", line: 2, column: 3)
    }

    @Test func badRegister() {
        expectError("add a0, a9, a1\n", "'a9' is not a register", line: 1, column: 9)
        expectError("lw a0, 8(q3)\n", "'q3' is not a register", line: 1, column: 10)
        expectError("c.lw a0, 8(t0)\n", "register t0 cannot be used here: compressed instructions take x8..x15", line: 1, column: 10)
    }

    @Test func immediateOutOfRangeNamesTheRange() {
        expectError("slli a0, a0, 64\n", "immediate 64 out of range 0..63", line: 1, column: 14)
        expectError("lui a0, 0x100000\n", "out of range 0..1048575", line: 1, column: 9)
        expectError("csrrwi a0, mstatus, 32\n", "out of range 0..31", line: 1, column: 21)
        expectError("sd a0, 2048(sp)\n", "out of range -2048..2047", line: 1, column: 8)
        expectError("c.addi16sp sp, 24\n", "must be a multiple of 16", line: 1, column: 16)
        expectError("csrr a0, 4096\n", "CSR number 4096 out of range 0..4095", line: 1, column: 10)
    }

    @Test func undefinedSymbol() {
        expectError("_start:\n    j nowhere\n", "undefined symbol 'nowhere'", line: 2, column: 7)
        expectError("la a0, missing + 4\n", "undefined symbol 'missing'", line: 1, column: 8)
        expectError(".word 1, gone\n", "undefined symbol 'gone'", line: 1, column: 10)
        expectError("li a0, LATER\n.equ LATER, 1\n", "must be a constant known at this point", line: 1, column: 8)
    }

    @Test func duplicateLabel() {
        expectError("x:\n  nop\nx:\n", "symbol 'x' is already defined (first defined at test.S:1)", line: 3, column: 1)
        expectError(".equ K, 1\n.equ K, 2\n", "symbol 'K' is already defined", line: 2, column: 8)
    }

    @Test func branchOutOfRange() {
        expectError("c.beqz a0, far\n.skip 300\nfar: nop\n", "branch target out of range", line: 1, column: 12)
        expectError("jal far\n.skip 0x100000\nfar: nop\n", "branch target out of range", line: 1, column: 5)
        expectError("beqz a0, far\n.skip 0x100000\nfar: nop\n", "branch target out of range", line: 1, column: 10)
    }

    @Test func misalignedTarget() {
        expectError("j odd\n.byte 1\nodd: nop\n", "misaligned branch target 0x80000003", line: 1, column: 3)
        expectError("beq a0, a1, 0x80000001\n", "misaligned branch target", line: 1, column: 13)
    }

    @Test func macroRecursion() {
        let found = errors(".macro forever\n  forever\n.endm\n  forever\n")
        #expect(found.count == 1)
        #expect(found.first?.contains("expanded too deeply") == true, "\(found)")
    }

    @Test func unterminatedBlocks() {
        expectError("  .if 1\n  nop\n", "'.if' without '.endif'", line: 1, column: 3)
        expectError(".macro m\n  nop\n", "'.macro' without '.endm'", line: 1, column: 1)
        expectError(".rept 3\n  nop\n", "'.rept' without '.endr'", line: 1, column: 1)
        expectError(".endif\n", "'.endif' without '.if'", line: 1, column: 1)
        expectError(".endm\n", "'.endm' without a matching", line: 1, column: 1)
    }

    @Test func includeCycleAndMissingInclude() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("a.S"), b = directory.appendingPathComponent("b.S")
        try ".include \"b.S\"\nnop\n".write(to: a, atomically: true, encoding: .utf8)
        try "nop\n.include \"a.S\"\n".write(to: b, atomically: true, encoding: .utf8)
        let result = Assembler.assemble(path: a.path)
        #expect(result.program == nil)
        #expect(result.errors.count == 1)
        #expect(result.errors.first?.description.hasPrefix("\(b.path):2:1: error: include cycle: a.S -> b.S -> a.S") == true,
                "\(result.errors.map(\.description))")
        let missing = Assembler.assemble(source: ".include \"nothere.inc\"\n", path: a.path)
        #expect(missing.errors.first?.message == "cannot find include file 'nothere.inc'")
    }

    @Test func unreadableFile() {
        let result = Assembler.assemble(path: "/nonexistent/dir/prog.S")
        #expect(result.program == nil)
        #expect(result.errors.map(\.description) == ["rvmk: error: /nonexistent/dir/prog.S: no such file"])
    }

    @Test func everyErrorIsReportedInOneRun() {
        let source = """
        _start:
            addi a0, a0, 9999
            bogus a0
            add a0, a1, q0
            j undefined_label
        dup: nop
        dup: nop
            li a0
        """
        let found = errors(source)
        #expect(found.count == 6, "\(found)")
        #expect(found.map { $0.split(separator: ":")[1] } == ["2", "3", "4", "5", "7", "8"])
    }

    @Test func operandCountAndShape() {
        expectError("addi a0, a1\n", "'addi' takes 3 operands: addi rd, rs1, imm12", line: 1, column: 1)
        expectError("lw a0, a1\n", "undefined symbol 'a1'", line: 1, column: 8)
        expectError("fence rw, q\n", "'q' is not a fence set", line: 1, column: 11)
        expectError("csrr a0, notacsr\n", "unknown CSR 'notacsr'", line: 1, column: 10)
        expectError(".byte 1,\n", "expected a value after ','", line: 1, column: 8)
        expectError(".ascii abc\n", "expects quoted strings", line: 1, column: 8)
        expectError(".balign 3\n", "alignment 3 is not a power of 2", line: 1, column: 1)
        expectError(".frobnicate\n", "unknown directive '.frobnicate'", line: 1, column: 1)
        expectError(".bss\n.word 5\n", "holds no data", line: 2, column: 7)
        expectError(".option fast\n", "unknown option 'fast'", line: 1, column: 1)
    }
}
