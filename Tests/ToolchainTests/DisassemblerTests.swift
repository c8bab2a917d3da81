// The disassembler: texts in objdump's syntax, every 16-bit parcel and random words without a
// crash, a round trip over the whole encoding table (disassemble, assemble again, same
// bytes), and, when binutils is installed, our listing against `objdump -d` on the corpus.
import Foundation
import Testing
@testable import Toolchain
import TestSupport

@Suite struct DisassemblerTests {
    func text(_ word: UInt32, at address: UInt64 = 0x8000_0000) -> String {
        Disassembler.decode(word, address: address).text
    }

    @Test func objdumpAliases() {
        let cases: [(UInt32, String)] = [
            (0x0000_0013, "nop"), (0x02a0_0513, "li\ta0,42"), (0x0005_8513, "mv\ta0,a1"), (0x0015_0513, "addi\ta0,a0,1"),
            (0xfff5_4593, "not\ta1,a0"), (0x40a0_0533, "neg\ta0,a0"), (0x0005_051b, "sext.w\ta0,a0"),
            (0x0015_3513, "seqz\ta0,a0"), (0x00a0_3533, "snez\ta0,a0"), (0x0000_8067, "ret"), (0x0005_0067, "jr\ta0"),
            (0x0005_00e7, "jalr\ta0"), (0x3000_2573, "csrr\ta0,mstatus"), (0x3005_1073, "csrw\tmstatus,a0"),
            (0xc000_2573, "rdcycle\ta0"), (0x0ff0_000f, "fence"), (0x0210_000f, "fence\tr,w"), (0x8330_000f, "fence.tso"),
            (0x1200_0073, "sfence.vma"), (0x0ff5_f513, "zext.b\ta0,a1"), (0x0055_9513, "slli\ta0,a1,0x5"),
            (0x1234_5537, "lui\ta0,0x12345"), (0x06b6_252f, "amoadd.w.aqrl\ta0,a1,(a2)"), (0x1005_b52f, "lr.d\ta0,(a1)"),
            (0x3044_6073, "csrs\tmie,8"), (0xc000_1073, "unimp"),
            // Compressed instructions through their base forms.
            (0x0141, "addi\tsp,sp,16"), (0x852a, "mv\ta0,a0"), (0x0808, "addi\ta0,sp,16"), (0x952e, "add\ta0,a0,a1"),
            (0x4501, "li\ta0,0"), (0x2501, "sext.w\ta0,a0"), (0x6505, "lui\ta0,0x1"), (0x757d, "lui\ta0,0xfffff"),
            (0x9502, "jalr\ta0"), (0x8082, "ret"), (0x9002, "ebreak"), (0x0001, "nop"), (0x4512, "lw\ta0,4(sp)"),
            (0x0000, "unimp"), (0x0005, "c.nop\t1"), (0x0502, "c.slli64\ta0"), (0x802a, "c.mv\tzero,a0"),
            (0x8002, ".2byte\t0x8002"), (0x0000_000b, ".4byte\t0xb"),
        ]
        for (word, expected) in cases {
            #expect(text(word) == expected, "\(String(word, radix: 16))")
        }
        #expect(Disassembler.decode(0xfe00_0ee3, address: 0x8000_0010).text == "beqz\tzero,8000000c")
        #expect(Disassembler.decode(0xbffd, address: 0x8000_0002).text == "j\t80000000")
    }

    @Test func everyParcelAndRandomWordsDecode() {
        for parcel in 0...0xffff {
            let decoded = Disassembler.decode(UInt32(parcel) | 0xffff_0000, address: 0x8000_0000)
            #expect(decoded.length == 2 || decoded.length == 4)
            if parcel & 3 != 3 { #expect(decoded.length == 2) }
        }
        var state: UInt64 = 0x1234_5678
        var valid = 0
        for _ in 0..<200_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let decoded = Disassembler.decode(UInt32(truncatingIfNeeded: state >> 32), address: state)
            if decoded.isValid { valid += 1 }
            #expect(!decoded.text.isEmpty)
        }
        #expect(valid > 10_000)
    }

    /// Sample values for a field: its edges and a middle value, nonzero where zero would be
    /// reserved or a HINT, so that each sample is an ordinary instruction.
    static func samples(_ field: OperandField, _ spec: InstructionSpec) -> [Int64] {
        if field.isCompressedRegister { return [8, 11, 15] }
        if field.kind == .register { return spec.isCompressed ? [1, 10, 31] : [0, 5, 31] }
        if field.kind == .csr { return [0x300, 0xc01, 0x7c0] }
        if field.kind == .fenceSet { return [1, 6, 15] }
        let candidates = [field.minimum, field.maximum, field.alignment * 3, -field.alignment * 5]
        return candidates.filter { field.accepts($0) && ($0 != 0 || !(spec.reservedIfZero + spec.hintIfZero).contains(field.name)) }
    }

    @Test func roundTripOverTheEncodingTable() throws {
        var checked = 0
        for spec in InstructionTable.all {
            for variant in 0..<3 {
                var word = spec.match
                for field in spec.fields {
                    let choices = Self.samples(field, spec)
                    guard !choices.isEmpty else { continue }
                    word |= field.insert(choices[variant % choices.count])
                }
                guard spec.matches(word), InstructionTable.decode(word)?.name == spec.name else { continue }
                let decoded = Disassembler.decode(word, address: 0x8000_0000)
                // Targets as distances from `.`, so that the branch is sized by its distance.
                let line = decoded.text { target in
                    let distance = Int64(bitPattern: target &- 0x8000_0000)
                    return distance < 0 ? ".\(distance)" : ".+\(distance)"
                }.replacingOccurrences(of: "\t", with: " ")
                let source = (spec.isCompressed ? "" : ".option norvc\n") + line + "\n"
                let result = Assembler.assemble(source: source, path: "roundtrip.S", options: AssemblerOptions(base: 0x8000_0000))
                let bytes = try #require(result.program?.flatImage(), "\(spec.name): '\(line)': \(result.errors.map(\.description))")
                let expected = (0..<spec.length).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) }
                #expect(Array(bytes.prefix(spec.length)) == expected, "\(spec.name) \(String(word, radix: 16)): '\(line)'")
                checked += 1
            }
        }
        #expect(checked > 400)
    }

    /// binutils 2.40 (Debian bookworm) prints immediate forms without their `i` (`add
    /// a0,a1,-5` for addi); 2.39 and 2.41 print `addi`. Only that is normalized.
    static func normalize240(_ line: String) -> String {
        let names = ["add": "addi", "addw": "addiw", "and": "andi", "or": "ori", "xor": "xori", "sll": "slli",
                     "srl": "srli", "sra": "srai", "sllw": "slliw", "srlw": "srliw", "sraw": "sraiw"]
        var parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4, let fixed = names[parts[2]] else { return line }
        let operands = parts[3].split(separator: " ")[0].split(separator: ",")
        guard operands.count == 3, let last = operands.last,
              last.hasPrefix("0x") || Int(last) != nil else { return line }
        parts[2] = fixed
        return parts.joined(separator: "\t")
    }

    @Test(.enabled(if: ExternalTools.binutilsAvailable, "needs riscv64-unknown-elf-objdump (Debian: binutils-riscv64-unknown-elf)"),
          arguments: AssemblerDifferentialTests.sources)
    func listingMatchesObjdump(_ name: String) throws {
        let source = ExternalTools.corpus.appendingPathComponent(name).path
        let result = Assembler.assemble(path: source, options: AssemblerOptions(includePaths: [ExternalTools.corpus.path]))
        let program = try #require(result.program)
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elf = directory.appendingPathComponent("corpus.elf")
        try Data(program.elfImage()).write(to: elf)
        let objdump = try ExternalTools.run(ExternalTools.find("riscv64-unknown-elf-objdump")!, ["-d", elf.path])
        let file = try ELFFile.load(path: elf.path)
        let listing = DisassemblyListing(symbols: SymbolMap(file.symbols), all: file.symbols)
        var ours: [String] = []
        for section in file.sections where section.isExecutable && section.size > 0 {
            ours.append("")
            ours.append("Disassembly of section \(section.name):")
            ours += listing.lines(Array(file.contents(of: section)), address: section.address, sectionName: section.name)
        }
        let theirs = objdump.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst(3)
            .map { Self.normalize240(String($0)) }.filter { !$0.isEmpty }
        let mine = ours.filter { !$0.isEmpty }
        for (index, (a, b)) in zip(theirs, mine).enumerated() where a != b {
            Issue.record("\(name) line \(index): objdump '\(a)', rvmk '\(b)'")
            break
        }
        #expect(theirs.count == mine.count, "\(name): \(theirs.count) lines from objdump, \(mine.count) from rvmk")
    }
}
