// A listing in the layout of `objdump -d`: a header line for each symbol, then one line per
// instruction with its address, its bytes and its text, branch targets and computed
// addresses named by the nearest symbol (`j 8000002a <_start+0x2a>`, `addi a0,a0,40 #
// 80001520 <msg>`), and runs of zeros shown as `...`. `rvmk disasm` prints it, and a test
// compares it with objdump's own output line by line.

public struct DisassemblyListing {
    /// Symbols that head the listing's blocks.
    public let symbols: SymbolMap
    /// Every named symbol, absolute ones included, by value: objdump names addresses with them.
    private let sorted: [(value: UInt64, name: String)]

    public init(symbols: SymbolMap, all: [ELFSymbol] = []) {
        self.symbols = symbols
        sorted = all.filter { !$0.name.isEmpty && $0.type != .section && $0.type != .file && !$0.name.hasPrefix("$") }
            .enumerated().sorted { ($0.element.value, $0.offset) < ($1.element.value, $1.offset) }
            .map { ($0.element.value, $0.element.name) }
    }

    /// objdump's `<symbol+0x12>` form of an address: the nearest symbol at or below it, or
    /// the lowest symbol with a negative offset; plain `0x...` when there are no symbols.
    public func describe(_ address: UInt64) -> String {
        let hex = String(address, radix: 16)
        guard let first = sorted.first else { return "0x" + hex }
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle].value <= address { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return "\(hex) <\(first.name)-0x\(String(first.value - address, radix: 16))>" }
        // Several symbols at one value: objdump names the first of them.
        var index = low - 1
        while index > 0 && sorted[index - 1].value == sorted[index].value { index -= 1 }
        let value = sorted[index].value
        let name = symbols.symbols(at: value).first ?? sorted[index].name
        return value == address ? "\(hex) <\(name)>" : "\(hex) <\(name)+0x\(String(address - value, radix: 16))>"
    }

    /// The lines for `bytes` loaded at `address`, as objdump prints a section. `limit` stops
    /// after that many instructions (and shows zeros as instructions).
    public func lines(_ bytes: [UInt8], address: UInt64, limit: Int? = nil, sectionName: String = ".text") -> [String] {
        var lines: [String] = []
        var tracker = AddressTracker()
        let width = Self.addressWidth(sectionEnd: address &+ UInt64(bytes.count))
        var offset = 0
        var count = 0
        while offset < bytes.count, count < (limit ?? .max) {
            let here = address &+ UInt64(offset)
            // A header for the symbol at this address; where the listing starts between
            // symbols, objdump names the nearest one before it, or the section.
            if let name = symbols.symbols(at: here).first ?? (offset == 0 ? startName(here, sectionName) : nil) {
                lines.append("")
                lines.append("\(Self.hex16(here)) <\(name)>:")
            }
            // objdump works through the section from symbol to symbol: a run of zeros ends
            // at the next symbol as it ends at the end of the section.
            let stop = symbols.next(after: here, before: address &+ UInt64(bytes.count)).map { Int($0 &- address) } ?? bytes.count
            if limit == nil, let skip = Self.zeroRun(bytes, from: offset, stop: stop) {
                lines.append("\t...")
                offset += skip
                continue
            }
            let announced = Disassembler.instructionLength(UInt16(truncatingIfNeeded: Self.word(bytes, at: offset)))
            if announced > 4 {
                let length = min(announced, bytes.count - offset)
                lines += Self.longInstruction(Array(bytes[offset..<(offset + length)]), at: here, width: width)
                offset += length
                count += 1
                continue
            }
            let word = Self.word(bytes, at: offset)
            let instruction = Disassembler.decode(word, address: here)
            let length = min(instruction.length, bytes.count - offset)
            var text = instruction.text(symbolize: describe)
            if let comment = tracker.comment(for: instruction) { text += " # " + describe(comment) }
            let raw = Self.rawColumn(Array(bytes[offset..<(offset + length)]))
            lines.append("\(Self.addressColumn(here, width: width)):\t\(raw.first)\t\(text)")
            offset += length
            count += 1
        }
        return lines
    }

    private func startName(_ address: UInt64, _ sectionName: String) -> String {
        guard let (name, distance) = symbols.lookup(address) else { return sectionName }
        return "\(name)+0x\(String(distance, radix: 16))"
    }

    /// Up to four bytes at `offset`, little-endian, zero past the end.
    static func word(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        var word: UInt32 = 0
        for index in 0..<4 where offset + index < bytes.count {
            word |= UInt32(bytes[offset + index]) << (8 * UInt32(index))
        }
        return word
    }

    /// objdump skips 8 or more zero bytes (in multiples of 4 unless they run to the end),
    /// and fewer than 3 zero bytes at the very end.
    static func zeroRun(_ bytes: [UInt8], from offset: Int, stop: Int) -> Int? {
        var end = offset
        while end < stop && bytes[end] == 0 { end += 1 }
        let run = end - offset
        if end == stop {
            return run >= 8 || (run > 0 && run < 3) ? run : nil
        }
        guard run >= 8 else { return nil }
        return run & ~3
    }

    /// The bytes as objdump shows them: in chunks of 4 bytes (when the length is a multiple
    /// of 4) or 2, each chunk as a little-endian hex number and a space, eight bytes to a
    /// line; the first line is padded to a full eight bytes, the rest are not.
    static func rawColumn(_ bytes: [UInt8]) -> (first: String, rest: [String]) {
        let chunk = bytes.count % 4 == 0 ? 4 : 2
        var lines: [String] = []
        var line = ""
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            if start > 0 && start % 8 == 0 {
                lines.append(line)
                line = ""
            }
            var value: UInt64 = 0
            for index in (start..<min(start + chunk, bytes.count)).reversed() { value = value << 8 | UInt64(bytes[index]) }
            let digits = String(value, radix: 16)
            line += String(repeating: "0", count: max(0, chunk * 2 - digits.count)) + digits + " "
        }
        lines.append(line)
        let used = min(bytes.count, 8)
        lines[0] += String(repeating: " ", count: (8 - used) / chunk * (chunk * 2 + 1))
        return (lines[0], Array(lines.dropFirst()))
    }

    /// An encoding longer than 32 bits, which RV64IMAC does not have: `.8byte` or `.byte`
    /// lists, as objdump prints it.
    static func longInstruction(_ bytes: [UInt8], at address: UInt64, width: Int) -> [String] {
        let text: String
        if bytes.count == 8 {
            let value = bytes.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            text = ".8byte\t0x" + String(value, radix: 16)
        } else {
            text = ".byte\t" + bytes.map { "0x" + (($0 < 16) ? "0" : "") + String($0, radix: 16) }.joined(separator: ", ")
        }
        let raw = rawColumn(bytes)
        var lines = ["\(addressColumn(address, width: width)):\t\(raw.first)\t\(text)"]
        for (index, rest) in raw.rest.enumerated() {
            lines.append("\(addressColumn(address &+ UInt64(8 * (index + 1)), width: width)):\t\(rest)")
        }
        return lines
    }

    static func hex16(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    /// objdump drops leading zeros of the 16-digit address in groups of four, keeping one
    /// group more than the section's end address needs.
    static func addressWidth(sectionEnd: UInt64) -> Int {
        let digits = String(sectionEnd, radix: 16).count
        let skip = (16 - digits - 1) & ~3
        return 16 - max(0, skip)
    }

    static func addressColumn(_ address: UInt64, width: Int) -> String {
        let digits = String(address, radix: 16)
        return String(repeating: " ", count: max(0, width - digits.count)) + digits
    }
}

/// objdump's `#` comments: after `lui`/`auipc` it remembers the value a register holds, and
/// the next instruction that adds an offset to that register (addi, a load, a store, jalr)
/// shows the address they make. binutils 2.40 forgets the value once it is used, and only
/// then.
struct AddressTracker {
    private var upper = [UInt64?](repeating: nil, count: 32)

    mutating func comment(for instruction: DecodedInstruction) -> UInt64? {
        var result: UInt64?
        if let use = instruction.offsetUse {
            if let base = upper[use.register] {
                result = base &+ UInt64(bitPattern: use.offset)
                upper[use.register] = nil
            } else if use.register == 0 || use.register == 4 {
                // Offsets from zero and tp are addresses in themselves.
                result = UInt64(bitPattern: use.offset)
            }
            if use.wide, let value = result { result = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: value))) }
        }
        if let write = instruction.upperWrite {
            upper[write.register] = write.value
        }
        return result
    }
}
