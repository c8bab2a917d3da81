// The program as an ELF64 executable, through the toolchain's ELF writer: one section
// header per placed section, every non-local label in `.symtab`, `e_entry` at `_start`.

extension Program {
    public func elfImage() -> [UInt8] {
        var writer = ELFWriter(entry: entry, flags: usesCompressed ? ELFWriter.flagRVC : 0)
        for section in sections {
            var flags: ELFWriter.SectionFlags = []
            if section.flags.contains(.alloc) { flags.insert(.alloc) }
            if section.flags.contains(.write) { flags.insert(.write) }
            if section.flags.contains(.execute) { flags.insert(.execute) }
            writer.sections.append(ELFWriter.Section(
                name: section.name, kind: section.isNoBits ? .nobits : .progbits, flags: flags,
                address: section.address, bytes: section.bytes, size: section.size, alignment: section.alignment))
        }
        for symbol in symbols {
            let type: ELFSymbolType
            switch symbol.kind {
            case .function: type = .function
            case .object: type = .object
            case .none: type = .notype
            }
            writer.symbols.append(ELFWriter.Symbol(
                name: symbol.name, value: symbol.value, size: symbol.size, type: type,
                binding: symbol.isGlobal ? .global : .local, section: symbol.section))
        }
        return writer.serialize()
    }
}
