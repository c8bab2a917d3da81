// The platform-level interrupt controller at 0x0c00_0000, laid out as QEMU's virt board lays
// out its SiFive PLIC: sources 1..95 with 3-bit priorities at +4*source, pending bits at
// +0x1000, per-context enable bits at +0x2000 + 0x80*context, and per-context threshold and
// claim/complete at +0x20_0000 + 0x1000*context. Context 0 is hart 0 in M-mode, context 1 in
// S-mode. Inputs are level-triggered through a gateway (PLIC spec, "Interrupt Gateways"):
// an asserted source becomes pending once, and again only after its claim is completed.

public final class PLIC: MMIODevice {
    public static let size: UInt64 = 0x400_0000
    public let sourceCount: Int
    public let contextCount: Int

    // Any change to these can change which context's line is up: `lines` is worked out
    // again only then, not on every read of mip.
    private var priority: [UInt32] { didSet { stale = true } }
    private var pending: [Bool] { didSet { stale = true } }
    private var level: [Bool]
    private var inService: [Bool]
    private var enable: [[Bool]] { didSet { stale = true } }
    private var threshold: [UInt32] { didSet { stale = true } }
    // The hart's mip reads these two directly (no call, so no reference counting).
    private(set) var stale = true
    /// Bit n: context n's line, when not `stale`.
    private(set) var lines: UInt64 = 0

    public init(sourceCount: Int = 96, contextCount: Int = 2) {
        self.sourceCount = sourceCount
        self.contextCount = contextCount
        priority = Array(repeating: 0, count: sourceCount)
        pending = Array(repeating: false, count: sourceCount)
        level = Array(repeating: false, count: sourceCount)
        inService = Array(repeating: false, count: sourceCount)
        enable = Array(repeating: Array(repeating: false, count: sourceCount), count: contextCount)
        threshold = Array(repeating: 0, count: contextCount)
    }

    /// A device's interrupt line.
    public func setLevel(source: Int, _ asserted: Bool) {
        guard source > 0 && source < sourceCount else { return }
        level[source] = asserted
        if asserted && !inService[source] && !pending[source] { pending[source] = true }
    }

    /// The highest-priority pending source enabled for `context` above its threshold.
    private func best(_ context: Int) -> Int {
        var best = 0, bestPriority: UInt32 = 0
        for source in 1..<sourceCount where pending[source] && enable[context][source] && priority[source] > bestPriority {
            best = source
            bestPriority = priority[source]
        }
        return bestPriority > threshold[context] ? best : 0
    }

    /// The external-interrupt line of `context` (mip.MEIP for 0, mip.SEIP for 1).
    public func interruptPending(context: Int) -> Bool {
        context < contextCount && lineBits() & (1 << UInt64(context)) != 0
    }

    /// Bit n: context n's line.
    func lineBits() -> UInt64 { stale ? refreshLines() : lines }

    @inline(never)
    func refreshLines() -> UInt64 {
        lines = 0
        for context in 0..<contextCount where best(context) != 0 { lines |= 1 << UInt64(context) }
        stale = false
        return lines
    }

    public func read(offset: UInt64, width: Int) -> UInt64? {
        guard width == 4, offset & 3 == 0 else { return nil }
        switch offset {
        case 0..<0x1000:
            let source = Int(offset / 4)
            return source < sourceCount ? UInt64(priority[source]) : 0
        case 0x1000..<0x1080:
            return UInt64(bits((Int(offset) - 0x1000) * 8) { self.pending[$0] })
        case 0x2000..<0x20_0000:
            let context = (Int(offset) - 0x2000) / 0x80, word = (Int(offset) - 0x2000) % 0x80
            guard context < contextCount else { return 0 }
            return UInt64(bits(word * 8) { self.enable[context][$0] })
        case 0x20_0000..<PLIC.size:
            let context = (Int(offset) - 0x20_0000) / 0x1000, register = (Int(offset) - 0x20_0000) % 0x1000
            guard context < contextCount else { return 0 }
            if register == 0 { return UInt64(threshold[context]) }
            if register == 4 { return UInt64(claim(context)) }
            return 0
        default:
            return 0
        }
    }

    public func write(offset: UInt64, width: Int, value: UInt64) -> Bool {
        guard width == 4, offset & 3 == 0 else { return false }
        let value = UInt32(truncatingIfNeeded: value)
        switch offset {
        case 0..<0x1000:
            let source = Int(offset / 4)
            if source > 0 && source < sourceCount { priority[source] = value & 7 }
        case 0x2000..<0x20_0000:
            let context = (Int(offset) - 0x2000) / 0x80, first = ((Int(offset) - 0x2000) % 0x80) * 8
            guard context < contextCount else { return true }
            for bit in 0..<32 where first + bit < sourceCount && first + bit > 0 {
                enable[context][first + bit] = value >> UInt32(bit) & 1 != 0
            }
        case 0x20_0000..<PLIC.size:
            let context = (Int(offset) - 0x20_0000) / 0x1000, register = (Int(offset) - 0x20_0000) % 0x1000
            guard context < contextCount else { return true }
            if register == 0 { threshold[context] = value & 7 }
            if register == 4 { complete(context, Int(value)) }
        default:
            break
        }
        return true
    }

    private func bits(_ first: Int, _ test: (Int) -> Bool) -> UInt32 {
        var word: UInt32 = 0
        for bit in 0..<32 where first + bit < sourceCount && test(first + bit) { word |= 1 << UInt32(bit) }
        return word
    }

    private func claim(_ context: Int) -> Int {
        let source = best(context)
        if source != 0 {
            pending[source] = false
            inService[source] = true
        }
        return source
    }

    private func complete(_ context: Int, _ source: Int) {
        guard source > 0 && source < sourceCount, enable[context][source] else { return }
        inService[source] = false
        if level[source] && !pending[source] { pending[source] = true }
    }
}
