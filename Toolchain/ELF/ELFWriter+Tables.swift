// ELFWriter: the sections the writer adds after the given ones: .riscv.attributes (when an
// architecture is set), .symtab, .strtab and .shstrtab.

/// A section the writer makes itself, with the header fields that differ between them.
struct ELFWriterTable {
    var name: String
    var type: UInt32
    var link: UInt32 = 0
    var info: UInt32 = 0
    var alignment: UInt64 = 1
    var entrySize: UInt64 = 0
    var bytes: [UInt8]
}

struct ELFWriterTables {
    /// In section-header order, following the given sections.
    let tables: [ELFWriterTable]
    /// `sh_name` of every section header, null section first.
    let nameOffsets: [UInt32]

    var contents: [[UInt8]] { tables.map(\.bytes) }

    init(_ writer: ELFWriter) {
        var tables: [ELFWriterTable] = []
        if let architecture = writer.architecture {
            tables.append(ELFWriterTable(name: ".riscv.attributes", type: ELF.SHT_RISCV_ATTRIBUTES,
                                         bytes: RISCVAttributes.section(architecture: architecture)))
        }
        let symtabIndex = writer.sections.count + 1 + tables.count
        let (symtab, strtab, firstGlobal) = ELFWriterTables.symbolTable(writer)
        tables.append(ELFWriterTable(
            name: ".symtab", type: ELF.SHT_SYMTAB, link: UInt32(symtabIndex + 1),
            info: firstGlobal, alignment: 8, entrySize: UInt64(ELF.symbolSize), bytes: symtab))
        tables.append(ELFWriterTable(name: ".strtab", type: ELF.SHT_STRTAB, bytes: strtab))
        var names = ELFStringTable()
        var nameOffsets: [UInt32] = [0]
        for name in writer.sections.map(\.name) + tables.map(\.name) + [".shstrtab"] {
            nameOffsets.append(names.offset(of: name))
        }
        tables.append(ELFWriterTable(name: ".shstrtab", type: ELF.SHT_STRTAB, bytes: names.bytes))
        self.tables = tables
        self.nameOffsets = nameOffsets
    }

    /// .symtab and .strtab contents, and the index of the first non-local symbol.
    private static func symbolTable(_ writer: ELFWriter) -> ([UInt8], [UInt8], UInt32) {
        let locals = writer.symbols.filter { $0.binding == .local }
        let others = writer.symbols.filter { $0.binding != .local }
        var strings = ELFStringTable()
        var table = [UInt8](repeating: 0, count: ELF.symbolSize)    // the null symbol
        for symbol in locals + others {
            table.appendELF32(strings.offset(of: symbol.name))
            table.append(symbol.binding.rawValue << 4 | symbol.type.rawValue)
            table.append(0)                                          // st_other: STV_DEFAULT
            table.appendELF16(sectionIndex(of: symbol, in: writer))
            table.appendELF64(symbol.value)
            table.appendELF64(symbol.size)
        }
        return (table, strings.bytes, UInt32(1 + locals.count))
    }

    /// `st_shndx`: SHN_ABS for nil, the section's header index, or SHN_UNDEF if unknown.
    private static func sectionIndex(of symbol: ELFWriter.Symbol, in writer: ELFWriter) -> UInt16 {
        guard let name = symbol.section else { return ELF.SHN_ABS }
        guard let index = writer.sections.firstIndex(where: { $0.name == name }),
              index + 1 < Int(ELF.SHN_LORESERVE) else { return ELF.SHN_UNDEF }
        return UInt16(index + 1)
    }
}
