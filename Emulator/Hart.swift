// One RV64IMAC hart: registers, privilege, the CSRs of the privileged architecture 1.12 that
// rvmk implements, and the state the interpreter keeps between instructions. Execution is
// in `Hart+Execute.swift`, address translation in `Hart+MMU.swift`, traps and interrupts in
// `Hart+Trap.swift`, CSR access rules in `Hart+CSR.swift`.

/// Privilege levels (privileged spec 1.12, table 1.1).
public enum Privilege: UInt64, Sendable {
    case user = 0
    case supervisor = 1
    case machine = 3
}

/// `mstatus` fields (privileged spec 1.12, section 3.1.6).
enum Status {
    static let SIE: UInt64 = 1 << 1
    static let MIE: UInt64 = 1 << 3
    static let SPIE: UInt64 = 1 << 5
    static let MPIE: UInt64 = 1 << 7
    static let SPP: UInt64 = 1 << 8
    static let MPP: UInt64 = 3 << 11
    static let MPRV: UInt64 = 1 << 17
    static let SUM: UInt64 = 1 << 18
    static let MXR: UInt64 = 1 << 19
    static let TVM: UInt64 = 1 << 20
    static let TW: UInt64 = 1 << 21
    static let TSR: UInt64 = 1 << 22
    /// UXL = SXL = 2: XLEN 64 in U and S mode, read-only.
    static let XLEN: UInt64 = (2 << 32) | (2 << 34)
    static let writable: UInt64 = SIE | MIE | SPIE | MPIE | SPP | MPP | MPRV | SUM | MXR | TVM | TW | TSR
    /// The `sstatus` view.
    static let supervisorView: UInt64 = SIE | SPIE | SPP | SUM | MXR | (3 << 32)
    static let supervisorWritable: UInt64 = SIE | SPIE | SPP | SUM | MXR
}

/// Interrupt bits of `mip`/`mie` and causes (section 3.1.9).
enum Interrupt {
    static let SSI: UInt64 = 1 << 1
    static let MSI: UInt64 = 1 << 3
    static let STI: UInt64 = 1 << 5
    static let MTI: UInt64 = 1 << 7
    static let SEI: UInt64 = 1 << 9
    static let MEI: UInt64 = 1 << 11
    static let supervisor: UInt64 = SSI | STI | SEI
    static let all: UInt64 = SSI | MSI | STI | MTI | SEI | MEI
    /// Priority order for simultaneous interrupts: MEI, MSI, MTI, SEI, SSI, STI.
    static let order: [UInt64] = [11, 3, 7, 9, 1, 5]
}

/// Exception causes (section 3.1.15, table 3.6).
public enum Cause {
    public static let instructionMisaligned: UInt64 = 0
    public static let instructionAccessFault: UInt64 = 1
    public static let illegalInstruction: UInt64 = 2
    public static let breakpoint: UInt64 = 3
    public static let loadMisaligned: UInt64 = 4
    public static let loadAccessFault: UInt64 = 5
    public static let storeMisaligned: UInt64 = 6
    public static let storeAccessFault: UInt64 = 7
    public static let userEcall: UInt64 = 8
    public static let supervisorEcall: UInt64 = 9
    public static let machineEcall: UInt64 = 11
    public static let instructionPageFault: UInt64 = 12
    public static let loadPageFault: UInt64 = 13
    public static let storePageFault: UInt64 = 15
    public static let interrupt: UInt64 = 1 << 63
}

/// Why `run` returned before its budget was spent.
public enum StopReason: Equatable, Sendable {
    case budget
    /// `wfi` with no interrupt pending: the machine may skip time.
    case waitingForInterrupt
    /// A device asked to stop (test finisher, HTIF).
    case deviceRequest
}

public final class Hart {
    /// x0..x31, and x[32]: the decoded-instruction path sends writes to x0 there instead
    /// of testing rd (`Decoded`). x[0] is always 0. x[33...40] hold the CSRs that are plain
    /// storage (`scratchCSRs`), so that translated code reads and writes them in place.
    
    let x: UnsafeMutablePointer<UInt64>
    public var pc: UInt64 = 0x1000

    /// The CSRs with no side effects, by number: their index in `x`. The trap CSRs of S and
    /// M mode, which a kernel's trap path reads and writes on every trap.
    static func scratchCSR(_ number: UInt32) -> Int? {
        switch number {
        case 0x140...0x143: return 33 + Int(number - 0x140)
        case 0x340...0x343: return 37 + Int(number - 0x340)
        default: return nil
        }
    }
    public internal(set) var privilege: Privilege = .machine

    // Machine-level CSRs.
    var mstatus: UInt64 = Status.XLEN
    var misa: UInt64 = (2 << 62) | (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)
    var medeleg: UInt64 = 0
    var mideleg: UInt64 = 0
    var mie: UInt64 = 0
    /// The software-writable bits of mip (SSIP, and STIP/SEIP as M-mode writes them).
    var mipSoftware: UInt64 = 0
    var mtvec: UInt64 = 0
    var mcounteren: UInt64 = 0
    var mscratch: UInt64 { get { x[37] } set { x[37] = newValue } }
    var mepc: UInt64 { get { x[38] } set { x[38] = newValue } }
    var mcause: UInt64 { get { x[39] } set { x[39] = newValue } }
    var mtval: UInt64 { get { x[40] } set { x[40] = newValue } }
    var menvcfg: UInt64 = 0
    // Supervisor-level CSRs.
    var stvec: UInt64 = 0
    var scounteren: UInt64 = 0
    var sscratch: UInt64 { get { x[33] } set { x[33] = newValue } }
    var sepc: UInt64 { get { x[34] } set { x[34] = newValue } }
    var scause: UInt64 { get { x[35] } set { x[35] = newValue } }
    var stval: UInt64 { get { x[36] } set { x[36] = newValue } }
    var senvcfg: UInt64 = 0
    var satp: UInt64 = 0
    var stimecmp: UInt64 = .max
    // Physical memory protection: 16 entries.
    var pmpcfg = [UInt8](repeating: 0, count: 16)
    var pmpaddr = [UInt64](repeating: 0, count: 16)
    /// Some PMP entry is on (A != 0); with none, S and U may access nothing.
    var pmpActive = false
    /// The entries that are on, in priority order, with their byte ranges [low, high):
    /// worked out when a PMP CSR is written, not on every access.
    var pmpEntries: [(low: UInt64, high: UInt64, config: UInt8)] = []

    /// Retired instructions (minstret) and the offset a write to mcycle leaves.
    public var instret: UInt64 = 0
    var cycleOffset: UInt64 = 0
    /// Virtual time that `wfi` skipped, in instruction units: mcycle and mtime include it.
    public var idle: UInt64 = 0

    /// LR/SC reservation: the reserved physical address, or nil.
    var reservation: UInt64?

    // Set by memory helpers when an access faults.
    var faultCause: UInt64 = 0
    var faultValue: UInt64 = 0

    let bus: Bus
    let memory: PhysicalMemory
    let clint: CLINT
    let plic: PLIC
    /// This hart's compressed-instruction expansions, filled as parcels are first decoded
    /// (`CompressedExpansion`).
    let expand: UnsafeMutablePointer<UInt32>
    let tlb: TLB
    /// Translates hot blocks to host code (x86-64 Linux hosts) while `translates`.
    let translator = Translator()

    public internal(set) var stopReason: StopReason = .budget
    /// Set by a device write that must end the current slice (finisher, HTIF).
    var stopRequested = false
    /// Set when the guest touched a device: the slice ends after this instruction.
    var endSlice = false
    /// Called on every trap (cause, tval) and xRET (true for mret): for `--events`.
    public var trapHook: ((UInt64, UInt64) -> Void)?
    public var returnHook: ((Bool) -> Void)?
    public var satpHook: ((UInt64) -> Void)?
    /// The pc at which the last trap was taken.
    public internal(set) var trapPC: UInt64 = 0

    init(bus: Bus, clint: CLINT, plic: PLIC) {
        self.bus = bus
        memory = bus.memory
        self.clint = clint
        self.plic = plic
        x = .allocate(capacity: 41)
        x.initialize(repeating: 0, count: 41)
        expand = CompressedExpansion.table()
        tlb = TLB()
        let tlb = self.tlb
        bus.decoded.onNewPage = { cleared in if cleared { tlb.flush() } else { tlb.flushWrites() } }
        let decoded = bus.decoded
        translator.onReset = { decoded.forgetTranslations() }
        translates = translator.available
        translator.attach(self)
    }

    deinit {
        x.deallocate()
        expand.deallocate()
    }

    /// True while hot blocks run as host code (on x86-64 Linux hosts): the default. Off,
    /// every instruction is interpreted; either way the guest sees exactly the same thing.
    public var translates: Bool = false {
        didSet {
            if !translator.available { translates = false }
            bus.decoded.forgetTranslations()
        }
    }

    /// Register `index` (0...31).
    public func register(_ index: Int) -> UInt64 { x[index & 31] }

    public func setRegister(_ index: Int, _ value: UInt64) {
        if index & 31 != 0 { x[index & 31] = value }
    }

    /// The virtual clock: retired instructions plus skipped idle time.
    var clock: UInt64 { instret &+ idle }

    /// mip as software sees it: the device lines and the software-written bits.
    var mip: UInt64 {
        // The machine owns the devices for as long as the hart runs: no reference counting here.
        unowned(unsafe) let clint = self.clint
        unowned(unsafe) let plic = self.plic
        var value = mipSoftware & (Interrupt.SSI | Interrupt.SEI | (stimecmpEnabled ? 0 : Interrupt.STI))
        if clint.msip { value |= Interrupt.MSI }
        let time = clint.mtime(atClock: clock)
        if time >= clint.mtimecmp { value |= Interrupt.MTI }
        if stimecmpEnabled && time >= stimecmp { value |= Interrupt.STI }
        let lines = plic.stale ? refreshPLICLines() : plic.lines
        if lines & 1 != 0 { value |= Interrupt.MEI }
        if lines & 2 != 0 { value |= Interrupt.SEI }
        return value
    }

    @inline(never)
    private func refreshPLICLines() -> UInt64 { plic.refreshLines() }

    /// menvcfg.STCE (Sstc): stimecmp drives mip.STIP.
    var stimecmpEnabled: Bool { menvcfg >> 63 != 0 }
}
