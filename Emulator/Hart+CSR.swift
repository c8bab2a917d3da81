// CSR access (privileged spec 1.12, chapter 2): the privilege a CSR needs is in bits 9:8 of
// its number and read-only CSRs have bits 11:10 set. An access the hart does not allow, or
// to a CSR it does not implement, is an illegal instruction (which OpenSBI's probing relies on).

extension Hart {
    /// Reads CSR `number`; nil when the access is illegal.
    func readCSR(_ number: UInt16) -> UInt64? {
        guard UInt64(number >> 8) & 3 <= privilege.rawValue else { return nil }
        switch number {
        case 0xC00, 0xC01, 0xC02: return counter(number)
        case 0x100: return mstatus & Status.supervisorView
        case 0x104: return mie & mideleg
        case 0x105: return stvec
        case 0x106: return scounteren
        case 0x10A: return senvcfg
        case 0x140: return sscratch
        case 0x141: return sepc
        case 0x142: return scause
        case 0x143: return stval
        case 0x144: return mip & mideleg
        case 0x14D:
            // Sstc: S-mode reaches stimecmp only with menvcfg.STCE and mcounteren.TM set.
            guard privilege == .machine || (stimecmpEnabled && mcounteren & 2 != 0) else { return nil }
            return stimecmp
        case 0x180:
            guard !(privilege == .supervisor && mstatus & Status.TVM != 0) else { return nil }
            return satp
        case 0xF11, 0xF12, 0xF13, 0xF14, 0xF15: return 0
        case 0x300: return mstatus
        case 0x301: return misa
        case 0x302: return medeleg
        case 0x303: return mideleg
        case 0x304: return mie
        case 0x305: return mtvec
        case 0x306: return mcounteren
        case 0x30A: return menvcfg
        case 0x320: return 0
        case 0x323...0x33F: return 0
        case 0x340: return mscratch
        case 0x341: return mepc
        case 0x342: return mcause
        case 0x343: return mtval
        case 0x344: return mip
        case 0x3A0, 0x3A2: return pmpcfgWord(Int(number - 0x3A0) / 2)
        case 0x3B0...0x3BF: return pmpaddr[Int(number - 0x3B0)]
        case 0x7A0: return 0
        case 0x7A1, 0x7A2, 0x7A3: return 0
        case 0x7A4: return 1  // tinfo: only type 0, "no trigger"
        case 0xB00: return clock &+ cycleOffset
        case 0xB02: return instret
        case 0xB03...0xB1F: return 0
        default: return nil
        }
    }

    /// cycle, time and instret, gated by mcounteren and scounteren.
    private func counter(_ number: UInt16) -> UInt64? {
        let bit = UInt64(1) << UInt64(number - 0xC00)
        if privilege != .machine && mcounteren & bit == 0 { return nil }
        if privilege == .user && scounteren & bit == 0 { return nil }
        switch number {
        case 0xC00: return clock &+ cycleOffset
        case 0xC01: return clint.mtime
        default: return instret
        }
    }

    private func pmpcfgWord(_ half: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(pmpcfg[half * 8 + $1]) << UInt64(8 * $1) }
    }

    /// Writes CSR `number` (after `readCSR` allowed the access); false when it is read-only.
    func writeCSR(_ number: UInt16, _ value: UInt64) -> Bool {
        guard number >> 10 != 3 else { return false }
        switch number {
        case 0x100: setStatus((mstatus & ~Status.supervisorWritable) | (value & Status.supervisorWritable))
        case 0x104: mie = (mie & ~mideleg) | (value & mideleg)
        case 0x105: stvec = value & ~2
        case 0x106: scounteren = value & 0xffff_ffff
        case 0x10A: senvcfg = value & 1
        case 0x140: sscratch = value
        case 0x141: sepc = value & ~1
        case 0x142: scause = value
        case 0x143: stval = value
        case 0x144: mipSoftware = (mipSoftware & ~(mideleg & Interrupt.SSI)) | (value & mideleg & Interrupt.SSI)
        case 0x14D: stimecmp = value
        case 0x180:
            // Only Bare and Sv39 are implemented; another mode leaves satp unchanged.
            let mode = value >> 60
            if mode == 0 || mode == 8 {
                let old = satp
                satp = value
                if tlb.hasMPRVEntries { tlb.flush() }
                tlb.switchTo(satp: value, from: old)
                satpHook?(value)
            }
        case 0x300: setStatus((mstatus & ~Status.writable) | (value & Status.writable))
        case 0x301: break
        case 0x302: medeleg = value & 0xB3FF
        case 0x303: mideleg = value & Interrupt.supervisor
        case 0x304: mie = value & Interrupt.all
        case 0x305: mtvec = value & ~2
        case 0x306: mcounteren = value & 0xffff_ffff
        case 0x30A: menvcfg = value & ((1 << 63) | 1)
        case 0x320, 0x323...0x33F: break
        case 0x340: mscratch = value
        case 0x341: mepc = value & ~1
        case 0x342: mcause = value
        case 0x343: mtval = value
        case 0x344:
            let writable = Interrupt.SSI | Interrupt.SEI | (stimecmpEnabled ? 0 : Interrupt.STI)
            mipSoftware = (mipSoftware & ~writable) | (value & writable)
        case 0x3A0, 0x3A2: writePMPConfig(Int(number - 0x3A0) / 2, value)
        case 0x3B0...0x3BF: writePMPAddress(Int(number - 0x3B0), value)
        case 0x7A0, 0x7A1, 0x7A2, 0x7A3, 0x7A4: break
        case 0xB00: cycleOffset = value &- clock
        case 0xB02: instret = value &- 1  // the writing instruction still retires
        case 0xB03...0xB1F: break
        default: return false
        }
        return true
    }

    /// mstatus with its WARL rules: MPP holds only U, S or M (2 reads back as U).
    func setStatus(_ value: UInt64) {
        var status = value
        if (status & Status.MPP) >> 11 == 2 { status &= ~Status.MPP }
        let translationChanged = (status ^ mstatus) & (Status.MPRV | Status.SUM | Status.MXR | Status.MPP) != 0
        mstatus = status | Status.XLEN
        if translationChanged { tlb.flush() }
    }

    /// pmpEntries and pmpActive from the CSRs.
    private func rebuildPMP() {
        var entries: [(low: UInt64, high: UInt64, config: UInt8)] = []
        var previousTop: UInt64 = 0
        for index in 0..<16 {
            let (low, high) = pmpRange(index, previousTop)
            previousTop = pmpaddr[index] << 2
            if pmpcfg[index] & 0x18 != 0 { entries.append((low, high, pmpcfg[index])) }
        }
        pmpEntries = entries
        pmpActive = !entries.isEmpty
    }

    private func writePMPConfig(_ half: Int, _ value: UInt64) {
        for index in 0..<8 {
            let entry = half * 8 + index
            guard pmpcfg[entry] & 0x80 == 0 else { continue }  // locked
            // Bits 6:5 are reserved and read 0. W without R is reserved too, but kept as
            // written, as QEMU keeps it.
            pmpcfg[entry] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index)) & 0x9f
        }
        rebuildPMP()
        tlb.flush()
    }

    private func writePMPAddress(_ index: Int, _ value: UInt64) {
        guard pmpcfg[index] & 0x80 == 0 else { return }
        // A locked TOR entry also freezes the address below it.
        if index + 1 < 16, pmpcfg[index + 1] & 0x80 != 0, (pmpcfg[index + 1] >> 3) & 3 == 1 { return }
        pmpaddr[index] = value & ((1 << 54) - 1)
        rebuildPMP()
        tlb.flush()
    }
}
