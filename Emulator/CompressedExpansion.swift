// Compressed instructions run as the 32-bit instructions they stand for (ISA manual, "RVC
// Instruction Set Listings"). Each hart keeps a table of all 65,536 parcels, filled the
// first time a parcel is decoded. `expand` decodes the RV64C listing by hand (quadrant,
// funct3, the scrambled immediates); `expandFromTable` derives the same from the project's
// instruction table, and a test checks that the two agree on every parcel. (The table took
// 6 million host instructions to build: half the cost of running a trivial image.)

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
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    static func expand(_ parcel: UInt32) -> UInt32 {
        let p = parcel & 0xffff
        func bit(_ n: UInt32) -> UInt32 { (p >> n) & 1 }
        func bits(_ high: UInt32, _ low: UInt32) -> UInt32 { (p >> low) & ((1 << (high - low + 1)) - 1) }
        let funct3 = bits(15, 13), rd = bits(11, 7), rs2 = bits(6, 2)
        let rdPrime = bits(4, 2) + 8, rs1Prime = bits(9, 7) + 8
        // imm[5] = bit 12, imm[4:0] = bits 6:2, sign-extended (c.addi, c.li, c.andi, ...).
        let imm6 = Int32(bitPattern: (bit(12) << 5 | bits(6, 2)) << 26) >> 26
        let shamt = bit(12) << 5 | bits(6, 2)
        func i(_ imm: Int32, _ rs1: UInt32, _ f3: UInt32, _ rd: UInt32, _ opcode: UInt32) -> UInt32 {
            UInt32(bitPattern: imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode
        }
        func s(_ imm: UInt32, _ rs2: UInt32, _ rs1: UInt32, _ f3: UInt32) -> UInt32 {
            (imm >> 5) << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | (imm & 31) << 7 | 0x23
        }
        func r(_ f7: UInt32, _ rs2: UInt32, _ rs1: UInt32, _ f3: UInt32, _ rd: UInt32, _ opcode: UInt32) -> UInt32 {
            f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | opcode
        }
        func b(_ offset: Int32, _ rs1: UInt32, _ f3: UInt32) -> UInt32 {
            let o = UInt32(bitPattern: offset)
            return ((o >> 12) & 1) << 31 | ((o >> 5) & 0x3f) << 25 | rs1 << 15 | f3 << 12 | ((o >> 1) & 0xf) << 8 | ((o >> 11) & 1) << 7 | 0x63
        }
        switch (p & 3, funct3) {
        case (0, 0):  // c.addi4spn
            let imm = bits(12, 11) << 4 | bits(10, 7) << 6 | bit(6) << 2 | bit(5) << 3
            return imm == 0 ? reserved : i(Int32(imm), 2, 0, rdPrime, 0x13)
        case (0, 2):  // c.lw
            return i(Int32(bits(12, 10) << 3 | bit(6) << 2 | bit(5) << 6), rs1Prime, 2, rdPrime, 0x03)
        case (0, 3):  // c.ld
            return i(Int32(bits(12, 10) << 3 | bits(6, 5) << 6), rs1Prime, 3, rdPrime, 0x03)
        case (0, 6):  // c.sw
            return s(bits(12, 10) << 3 | bit(6) << 2 | bit(5) << 6, rdPrime, rs1Prime, 2)
        case (0, 7):  // c.sd
            return s(bits(12, 10) << 3 | bits(6, 5) << 6, rdPrime, rs1Prime, 3)
        case (1, 0):  // c.addi (c.nop)
            return i(imm6, rd, 0, rd, 0x13)
        case (1, 1):  // c.addiw
            return rd == 0 ? reserved : i(imm6, rd, 0, rd, 0x1b)
        case (1, 2):  // c.li
            return i(imm6, 0, 0, rd, 0x13)
        case (1, 3):
            if rd == 2 {  // c.addi16sp
                let imm = bit(12) << 9 | bit(6) << 4 | bit(5) << 6 | bits(4, 3) << 7 | bit(2) << 5
                return imm == 0 ? reserved : i(Int32(bitPattern: imm << 22) >> 22, 2, 0, 2, 0x13)
            }
            // c.lui: nzimm[17:12], sign-extended.
            guard bit(12) != 0 || bits(6, 2) != 0 else { return reserved }
            return UInt32(bitPattern: imm6 << 12) & 0xffff_f000 | rd << 7 | 0x37
        case (1, 4):
            switch bits(11, 10) {
            case 0: return i(Int32(shamt), rs1Prime, 5, rs1Prime, 0x13)                  // c.srli
            case 1: return i(Int32(shamt) | 0x400, rs1Prime, 5, rs1Prime, 0x13)          // c.srai
            case 2: return i(imm6, rs1Prime, 7, rs1Prime, 0x13)                           // c.andi
            default:
                switch (bit(12), bits(6, 5)) {
                case (0, 0): return r(0x20, rdPrime, rs1Prime, 0, rs1Prime, 0x33)        // c.sub
                case (0, 1): return r(0, rdPrime, rs1Prime, 4, rs1Prime, 0x33)           // c.xor
                case (0, 2): return r(0, rdPrime, rs1Prime, 6, rs1Prime, 0x33)           // c.or
                case (0, 3): return r(0, rdPrime, rs1Prime, 7, rs1Prime, 0x33)           // c.and
                case (1, 0): return r(0x20, rdPrime, rs1Prime, 0, rs1Prime, 0x3b)        // c.subw
                case (1, 1): return r(0, rdPrime, rs1Prime, 0, rs1Prime, 0x3b)           // c.addw
                default: return reserved
                }
            }
        case (1, 5):  // c.j
            let o = bit(12) << 11 | bit(11) << 4 | bits(10, 9) << 8 | bit(8) << 10 | bit(7) << 6
                | bit(6) << 7 | bits(5, 3) << 1 | bit(2) << 5
            let offset = UInt32(bitPattern: Int32(bitPattern: o << 20) >> 20)
            return ((offset >> 20) & 1) << 31 | ((offset >> 1) & 0x3ff) << 21 | ((offset >> 11) & 1) << 20
                | ((offset >> 12) & 0xff) << 12 | 0x6f
        case (1, 6), (1, 7):  // c.beqz, c.bnez
            let o = bit(12) << 8 | bits(11, 10) << 3 | bits(6, 5) << 6 | bits(4, 3) << 1 | bit(2) << 5
            return b(Int32(bitPattern: o << 23) >> 23, rs1Prime, funct3 == 6 ? 0 : 1)
        case (2, 0):  // c.slli
            return i(Int32(shamt), rd, 1, rd, 0x13)
        case (2, 2):  // c.lwsp
            return rd == 0 ? reserved : i(Int32(bit(12) << 5 | bits(6, 4) << 2 | bits(3, 2) << 6), 2, 2, rd, 0x03)
        case (2, 3):  // c.ldsp
            return rd == 0 ? reserved : i(Int32(bit(12) << 5 | bits(6, 5) << 3 | bits(4, 2) << 6), 2, 3, rd, 0x03)
        case (2, 4):
            switch (bit(12), rd, rs2) {
            case (0, 0, 0): return reserved
            case (0, _, 0): return i(0, rd, 0, 0, 0x67)                                   // c.jr
            case (0, _, _): return r(0, rs2, 0, 0, rd, 0x33)                              // c.mv
            case (1, 0, 0): return 0x0010_0073                                            // c.ebreak
            case (1, _, 0): return i(0, rd, 0, 1, 0x67)                                   // c.jalr
            default: return r(0, rs2, rd, 0, rd, 0x33)                                    // c.add
            }
        case (2, 6):  // c.swsp
            return s(bits(12, 9) << 2 | bits(8, 7) << 6, rs2, 2, 2)
        case (2, 7):  // c.sdsp
            return s(bits(12, 10) << 3 | bits(9, 7) << 6, rs2, 2, 3)
        default:  // the F and D forms, and quadrant 0's empty slot
            return reserved
        }
    }

    /// `expand` from the instruction table (slow: builds the whole table on first use).
    static func expandFromTable(_ parcel: UInt32) -> UInt32 {
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
