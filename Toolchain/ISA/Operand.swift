// Instruction operands: where each one lives in the instruction word and what values it
// may hold. The immediate layouts are written the way the ISA manual draws them
// ("imm[12|10:5]" at bits 31:25), so each can be checked against the manual by eye.

/// The kind of value an operand holds in assembly syntax.
public enum OperandKind: Sendable, Equatable {
    /// An integer register; `compressed` registers are x8..x15 in a 3-bit field.
    case register
    /// An integer immediate.
    case immediate
    /// A pc-relative target (branches and jumps): written as a label or address.
    case target
    /// A CSR number or name.
    case csr
    /// A fence predecessor/successor set, written as a subset of "iorw".
    case fenceSet
}

/// One piece of a scattered immediate: `width` instruction bits starting at `instructionLow`
/// hold immediate bits starting at `immediateLow`.
public struct BitPiece: Sendable, Equatable {
    public let instructionLow: Int
    public let immediateLow: Int
    public let width: Int
}

/// Where an operand lives in the instruction and which values it accepts.
public struct OperandField: Sendable {
    public let name: String
    public let kind: OperandKind
    public let pieces: [BitPiece]
    /// Register fields of compressed instructions hold x8..x15 in 3 bits.
    public let isCompressedRegister: Bool
    public let isSigned: Bool
    /// Values must be a multiple of this (2 for branch offsets, 4 for c.lw offsets).
    public let alignment: Int64
    /// The encodable range, in assembly-syntax units.
    public let minimum: Int64
    public let maximum: Int64

    /// The instruction bits this field occupies.
    public var mask: UInt32 {
        pieces.reduce(0) { $0 | (((1 << UInt32($1.width)) - 1) << UInt32($1.instructionLow)) }
    }

    /// True when `value` can be encoded (range and alignment; not the per-instruction
    /// constraints such as "nonzero").
    public func accepts(_ value: Int64) -> Bool {
        if isCompressedRegister { return (8...15).contains(value) }
        return value >= minimum && value <= maximum && value % alignment == 0
    }

    /// Places `value` (already checked by `accepts`) into its bits.
    public func insert(_ value: Int64) -> UInt32 {
        var raw = UInt64(bitPattern: value)
        if isCompressedRegister { raw -= 8 }
        var word: UInt32 = 0
        for piece in pieces {
            let bits = UInt32(truncatingIfNeeded: raw >> UInt64(piece.immediateLow)) & ((1 << UInt32(piece.width)) - 1)
            word |= bits << UInt32(piece.instructionLow)
        }
        return word
    }

    /// Reads the field's value from an instruction word, sign-extended when signed.
    public func extract(_ word: UInt32) -> Int64 {
        var raw: UInt64 = 0
        var top = 0
        for piece in pieces {
            let bits = UInt64((word >> UInt32(piece.instructionLow)) & ((1 << UInt32(piece.width)) - 1))
            raw |= bits << UInt64(piece.immediateLow)
            top = max(top, piece.immediateLow + piece.width)
        }
        if isCompressedRegister { return Int64(raw) + 8 }
        if isSigned && top > 0 && top < 64 && (raw >> UInt64(top - 1)) & 1 == 1 {
            raw |= ~((1 << UInt64(top)) - 1)
        }
        return Int64(bitPattern: raw)
    }
}

extension OperandField {
    /// Builds a field from the manual's notation: `layout` lists, for each run of instruction
    /// bits from `high` downwards, the immediate bits they hold, e.g. `(31, "12|10:5")`.
    static func field(_ name: String, _ kind: OperandKind, signed: Bool = false,
                      alignment: Int64 = 1, range: ClosedRange<Int64>? = nil,
                      _ layout: [(Int, String)]) -> OperandField {
        var pieces: [BitPiece] = []
        for (high, text) in layout {
            var bit = high
            for part in text.split(separator: "|") {
                let bounds = part.split(separator: ":").compactMap { Int($0) }
                let hi = bounds[0], lo = bounds.count > 1 ? bounds[1] : bounds[0]
                let width = hi - lo + 1
                pieces.append(BitPiece(instructionLow: bit - width + 1, immediateLow: lo, width: width))
                bit -= width
            }
        }
        let top = pieces.map { $0.immediateLow + $0.width }.max() ?? 0
        let low = pieces.map(\.immediateLow).min() ?? 0
        let span = Int64(1) << Int64(top)
        let defaultRange = signed ? (-span / 2)...(span / 2 - 1) : 0...(span - 1)
        return OperandField(name: name, kind: kind, pieces: pieces, isCompressedRegister: false,
                            isSigned: signed, alignment: max(alignment, Int64(1) << Int64(low)),
                            minimum: (range ?? defaultRange).lowerBound,
                            maximum: (range ?? defaultRange).upperBound)
    }

    static func register(_ name: String, at low: Int, compressed: Bool = false) -> OperandField {
        OperandField(name: name, kind: .register,
                     pieces: [BitPiece(instructionLow: low, immediateLow: 0, width: compressed ? 3 : 5)],
                     isCompressedRegister: compressed, isSigned: false, alignment: 1,
                     minimum: compressed ? 8 : 0, maximum: compressed ? 15 : 31)
    }
}

/// Every operand field used by the instruction table, by name.
public enum OperandFields {
    public static let all: [String: OperandField] = {
        let list: [OperandField] = [
            .register("rd", at: 7), .register("rs1", at: 15), .register("rs2", at: 20),
            .field("imm12", .immediate, signed: true, [(31, "11:0")]),
            .field("simm12", .immediate, signed: true, [(31, "11:5"), (11, "4:0")]),
            .field("bimm12", .target, signed: true, [(31, "12|10:5"), (11, "4:1|11")]),
            .field("jimm20", .target, signed: true, [(31, "20|10:1|11|19:12")]),
            .field("uimm20", .immediate, [(31, "19:0")]),
            .field("shamt6", .immediate, [(25, "5:0")]),
            .field("shamt5", .immediate, [(24, "4:0")]),
            .field("csr", .csr, [(31, "11:0")]),
            .field("zimm5", .immediate, [(19, "4:0")]),
            .field("pred", .fenceSet, [(27, "3:0")]),
            .field("succ", .fenceSet, [(23, "3:0")]),
            // Compressed registers: full 5-bit fields at 11:7 and 6:2, 3-bit fields at 9:7 and 4:2.
            .register("c.rd", at: 7), .register("c.rs2", at: 2),
            .register("c.rs1'", at: 7, compressed: true), .register("c.rd'", at: 2, compressed: true),
            .register("c.rs2'", at: 2, compressed: true),
            // Compressed immediates (ISA manual, "Compressed Instruction Formats").
            .field("c.nzuimm10", .immediate, range: 4...1020, [(12, "5:4|9:6|2|3")]),
            .field("c.uimm7", .immediate, [(12, "5:3"), (6, "2|6")]),
            .field("c.uimm8", .immediate, [(12, "5:3"), (6, "7:6")]),
            .field("c.imm6", .immediate, signed: true, [(12, "5"), (6, "4:0")]),
            .field("c.nzimm10", .immediate, signed: true, [(12, "9"), (6, "4|6|8:7|5")]),
            // c.lui's 6-bit field holds imm[17:12]; lui's 20-bit operand is its sign
            // extension, so the assembler writes it 1..0x1f or 0xfffe0..0xfffff.
            .field("c.luimm", .immediate, signed: true, [(12, "5"), (6, "4:0")]),
            .field("c.shamt", .immediate, [(12, "5"), (6, "4:0")]),
            .field("c.bimm9", .target, signed: true, [(12, "8|4:3"), (6, "7:6|2:1|5")]),
            .field("c.jimm12", .target, signed: true, [(12, "11|4|9:8|10|6|7|3:1|5")]),
            .field("c.lwsp", .immediate, [(12, "5"), (6, "4:2|7:6")]),
            .field("c.ldsp", .immediate, [(12, "5"), (6, "4:3|8:6")]),
            .field("c.swsp", .immediate, [(12, "5:2|7:6")]),
            .field("c.sdsp", .immediate, [(12, "5:3|8:6")]),
        ]
        return Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
    }()

    public static func named(_ name: String) -> OperandField {
        guard let field = all[name] else { preconditionFailure("no operand field \(name)") }
        return field
    }
}
