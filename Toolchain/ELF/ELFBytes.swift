// ELFBytes: little-endian reads from an untrusted byte array.
//
// The reader validates every range before it reads, but these accessors check again and
// return 0 outside the array, so no input can make them trap.

/// A read-only view of a file's bytes with bounds-checked little-endian loads.
struct ELFBytes {
    let bytes: [UInt8]

    var count: UInt64 { UInt64(bytes.count) }

    /// True when `[offset, offset + size)` lies inside the bytes (overflow-safe).
    func contains(offset: UInt64, size: UInt64) -> Bool {
        let (end, overflow) = offset.addingReportingOverflow(size)
        return !overflow && end <= count
    }

    func u8(_ offset: UInt64) -> UInt8 {
        offset < count ? bytes[Int(offset)] : 0
    }

    func u16(_ offset: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: load(offset, 2)) }
    func u32(_ offset: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: load(offset, 4)) }
    func u64(_ offset: UInt64) -> UInt64 { load(offset, 8) }

    /// `width` bytes at `offset`, least significant first; 0 when out of range.
    private func load(_ offset: UInt64, _ width: Int) -> UInt64 {
        guard contains(offset: offset, size: UInt64(width)) else { return 0 }
        var value: UInt64 = 0
        let start = Int(offset)
        for i in stride(from: width - 1, through: 0, by: -1) {
            value = value << 8 | UInt64(bytes[start + i])
        }
        return value
    }

    /// The bytes of `[offset, offset + size)`, or an empty slice when out of range.
    func slice(offset: UInt64, size: UInt64) -> ArraySlice<UInt8> {
        guard contains(offset: offset, size: size) else { return [] }
        return bytes[Int(offset)..<Int(offset + size)]
    }
}
