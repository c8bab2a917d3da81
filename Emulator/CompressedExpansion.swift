// Compressed instructions run as the 32-bit instructions they stand for (ISA manual, "RVC
// Instruction Set Listings"). Each hart keeps a table of all 65,536 parcels, filled from the
// project's instruction table the first time a parcel is decoded: a program uses a few
// hundred parcels, and expanding all of them up front cost more than running `calls`.

import Toolchain

enum CompressedExpansion {
    /// The table's entry for a reserved or illegal parcel: major opcode 0, which the
    /// interpreter executes as an illegal instruction (with the parcel as mtval). A zero
    /// entry means "not expanded yet".
    static let reserved: UInt32 = 0x8000_0000

    /// A table for one hart, every entry "not expanded yet".
    static func table() -> UnsafeMutablePointer<UInt32> {
        let table = UnsafeMutablePointer<UInt32>.allocate(capacity: 65536)
        table.initialize(repeating: 0, count: 65536)
        return table
    }

    /// The 32-bit instruction `parcel` stands for, or `reserved`.
    static func expand(_ parcel: UInt32) -> UInt32 {
        guard parcel != 0, let spec = InstructionTable.decode(parcel), spec.isCompressed,
              let expansion = spec.expansion, let base = InstructionTable.byName[expansion.name] else { return reserved }
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

extension Hart {
    /// The expansion of compressed `parcel` (its low 16 bits), expanding it on first use.
    @inline(__always)
    func expansion(_ parcel: UInt32) -> UInt32 {
        let word = expand[Int(parcel & 0xffff)]
        return word != 0 ? word : expandFirst(parcel & 0xffff)
    }

    @inline(never)
    private func expandFirst(_ parcel: UInt32) -> UInt32 {
        let word = CompressedExpansion.expand(parcel)
        expand[Int(parcel)] = word
        return word
    }
}
