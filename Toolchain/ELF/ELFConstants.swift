// ELF constants: the raw numbers of the ELF-64 object file format and the RISC-V psABI,
// spelled as the specifications spell them, in one place for the reader and the writer.
//
// Sources: System V ABI "ELF-64 Object File Format" (header, program header, section header
// and symbol table layouts) and the RISC-V ELF psABI (EM_RISCV, e_flags, attributes).

/// Raw ELF-64 numbers. Only what rvmk reads or writes is listed.
enum ELF {
    /// `e_ident[EI_MAG0..EI_MAG3]`: 0x7f 'E' 'L' 'F'.
    static let magic: [UInt8] = [0x7f, 0x45, 0x4c, 0x46]
    /// `e_ident[EI_CLASS]` values.
    static let ELFCLASS32: UInt8 = 1
    static let ELFCLASS64: UInt8 = 2
    /// `e_ident[EI_DATA]` values.
    static let ELFDATA2LSB: UInt8 = 1
    static let ELFDATA2MSB: UInt8 = 2
    /// `EV_CURRENT`, for `e_ident[EI_VERSION]` and `e_version`.
    static let EV_CURRENT: UInt8 = 1

    /// `e_type` values.
    static let ET_EXEC: UInt16 = 2
    static let ET_DYN: UInt16 = 3
    /// `e_machine` for RISC-V (psABI).
    static let EM_RISCV: UInt16 = 243

    /// Sizes of the fixed ELF-64 structures (`e_ehsize`, `e_phentsize`, `e_shentsize`, symbol).
    static let headerSize = 64
    static let programHeaderSize = 56
    static let sectionHeaderSize = 64
    static let symbolSize = 24

    /// `e_phnum` escape meaning "more than 0xfffe program headers" (not supported).
    static let PN_XNUM: UInt16 = 0xffff

    /// `p_type` values.
    static let PT_LOAD: UInt32 = 1
    /// RISC-V psABI: the segment that holds `.riscv.attributes`.
    static let PT_RISCV_ATTRIBUTES: UInt32 = 0x7000_0003
    /// `p_flags` bits.
    static let PF_X: UInt32 = 1
    static let PF_W: UInt32 = 2
    static let PF_R: UInt32 = 4

    /// `sh_type` values.
    static let SHT_NULL: UInt32 = 0
    static let SHT_PROGBITS: UInt32 = 1
    static let SHT_SYMTAB: UInt32 = 2
    static let SHT_STRTAB: UInt32 = 3
    static let SHT_NOBITS: UInt32 = 8
    /// RISC-V psABI: `.riscv.attributes`.
    static let SHT_RISCV_ATTRIBUTES: UInt32 = 0x7000_0003
    /// `sh_flags` bits.
    static let SHF_WRITE: UInt64 = 0x1
    static let SHF_ALLOC: UInt64 = 0x2
    static let SHF_EXECINSTR: UInt64 = 0x4

    /// Special section indexes (`st_shndx`).
    static let SHN_UNDEF: UInt16 = 0
    static let SHN_LORESERVE: UInt16 = 0xff00
    static let SHN_ABS: UInt16 = 0xfff1

    /// RISC-V psABI `e_flags`: compressed instructions present.
    static let EF_RISCV_RVC: UInt32 = 0x1

    /// Page size used to align loadable segments (`p_align`).
    static let pageSize: UInt64 = 0x1000

    /// `0x1f40`-style hexadecimal for error messages.
    static func hex<T: BinaryInteger>(_ value: T) -> String {
        "0x" + String(value, radix: 16)
    }
}
