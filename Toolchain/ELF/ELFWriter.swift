// ELFWriter: writes the assembler's sections and symbols as an ELF-64 RISC-V executable.
//
// rvmk has no linker: the assembler lays every section out at its final address and hands
// the result here. The file matches what GNU ld writes for a small program closely enough
// that `readelf -a` and `objdump -d` read it without a warning:
//
//   ELF header | program headers | loadable sections (one PT_LOAD per run of adjacent
//   allocated sections with the same permissions) | other sections | .riscv.attributes |
//   .symtab | .strtab | .shstrtab | section header table
//
// Section headers: the null section, the given sections in the order given, then
// .riscv.attributes (when `architecture` is set), .symtab, .strtab, .shstrtab.
// Symbols: the null symbol, the local symbols, then the global and weak ones (gABI: locals
// first; .symtab's sh_info is the index of the first non-local).

public struct ELFWriter: Sendable {
    /// `sh_flags` bits a section may carry.
    public struct SectionFlags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt64
        public init(rawValue: UInt64) { self.rawValue = rawValue }
        /// `SHF_ALLOC`: loaded into memory.
        public static let alloc = SectionFlags(rawValue: ELF.SHF_ALLOC)
        /// `SHF_WRITE`
        public static let write = SectionFlags(rawValue: ELF.SHF_WRITE)
        /// `SHF_EXECINSTR`
        public static let execute = SectionFlags(rawValue: ELF.SHF_EXECINSTR)
    }

    /// One output section at its final address.
    public struct Section: Sendable {
        public enum Kind: Sendable, Hashable {
            /// `SHT_PROGBITS`: contents in the file.
            case progbits
            /// `SHT_NOBITS`: zero-filled memory, no file space (`.bss`).
            case nobits
        }
        public var name: String
        public var kind: Kind
        public var flags: SectionFlags
        public var address: UInt64
        /// Contents of a progbits section; ignored for nobits.
        public var bytes: [UInt8]
        /// Size in memory: `bytes.count` for progbits (kept in step by `init`), given for nobits.
        public var size: UInt64
        /// `sh_addralign`: 0, 1 or a power of two.
        public var alignment: UInt64

        /// For progbits, `size` is ignored and taken from `bytes`.
        public init(name: String, kind: Kind = .progbits, flags: SectionFlags, address: UInt64,
                    bytes: [UInt8] = [], size: UInt64 = 0, alignment: UInt64 = 1) {
            self.name = name
            self.kind = kind
            self.flags = flags
            self.address = address
            self.bytes = kind == .progbits ? bytes : []
            self.size = kind == .progbits ? UInt64(bytes.count) : size
            self.alignment = alignment
        }

        /// Size in memory, from the contents for progbits.
        var memorySize: UInt64 { kind == .progbits ? UInt64(bytes.count) : size }
    }

    /// One symbol-table entry.
    public struct Symbol: Sendable {
        public var name: String
        public var value: UInt64
        public var size: UInt64
        public var type: ELFSymbolType
        public var binding: ELFSymbolBinding
        /// The name of the section that defines it; nil for an absolute symbol (SHN_ABS).
        /// A name that matches no section gives SHN_UNDEF.
        public var section: String?

        public init(name: String, value: UInt64, size: UInt64 = 0, type: ELFSymbolType = .notype,
                    binding: ELFSymbolBinding = .local, section: String?) {
            self.name = name
            self.value = value
            self.size = size
            self.type = type
            self.binding = binding
            self.section = section
        }
    }

    /// What binutils 2.4x writes as Tag_RISCV_arch for `-march=rv64imac_zicsr_zifencei`.
    public static let defaultArchitecture = "rv64i2p1_m2p0_a2p1_c2p0_zicsr2p0_zifencei2p0_zmmul1p0"

    /// `e_entry`
    public var entry: UInt64
    /// `e_flags`: `EF_RISCV_RVC` (0x1) when compressed code is present; soft-float ABI is 0.
    public var flags: UInt32
    public var sections: [Section]
    public var symbols: [Symbol]
    /// Tag_RISCV_arch for a `.riscv.attributes` section; nil writes no such section.
    public var architecture: String?

    /// `EF_RISCV_RVC`, for `flags`.
    public static let flagRVC: UInt32 = ELF.EF_RISCV_RVC

    public init(entry: UInt64 = 0, flags: UInt32 = 0, sections: [Section] = [],
                symbols: [Symbol] = [], architecture: String? = ELFWriter.defaultArchitecture) {
        self.entry = entry
        self.flags = flags
        self.sections = sections
        self.symbols = symbols
        self.architecture = architecture
    }

    /// The complete file.
    public func serialize() -> [UInt8] {
        let tables = ELFWriterTables(self)
        let layout = ELFWriterLayout(self, tables: tables)
        var out = ELFByteBuffer()
        out.write(fileHeader(layout), at: 0)
        out.write(layout.programHeaders(), at: UInt64(ELF.headerSize))
        for (index, section) in sections.enumerated() where section.kind == .progbits {
            out.write(section.bytes, at: layout.sectionOffsets[index])
        }
        for (offset, bytes) in zip(layout.tableOffsets, tables.contents) {
            out.write(bytes, at: offset)
        }
        out.write(layout.sectionHeaders(tables), at: layout.sectionHeaderOffset)
        return out.bytes
    }

    /// `Elf64_Ehdr`.
    private func fileHeader(_ layout: ELFWriterLayout) -> [UInt8] {
        var header = ELF.magic + [ELF.ELFCLASS64, ELF.ELFDATA2LSB, ELF.EV_CURRENT]
        header += [UInt8](repeating: 0, count: 16 - header.count)   // OSABI SYSV, padding
        header.appendELF16(ELF.ET_EXEC)
        header.appendELF16(ELF.EM_RISCV)
        header.appendELF32(UInt32(ELF.EV_CURRENT))
        header.appendELF64(entry)
        header.appendELF64(layout.segments.isEmpty ? 0 : UInt64(ELF.headerSize))
        header.appendELF64(layout.sectionHeaderOffset)
        header.appendELF32(flags)
        header.appendELF16(UInt16(ELF.headerSize))
        header.appendELF16(UInt16(ELF.programHeaderSize))
        // Counts past 0xfeff need ELF's extended numbering, which rvmk does not write;
        // the assembler never makes that many sections, and clamping avoids a trap.
        header.appendELF16(UInt16(clamping: layout.segments.count))
        header.appendELF16(UInt16(ELF.sectionHeaderSize))
        header.appendELF16(UInt16(clamping: layout.sectionCount))
        header.appendELF16(UInt16(clamping: layout.sectionCount - 1))    // .shstrtab is last
        return header
    }
}
