// ELFParser: the program header table. Each segment's file bytes must lie inside the file,
// a PT_LOAD segment must not hold more file bytes than memory bytes nor wrap the address
// space, and no two PT_LOAD segments may overlap in memory: the loader relies on all three.

extension ELFParser {
    /// Reads and checks every program header.
    func segments(_ header: ELFHeader) throws(ELFError) -> [ELFSegment] {
        let count = Int(header.programHeaderCount)
        if count == 0 { return [] }
        let tableSize = UInt64(count * ELF.programHeaderSize)
        try checkRange("program header table", offset: header.programHeaderOffset, size: tableSize)
        var segments: [ELFSegment] = []
        segments.reserveCapacity(count)
        for index in 0..<count {
            let at = header.programHeaderOffset + UInt64(index * ELF.programHeaderSize)
            let segment = readSegment(at: at)
            try check(segment, index: index)
            segments.append(segment)
        }
        try checkLoadOverlap(segments)
        return segments
    }

    /// One `Elf64_Phdr` at a file offset already known to be inside the table.
    private func readSegment(at base: UInt64) -> ELFSegment {
        ELFSegment(
            type: data.u32(base), flags: ELFSegmentFlags(rawValue: data.u32(base + 4)),
            offset: data.u64(base + 8), virtualAddress: data.u64(base + 16),
            physicalAddress: data.u64(base + 24), fileSize: data.u64(base + 32),
            memorySize: data.u64(base + 40), alignment: data.u64(base + 48))
    }

    private func check(_ segment: ELFSegment, index: Int) throws(ELFError) {
        let what = "segment \(index)"
        if segment.fileSize > 0 {
            try checkRange(what, offset: segment.offset, size: segment.fileSize)
        }
        try checkAlignment(what, segment.alignment)
        guard segment.isLoad else { return }
        if segment.fileSize > segment.memorySize {
            throw fail("\(what): file size \(ELF.hex(segment.fileSize)) exceeds memory size "
                + "\(ELF.hex(segment.memorySize))")
        }
        for (name, address) in [("virtual", segment.virtualAddress),
                                ("physical", segment.physicalAddress)] {
            if address.addingReportingOverflow(segment.memorySize).overflow {
                throw fail("\(what): \(name) address \(ELF.hex(address)) + memory size "
                    + "\(ELF.hex(segment.memorySize)) overflows")
            }
        }
    }

    /// No two PT_LOAD segments may share a virtual address.
    private func checkLoadOverlap(_ segments: [ELFSegment]) throws(ELFError) {
        let loads = segments.indices
            .filter { segments[$0].isLoad && segments[$0].memorySize > 0 }
            .sorted { segments[$0].virtualAddress < segments[$1].virtualAddress }
        for (a, b) in zip(loads, loads.dropFirst()) {
            let first = segments[a], second = segments[b]
            // Checked above: virtualAddress + memorySize does not overflow.
            if first.virtualAddress + first.memorySize > second.virtualAddress {
                throw fail("segments \(a) and \(b) overlap in memory "
                    + "(\(ELF.hex(first.virtualAddress))+\(ELF.hex(first.memorySize)) and "
                    + "\(ELF.hex(second.virtualAddress))+\(ELF.hex(second.memorySize)))")
            }
        }
    }
}
