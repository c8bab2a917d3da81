// Compressed instructions run as the 32-bit instructions they stand for (ISA manual, "RVC
// Instruction Set Listings"). A table of all 65,536 parcels, built once from the project's
// instruction table, gives each one's 32-bit equivalent, or 0 for a reserved or illegal
// parcel; the interpreter then executes it with a length of 2.

import Toolchain

enum CompressedExpansion {
    /// The table, built on first use and shared by every hart for the life of the process.
    nonisolated(unsafe) static let shared: UnsafeMutablePointer<UInt32> = table()

    static func table() -> UnsafeMutablePointer<UInt32> {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 65536)
        table.initialize(repeating: 0, count: 65536)
        for parcel in 0..<65536 where parcel & 3 != 3 {
            table[parcel] = expand(UInt32(parcel))
        }
        return table
    }

    static func expand(_ parcel: UInt32) -> UInt32 {
        guard parcel != 0, let spec = InstructionTable.decode(parcel), spec.isCompressed,
              let expansion = spec.expansion, let base = InstructionTable.byName[expansion.name] else { return 0 }
        var values: [String: Int64] = [:]
        for field in spec.fields { values[field.name] = field.extract(parcel) }
        var word = base.match
        for (pattern, actual) in zip(expansion.syntax.tokens, base.syntax.tokens) {
            guard case .field(let baseField) = actual else { continue }
            let value: Int64
            switch pattern {
            case .register(let number): value = Int64(number)
            case .number(let number): value = number
            case .field(let name): value = name == "c.luimm" ? (values[name] ?? 0) & 0xfffff : values[name] ?? 0
            default: continue
            }
            word |= OperandFields.named(baseField).insert(value)
        }
        return word
    }
}
