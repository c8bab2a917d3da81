// Operands as written: registers, expressions, `offset(base)` memory operands, CSR names and
// fence sets, matched against an instruction's syntax from the table.

/// One comma-separated operand: its tokens and where it starts.
struct OperandText {
    let tokens: [Token]
    let column: Int

    var isRegister: Bool {
        if tokens.count == 1, case .identifier(let name) = tokens[0].kind { return Registers.number(name) != nil }
        return false
    }

    /// Ends in `(name)`: meant as a memory operand, whether or not `name` is a register.
    var looksLikeMemory: Bool {
        guard tokens.count >= 3, tokens[tokens.count - 1].kind == .symbol(")"), tokens[tokens.count - 3].kind == .symbol("("),
              case .identifier = tokens[tokens.count - 2].kind else { return false }
        return true
    }

    /// Ends in `(register)`: a memory operand.
    var isMemory: Bool {
        guard tokens.count >= 3, tokens[tokens.count - 1].kind == .symbol(")"), tokens[tokens.count - 3].kind == .symbol("("),
              case .identifier(let name) = tokens[tokens.count - 2].kind else { return false }
        return Registers.number(name) != nil
    }
}

extension AssemblerState {
    /// Splits an instruction's operand text at top-level commas.
    func splitOperands(_ text: Substring, column: Int, location: SourceLocation) throws -> [OperandText] {
        let tokens = try Lexer.tokenize(text, baseColumn: column, location: location)
        guard !tokens.isEmpty else { return [] }
        var operands: [OperandText] = []
        var current: [Token] = []
        var depth = 0
        var start = tokens[0].column
        for token in tokens {
            if token.kind == .symbol("(") { depth += 1 }
            if token.kind == .symbol(")") { depth -= 1 }
            if token.kind == .symbol(","), depth == 0 {
                guard !current.isEmpty else { throw AssemblyError("missing operand before ','", at: location.at(column: token.column)) }
                operands.append(OperandText(tokens: current, column: start))
                current = []
                start = token.column + 1
                continue
            }
            if current.isEmpty { start = token.column }
            current.append(token)
        }
        guard !current.isEmpty else { throw AssemblyError("missing operand after ','", at: location.at(column: start)) }
        operands.append(OperandText(tokens: current, column: start))
        return operands
    }

    func register(_ operand: OperandText, _ location: SourceLocation) throws -> Int64 {
        if operand.tokens.count == 1, case .identifier(let name) = operand.tokens[0].kind {
            if let number = Registers.number(name) { return Int64(number) }
            throw AssemblyError("'\(name)' is not a register (x0-x31 or an ABI name)", at: location.at(column: operand.column))
        }
        throw AssemblyError("expected a register", at: location.at(column: operand.column))
    }

    func expression(_ tokens: [Token], column: Int, _ location: SourceLocation) throws -> Expression {
        guard !tokens.isEmpty else { throw AssemblyError("expected an expression", at: location.at(column: column)) }
        var parser = ExpressionParser(tokens: tokens, position: 0, location: location, localLabel: localLabelName)
        let expression = try parser.parse()
        if parser.position < tokens.count {
            let token = tokens[parser.position]
            throw AssemblyError("unexpected '\(describe(token))' in operand", at: location.at(column: token.column))
        }
        return expression
    }

    func expression(_ operand: OperandText, _ location: SourceLocation) throws -> Expression {
        try expression(operand.tokens, column: operand.column, location)
    }

    /// `offset(base)`, `(base)` or, when `allowBare` is set, a lone offset.
    func memory(_ operand: OperandText, _ location: SourceLocation) throws -> (offset: Expression, column: Int, base: Int64) {
        guard operand.isMemory else {
            if operand.tokens.last?.kind == .symbol(")"), operand.tokens.count >= 3,
               case .identifier(let name) = operand.tokens[operand.tokens.count - 2].kind {
                throw AssemblyError("'\(name)' is not a register (x0-x31 or an ABI name)", at: location.at(column: operand.tokens[operand.tokens.count - 2].column))
            }
            throw AssemblyError("expected a memory operand: offset(register)", at: location.at(column: operand.column))
        }
        let base = try register(OperandText(tokens: [operand.tokens[operand.tokens.count - 2]], column: operand.tokens[operand.tokens.count - 2].column), location)
        let offsetTokens = Array(operand.tokens.dropLast(3))
        let offset = offsetTokens.isEmpty ? Expression.number(0) : try expression(offsetTokens, column: operand.column, location)
        return (offset, operand.column, base)
    }

    func csr(_ operand: OperandText, _ location: SourceLocation) throws -> Int64 {
        if operand.tokens.count == 1, case .identifier(let name) = operand.tokens[0].kind, let number = CSRNames.number(name.lowercased()) {
            return Int64(number)
        }
        let value: Int64
        do {
            value = try constant(try expression(operand, location), at: location.at(column: operand.column), what: "a CSR number")
        } catch let failure as AssemblyError {
            if operand.tokens.count == 1, case .identifier(let name) = operand.tokens[0].kind {
                throw AssemblyError("unknown CSR '\(name)'", at: location.at(column: operand.column))
            }
            throw failure
        }
        guard (0...0xfff).contains(value) else { throw AssemblyError("CSR number \(value) out of range 0..4095", at: location.at(column: operand.column)) }
        return value
    }

    /// A fence predecessor or successor set: letters from "iorw", or 0.
    func fenceSet(_ operand: OperandText, _ location: SourceLocation) throws -> Int64 {
        if operand.tokens.count == 1, case .number(0) = operand.tokens[0].kind { return 0 }
        guard operand.tokens.count == 1, case .identifier(let letters) = operand.tokens[0].kind else {
            throw AssemblyError("expected a fence set such as 'rw' or 'iorw'", at: location.at(column: operand.column))
        }
        var bits: Int64 = 0
        for letter in letters.lowercased() {
            let bit: Int64
            switch letter {
            case "i": bit = 8
            case "o": bit = 4
            case "r": bit = 2
            case "w": bit = 1
            default: throw AssemblyError("'\(letters)' is not a fence set (letters i, o, r, w)", at: location.at(column: operand.column))
            }
            // The letters must come in the order i, o, r, w, each at most once.
            guard bit < (bits & -bits) || bits == 0 else {
                throw AssemblyError("'\(letters)' is not a fence set (letters i, o, r, w in that order)", at: location.at(column: operand.column))
            }
            bits |= bit
        }
        return bits
    }

    /// An immediate operand: a value checked against `field` now when it is constant,
    /// otherwise an expression for after layout.
    func immediate(_ expression: Expression, column: Int, field: OperandField, _ location: SourceLocation) throws -> OperandValue {
        guard let value = tryConstant(expression) else { return .expression(expression, column: column) }
        try checkRange(value, field: field, at: location.at(column: column))
        return .value(value)
    }

    func checkRange(_ value: Int64, field: OperandField, at location: SourceLocation) throws {
        let shown = value
        guard !field.accepts(value) else { return }
        if field.isCompressedRegister {
            throw AssemblyError("register \(Registers.name(Int(value & 31))) cannot be used here: compressed instructions take \(field.registerRangeDescription)", at: location)
        }
        if value >= field.minimum && value <= field.maximum {
            throw AssemblyError("immediate \(shown) must be a multiple of \(field.alignment)", at: location)
        }
        let range = field.minimum < 0 ? "\(field.minimum)..\(field.maximum)" : "0..\(field.maximum)"
        let what = field.kind == .target ? "offset" : "immediate"
        throw AssemblyError("\(what) \(shown) out of range \(range)" + (field.alignment > 1 ? " (a multiple of \(field.alignment))" : ""), at: location)
    }

    /// Matches operands against `spec`'s syntax; returns field values.
    func operands(for spec: InstructionSpec, _ operands: [OperandText], _ location: SourceLocation, at here: SourceLocation) throws -> [String: OperandValue] {
        let groups = spec.syntax.tokens.split(separator: .comma, omittingEmptySubsequences: false).map(Array.init)
        let expected = spec.syntax.tokens.isEmpty ? 0 : groups.count
        guard operands.count == expected else {
            let form = expected == 0 ? spec.name : "\(spec.name) \(spec.syntax)"
            throw AssemblyError("'\(spec.name)' takes \(expected) operand\(expected == 1 ? "" : "s"): \(form)", at: here)
        }
        var values: [String: OperandValue] = [:]
        for (group, operand) in zip(groups, operands) {
            try match(group, operand, into: &values, location)
        }
        return values
    }

    private func match(_ group: [Syntax.Token], _ operand: OperandText, into values: inout [String: OperandValue], _ location: SourceLocation) throws {
        let operandLocation = location.at(column: operand.column)
        switch group.count {
        case 1:
            switch group[0] {
            case .register(let fixed):
                let number = try register(operand, location)
                guard number == Int64(fixed) else { throw AssemblyError("expected register \(Registers.name(fixed)) here", at: operandLocation) }
            case .field(let name):
                let field = OperandFields.named(name)
                switch field.kind {
                case .register:
                    let number = try register(operand, location)
                    try checkRange(number, field: field, at: operandLocation)
                    values[name] = .value(number)
                case .csr: values[name] = .value(try csr(operand, location))
                case .fenceSet: values[name] = .value(try fenceSet(operand, location))
                case .immediate:
                    if operand.isRegister { throw AssemblyError("expected an immediate, found a register", at: operandLocation) }
                    var value = try expression(operand, location)
                    // c.lui is written like lui: negative values as 0xfffe0..0xfffff.
                    if name == "c.luimm", let number = tryConstant(value), (0xfffe0...0xfffff).contains(number) {
                        value = .number(number - 0x100000)
                    }
                    values[name] = try immediate(value, column: operand.column, field: field, location)
                case .target:
                    values[name] = .expression(try expression(operand, location), column: operand.column)
                }
            default:
                throw AssemblyError("unexpected operand", at: operandLocation)
            }
        default:
            // `offset(base)` or `(base)`.
            let memory = try self.memory(operand, location)
            let offsetField: OperandField? = group.count == 4 ? { if case .field(let name) = group[0] { return OperandFields.named(name) } else { return nil } }() : nil
            if let offsetField {
                values[offsetField.name] = try immediate(memory.offset, column: memory.column, field: offsetField, location)
            } else if tryConstant(memory.offset) != 0 {
                throw AssemblyError("this instruction takes no offset: write (register)", at: operandLocation)
            }
            switch group[group.count - 2] {
            case .field(let name):
                let field = OperandFields.named(name)
                try checkRange(memory.base, field: field, at: operandLocation)
                values[name] = .value(memory.base)
            case .register(let fixed):
                guard memory.base == Int64(fixed) else { throw AssemblyError("the base register must be \(Registers.name(fixed))", at: operandLocation) }
            default:
                throw AssemblyError("unexpected operand", at: operandLocation)
            }
        }
    }
}

extension OperandField {
    /// Compressed register fields reject x0..x7 and x16..x31 with a clear message.
    var registerRangeDescription: String { isCompressedRegister ? "x8..x15 (s0, s1, a0-a5)" : "x0..x31" }
}
