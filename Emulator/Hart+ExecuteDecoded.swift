// The hot path over decoded instructions: one switch on the operation, the registers and
// the immediate already extracted. Everything uncommon (SYSTEM, AMOs, fences, mulh/mulhsu,
// illegal encodings) goes to the general `execute` with the instruction bits.

extension Hart {
    // swiftlint:disable:next cyclomatic_complexity function_body_length
    @inline(__always)
    func executeDecoded(_ d: Decoded, _ pc: UInt64) -> Bool {
        let x = self.x
        let rd = Int(d.rd), a = x[Int(d.rs1)], imm = d.imm
        var next = pc &+ d.length
        var value: UInt64
        switch d.op {
        case .lui: value = imm
        case .auipc: value = pc &+ imm
        case .jal:
            value = next
            next = pc &+ imm
        case .jalr:
            value = next
            next = (a &+ imm) & ~1
        case .beq:
            return branch(x[d.rs2] == a, pc, imm, next)
        case .bne:
            return branch(x[d.rs2] != a, pc, imm, next)
        case .blt:
            return branch(Int64(bitPattern: a) < Int64(bitPattern: x[d.rs2]), pc, imm, next)
        case .bge:
            return branch(Int64(bitPattern: a) >= Int64(bitPattern: x[d.rs2]), pc, imm, next)
        case .bltu:
            return branch(a < x[d.rs2], pc, imm, next)
        case .bgeu:
            return branch(a >= x[d.rs2], pc, imm, next)
        case .lb:
            guard let v = load(a &+ imm, Int8.self) else { return fault() }
            return loaded(UInt64(bitPattern: Int64(v)), rd, next)
        case .lh:
            guard let v = load(a &+ imm, Int16.self) else { return fault() }
            return loaded(UInt64(bitPattern: Int64(v)), rd, next)
        case .lw:
            guard let v = load(a &+ imm, Int32.self) else { return fault() }
            return loaded(UInt64(bitPattern: Int64(v)), rd, next)
        case .ld:
            guard let v = load(a &+ imm, UInt64.self) else { return fault() }
            return loaded(v, rd, next)
        case .lbu:
            guard let v = load(a &+ imm, UInt8.self) else { return fault() }
            return loaded(UInt64(v), rd, next)
        case .lhu:
            guard let v = load(a &+ imm, UInt16.self) else { return fault() }
            return loaded(UInt64(v), rd, next)
        case .lwu:
            guard let v = load(a &+ imm, UInt32.self) else { return fault() }
            return loaded(UInt64(v), rd, next)
        case .sb:
            return stored(store(a &+ imm, UInt8(truncatingIfNeeded: x[d.rs2])), next)
        case .sh:
            return stored(store(a &+ imm, UInt16(truncatingIfNeeded: x[d.rs2])), next)
        case .sw:
            return stored(store(a &+ imm, UInt32(truncatingIfNeeded: x[d.rs2])), next)
        case .sd:
            return stored(store(a &+ imm, x[d.rs2]), next)
        case .addi: value = a &+ imm
        case .slti: value = Int64(bitPattern: a) < Int64(bitPattern: imm) ? 1 : 0
        case .sltiu: value = a < imm ? 1 : 0
        case .xori: value = a ^ imm
        case .ori: value = a | imm
        case .andi: value = a & imm
        case .slli: value = a << imm
        case .srli: value = a >> imm
        case .srai: value = UInt64(bitPattern: Int64(bitPattern: a) >> imm)
        case .add: value = a &+ x[d.rs2]
        case .sub: value = a &- x[d.rs2]
        case .sll: value = a << (x[d.rs2] & 63)
        case .slt: value = Int64(bitPattern: a) < Int64(bitPattern: x[d.rs2]) ? 1 : 0
        case .sltu: value = a < x[d.rs2] ? 1 : 0
        case .xor: value = a ^ x[d.rs2]
        case .srl: value = a >> (x[d.rs2] & 63)
        case .sra: value = UInt64(bitPattern: Int64(bitPattern: a) >> (x[d.rs2] & 63))
        case .or: value = a | x[d.rs2]
        case .and: value = a & x[d.rs2]
        case .mul: value = a &* x[d.rs2]
        case .mulhu: value = multiplyDivide(a, x[d.rs2], 3)
        case .div: value = multiplyDivide(a, x[d.rs2], 4)
        case .divu: value = multiplyDivide(a, x[d.rs2], 5)
        case .rem: value = multiplyDivide(a, x[d.rs2], 6)
        case .remu: value = multiplyDivide(a, x[d.rs2], 7)
        case .addiw: value = signExtend32(UInt32(truncatingIfNeeded: a) &+ UInt32(truncatingIfNeeded: imm))
        case .slliw: value = signExtend32(UInt32(truncatingIfNeeded: a) << UInt32(imm))
        case .srliw: value = signExtend32(UInt32(truncatingIfNeeded: a) >> UInt32(imm))
        case .sraiw: value = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: a) >> Int32(imm)))
        case .addw, .subw, .sllw, .srlw, .sraw, .mulw, .divw, .divuw, .remw, .remuw:
            let funct3 = (d.word >> 12) & 7
            guard let result = operate32(d.word, UInt32(truncatingIfNeeded: a), UInt32(truncatingIfNeeded: x[d.rs2]), funct3) else {
                return execute(d.word, pc, d.length)
            }
            value = signExtend32(result)
        case .other, .undecoded:
            return execute(d.word, pc, d.length)
        }
        if rd != 0 { x[rd] = value }
        self.pc = next
        instret &+= 1
        return true
    }

    @inline(__always)
    func branch(_ taken: Bool, _ pc: UInt64, _ offset: UInt64, _ next: UInt64) -> Bool {
        self.pc = taken ? pc &+ offset : next
        instret &+= 1
        return true
    }

    /// A load's result; a device read may have changed interrupt lines, so the slice ends.
    @inline(__always)
    func loaded(_ value: UInt64, _ rd: Int, _ next: UInt64) -> Bool {
        if rd != 0 { x[rd] = value }
        pc = next
        instret &+= 1
        return !endSlice
    }

    @inline(__always)
    func stored(_ succeeded: Bool, _ next: UInt64) -> Bool {
        guard succeeded else { return fault() }
        pc = next
        instret &+= 1
        return !(endSlice || stopRequested)
    }

    @inline(__always)
    func signExtend32(_ value: UInt32) -> UInt64 {
        UInt64(bitPattern: Int64(Int32(bitPattern: value)))
    }
}
