// No source, however malformed, may crash the assembler or make it run away: thousands of
// mutations of the corpus (extreme numbers, random characters, shuffled and duplicated
// lines, truncations) must each end in a program or in diagnostics.
import Foundation
import Testing
@testable import Toolchain
import TestSupport

@Suite struct AssemblerFuzzTests {
    /// A small deterministic generator (SplitMix64), so a failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    static let extremes = ["0", "-1", "0x7fffffffffffffff", "-0x8000000000000000", "0xffffffffffffffff",
                           "4096", "65536", "1<<63", "0x100000000", "99999999999999999999", "-2049", "2048",
                           "(1<<62)*4", "1/0", "5%0", ".", ". - 1", "1f", "9b", "%hi(x)", "%pcrel_lo(.)"]
    static let fragments = [",", "(", ")", "\"", "'", "\\", "#", ";", ":", "=", ".macro m", ".endm", ".if 1", ".endif",
                            ".rept 3", ".endr", ".include \"missing\"", "x0", "a9", "%lo(", "\u{00e9}", "\t", "1:", ".section"]

    static func mutate(_ lines: [String], _ random: inout Generator) -> String {
        var lines = lines
        for _ in 0..<(1 + random.below(6)) {
            guard !lines.isEmpty else { break }
            let index = random.below(lines.count)
            switch random.below(7) {
            case 0:  // replace a number with an extreme value
                var words = lines[index].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
                if !words.isEmpty { words[random.below(words.count)] = extremes[random.below(extremes.count)] }
                lines[index] = words.joined(separator: " ")
            case 1:  // insert a fragment
                var characters = Array(lines[index])
                characters.insert(contentsOf: fragments[random.below(fragments.count)], at: random.below(characters.count + 1))
                lines[index] = String(characters)
            case 2:  // truncate a line
                lines[index] = String(lines[index].prefix(random.below(lines[index].count + 1)))
            case 3:  // duplicate a line elsewhere
                lines.insert(lines[index], at: random.below(lines.count + 1))
            case 4:  // drop a line
                lines.remove(at: index)
            case 5:  // swap two lines
                lines.swapAt(index, random.below(lines.count))
            default:  // random printable bytes
                lines[index] = String((0..<random.below(30)).map { _ in Character(UnicodeScalar(UInt8(32 + random.below(95)))) })
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test func mutatedCorpusNeverCrashes() throws {
        let names = ["pseudo.S", "compressed.S", "directives.S", "sections.S", "random-1.S"]
        var random = Generator(state: 0x5eed)
        var outcomes = (programs: 0, failures: 0)
        for name in names {
            let text = try String(contentsOf: ExternalTools.corpus.appendingPathComponent(name), encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<400 {
                let source = Self.mutate(lines, &random)
                let result = Assembler.assemble(source: source, path: "fuzz.S",
                                                options: AssemblerOptions(includePaths: [ExternalTools.corpus.path]))
                if let program = result.program {
                    outcomes.programs += 1
                    _ = program.elfImage()
                } else {
                    outcomes.failures += 1
                    #expect(result.errors.allSatisfy { $0.location != nil || $0.message.contains("fuzz.S") })
                }
            }
        }
        // Both paths must have been exercised for the test to mean anything.
        #expect(outcomes.programs > 100)
        #expect(outcomes.failures > 100)
    }

    @Test func hostileNumbersAreErrorsNotTraps() {
        let sources = [
            ".skip 0x7fffffffffffffff\n", ".fill 0x7fffffffffffffff, 8, 1\n", ".rept -1\nnop\n.endr\n",
            ".balign 0x8000000000000000\n", ".p2align 64\n", ".zero -5\n", "li a0, 1 << 64\n",
            ".word 1/0\n", ".byte -0x8000000000000000 / -1\n", ".set x, x + 1\n.word x\n", ".equ a, b\n.equ b, a\n.word a\n",
            ".skip 0x10000000\n.skip 0x10000000\n.skip 0x10000000\n.skip 0x10000000\n.skip 0x10000000\n",
        ]
        for source in sources {
            _ = Assembler.assemble(source: source, path: "hostile.S")
        }
        let highBase = Assembler.assemble(source: "nop\n.data\n.zero 0x2000\n", path: "base.S",
                                          options: AssemblerOptions(base: 0xffff_ffff_ffff_f000))
        #expect(highBase.program == nil && highBase.errors.count == 1, "a program past the top of the address space is an error")
        let huge = Assembler.assemble(source: ".rept 5\n.zero 0x10000000\n.endr\n", path: "huge.S")
        #expect(huge.program == nil && huge.errors.first?.message.contains("1 GiB") == true)
    }
}
