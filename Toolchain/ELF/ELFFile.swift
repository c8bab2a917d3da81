// ELFFile: a validated ELF-64 RISC-V executable, read once and checked up front.
//
// Shared by `rvmk disasm` and the emulator's loader. Everything the file claims (header
// sizes, table positions, segment and section ranges, names, symbols) is checked when the
// file is read, so the users of ELFFile never see an out-of-range offset, and any malformed
// file gives one ELFError naming the file and the problem. See ELFParser for the checks.

import Foundation

/// An ELF64 little-endian EM_RISCV executable (ET_EXEC or ET_DYN).
public struct ELFFile: Sendable {
    /// The file as the user named it; every error message starts with it.
    public let path: String
    /// `e_entry`
    public let entry: UInt64
    /// `e_flags`: `EF_RISCV_RVC` = 0x1, float ABI in bits 1-2.
    public let flags: UInt32
    /// Every program header, in file order.
    public let segments: [ELFSegment]
    /// Every section header in file order, the null section at index 0 included, so that
    /// `sections[i]` is readelf's `[Nr] i` and `ELFSymbol.sectionIndex` indexes it directly.
    /// Empty when the file has no section header table.
    public let sections: [ELFSection]
    /// Every `.symtab` entry in order, the null symbol at index 0 included (readelf's `Num`);
    /// empty when the file has no symbol table.
    public let symbols: [ELFSymbol]

    private let data: ELFBytes

    /// Reads and validates an image held in memory. Throws on the first problem found.
    public init(bytes: [UInt8], path: String) throws(ELFError) {
        let parser = ELFParser(data: ELFBytes(bytes: bytes), path: path)
        let header = try parser.header()
        self.path = path
        self.entry = header.entry
        self.flags = header.flags
        self.segments = try parser.segments(header)
        self.sections = try parser.sections(header)
        self.symbols = try parser.symbols(in: sections)
        self.data = parser.data
    }

    /// Reads and validates the file at `path`.
    public static func load(path: String) throws(ELFError) -> ELFFile {
        try ELFFile(bytes: readFile(path), path: path)
    }

    /// The segment's bytes present in the file (`p_filesz` of them).
    public func contents(of segment: ELFSegment) -> ArraySlice<UInt8> {
        data.slice(offset: segment.offset, size: segment.fileSize)
    }

    /// The section's bytes; empty for `SHT_NOBITS` and `SHT_NULL`.
    public func contents(of section: ELFSection) -> ArraySlice<UInt8> {
        if section.isNoBits || section.type == ELF.SHT_NULL { return [] }
        return data.slice(offset: section.offset, size: section.size)
    }

    /// The first section with this name.
    public func section(named name: String) -> ELFSection? {
        sections.first { $0.name == name }
    }

    /// The symbol with this name: a global or weak one if there is one, else the first.
    public func symbol(named name: String) -> ELFSymbol? {
        let matches = symbols.filter { $0.name == name }
        return matches.first { $0.binding != .local } ?? matches.first
    }

    /// The whole file, or an ELFError saying why it cannot be read.
    private static func readFile(_ path: String) throws(ELFError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ELFError(path: path, message: "cannot read file: no such file")
        }
        if isDirectory.boolValue {
            throw ELFError(path: path, message: "cannot read file: is a directory")
        }
        guard let contents = FileManager.default.contents(atPath: path) else {
            throw ELFError(path: path, message: "cannot read file: permission denied or I/O error")
        }
        return [UInt8](contents)
    }
}
