// The interpreter: fetch through the fetch TLB, expand compressed parcels through the
// expansion table, and one switch on the major opcode with the fields in locals (TinyEMU's
// riscv_cpu_template.h is the model). Traps leave the switch through `takeTrap` and the loop
// goes on at the handler. Interrupts are checked when a slice starts and after every
// instruction that can change what is pending or enabled; the machine ends slices at timer
// deadlines, so they are taken at exactly the right instruction.

extension Hart {
    /// Executes up to `limit` instructions (counting those that trap); returns how many.
    ///
    /// While pc stays in one page, instructions come straight from that page's decoded
    /// slots, with no TLB lookup (TinyEMU's "fetch through a host pointer into the current
    /// page"). pc lives in a local, and instret is brought up to date only when needed:
    /// `executeFast` runs what needs only registers, pc and RAM through the TLB, and anything
    /// else first stores pc and instret (a device, a trap or a CSR may read them) and runs
    /// through `executeDecoded`; after it the loop looks the page up again, since the
    /// instruction may have flushed the TLB, changed privilege or cleared the decoded cache.
    public func run(_ limit: UInt64) -> UInt64 {
        beginSlice()
        let x = self.x
        unowned(unsafe) let translator = self.translator
        let translating = translates
        let context = translator.context
        var pc = self.pc
        var remaining = limit
        /// `remaining` when instret was last brought up to date: every instruction since
        /// then ran through `executeFast` and retired.
        var synced = limit
        /// True until the first jump or branch: a slice may start anywhere in a block (the
        /// last one ended at a timer deadline), and a block translated from there would
        /// rarely run again, so the interpreter runs to the block's end instead.
        var resumed = true
        page: while remaining != 0 {
            // An instruction outside the decoded pages, or straddling two, has op .undecoded
            // here and goes through `stepSlow`.
            var decoded = Decoded()
            let entry = tlb.fetch[tlb.slot(pc >> 12)]
            if entry.tag == tlb.tag(pc >> 12), let slots = entry.decoded {
                // The instructions of this page, until pc leaves it or one needs the slow path.
                let base = pc & ~0xfff
                // One 16-byte slot per 2-byte parcel: pc's slot is at slots + 8 * (pc - base),
                // that is at bias + 8 * pc (one address computation per instruction).
                let bias = UInt(bitPattern: slots) &- UInt(truncatingIfNeeded: base &<< 3)
                if translating && !DecodedCache.translationsFit(slots, base) {
                    DecodedCache.forgetTranslations(slots)
                }
                instructions: while true {  // remaining != 0 here
                    var slot = UnsafeMutablePointer<Decoded>(bitPattern: bias &+ UInt(truncatingIfNeeded: pc &<< 3)).unsafelyUnwrapped
                    if translating && remaining >= UInt64(Translator.maximumBlock) {
                        // Host code for the block here, translated on its first run.
                        var translation = slot.pointee.translation
                        if translation == 0 && !resumed && slot.pointee.op != .pageEnd && (slot.pointee.op != .other || Translator.translatable(slot.pointee)) {
                            translation = translator.translate(slots, pc, base, self)
                        }
                        if translation != 0 {
                            resumed = false
                            pc = Translator.run(context, translation, x, &remaining, &synced, tlb.read, tlb.write, tlb.fetch, tlb.generation, tlb.salt, privilege.rawValue)
                            if remaining == 0 || context[5] == Translator.endsSlice { break page }
                            if pc &- base >= 0x1000 || Translator.hartRan(context) { continue page }
                            slot = UnsafeMutablePointer<Decoded>(bitPattern: bias &+ UInt(truncatingIfNeeded: pc &<< 3)).unsafelyUnwrapped
                            if context[5] != Translator.needsInterpreter {
                                if context[5] != 0 {
                                    // Left by an exit that can jump straight to the block at pc.
                                    var next = slot.pointee.translation
                                    if next == 0 && slot.pointee.op != .pageEnd && (slot.pointee.op != .other || Translator.translatable(slot.pointee)) {
                                        next = translator.translate(slots, pc, base, self)
                                    }
                                    if next != 0 { translator.chainLastExit(to: next) }
                                }
                                continue instructions
                            }
                            // A load or store that missed the TLB: the interpreter runs it.
                        }
                    }
                    switch executeFast(slot.pointee, &pc, x) {
                    case .next:
                        // Sequential flow off the page's end reaches its `.pageEnd` slot.
                        remaining &-= 1
                        if remaining == 0 { break page }
                        if resumed && slot.pointee.op.endsBlock { resumed = false }
                    case .jumped:
                        resumed = false
                        remaining &-= 1
                        if remaining == 0 { break page }
                        if pc &- base >= 0x1000 { continue page }
                    case .slow:
                        let op = slot.pointee.op
                        if op == .pageEnd { continue page }
                        // A slot not decoded yet is decoded on its first run (unless the
                        // instruction continues on the next page: then `stepSlow` runs it).
                        if op == .undecoded && decode(slot, pc) { continue }
                        remaining &-= 1
                        if op != .undecoded { decoded = slot.pointee }
                        break instructions
                    }
                }
            } else {
                remaining &-= 1
            }
            instret &+= synced &- remaining &- 1
            self.pc = pc
            let going = decoded.op == .undecoded ? stepSlow(pc) : executeOutOfLine(decoded, pc)
            pc = self.pc
            synced = remaining
            resumed = false
            if !going { break }
        }
        instret &+= synced &- remaining
        self.pc = pc
        return limit - remaining
    }

    /// `executeDecoded` as a call: the run loop's slow path, kept out of the loop's code.
    /// Operations `executeFast` never handles (SYSTEM, AMOs, fences) go straight to `execute`.
    @inline(never)
    func executeOutOfLine(_ decoded: Decoded, _ pc: UInt64) -> Bool {
        if decoded.op == .other { return execute(decoded.word, pc, decoded.length) }
        return executeDecoded(decoded, pc)
    }

    /// Starts a slice: takes a pending interrupt first.
    public func beginSlice() {
        stopReason = .budget
        endSlice = false
        checkInterrupts()
    }

    /// One instruction, for the tracer's loop; false when the slice must end.
    public func singleStep() -> Bool {
        step()
    }

    /// Executes one instruction; false when the slice must end (wfi, a device stop, or an
    /// interrupt that may now be pending). The usual way is a fetch-TLB hit whose page
    /// carries decoded slots; the first run of an instruction decodes it into its slot.
    @inline(__always)
    func step() -> Bool {
        let pc = self.pc
        let vpn = pc >> 12
        let entry = tlb.fetch[tlb.slot(vpn)]
        if entry.tag == tlb.tag(vpn), let page = entry.decoded {
            let slot = page + Int((pc & 0xfff) >> 1)
            if slot.pointee.op == .undecoded && !decode(slot, pc) {
                return stepSlow(pc)
            }
            return executeDecoded(slot.pointee, pc)
        }
        return stepSlow(pc)
    }

    /// Fills `slot` from the instruction at `pc`, whose page the fetch TLB holds; false for
    /// an instruction that continues on the next page, which is never cached.
    @inline(never)
    func decode(_ slot: UnsafeMutablePointer<Decoded>, _ pc: UInt64) -> Bool {
        let host = tlb.fetch[tlb.slot(pc >> 12)].addend &+ pc
        let pointer = UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: host))!
        let low = UInt32(pointer.loadUnaligned(as: UInt16.self))
        if low & 3 != 3 {
            slot.pointee = Decoded(word: expansion(low), compressed: true)
            return true
        }
        guard pc & 0xfff <= 0xffc else { return false }
        slot.pointee = Decoded(word: pointer.loadUnaligned(as: UInt32.self), compressed: false)
        return true
    }

    /// An instruction outside the decoded pages: boot ROM, a page not yet in the fetch TLB,
    /// or one that straddles two pages.
    @inline(never)
    func stepSlow(_ pc: UInt64) -> Bool {
        guard var word = fetchSlow(pc) else {
            takeTrap(faultCause, faultValue)
            return true
        }
        let compressed = word & 3 != 3
        if compressed { word = expansion(word) }
        return executeDecoded(Decoded(word: word, compressed: compressed), pc)
    }

    /// Fetches an instruction the slow way (TLB miss, page crossing, ROM).
    @inline(never)
    func fetchSlow(_ pc: UInt64) -> UInt32? {
        guard let low = fetchParcel(pc) else { return nil }
        if low & 3 != 3 { return UInt32(low) }
        guard let high = fetchParcel(pc &+ 2) else { return nil }
        return UInt32(low) | UInt32(high) << 16
    }

    @inline(__always)
    func illegal(_ word: UInt32, _ length: UInt64) -> Bool {
        takeTrap(Cause.illegalInstruction, length == 2 ? UInt64(originalParcel(word)) : UInt64(word))
        return true
    }

    /// The 16 bits of the compressed instruction at pc (for illegal-instruction tval).
    private func originalParcel(_ word: UInt32) -> UInt16 {
        fetchParcel(pc) ?? 0
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    @inline(__always)
    func execute(_ word: UInt32, _ pc: UInt64, _ length: UInt64) -> Bool {
        let rd = Int((word >> 7) & 31)
        let rs1 = Int((word >> 15) & 31)
        let rs2 = Int((word >> 20) & 31)
        let funct3 = (word >> 12) & 7
        let x = self.x
        var next = pc &+ length
        switch word & 0x7f {
        case 0x37:  // LUI
            if rd != 0 { x[rd] = UInt64(bitPattern: Int64(Int32(bitPattern: word & 0xffff_f000))) }
        case 0x17:  // AUIPC
            if rd != 0 { x[rd] = pc &+ UInt64(bitPattern: Int64(Int32(bitPattern: word & 0xffff_f000))) }
        case 0x6f:  // JAL
            if rd != 0 { x[rd] = next }
            next = pc &+ Decode.jImmediate(word)
        case 0x67:  // JALR
            guard funct3 == 0 else { return illegal(word, length) }
            let target = (x[rs1] &+ Decode.iImmediate(word)) & ~1
            if rd != 0 { x[rd] = next }
            next = target
        case 0x63:  // BRANCH
            let a = x[rs1], b = x[rs2]
            let taken: Bool
            switch funct3 {
            case 0: taken = a == b
            case 1: taken = a != b
            case 4: taken = Int64(bitPattern: a) < Int64(bitPattern: b)
            case 5: taken = Int64(bitPattern: a) >= Int64(bitPattern: b)
            case 6: taken = a < b
            case 7: taken = a >= b
            default: return illegal(word, length)
            }
            if taken { next = pc &+ Decode.bImmediate(word) }
        case 0x03:  // LOAD
            let address = x[rs1] &+ Decode.iImmediate(word)
            let value: UInt64
            switch funct3 {
            case 0: guard let v = load(address, Int8.self) else { return fault() }; value = UInt64(bitPattern: Int64(v))
            case 1: guard let v = load(address, Int16.self) else { return fault() }; value = UInt64(bitPattern: Int64(v))
            case 2: guard let v = load(address, Int32.self) else { return fault() }; value = UInt64(bitPattern: Int64(v))
            case 3: guard let v = load(address, UInt64.self) else { return fault() }; value = v
            case 4: guard let v = load(address, UInt8.self) else { return fault() }; value = UInt64(v)
            case 5: guard let v = load(address, UInt16.self) else { return fault() }; value = UInt64(v)
            case 6: guard let v = load(address, UInt32.self) else { return fault() }; value = UInt64(v)
            default: return illegal(word, length)
            }
            if rd != 0 { x[rd] = value }
            // A device read may have changed interrupt lines: end the slice after it.
            if endSlice { self.pc = next; instret &+= 1; return false }
        case 0x23:  // STORE
            let address = x[rs1] &+ Decode.sImmediate(word)
            let value = x[rs2]
            let stored: Bool
            switch funct3 {
            case 0: stored = store(address, UInt8(truncatingIfNeeded: value))
            case 1: stored = store(address, UInt16(truncatingIfNeeded: value))
            case 2: stored = store(address, UInt32(truncatingIfNeeded: value))
            case 3: stored = store(address, value)
            default: return illegal(word, length)
            }
            guard stored else { return fault() }
            if endSlice || stopRequested { instret &+= 1; self.pc = next; return false }
        case 0x13:  // OP-IMM
            let a = x[rs1], imm = Decode.iImmediate(word)
            let value: UInt64
            switch funct3 {
            case 0: value = a &+ imm
            case 2: value = Int64(bitPattern: a) < Int64(bitPattern: imm) ? 1 : 0
            case 3: value = a < imm ? 1 : 0
            case 4: value = a ^ imm
            case 6: value = a | imm
            case 7: value = a & imm
            case 1:
                guard word >> 26 == 0 else { return illegal(word, length) }
                value = a << (imm & 63)
            default:  // 5
                switch word >> 26 {
                case 0: value = a >> (imm & 63)
                case 0x10: value = UInt64(bitPattern: Int64(bitPattern: a) >> (imm & 63))
                default: return illegal(word, length)
                }
            }
            if rd != 0 { x[rd] = value }
        case 0x33:  // OP
            guard let value = operate(word, x[rs1], x[rs2], funct3) else { return illegal(word, length) }
            if rd != 0 { x[rd] = value }
        case 0x1b:  // OP-IMM-32
            let a = UInt32(truncatingIfNeeded: x[rs1])
            let shamt = UInt32(rs2)
            let value: UInt32
            switch (funct3, word >> 25) {
            case (0, _): value = a &+ UInt32(truncatingIfNeeded: Decode.iImmediate(word))
            case (1, 0): value = a << shamt
            case (5, 0): value = a >> shamt
            case (5, 0x20): value = UInt32(bitPattern: Int32(bitPattern: a) >> shamt)
            default: return illegal(word, length)
            }
            if rd != 0 { x[rd] = UInt64(bitPattern: Int64(Int32(bitPattern: value))) }
        case 0x3b:  // OP-32
            guard let value = operate32(word, UInt32(truncatingIfNeeded: x[rs1]), UInt32(truncatingIfNeeded: x[rs2]), funct3) else {
                return illegal(word, length)
            }
            if rd != 0 { x[rd] = UInt64(bitPattern: Int64(Int32(bitPattern: value))) }
        case 0x0f:  // MISC-MEM: fence, fence.i (no decoded-instruction cache to flush)
            guard funct3 <= 1 else { return illegal(word, length) }
        case 0x2f:  // AMO
            guard atomic(word, rd, rs1, rs2, funct3) else { return fault() }
        case 0x73:  // SYSTEM
            return system(word, rd, rs1, funct3, pc, next, length)
        default:
            return illegal(word, length)
        }
        self.pc = next
        instret &+= 1
        return true
    }

    /// Takes the fault a memory helper recorded.
    @inline(never)
    func fault() -> Bool {
        takeTrap(faultCause, faultValue)
        return true
    }
}

/// Immediate decoding (ISA manual, "Immediate Encoding Variants").
enum Decode {
    @inline(__always) static func iImmediate(_ word: UInt32) -> UInt64 {
        UInt64(bitPattern: Int64(Int32(bitPattern: word) >> 20))
    }

    @inline(__always) static func sImmediate(_ word: UInt32) -> UInt64 {
        UInt64(bitPattern: Int64((Int32(bitPattern: word & 0xfe00_0000) >> 20) | Int32((word >> 7) & 0x1f)))
    }

    @inline(__always) static func bImmediate(_ word: UInt32) -> UInt64 {
        let value = (Int32(bitPattern: word & 0x8000_0000) >> 19) | Int32((word & 0x80) << 4)
            | Int32((word >> 20) & 0x7e0) | Int32((word >> 7) & 0x1e)
        return UInt64(bitPattern: Int64(value))
    }

    @inline(__always) static func jImmediate(_ word: UInt32) -> UInt64 {
        let value = (Int32(bitPattern: word & 0x8000_0000) >> 11) | Int32(word & 0xff000)
            | Int32((word >> 9) & 0x800) | Int32((word >> 20) & 0x7fe)
        return UInt64(bitPattern: Int64(value))
    }
}
