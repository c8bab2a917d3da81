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
//   (AMOs, mulh, fences) leaves the block at that instruction with pc on it, and the
//   interpreter runs it. Any other SYSTEM instruction (ecall, xRET, satp, sfence.vma, the
//   other CSRs) ends its block with a call to the hart (`Hart.systemFromHostCode`), which
//   runs it exactly as the run loop would, instret brought up to date first; host code then
//   goes on at the pc and privilege it left, unless the slice must end (an interrupt may be
//   pending, or wfi). Devices are never reached from host code, so interrupts stay where
//   they were: at slice starts and after the instructions that can change them.
// - Stores to a page with decoded instructions never hit the write TLB (DecodedCache), so
//   self-modifying code leaves host code first; the store forgets the page's translations.
// - Between blocks, guest registers live in the hart's x array, so the interpreter, the
//   tracer and traps see them as always; within a block the ones it uses most are held in
//   host registers and stored back at every exit (BlockAssembler).
//
// Blocks of one page jump straight to each other (a branch's jcc and jmp are patched once
// their target is translated; `jalr` looks its target up in the page's slots), since a page's
// blocks share its one translation; a target in another page is looked up each time
// through the fetch TLB (shared code at the start of the buffer), and without a translated
// block there, back to the run loop.
// Host code holds guest pcs as constants, so a page's translations are for one virtual
// base: the run loop forgets them when the page is entered at another.
//
// Register use inside translated code: rbx = x, r12 = the context, r13 = remaining budget,
// r14 = read-TLB table, r15 = write-TLB table, rbp = the TLB's current generation; rsi, rdi,
// r8-r11 hold guest registers within a block; rax, rcx, rdx are scratch. The entry sequence saves the callee-saved registers and the exit restores
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
        /// The run loop's `synced` (remaining when instret was last brought up to date).
        case synced
        /// The hart (unretained), the address of `Hart.systemFromHostCode`, and its verdict:
        /// nonzero when the slice must end after the instruction it ran.
        case hart, system, endsSlice
        /// Set when the hart ran an instruction for host code: the run loop must look its
        /// page up again (the privilege or the TLB may have changed).
        case hartRan
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
        var a = X86Assembler(into: memory, capacity: Translator.capacity)
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
        used = a.count
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
        a.mov(.rdx, .rcx, w: false)
        a.alu(.xor, .rdx, field(.salt), w: false)
        a.alu(.and, .rdx, immediate: Int32(TLB.size - 1), w: false)
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

    /// Lets host code call `hart` for SYSTEM instructions. The hart owns the translator, so
    /// the pointer is unretained.
    func attach(_ hart: Hart) {
        context[Int(Field.hart.rawValue)] = UInt64(UInt(bitPattern: Unmanaged.passUnretained(hart).toOpaque()))
        context[Int(Field.system.rawValue)] = UInt64(UInt(bitPattern: unsafeBitCast(Hart.systemFromHostCode, to: UnsafeRawPointer.self)))
    }

    private static func field(_ field: Field) -> Mem { Mem(.r12, field.rawValue * 8) }

    /// Runs translated code from block `translation` with `remaining` instructions of budget;
    /// returns the pc it stopped at. The context's stub field then holds the exit it left
    /// by when that exit may be chained to the block at the returned pc. Static, on the
    /// context alone, so that the run loop's calls involve no reference counting.
    @inline(__always)
    static func run(_ context: UnsafeMutablePointer<UInt64>, _ translation: UInt32, _ x: UnsafeMutablePointer<UInt64>, _ remaining: inout UInt64, _ synced: inout UInt64,
                    _ read: UnsafeMutablePointer<TLB.Entry>, _ write: UnsafeMutablePointer<TLB.Entry>, _ fetch: UnsafeMutablePointer<TLB.Entry>, _ generation: UInt64, _ salt: UInt64, _ privilege: UInt64) -> UInt64 {
        context[0] = UInt64(UInt(bitPattern: x))
        context[1] = remaining
        context[10] = synced
        context[14] = 0
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
        synced = context[10]
        return pc
    }

    /// True when the last `run` had the hart run an instruction.
    static func hartRan(_ context: UnsafeMutablePointer<UInt64>) -> Bool { context[14] != 0 }

    /// `lastStub` after a load or store left host code: the instruction at pc must be
    /// interpreted (it missed the TLB), not translated again.
    static let needsInterpreter: UInt64 = 1
    /// `lastStub` after a SYSTEM instruction that host code ran (through the hart) said
    /// the slice must end: an interrupt may be pending, or the hart waits for one.
    static let endsSlice: UInt64 = 2

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
        // The stub is the rel32 of the exit's jmp or jcc, the last 4 bytes of the instruction.
        let at = UnsafeMutableRawPointer(bitPattern: UInt(stub))!
        let target = Int(bitPattern: UInt(bitPattern: code)) + Int(translation) << 4
        let relative = Int32(truncatingIfNeeded: target - (Int(stub) + 4))
        at.storeBytes(of: relative, as: Int32.self)
        lastStub = 0
    }

    /// Translates the block at `pc` of the page at virtual `base` whose slots are `slots`,
    /// records it in its first slot, and returns it; 0 when its first instruction cannot be
    /// translated.
    func translate(_ slots: UnsafeMutablePointer<Decoded>, _ pc: UInt64, _ base: UInt64, _ hart: Hart) -> UInt32 {
        var instructions: [(Decoded, UInt64)] = []
        instructions.reserveCapacity(Translator.maximumBlock)
        var address = pc
        while instructions.count < Translator.maximumBlock && address &- base < 0x1000 {
            let slot = slots + Int((address & 0xfff) >> 1)
            if slot.pointee.op == .undecoded && !hart.decode(slot, address) { break }
            let decoded = slot.pointee
            guard Translator.translatable(decoded) else { break }
            instructions.append((decoded, address))
            address &+= decoded.length
            if decoded.op.endsBlock || Translator.callsHart(decoded) { break }
        }
        guard !instructions.isEmpty else { return 0 }
        // An instruction's code is at most ~250 bytes (a load or store in a run that spans
        // two pages: ~10 in the run, and out of line ~60 again with a side exit of ~70 (six
        // registers written back) and the TLB index's ~100); with a margin.
        if used + instructions.count * 320 + 1024 > limit { reset() }
        let offset = used
        var block = BlockAssembler(code: code, offset: offset, room: limit - offset, exit: exitOffset, lookup: lookupOffset, base: base, slots: slots)
        block.emit(instructions, fallThrough: address)
        used += block.a.count
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
    static func run(_ context: UnsafeMutablePointer<UInt64>, _ translation: UInt32, _ x: UnsafeMutablePointer<UInt64>, _ remaining: inout UInt64, _ synced: inout UInt64,
                    _ read: UnsafeMutablePointer<TLB.Entry>, _ write: UnsafeMutablePointer<TLB.Entry>, _ fetch: UnsafeMutablePointer<TLB.Entry>, _ generation: UInt64, _ salt: UInt64, _ privilege: UInt64) -> UInt64 { 0 }
    func translate(_ slots: UnsafeMutablePointer<Decoded>, _ pc: UInt64, _ base: UInt64, _ hart: Hart) -> UInt32 { 0 }
    func chainLastExit(to translation: UInt32) {}
    func attach(_ hart: Hart) {}
    var lastStub: UInt64 { 0 }
    static let needsInterpreter: UInt64 = 1
    static let endsSlice: UInt64 = 2
    static func hartRan(_ context: UnsafeMutablePointer<UInt64>) -> Bool { false }
    #endif
}

extension Translator {
    static func translatable(_ d: Decoded) -> Bool {
        switch d.op {
        case .undecoded, .pageEnd: return false
        case .other: return d.word & 0x7f == 0x73  // SYSTEM: a scratch CSR in place, else a call
        default: return true
        }
    }

    /// A SYSTEM instruction host code has the hart run (`Hart.systemFromHostCode`): the
    /// last of its block.
    static func callsHart(_ d: Decoded) -> Bool {
        d.op == .other && d.word & 0x7f == 0x73 && scratchCSRAccess(d.word) == nil
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
///
/// The guest registers a block uses most live in host registers while it runs (TCG's
/// way): those read before they are written are loaded after the budget check, results
/// go straight to them, and every exit (the block's end, a side exit) first stores the
/// ones written so far back to the x array, so that between blocks, in the interpreter
/// and in traps the x array is the one copy.
private struct BlockAssembler {
    var a: X86Assembler
    /// The host address of the code buffer, and this block's offset in it.
    let code: UInt64
    let offset: Int
    let exit: Int
    let lookup: Int
    /// The page's virtual base and its slots.
    let base: UInt64
    let slots: UnsafeMutablePointer<Decoded>
    /// Code emitted after the body: exits that leave host code and side exits.
    private var tails: [Tail] = []
    /// The host register holding each guest register (1...31), if any.
    private var home = [Reg?](repeating: nil, count: 64)
    /// Guest registers (bit n for xn) whose host register was written since the block began.
    private var dirty: UInt64 = 0
    /// rdx holds the TLB index of the block's last load or store (not clobbered since).
    private var indexInRDX = false
    /// A guest register (not 0) whose value is known here, and the value.
    private var known: (register: UInt8, value: UInt64) = (0, 0)
    /// A block whose last instruction jumps back to its first: host registers stay
    /// loaded from one round to the next (all of them loaded on entry, every one written
    /// anywhere in the block written back at every exit), `head` being where rounds start.
    private var loops = false
    private var head = 0
    private var start: UInt64 = 0
    private var count = 0

    /// The host registers free for guest registers: the caller-saved ones the translator
    /// does not otherwise use.
    static let pool: [Reg] = [.rsi, .rdi, .r8, .r9, .r10, .r11]

    private enum Tail {
        /// An instruction that must be interpreted: store `dirty`, give back `unrun`, leave with pc.
        case side(Fixup, pc: UInt64, unrun: Int, dirty: UInt64)
        /// A chainable exit to `pc` whose jump (jmp or jcc) has its rel32 at `fixup`.
        case chainable(Fixup, pc: UInt64)
        /// An exit to `pc` in another page, found through the lookup code.
        case lookup(Fixup, pc: UInt64)
        /// A load or store whose guess of the TLB index (rdx, from the block's last access)
        /// was wrong: computes it from rcx = page | generation, then back to `back`, or
        /// leaves as `side` on a miss.
        case index(Fixup, table: Reg, back: Int, pc: UInt64, unrun: Int, dirty: UInt64)
        /// The taken branch back to the start of a block that loops on itself (`loop`).
        case loop(Fixup, dirty: UInt64)
        /// A run of loads or stores (`run`) that does not fit in its first access's page:
        /// its instructions one by one (rdx their first TLB index guess), then back to `back`.
        case slowRun(Fixup, first: Int, end: Int, back: Int, dirty: UInt64)
    }

    init(code: UnsafeMutableRawPointer, offset: Int, room: Int, exit: Int, lookup: Int, base: UInt64, slots: UnsafeMutablePointer<Decoded>) {
        a = X86Assembler(into: code + offset, capacity: room)
        self.code = UInt64(UInt(bitPattern: code))
        self.offset = offset
        self.exit = exit
        self.lookup = lookup
        self.base = base
        self.slots = slots
    }

    private func x(_ register: UInt8) -> Mem { Mem(.rbx, Int32(register) * 8) }

    /// Guest register `r` as an operand: its host register, or its place in the x array.
    private func source(_ r: UInt8) -> Operand {
        if let host = home[Int(r)] { return .reg(host) }
        return .mem(x(r))
    }

    /// host = guest register `r` (its low 32 bits, zero-extended, when `w` is false).
    private mutating func get(_ host: Reg, _ r: UInt8, w: Bool = true) {
        if r == 0 {
            a.movImmediate(host, 0)
        } else if home[Int(r)] != host {
            a.mov(host, source(r), w: w)
        }
    }

    /// Guest register `r` = host (x0, numbered 32 here, discards it).
    private mutating func put(_ r: UInt8, _ host: Reg) {
        guard r != 32 else { return }
        if let target = home[Int(r)] {
            if target != host { a.mov(target, host) }
            dirty |= 1 << UInt64(r)
        } else {
            a.store(x(r), host)
        }
    }

    /// Where to compute a result for rd: its host register, else rax.
    private func target(_ rd: UInt8) -> Reg { home[Int(rd)] ?? .rax }

    /// Stores the host registers of `registers` (a dirty mask) to the x array; no flags change.
    private mutating func writeBack(_ registers: UInt64) {
        var mask = registers
        while mask != 0 {
            let r = UInt8(mask.trailingZeroBitCount)
            mask &= mask - 1
            a.store(x(r), home[Int(r)]!)
        }
    }

    /// The registers an instruction reads (0 for none) and the one it writes (32 for none).
    static func uses(_ d: Decoded) -> (UInt8, UInt8, write: UInt8) {
        switch d.op {
        case .lui, .auipc, .jal: return (0, 0, d.rd)
        case .beq, .bne, .blt, .bge, .bltu, .bgeu, .sb, .sh, .sw, .sd: return (d.rs1, d.rs2, 32)
        case .lb, .lh, .lw, .ld, .lbu, .lhu, .lwu, .jalr, .addi, .slti, .sltiu, .xori, .ori, .andi,
             .slli, .srli, .srai, .addiw, .slliw, .srliw, .sraiw:
            return (d.rs1, 0, d.rd)
        case .other: return ((d.word >> 12) & 7 >= 5 ? 0 : d.rs1, 0, d.rd)
        default: return (d.rs1, d.rs2, d.rd)
        }
    }

    /// Gives the guest registers used most (at least twice) host registers, and loads those
    /// read before they are written.
    private mutating func allocate(_ instructions: [(Decoded, UInt64)]) {
        var written: UInt64 = 0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 33) { count in
            count.initialize(repeating: 0)
            var readFirst: UInt64 = 0, seen: UInt64 = 0
            for (d, _) in instructions {
                let (first, second, write) = BlockAssembler.uses(d)
                if first != 0 {
                    count[Int(first)] &+= 1
                    if seen & (1 << UInt64(first)) == 0 { readFirst |= 1 << UInt64(first) }
                    seen |= 1 << UInt64(first)
                }
                if second != 0 {
                    count[Int(second)] &+= 1
                    if seen & (1 << UInt64(second)) == 0 { readFirst |= 1 << UInt64(second) }
                    seen |= 1 << UInt64(second)
                }
                if write != 32 {
                    count[Int(write)] &+= 1
                    seen |= 1 << UInt64(write)
                    written |= 1 << UInt64(write)
                }
            }
            // The most used first (the lowest number among equals), while they are used twice.
            var taken: UInt64 = 1
            for host in BlockAssembler.pool {
                var best = 0, most: UInt8 = 1
                for r in 1...31 where count[r] > most && taken & (1 << UInt64(r)) == 0 {
                    best = r
                    most = count[r]
                }
                guard best != 0 else { break }
                taken |= 1 << UInt64(best)
                home[best] = host
                if loops || readFirst & (1 << UInt64(best)) != 0 { a.load(host, x(UInt8(best))) }
            }
            if loops { dirty = written & taken }
        }
    }

    /// Leaves for `target` after the instruction (a jump, or the block's end): chainable
    /// within the page, else through the lookup code. `condition`: only when it holds.
    private mutating func exit(to target: UInt64, if condition: Condition? = nil) {
        let fixup = condition.map { a.jump(if: $0) } ?? a.jump()
        if target &- base < 0x1000 {
            tails.append(.chainable(fixup, pc: target))
        } else {
            tails.append(.lookup(fixup, pc: target))
        }
    }

    private mutating func jumpTo(_ to: Int) {
        let fixup = a.jump()
        a.bind(fixup, to: to - offset)
    }

    /// A side exit when `condition` holds: the interpreter runs the instruction at pc.
    private mutating func sideExit(if condition: Condition, _ pc: UInt64, _ unrun: Int) {
        tails.append(.side(a.jump(if: condition), pc: pc, unrun: unrun, dirty: dirty))
    }

    /// A side exit's code: the interpreter runs the instruction at pc.
    private mutating func leave(_ pc: UInt64, _ unrun: Int, _ registers: UInt64) {
        writeBack(registers)
        a.alu(.add, .r13, immediate: Int32(unrun))
        a.movImmediate(.rax, pc)
        a.movImmediate(.rdx, Translator.needsInterpreter)
        jumpTo(exit)
    }

    /// rdx = the TLB index of rcx = page | generation (TLB.slot, times 3 for the 24-byte
    /// entries), and the flags of comparing rcx with that entry's tag in `table`.
    private mutating func tlbIndex(_ table: Reg) {
        a.mov(.rdx, .rcx, w: false)
        a.alu(.xor, .rdx, Mem(.r12, Translator.Field.salt.rawValue * 8), w: false)
        a.alu(.and, .rdx, immediate: Int32(TLB.size - 1), w: false)
        a.lea(.rdx, Mem(.rdx, .rdx, 2))
        a.alu(.cmp, .rcx, Mem(table, .rdx, 8))
    }

    mutating func emit(_ instructions: [(Decoded, UInt64)], fallThrough: UInt64) {
        let count = instructions.count
        self.count = count
        start = instructions[0].1
        let (last, lastPC) = instructions[count - 1]
        loops = (last.op.endsBlock && last.op != .jalr) && lastPC &+ last.imm == start
        tails.reserveCapacity(3 * count + 2)
        a.alu(.sub, .r13, immediate: Int32(count))
        let bail = a.jump(if: .below)
        allocate(instructions)
        head = a.count
        var ended = false
        var index = 0
        while index < count {
            let end = runEnd(instructions, index)
            if end - index >= 2 {
                run(instructions, index..<end)
            } else {
                ended = instruction(instructions[index].0, instructions[index].1, unrun: count - index)
            }
            // A register last written by auipc or lui holds a known value (`call` is
            // auipc + jalr: a direct jump).
            for (d, pc) in instructions[index..<max(end, index + 1)] {
                if (d.op == .auipc || d.op == .lui) && d.rd != 32 {
                    known = (d.rd, d.op == .auipc ? pc &+ d.imm : d.imm)
                } else if d.op == .addi && d.rs1 != 0 && d.rs1 == known.register && d.rd != 32 {
                    known = (d.rd, known.value &+ d.imm)  // la, li of a large value
                } else if BlockAssembler.uses(d).write == known.register {
                    known = (0, 0)
                }
            }
            index = max(end, index + 1)
        }
        if !ended {
            writeBack(dirty)
            exit(to: fallThrough)
        }
        a.bind(bail)
        a.alu(.add, .r13, immediate: Int32(count))
        a.movImmediate(.rax, instructions[0].1)
        a.movImmediate(.rdx, 0)
        jumpTo(exit)
        // Tails may add tails (a slow run's own side exits).
        var next = 0
        while next < tails.count {
            let tail = tails[next]
            next += 1
            switch tail {
            case .side(let fixup, let pc, let unrun, let registers):
                a.bind(fixup)
                leave(pc, unrun, registers)
            case .index(let fixup, let table, let back, let pc, let unrun, let registers):
                a.bind(fixup)
                tlbIndex(table)
                let miss = a.jump(if: .notEqual)
                a.bind(a.jump(), to: back)
                a.bind(miss)
                leave(pc, unrun, registers)
            case .chainable(let fixup, let pc):
                // Until `chainLastExit` points the jump at pc's block, it comes here.
                a.bind(fixup)
                a.movImmediate(.rax, pc)
                a.movImmediate(.rdx, code &+ UInt64(offset + fixup.at))
                jumpTo(exit)
            case .lookup(let fixup, let pc):
                // Another page: found through the fetch TLB each time (its mapping may change).
                a.bind(fixup)
                a.movImmediate(.rax, pc)
                jumpTo(lookup)
            case .loop(let fixup, let registers):
                // Another round if the budget has it, else back to the run loop.
                a.bind(fixup)
                a.alu(.sub, .r13, immediate: Int32(count))
                let out = a.jump(if: .below)
                a.bind(a.jump(), to: head)
                a.bind(out)
                a.alu(.add, .r13, immediate: Int32(count))
                writeBack(registers)
                a.movImmediate(.rax, start)
                a.movImmediate(.rdx, 0)
                jumpTo(exit)
            case .slowRun(let fixup, let first, let end, let back, let registers):
                a.bind(fixup)
                dirty = registers
                indexInRDX = true
                for k in first..<end { _ = instruction(instructions[k].0, instructions[k].1, unrun: count - k) }
                a.bind(a.jump(), to: back)
            }
        }
        a.align(16)
    }

    /// rd = rs1 op rs2 (32-bit and sign-extended when `w` is false).
    private mutating func binary(_ op: X86Assembler.ALU, _ d: Decoded, w: Bool = true) {
        var t = target(d.rd)
        if d.rs1 == 0 && w && (op == .add || op == .or || op == .xor) {
            // mv (c.mv is add rd, x0, rs2).
            get(t, d.rs2)
            put(d.rd, t)
            return
        }
        if d.rs2 == d.rd && d.rs1 != d.rd && t != .rax {
            // rd's host register holds rs2: commutative operations use it, others go through rax.
            if w && op != .sub {
                a.alu(op, t, source(d.rs1))
                dirty |= 1 << UInt64(d.rd)
                return
            }
            t = .rax
        }
        get(t, d.rs1, w: w)
        a.alu(op, t, source(d.rs2), w: w)
        if !w { a.signExtend32(t, t) }
        put(d.rd, t)
    }

    /// rd = rs1 op imm (32-bit and sign-extended when `w` is false).
    private mutating func immediate(_ op: X86Assembler.ALU, _ d: Decoded, w: Bool = true) {
        let t = target(d.rd)
        if op == .add && w && d.rs1 != 0 && d.rs1 == known.register {
            a.movImmediate(t, known.value &+ d.imm)
            put(d.rd, t)
            return
        }
        get(t, d.rs1, w: w)
        if d.immediate != 0 || op == .and { a.alu(op, t, immediate: d.immediate, w: w) }
        if !w { a.signExtend32(t, t) }
        put(d.rd, t)
    }

    /// Compares rs1 with rs2 (or imm): the flags of rs1 - rs2.
    private mutating func compare(_ rs1: UInt8, _ rs2: UInt8?, immediate: Int32 = 0) {
        var left = Reg.rax
        if let host = home[Int(rs1)] { left = host } else { get(.rax, rs1) }
        if let rs2 {
            if rs2 == 0 { a.test(left, left) } else { a.alu(.cmp, left, source(rs2)) }
        } else {
            a.alu(.cmp, left, immediate: immediate)
        }
    }

    /// Emits one instruction; true when it ended the block.
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private mutating func instruction(_ d: Decoded, _ pc: UInt64, unrun: Int) -> Bool {
        let next = pc &+ d.length
        switch d.op {
        case .lui:
            let t = target(d.rd)
            a.movImmediate(t, d.imm)
            put(d.rd, t)
        case .auipc:
            let t = target(d.rd)
            a.movImmediate(t, pc &+ d.imm)
            put(d.rd, t)
        case .addi: immediate(.add, d)
        case .xori: immediate(.xor, d)
        case .ori: immediate(.or, d)
        case .andi: immediate(.and, d)
        case .addiw: immediate(.add, d, w: false)
        case .slti, .sltiu:
            a.movImmediate(.rcx, 0)
            compare(d.rs1, nil, immediate: d.immediate)
            a.set(d.op == .slti ? .less : .below, .rcx)
            put(d.rd, .rcx)
        case .slli, .srli, .srai, .slliw, .srliw, .sraiw:
            let wide = d.op == .slli || d.op == .srli || d.op == .srai
            let t = target(d.rd)
            get(t, d.rs1, w: wide)
            let shift: X86Assembler.Shift = d.op == .slli || d.op == .slliw ? .shl : d.op == .srli || d.op == .srliw ? .shr : .sar
            a.shift(shift, t, by: UInt8(d.immediate & (wide ? 63 : 31)), w: wide)
            if !wide { a.signExtend32(t, t) }
            put(d.rd, t)
        case .add: binary(.add, d)
        case .sub: binary(.sub, d)
        case .xor: binary(.xor, d)
        case .or: binary(.or, d)
        case .and: binary(.and, d)
        case .addw: binary(.add, d, w: false)
        case .subw: binary(.sub, d, w: false)
        case .mul, .mulw:
            let wide = d.op == .mul
            var t = target(d.rd)
            if d.rs2 == d.rd && d.rs1 != d.rd { t = .rax }
            get(t, d.rs1, w: wide)
            a.imul(t, source(d.rs2), w: wide)
            if !wide { a.signExtend32(t, t) }
            put(d.rd, t)
        case .mulhu:
            get(.rax, d.rs1)
            a.mulUnsigned(source(d.rs2))
            indexInRDX = false
            put(d.rd, .rdx)
        case .sll, .srl, .sra, .sllw, .srlw, .sraw:
            // rs2 is copied to rcx first, so rd's host register may be overwritten.
            let wide = d.op == .sll || d.op == .srl || d.op == .sra
            get(.rcx, d.rs2, w: wide)
            let t = target(d.rd)
            get(t, d.rs1, w: wide)
            let shift: X86Assembler.Shift = d.op == .sll || d.op == .sllw ? .shl : d.op == .srl || d.op == .srlw ? .shr : .sar
            a.shiftByCL(shift, t, w: wide)
            if !wide { a.signExtend32(t, t) }
            put(d.rd, t)
        case .slt, .sltu:
            a.movImmediate(.rcx, 0)
            compare(d.rs1, d.rs2 == 0 ? nil : d.rs2)
            a.set(d.op == .slt ? .less : .below, .rcx)
            put(d.rd, .rcx)
        case .div, .divu, .rem, .remu:
            divide(d, signed: d.op == .div || d.op == .rem, remainder: d.op == .rem || d.op == .remu, wide: true)
        case .divw, .divuw, .remw, .remuw:
            divide(d, signed: d.op == .divw || d.op == .remw, remainder: d.op == .remw || d.op == .remuw, wide: false)
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
            compare(d.rs1, d.rs2)
            if !loops { writeBack(dirty) }  // stores leave the flags alone
            let condition: Condition
            switch d.op {
            case .beq: condition = .equal
            case .bne: condition = .notEqual
            case .blt: condition = .less
            case .bge: condition = .greaterOrEqual
            case .bltu: condition = .below
            default: condition = .aboveOrEqual
            }
            if loops {
                tails.append(.loop(a.jump(if: condition), dirty: dirty))
                writeBack(dirty)
            } else {
                exit(to: pc &+ d.imm, if: condition)
            }
            exit(to: next)
            return true
        case .jal:
            if d.rd != 32 {
                a.movImmediate(.rax, next)
                put(d.rd, .rax)
            }
            if loops {
                tails.append(.loop(a.jump(), dirty: dirty))
            } else {
                writeBack(dirty)
                exit(to: pc &+ d.imm)
            }
            return true
        case .jalr where d.rs1 != 0 && d.rs1 == known.register:
            // Its target is known: a jump like jal's.
            if d.rd != 32 {
                a.movImmediate(.rax, next)
                put(d.rd, .rax)
            }
            writeBack(dirty)
            exit(to: (known.value &+ d.imm) & ~1)
            return true
        case .jalr:
            get(.rax, d.rs1)
            if d.immediate != 0 { a.alu(.add, .rax, immediate: d.immediate) }
            a.alu(.and, .rax, immediate: -2)
            if d.rd != 32 {
                a.movImmediate(.rcx, next)
                put(d.rd, .rcx)
            }
            writeBack(dirty)
            // A target in this page whose block is translated: straight there.
            let minusBase = Int64(bitPattern: 0 &- base)
            if minusBase >= Int64(Int32.min) && minusBase <= Int64(Int32.max) {
                a.lea(.rcx, Mem(.rax, Int32(minusBase)))
            } else {
                a.mov(.rcx, .rax)
                a.movImmediate(.rdx, base)
                a.alu(.sub, .rcx, .rdx)
            }
            a.alu(.cmp, .rcx, immediate: 0xfff)
            let away = a.jump(if: .above)
            a.movImmediate(.rdx, UInt64(UInt(bitPattern: slots)) &+ 12)
            // Slot (offset / 2) is 16 bytes: its size, translation low and high bytes are
            // the 4 bytes at slots + 8 * offset + 12.
            a.load(.rdx, Mem(.rdx, .rcx, 8), w: false)
            a.shift(.shr, .rdx, by: 8, w: false)
            let untranslated = a.jump(if: .equal)
            a.shift(.shl, .rdx, by: 4)
            a.alu(.add, .rdx, Mem(.r12, Translator.Field.code.rawValue * 8))
            a.jump(to: .rdx)
            a.bind(untranslated)
            a.movImmediate(.rdx, 0)
            jumpTo(exit)
            a.bind(away)
            jumpTo(lookup)
            return true
        case .other:
            guard let (slot, privilege) = Translator.scratchCSRAccess(d.word) else {
                callHart(d, pc)
                return true
            }
            // A scratch CSR (Translator.scratchCSRAccess); below the privilege it needs, the
            // interpreter runs it (and raises the illegal instruction).
            a.alu(.cmp, Mem(.r12, Translator.Field.privilege.rawValue * 8), immediate: Int32(privilege))
            sideExit(if: .below, pc, unrun)
            let funct3 = (d.word >> 12) & 7, source = UInt8((d.word >> 15) & 31)
            let csr = Mem(.rbx, Int32(slot) * 8)
            a.load(.rax, csr)
            if funct3 & 3 == 1 || source != 0 {
                if funct3 >= 5 { a.movImmediate(.rcx, UInt64(source)) } else { get(.rcx, source) }
                switch funct3 & 3 {
                case 1: break
                case 2: a.alu(.or, .rcx, .rax)
                default: a.not(.rcx); a.alu(.and, .rcx, .rax)
                }
                if slot == 34 || slot == 38 { a.alu(.and, .rcx, immediate: -2) }  // sepc, mepc: IALIGN 16
                a.store(csr, .rcx)
            }
            put(d.rd, .rax)
        case .undecoded, .pageEnd:
            preconditionFailure("untranslatable operation in a block")
        }
        return false
    }

    /// Any other SYSTEM instruction, at the end of its block: the hart runs it
    /// (`Hart.systemFromHostCode`), then host code goes on at the pc it leaves, with the
    /// TLB tables of the privilege it leaves; or back to the run loop when the slice must end.
    private mutating func callHart(_ d: Decoded, _ pc: UInt64) {
        let field = { (f: Translator.Field) in Mem(.r12, f.rawValue * 8) }
        writeBack(dirty)
        a.mov(.rdi, .r12)
        a.movImmediate(.rsi, pc)
        a.movImmediate(.rdx, UInt64(d.word) | d.length << 32)
        a.mov(.rcx, .r13)
        a.call(field(.system))
        a.alu(.cmp, field(.endsSlice), immediate: 0)
        let ends = a.jump(if: .notEqual)
        a.load(.r14, field(.readTable))
        a.load(.r15, field(.writeTable))
        a.load(.rbp, field(.generation))
        jumpTo(lookup)
        a.bind(ends)
        a.movImmediate(.rdx, Translator.endsSlice)
        jumpTo(exit)
    }

    /// RISC-V division: no trap; by zero gives all ones (quotient) or the dividend
    /// (remainder), and the signed overflow -2^(XLEN-1) / -1 gives the dividend and 0.
    private mutating func divide(_ d: Decoded, signed: Bool, remainder: Bool, wide: Bool) {
        indexInRDX = false
        get(.rcx, d.rs2, w: wide)
        get(.rax, d.rs1, w: wide)
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
        put(d.rd, .rax)
    }

    /// The size of a load or store's access (0 for any other instruction), and whether it stores.
    private static func access(_ op: Op) -> (size: Int, store: Bool) {
        switch op {
        case .lb, .lbu: return (1, false)
        case .lh, .lhu: return (2, false)
        case .lw, .lwu: return (4, false)
        case .ld: return (8, false)
        case .sb: return (1, true)
        case .sh: return (2, true)
        case .sw: return (4, true)
        case .sd: return (8, true)
        default: return (0, false)
        }
    }

    /// Where the run of loads or stores that starts at `first` ends: consecutive accesses of
    /// one size and kind through one base register held in a host register, at offsets that
    /// keep them all aligned if the first is, none writing the base but perhaps the last.
    private func runEnd(_ instructions: [(Decoded, UInt64)], _ first: Int) -> Int {
        let leader = instructions[first].0
        let (size, store) = BlockAssembler.access(leader.op)
        guard size != 0, leader.rs1 != 0, home[Int(leader.rs1)] != nil else { return first }
        var end = first
        while end < instructions.count {
            let d = instructions[end].0
            let (dSize, dStore) = BlockAssembler.access(d.op)
            guard dSize == size, dStore == store, d.rs1 == leader.rs1, (Int(d.immediate) - Int(leader.immediate)) % size == 0 else { break }
            end += 1
            if !store && d.rd == leader.rs1 { break }
        }
        return end
    }

    /// A run (`runEnd`): the first access's TLB lookup and alignment check as usual, then a
    /// check that the lowest and highest addresses of the run are in the same page; if so
    /// every access is one host instruction, [base + addend + offset], with no exits (else
    /// they are made one by one, out of line).
    private mutating func run(_ instructions: [(Decoded, UInt64)], _ range: Range<Int>) {
        let (leader, pc) = instructions[range.lowerBound]
        let (size, store) = BlockAssembler.access(leader.op)
        let table: Reg = store ? .r15 : .r14
        let base = home[Int(leader.rs1)]!
        let startDirty = dirty
        lookUp(leader, pc, instructions.count - range.lowerBound, size: size, table: table)
        let offsets = range.map { instructions[$0].0.immediate }
        var slow: [Fixup] = []
        for end in [offsets.min()!, offsets.max()!] where end != leader.immediate {
            a.lea(.rcx, Mem(base, end))
            a.alu(.xor, .rcx, .rax)
            a.shift(.shr, .rcx, by: 12)
            slow.append(a.jump(if: .notEqual))
        }
        // The addend in rcx (rdx keeps the TLB index for the next access's guess), values
        // not in host registers through rax.
        a.load(.rcx, Mem(table, .rdx, 8, 8))
        for k in range {
            let d = instructions[k].0
            let at = Mem(base, .rcx, 1, d.immediate)
            if store {
                if d.rs2 != 0, let host = home[Int(d.rs2)] {
                    a.store(at, host, size: size)
                } else {
                    get(.rax, d.rs2)
                    a.store(at, .rax, size: size)
                }
            } else {
                let t = target(d.rd)
                a.loadExtend(t, at, size: size, signed: d.op != .lbu && d.op != .lhu && d.op != .lwu)
                put(d.rd, t)
            }
        }
        for fixup in slow {
            tails.append(.slowRun(fixup, first: range.lowerBound, end: range.upperBound, back: a.count, dirty: startDirty))
        }
    }

    /// rax = the address of load or store `d`, found in the TLB's `table` (rdx = its index)
    /// and naturally aligned; else a side exit.
    private mutating func lookUp(_ d: Decoded, _ pc: UInt64, _ unrun: Int, size: Int, table: Reg) {
        if let host = home[Int(d.rs1)], d.rs1 != 0 {
            if d.immediate != 0 { a.lea(.rax, Mem(host, d.immediate)) } else { a.mov(.rax, host) }
        } else {
            get(.rax, d.rs1)
            if d.immediate != 0 { a.alu(.add, .rax, immediate: d.immediate) }
        }
        a.mov(.rcx, .rax)
        a.shift(.shr, .rcx, by: 12)
        a.alu(.or, .rcx, .rbp)
        if indexInRDX {
            a.alu(.cmp, .rcx, Mem(table, .rdx, 8))
            tails.append(.index(a.jump(if: .notEqual), table: table, back: a.count, pc: pc, unrun: unrun, dirty: dirty))
        } else {
            tlbIndex(table)
            sideExit(if: .notEqual, pc, unrun)
            indexInRDX = true
        }
        if size > 1 {
            // Naturally aligned, so within the page; the interpreter takes misaligned ones.
            a.testAL(UInt8(size - 1))
            sideExit(if: .notEqual, pc, unrun)
        }
    }

    /// A load or store through the TLB; a miss leaves the block at this instruction.
    ///
    /// After the block's first access, the TLB index in rdx is kept as a guess for the next
    /// (loads and stores of one page share it, in either table): a matching tag there is
    /// the page's entry, since a page only ever goes to its own index; otherwise the index
    /// is computed out of line.
    private mutating func memory(_ d: Decoded, _ pc: UInt64, _ unrun: Int, size: Int, signed: Bool = false, store: Bool = false) {
        let table: Reg = store ? .r15 : .r14
        lookUp(d, pc, unrun, size: size, table: table)
        a.alu(.add, .rax, Mem(table, .rdx, 8, 8))
        if store {
            if d.rs2 != 0, let host = home[Int(d.rs2)] {
                a.store(Mem(.rax, 0), host, size: size)
            } else {
                get(.rcx, d.rs2)
                a.store(Mem(.rax, 0), .rcx, size: size)
            }
        } else {
            let t = target(d.rd)
            a.loadExtend(t, Mem(.rax, 0), size: size, signed: signed)
            put(d.rd, t)
        }
    }
}
#endif

#if arch(x86_64) && os(Linux)
extension Hart {
    /// Host code's call for a SYSTEM instruction (`Translator.callsHart`): runs it as the
    /// run loop would, instret brought up to date first, and leaves in the context the TLB
    /// tables, generation and privilege host code goes on with, and whether the slice must
    /// end (an interrupt may be pending, or the hart waits for one). Returns the next pc.
    static let systemFromHostCode: @convention(c) (UnsafeMutablePointer<UInt64>, UInt64, UInt64, UInt64) -> UInt64 = { context, pc, instruction, remaining in
        let hart = Unmanaged<Hart>.fromOpaque(UnsafeRawPointer(bitPattern: UInt(context[Int(Translator.Field.hart.rawValue)])).unsafelyUnwrapped)
        return hart._withUnsafeGuaranteedRef { $0.runSystem(context, pc, instruction, remaining) }
    }

    private func runSystem(_ context: UnsafeMutablePointer<UInt64>, _ pc: UInt64, _ instruction: UInt64, _ remaining: UInt64) -> UInt64 {
        func field(_ f: Translator.Field) -> Int { Int(f.rawValue) }
        // The run loop's bookkeeping for an instruction it runs out of line: `remaining`
        // already counts this one.
        instret &+= context[field(.synced)] &- remaining &- 1
        self.pc = pc
        // What `execute` does for opcode SYSTEM.
        let word = UInt32(truncatingIfNeeded: instruction), length = instruction >> 32
        let going = system(word, Int((word >> 7) & 31), Int((word >> 15) & 31), (word >> 12) & 7, pc, pc &+ length, length)
        context[field(.synced)] = remaining
        context[field(.endsSlice)] = going ? 0 : 1
        context[field(.hartRan)] = 1
        context[field(.readTable)] = UInt64(UInt(bitPattern: tlb.read))
        context[field(.writeTable)] = UInt64(UInt(bitPattern: tlb.write))
        context[field(.fetchTable)] = UInt64(UInt(bitPattern: tlb.fetch))
        context[field(.generation)] = tlb.generation
        context[field(.salt)] = tlb.salt
        context[field(.privilege)] = privilege.rawValue
        return self.pc
    }
}
#endif
