// Pseudo-instructions: the ISA manual's tables ("RISC-V Assembly Programmer's Handbook")
// plus the aliases GNU as accepts (`add rd, rs, imm` for `addi`, `jalr rs, imm`, ...).

extension AssemblerState {
    private static let branchAliases: [String: (base: String, zeroFirst: Bool)] = [
        "beqz": ("beq", false), "bnez": ("bne", false), "bltz": ("blt", false), "bgez": ("bge", false),
        "blez": ("bge", true), "bgtz": ("blt", true),
    ]
    private static let swappedBranches: [String: String] = ["bgt": "blt", "ble": "bge", "bgtu": "bltu", "bleu": "bgeu"]
    private static let immediateForms: [String: String] = [
        "add": "addi", "and": "andi", "or": "ori", "xor": "xori", "sll": "slli", "srl": "srli", "sra": "srai",
        "addw": "addiw", "sllw": "slliw", "srlw": "srliw", "sraw": "sraiw", "slt": "slti", "sltu": "sltiu",
    ]
    private static let loads: Set<String> = ["lb", "lh", "lw", "ld", "lbu", "lhu", "lwu"]
    private static let stores: Set<String> = ["sb", "sh", "sw", "sd"]
    private static let csrAliases: [String: (register: String, immediate: String)] = [
        "csrw": ("csrrw", "csrrwi"), "csrs": ("csrrs", "csrrsi"), "csrc": ("csrrc", "csrrci"),
    ]
    private static let counters: [String: String] = [
        "rdcycle": "cycle", "rdtime": "time", "rdinstret": "instret",
        "rdcycleh": "cycleh", "rdtimeh": "timeh", "rdinstreth": "instreth",
    ]

    /// Assembles `mnemonic` if it is a pseudo-instruction or an alias form; false otherwise.
    func pseudoInstruction(_ mnemonic: String, _ operands: [OperandText], _ location: SourceLocation, at here: SourceLocation) throws -> Bool {
        func count(_ expected: Int, _ form: String) throws {
            guard operands.count == expected else {
                throw AssemblyError("'\(mnemonic)' takes \(expected) operand\(expected == 1 ? "" : "s"): \(form)", at: here)
            }
        }
        func reg(_ index: Int) throws -> OperandValue { .value(try register(operands[index], location)) }
        let zero = OperandValue.value(0)

        if let alias = Self.branchAliases[mnemonic] {
            try count(2, "\(mnemonic) rs, offset")
            let rs = try register(operands[0], location)
            let spec = InstructionTable.byName[alias.base]!
            let target = try expression(operands[1], location)
            branch(spec, rs1: alias.zeroFirst ? 0 : rs, rs2: alias.zeroFirst ? rs : 0, target: target, column: operands[1].column, at: here)
            return true
        }
        if let base = Self.swappedBranches[mnemonic] {
            try count(3, "\(mnemonic) rs, rt, offset")
            let spec = InstructionTable.byName[base]!
            branch(spec, rs1: try register(operands[1], location), rs2: try register(operands[0], location),
                   target: try expression(operands[2], location), column: operands[2].column, at: here)
            return true
        }
        if let immediateForm = Self.immediateForms[mnemonic], operands.count == 3, !operands[2].isRegister {
            // GNU as lists c.addi (zero allowed), c.addi16sp, c.addi4spn, c.andi, c.slli,
            // c.srli, c.srai and c.addiw for these aliases; never c.li, c.mv or c.nop.
            let compression = Compression(only: ["c.addi", "c.addi16sp", "c.addi4spn", "c.andi", "c.slli", "c.srli", "c.srai", "c.addiw"], allowZeroImmediate: true)
            try baseInstruction(InstructionTable.byName[immediateForm]!, operands, location, at: here, compression: compression)
            return true
        }
        if Self.loads.contains(mnemonic), operands.count == 2, !operands[1].looksLikeMemory {
            let rd = try register(operands[0], location)
            let target = try expression(operands[1], location)
            // As GNU as: a load from a symbol is pc-relative; a plain number is no symbol.
            if tryConstant(target) != nil {
                throw AssemblyError("'\(mnemonic) rd, symbol' needs an address, not a constant", at: location.at(column: operands[1].column))
            }
            try pcrelPair(temp: rd, symbol: target, column: operands[1].column, at: here) { low in
                try emit(mnemonic, [.value(rd), low, .value(rd)], at: here)
            }
            return true
        }
        if Self.stores.contains(mnemonic), operands.count == 3 {
            let rs = try register(operands[0], location)
            let temp = try register(operands[2], location)
            let target = try expression(operands[1], location)
            if tryConstant(target) != nil {
                throw AssemblyError("'\(mnemonic) rs, symbol, temp' needs an address, not a constant", at: location.at(column: operands[1].column))
            }
            try pcrelPair(temp: temp, symbol: target, column: operands[1].column, at: here) { low in
                try emit(mnemonic, [.value(rs), low, .value(temp)], at: here)
            }
            return true
        }
        if let (registerForm, immediateForm) = Self.csrAliases[mnemonic] {
            try count(2, "\(mnemonic) csr, rs")
            let csrNumber = OperandValue.value(try csr(operands[0], location))
            if operands[1].isRegister {
                try emit(registerForm, [zero, csrNumber, try reg(1)], at: here)
            } else {
                try emit(immediateForm, [zero, csrNumber, try immediate(try expression(operands[1], location), column: operands[1].column, field: OperandFields.named("zimm5"), location)], at: here)
            }
            return true
        }
        if let counter = Self.counters[mnemonic] {
            try count(1, "\(mnemonic) rd")
            try emit("csrrs", [try reg(0), .value(Int64(CSRNames.number(counter)!)), zero], at: here)
            return true
        }
        return try simplePseudo(mnemonic, operands, location, at: here, count: count, reg: reg)
    }

    // swiftlint:disable:next cyclomatic_complexity function_body_length
    private func simplePseudo(_ mnemonic: String, _ operands: [OperandText], _ location: SourceLocation, at here: SourceLocation,
                              count: (Int, String) throws -> Void, reg: (Int) throws -> OperandValue) throws -> Bool {
        let zero = OperandValue.value(0)
        switch mnemonic {
        case "nop":
            try count(0, "nop")
            try emit("addi", [zero, zero, zero], at: here)
        case "li":
            try count(2, "li rd, value")
            let rd = try register(operands[0], location)
            let value = try constant(try expression(operands[1], location), at: location.at(column: operands[1].column), what: "the value of 'li'")
            try loadImmediate(rd, value, at: here)
        case "la", "lla":
            try count(2, "\(mnemonic) rd, symbol")
            let rd = try register(operands[0], location)
            try pcrelPair(temp: rd, symbol: try expression(operands[1], location), column: operands[1].column, at: here) { low in
                try emit("addi", [.value(rd), .value(rd), low], at: here)
            }
        case "mv":
            try count(2, "mv rd, rs")
            try emit("addi", [try reg(0), try reg(1), zero], compression: Compression(only: ["c.mv"]), at: here)
        case "not":
            try count(2, "not rd, rs")
            try emit("xori", [try reg(0), try reg(1), .value(-1)], at: here)
        case "neg", "negw":
            try count(2, "\(mnemonic) rd, rs")
            try emit(mnemonic == "neg" ? "sub" : "subw", [try reg(0), zero, try reg(1)], at: here)
        case "sext.w":
            try count(2, "sext.w rd, rs")
            try emit("addiw", [try reg(0), try reg(1), zero], at: here)
        case "zext.b":
            try count(2, "zext.b rd, rs")
            try emit("andi", [try reg(0), try reg(1), .value(255)], at: here)
        case "seqz":
            try count(2, "seqz rd, rs")
            try emit("sltiu", [try reg(0), try reg(1), .value(1)], at: here)
        case "snez":
            try count(2, "snez rd, rs")
            try emit("sltu", [try reg(0), zero, try reg(1)], at: here)
        case "sltz":
            try count(2, "sltz rd, rs")
            try emit("slt", [try reg(0), try reg(1), zero], at: here)
        case "sgtz":
            try count(2, "sgtz rd, rs")
            try emit("slt", [try reg(0), zero, try reg(1)], at: here)
        case "j":
            try count(1, "j offset")
            jump(target: try expression(operands[0], location), column: operands[0].column, at: here)
        case "jal":
            guard operands.count == 1 else { return false }
            try emit("jal", [.value(1), .expression(try expression(operands[0], location), column: operands[0].column)], compressible: false, at: here)
        case "jr":
            try jumpRegister(link: 0, operands, location, at: here)
        case "jalr":
            if operands.count == 3 {
                let offset = try immediate(try expression(operands[2], location), column: operands[2].column, field: OperandFields.named("imm12"), location)
                try emit("jalr", [try reg(0), offset, try reg(1)], compressible: false, at: here)
            } else if operands.count == 2, operands[1].isRegister {
                try emit("jalr", [try reg(0), zero, try reg(1)], compressible: false, at: here)
            } else if operands.count == 2, operands[1].isMemory {
                return false
            } else {
                try jumpRegister(link: 1, operands, location, at: here)
            }
        case "ret":
            try count(0, "ret")
            try jumpRegister(link: 0, [OperandText(tokens: [Token(kind: .identifier("ra"), column: here.column)], column: here.column)], location, at: here)
        case "call", "tail", "jump":
            try farCall(mnemonic, operands, location, at: here)
        case "fence":
            guard operands.isEmpty else { return false }
            try emit("fence", [.value(15), .value(15)], at: here)
        case "sfence.vma":
            guard operands.count < 2 else { return false }
            try emit("sfence.vma", [operands.isEmpty ? zero : try reg(0), zero], at: here)
        case "csrr":
            try count(2, "csrr rd, csr")
            try emit("csrrs", [try reg(0), .value(try csr(operands[1], location)), zero], at: here)
        case "csrwi", "csrsi", "csrci":
            try count(2, "\(mnemonic) csr, imm")
            let base = "csrr" + mnemonic.dropFirst(3)
            try emit(base, [zero, .value(try csr(operands[0], location)),
                            try immediate(try expression(operands[1], location), column: operands[1].column, field: OperandFields.named("zimm5"), location)], at: here)
        case "csrrw", "csrrs", "csrrc":
            guard operands.count == 3, !operands[2].isRegister else { return false }
            try baseInstruction(InstructionTable.byName[mnemonic + "i"]!, operands, location, at: here)
        case "unimp":
            try count(0, "unimp")
            if rvc {
                append(.bytes([0, 0]), at: here)
                usesCompressed = true
            } else {
                try emit("csrrw", [zero, .value(0xc00), zero], at: here)
            }
        default:
            return false
        }
        return true
    }

    /// `jr rs`, `jalr rs`, `jr rs, imm`, `jalr rs, imm` and `jalr imm(rs)`.
    private func jumpRegister(link: Int64, _ operands: [OperandText], _ location: SourceLocation, at here: SourceLocation) throws {
        let name = link == 0 ? "jr" : "jalr"
        guard (1...2).contains(operands.count) else { throw AssemblyError("'\(name)' takes a register and an optional offset", at: here) }
        if operands.count == 1, operands[0].isMemory {
            let memory = try self.memory(operands[0], location)
            try emit("jalr", [.value(link), try immediate(memory.offset, column: memory.column, field: OperandFields.named("imm12"), location), .value(memory.base)], compressible: false, at: here)
            return
        }
        let rs = try register(operands[0], location)
        if operands.count == 2 {
            let offset = try immediate(try expression(operands[1], location), column: operands[1].column, field: OperandFields.named("imm12"), location)
            try emit("jalr", [.value(link), offset, .value(rs)], compressible: false, at: here)
            return
        }
        if rvc && rs != 0 {
            try emit(InstructionTable.byName[link == 0 ? "c.jr" : "c.jalr"]!, ["c.rd": .value(rs)], at: here)
        } else {
            try emit("jalr", [.value(link), .value(0), .value(rs)], compressible: false, at: here)
        }
    }

    /// `call [rd,] symbol`, `tail symbol` and `jump symbol, temp`: auipc + jalr.
    private func farCall(_ mnemonic: String, _ operands: [OperandText], _ location: SourceLocation, at here: SourceLocation) throws {
        var link: Int64 = 1, temp: Int64 = 1
        let targetOperand: OperandText
        switch mnemonic {
        case "call":
            guard (1...2).contains(operands.count) else { throw AssemblyError("'call' takes [rd,] symbol", at: here) }
            if operands.count == 2 {
                // GNU as builds `call rd, symbol` through t1, and `call symbol` through ra.
                link = try register(operands[0], location)
                temp = 6
            }
            targetOperand = operands[operands.count - 1]
        case "tail":
            guard operands.count == 1 else { throw AssemblyError("'tail' takes 1 operand: tail symbol", at: here) }
            link = 0
            temp = 6
            targetOperand = operands[0]
        default:
            guard operands.count == 2 else { throw AssemblyError("'jump' takes 2 operands: jump symbol, temp", at: here) }
            link = 0
            temp = try register(operands[1], location)
            targetOperand = operands[0]
        }
        let target = try expression(targetOperand, location)
        try pcrelPair(temp: temp, symbol: target, column: targetOperand.column, at: here) { low in
            try emit("jalr", [.value(link), low, .value(temp)], compressible: false, at: here)
        }
    }

    /// `li`: GNU as's algorithm. Values that fit 12 bits are one `addi`; 32-bit values are
    /// `lui` + `addiw`; larger ones load the upper part recursively, shift it into place
    /// with `slli` and add the low 12 bits.
    func loadImmediate(_ rd: Int64, _ value: Int64, at here: SourceLocation) throws {
        if value >= -2048 && value <= 2047 {
            try emit("addi", [.value(rd), .value(0), .value(value)], compression: Compression(only: ["c.li"]), at: here)
        } else {
            try loadConstant(rd, value, at: here)
        }
    }

    private func loadConstant(_ rd: Int64, _ value: Int64, at here: SourceLocation) throws {
        let lower = Expression.lowPart(value)
        var upper = value &- lower
        if value != Int64(Int32(truncatingIfNeeded: value)) {
            var shift: Int64 = 12
            while (upper >> shift) & 1 == 0 { shift += 1 }
            upper >>= shift
            try loadConstant(rd, upper, at: here)
            try emit("slli", [.value(rd), .value(rd), .value(shift)], at: here)
            if lower != 0 { try emit("addi", [.value(rd), .value(rd), .value(lower)], at: here) }
            return
        }
        var high: Int64 = 0
        if upper != 0 {
            try emit("lui", [.value(rd), .value(Int64(UInt32(truncatingIfNeeded: upper) >> 12))], at: here)
            high = rd
        }
        if lower != 0 || high == 0 {
            try emit("addiw", [.value(rd), .value(high), .value(lower)], at: here)
        }
    }
}
