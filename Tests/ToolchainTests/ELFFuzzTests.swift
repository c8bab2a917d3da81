// ELFFile under hostile input: every truncation and tens of thousands of deterministic
// mutations of real images. The reader must return an ELFFile or throw an ELFError whose
// one-line message starts with the path; it must never trap. Accepted files are then used
// (contents, names, SymbolMap) to show that what passed the checks is safe to use.

import Testing
@testable import Toolchain

/// SplitMix64 (Steele, Lea, Flood 2014): a small deterministic generator, so every run tests the same inputs.
struct ELFFuzzRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

@Suite struct ELFFuzzTests {
    /// Outcomes of a batch of parses.
    struct Tally { var accepted = 0, rejected = 0 }

    private static let path = "fuzz.elf"

    /// Parses `bytes`, checks the outcome is well-formed, and uses what was accepted.
    private static func probe(_ bytes: [UInt8], _ tally: inout Tally) {
        do {
            let file = try ELFFile(bytes: bytes, path: path)
            exercise(file)
            tally.accepted += 1
        } catch {
            #expect(error.path == path)
            #expect(error.description.hasPrefix("\(path): ") && !error.message.isEmpty)
            #expect(!error.description.contains("\n"))
            tally.rejected += 1
        }
    }

    /// Touches everything an accepted file offers, as disasm and the loader will.
    private static func exercise(_ file: ELFFile) {
        var total = 0
        for segment in file.segments { total &+= file.contents(of: segment).count }
        for section in file.sections { total &+= file.contents(of: section).count }
        for segment in file.segments where segment.isLoad {
            #expect(UInt64(file.contents(of: segment).count) == segment.fileSize)
        }
        let map = SymbolMap(file.symbols)
        for symbol in file.symbols.prefix(32) {
            _ = map.lookup(symbol.value)
            _ = map.lookup(symbol.value &+ 1)
            _ = map.symbols(at: symbol.value)
            _ = map.address(of: symbol.name)
            _ = file.symbol(named: symbol.name)
        }
        _ = file.section(named: ".text")
        #expect(total >= 0)
    }

    /// Offsets worth hitting: the ELF header and the header tables and symbol table, where a
    /// random change reaches a check, instead of the zero padding that fills most of the file.
    private static func hotRanges(_ image: [UInt8]) -> [Range<Int>] {
        var ranges = [0..<64]
        let phoff = Int(image.elfRead(32, 8)), phnum = Int(image.elfRead(56, 2))
        ranges.append(phoff..<(phoff + 56 * phnum))
        let shoff = Int(image.elfRead(40, 8)), shnum = Int(image.elfRead(60, 2))
        ranges.append(shoff..<(shoff + 64 * shnum))
        for index in 0..<shnum where image.elfRead(image.sectionHeader(index) + 4, 4) == 2 {
            let offset = Int(image.elfRead(image.sectionHeader(index) + 24, 8))
            let size = Int(image.elfRead(image.sectionHeader(index) + 32, 8))
            ranges.append(offset..<(offset + size))
        }
        return ranges
    }

    /// A value a hostile file might hold in a field: edges, sizes near the file's, random.
    private static func nastyValue(_ random: inout ELFFuzzRandom, fileSize: Int) -> UInt64 {
        switch random.below(8) {
        case 0: return 0
        case 1: return ~0
        case 2: return UInt64(fileSize) &+ UInt64(random.below(129)) &- 64
        case 3: return 1 << UInt64(random.below(64))
        case 4: return (1 << 63) &- UInt64(random.below(16))
        case 5: return UInt64(random.below(256))
        case 6: return ~0 &- UInt64(random.below(0x1000))
        default: return random.next()
        }
    }

    /// One mutation: bit flips anywhere, or a field overwrite in a hot range.
    private static func mutate(_ image: [UInt8], _ random: inout ELFFuzzRandom,
                               hot: [Range<Int>]) -> [UInt8] {
        var bytes = image
        if random.below(3) == 0 {
            for _ in 0...random.below(4) {
                bytes[random.below(bytes.count)] ^= UInt8(1) << UInt8(random.below(8))
            }
            return bytes
        }
        let range = hot[random.below(hot.count)]
        let width = [1, 2, 4, 8][random.below(4)]
        let offset = range.lowerBound + random.below(max(1, range.count))
        guard offset + width <= bytes.count else { return bytes }
        bytes.elfPatch(offset, width, nastyValue(&random, fileSize: image.count))
        return bytes
    }

    @Test(arguments: ["gnu", "written"])
    func everyTruncation(_ name: String) {
        let image = name == "gnu" ? ELFTestImages.gnu : ELFTestImages.written
        var tally = Tally()
        for length in 0..<image.count { ELFFuzzTests.probe(Array(image.prefix(length)), &tally) }
        // Truncating the section header table always shows; the whole file is accepted.
        #expect(tally.rejected == image.count && tally.accepted == 0)
        ELFFuzzTests.probe(image, &tally)
        #expect(tally.accepted == 1)
    }

    @Test(arguments: [("gnu", UInt64(0x5eed_0001)), ("written", UInt64(0x5eed_0002))])
    func randomMutations(_ name: String, _ seed: UInt64) {
        let image = name == "gnu" ? ELFTestImages.gnu : ELFTestImages.written
        let hot = ELFFuzzTests.hotRanges(image)
        var random = ELFFuzzRandom(state: seed)
        var tally = Tally()
        for _ in 0..<25_000 {
            ELFFuzzTests.probe(ELFFuzzTests.mutate(image, &random, hot: hot), &tally)
        }
        // Both paths must be exercised, or the mutations are not reaching the checks.
        #expect(tally.accepted > 1000 && tally.rejected > 1000, "\(tally)")
    }

    @Test func randomBytes() {
        var random = ELFFuzzRandom(state: 0x5eed_0003)
        var tally = Tally()
        for _ in 0..<5_000 {
            var bytes = ELFTestImages.written.prefix(64 + random.below(256)).map { $0 }
            for index in 16..<bytes.count where random.below(4) == 0 {
                bytes[index] = UInt8(truncatingIfNeeded: random.next())
            }
            ELFFuzzTests.probe(bytes, &tally)
        }
        #expect(tally.rejected > 0)
    }
}
