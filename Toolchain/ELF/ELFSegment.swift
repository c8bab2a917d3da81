// ELFSegment: one program header of an ELF-64 file, as the loader sees it.
//
// The emulator's loader copies each PT_LOAD segment's file bytes to its address and zeroes
// the rest up to p_memsz; the reader has already checked that the bytes lie inside the file.

/// `p_flags`: the permissions of a segment.
public struct ELFSegmentFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// `PF_X`
    public static let execute = ELFSegmentFlags(rawValue: ELF.PF_X)
    /// `PF_W`
    public static let write = ELFSegmentFlags(rawValue: ELF.PF_W)
    /// `PF_R`
    public static let read = ELFSegmentFlags(rawValue: ELF.PF_R)
}

/// One ELF-64 program header (`Elf64_Phdr`).
public struct ELFSegment: Sendable, Equatable {
    /// `p_type`: 1 is `PT_LOAD`.
    public let type: UInt32
    /// `p_flags`
    public let flags: ELFSegmentFlags
    /// `p_offset`: where the segment's bytes start in the file.
    public let offset: UInt64
    /// `p_vaddr`
    public let virtualAddress: UInt64
    /// `p_paddr`
    public let physicalAddress: UInt64
    /// `p_filesz`: bytes present in the file.
    public let fileSize: UInt64
    /// `p_memsz`: bytes in memory; the part past `fileSize` is zero.
    public let memorySize: UInt64
    /// `p_align`
    public let alignment: UInt64

    /// `PT_LOAD`: the loader copies this segment into memory.
    public var isLoad: Bool { type == ELF.PT_LOAD }
}
