// Assembler behaviour that needs no outside tool: encodings checked against the ISA manual,
// the symbol table, section placement, output formats and options.
import Foundation
import Testing
@testable import Toolchain
import TestSupport

@Suite struct AssemblerTests {
    func program(_ source: String, options: AssemblerOptions = AssemblerOptions()) throws -> Program {
        let result = Assembler.assemble(source: source, path: "test.S", options: options)
        guard let program = result.program else {
            throw Failure(description: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return program
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    func words(_ bytes: [UInt8]) -> [UInt32] {
        stride(from: 0, to: bytes.count - 3, by: 4).map { i in
            UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
        }
    }

    @Test func baseEncodingsFromTheManual() throws {
        let text = try program("""
            .option norvc
            add x1, x2, x3
            addi a0, a0, -1
            sw a1, -4(sp)
            beq a0, a1, 1f
            nop
        1:  lui t0, 0xfffff
            csrrw zero, mstatus, a0
            ecall
            mret
            amoswap.d.aqrl a0, a1, (a2)
        """, options: AssemblerOptions(base: 0)).flatImage()
        #expect(words(text) == [0x0031_00b3, 0xfff5_0513, 0xfeb1_2e23, 0x00b5_0463, 0x0000_0013, 0xffff_f2b7, 0x3005_1073,
                                0x0000_0073, 0x3020_0073, 0x0eb6_352f])
    }

    @Test func compressedWhenEligible() throws {
        let text = try program("addi a0, a0, 1\naddi a0, a0, 100\nli a5, -1\nmv s0, a1\n").flatImage()
        #expect(text == [0x05, 0x05, 0x13, 0x05, 0x45, 0x06, 0xfd, 0x57, 0x2e, 0x84])
        let plain = try program(".option norvc\naddi a0, a0, 1\n").flatImage()
        #expect(plain.count == 4)
    }

    @Test func loadImmediateSequences() throws {
        // 0x123456789abcdef0 is lui+addiw, then three shift-and-add steps (GNU as's load_const).
        let text = try program(".option norvc\nli a0, 0x123456789abcdef0\n").flatImage()
        #expect(words(text) == [0x0024_7537, 0x8ad5_051b, 0x00e5_1513, 0xc4d5_0513, 0x00c5_1513,
                                0x5e75_0513, 0x00d5_1513, 0xef05_0513])
        let small = try program(".option norvc\nli t0, 0x7ff\nli t1, 0x800\n").flatImage()
        #expect(words(small) == [0x7ff0_0293, 0x0000_1337, 0x8003_031b])
    }

    @Test func symbolsSectionsAndEntry() throws {
        let program = try self.program("""
            .globl _start
            .equ ANSWER, 42
            .data
            value: .word ANSWER
            .rodata
            name: .string "rvmk"
            .text
            _start: la a0, name
            .L_local: j _start
            .bss
            buffer: .zero 64
        """)
        #expect(program.entry == 0x8000_0000)
        #expect(program.sections.map(\.name) == [".text", ".rodata", ".data", ".bss"])
        let text = try #require(program.section(named: ".text"))
        let rodata = try #require(program.section(named: ".rodata"))
        let data = try #require(program.section(named: ".data"))
        #expect(rodata.address == text.address + text.size)
        // ld's DATA_SEGMENT_ALIGN: the next page, at the same offset within the page.
        #expect(data.address == ((rodata.address + rodata.size + 0xfff) & ~0xfff) + ((rodata.address + rodata.size) & 0xfff))
        #expect(program.symbol(named: "_start")?.isGlobal == true)
        #expect(program.symbol(named: "ANSWER")?.section == nil)
        #expect(program.symbol(named: "ANSWER")?.value == 42)
        #expect(program.symbol(named: "name")?.value == rodata.address)
        #expect(program.symbol(named: "buffer")?.section == ".bss")
        #expect(program.symbol(named: ".L_local") == nil)
        #expect(program.section(named: ".bss")?.isNoBits == true)
        #expect(program.usesCompressed)
    }

    @Test func elfOutputReadsBack() throws {
        let program = try self.program(".globl _start\n.text\nnop\n_start: j _start\n.data\nd: .dword 7\n")
        let file = try ELFFile(bytes: program.elfImage(), path: "test.elf")
        #expect(file.entry == 0x8000_0002)
        #expect(file.flags & 1 == 1)
        #expect(file.symbol(named: "_start")?.value == 0x8000_0002)
        #expect(file.symbol(named: "d")?.binding == .local)
        let load = file.segments.filter(\.isLoad)
        #expect(load.count == 2)
        #expect(load.first?.flags.contains(.execute) == true)
        #expect(load.last?.flags.contains(.write) == true)
    }

    @Test func flatImageStartsAtBaseAndFillsGaps() throws {
        let image = try program(".text\nnop\n.data\n.byte 0x5a\n", options: AssemblerOptions(base: 0x1000)).flatImage()
        // .text is 2 bytes at 0x1000; .data lands at 0x2002.
        #expect(image.count == 0x1003)
        #expect(image[0x1002] == 0x5a)
        #expect(image[2..<0x1002].allSatisfy { $0 == 0 })
    }

    @Test func definesAndIncludePaths() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try ".equ FROM_INCLUDE, 9\n".write(to: directory.appendingPathComponent("inc.S"), atomically: true, encoding: .utf8)
        let options = AssemblerOptions(base: 0, includePaths: [directory.path], defines: ["LEVEL": 3])
        let image = try program(".include \"inc.S\"\n.rodata\n.byte LEVEL, FROM_INCLUDE\n.ifdef LEVEL\n.byte 1\n.endif\n", options: options).flatImage()
        #expect(image == [3, 9, 1])
    }

    @Test func macroArgumentsAndCounters() throws {
        let image = try program("""
            .rodata
            .macro pair a, b=5
            .byte \\a, \\b, \\@
            .endm
            pair 1
            pair 2, 3
            pair b=4, a=6
            .irp x, 7, 8
            .byte \\x
            .endr
            .rept 2
            .byte 9
            .endr
        """, options: AssemblerOptions(base: 0)).flatImage()
        #expect(image == [1, 5, 0, 2, 3, 1, 6, 4, 2, 7, 8, 9, 9])
    }

    @Test func quotedMacroArgumentsLoseTheirQuotes() throws {
        // As GNU as: a quoted argument stands for what is inside the quotes.
        let image = try program("""
            .rodata
            .macro text t, u="x y"
            .ascii "\\t|\\u"
            .endm
            text "a b"
            text q, u="c,d"
        """, options: AssemblerOptions(base: 0)).flatImage()
        #expect(image == Array("a b|x yq|c,d".utf8))
    }

    @Test func expressionPrecedenceFollowsGNU() throws {
        // GNU as binds & tighter than +, and comparisons give -1 for true.
        let image = try program(".rodata\n.byte 1 + 2 & 3, 2 * 3 + 1, (1 < 2) & 0xff, -1 >> 1 & 0xff, 7 % 4 << 2\n",
                                options: AssemblerOptions(base: 0)).flatImage()
        #expect(image == [3, 7, 0xff, 0xff, 12])
    }

    @Test func relaxedBranchSizes() throws {
        // c.beqz reaches 254 bytes ahead; past that the full beqz; past 4 KiB, c.bnez over a jal.
        let near = try program("beqz a0, 1f\n.skip 252\n1: nop\n", options: AssemblerOptions(base: 0)).flatImage()
        #expect(near.count == 2 + 252 + 2)
        let middle = try program("beqz a0, 1f\n.skip 300\n1: nop\n", options: AssemblerOptions(base: 0)).flatImage()
        #expect(middle.count == 4 + 300 + 2)
        let far = try program("beqz a0, 1f\n.skip 5000\n1: nop\n", options: AssemblerOptions(base: 0)).flatImage()
        #expect(far.count == 6 + 5000 + 2)
        #expect(Array(far.prefix(2)) == [0x19, 0xe1])  // c.bnez a0, .+6
    }
}
