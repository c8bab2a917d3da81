// Instructions and pseudo-instructions, and the choice of compressed encodings.
//
// GNU as compresses every instruction that has an RVC equivalent while `.option rvc` is
// on, but only from the forms its opcode table lists: `jalr a0` becomes `c.jalr a0`, while
// `jalr ra, 0(a0)` stays 4 bytes; `j label` may become `c.j`, `jal x0, label` may not.
// The pseudo-instructions expand as the ISA manual's tables (and GNU as) expand them.

extension AssemblerState {
    func instruction(_ mnemonic: String, _ text: Substring, column: Int, location: SourceLocation, at here: SourceLocation) throws {
        let operands = try splitOperands(text, column: column, location: location)
        if try pseudoInstruction(mnemonic, operands, location, at: here) { return }
        guard let spec = InstructionTable.byName[mnemonic] else {
            throw AssemblyError("unknown instruction '\(mnemonic)'", at: here)
        }
        try baseInstruction(spec, operands, location, at: here)
    }

    /// A table instruction written in its own syntax.
    func baseInstruction(_ spec: InstructionSpec, _ operands: [OperandText], _ location: SourceLocation, at here: SourceLocation,
                         compression: Compression = .any) throws {
        let values = try self.operands(for: spec, operands, location, at: here)
        if spec.name.hasPrefix("b"), case .expression(let target, let column)? = values["bimm12"],
           case .value(let rs1)? = values["rs1"], case .value(let rs2)? = values["rs2"] {
            branch(spec, rs1: rs1, rs2: rs2, target: target, column: column, at: here)
            return
        }
        // jal and jalr written out in full keep their 4-byte form, as in GNU as.
        let compressible = spec.name != "jal" && spec.name != "jalr"
        try emit(spec, values, compressible: compressible, compression: compression, at: here)
    }

    /// Which compressed forms a source form may become. GNU as compresses through the
    /// entries its opcode table lists for each mnemonic, so a pseudo-instruction such as
    /// `li` or `mv` only becomes the compressed form listed for it.
    struct Compression {
        var only: Set<String>? = nil
        /// `add rd, rd, 0` becomes the HINT `c.addi rd, 0`, as in GNU as.
        var allowZeroImmediate = false
        static let any = Compression()
    }

    /// Appends an instruction, compressed when RVC is on and a compressed form fits.
    func emit(_ spec: InstructionSpec, _ values: [String: OperandValue], compressible: Bool = true,
              compression: Compression = .any, at here: SourceLocation) throws {
        for name in spec.reservedIfZero {
            if case .value(0)? = values[name] { throw AssemblyError("'\(spec.name)' cannot encode \(name) = 0", at: here) }
        }
        for name in spec.notTwo {
            if case .value(2)? = values[name] { throw AssemblyError("'\(spec.name)' cannot use sp here", at: here) }
        }
        if spec.isCompressed { usesCompressed = true }
        if rvc && compressible && !spec.isCompressed, let compressed = compress(spec, values, compression) {
            usesCompressed = true
            append(.instruction(InstructionItem(spec: compressed.spec, operands: compressed.values)), at: here)
            return
        }
        append(.instruction(InstructionItem(spec: spec, operands: values)), at: here)
    }

    /// Emits base instruction `name` with operands given in its syntax order.
    func emit(_ name: String, _ operands: [OperandValue], compressible: Bool = true,
              compression: Compression = .any, at here: SourceLocation) throws {
        guard let spec = InstructionTable.byName[name] else { preconditionFailure("no instruction \(name)") }
        var values: [String: OperandValue] = [:]
        for (field, value) in zip(spec.syntax.fieldNames, operands) {
            if case .value(let number) = value {
                try checkRange(number, field: OperandFields.named(field), at: here)
            }
            values[field] = value
        }
        try emit(spec, values, compressible: compressible, compression: compression, at: here)
    }

    // MARK: Compression

    /// Compressed instructions that the generic path never chooses: GNU as only uses them for
    /// the pseudo-instruction forms (`j`, `jr`, `jalr rs`, `ret`, `beqz`/`bnez` targets).
    private static let explicitOnly: Set<String> = ["c.j", "c.jr", "c.jalr", "c.beqz", "c.bnez"]

    /// Base instructions whose two source registers commute for compression.
    private static let commutative: Set<String> = ["add", "and", "or", "xor", "addw"]

    func compress(_ spec: InstructionSpec, _ values: [String: OperandValue], _ compression: Compression) -> (spec: InstructionSpec, values: [String: OperandValue])? {
        var numbers: [String: Int64] = [:]
        for (name, value) in values {
            guard case .value(let number) = value else { return nil }
            numbers[name] = number
        }
        var candidates: [(InstructionSpec, InstructionSpec, [String: Int64])] = []
        for compressed in InstructionTable.compressedForms[spec.name] ?? [] where !Self.explicitOnly.contains(compressed.name) {
            candidates.append((compressed, spec, numbers))
            if Self.commutative.contains(spec.name), compressed.name != "c.mv", let rs1 = numbers["rs1"], let rs2 = numbers["rs2"] {
                var swapped = numbers
                swapped["rs1"] = rs2
                swapped["rs2"] = rs1
                candidates.append((compressed, spec, swapped))
            }
        }
        // `addi rd, rs, 0` is `c.mv rd, rs`: GNU as lists this alias, read as `add rd, x0, rs`.
        if spec.name == "addi", numbers["imm12"] == 0, let mv = InstructionTable.byName["c.mv"], let add = InstructionTable.byName["add"] {
            candidates.append((mv, add, ["rd": numbers["rd"] ?? 0, "rs1": 0, "rs2": numbers["rs1"] ?? 0]))
        }
        for (compressed, base, operands) in candidates where compression.only?.contains(compressed.name) ?? true {
            if let result = bind(compressed, to: base, operands, allowZeroImmediate: compression.allowZeroImmediate) {
                return (compressed, result.mapValues { .value($0) })
            }
        }
        return nil
    }

    /// Fills the compressed instruction's fields from the base instruction's values, or nil
    /// when they do not fit (wrong registers, range, reserved or HINT encodings).
    private func bind(_ compressed: InstructionSpec, to base: InstructionSpec, _ numbers: [String: Int64],
                      allowZeroImmediate: Bool) -> [String: Int64]? {
        guard let expansion = compressed.expansion, expansion.syntax.tokens.count == base.syntax.tokens.count else { return nil }
        var bound: [String: Int64] = [:]
        for (pattern, actual) in zip(expansion.syntax.tokens, base.syntax.tokens) {
            guard case .field(let baseField) = actual else { continue }
            guard var value = numbers[baseField] else { return nil }
            switch pattern {
            case .register(let fixed):
                guard value == Int64(fixed) else { return nil }
            case .number(let fixed):
                guard value == fixed else { return nil }
            case .field(let name):
                // lui's 20-bit operand is the sign-extended 6-bit field of c.lui.
                if name == "c.luimm" { value = value >= 0x80000 ? value - 0x100000 : value }
                if let previous = bound[name], previous != value { return nil }
                bound[name] = value
            default:
                continue
            }
        }
        for (name, value) in bound {
            let field = OperandFields.named(name)
            guard field.accepts(value) else { return nil }
            if value == 0 && compressed.reservedIfZero.contains(name) { return nil }
            if value == 0 && compressed.hintIfZero.contains(name) && !(allowZeroImmediate && name == "c.imm6") { return nil }
            if value == 2 && compressed.notTwo.contains(name) { return nil }
        }
        return bound
    }

    // MARK: Branches

    func branch(_ spec: InstructionSpec, rs1: Int64, rs2: Int64, target: Expression, column: Int, at here: SourceLocation) {
        let compressible = rvc && (spec.name == "beq" || spec.name == "bne") && rs2 == 0 && (8...15).contains(rs1)
        if compressible || rvc { usesCompressed = usesCompressed || compressible }
        append(.branch(BranchItem(spec: spec, rs1: rs1, rs2: rs2, target: target, targetColumn: column, compressible: compressible)), at: here)
    }

    func jump(target: Expression, column: Int, at here: SourceLocation) {
        let jal = InstructionTable.byName["jal"]!
        if rvc { usesCompressed = true }
        append(.branch(BranchItem(spec: jal, rs1: 0, rs2: 0, target: target, targetColumn: column, compressible: rvc)), at: here)
    }

    // MARK: pc-relative pairs

    /// `auipc temp, %pcrel_hi(symbol)` followed by `second` using `%pcrel_lo` of it.
    func pcrelPair(temp: Int64, symbol: Expression, column: Int, at here: SourceLocation,
                   second: (OperandValue) throws -> Void) throws {
        let label = internalLabel()
        defineLabel(label, at: here)
        try emit("auipc", [.value(temp), .expression(.relocation("pcrel_hi", symbol, column: column), column: column)], at: here)
        try second(.expression(.relocation("pcrel_lo", .symbol(label, column: column), column: column), column: column))
    }
}
