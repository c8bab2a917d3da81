// Guest RAM: one anonymous host mapping, committed lazily by the host kernel, so a 128 MiB
// guest that touches 1 MiB costs about 1 MiB (DESIGN.md, issue 3 section 7). The hart
// reaches it through raw pointers; bounds are checked once per access by the caller.
import Foundation

public final class PhysicalMemory {
    public let base: UInt64
    public let size: UInt64
    /// The host address of guest physical address `base`.
    public let pointer: UnsafeMutableRawPointer

    /// Maps `size` bytes of zeroed memory for guest addresses `base ..< base + size`.
    public init(base: UInt64, size: UInt64) {
        self.base = base
        self.size = size
        let mapping = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
        guard let mapping, mapping != MAP_FAILED else {
            fatalError("cannot map \(size >> 20) MiB of guest memory")
        }
        pointer = mapping
    }

    deinit {
        munmap(pointer, Int(size))
    }

    /// True when `address ..< address + length` lies in RAM.
    @inline(__always)
    public func contains(_ address: UInt64, _ length: UInt64) -> Bool {
        address &- base < size && address &- base &+ length <= size
    }

    /// Copies `bytes` to guest address `address` (already checked to be in RAM).
    public func write(_ bytes: some Collection<UInt8>, at address: UInt64) {
        let offset = Int(address - base)
        var index = offset
        for byte in bytes {
            pointer.storeBytes(of: byte, toByteOffset: index, as: UInt8.self)
            index += 1
        }
    }

    public func read(_ address: UInt64, count: Int) -> [UInt8] {
        let offset = Int(address - base)
        return (0..<count).map { pointer.load(fromByteOffset: offset + $0, as: UInt8.self) }
    }
}
