// ELFParser: the symbol table (.symtab). Its entry size must be that of Elf64_Sym, its size
// a whole number of entries, its sh_link a string table; every name must lie in that table
// and every st_shndx must name an existing section or a reserved index.

extension ELFParser {
    /// Reads and checks the first SHT_SYMTAB section; no symbol table gives [].
    func symbols(in sections: [ELFSection]) throws(ELFError) -> [ELFSymbol] {
        guard let index = sections.firstIndex(where: { $0.type == ELF.SHT_SYMTAB }) else {
            return []
        }
        let table = sections[index]
        let what = "section \(index) (\(table.name))"
        let strings = try symbolStringTable(table, sections: sections, what: what)
        let count = table.size / UInt64(ELF.symbolSize)
        var symbols: [ELFSymbol] = []
        symbols.reserveCapacity(Int(count))
        for number in 0..<count {
            let at = table.offset + number * UInt64(ELF.symbolSize)
            let symbol = try readSymbol(at: at, number: number, strings: strings)
            try check(symbol, number: number, sectionCount: sections.count)
            symbols.append(symbol)
        }
        return symbols
    }

    /// Checks the table's shape and returns the string table its sh_link names.
    private func symbolStringTable(_ table: ELFSection, sections: [ELFSection],
                                   what: String) throws(ELFError) -> StringTable {
        if table.entrySize != UInt64(ELF.symbolSize) {
            throw fail("\(what): bad symbol entry size \(ELF.hex(table.entrySize)) "
                + "(expected \(ELF.hex(ELF.symbolSize)))")
        }
        if table.size % UInt64(ELF.symbolSize) != 0 {
            throw fail("\(what): size \(ELF.hex(table.size)) is not a multiple of the "
                + "entry size \(ELF.hex(ELF.symbolSize))")
        }
        let link = Int(table.link)
        guard link < sections.count, link != 0, sections[link].type == ELF.SHT_STRTAB else {
            throw fail("\(what): sh_link \(table.link) is not a string table section")
        }
        return StringTable(index: link, offset: sections[link].offset, size: sections[link].size)
    }

    /// One `Elf64_Sym` at a file offset already known to be inside the table.
    private func readSymbol(at base: UInt64, number: UInt64,
                            strings: StringTable) throws(ELFError) -> ELFSymbol {
        let info = data.u8(base + 4)
        let name = try string(at: data.u32(base), in: strings, what: "symbol \(number) name")
        return ELFSymbol(
            name: name, value: data.u64(base + 8), size: data.u64(base + 16),
            type: ELFSymbolType(rawValue: info & 0xf),
            binding: ELFSymbolBinding(rawValue: info >> 4),
            sectionIndex: data.u16(base + 6))
    }

    private func check(_ symbol: ELFSymbol, number: UInt64, sectionCount: Int) throws(ELFError) {
        let index = symbol.sectionIndex
        if index != ELF.SHN_UNDEF && index < ELF.SHN_LORESERVE && Int(index) >= sectionCount {
            throw fail("symbol \(number) (\(symbol.name)): section index \(index) out of range "
                + "(\(sectionCount) sections)")
        }
    }
}
