// Layout: sizes of relaxable branches and alignment padding, then section placement.
//
// Branch sizes follow GNU as's relaxation (tc-riscv.c, relaxed_branch_length): a branch to
// a label in its own section is 2 bytes when a compressed form exists and the distance fits
// (c.beqz/c.bnez: -256..254, c.j: -2048..2046), 4 bytes when it fits the full form
// (-4096..4094), and otherwise an inverted branch over a `jal` (6 bytes after a compressed
// branch, 8 after a full one). Jumps never grow past 4 bytes. A target outside the section
// (another section, an absolute address) takes the worst case. Passes repeat until nothing
// changes; within a pass, labels behind the branch have their new offsets and labels ahead
// their previous ones, as in GNU as. The first estimate is GNU as's too: a label ahead is
// taken at its offset within its own fragment (GNU as has not placed that fragment yet), so
// most forward branches start at their largest size and shrink, and where two layouts are
// both consistent the result is the same as GNU as's.
//
// Placement follows GNU ld's default script for `-Ttext=BASE`: code sections first, then
// read-only data, each aligned; the writable sections start on the next page at the same
// offset within the page (DATA_SEGMENT_ALIGN), then .bss.

extension AssemblerState {
    /// Lays out every section; returns each section's start address.
    func layout() -> [Int64] {
        for section in sections where section.isCode && !section.items.isEmpty {
            // GNU as pads the end of a code section to the section's alignment with nops.
            section.items.append(Item(kind: .align(alignment: section.alignment, fill: nil, maxSkip: nil), location: section.items.last!.location))
        }
        for index in sections.indices { relax(index) }
        return place()
    }

    private func relax(_ index: Int) {
        let section = sections[index]
        let fragmentOffsets = self.fragmentOffsets(section)
        var pass = 0
        var changed = true
        while changed {
            pass += 1
            // The estimate pass is always followed by at least one real pass.
            changed = pass == 1
            var offset: Int64 = 0
            for position in section.items.indices {
                section.items[position].offset = offset
                var size = section.items[position].size
                switch section.items[position].kind {
                case .align(let alignment, _, let maxSkip):
                    size = AssemblerState.padding(offset, alignment, maxSkip)
                case .branch(let branch):
                    let estimate = pass == 1 ? fragmentOffsets : nil
                    let distance = sameSectionDistance(branch.target, from: offset, at: position, section: index, estimate: estimate)
                    let wanted = AssemblerState.branchSize(branch, distance: distance)
                    // After many passes only growth is allowed, so layout always ends.
                    if wanted != size && (pass < 32 || wanted > size) {
                        size = wanted
                        changed = true
                    }
                default:
                    break
                }
                section.items[position].size = size
                offset += size
            }
        }
    }

    /// Each item's offset from the start of its GNU as fragment. Fragments end after
    /// branches, alignment and space directives; everything inside one has a fixed size.
    private func fragmentOffsets(_ section: SectionBuilder) -> [Int64] {
        var offsets: [Int64] = []
        offsets.reserveCapacity(section.items.count + 1)
        var offset: Int64 = 0
        for item in section.items {
            offsets.append(offset)
            switch item.kind {
            case .branch, .align: offset = 0
            default: offset = item.endsFragment ? 0 : offset + item.size
            }
        }
        offsets.append(offset)
        return offsets
    }

    static func padding(_ offset: Int64, _ alignment: Int64, _ maxSkip: Int64?) -> Int64 {
        let pad = (alignment - offset % alignment) % alignment
        if let maxSkip, pad > maxSkip { return 0 }
        return pad
    }

    static func branchSize(_ branch: BranchItem, distance: Int64?) -> Int64 {
        guard let distance else { return branch.isJump ? 4 : 8 }
        let compressedReach: Int64 = branch.isJump ? 2048 : 256
        if branch.compressible && distance >= -compressedReach && distance < compressedReach { return 2 }
        if distance >= -4096 && distance < 4096 { return 4 }
        if branch.isJump { return 4 }
        return branch.compressible ? 6 : 8
    }

    /// The distance from `offset` to a target in the same section, or nil when the target
    /// is elsewhere (or unknown).
    private func sameSectionDistance(_ target: Expression, from offset: Int64, at position: Int, section: Int,
                                     estimate fragmentOffsets: [Int64]?) -> Int64? {
        if case .here = target { return 0 }
        if case .binary(let op, .here, let right) = target, let addend = right.constantValue, op == "+" || op == "-" {
            return op == "+" ? addend : -addend
        }
        guard let (name, addend) = target.symbolAndAddend, let entry = symbols[name],
              case .label(let labelSection, let item) = entry.value, labelSection == section else { return nil }
        if let fragmentOffsets, item > position {
            return fragmentOffsets[item] + addend - offset
        }
        return labelOffset(section: labelSection, item: item) + addend - offset
    }

    func labelOffset(section: Int, item: Int) -> Int64 {
        let items = sections[section].items
        if item < items.count { return items[item].offset }
        guard let last = items.last else { return 0 }
        return last.offset + last.size
    }

    func size(of section: SectionBuilder) -> Int64 {
        guard let last = section.items.last else { return 0 }
        return last.offset + last.size
    }

    /// Output group of a section: 0 code, 1 read-only data, 2 writable data, 3 NOBITS.
    private func group(_ section: SectionBuilder) -> Int {
        if section.isNoBits { return 3 }
        if section.isCode { return 0 }
        if section.flags.contains(.write) { return 2 }
        return 1
    }

    /// Sections in placement order: by group, `.text`/`.rodata`/`.data`/`.bss` first in
    /// their group, then the others in the order they were created.
    func placementOrder() -> [Int] {
        let primary: Set<String> = [".text", ".rodata", ".data", ".bss"]
        return sections.indices.sorted { a, b in
            let (x, y) = (sections[a], sections[b])
            if group(x) != group(y) { return group(x) < group(y) }
            let (px, py) = (primary.contains(x.name), primary.contains(y.name))
            if px != py { return px }
            return x.order < y.order
        }
    }

    /// The largest program rvmk assembles: a guest image spans at most this much memory.
    static let maximumSpan: UInt64 = 1 << 30

    private func place() -> [Int64] {
        var addresses = [Int64](repeating: 0, count: sections.count)
        // Unsigned, so that a base near the top of memory cannot overflow unnoticed.
        var address = options.base
        var enteredData = false
        for index in placementOrder() {
            let section = sections[index]
            if group(section) >= 2 && !enteredData {
                // DATA_SEGMENT_ALIGN(MAXPAGESIZE 0x1000, COMMONPAGESIZE 0x1000).
                address = ((address &+ 0xfff) & ~0xfff) &+ (address & 0xfff)
                enteredData = true
            }
            let alignment = UInt64(section.alignment)
            address = (address &+ alignment &- 1) & ~(alignment &- 1)
            addresses[index] = Int64(bitPattern: address)
            let (end, overflow) = address.addingReportingOverflow(UInt64(size(of: section)))
            if overflow || address < options.base || end &- options.base > AssemblerState.maximumSpan {
                let reason = overflow || address < options.base ? "runs past the top of the address space" : "makes the program span more than 1 GiB"
                error("section '\(section.name)' at 0x\(String(address, radix: 16)) \(reason)", at: section.items.first?.location)
                placementFailed = true
                return addresses
            }
            address = end
        }
        return addresses
    }
}
