// The SiFive test finisher (`sifive,test1`) at 0x100000, as on QEMU's virt board: a 32-bit
// write of 0x5555 ends the run with status 0, (code << 16) | 0x3333 with `code`, and 0x7777
// asks for a reset (rvmk ends the run with status 0 and says so).

public final class TestFinisher: MMIODevice {
    public static let size: UInt64 = 0x1000

    public enum Request: Equatable {
        case exit(Int32)
        case reset
    }

    /// Set by a guest write; the machine stops when it sees it.
    public private(set) var request: Request?

    public init() {}

    public func read(offset: UInt64, width: Int) -> UInt64? {
        offset == 0 && width == 4 ? 0 : nil
    }

    public func write(offset: UInt64, width: Int, value: UInt64) -> Bool {
        guard offset == 0, width == 4 else { return false }
        let low = value & 0xffff
        switch low {
        case 0x5555: request = .exit(0)
        case 0x3333: request = .exit(Int32((value >> 16) & 0xffff))
        case 0x7777: request = .reset
        default: break
        }
        return true
    }
}
