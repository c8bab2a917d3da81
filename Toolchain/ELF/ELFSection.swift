// ELFSection: one section header of an ELF-64 file.
//
// The disassembler walks the executable sections; the reader has checked that every
// section with file contents lies inside the file and that its name is a valid string.

/// One ELF-64 section header (`Elf64_Shdr`), with its name resolved.
public struct ELFSection: Sendable, Equatable {
    /// The name from the section header string table (`sh_name`), "" for the null section.
    public let name: String
    /// `sh_type`: 1 `SHT_PROGBITS`, 2 `SHT_SYMTAB`, 3 `SHT_STRTAB`, 8 `SHT_NOBITS`, ...
    public let type: UInt32
    /// `sh_flags`
    public let flags: UInt64
    /// `sh_addr`
    public let address: UInt64
    /// `sh_offset`
    public let offset: UInt64
    /// `sh_size`
    public let size: UInt64
    /// `sh_link`
    public let link: UInt32
    /// `sh_info`
    public let info: UInt32
    /// `sh_addralign`
    public let alignment: UInt64
    /// `sh_entsize`
    public let entrySize: UInt64

    /// `SHF_ALLOC`: occupies memory while the program runs.
    public var isAllocated: Bool { flags & ELF.SHF_ALLOC != 0 }
    /// `SHF_EXECINSTR`: holds instructions.
    public var isExecutable: Bool { flags & ELF.SHF_EXECINSTR != 0 }
    /// `SHF_WRITE`
    public var isWritable: Bool { flags & ELF.SHF_WRITE != 0 }
    /// `SHT_NOBITS`: takes no file space (`.bss`).
    public var isNoBits: Bool { type == ELF.SHT_NOBITS }
}
