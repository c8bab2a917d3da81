// SYSTEM instructions: ecall, ebreak, mret, sret, wfi, sfence.vma and the Zicsr
// instructions; and the A extension's LR/SC and AMOs.

extension Hart {
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    func system(_ word: UInt32, _ rd: Int, _ rs1: Int, _ funct3: UInt32, _ pc: UInt64, _ next: UInt64, _ length: UInt64) -> Bool {
        if funct3 == 0 {
            switch word {
            case 0x0000_0073:  // ecall
                takeTrap(privilege == .user ? Cause.userEcall : (privilege == .supervisor ? Cause.supervisorEcall : Cause.machineEcall), 0)
                return true
            case 0x0010_0073:  // ebreak
                takeTrap(Cause.breakpoint, pc)
                return true
            case 0x3020_0073:  // mret
                guard privilege == .machine else { return illegal(word, length) }
                instret &+= 1
                machineReturn()
                return !interruptMayBePending
            case 0x1020_0073:  // sret
                guard privilege == .machine || (privilege == .supervisor && mstatus & Status.TSR == 0) else { return illegal(word, length) }
                instret &+= 1
                supervisorReturn()
                return !interruptMayBePending
            case 0x1050_0073:  // wfi
                guard privilege == .machine || (privilege == .supervisor && mstatus & Status.TW == 0) else { return illegal(word, length) }
                self.pc = next
                instret &+= 1
                if mip & mie == 0 {
                    stopReason = .waitingForInterrupt
                    return false
                }
                return true
            default:
                // sfence.vma rs1, rs2
                guard word & 0xfe00_7fff == 0x1200_0073 else { return illegal(word, length) }
                guard privilege == .machine || (privilege == .supervisor && mstatus & Status.TVM == 0) else { return illegal(word, length) }
                let rs2 = Int((word >> 20) & 31)
                if rs2 == 0 { tlb.flush() } else { tlb.flush(asid: x[rs2]) }
                self.pc = next
                instret &+= 1
                return true
            }
        }
        guard funct3 != 4 else { return illegal(word, length) }
        let number = UInt16(word >> 20)
        let operand = funct3 >= 5 ? UInt64(rs1) : x[rs1]
        let writes = funct3 & 3 == 1 || rs1 != 0
        // Reading has no side effects on any CSR rvmk implements, so every access reads.
        guard let old = readCSR(number) else { return illegal(word, length) }
        if writes {
            let value: UInt64
            switch funct3 & 3 {
            case 1: value = operand
            case 2: value = old | operand
            default: value = old & ~operand
            }
            guard writeCSR(number, value) else { return illegal(word, length) }
        }
        if rd != 0 { x[rd] = old }
        self.pc = next
        instret &+= 1
        // A write to the interrupt or status CSRs may let an interrupt in.
        if writes && (number & 0xff == 0x00 || number & 0xff == 0x04 || number & 0xff == 0x44 || number == 0x303 || number == 0x14D || number == 0x30A) {
            return !interruptMayBePending
        }
        return true
    }

    /// True when an enabled interrupt is pending: the slice ends so that it is taken now.
    var interruptMayBePending: Bool { pendingInterrupt() != nil }

    /// LR/SC and AMOs: naturally aligned or a misaligned fault, and store permission for AMOs.
    func atomic(_ word: UInt32, _ rd: Int, _ rs1: Int, _ rs2: Int, _ funct3: UInt32) -> Bool {
        let operation = word >> 27
        // A reserved encoding is an illegal instruction whatever its address: decide that
        // before the alignment and translation checks can raise anything else.
        guard funct3 == 2 || funct3 == 3, Self.atomicOperations & (1 << operation) != 0, operation != 2 || rs2 == 0 else {
            return illegalAtomic(word)
        }
        let wide = funct3 == 3
        let size: UInt64 = wide ? 8 : 4
        let address = x[rs1]
        if address & (size - 1) != 0 {
            return fault(operation == 2 ? Cause.loadMisaligned : Cause.storeMisaligned, address) != nil
        }
        func signExtended(_ value: UInt64) -> UInt64 {
            wide ? value : UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: value)))
        }
        switch operation {
        case 2:  // LR
            guard let pa = translate(address, .load, size: Int(size)) else { return false }
            guard let value = bus.read(pa, width: Int(size)) else { return fault(Cause.loadAccessFault, address) != nil }
            reservation = pa
            if rd != 0 { x[rd] = signExtended(value) }
        case 3:  // SC
            guard let pa = translate(address, .store, size: Int(size)) else { return false }
            if reservation == pa {
                guard bus.write(pa, width: Int(size), value: x[rs2]) else { return fault(Cause.storeAccessFault, address) != nil }
                if rd != 0 { x[rd] = 0 }
            } else if rd != 0 {
                x[rd] = 1
            }
            reservation = nil
        default:
            guard let pa = translate(address, .store, size: Int(size)) else { return false }
            guard let loaded = bus.read(pa, width: Int(size)) else { return fault(Cause.storeAccessFault, address) != nil }
            let old = signExtended(loaded), operand = wide ? x[rs2] : signExtended(x[rs2])
            let value: UInt64
            switch operation {
            case 0x00: value = old &+ operand
            case 0x01: value = operand
            case 0x04: value = old ^ operand
            case 0x08: value = old | operand
            case 0x0C: value = old & operand
            case 0x10: value = Int64(bitPattern: old) < Int64(bitPattern: operand) ? old : operand
            case 0x14: value = Int64(bitPattern: old) > Int64(bitPattern: operand) ? old : operand
            case 0x18: value = (wide ? old : old & 0xffff_ffff) < (wide ? operand : operand & 0xffff_ffff) ? old : operand
            default: value = (wide ? old : old & 0xffff_ffff) > (wide ? operand : operand & 0xffff_ffff) ? old : operand  // 0x1C
            }
            guard bus.write(pa, width: Int(size), value: value) else { return fault(Cause.storeAccessFault, address) != nil }
            if rd != 0 { x[rd] = old }
        }
        return true
    }

    /// The funct5 values of the A extension (bit n set for funct5 n): LR, SC and the AMOs
    /// (ISA manual, "A" chapter, instruction listing).
    static let atomicOperations: UInt32 = 1 << 0x00 | 1 << 0x01 | 1 << 0x02 | 1 << 0x03 | 1 << 0x04 | 1 << 0x08
        | 1 << 0x0C | 1 << 0x10 | 1 << 0x14 | 1 << 0x18 | 1 << 0x1C

    /// An AMO encoding that does not exist: illegal instruction (reported through the
    /// fault path so that `execute` takes it).
    private func illegalAtomic(_ word: UInt32) -> Bool {
        faultCause = Cause.illegalInstruction
        faultValue = UInt64(word)
        return false
    }
}
