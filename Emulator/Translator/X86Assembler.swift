// The x86-64 instructions the translator emits, encoded by hand (Intel SDM volume 2,
// chapter 2: REX prefixes, ModR/M and SIB). Only what `Translator` needs: 64- and 32-bit
// moves, ALU operations, shifts, multiplies and divides, compares with setcc and jcc, and
// the jumps that tie blocks together. Memory operands are [base + index * scale + disp].

#if arch(x86_64)
enum Reg: UInt8 {
    case rax = 0, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15

    var low: UInt8 { rawValue & 7 }
    var high: UInt8 { rawValue >> 3 }
}

/// A memory operand.
struct Mem {
    var base: Reg
    var index: Reg?
    var scale: UInt8 = 1
    var disp: Int32 = 0

    init(_ base: Reg, _ disp: Int32 = 0) {
        self.base = base
        self.disp = disp
    }

    init(_ base: Reg, _ index: Reg, _ scale: UInt8, _ disp: Int32 = 0) {
        self.base = base
        self.index = index
        self.scale = scale
        self.disp = disp
    }
}

/// A register or memory operand.
enum Operand {
    case reg(Reg)
    case mem(Mem)
}

/// Condition codes (the low nibble of jcc and setcc).
enum Condition: UInt8 {
    case below = 0x2, aboveOrEqual = 0x3, equal = 0x4, notEqual = 0x5, belowOrEqual = 0x6, above = 0x7
    case less = 0xc, greaterOrEqual = 0xd
}

/// A place in the code whose rel32 is filled in once its target is known.
struct Fixup {
    var at: Int
}

/// Writes straight into the memory it is given (the translator's code buffer), which must
/// hold all it emits.
struct X86Assembler {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private(set) var count = 0

    init(into base: UnsafeMutableRawPointer, capacity: Int) {
        self.base = base.assumingMemoryBound(to: UInt8.self)
        self.capacity = capacity
    }

    mutating func byte(_ value: UInt8) {
        precondition(count < capacity, "host code larger than its room")
        base[count] = value
        count += 1
    }

    mutating func int32(_ value: Int32) {
        precondition(count + 4 <= capacity, "host code larger than its room")
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.littleEndian, as: Int32.self)
        count += 4
    }

    mutating func int64(_ value: UInt64) {
        precondition(count + 8 <= capacity, "host code larger than its room")
        UnsafeMutableRawPointer(base + count).storeBytes(of: value.littleEndian, as: UInt64.self)
        count += 8
    }

    // MARK: Encoding

    /// A REX prefix when one is needed (W, an extended register, or byte access to
    /// spl/bpl/sil/dil through `byteRegister`).
    private mutating func rex(w: Bool, reg: UInt8, index: UInt8 = 0, base: UInt8, force: Bool = false) {
        let value: UInt8 = 0x40 | (w ? 8 : 0) | (reg >> 3) << 2 | (index >> 3) << 1 | (base >> 3)
        if value != 0x40 || force { byte(value) }
    }

    /// opcode with a register-direct r/m.
    private mutating func rr(_ opcode: UInt8, _ second: UInt8? = nil, w: Bool, reg: UInt8, rm: Reg, byteRegister: Bool = false) {
        rex(w: w, reg: reg, base: rm.rawValue, force: byteRegister && (rm.rawValue >= 4 || reg >= 4))
        byte(opcode)
        if let second { byte(second) }
        byte(0xc0 | (reg & 7) << 3 | rm.low)
    }

    /// opcode with a memory r/m.
    private mutating func rm(_ opcode: UInt8, _ second: UInt8? = nil, w: Bool, reg: UInt8, _ mem: Mem, byteRegister: Bool = false) {
        rex(w: w, reg: reg, index: mem.index?.rawValue ?? 0, base: mem.base.rawValue, force: byteRegister && reg >= 4)
        byte(opcode)
        if let second { byte(second) }
        let small = mem.disp >= -128 && mem.disp <= 127
        // rbp and r13 as a base have no mod=00 form; always give a displacement.
        let mod: UInt8 = small ? 0x40 : 0x80
        if let index = mem.index {
            let scaleBits: UInt8 = mem.scale == 8 ? 3 : mem.scale == 4 ? 2 : mem.scale == 2 ? 1 : 0
            byte(mod | (reg & 7) << 3 | 4)
            byte(scaleBits << 6 | index.low << 3 | mem.base.low)
        } else if mem.base.low == 4 {
            byte(mod | (reg & 7) << 3 | 4)
            byte(0x24)
        } else {
            byte(mod | (reg & 7) << 3 | mem.base.low)
        }
        if small { byte(UInt8(bitPattern: Int8(mem.disp))) } else { int32(mem.disp) }
    }

    // MARK: Moves

    /// mov reg, [mem] (64-bit, or 32-bit zero-extending).
    mutating func load(_ dst: Reg, _ mem: Mem, w: Bool = true) { rm(0x8b, w: w, reg: dst.rawValue, mem) }
    /// mov [mem], reg, of 1, 2, 4 or 8 bytes.
    mutating func store(_ mem: Mem, _ src: Reg, size: Int = 8) {
        switch size {
        case 1: rm(0x88, w: false, reg: src.rawValue, mem, byteRegister: true)
        case 2: byte(0x66); rm(0x89, w: false, reg: src.rawValue, mem)
        case 4: rm(0x89, w: false, reg: src.rawValue, mem)
        default: rm(0x89, w: true, reg: src.rawValue, mem)
        }
    }
    /// Loads of 1, 2 or 4 bytes, sign- or zero-extended to 64 bits, and of 8.
    mutating func loadExtend(_ dst: Reg, _ mem: Mem, size: Int, signed: Bool) {
        switch (size, signed) {
        case (1, true): rm(0x0f, 0xbe, w: true, reg: dst.rawValue, mem)
        case (1, false): rm(0x0f, 0xb6, w: false, reg: dst.rawValue, mem)
        case (2, true): rm(0x0f, 0xbf, w: true, reg: dst.rawValue, mem)
        case (2, false): rm(0x0f, 0xb7, w: false, reg: dst.rawValue, mem)
        case (4, true): rm(0x63, w: true, reg: dst.rawValue, mem)
        case (4, false): rm(0x8b, w: false, reg: dst.rawValue, mem)
        default: rm(0x8b, w: true, reg: dst.rawValue, mem)
        }
    }
    /// mov dst, src (64-bit, or 32-bit zero-extending).
    mutating func mov(_ dst: Reg, _ src: Reg, w: Bool = true) { rr(0x89, w: w, reg: src.rawValue, rm: dst) }
    /// mov dst, a register or memory operand.
    mutating func mov(_ dst: Reg, _ src: Operand, w: Bool = true) {
        switch src {
        case .reg(let register): mov(dst, register, w: w)
        case .mem(let mem): load(dst, mem, w: w)
        }
    }
    /// dst = a constant, in the shortest form.
    mutating func movImmediate(_ dst: Reg, _ value: UInt64) {
        if value == 0 {
            rr(0x31, w: false, reg: dst.rawValue, rm: dst)  // xor r32, r32
        } else if value <= 0xffff_ffff {
            rex(w: false, reg: 0, base: dst.rawValue)
            byte(0xb8 + dst.low)
            int32(Int32(bitPattern: UInt32(value)))
        } else if Int64(bitPattern: value) >= Int64(Int32.min) && Int64(bitPattern: value) < 0 {
            rr(0xc7, w: true, reg: 0, rm: dst)
            int32(Int32(truncatingIfNeeded: Int64(bitPattern: value)))
        } else {
            rex(w: true, reg: 0, base: dst.rawValue)
            byte(0xb8 + dst.low)
            int64(value)
        }
    }
    /// mov qword [mem], sign-extended imm32.
    mutating func storeImmediate(_ mem: Mem, _ value: Int32) {
        rm(0xc7, w: true, reg: 0, mem)
        int32(value)
    }
    /// movsxd dst, src32.
    mutating func signExtend32(_ dst: Reg, _ src: Reg) { rr(0x63, w: true, reg: dst.rawValue, rm: src) }
    /// movzx dst32, src8.
    mutating func zeroExtend8(_ dst: Reg, _ src: Reg) { rr(0x0f, 0xb6, w: false, reg: dst.rawValue, rm: src, byteRegister: true) }
    /// lea dst, [mem].
    mutating func lea(_ dst: Reg, _ mem: Mem) { rm(0x8d, w: true, reg: dst.rawValue, mem) }

    // MARK: Arithmetic

    enum ALU: UInt8 {
        case add = 0, or = 1, and = 4, sub = 5, xor = 6, cmp = 7
    }

    /// op dst, src.
    mutating func alu(_ op: ALU, _ dst: Reg, _ src: Reg, w: Bool = true) {
        rr(op.rawValue << 3 | 1, w: w, reg: src.rawValue, rm: dst)
    }
    /// op dst, [mem].
    mutating func alu(_ op: ALU, _ dst: Reg, _ mem: Mem, w: Bool = true) {
        rm(op.rawValue << 3 | 3, w: w, reg: dst.rawValue, mem)
    }
    /// op dst, a register or memory operand.
    mutating func alu(_ op: ALU, _ dst: Reg, _ src: Operand, w: Bool = true) {
        switch src {
        case .reg(let register): alu(op, dst, register, w: w)
        case .mem(let mem): alu(op, dst, mem, w: w)
        }
    }
    /// op dst, sign-extended imm32.
    mutating func alu(_ op: ALU, _ dst: Reg, immediate: Int32, w: Bool = true) {
        if immediate >= -128 && immediate <= 127 {
            rr(0x83, w: w, reg: op.rawValue, rm: dst)
            byte(UInt8(bitPattern: Int8(immediate)))
        } else {
            rr(0x81, w: w, reg: op.rawValue, rm: dst)
            int32(immediate)
        }
    }
    /// op qword [mem], sign-extended imm32.
    mutating func alu(_ op: ALU, _ mem: Mem, immediate: Int32) {
        if immediate >= -128 && immediate <= 127 {
            rm(0x83, w: true, reg: op.rawValue, mem)
            byte(UInt8(bitPattern: Int8(immediate)))
        } else {
            rm(0x81, w: true, reg: op.rawValue, mem)
            int32(immediate)
        }
    }
    /// test al, imm8.
    mutating func testAL(_ value: UInt8) {
        byte(0xa8)
        byte(value)
    }
    /// test dst, src.
    mutating func test(_ a: Reg, _ b: Reg, w: Bool = true) { rr(0x85, w: w, reg: b.rawValue, rm: a) }

    enum Shift: UInt8 {
        case shl = 4, shr = 5, sar = 7
    }

    mutating func shift(_ op: Shift, _ dst: Reg, by amount: UInt8, w: Bool = true) {
        rr(0xc1, w: w, reg: op.rawValue, rm: dst)
        byte(amount)
    }
    /// Shift by cl.
    mutating func shiftByCL(_ op: Shift, _ dst: Reg, w: Bool = true) { rr(0xd3, w: w, reg: op.rawValue, rm: dst) }
    /// imul dst, [mem].
    mutating func imul(_ dst: Reg, _ mem: Mem, w: Bool = true) { rm(0x0f, 0xaf, w: w, reg: dst.rawValue, mem) }
    /// imul dst, a register or memory operand.
    mutating func imul(_ dst: Reg, _ src: Operand, w: Bool = true) {
        switch src {
        case .reg(let register): rr(0x0f, 0xaf, w: w, reg: dst.rawValue, rm: register)
        case .mem(let mem): imul(dst, mem, w: w)
        }
    }
    /// mul [mem]: rdx:rax = rax * [mem], unsigned.
    mutating func mulUnsigned(_ mem: Mem) { rm(0xf7, w: true, reg: 4, mem) }
    /// mul src: rdx:rax = rax * src, unsigned.
    mutating func mulUnsigned(_ src: Operand) {
        switch src {
        case .reg(let register): rr(0xf7, w: true, reg: 4, rm: register)
        case .mem(let mem): mulUnsigned(mem)
        }
    }
    /// div / idiv src: rax, rdx = rdx:rax / src, rdx:rax % src.
    mutating func divide(_ src: Reg, signed: Bool, w: Bool = true) { rr(0xf7, w: w, reg: signed ? 7 : 6, rm: src) }
    /// not dst.
    mutating func not(_ dst: Reg) { rr(0xf7, w: true, reg: 2, rm: dst) }
    /// neg dst.
    mutating func neg(_ dst: Reg, w: Bool = true) { rr(0xf7, w: w, reg: 3, rm: dst) }
    /// cqo / cdq: sign-extend rax into rdx.
    mutating func signExtendIntoRDX(w: Bool = true) {
        if w { byte(0x48) }
        byte(0x99)
    }
    /// setcc dst8.
    mutating func set(_ condition: Condition, _ dst: Reg) {
        rr(0x0f, 0x90 | condition.rawValue, w: false, reg: 0, rm: dst, byteRegister: true)
    }

    // MARK: Control

    /// jcc rel32 to a target not yet known.
    mutating func jump(if condition: Condition) -> Fixup {
        byte(0x0f)
        byte(0x80 | condition.rawValue)
        int32(0)
        return Fixup(at: count - 4)
    }
    /// jmp rel32 to a target not yet known.
    mutating func jump() -> Fixup {
        byte(0xe9)
        int32(0)
        return Fixup(at: count - 4)
    }
    /// call [mem].
    mutating func call(_ mem: Mem) { rm(0xff, w: false, reg: 2, mem) }
    /// jmp reg.
    mutating func jump(to register: Reg) { rr(0xff, w: false, reg: 4, rm: register) }
    /// Points `fixup` at `target` (an offset in this assembler's bytes).
    mutating func bind(_ fixup: Fixup, to target: Int) {
        let relative = Int32(target - (fixup.at + 4))
        let bits = UInt32(bitPattern: relative)
        for index in 0..<4 { base[fixup.at + index] = UInt8(truncatingIfNeeded: bits >> UInt32(8 * index)) }
    }
    /// Points `fixup` here.
    mutating func bind(_ fixup: Fixup) { bind(fixup, to: count) }
    mutating func push(_ register: Reg) {
        rex(w: false, reg: 0, base: register.rawValue)
        byte(0x50 + register.low)
    }
    mutating func pop(_ register: Reg) {
        rex(w: false, reg: 0, base: register.rawValue)
        byte(0x58 + register.low)
    }
    mutating func ret() { byte(0xc3) }
    /// Pads with int3 to a multiple of `alignment`.
    mutating func align(_ alignment: Int) {
        while count % alignment != 0 { byte(0xcc) }
    }
}
#endif
