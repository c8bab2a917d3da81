// Traps (privileged spec 1.12, sections 3.1.6-3.1.9 and 3.3): exceptions and interrupts,
// their delegation to S-mode through medeleg/mideleg, and the xRET instructions.

extension Hart {
    /// Takes exception `cause` with trap value `value` at the current pc.
    func takeTrap(_ cause: UInt64, _ value: UInt64) {
        let interrupt = cause & Cause.interrupt != 0
        let code = cause & ~Cause.interrupt
        trapPC = pc
        let delegated = privilege != .machine && ((interrupt ? mideleg : medeleg) >> code) & 1 != 0
        reservation = nil
        if delegated {
            scause = cause
            sepc = pc
            stval = value
            var status = mstatus & ~(Status.SPP | Status.SPIE | Status.SIE)
            if privilege == .supervisor { status |= Status.SPP }
            if mstatus & Status.SIE != 0 { status |= Status.SPIE }
            mstatus = status
            setPrivilege(.supervisor)
            pc = vectorAddress(stvec, interrupt, code)
        } else {
            mcause = cause
            mepc = pc
            mtval = value
            var status = mstatus & ~(Status.MPP | Status.MPIE | Status.MIE)
            status |= privilege.rawValue << 11
            if mstatus & Status.MIE != 0 { status |= Status.MPIE }
            mstatus = status
            setPrivilege(.machine)
            pc = vectorAddress(mtvec, interrupt, code)
        }
        trapHook?(cause, value)
    }

    /// Direct mode: the base; vectored mode: base + 4 * cause for interrupts.
    private func vectorAddress(_ tvec: UInt64, _ interrupt: Bool, _ code: UInt64) -> UInt64 {
        let base = tvec & ~3
        return interrupt && tvec & 3 == 1 ? base &+ 4 * code : base
    }

    func setPrivilege(_ new: Privilege) {
        if new != privilege {
            privilege = new
            tlb.select(new)
            if tlb.hasMPRVEntries { tlb.flush() }
        }
    }

    /// The interrupt to take now, if any: M-level ones first, then S-level (delegated)
    /// ones, each in the order MEI, MSI, MTI, SEI, SSI, STI.
    func pendingInterrupt() -> UInt64? {
        guard mie != 0 else { return nil }
        let pending = mip & mie
        guard pending != 0 else { return nil }
        let machineEnabled = privilege != .machine || mstatus & Status.MIE != 0
        let machine = pending & ~mideleg
        if machineEnabled && machine != 0 {
            for code in Interrupt.order where (machine >> code) & 1 != 0 { return code }
        }
        let supervisorEnabled = privilege == .user || (privilege == .supervisor && mstatus & Status.SIE != 0)
        let supervisor = pending & mideleg
        if supervisorEnabled && supervisor != 0 {
            for code in Interrupt.order where (supervisor >> code) & 1 != 0 { return code }
        }
        return nil
    }

    /// Takes a pending enabled interrupt; true when one was taken.
    @discardableResult
    func checkInterrupts() -> Bool {
        guard let code = pendingInterrupt() else { return false }
        takeTrap(Cause.interrupt | code, 0)
        return true
    }

    /// mret: back to MPP with MIE restored.
    func machineReturn() {
        let previous = Privilege(rawValue: (mstatus & Status.MPP) >> 11) ?? .user
        var status = mstatus & ~(Status.MIE | Status.MPP)
        if mstatus & Status.MPIE != 0 { status |= Status.MIE }
        status |= Status.MPIE
        if previous != .machine { status &= ~Status.MPRV }
        mstatus = status
        reservation = nil
        pc = mepc
        setPrivilege(previous)
        returnHook?(true)
    }

    /// sret: back to SPP with SIE restored.
    func supervisorReturn() {
        let previous: Privilege = mstatus & Status.SPP != 0 ? .supervisor : .user
        var status = mstatus & ~(Status.SIE | Status.SPP | Status.MPRV)
        if mstatus & Status.SPIE != 0 { status |= Status.SIE }
        status |= Status.SPIE
        mstatus = status
        reservation = nil
        pc = sepc
        setPrivilege(previous)
        returnHook?(false)
    }
}
