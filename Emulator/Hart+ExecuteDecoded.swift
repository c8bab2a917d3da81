// The hot path over decoded instructions: one switch on the operation, the registers and
// the immediate already extracted. Everything uncommon (SYSTEM, AMOs, fences, mulh/mulhsu,
// illegal encodings) goes to the general `execute` with the instruction bits.
//
// `executeFast` is what the run loop calls: the operations that touch only registers, pc and
// RAM through a TLB hit, with pc passed in and out so that the loop keeps it, and the count
// of retired instructions, in locals. For anything else it does nothing and returns `.slow`,
// and the loop brings the hart's pc and instret up to date and calls `executeDecoded`, which
// handles every case (TLB misses, devices, traps, `.other`) and is what single-stepping uses.

/// Where `executeFast` left pc: after the instruction, somewhere a branch or jump chose
/// (maybe another page), or untouched because the instruction needs the slow path.
enum Flow {
    case next, jumped, slow
}

extension Hart {
    /// Executes one decoded instruction from `pc`, every case included: what `executeFast`
    /// cannot finish (loads and stores that miss the TLB or reach a device, and everything
    /// `.other`) goes the slow way. False when the slice must end.
    @inline(__always)
    func executeDecoded(_ d: Decoded, _ pc: UInt64) -> Bool {
        var next = pc
        if executeFast(d, &next, x) != .slow {
            self.pc = next
            instret &+= 1
            return true
        }
        let a = x[Int(d.rs1)], imm = d.imm, rd = Int(d.rd)
        next = pc &+ d.length
        switch d.op {
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
        case .sb: return stored(store(a &+ imm, UInt8(truncatingIfNeeded: x[Int(d.rs2)])), next)
        case .sh: return stored(store(a &+ imm, UInt16(truncatingIfNeeded: x[Int(d.rs2)])), next)
        case .sw: return stored(store(a &+ imm, UInt32(truncatingIfNeeded: x[Int(d.rs2)])), next)
        case .sd: return stored(store(a &+ imm, x[Int(d.rs2)]), next)
        default: return execute(d.word, pc, d.length)
        }
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    @inline(__always)
    func executeFast(_ d: Decoded, _ pc: inout UInt64, _ x: UnsafeMutablePointer<UInt64>) -> Flow {
        let a = x[Int(d.rs1)], imm = d.imm
        let next = pc &+ d.length
        let value: UInt64
        switch d.op {
        case .lui: value = imm
        case .auipc: value = pc &+ imm
        case .jal:
            x[Int(d.rd)] = next
            pc = pc &+ imm
            return .jumped
        case .jalr:
            x[Int(d.rd)] = next
            pc = (a &+ imm) & ~1
            return .jumped
        case .beq: pc = x[Int(d.rs2)] == a ? pc &+ imm : next; return .jumped
        case .bne: pc = x[Int(d.rs2)] != a ? pc &+ imm : next; return .jumped
        case .blt: pc = Int64(bitPattern: a) < Int64(bitPattern: x[Int(d.rs2)]) ? pc &+ imm : next; return .jumped
        case .bge: pc = Int64(bitPattern: a) >= Int64(bitPattern: x[Int(d.rs2)]) ? pc &+ imm : next; return .jumped
        case .bltu: pc = a < x[Int(d.rs2)] ? pc &+ imm : next; return .jumped
        case .bgeu: pc = a >= x[Int(d.rs2)] ? pc &+ imm : next; return .jumped
        case .lb:
            guard let v = loadFast(a &+ imm, Int8.self) else { return .slow }
            value = UInt64(bitPattern: Int64(v))
        case .lh:
            guard let v = loadFast(a &+ imm, Int16.self) else { return .slow }
            value = UInt64(bitPattern: Int64(v))
        case .lw:
            guard let v = loadFast(a &+ imm, Int32.self) else { return .slow }
            value = UInt64(bitPattern: Int64(v))
        case .ld:
            guard let v = loadFast(a &+ imm, UInt64.self) else { return .slow }
            value = v
        case .lbu:
            guard let v = loadFast(a &+ imm, UInt8.self) else { return .slow }
            value = UInt64(v)
        case .lhu:
            guard let v = loadFast(a &+ imm, UInt16.self) else { return .slow }
            value = UInt64(v)
        case .lwu:
            guard let v = loadFast(a &+ imm, UInt32.self) else { return .slow }
            value = UInt64(v)
        case .sb:
            guard storeFast(a &+ imm, UInt8(truncatingIfNeeded: x[Int(d.rs2)])) else { return .slow }
            pc = next
            return .next
        case .sh:
            guard storeFast(a &+ imm, UInt16(truncatingIfNeeded: x[Int(d.rs2)])) else { return .slow }
            pc = next
            return .next
        case .sw:
            guard storeFast(a &+ imm, UInt32(truncatingIfNeeded: x[Int(d.rs2)])) else { return .slow }
            pc = next
            return .next
        case .sd:
            guard storeFast(a &+ imm, x[Int(d.rs2)]) else { return .slow }
            pc = next
            return .next
        case .addi: value = a &+ imm
        case .slti: value = Int64(bitPattern: a) < Int64(bitPattern: imm) ? 1 : 0
        case .sltiu: value = a < imm ? 1 : 0
        case .xori: value = a ^ imm
        case .ori: value = a | imm
        case .andi: value = a & imm
        case .slli: value = a << imm
        case .srli: value = a >> imm
        case .srai: value = UInt64(bitPattern: Int64(bitPattern: a) >> imm)
        case .add: value = a &+ x[Int(d.rs2)]
        case .sub: value = a &- x[Int(d.rs2)]
        case .sll: value = a << (x[Int(d.rs2)] & 63)
        case .slt: value = Int64(bitPattern: a) < Int64(bitPattern: x[Int(d.rs2)]) ? 1 : 0
        case .sltu: value = a < x[Int(d.rs2)] ? 1 : 0
        case .xor: value = a ^ x[Int(d.rs2)]
        case .srl: value = a >> (x[Int(d.rs2)] & 63)
        case .sra: value = UInt64(bitPattern: Int64(bitPattern: a) >> (x[Int(d.rs2)] & 63))
        case .or: value = a | x[Int(d.rs2)]
        case .and: value = a & x[Int(d.rs2)]
        case .mul: value = a &* x[Int(d.rs2)]
        case .mulhu: value = multiplyDivide(a, x[Int(d.rs2)], 3)
        case .div: value = multiplyDivide(a, x[Int(d.rs2)], 4)
        case .divu: value = multiplyDivide(a, x[Int(d.rs2)], 5)
        case .rem: value = multiplyDivide(a, x[Int(d.rs2)], 6)
        case .remu: value = multiplyDivide(a, x[Int(d.rs2)], 7)
        case .addiw: value = signExtend32(UInt32(truncatingIfNeeded: a) &+ UInt32(truncatingIfNeeded: imm))
        case .slliw: value = signExtend32(UInt32(truncatingIfNeeded: a) << UInt32(imm))
        case .srliw: value = signExtend32(UInt32(truncatingIfNeeded: a) >> UInt32(imm))
        case .sraiw: value = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: a) >> Int32(imm)))
        case .addw: value = signExtend32(UInt32(truncatingIfNeeded: a) &+ UInt32(truncatingIfNeeded: x[Int(d.rs2)]))
        case .subw: value = signExtend32(UInt32(truncatingIfNeeded: a) &- UInt32(truncatingIfNeeded: x[Int(d.rs2)]))
        case .sllw: value = signExtend32(UInt32(truncatingIfNeeded: a) << (UInt32(truncatingIfNeeded: x[Int(d.rs2)]) & 31))
        case .srlw: value = signExtend32(UInt32(truncatingIfNeeded: a) >> (UInt32(truncatingIfNeeded: x[Int(d.rs2)]) & 31))
        case .sraw: value = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: a) >> (Int32(truncatingIfNeeded: x[Int(d.rs2)]) & 31)))
        case .mulw: value = signExtend32(UInt32(truncatingIfNeeded: a) &* UInt32(truncatingIfNeeded: x[Int(d.rs2)]))
        case .divw: value = word32(a, x[Int(d.rs2)], 4)
        case .divuw: value = word32(a, x[Int(d.rs2)], 5)
        case .remw: value = word32(a, x[Int(d.rs2)], 6)
        case .remuw: value = word32(a, x[Int(d.rs2)], 7)
        case .other, .undecoded, .pageEnd:
            return .slow
        }
        x[Int(d.rd)] = value
        pc = next
        return .next
    }

    /// A load's result; a device read may have changed interrupt lines, so the slice ends.
    @inline(__always)
    func loaded(_ value: UInt64, _ rd: Int, _ next: UInt64) -> Bool {
        x[rd] = value
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

    /// An M-extension W operation (funct3 4-7: divw, divuw, remw, remuw), sign-extended.
    @inline(__always)
    func word32(_ a: UInt64, _ b: UInt64, _ funct3: UInt32) -> UInt64 {
        signExtend32(operate32(1 << 25, UInt32(truncatingIfNeeded: a), UInt32(truncatingIfNeeded: b), funct3) ?? 0)
    }

    @inline(__always)
    func signExtend32(_ value: UInt32) -> UInt64 {
        UInt64(bitPattern: Int64(Int32(bitPattern: value)))
    }
}
