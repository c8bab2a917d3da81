// ELFWriter: where everything goes in the file.
//
// Loadable sections are grouped into PT_LOAD segments: a run of allocated sections in the
// given order with the same permissions, each starting at or after the previous one's end
// with less than a page between them, and no file-backed section after a NOBITS one. Each
// segment starts at the first file offset past what came before with
// p_offset ≡ p_vaddr (mod 0x1000), so a loader may map it page by page; gaps inside a
// segment are zero in the file. The rest follows: non-allocated sections at their
// alignment, the writer's own tables, and the section header table 8-byte aligned.

struct ELFWriterLayout {
    struct Segment {
        var type: UInt32
        var flags: UInt32
        var offset: UInt64
        var address: UInt64
        var fileSize: UInt64
        var memorySize: UInt64
        var alignment: UInt64
    }

    private(set) var segments: [Segment] = []
    /// `sh_offset` of each given section.
    private(set) var sectionOffsets: [UInt64]
    /// `sh_offset` of each of the writer's own tables.
    private(set) var tableOffsets: [UInt64] = []
    private(set) var sectionHeaderOffset: UInt64 = 0
    /// Section headers in all, the null one included.
    let sectionCount: Int
    private let writer: ELFWriter

    init(_ writer: ELFWriter, tables: ELFWriterTables) {
        self.writer = writer
        self.sectionCount = 1 + writer.sections.count + tables.tables.count
        self.sectionOffsets = [UInt64](repeating: 0, count: writer.sections.count)
        let runs = ELFWriterLayout.loadRuns(writer.sections)
        let hasAttributes = writer.architecture != nil
        let headerCount = runs.count + (hasAttributes ? 1 : 0)
        var cursor = UInt64(ELF.headerSize + ELF.programHeaderSize * headerCount)
        for run in runs { cursor = placeSegment(run, after: cursor) }
        cursor = placeUnloaded(except: Set(runs.joined()), after: cursor)
        for table in tables.tables {
            cursor = ELFWriterLayout.alignUp(cursor, table.alignment)
            tableOffsets.append(cursor)
            cursor += UInt64(table.bytes.count)
        }
        sectionHeaderOffset = ELFWriterLayout.alignUp(cursor, 8)
        if let attributes = tables.tables.first, hasAttributes {
            // PT_RISCV_ATTRIBUTES comes first, as GNU ld writes it.
            let segment = Segment(type: ELF.PT_RISCV_ATTRIBUTES, flags: ELF.PF_R, offset: tableOffsets[0],
                                  address: 0, fileSize: UInt64(attributes.bytes.count), memorySize: 0,
                                  alignment: 1)
            segments.insert(segment, at: 0)
        }
    }

    /// Places the given sections that no segment holds (non-allocated or empty ones).
    private mutating func placeUnloaded(except placed: Set<Int>, after start: UInt64) -> UInt64 {
        var cursor = start
        for (index, section) in writer.sections.enumerated() where !placed.contains(index) {
            cursor = ELFWriterLayout.alignUp(cursor, section.alignment)
            sectionOffsets[index] = cursor
            if section.kind == .progbits { cursor += UInt64(section.bytes.count) }
        }
        return cursor
    }

    /// Places one run of sections as a PT_LOAD segment; returns the file offset after it.
    private mutating func placeSegment(_ run: [Int], after cursor: UInt64) -> UInt64 {
        let first = writer.sections[run[0]]
        let base = first.address
        let offset = cursor + ((base &- cursor) & (ELF.pageSize - 1))
        var fileEnd = base, memoryEnd = base
        for index in run {
            let section = writer.sections[index]
            sectionOffsets[index] = offset + (section.address - base)
            memoryEnd = section.address + section.memorySize
            if section.kind == .progbits { fileEnd = memoryEnd }
        }
        segments.append(Segment(
            type: ELF.PT_LOAD, flags: ELFWriterLayout.permissions(first.flags), offset: offset,
            address: base, fileSize: fileEnd - base, memorySize: memoryEnd - base,
            alignment: ELF.pageSize))
        return max(cursor, offset + (fileEnd - base))
    }

    /// Indexes of the allocated, non-empty sections, grouped into segments.
    static func loadRuns(_ sections: [ELFWriter.Section]) -> [[Int]] {
        var runs: [[Int]] = []
        var memoryEnd: UInt64 = 0, endsWithNoBits = false, flags: UInt32 = 0
        for (index, section) in sections.enumerated()
        where section.flags.contains(.alloc) && section.memorySize > 0 {
            let (end, overflow) = section.address.addingReportingOverflow(section.memorySize)
            if overflow { continue }
            let joins = !runs.isEmpty && permissions(section.flags) == flags
                && section.address >= memoryEnd && section.address - memoryEnd < ELF.pageSize
                && !(section.kind == .progbits && endsWithNoBits)
            if joins {
                runs[runs.count - 1].append(index)
            } else {
                runs.append([index])
                flags = permissions(section.flags)
                endsWithNoBits = false
            }
            memoryEnd = end
            endsWithNoBits = endsWithNoBits || section.kind == .nobits
        }
        return runs
    }

    /// `p_flags` for a section: always readable, writable and executable as flagged.
    static func permissions(_ flags: ELFWriter.SectionFlags) -> UInt32 {
        ELF.PF_R | (flags.contains(.write) ? ELF.PF_W : 0) | (flags.contains(.execute) ? ELF.PF_X : 0)
    }

    /// `value` rounded up to a multiple of `alignment`; unchanged if that would overflow.
    static func alignUp(_ value: UInt64, _ alignment: UInt64) -> UInt64 {
        guard alignment > 1 else { return value }
        let (sum, overflow) = value.addingReportingOverflow(alignment - 1)
        return overflow ? value : sum / alignment * alignment
    }

    /// The program header table.
    func programHeaders() -> [UInt8] {
        var out: [UInt8] = []
        for segment in segments {
            out.appendELF32(segment.type)
            out.appendELF32(segment.flags)
            out.appendELF64(segment.offset)
            out.appendELF64(segment.address)
            out.appendELF64(segment.address)       // p_paddr = p_vaddr: no MMU at load time
            out.appendELF64(segment.fileSize)
            out.appendELF64(segment.memorySize)
            out.appendELF64(segment.alignment)
        }
        return out
    }

    /// The section header table: null, the given sections, then the writer's tables.
    func sectionHeaders(_ tables: ELFWriterTables) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: ELF.sectionHeaderSize)
        for (index, section) in writer.sections.enumerated() {
            let type = section.kind == .progbits ? ELF.SHT_PROGBITS : ELF.SHT_NOBITS
            out += ELFWriterLayout.sectionHeader(
                name: tables.nameOffsets[index + 1], type: type, flags: section.flags.rawValue,
                address: section.address, offset: sectionOffsets[index], size: section.memorySize,
                link: 0, info: 0, alignment: section.alignment, entrySize: 0)
        }
        for (index, table) in tables.tables.enumerated() {
            out += ELFWriterLayout.sectionHeader(
                name: tables.nameOffsets[writer.sections.count + 1 + index], type: table.type,
                flags: 0, address: 0, offset: tableOffsets[index], size: UInt64(table.bytes.count),
                link: table.link, info: table.info, alignment: table.alignment,
                entrySize: table.entrySize)
        }
        return out
    }

    /// One `Elf64_Shdr`.
    private static func sectionHeader(name: UInt32, type: UInt32, flags: UInt64, address: UInt64,
                                      offset: UInt64, size: UInt64, link: UInt32, info: UInt32,
                                      alignment: UInt64, entrySize: UInt64) -> [UInt8] {
        var out: [UInt8] = []
        out.appendELF32(name)
        out.appendELF32(type)
        out.appendELF64(flags)
        out.appendELF64(address)
        out.appendELF64(offset)
        out.appendELF64(size)
        out.appendELF32(link)
        out.appendELF32(info)
        out.appendELF64(alignment)
        out.appendELF64(entrySize)
        return out
    }
}
