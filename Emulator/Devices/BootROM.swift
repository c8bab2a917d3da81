// The boot ROM at 0x1000, with QEMU virt's reset vector: a0 = mhartid, a1 = the device
// tree's address, a2 = the address of the (empty) dynamic-firmware information, then a
// jump to the image's entry. The entry and the device-tree address are data words at
// +0x18 and +0x20.

public final class BootROM: MMIODevice {
    public static let base: UInt64 = 0x1000
    public static let size: UInt64 = 0x1000
    private var bytes = [UInt8](repeating: 0, count: Int(BootROM.size))

    public init(entry: UInt64, deviceTree: UInt64) {
        let code: [UInt32] = [
            0x0000_0297,  // auipc t0, 0
            0x0282_8613,  // addi  a2, t0, 40
            0xf140_2573,  // csrr  a0, mhartid
            0x0202_b583,  // ld    a1, 32(t0)
            0x0182_b283,  // ld    t0, 24(t0)
            0x0002_8067,  // jr    t0
        ]
        var offset = 0
        for word in code { put(UInt64(word), at: &offset, width: 4) }
        put(entry, at: &offset, width: 8)
        put(deviceTree, at: &offset, width: 8)
    }

    private func put(_ value: UInt64, at offset: inout Int, width: Int) {
        for index in 0..<width { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> UInt64(8 * index)) }
        offset += width
    }

    public func read(offset: UInt64, width: Int) -> UInt64? {
        guard offset + UInt64(width) <= BootROM.size else { return nil }
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(bytes[Int(offset) + index]) << UInt64(8 * index) }
        return value
    }

    public func write(offset: UInt64, width: Int, value: UInt64) -> Bool {
        false
    }
}
