// Address translation and memory access: Sv39 (privileged spec 1.12, section 4.4), PMP
// (section 3.7), and the loads and stores the interpreter makes. The fast path is a TLB hit
// that turns a virtual address into a host pointer; everything else (misses, page walks,
// pages that cross, MMIO, faults) is out of line.
//
// An Sv39 address splits into three 9-bit virtual page numbers and a 12-bit offset:
//   38..30 VPN[2] | 29..21 VPN[1] | 20..12 VPN[0] | 11..0 offset,
// and bits 63..39 must copy bit 38.

enum Access {
    case fetch, load, store

    var pageFault: UInt64 {
        switch self {
        case .fetch: return Cause.instructionPageFault
        case .load: return Cause.loadPageFault
        case .store: return Cause.storePageFault
        }
    }

    var accessFault: UInt64 {
        switch self {
        case .fetch: return Cause.instructionAccessFault
        case .load: return Cause.loadAccessFault
        case .store: return Cause.storeAccessFault
        }
    }
}

enum PTE {
    static let V: UInt64 = 1 << 0
    static let R: UInt64 = 1 << 1
    static let W: UInt64 = 1 << 2
    static let X: UInt64 = 1 << 3
    static let U: UInt64 = 1 << 4
    static let A: UInt64 = 1 << 6
    static let D: UInt64 = 1 << 7
}

extension Hart {
    /// The privilege loads and stores run with: MPP when mstatus.MPRV is set in M-mode.
    func effectivePrivilege(_ access: Access) -> Privilege {
        if access != .fetch && privilege == .machine && mstatus & Status.MPRV != 0 {
            return Privilege(rawValue: (mstatus & Status.MPP) >> 11) ?? .user
        }
        return privilege
    }

    /// Translates `va` for `access`; nil (with faultCause/faultValue set) on a fault.
    func translate(_ va: UInt64, _ access: Access, size: Int = 1) -> UInt64? {
        let mode = effectivePrivilege(access)
        var pa = va
        if mode != .machine && satp >> 60 == 8 {
            guard let translated = walk(va, access, mode) else { return nil }
            pa = translated
        }
        guard pmpAllows(pa, UInt64(size), access, mode) else { return fault(access.accessFault, va) }
        return pa
    }

    func fault(_ cause: UInt64, _ value: UInt64) -> UInt64? {
        faultCause = cause
        faultValue = value
        return nil
    }

    /// The Sv39 page walk, setting A and D in the PTE as the hardware does (like QEMU).
    private func walk(_ va: UInt64, _ access: Access, _ mode: Privilege) -> UInt64? {
        let top = Int64(bitPattern: va) >> 38
        guard top == 0 || top == -1 else { return fault(access.pageFault, va) }
        var table = (satp & 0xfff_ffff_ffff) << 12
        var level = 2
        while true {
            let index = (va >> (12 + 9 * UInt64(level))) & 0x1ff
            let address = table &+ index * 8
            guard pmpAllows(address, 8, .load, .supervisor), let pte = bus.read(address, width: 8) else {
                return fault(access.accessFault, va)
            }
            if pte & PTE.V == 0 || (pte & PTE.R == 0 && pte & PTE.W != 0) || pte >> 54 != 0 {
                return fault(access.pageFault, va)
            }
            if pte & (PTE.R | PTE.X) == 0 {
                level -= 1
                guard level >= 0 else { return fault(access.pageFault, va) }
                table = ((pte >> 10) & 0xfff_ffff_ffff) << 12
                continue
            }
            return leaf(pte, address, level, va, access, mode)
        }
    }

    private func leaf(_ pte: UInt64, _ address: UInt64, _ level: Int, _ va: UInt64, _ access: Access, _ mode: Privilege) -> UInt64? {
        let user = pte & PTE.U != 0
        if mode == .user && !user { return fault(access.pageFault, va) }
        if mode == .supervisor && user && (access == .fetch || mstatus & Status.SUM == 0) { return fault(access.pageFault, va) }
        switch access {
        case .fetch: if pte & PTE.X == 0 { return fault(access.pageFault, va) }
        case .load: if pte & PTE.R == 0 && !(mstatus & Status.MXR != 0 && pte & PTE.X != 0) { return fault(access.pageFault, va) }
        case .store: if pte & PTE.W == 0 { return fault(access.pageFault, va) }
        }
        let ppn = (pte >> 10) & 0xfff_ffff_ffff
        let lowMask: UInt64 = (1 << (9 * UInt64(level))) - 1
        if ppn & lowMask != 0 { return fault(access.pageFault, va) }  // misaligned superpage
        var updated = pte | PTE.A
        if access == .store { updated |= PTE.D }
        if updated != pte {
            guard pmpAllows(address, 8, .store, .supervisor), bus.write(address, width: 8, value: updated) else {
                return fault(access.accessFault, va)
            }
        }
        let pageOffset = va & ((1 << (12 + 9 * UInt64(level))) - 1)
        return ((ppn & ~lowMask) << 12) | pageOffset
    }

    // MARK: PMP

    /// True when PMP lets `mode` make `access` to `size` bytes at physical `address`. The
    /// lowest-numbered entry that matches any byte decides, and it must match every byte.
    func pmpAllows(_ address: UInt64, _ size: UInt64, _ access: Access, _ mode: Privilege) -> Bool {
        guard pmpActive else { return mode == .machine }
        let end = address &+ size
        for (low, high, config) in pmpEntries {
            guard address < high, end > low else { continue }
            guard address >= low, end <= high else { return false }
            if mode == .machine && config & 0x80 == 0 { return true }
            switch access {
            case .fetch: return config & 4 != 0
            case .load: return config & 1 != 0
            case .store: return config & 2 != 0
            }
        }
        // No entry matched: M-mode is allowed, S and U are not.
        return mode == .machine
    }

    /// The byte range [low, high) of entry `index` (TOR, NA4 or NAPOT); empty when off.
    func pmpRange(_ index: Int, _ previousTop: UInt64) -> (UInt64, UInt64) {
        let config = pmpcfg[index], address = pmpaddr[index]
        switch (config >> 3) & 3 {
        case 1: return (previousTop, address << 2)
        case 2: return (address << 2, (address << 2) &+ 4)
        case 3:
            let ones = (~address).trailingZeroBitCount
            let size: UInt64 = ones >= 62 ? .max : 1 << UInt64(ones + 3)
            let base = (address << 2) & ~(size &- 1)
            return (base, size == .max ? .max : base &+ size)
        default: return (0, 0)
        }
    }

    /// True when no PMP boundary falls inside the page at `page`, so one check covers it all.
    func pmpUniform(_ page: UInt64) -> Bool {
        for (low, high, _) in pmpEntries {
            if (low > page && low < page + 0x1000) || (high > page && high < page + 0x1000) { return false }
        }
        return true
    }

    // MARK: Loads and stores

    @inline(__always)
    func load<T: FixedWidthInteger>(_ va: UInt64, _: T.Type) -> T? {
        if let value = loadFast(va, T.self) { return value }
        guard let value = loadSlow(va, MemoryLayout<T>.size) else { return nil }
        return T(truncatingIfNeeded: value)
    }

    @inline(__always)
    func store<T: FixedWidthInteger>(_ va: UInt64, _ value: T) -> Bool {
        storeFast(va, value) || storeSlow(va, UInt64(truncatingIfNeeded: value), MemoryLayout<T>.size)
    }

    /// A load through a read-TLB hit (RAM, within one page); nil when it needs the slow path.
    @inline(__always)
    func loadFast<T: FixedWidthInteger>(_ va: UInt64, _: T.Type) -> T? {
        let vpn = va >> 12
        let entry = tlb.read[tlb.slot(vpn)]
        guard entry.tag == tlb.tag(vpn) && va & 0xfff <= 0x1000 - UInt64(MemoryLayout<T>.size) else { return nil }
        return UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: entry.addend &+ va))!.loadUnaligned(as: T.self)
    }

    /// A store through a write-TLB hit; false (nothing written) when it needs the slow path.
    @inline(__always)
    func storeFast<T: FixedWidthInteger>(_ va: UInt64, _ value: T) -> Bool {
        let vpn = va >> 12
        let entry = tlb.write[tlb.slot(vpn)]
        guard entry.tag == tlb.tag(vpn) && va & 0xfff <= 0x1000 - UInt64(MemoryLayout<T>.size) else { return false }
        UnsafeMutableRawPointer(bitPattern: UInt(truncatingIfNeeded: entry.addend &+ va))!.storeBytes(of: value, as: T.self)
        return true
    }

    @inline(never)
    func loadSlow(_ va: UInt64, _ size: Int) -> UInt64? {
        if va & 0xfff + UInt64(size) > 0x1000 {
            // Misaligned across a page: byte by byte, as the hardware would.
            var value: UInt64 = 0
            for index in 0..<size {
                guard let byte = loadSlow(va &+ UInt64(index), 1) else { return nil }
                value |= byte << UInt64(8 * index)
            }
            return value
        }
        guard let pa = translate(va, .load, size: size) else { return nil }
        fill(tlb.read, va, pa, .load)
        guard let value = bus.read(pa, width: size) else { return fault(Cause.loadAccessFault, va) }
        return value
    }

    @inline(never)
    func storeSlow(_ va: UInt64, _ value: UInt64, _ size: Int) -> Bool {
        if va & 0xfff + UInt64(size) > 0x1000 {
            // Check every byte's page before writing any, so a fault leaves memory untouched.
            for index in [0, size - 1] where translate(va &+ UInt64(index), .store) == nil { return false }
            for index in 0..<size where !storeSlow(va &+ UInt64(index), value >> UInt64(8 * index), 1) { return false }
            return true
        }
        guard let pa = translate(va, .store, size: size) else { return false }
        fill(tlb.write, va, pa, .store)
        guard bus.write(pa, width: size, value: value) else {
            faultCause = Cause.storeAccessFault
            faultValue = va
            return false
        }
        if bus.htif?.exitCode != nil { stopRequested = true }
        return true
    }

    /// Caches the page of `va` -> `pa` when it is plain RAM under uniform PMP.
    func fill(_ table: UnsafeMutablePointer<TLB.Entry>, _ va: UInt64, _ pa: UInt64, _ access: Access) {
        let page = pa & ~0xfff
        guard bus.isDirect(page), pmpUniform(page) else { return }
        // Stores to a page with decoded instructions go the slow way, which invalidates them.
        if access == .store && bus.decoded.isCached(page >> 12) { return }
        let host = UInt64(UInt(bitPattern: memory.pointer)) &+ (page &- memory.base)
        let decoded = access == .fetch ? bus.decoded.page(page >> 12) : nil
        if privilege == .machine && access != .fetch && mstatus & Status.MPRV != 0 { tlb.hasMPRVEntries = true }
        table[tlb.slot(va >> 12)] = TLB.Entry(tag: tlb.tag(va >> 12), addend: host &- (va & ~0xfff), decoded: decoded)
    }

    /// Fetches the 16-bit parcel at `va` (instructions are read a parcel at a time, so a
    /// 32-bit instruction that straddles pages faults with the second page's address).
    @inline(never)
    func fetchParcel(_ va: UInt64) -> UInt16? {
        guard let pa = translate(va, .fetch, size: 2) else { return nil }
        fill(tlb.fetch, va, pa, .fetch)
        guard let value = bus.read(pa, width: 2), memory.contains(pa, 2) || pa >> 12 == 1 else {
            _ = fault(Cause.instructionAccessFault, va)
            return nil
        }
        return UInt16(truncatingIfNeeded: value)
    }
}
