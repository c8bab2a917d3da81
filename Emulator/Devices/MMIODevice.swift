// A device on the bus, reached through loads and stores to its address window.
// MMIO is the emulator's slow path (STYLE.md, TinyEMU's iomem.h): RAM is reached through
// host pointers in the hot loop, and only accesses outside RAM come here.

/// A memory-mapped device. Offsets are relative to the device's base address; `width` is
/// 1, 2, 4 or 8 bytes. A device answers `nil` / `false` for an access it does not decode
/// (wrong width, hole in its register map), which the hart turns into an access fault.
public protocol MMIODevice: AnyObject {
    func read(offset: UInt64, width: Int) -> UInt64?
    func write(offset: UInt64, width: Int, value: UInt64) -> Bool
}

/// Bytes offered to a device (UART receive) as the guest consumes them. Reading never
/// blocks: `nil` means nothing is available now.
public protocol ByteSource: AnyObject {
    func nextByte() -> UInt8?
}
