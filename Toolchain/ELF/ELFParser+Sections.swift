// ELFParser: the section header table and the section names. Every section with file
// contents must lie inside the file; the name table (e_shstrndx) must be an SHT_STRTAB
// section, and every name must start inside it and end with a NUL inside it.

extension ELFParser {
    /// The raw fields of one section header before its name is resolved.
    private struct RawSection {
        var nameOffset: UInt32, type: UInt32, flags: UInt64, address: UInt64
        var offset: UInt64, size: UInt64, link: UInt32, info: UInt32
        var alignment: UInt64, entrySize: UInt64
    }

    /// Reads and checks every section header, index 0 included.
    func sections(_ header: ELFHeader) throws(ELFError) -> [ELFSection] {
        let count = Int(header.sectionHeaderCount)
        if count == 0 { return [] }
        let tableSize = UInt64(count * ELF.sectionHeaderSize)
        try checkRange("section header table", offset: header.sectionHeaderOffset, size: tableSize)
        var raws: [RawSection] = []
        raws.reserveCapacity(count)
        for index in 0..<count {
            let at = header.sectionHeaderOffset + UInt64(index * ELF.sectionHeaderSize)
            let raw = readSection(at: at)
            try check(raw, what: "section \(index)")
            raws.append(raw)
        }
        let nameTable = try sectionNameTable(raws, index: header.sectionNameTableIndex)
        var sections: [ELFSection] = []
        sections.reserveCapacity(count)
        for (index, raw) in raws.enumerated() {
            var name = ""
            if let table = nameTable {
                name = try string(at: raw.nameOffset, in: table, what: "section \(index) name")
            }
            sections.append(ELFSection(
                name: name, type: raw.type, flags: raw.flags, address: raw.address,
                offset: raw.offset, size: raw.size, link: raw.link, info: raw.info,
                alignment: raw.alignment, entrySize: raw.entrySize))
        }
        return sections
    }

    /// One `Elf64_Shdr` at a file offset already known to be inside the table.
    private func readSection(at base: UInt64) -> RawSection {
        RawSection(
            nameOffset: data.u32(base), type: data.u32(base + 4), flags: data.u64(base + 8),
            address: data.u64(base + 16), offset: data.u64(base + 24), size: data.u64(base + 32),
            link: data.u32(base + 40), info: data.u32(base + 44), alignment: data.u64(base + 48),
            entrySize: data.u64(base + 56))
    }

    private func check(_ raw: RawSection, what: String) throws(ELFError) {
        if raw.type != ELF.SHT_NULL && raw.type != ELF.SHT_NOBITS {
            try checkRange(what, offset: raw.offset, size: raw.size)
        }
        try checkAlignment(what, raw.alignment)
        if raw.flags & ELF.SHF_ALLOC != 0 && raw.address.addingReportingOverflow(raw.size).overflow {
            throw fail("\(what): address \(ELF.hex(raw.address)) + size \(ELF.hex(raw.size)) overflows")
        }
    }

    /// The section that holds the section names, or nil when e_shstrndx is SHN_UNDEF.
    private func sectionNameTable(_ raws: [RawSection], index: UInt16) throws(ELFError) -> StringTable? {
        if index == ELF.SHN_UNDEF { return nil }
        guard Int(index) < raws.count else {
            throw fail("e_shstrndx \(index) out of range (\(raws.count) sections)")
        }
        let raw = raws[Int(index)]
        guard raw.type == ELF.SHT_STRTAB else {
            throw fail("section name table (section \(index)) is not SHT_STRTAB (sh_type \(ELF.hex(raw.type)))")
        }
        return StringTable(index: Int(index), offset: raw.offset, size: raw.size)
    }

    /// A string table section whose range is already checked against the file.
    struct StringTable {
        var index: Int
        var offset: UInt64
        var size: UInt64
    }

    /// The NUL-terminated string at `offset` inside `table`; offset 0 means "no name" (gABI).
    func string(at offset: UInt32, in table: StringTable, what: String) throws(ELFError) -> String {
        if offset == 0 { return "" }
        let start = UInt64(offset)
        guard start < table.size else {
            throw fail("\(what): string offset \(ELF.hex(start)) outside string table "
                + "(section \(table.index), \(ELF.hex(table.size)) bytes)")
        }
        let bytes = data.slice(offset: table.offset + start, size: table.size - start)
        guard let end = bytes.firstIndex(of: 0) else {
            throw fail("\(what): string at \(ELF.hex(start)) in section \(table.index) "
                + "is not NUL-terminated")
        }
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }
}
