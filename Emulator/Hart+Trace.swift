// What the tracer needs from the hart: the state before an instruction and what the
// instruction then wrote (registers, CSRs, memory), decoded from the instruction itself so
// that a write of an unchanged value is still reported, as Spike reports it.

import Toolchain

extension Hart {
    public struct Snapshot {
        public let pc: UInt64
        public let privilege: Privilege
        /// The instruction bits as fetched (16 bits for a compressed instruction).
        public let word: UInt32
        public let length: Int
        let expanded: UInt32
        /// The values of the instruction's rs1 and rs2 before it ran.
        let rs1Value: UInt64
        let rs2Value: UInt64
    }

    /// One instruction writes at most one register and one CSR (no arrays: a trace builds
    /// one of these per instruction).
    public struct Effects {
        public var register: (number: Int, value: UInt64)?
        /// A CSR written (its name is `csrName`): plain values only, so that making and
        /// dropping an Effects per traced instruction costs no reference counting.
        public var csr: (number: UInt16, value: UInt64)?
        public var load: UInt64?
        /// The name of the CSR written, as the tracer prints it.
        public static func csrName(_ number: UInt16) -> String {
            switch number {
            case 0x300: return "mstatus"
            case 0x100: return "sstatus"
            default: return CSRNames.name(number) ?? "0x" + String(number, radix: 16)
            }
        }
        public var store: (address: UInt64, value: UInt64, size: Int)?
    }

    /// The state before the next instruction; reading it has no side effects on the guest.
    public func snapshot() -> Snapshot {
        var word: UInt32 = 0
        let entry = tlb.fetch[tlb.slot(pc >> 12)]
        if entry.tag == tlb.tag(pc >> 12) && pc & 0xfff <= 0xffc {
            // The page is in the fetch TLB (so it is RAM): read the bits through it.
            word = UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: entry.addend &+ pc))!.loadUnaligned(as: UInt32.self)
            if word & 3 != 3 { word &= 0xffff }
        } else if let pa = translateQuietly(pc), let low = bus.peek(pa, width: 2) {
            word = UInt32(low)
            if word & 3 == 3, let pa2 = translateQuietly(pc &+ 2), let high = bus.peek(pa2, width: 2) { word |= UInt32(high) << 16 }
        }
        let compressed = word & 3 != 3
        let expanded = compressed ? expansion(word) : word
        return Snapshot(pc: pc, privilege: privilege, word: compressed ? word & 0xffff : word, length: compressed ? 2 : 4,
                        expanded: expanded, rs1Value: x[Int((expanded >> 15) & 31)], rs2Value: x[Int((expanded >> 20) & 31)])
    }

    private func translateQuietly(_ va: UInt64) -> UInt64? {
        let saved = (faultCause, faultValue)
        defer { (faultCause, faultValue) = saved }
        return translate(va, .fetch)
    }

    /// What the instruction described by `before` wrote.
    public func effects(since before: Snapshot) -> Effects {
        var effects = Effects()
        let word = before.expanded
        let opcode = word & 0x7f, rd = Int((word >> 7) & 31), funct3 = (word >> 12) & 7
        let base = before.rs1Value
        // lui, auipc, jal, jalr, loads, OP-IMM, OP, OP-IMM-32, OP-32, AMO write rd.
        let writesRegister: Bool
        switch opcode {
        case 0x37, 0x17, 0x6f, 0x67, 0x03, 0x13, 0x33, 0x1b, 0x3b, 0x2f: writesRegister = true
        case 0x73: writesRegister = funct3 != 0
        default: writesRegister = false
        }
        if rd != 0 && writesRegister {
            effects.register = (rd, x[rd])
        }
        switch opcode {
        case 0x03:
            effects.load = base &+ Decode.iImmediate(word)
        case 0x23:
            let size = 1 << Int(funct3)
            let value = before.rs2Value
            effects.store = (base &+ Decode.sImmediate(word), size == 8 ? value : value & ((1 << UInt64(size * 8)) - 1), size)
        case 0x2f:
            effects.load = base
            if word >> 27 != 2 {
                let size = funct3 == 3 ? 8 : 4
                let value = bus.peekVirtual(self, base, size)
                if let value { effects.store = (base, value, size) }
            }
        case 0x73 where word == 0x3020_0073:
            // mret writes mstatus, which Spike's commit log reports.
            effects.csr = (0x300, mstatus)
        case 0x73 where word == 0x1020_0073:
            effects.csr = (0x100, mstatus & Status.supervisorView)
        case 0x73 where funct3 != 0 && funct3 != 4:
            let number = UInt16(word >> 20)
            let writes = funct3 & 3 == 1 || (word >> 15) & 31 != 0
            if writes, let value = readCSR(number) {
                effects.csr = (number, value)
            }
        default:
            break
        }
        return effects
    }
}

extension Bus {
    /// A read with no side effects: RAM only.
    func peek(_ address: UInt64, width: Int) -> UInt64? {
        guard memory.contains(address, UInt64(width)) || address >> 12 == 1 else { return nil }
        return read(address, width: width)
    }

    func peekVirtual(_ hart: Hart, _ va: UInt64, _ width: Int) -> UInt64? {
        guard let pa = hart.translate(va, .load) else { return nil }
        return peek(pa, width: width)
    }
}
