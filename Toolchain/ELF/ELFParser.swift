// ELFParser: the checks that stand between an untrusted file and ELFFile.
//
// Order of checks: the ELF header (magic, class, data encoding, version, type, machine,
// structure sizes), then the program header table and every segment, then the section header
// table, the section names and every section, then the symbol table. Every range is checked
// against the file with overflow-safe arithmetic before any byte of it is read.

/// The fields of the ELF-64 header (`Elf64_Ehdr`) that rvmk uses.
struct ELFHeader {
    var type: UInt16
    var machine: UInt16
    var entry: UInt64
    var programHeaderOffset: UInt64
    var sectionHeaderOffset: UInt64
    var flags: UInt32
    var programHeaderCount: UInt16
    var sectionHeaderCount: UInt16
    var sectionNameTableIndex: UInt16
}

struct ELFParser {
    let data: ELFBytes
    let path: String

    func fail(_ message: String) -> ELFError {
        ELFError(path: path, message: message)
    }

    /// Throws unless `[offset, offset + size)` lies inside the file. `what` names the thing.
    func checkRange(_ what: String, offset: UInt64, size: UInt64) throws(ELFError) {
        let (end, overflow) = offset.addingReportingOverflow(size)
        if overflow {
            throw fail("\(what): offset \(ELF.hex(offset)) + size \(ELF.hex(size)) overflows")
        }
        if end > data.count {
            throw fail("truncated: \(what) at \(ELF.hex(offset)) (+\(ELF.hex(size))) "
                + "runs past end of file (\(ELF.hex(data.count)) bytes)")
        }
    }

    /// Throws unless `alignment` is 0 or a power of two (gABI rule for p_align, sh_addralign).
    func checkAlignment(_ what: String, _ alignment: UInt64) throws(ELFError) {
        if alignment & (alignment &- 1) != 0 {
            throw fail("\(what): alignment \(ELF.hex(alignment)) is not a power of two")
        }
    }

    /// Reads and checks the ELF header.
    func header() throws(ELFError) -> ELFHeader {
        try checkIdentification()
        let header = ELFHeader(
            type: data.u16(16), machine: data.u16(18), entry: data.u64(24),
            programHeaderOffset: data.u64(32), sectionHeaderOffset: data.u64(40),
            flags: data.u32(48), programHeaderCount: data.u16(56),
            sectionHeaderCount: data.u16(60), sectionNameTableIndex: data.u16(62))
        try checkTypeAndMachine(header)
        try checkStructureSizes(header)
        return header
    }

    /// `e_ident`: magic, class, data encoding, version; and the file is long enough.
    private func checkIdentification() throws(ELFError) {
        if data.count == 0 { throw fail("empty file") }
        let prefix = Array(data.bytes.prefix(4))
        if prefix != Array(ELF.magic.prefix(prefix.count)) {
            let shown = prefix.map { String($0, radix: 16) }.joined(separator: " ")
            throw fail("not an ELF file (bad magic \(shown))")
        }
        if data.count < UInt64(ELF.headerSize) {
            throw fail("truncated: ELF header needs \(ELF.hex(ELF.headerSize)) bytes, "
                + "file has \(ELF.hex(data.count))")
        }
        switch data.u8(4) {
        case ELF.ELFCLASS64: break
        case ELF.ELFCLASS32: throw fail("ELF32 file: only ELF64 is supported")
        case let other: throw fail("bad ELF class \(other) (e_ident[EI_CLASS])")
        }
        switch data.u8(5) {
        case ELF.ELFDATA2LSB: break
        case ELF.ELFDATA2MSB: throw fail("big-endian ELF file: only little-endian is supported")
        case let other: throw fail("bad ELF data encoding \(other) (e_ident[EI_DATA])")
        }
        if data.u8(6) != ELF.EV_CURRENT {
            throw fail("bad ELF version \(data.u8(6)) (e_ident[EI_VERSION])")
        }
    }

    private func checkTypeAndMachine(_ header: ELFHeader) throws(ELFError) {
        if header.machine != ELF.EM_RISCV {
            throw fail("not a RISC-V file (e_machine \(header.machine))")
        }
        if header.type != ELF.ET_EXEC && header.type != ELF.ET_DYN {
            let names: [UInt16: String] = [0: "no file type", 1: "relocatable object", 4: "core file"]
            let name = names[header.type] ?? "unknown type"
            throw fail("not an executable (e_type \(header.type): \(name))")
        }
        let version = data.u32(20)
        if version != UInt32(ELF.EV_CURRENT) {
            throw fail("bad e_version \(version)")
        }
    }

    /// `e_ehsize`, `e_phentsize`, `e_shentsize`, and the counts rvmk does not support.
    private func checkStructureSizes(_ header: ELFHeader) throws(ELFError) {
        let ehsize = data.u16(52), phentsize = data.u16(54), shentsize = data.u16(58)
        if ehsize != ELF.headerSize {
            throw fail("bad ELF header size: e_ehsize \(ehsize) (expected \(ELF.headerSize))")
        }
        if header.programHeaderCount > 0 && phentsize != ELF.programHeaderSize {
            throw fail("bad program header size: e_phentsize \(phentsize) "
                + "(expected \(ELF.programHeaderSize))")
        }
        if header.sectionHeaderCount > 0 && shentsize != ELF.sectionHeaderSize {
            throw fail("bad section header size: e_shentsize \(shentsize) "
                + "(expected \(ELF.sectionHeaderSize))")
        }
        if header.programHeaderCount == ELF.PN_XNUM {
            throw fail("absurd program header count: e_phnum \(ELF.hex(ELF.PN_XNUM)) (PN_XNUM) is not supported")
        }
        if header.sectionHeaderCount == 0 && header.sectionHeaderOffset != 0 {
            throw fail("e_shnum 0 with e_shoff \(ELF.hex(header.sectionHeaderOffset)): "
                + "extended section numbering is not supported")
        }
    }
}
