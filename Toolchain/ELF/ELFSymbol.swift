// ELFSymbol: one entry of an ELF-64 symbol table (.symtab).
//
// Symbols name addresses for the disassembler's labels, the tracer's "label+0x12" and the
// loader's `tohost` lookup; the assembler writes them through ELFWriter.Symbol.

/// `ELF64_ST_TYPE(st_info)`.
public enum ELFSymbolType: Sendable, Hashable {
    /// `STT_NOTYPE`
    case notype
    /// `STT_OBJECT`
    case object
    /// `STT_FUNC`
    case function
    /// `STT_SECTION`
    case section
    /// `STT_FILE`
    case file
    /// Any other value, kept as read.
    case other(UInt8)

    public init(rawValue: UInt8) {
        switch rawValue {
        case 0: self = .notype
        case 1: self = .object
        case 2: self = .function
        case 3: self = .section
        case 4: self = .file
        default: self = .other(rawValue)
        }
    }

    /// The 4-bit `st_info` type field.
    public var rawValue: UInt8 {
        switch self {
        case .notype: 0
        case .object: 1
        case .function: 2
        case .section: 3
        case .file: 4
        case .other(let value): value & 0xf
        }
    }
}

/// `ELF64_ST_BIND(st_info)`.
public enum ELFSymbolBinding: Sendable, Hashable {
    /// `STB_LOCAL`
    case local
    /// `STB_GLOBAL`
    case global
    /// `STB_WEAK`
    case weak
    /// Any other value, kept as read.
    case other(UInt8)

    public init(rawValue: UInt8) {
        switch rawValue {
        case 0: self = .local
        case 1: self = .global
        case 2: self = .weak
        default: self = .other(rawValue)
        }
    }

    /// The 4-bit `st_info` binding field.
    public var rawValue: UInt8 {
        switch self {
        case .local: 0
        case .global: 1
        case .weak: 2
        case .other(let value): value & 0xf
        }
    }
}

/// One ELF-64 symbol (`Elf64_Sym`), with its name resolved.
public struct ELFSymbol: Sendable, Equatable {
    /// From the string table named by `.symtab`'s `sh_link`.
    public let name: String
    /// `st_value`: an address in an executable.
    public let value: UInt64
    /// `st_size`
    public let size: UInt64
    public let type: ELFSymbolType
    public let binding: ELFSymbolBinding
    /// `st_shndx`: 0 undefined, 0xfff1 `SHN_ABS`, otherwise an index into `ELFFile.sections`.
    public let sectionIndex: UInt16

    public init(name: String, value: UInt64, size: UInt64, type: ELFSymbolType,
                binding: ELFSymbolBinding, sectionIndex: UInt16) {
        self.name = name
        self.value = value
        self.size = size
        self.type = type
        self.binding = binding
        self.sectionIndex = sectionIndex
    }
}
