// Blocks of decoded instructions translated to x86-64 (issue 6): the interpreter's run loop
// hands a block start to `Translator`, which emits host code for the straight-line run of
// instructions from it to the first branch or jump (at most `maximumBlock`, never past the
// page), and from then on calls that code instead of interpreting. QEMU's TCG and its
// block chaining are the model; what differs is that nothing here changes behaviour:
//
// - Exact instret: a block first checks that the slice's remaining budget covers all of
//   its instructions (else it returns untouched and the interpreter runs them), then takes
//   them from the budget; an early exit gives back those it did not run.
// - Only what `executeFast` does is translated (registers, pc, and RAM through a TLB hit),
//   and the CSR instructions on the trap CSRs, which are plain storage (`Hart.scratchCSR`).
//   A load or store that misses the TLB, a CSR access below its privilege, or anything else
//   (SYSTEM, AMOs, mulh, fences) leaves the block at that instruction with pc on it, and the
//   interpreter runs it. Devices, the other CSRs and traps are never reached from host code,
//   so interrupts stay where they were: at slice starts and after the instructions that can
//   change them.
// - Stores to a page with decoded instructions never hit the write TLB (DecodedCache), so
//   self-modifying code leaves host code first; the store forgets the page's translations.
// - Guest registers live in the hart's x array: host code loads and stores them there, so
//   the interpreter, the tracer and traps see them as always.
//
// Blocks of one page jump straight to each other (a branch's exits are patched once their
// target is translated; `jalr` looks its target up in the page's slots), since a page's
// blocks share its one translation; a target in another page is looked up each time
// through the fetch TLB (shared code at the start of the buffer), and without a translated
// block there, back to the run loop.
// Host code holds guest pcs as constants, so a page's translations are for one virtual
// base: the run loop forgets them when the page is entered at another.
//
// Register use inside translated code: rbx = x, r12 = the context, r13 = remaining budget,
// r14 = read-TLB table, r15 = write-TLB table, rbp = the TLB's current generation; rax, rcx,
// rdx are scratch. The entry sequence saves the callee-saved registers and the exit restores
// them, so blocks jump to each other with no frame of their own.

#if arch(x86_64) && os(Linux)
import Glibc
#endif

final class Translator {
    /// The longest block, in instructions: also the budget below which the run loop
    /// interprets instead of entering host code.
    static let maximumBlock = 64

    #if arch(x86_64) && os(Linux)
    /// Bytes of host code; when they run out every translation is forgotten.
    static let capacity = 32 << 20

    /// The context's fields, in 8-byte words.
    enum Field: Int32 {
        case x = 0, remaining, readTable, writeTable, generation, stub, code, fetchTable, salt, privilege
    }

    private let code: UnsafeMutableRawPointer
    /// False when the host refused executable memory: everything is interpreted.
    let available: Bool
    private var used = 0
    /// Where blocks start: after the entry, exit and lookup code, which resets keep.
    private var firstBlock = 0
    /// The bytes blocks may use before a reset (less than `capacity` in tests, to reset often).
    var limit = Translator.capacity
    private var exitOffset = 0
    /// The shared code that finds the block at pc = rax through the fetch TLB.
    private var lookupOffset = 0
    let context: UnsafeMutablePointer<UInt64>
    /// Called when the code runs out and every block is dropped: the slots must forget them.
    var onReset: () -> Void = {}

    init() {
        context = .allocate(capacity: 16)
        context.initialize(repeating: 0, count: 16)
        let mapped = mmap(nil, Translator.capacity, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != MAP_FAILED else {
            available = false
            code = UnsafeMutableRawPointer(context)
            return
        }
        let memory = mapped
        available = true
        code = memory
        context[6] = UInt64(UInt(bitPattern: memory))
        let field = Translator.field
        var a = X86Assembler()
        for register in [Reg.rbx, .rbp, .r12, .r13, .r14, .r15] { a.push(register) }
        a.alu(.sub, .rsp, immediate: 8)
        a.mov(.r12, .rdi)
        a.load(.rbx, field(.x))
        a.load(.r13, field(.remaining))
        a.load(.r14, field(.readTable))
        a.load(.r15, field(.writeTable))
        a.load(.rbp, field(.generation))
        a.jump(to: .rsi)
        a.align(16)
        exitOffset = a.count
        a.store(field(.remaining), .r13)
        a.store(field(.stub), .rdx)
        a.alu(.add, .rsp, immediate: 8)
        for register in [Reg.r15, .r14, .r13, .r12, .rbp, .rbx] { a.pop(register) }
        a.ret()
        a.align(16)
        lookupOffset = a.count
        Translator.emitLookup(&a, exit: exitOffset)
        a.align(16)
        used = place(a.bytes)
        firstBlock = used
    }

    /// rax = a pc in any page: jumps to its block when the fetch TLB holds the page for
    /// this privilege, the page's translations are for its virtual base, and the block is
    /// translated; otherwise leaves for the run loop with pc = rax.
    private static func emitLookup(_ a: inout X86Assembler, exit: Int) {
        let field = Translator.field
        var misses: [Fixup] = []
        a.mov(.rcx, .rax)
        a.shift(.shr, .rcx, by: 12)
        a.zeroExtend8(.rdx, .rcx)
        a.alu(.xor, .rdx, field(.salt), w: false)
        a.lea(.rdx, Mem(.rdx, .rdx, 2))
        a.alu(.or, .rcx, .rbp)
        a.load(.rsi, field(.fetchTable))
        a.alu(.cmp, .rcx, Mem(.rsi, .rdx, 8))
        misses.append(a.jump(if: .notEqual))
        a.load(.rsi, Mem(.rsi, .rdx, 8, 16))               // the page's slots
        a.test(.rsi, .rsi)
        misses.append(a.jump(if: .equal))
        a.mov(.rcx, .rax)
        a.alu(.and, .rcx, immediate: -4096)
        a.alu(.or, .rcx, immediate: 1)
        a.alu(.cmp, .rcx, Mem(.rsi, Int32(DecodedCache.slots * 16)))  // translated for this base
        misses.append(a.jump(if: .notEqual))
        a.mov(.rcx, .rax)
        a.alu(.and, .rcx, immediate: 0xfff, w: false)
        a.load(.rdx, Mem(.rsi, .rcx, 8, 12), w: false)
        a.shift(.shr, .rdx, by: 8, w: false)
        misses.append(a.jump(if: .equal))
        a.shift(.shl, .rdx, by: 4)
        a.alu(.add, .rdx, field(.code))
        a.jump(to: .rdx)
        for miss in misses { a.bind(miss) }
        a.movImmediate(.rdx, 0)
        let out = a.jump()
        a.bind(out, to: exit)
    }

    deinit {
        if available { munmap(code, Translator.capacity) }
        context.deallocate()
    }

    private static func field(_ field: Field) -> Mem { Mem(.r12, field.rawValue * 8) }

    private func place(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBytes { (code + used).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        return used + bytes.count
    }

    /// Runs translated code from block `translation` with `remaining` instructions of budget;
    /// returns the pc it stopped at. The context's stub field then holds the exit it left
    /// by when that exit may be chained to the block at the returned pc. Static, on the
    /// context alone, so that the run loop's calls involve no reference counting.
    @inline(__always)
    static func run(_ context: UnsafeMutablePointer<UInt64>, _ translation: UInt32, _ x: UnsafeMutablePointer<UInt64>, _ remaining: inout UInt64,
                    _ read: UnsafeMutablePointer<TLB.Entry>, _ write: UnsafeMutablePointer<TLB.Entry>, _ fetch: UnsafeMutablePointer<TLB.Entry>, _ generation: UInt64, _ salt: UInt64, _ privilege: UInt64) -> UInt64 {
        context[0] = UInt64(UInt(bitPattern: x))
        context[1] = remaining
        context[2] = UInt64(UInt(bitPattern: read))
        context[3] = UInt64(UInt(bitPattern: write))
        context[4] = generation
        context[7] = UInt64(UInt(bitPattern: fetch))
        context[8] = salt
        context[9] = privilege
        let entry = UnsafeRawPointer(bitPattern: UInt(context[6])).unsafelyUnwrapped
        let enter = unsafeBitCast(entry, to: (@convention(c) (UnsafeMutableRawPointer?, UnsafeRawPointer?) -> UInt64).self)
        let pc = enter(UnsafeMutableRawPointer(context), entry + Int(translation) << 4)
        remaining = context[1]
        return pc
    }

    /// `lastStub` after a load or store left host code: the instruction at pc must be
    /// interpreted (it missed the TLB), not translated again.
    static let needsInterpreter: UInt64 = 1

    /// The exit the last `run` left by, when chainable; 0 or `needsInterpreter` otherwise.
    var lastStub: UInt64 {
        get { context[Int(Field.stub.rawValue)] }
        set { context[Int(Field.stub.rawValue)] = newValue }
    }

    /// Makes the exit the last `run` left by jump straight to block `translation`, when
    /// that exit is chainable (and was not dropped by a reset since).
    func chainLastExit(to translation: UInt32) {
        let stub = lastStub
        guard stub > Translator.needsInterpreter else { return }
        let at = UnsafeMutableRawPointer(bitPattern: UInt(stub))!
        let target = Int(bitPattern: UInt(bitPattern: code)) + Int(translation) << 4
        let relative = Int32(truncatingIfNeeded: target - (Int(stub) + 5))
        at.storeBytes(of: relative, toByteOffset: 1, as: Int32.self)
        lastStub = 0
    }

    /// Translates the block at `pc` of the page at virtual `base` whose slots are `slots`,
    /// records it in its first slot, and returns it; 0 when its first instruction cannot be
    /// translated.
    func translate(_ slots: UnsafeMutablePointer<Decoded>, _ pc: UInt64, _ base: UInt64, _ hart: Hart) -> UInt32 {
        var instructions: [(Decoded, UInt64)] = []
        var address = pc
        while instructions.count < Translator.maximumBlock && address &- base < 0x1000 {
            let slot = slots + Int((address & 0xfff) >> 1)
            if slot.pointee.op == .undecoded && !hart.decode(slot, address) { break }
            let decoded = slot.pointee
            guard Translator.translatable(decoded) else { break }
            instructions.append((decoded, address))
            address &+= decoded.length
            if decoded.op.endsBlock { break }
        }
        guard !instructions.isEmpty else { return 0 }
        // A block is at most a few KiB (64 instructions of at most ~60 bytes, and its exits).
        if used + 16 * 1024 > limit { reset() }
        let offset = used
        var block = BlockAssembler(code: UInt64(UInt(bitPattern: code)), offset: offset, exit: exitOffset, lookup: lookupOffset, base: base, slots: slots)
        block.emit(instructions, fallThrough: address)
        used = place(block.a.bytes)
        let translation = UInt32(offset >> 4)
        slots[Int((pc & 0xfff) >> 1)].translation = translation
        DecodedCache.setTranslatedBase(slots, base)
        return translation
    }

    /// Forgets every block.
    func reset() {
        onReset()
        used = firstBlock
        lastStub = 0
    }

    #else
    // Other hosts: never available, so the run loop never calls these.
    let available = false
    var onReset: () -> Void = {}
    var limit = 0
    let context = UnsafeMutablePointer<UInt64>.allocate(capacity: 16)
    deinit { context.deallocate() }
    static func run(_ context: UnsafeMutablePointer<UInt64>, _ translation: UInt32, _ x: UnsafeMutablePointer<UInt64>, _ remaining: inout UInt64,
                    _ read: UnsafeMutablePointer<TLB.Entry>, _ write: UnsafeMutablePointer<TLB.Entry>, _ fetch: UnsafeMutablePointer<TLB.Entry>, _ generation: UInt64, _ salt: UInt64, _ privilege: UInt64) -> UInt64 { 0 }
    func translate(_ slots: UnsafeMutablePointer<Decoded>, _ pc: UInt64, _ base: UInt64, _ hart: Hart) -> UInt32 { 0 }
    func chainLastExit(to translation: UInt32) {}
    var lastStub: UInt64 { 0 }
    static let needsInterpreter: UInt64 = 1
    #endif
}

extension Translator {
    static func translatable(_ d: Decoded) -> Bool {
        switch d.op {
        case .undecoded, .pageEnd: return false
        case .other: return Translator.scratchCSRAccess(d.word) != nil
        default: return true
        }
    }

    /// A csrrw/csrrs/csrrc (or its immediate form) of a CSR that is plain storage: its
    /// index in the hart's x array and the privilege it needs.
    static func scratchCSRAccess(_ word: UInt32) -> (slot: Int, privilege: UInt64)? {
        guard word & 0x7f == 0x73, (word >> 12) & 3 != 0, let slot = Hart.scratchCSR(word >> 20) else { return nil }
        return (slot, UInt64((word >> 28) & 3))
    }
}

extension Op {
    /// Branches and jumps: the last instruction of a block.
    var endsBlock: Bool {
        switch self {
        case .jal, .jalr, .beq, .bne, .blt, .bge, .bltu, .bgeu: return true
        default: return false
        }
    }
}

#if arch(x86_64) && os(Linux)
/// Emits one block.
private struct BlockAssembler {
    var a = X86Assembler()
    /// The host address of the code buffer, and this block's offset in it.
    let code: UInt64
    let offset: Int
    let exit: Int
    let lookup: Int
    /// The page's virtual base and its slots.
    let base: UInt64
    let slots: UnsafeMutablePointer<Decoded>
    /// Exits to emit after the body: (fixup, pc, instructions not run).
    private var sideExits: [(Fixup, UInt64, Int)] = []

    init(code: UInt64, offset: Int, exit: Int, lookup: Int, base: UInt64, slots: UnsafeMutablePointer<Decoded>) {
        self.code = code
        self.offset = offset
        self.exit = exit
        self.lookup = lookup
        self.base = base
        self.slots = slots
    }

    private func x(_ register: UInt8) -> Mem { Mem(.rbx, Int32(register) * 8) }

    /// A jump to the shared exit (rax = pc, rdx = the chainable stub or 0).
    private mutating func jumpToExit() {
        let fixup = a.jump()
        a.bind(fixup, to: exit - offset)
    }

    /// Leaves for `target`: chainable within the page, else back to the run loop.
    private mutating func exit(to target: UInt64) {
        if target &- base < 0x1000 {
            // jmp +0 (patched to the target block by `chain`), then the unchained exit.
            let stub = a.count
            a.byte(0xe9)
            a.int32(0)
            a.movImmediate(.rax, target)
            a.movImmediate(.rdx, code &+ UInt64(offset + stub))
            jumpToExit()
        } else {
            // Another page: found through the fetch TLB each time (its mapping may change).
            a.movImmediate(.rax, target)
            jumpToLookup()
        }
    }

    private mutating func jumpToLookup() {
        let fixup = a.jump()
        a.bind(fixup, to: lookup - offset)
    }

    mutating func emit(_ instructions: [(Decoded, UInt64)], fallThrough: UInt64) {
        let count = instructions.count
        a.alu(.cmp, .r13, immediate: Int32(count))
        let bail = a.jump(if: .below)
        a.alu(.sub, .r13, immediate: Int32(count))
        var ended = false
        for (index, (d, pc)) in instructions.enumerated() {
            ended = instruction(d, pc, unrun: count - index)
        }
        if !ended { exit(to: fallThrough) }
        a.bind(bail)
        a.movImmediate(.rax, instructions[0].1)
        a.movImmediate(.rdx, 0)
        jumpToExit()
        for (fixup, pc, unrun) in sideExits {
            a.bind(fixup)
            a.alu(.add, .r13, immediate: Int32(unrun))
            a.movImmediate(.rax, pc)
            a.movImmediate(.rdx, Translator.needsInterpreter)
            jumpToExit()
        }
        a.align(16)
    }

    /// Emits one instruction; true when it ended the block.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private mutating func instruction(_ d: Decoded, _ pc: UInt64, unrun: Int) -> Bool {
        let rd = x(d.rd), rs1 = x(d.rs1), rs2 = x(d.rs2), imm = d.immediate
        let next = pc &+ d.length
        switch d.op {
        case .lui:
            a.storeImmediate(rd, imm)
        case .auipc:
            a.movImmediate(.rax, pc &+ d.imm)
            a.store(rd, .rax)
        case .addi, .xori, .ori, .andi:
            a.load(.rax, rs1)
            let op: X86Assembler.ALU = d.op == .addi ? .add : d.op == .xori ? .xor : d.op == .ori ? .or : .and
            if imm != 0 || op == .and { a.alu(op, .rax, immediate: imm) }
            a.store(rd, .rax)
        case .slti, .sltiu:
            a.movImmediate(.rcx, 0)
            a.load(.rax, rs1)
            a.alu(.cmp, .rax, immediate: imm)
            a.set(d.op == .slti ? .less : .below, .rcx)
            a.store(rd, .rcx)
        case .slli, .srli, .srai:
            a.load(.rax, rs1)
            a.shift(d.op == .slli ? .shl : d.op == .srli ? .shr : .sar, .rax, by: UInt8(imm & 63))
            a.store(rd, .rax)
        case .add, .sub, .xor, .or, .and:
            a.load(.rax, rs1)
            let op: X86Assembler.ALU = d.op == .add ? .add : d.op == .sub ? .sub : d.op == .xor ? .xor : d.op == .or ? .or : .and
            a.alu(op, .rax, rs2)
            a.store(rd, .rax)
        case .mul:
            a.load(.rax, rs1)
            a.imul(.rax, rs2)
            a.store(rd, .rax)
        case .mulhu:
            a.load(.rax, rs1)
            a.mulUnsigned(rs2)
            a.store(rd, .rdx)
        case .sll, .srl, .sra, .sllw, .srlw, .sraw:
            let wide = d.op == .sll || d.op == .srl || d.op == .sra
            a.load(.rcx, rs2, w: wide)
            a.load(.rax, rs1, w: wide)
            let shift: X86Assembler.Shift = d.op == .sll || d.op == .sllw ? .shl : d.op == .srl || d.op == .srlw ? .shr : .sar
            a.shiftByCL(shift, .rax, w: wide)
            if !wide { a.signExtend32(.rax, .rax) }
            a.store(rd, .rax)
        case .slt, .sltu:
            a.movImmediate(.rcx, 0)
            a.load(.rax, rs1)
            a.alu(.cmp, .rax, rs2)
            a.set(d.op == .slt ? .less : .below, .rcx)
            a.store(rd, .rcx)
        case .div, .divu, .rem, .remu:
            divide(d, signed: d.op == .div || d.op == .rem, remainder: d.op == .rem || d.op == .remu, wide: true)
        case .divw, .divuw, .remw, .remuw:
            divide(d, signed: d.op == .divw || d.op == .remw, remainder: d.op == .remw || d.op == .remuw, wide: false)
        case .addiw:
            a.load(.rax, rs1, w: false)
            if imm != 0 { a.alu(.add, .rax, immediate: imm, w: false) }
            a.signExtend32(.rax, .rax)
            a.store(rd, .rax)
        case .slliw, .srliw, .sraiw:
            a.load(.rax, rs1, w: false)
            a.shift(d.op == .slliw ? .shl : d.op == .srliw ? .shr : .sar, .rax, by: UInt8(imm & 31), w: false)
            a.signExtend32(.rax, .rax)
            a.store(rd, .rax)
        case .addw, .subw:
            a.load(.rax, rs1, w: false)
            a.alu(d.op == .addw ? .add : .sub, .rax, rs2, w: false)
            a.signExtend32(.rax, .rax)
            a.store(rd, .rax)
        case .mulw:
            a.load(.rax, rs1, w: false)
            a.imul(.rax, rs2, w: false)
            a.signExtend32(.rax, .rax)
            a.store(rd, .rax)
        case .lb: memory(d, pc, unrun, size: 1, signed: true)
        case .lh: memory(d, pc, unrun, size: 2, signed: true)
        case .lw: memory(d, pc, unrun, size: 4, signed: true)
        case .ld: memory(d, pc, unrun, size: 8, signed: true)
        case .lbu: memory(d, pc, unrun, size: 1, signed: false)
        case .lhu: memory(d, pc, unrun, size: 2, signed: false)
        case .lwu: memory(d, pc, unrun, size: 4, signed: false)
        case .sb: memory(d, pc, unrun, size: 1, store: true)
        case .sh: memory(d, pc, unrun, size: 2, store: true)
        case .sw: memory(d, pc, unrun, size: 4, store: true)
        case .sd: memory(d, pc, unrun, size: 8, store: true)
        case .beq, .bne, .blt, .bge, .bltu, .bgeu:
            a.load(.rax, rs1)
            if d.rs2 == 0 { a.test(.rax, .rax) } else { a.alu(.cmp, .rax, rs2) }
            let condition: Condition
            switch d.op {
            case .beq: condition = .equal
            case .bne: condition = .notEqual
            case .blt: condition = .less
            case .bge: condition = .greaterOrEqual
            case .bltu: condition = .below
            default: condition = .aboveOrEqual
            }
            let taken = a.jump(if: condition)
            exit(to: next)
            a.bind(taken)
            exit(to: pc &+ d.imm)
            return true
        case .jal:
            if d.rd != 32 {
                a.movImmediate(.rax, next)
                a.store(rd, .rax)
            }
            exit(to: pc &+ d.imm)
            return true
        case .jalr:
            a.load(.rax, rs1)
            if imm != 0 { a.alu(.add, .rax, immediate: imm) }
            a.alu(.and, .rax, immediate: -2)
            if d.rd != 32 {
                a.movImmediate(.rcx, next)
                a.store(rd, .rcx)
            }
            // A target in this page whose block is translated: straight there.
            a.mov(.rcx, .rax)
            a.movImmediate(.rdx, base)
            a.alu(.sub, .rcx, .rdx)
            a.alu(.cmp, .rcx, immediate: 0xfff)
            let away = a.jump(if: .above)
            a.movImmediate(.rdx, UInt64(UInt(bitPattern: slots)) &+ 12)
            // Slot (offset / 2) is 16 bytes: its size, translation low and high bytes are
            // the 4 bytes at slots + 8 * offset + 12.
            a.load(.rdx, Mem(.rdx, .rcx, 8), w: false)
            a.shift(.shr, .rdx, by: 8, w: false)
            let untranslated = a.jump(if: .equal)
            a.shift(.shl, .rdx, by: 4)
            a.movImmediate(.rcx, code)
            a.alu(.add, .rdx, .rcx)
            a.jump(to: .rdx)
            a.bind(untranslated)
            a.movImmediate(.rdx, 0)
            jumpToExit()
            a.bind(away)
            jumpToLookup()
            return true
        case .other:
            // A scratch CSR (Translator.scratchCSRAccess); below the privilege it needs, the
            // interpreter runs it (and raises the illegal instruction).
            guard let (slot, privilege) = Translator.scratchCSRAccess(d.word) else { preconditionFailure("untranslatable CSR access") }
            a.alu(.cmp, Mem(.r12, Translator.Field.privilege.rawValue * 8), immediate: Int32(privilege))
            sideExits.append((a.jump(if: .below), pc, unrun))
            let funct3 = (d.word >> 12) & 7, source = (d.word >> 15) & 31
            let csr = Mem(.rbx, Int32(slot) * 8)
            a.load(.rax, csr)
            if funct3 & 3 == 1 || source != 0 {
                if funct3 >= 5 { a.movImmediate(.rcx, UInt64(source)) } else { a.load(.rcx, x(UInt8(source))) }
                switch funct3 & 3 {
                case 1: break
                case 2: a.alu(.or, .rcx, .rax)
                default: a.not(.rcx); a.alu(.and, .rcx, .rax)
                }
                if slot == 34 || slot == 38 { a.alu(.and, .rcx, immediate: -2) }  // sepc, mepc: IALIGN 16
                a.store(csr, .rcx)
            }
            a.store(rd, .rax)
        case .undecoded, .pageEnd:
            preconditionFailure("untranslatable operation in a block")
        }
        return false
    }

    /// RISC-V division: no trap; by zero gives all ones (quotient) or the dividend
    /// (remainder), and the signed overflow -2^(XLEN-1) / -1 gives the dividend and 0.
    private mutating func divide(_ d: Decoded, signed: Bool, remainder: Bool, wide: Bool) {
        a.load(.rcx, x(d.rs2), w: wide)
        a.load(.rax, x(d.rs1), w: wide)
        a.test(.rcx, .rcx, w: wide)
        let zero = a.jump(if: .equal)
        var minusOne: Fixup?
        if signed {
            a.alu(.cmp, .rcx, immediate: -1, w: wide)
            minusOne = a.jump(if: .equal)
            a.signExtendIntoRDX(w: wide)
        } else {
            a.movImmediate(.rdx, 0)
        }
        a.divide(.rcx, signed: signed, w: wide)
        if remainder { a.mov(.rax, .rdx) }
        let done = a.jump()
        a.bind(zero)
        if !remainder { a.movImmediate(.rax, .max) }
        var done2: Fixup?
        if let minusOne {
            done2 = a.jump()
            a.bind(minusOne)
            if remainder { a.movImmediate(.rax, 0) } else { a.neg(.rax, w: wide) }
        }
        a.bind(done)
        if let done2 { a.bind(done2) }
        if !wide { a.signExtend32(.rax, .rax) }
        a.store(x(d.rd), .rax)
    }

    /// A load or store through the TLB; a miss leaves the block at this instruction.
    private mutating func memory(_ d: Decoded, _ pc: UInt64, _ unrun: Int, size: Int, signed: Bool = false, store: Bool = false) {
        let table: Reg = store ? .r15 : .r14
        a.load(.rax, x(d.rs1))
        if d.immediate != 0 { a.alu(.add, .rax, immediate: d.immediate) }
        a.mov(.rcx, .rax)
        a.shift(.shr, .rcx, by: 12)
        a.zeroExtend8(.rdx, .rcx)
        a.alu(.xor, .rdx, Mem(.r12, Translator.Field.salt.rawValue * 8), w: false)  // TLB.slot
        a.lea(.rdx, Mem(.rdx, .rdx, 2))
        a.alu(.or, .rcx, .rbp)
        a.alu(.cmp, .rcx, Mem(table, .rdx, 8))
        sideExits.append((a.jump(if: .notEqual), pc, unrun))
        if size > 1 {
            // Naturally aligned, so within the page; the interpreter takes misaligned ones.
            a.testAL(UInt8(size - 1))
            sideExits.append((a.jump(if: .notEqual), pc, unrun))
        }
        a.alu(.add, .rax, Mem(table, .rdx, 8, 8))
        if store {
            a.load(.rcx, x(d.rs2))
            a.store(Mem(.rax, 0), .rcx, size: size)
        } else {
            a.loadExtend(.rax, Mem(.rax, 0), size: size, signed: signed)
            a.store(x(d.rd), .rax)
        }
    }
}
#endif
