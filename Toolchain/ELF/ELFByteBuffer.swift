// ELFByteBuffer: a growable byte array for writing ELF files, little-endian, by offset.
//
// ELFWriter decides every offset first and then writes each piece where it belongs; any
// gap between pieces is zero.

struct ELFByteBuffer {
    private(set) var bytes: [UInt8] = []

    /// Copies `data` to `offset`, growing the buffer with zeros as needed.
    mutating func write<C: Collection>(_ data: C, at offset: UInt64) where C.Element == UInt8 {
        let start = Int(offset)
        let end = start + data.count
        if bytes.count < end { bytes += [UInt8](repeating: 0, count: end - bytes.count) }
        bytes.replaceSubrange(start..<end, with: data)
    }
}

/// Little-endian encoding of the fixed-size ELF fields, appended to a byte array.
extension Array where Element == UInt8 {
    mutating func appendELF16(_ value: UInt16) { appendLittleEndian(UInt64(value), 2) }
    mutating func appendELF32(_ value: UInt32) { appendLittleEndian(UInt64(value), 4) }
    mutating func appendELF64(_ value: UInt64) { appendLittleEndian(value, 8) }

    private mutating func appendLittleEndian(_ value: UInt64, _ width: Int) {
        for i in 0..<width { append(UInt8(truncatingIfNeeded: value >> (8 * i))) }
    }
}

/// An ELF string table: a leading NUL, then each distinct name once, NUL-terminated.
struct ELFStringTable {
    private(set) var bytes: [UInt8] = [0]
    private var offsets: [String: UInt32] = ["": 0]

    /// The offset of `name`, adding it on first use.
    mutating func offset(of name: String) -> UInt32 {
        if let offset = offsets[name] { return offset }
        let offset = UInt32(bytes.count)
        bytes += Array(name.utf8) + [0]
        offsets[name] = offset
        return offset
    }
}
