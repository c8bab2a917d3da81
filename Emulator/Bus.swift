// The physical address space: RAM, reached by the hart through host pointers, and the
// devices, reached through `MMIODevice` on the slow path (TinyEMU's iomem model). Anything
// else is an access fault.

public final class Bus {
    public let memory: PhysicalMemory
    private var devices: [(base: UInt64, size: UInt64, device: MMIODevice)] = []
    /// HTIF `tohost`/`fromhost` (Spike's host interface), when the image has a `tohost` symbol.
    var htif: HTIF?
    /// Called after every device access, so the machine can move interrupt lines and end
    /// the hart's slice.
    var onDeviceAccess: () -> Void = {}
    /// Decoded instructions, which a write to RAM may make stale.
    let decoded: DecodedCache

    init(memory: PhysicalMemory) {
        self.memory = memory
        decoded = DecodedCache(base: memory.base, size: memory.size)
    }

    func attach(_ device: MMIODevice, at base: UInt64, size: UInt64) {
        devices.append((base, size, device))
    }

    /// True when `address` is in RAM and the page may be cached for direct access: HTIF's
    /// page goes through `read`/`write` so that its accesses are seen.
    func isDirect(_ page: UInt64) -> Bool {
        guard memory.contains(page, 0x1000) else { return false }
        if let htif, htif.page == page { return false }
        return true
    }

    /// A physical read of 1, 2, 4 or 8 bytes; nil when nothing answers at `address`.
    func read(_ address: UInt64, width: Int) -> UInt64? {
        if let htif, let value = htif.read(address, width: width) { return value }
        if memory.contains(address, UInt64(width)) {
            let offset = Int(address - memory.base)
            switch width {  // little-endian hosts only, like the TLB's direct accesses
            case 8: return memory.pointer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            case 4: return UInt64(memory.pointer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            case 2: return UInt64(memory.pointer.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            default:
                var value: UInt64 = 0
                for index in 0..<width { value |= UInt64(memory.pointer.load(fromByteOffset: offset + index, as: UInt8.self)) << UInt64(8 * index) }
                return value
            }
        }
        for entry in devices where address &- entry.base < entry.size {
            let value = entry.device.read(offset: address - entry.base, width: width)
            onDeviceAccess()
            return value
        }
        return nil
    }

    /// A physical write; false when nothing answers at `address`.
    func write(_ address: UInt64, width: Int, value: UInt64) -> Bool {
        if let htif, htif.write(address, width: width, value: value) { return true }
        if memory.contains(address, UInt64(width)) {
            let offset = Int(address - memory.base)
            for index in 0..<width {
                memory.pointer.storeBytes(of: UInt8(truncatingIfNeeded: value >> UInt64(8 * index)), toByteOffset: offset + index, as: UInt8.self)
            }
            decoded.invalidate(address, width)
            return true
        }
        for entry in devices where address &- entry.base < entry.size {
            let accepted = entry.device.write(offset: address - entry.base, width: width, value: value)
            onDeviceAccess()
            return accepted
        }
        return false
    }
}

/// Spike's host-target interface, for riscv-tests-style programs: a store to `tohost` with
/// bit 0 set ends the run with status `value >> 1`; device 1, command 1 prints a character.
final class HTIF {
    let tohost: UInt64
    let fromhost: UInt64?
    let page: UInt64
    private let output: (UInt8) -> Void
    private(set) var exitCode: Int32?
    private var pending: UInt64 = 0

    init(tohost: UInt64, fromhost: UInt64?, output: @escaping (UInt8) -> Void) {
        self.tohost = tohost
        self.fromhost = fromhost
        page = tohost & ~0xfff
        self.output = output
    }

    func read(_ address: UInt64, width: Int) -> UInt64? {
        if address == tohost && width >= 4 { return 0 }
        if let fromhost, address == fromhost && width >= 4 { return 0 }
        return nil
    }

    func write(_ address: UInt64, width: Int, value: UInt64) -> Bool {
        if address == tohost + 4 && width == 4 {
            // The high half of a 64-bit command written as two words (RV32 style).
            pending = (pending & 0xffff_ffff) | value << 32
            command(pending)
            return true
        }
        guard address == tohost else { return false }
        if width == 4 {
            pending = value & 0xffff_ffff
            if value & 1 == 1 { command(pending) }
            return true
        }
        command(value)
        return true
    }

    private func command(_ value: UInt64) {
        let device = value >> 56, command = (value >> 48) & 0xff
        if device == 0 && command == 0 && value & 1 == 1 {
            exitCode = Int32(truncatingIfNeeded: (value & 0xffff_ffff_ffff) >> 1)
        } else if device == 1 && command == 1 {
            output(UInt8(truncatingIfNeeded: value))
        }
    }
}

/// A software TLB: for each kind of access, 1,024 direct-mapped entries that turn a virtual
/// page into a host address, valid for the current privilege and translation settings
/// (it is flushed whenever they change).
final class TLB {
    struct Entry {
        /// The virtual page number OR-ed with the generation it was made in; `.max` when
        /// empty (no page and generation can make `.max`: the last generation is skipped).
        var tag: UInt64 = .max
        /// Host address minus virtual address: `host = addend &+ va`.
        var addend: UInt64 = 0
        /// For fetch entries: the page's decoded-instruction slots.
        var decoded: UnsafeMutablePointer<Decoded>?
    }

    /// Entries per table: enough for a 4 MiB working set (QEMU's TLB grows to 1,024 and more).
    static let size = 1024
    /// One set of tables (read, write, fetch) per privilege, U, S and M: what a page allows
    /// depends on the privilege, so a trap or an xRET selects another set instead of
    /// flushing.
    private let tables: UnsafeMutablePointer<Entry>
    private(set) var read: UnsafeMutablePointer<Entry>
    private(set) var write: UnsafeMutablePointer<Entry>
    private(set) var fetch: UnsafeMutablePointer<Entry>
    /// Bits 52..63 of every live tag (page numbers use bits 0..51): the id of the current
    /// address space. Each ASID (and Bare translation) gets an id when first used; a flush
    /// forgets the ids instead of clearing the tables, and a switch of satp to another ASID
    /// keeps the entries of both, as the ISA lets ASIDs do. The tables are cleared only
    /// when the 4,094 ids run out.
    private(set) var generation: UInt64 = 0
    private static let bare = 65536
    private var idOf = [UInt16](repeating: 0, count: 65537)
    private var idEpoch = [UInt32](repeating: 0, count: 65537)
    private var mapEpoch: UInt32 = 1
    private var nextID = 1
    private var currentKey = TLB.bare
    /// Set when M-mode filled entries under mstatus.MPRV (they depend on MPP, which traps
    /// and xRETs change): the next change of privilege flushes.
    var hasMPRVEntries = false

    init() {
        tables = .allocate(capacity: 9 * TLB.size)
        tables.initialize(repeating: Entry(), count: 9 * TLB.size)
        read = tables
        write = tables + TLB.size
        fetch = tables + 2 * TLB.size
        select(.machine)
        activate(TLB.bare)
    }

    deinit {
        tables.deallocate()
    }

    /// The tables of this privilege.
    func select(_ privilege: Privilege) {
        let set = privilege == .user ? 0 : privilege == .supervisor ? 1 : 2
        read = tables + 3 * set * TLB.size
        write = read + TLB.size
        fetch = write + TLB.size
    }

    /// Where page `vpn` goes in a table: its low bits mixed with the address space's id, so
    /// that the same page of two address spaces (every process's code at one address, the
    /// kernel mapped in all) does not take the same entry.
    @inline(__always)
    func slot(_ vpn: UInt64) -> Int { Int((vpn ^ salt) & UInt64(TLB.size - 1)) }

    /// The current address space's share of `slot`.
    private(set) var salt: UInt64 = 0

    /// The tag of page `vpn` in the current generation.
    @inline(__always)
    func tag(_ vpn: UInt64) -> UInt64 { vpn | generation }

    /// Counts flushes, so that a loop holding on to a page can tell it must look again.
    private(set) var epoch: UInt64 = 0

    /// Every translation is forgotten.
    func flush() {
        epoch &+= 1
        hasMPRVEntries = false
        mapEpoch &+= 1
        activate(currentKey)
    }

    /// The translations of one ASID are forgotten (sfence.vma with rs2).
    func flush(asid: UInt64) {
        epoch &+= 1
        let key = Int(asid & 0xffff)
        idEpoch[key] = 0
        if key == currentKey { activate(key) }
    }

    /// satp now holds `satp`: its ASID's entries (or Bare's) become the live ones.
    func switchTo(satp: UInt64, from old: UInt64) {
        epoch &+= 1
        let key = satp >> 60 == 8 ? Int((satp >> 44) & 0xffff) : TLB.bare
        // The same ASID with another root or mode: its old entries are wrong now.
        if key == currentKey && satp != old { idEpoch[key] = 0 }
        activate(key)
    }

    private func activate(_ key: Int) {
        currentKey = key
        if idEpoch[key] != mapEpoch {
            if nextID == 0xfff {
                tables.update(repeating: Entry(), count: 9 * TLB.size)
                mapEpoch &+= 1
                nextID = 1
            }
            idOf[key] = UInt16(nextID)
            idEpoch[key] = mapEpoch
            nextID += 1
        }
        generation = UInt64(idOf[key]) << 52
        salt = (UInt64(idOf[key]) &* 0x29d) & UInt64(TLB.size - 1)
    }

    func flushWrites() {
        for set in 0..<3 { (tables + (3 * set + 1) * TLB.size).update(repeating: Entry(), count: TLB.size) }
    }
}
