// Instructions decoded once and cached per physical page (issue 3, "Fast by construction";
// Spike's decoded-instruction cache and TinyEMU's TLB are the models). Each cached RAM page
// has one slot per 2-byte parcel holding the operation, its registers and its immediate;
// the fetch TLB entry carries the page's slots, so the hot loop goes from pc to a decoded
// instruction with one compare. A store to a cached page clears the slots it overlaps,
// with or without fence.i (xv6 copies code and runs it without one): write-TLB entries
// never map a cached page, so every such store takes the slow path, which sees it.

/// The operations the hot loop executes from decoded fields; `other` runs through the
/// general `execute` from the instruction bits.
enum Op: UInt8 {
    case undecoded = 0
    case other
    case lui, auipc, jal, jalr
    case beq, bne, blt, bge, bltu, bgeu
    case lb, lh, lw, ld, lbu, lhu, lwu
    case sb, sh, sw, sd
    case addi, slti, sltiu, xori, ori, andi, slli, srli, srai
    case add, sub, sll, slt, sltu, xor, srl, sra, or, and
    case mul, mulhu, div, divu, rem, remu
    case addiw, slliw, srliw, sraiw
    case addw, subw, sllw, srlw, sraw, mulw, divw, divuw, remw, remuw
    /// The slot after a page's last: sequential execution reaching it has left the page.
    case pageEnd
}

/// One decoded instruction (16 bytes). Every RV64 immediate fits in 32 bits, which leaves
/// room for the registers and the length as plain bytes: the hot loop loads each field with
/// one instruction.
struct Decoded {
    /// The immediate, sign-extended to 64 bits by `imm`.
    var immediate: Int32 = 0
    /// The instruction bits (the expansion, for a compressed instruction).
    var word: UInt32 = 0
    var op: Op = .undecoded
    /// rd, or 32 for x0: the hot loop writes every result to x[rd] without testing rd, and
    /// x[32] is a scratch register no instruction reads.
    var rd: UInt8 = 0
    var rs1: UInt8 = 0
    var rs2: UInt8 = 0
    /// 2 for a compressed instruction, 4 otherwise.
    var size: UInt8 = 4
    /// The host code of the block that starts here (`Translator`), in 16-byte units from
    /// the start of the code, or 0: 24 bits, split to keep the slot at 16 bytes. Host code
    /// reads it as bits 8..31 of the 4 bytes from `size`.
    var translationLow: UInt8 = 0
    var translationHigh: UInt16 = 0

    init() {}

    init(op: Op) { self.op = op }

    var imm: UInt64 { UInt64(bitPattern: Int64(immediate)) }

    var translation: UInt32 {
        get { UInt32(translationLow) | UInt32(translationHigh) << 8 }
        set {
            translationLow = UInt8(truncatingIfNeeded: newValue)
            translationHigh = UInt16(truncatingIfNeeded: newValue >> 8)
        }
    }
    var length: UInt64 { UInt64(size) }
}

/// The cache: decoded pages by physical page number, for pages of RAM only.
final class DecodedCache {
    /// Slots per page, one per 2-byte parcel; each page has one more, `.pageEnd`.
    static let slots = 2048
    /// At most this many pages (64 MiB of decoded state); past it the cache starts over.
    static let maximumPages = 2048
    /// The decoded pages, indexed by RAM page (pages outside RAM are never cached).
    private var pages: [UnsafeMutablePointer<Decoded>?]
    private var cachedPages: [Int] = []
    private let firstPage: UInt64
    /// Called when a page becomes cached (write-TLB entries must not map it), with true
    /// when the cache was cleared first (no TLB entry may keep its slots).
    var onNewPage: (Bool) -> Void = { _ in }

    init(base: UInt64, size: UInt64) {
        firstPage = base >> 12
        pages = [UnsafeMutablePointer<Decoded>?](repeating: nil, count: Int((size + 0xfff) >> 12))
    }

    deinit {
        clear()
    }

    private func index(_ physicalPage: UInt64) -> Int? {
        let index = physicalPage &- firstPage
        return index < UInt64(pages.count) ? Int(index) : nil
    }

    func isCached(_ physicalPage: UInt64) -> Bool {
        guard let index = index(physicalPage) else { return false }
        return pages[index] != nil
    }

    /// The slots of `physicalPage` (a page of RAM), created empty on first use.
    func page(_ physicalPage: UInt64) -> UnsafeMutablePointer<Decoded> {
        let index = index(physicalPage)!
        if let page = pages[index] { return page }
        let full = cachedPages.count >= DecodedCache.maximumPages
        if full { clear() }
        let page = UnsafeMutablePointer<Decoded>.allocate(capacity: DecodedCache.slots + 1)
        page.initialize(repeating: Decoded(), count: DecodedCache.slots)
        (page + DecodedCache.slots).initialize(to: Decoded(op: .pageEnd))
        pages[index] = page
        cachedPages.append(index)
        onNewPage(full)
        return page
    }

    // MARK: Translations

    /// The virtual base the page's translated blocks were made for, or 0 when it has none
    /// (kept in the `.pageEnd` slot's immediate and word, which nothing else uses).
    static func translatedBase(_ slots: UnsafeMutablePointer<Decoded>) -> UInt64 {
        // Low half in the immediate, high half in the word: host code reads the 8 bytes.
        let end = slots[DecodedCache.slots]
        return UInt64(UInt32(bitPattern: end.immediate)) | UInt64(end.word) << 32
    }

    static func setTranslatedBase(_ slots: UnsafeMutablePointer<Decoded>, _ base: UInt64) {
        let marked = base | 1  // a base of 0 is still "some"
        slots[DecodedCache.slots].immediate = Int32(bitPattern: UInt32(truncatingIfNeeded: marked))
        slots[DecodedCache.slots].word = UInt32(truncatingIfNeeded: marked >> 32)
    }

    /// True when the page's blocks were translated for virtual base `base` (or it has none).
    static func translationsFit(_ slots: UnsafeMutablePointer<Decoded>, _ base: UInt64) -> Bool {
        let recorded = translatedBase(slots)
        return recorded == 0 || recorded == base | 1
    }

    /// The page's translated blocks are forgotten (blocks jump only within their page).
    static func forgetTranslations(_ slots: UnsafeMutablePointer<Decoded>) {
        guard translatedBase(slots) != 0 else { return }
        for index in 0..<DecodedCache.slots { slots[index].translation = 0 }
        slots[DecodedCache.slots].word = 0
        slots[DecodedCache.slots].immediate = 0
    }

    /// Every page's translated blocks are forgotten (the host code was reset).
    func forgetTranslations() {
        for index in cachedPages {
            if let page = pages[index] { DecodedCache.forgetTranslations(page) }
        }
    }

    /// Forgets every decoded page (their TLB entries must be flushed too).
    func clear() {
        for index in cachedPages {
            pages[index]?.deallocate()
            pages[index] = nil
        }
        cachedPages.removeAll(keepingCapacity: true)
    }

    /// A write to physical `address ..< address + size`: the slots of instructions that
    /// overlap it (one may start 2 bytes before) are decoded again when next run.
    func invalidate(_ address: UInt64, _ size: Int) {
        let first = address &- 2, last = address &+ UInt64(size) &- 1
        invalidate(page: first >> 12, first, last)
        if last >> 12 != first >> 12 { invalidate(page: last >> 12, first, last) }
    }

    private func invalidate(page pageNumber: UInt64, _ first: UInt64, _ last: UInt64) {
        guard let index = index(pageNumber), let page = pages[index] else { return }
        DecodedCache.forgetTranslations(page)
        var parcel = max(first, pageNumber << 12)
        while parcel <= last && parcel >> 12 == pageNumber {
            page[Int((parcel & 0xfff) >> 1)].op = .undecoded
            parcel &+= 2
        }
    }
}

extension Decoded {
    /// Decodes the 32-bit instruction (or a compressed one's expansion) `word`.
    init(word: UInt32, compressed: Bool) {
        self.word = word
        rd = UInt8((word >> 7) & 31)
        rs1 = UInt8((word >> 15) & 31)
        rs2 = UInt8((word >> 20) & 31)
        size = compressed ? 2 : 4
        let funct3 = (word >> 12) & 7, funct7 = word >> 25
        var imm: UInt64 = 0
        op = .other
        switch word & 0x7f {
        case 0x37: op = .lui; imm = UInt64(bitPattern: Int64(Int32(bitPattern: word & 0xffff_f000)))
        case 0x17: op = .auipc; imm = UInt64(bitPattern: Int64(Int32(bitPattern: word & 0xffff_f000)))
        case 0x6f: op = .jal; imm = Decode.jImmediate(word)
        case 0x67 where funct3 == 0: op = .jalr; imm = Decode.iImmediate(word)
        case 0x63:
            imm = Decode.bImmediate(word)
            op = [Op.beq, .bne, .other, .other, .blt, .bge, .bltu, .bgeu][Int(funct3)]
        case 0x03:
            imm = Decode.iImmediate(word)
            op = [Op.lb, .lh, .lw, .ld, .lbu, .lhu, .lwu, .other][Int(funct3)]
        case 0x23:
            imm = Decode.sImmediate(word)
            op = [Op.sb, .sh, .sw, .sd, .other, .other, .other, .other][Int(funct3)]
        case 0x13:
            imm = Decode.iImmediate(word)
            switch funct3 {
            case 1: op = word >> 26 == 0 ? .slli : .other; imm &= 63
            case 5:
                op = word >> 26 == 0 ? .srli : (word >> 26 == 0x10 ? .srai : .other)
                imm &= 63
            default: op = [Op.addi, .other, .slti, .sltiu, .xori, .other, .ori, .andi][Int(funct3)]
            }
        case 0x33:
            switch funct7 {
            case 0: op = [Op.add, .sll, .slt, .sltu, .xor, .srl, .or, .and][Int(funct3)]
            case 0x20 where funct3 == 0: op = .sub
            case 0x20 where funct3 == 5: op = .sra
            case 1: op = [Op.mul, .other, .other, .mulhu, .div, .divu, .rem, .remu][Int(funct3)]
            default: break
            }
        case 0x1b:
            imm = Decode.iImmediate(word)
            switch (funct3, funct7) {
            case (0, _): op = .addiw
            case (1, 0): op = .slliw; imm &= 31
            case (5, 0): op = .srliw; imm &= 31
            case (5, 0x20): op = .sraiw; imm &= 31
            default: break
            }
        case 0x3b:
            switch (funct7, funct3) {
            case (0, 0): op = .addw
            case (0x20, 0): op = .subw
            case (0, 1): op = .sllw
            case (0, 5): op = .srlw
            case (0x20, 5): op = .sraw
            case (1, 0): op = .mulw
            case (1, 4): op = .divw
            case (1, 5): op = .divuw
            case (1, 6): op = .remw
            case (1, 7): op = .remuw
            default: break
            }
        default:
            break
        }
        immediate = Int32(truncatingIfNeeded: imm)
        if rd == 0 { rd = 32 }
    }
}
