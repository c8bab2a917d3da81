// What the assembler produces: placed sections with their bytes, the symbol table and the
// entry point, written out as a flat binary or an ELF64 executable.

public struct ProgramSection: Sendable {
    public struct Flags: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        /// SHF_ALLOC: occupies memory at run time.
        public static let alloc = Flags(rawValue: 1)
        /// SHF_WRITE.
        public static let write = Flags(rawValue: 2)
        /// SHF_EXECINSTR.
        public static let execute = Flags(rawValue: 4)
    }

    public let name: String
    public let flags: Flags
    /// SHT_NOBITS (`.bss`): occupies memory, not file space.
    public let isNoBits: Bool
    public let address: UInt64
    /// The contents; empty for NOBITS sections.
    public let bytes: [UInt8]
    public let size: UInt64
    public let alignment: UInt64
}

public struct ProgramSymbol: Sendable, Equatable {
    public enum Kind: Sendable { case none, function, object }

    public let name: String
    public let value: UInt64
    public let size: UInt64
    public let kind: Kind
    public let isGlobal: Bool
    /// The section the symbol is defined in; nil for absolute symbols (`.equ`).
    public let section: String?
}

public struct Program: Sendable {
    /// Sections in address order; empty sections are left out.
    public let sections: [ProgramSection]
    /// Symbols in definition order; assembler-local `.L` labels are left out, as GNU as does.
    public let symbols: [ProgramSymbol]
    /// `_start` when defined, else the start of `.text` (as GNU ld does).
    public let entry: UInt64
    /// True when any compressed instruction was emitted (the ELF's EF_RISCV_RVC flag).
    public let usesCompressed: Bool
    public let base: UInt64

    /// The bytes of the program's memory image from `base` to the end of the last section
    /// with contents; gaps are zero. NOBITS sections at the end are not included.
    public func flatImage() -> [UInt8] {
        let loaded = sections.filter { !$0.isNoBits && $0.flags.contains(.alloc) && $0.size > 0 }
        guard let end = loaded.map({ $0.address + $0.size }).max() else { return [] }
        var image = [UInt8](repeating: 0, count: Int(end - base))
        for section in loaded {
            let start = Int(section.address - base)
            image.replaceSubrange(start..<(start + section.bytes.count), with: section.bytes)
        }
        return image
    }

    /// The section called `name`.
    public func section(named name: String) -> ProgramSection? {
        sections.first { $0.name == name }
    }

    /// The value of symbol `name`.
    public func symbol(named name: String) -> ProgramSymbol? {
        symbols.first { $0.name == name }
    }
}
