// The CLINT (core-local interruptor) at 0x0200_0000, for one hart: `msip` at +0x0 (bit 0
// raises mip.MSIP), `mtimecmp` at +0x4000 and `mtime` at +0xbff8, 64-bit registers that
// 32-bit accesses may also reach, as on QEMU's virt board.
//
// Time is not host time: `mtime` is derived from the machine's virtual clock (retired
// instructions plus the idle time `wfi` skips), so runs are deterministic (DESIGN.md).

public final class CLINT: MMIODevice {
    public static let size: UInt64 = 0x10000
    /// Retired instructions per `mtime` tick: 10 MHz timebase, a nominal 100 MIPS guest.
    public static let instructionsPerTick: UInt64 = 10

    public var msip = false
    public var mtimecmp: UInt64 = .max
    /// The virtual clock, in instructions (the hart's retired instructions plus idle time).
    public var clockSource: () -> UInt64 = { 0 }
    private var clock: UInt64 { clockSource() }
    /// Added to the clock-derived time when the guest writes `mtime`.
    private var timeOffset: UInt64 = 0

    public init() {}

    public var mtime: UInt64 {
        get { mtime(atClock: clock) }
        set { timeOffset = newValue &- clock / CLINT.instructionsPerTick }
    }

    /// `mtime` when the virtual clock reads `clock` (for the hart, which knows it without
    /// calling `clockSource`).
    @inline(__always)
    public func mtime(atClock clock: UInt64) -> UInt64 { clock / CLINT.instructionsPerTick &+ timeOffset }

    /// The clock value at which `mtime` reaches `deadline` (now if already passed).
    public func clock(at deadline: UInt64) -> UInt64 {
        guard deadline > mtime else { return clock }
        let ticks = deadline &- timeOffset
        let (product, overflow) = ticks.multipliedReportingOverflow(by: CLINT.instructionsPerTick)
        return overflow ? .max : product
    }

    public func read(offset: UInt64, width: Int) -> UInt64? {
        switch (offset, width) {
        case (0, 4): return msip ? 1 : 0
        case (0x4000, 8): return mtimecmp
        case (0x4000, 4): return mtimecmp & 0xffff_ffff
        case (0x4004, 4): return mtimecmp >> 32
        case (0xbff8, 8): return mtime
        case (0xbff8, 4): return mtime & 0xffff_ffff
        case (0xbffc, 4): return mtime >> 32
        default: return offset < CLINT.size && (width == 4 || width == 8) ? 0 : nil
        }
    }

    public func write(offset: UInt64, width: Int, value: UInt64) -> Bool {
        switch (offset, width) {
        case (0, 4): msip = value & 1 != 0
        case (0x4000, 8): mtimecmp = value
        case (0x4000, 4): mtimecmp = (mtimecmp & ~0xffff_ffff) | (value & 0xffff_ffff)
        case (0x4004, 4): mtimecmp = (mtimecmp & 0xffff_ffff) | (value << 32)
        case (0xbff8, 8): mtime = value
        case (0xbff8, 4): mtime = (mtime & ~0xffff_ffff) | (value & 0xffff_ffff)
        case (0xbffc, 4): mtime = (mtime & 0xffff_ffff) | (value << 32)
        default: return offset < CLINT.size && (width == 4 || width == 8)
        }
        return true
    }
}
