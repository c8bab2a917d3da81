// Statements: labels, `symbol = value`, directives, macro calls and instructions. The
// directives are GNU as's (the "Assembler Directives" chapter of its manual, and the
// RISC-V `.option` directive); `.rodata` is accepted as shorthand for `.section .rodata`.

import Foundation

extension AssemblerState {
    func assembleStatement(_ text: Substring, column: Int, location: SourceLocation) {
        var rest = text
        var column = column
        do {
            // Labels: `name:` and numeric `1:`, any number of them.
            while true {
                let trimmed = rest.drop { $0 == " " || $0 == "\t" }
                column += rest.count - trimmed.count
                rest = trimmed
                let word = rest.prefix { ASCII.isSymbolCharacter($0) }
                guard !word.isEmpty, rest.dropFirst(word.count).first == ":" else { break }
                let labelLocation = location.at(column: column)
                if let number = Int(word) { defineLocalLabel(number, at: labelLocation) }
                else if word.first!.asciiValue.map(ASCII.isDigit) == true { throw AssemblyError("invalid label '\(word)'", at: labelLocation) }
                else { defineLabel(String(word), at: labelLocation) }
                rest = rest.dropFirst(word.count + 1)
                column += word.count + 1
            }
            let word = rest.prefix { !ASCII.isSpace($0) && $0 != "=" }
            guard !word.isEmpty else {
                if !rest.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw AssemblyError("expected a statement", at: location.at(column: column))
                }
                return
            }
            let operands = rest.dropFirst(word.count)
            let operandColumn = column + word.count
            let statementLocation = location.at(column: column)
            // `name = expression` is `.set name, expression`.
            let afterWord = operands.drop { $0 == " " || $0 == "\t" }
            if afterWord.first == "=" && afterWord.dropFirst().first != "=" {
                let valueText = afterWord.dropFirst()
                let valueColumn = operandColumn + (operands.count - valueText.count)
                try assign(String(word), valueText, column: valueColumn, location: location, redefinable: true)
                return
            }
            let name = String(word)
            if name.hasPrefix(".") && macros[name] == nil {
                try directive(name.lowercased(), operands, column: operandColumn, location: location, at: statementLocation)
            } else if let macro = macros[name] {
                invoke(macro, arguments: operands, location: statementLocation)
            } else {
                try instruction(name.lowercased(), operands, column: operandColumn, location: location, at: statementLocation)
            }
        } catch let failure as AssemblyError {
            record(failure)
        } catch {
            self.error("\(error)", at: location)
        }
    }

    /// `.equ`, `.set` and `=`: a constant when it can be evaluated now, else an expression
    /// evaluated after layout.
    func assign(_ name: String, _ text: Substring, column: Int, location: SourceLocation, redefinable: Bool) throws {
        let expression = try parseExpression(text, column: column, location: location)
        let value: SymbolValue = tryConstant(expression).map { .constant($0) } ?? .expression(expression)
        define(name, value, at: location.at(column: column), redefinable: redefinable)
    }

    // swiftlint:disable:next cyclomatic_complexity
    func directive(_ name: String, _ operands: Substring, column: Int, location: SourceLocation, at here: SourceLocation) throws {
        let arguments = { AssemblerState.splitArguments(operands) }
        switch name {
        case ".text", ".data", ".bss", ".rodata":
            switchSection(to: section(named: name, flags: nil, noBits: nil))
        case ".section", ".pushsection":
            let parts = arguments()
            guard let sectionName = parts.first, !sectionName.isEmpty else { throw AssemblyError("'\(name)' needs a section name", at: here) }
            var flags: ProgramSection.Flags? = nil
            var noBits: Bool? = nil
            if parts.count > 1 {
                let flagText = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                var parsed: ProgramSection.Flags = []
                for character in flagText {
                    switch character {
                    case "a": parsed.insert(.alloc)
                    case "w": parsed.insert(.write)
                    case "x": parsed.insert(.execute)
                    case "M", "S", "G", "T", "R", "o", "?": break
                    default: throw AssemblyError("unknown section flag '\(character)'", at: here)
                    }
                }
                flags = parsed
            }
            if parts.count > 2 { noBits = parts[2].contains("nobits") }
            let index = section(named: sectionName.trimmingCharacters(in: CharacterSet(charactersIn: "\"")), flags: flags, noBits: noBits)
            if name == ".pushsection" { sectionStack.append(current) }
            switchSection(to: index)
        case ".previous":
            switchSection(to: previousSection)
        case ".popsection":
            guard let index = sectionStack.popLast() else { throw AssemblyError("'.popsection' without '.pushsection'", at: here) }
            switchSection(to: index)
        case ".globl", ".global", ".local", ".weak", ".hidden", ".protected", ".internal":
            for symbol in arguments() where !symbol.isEmpty {
                updateSymbol(symbol) { entry in
                    if name == ".local" { entry.isLocalDirective = true; entry.isGlobal = false }
                    else if name != ".hidden" && name != ".protected" && name != ".internal" { entry.isGlobal = true }
                }
            }
        case ".type":
            let parts = arguments()
            guard parts.count == 2 else { throw AssemblyError("'.type' takes a symbol and a type: .type name, @function", at: here) }
            let kind = parts[1].lowercased()
            updateSymbol(parts[0]) { entry in
                if kind.hasSuffix("function") || kind.hasSuffix("func") { entry.type = .function }
                else if kind.hasSuffix("object") { entry.type = .object }
            }
        case ".size":
            let parts = AssemblerState.splitArguments(operands)
            guard parts.count == 2, let comma = operands.firstIndex(of: ",") else {
                throw AssemblyError("'.size' takes a symbol and an expression: .size name, . - name", at: here)
            }
            let valueText = operands[operands.index(after: comma)...]
            let expression = try parseExpression(valueText, column: column + operands.distance(from: operands.startIndex, to: comma) + 1, location: location)
            let sized = sizeExpression(expression)
            updateSymbol(parts[0]) { $0.size = sized }
        case ".equ", ".set", ".equiv":
            guard let comma = operands.firstIndex(of: ",") else { throw AssemblyError("'\(name)' takes a symbol and a value: \(name) NAME, VALUE", at: here) }
            let symbol = operands[..<comma].trimmingCharacters(in: .whitespaces)
            guard !symbol.isEmpty else { throw AssemblyError("'\(name)' needs a symbol name", at: here) }
            if name == ".equiv" && symbols[symbol] != nil { throw AssemblyError("symbol '\(symbol)' is already defined", at: here) }
            let valueColumn = column + operands.distance(from: operands.startIndex, to: comma) + 1
            try assign(symbol, operands[operands.index(after: comma)...], column: valueColumn, location: location, redefinable: name == ".set")
        case ".byte": try data(width: 1, operands, column: column, location: location)
        case ".half", ".2byte", ".short": try data(width: 2, operands, column: column, location: location)
        case ".word", ".4byte", ".long", ".int": try data(width: 4, operands, column: column, location: location)
        case ".dword", ".8byte", ".quad": try data(width: 8, operands, column: column, location: location)
        case ".ascii", ".asciz", ".string":
            let tokens = try Lexer.tokenize(operands, baseColumn: column, location: location)
            var expectString = true
            for token in tokens {
                if expectString, case .string(var bytes) = token.kind {
                    if name != ".ascii" { bytes.append(0) }
                    append(.bytes(bytes), at: location.at(column: token.column))
                    expectString = false
                } else if !expectString, token.kind == .symbol(",") {
                    expectString = true
                } else {
                    throw AssemblyError("'\(name)' expects quoted strings separated by commas", at: location.at(column: token.column))
                }
            }
            if tokens.isEmpty || expectString { throw AssemblyError("'\(name)' expects a quoted string", at: here) }
        case ".zero", ".space", ".skip":
            let parts = try expressions(operands, column: column, location: location)
            guard parts.count == 1 || (parts.count == 2 && name != ".zero") else {
                throw AssemblyError("'\(name)' takes a size\(name == ".zero" ? "" : " and an optional fill byte")", at: here)
            }
            let count = try constant(parts[0].0, at: parts[0].1, what: "the size of '\(name)'")
            guard count >= 0 && count <= 1 << 28 else { throw AssemblyError("size \(count) of '\(name)' out of range 0..\(1 << 28)", at: parts[0].1) }
            let fill = parts.count == 2 ? UInt8(truncatingIfNeeded: try constant(parts[1].0, at: parts[1].1, what: "the fill byte")) : 0
            append(fill == 0 ? .zeros(count) : .bytes([UInt8](repeating: fill, count: Int(count))), at: here)
            if !section.items.isEmpty { section.items[section.items.count - 1].endsFragment = true }
        case ".fill":
            try fill(operands, column: column, location: location, at: here)
        case ".align", ".p2align", ".balign":
            try align(name, operands, column: column, location: location, at: here)
        case ".option":
            try option(operands.trimmingCharacters(in: .whitespaces), at: here)
        case ".include":
            include(try quotedName(operands, at: here), at: here)
        case ".incbin":
            try incbin(operands, column: column, location: location, at: here)
        case ".end":
            ended = true
        case ".error", ".err":
            let text = operands.trimmingCharacters(in: .whitespaces)
            error(text.isEmpty ? ".error directive invoked" : text.trimmingCharacters(in: CharacterSet(charactersIn: "\"")), at: here)
        case ".warning":
            warning(operands.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")), at: here)
        case ".print":
            print(operands.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
        case ".file", ".ident", ".attribute", ".loc", ".addrsig", ".addrsig_sym", ".variant_cc", ".nops":
            break
        default:
            if name.hasPrefix(".cfi_") { break }
            throw AssemblyError("unknown directive '\(name)'", at: here)
        }
    }

    func switchSection(to index: Int) {
        if index != current { previousSection = current }
        current = index
    }

    /// Applies `change` to a symbol's attributes, whether or not it is defined yet.
    func updateSymbol(_ name: String, _ change: (inout SymbolEntry) -> Void) {
        if symbols[name] != nil {
            change(&symbols[name]!)
        } else {
            var entry = pendingAttributes[name] ?? SymbolEntry(value: .constant(0), location: nil)
            change(&entry)
            pendingAttributes[name] = entry
        }
    }

    /// `.size name, . - name` is evaluated where it is written: `.` is replaced by a label.
    private func sizeExpression(_ expression: Expression) -> Expression {
        guard expressionMentionsHere(expression) else { return expression }
        let label = internalLabel()
        defineLabel(label, at: SourceLocation(file: "", line: 0, column: 0, lineText: ""))
        return replaceHere(expression, with: label)
    }

    private func expressionMentionsHere(_ expression: Expression) -> Bool {
        switch expression {
        case .here: return true
        case .number, .symbol: return false
        case .unary(_, let operand), .relocation(_, let operand, _): return expressionMentionsHere(operand)
        case .binary(_, let left, let right): return expressionMentionsHere(left) || expressionMentionsHere(right)
        }
    }

    func replaceHere(_ expression: Expression, with label: String) -> Expression {
        switch expression {
        case .here: return .symbol(label, column: 0)
        case .number, .symbol: return expression
        case .unary(let op, let operand): return .unary(op, replaceHere(operand, with: label))
        case .relocation(let name, let operand, let column): return .relocation(name, replaceHere(operand, with: label), column: column)
        case .binary(let op, let left, let right): return .binary(op, replaceHere(left, with: label), replaceHere(right, with: label))
        }
    }

    /// Comma-separated expressions with the location of each.
    func expressions(_ text: Substring, column: Int, location: SourceLocation) throws -> [(Expression, SourceLocation)] {
        let tokens = try Lexer.tokenize(text, baseColumn: column, location: location)
        var result: [(Expression, SourceLocation)] = []
        var parser = ExpressionParser(tokens: tokens, position: 0, location: location, localLabel: localLabelName)
        while parser.position < tokens.count {
            let start = tokens[parser.position].column
            result.append((try parser.parse(), location.at(column: start)))
            guard parser.position < tokens.count else { break }
            guard tokens[parser.position].kind == .symbol(",") else {
                throw AssemblyError("expected ',' between values", at: location.at(column: tokens[parser.position].column))
            }
            parser.position += 1
            if parser.position == tokens.count { throw AssemblyError("expected a value after ','", at: location.at(column: tokens[parser.position - 1].column)) }
        }
        return result
    }

    private func data(width: Int, _ text: Substring, column: Int, location: SourceLocation) throws {
        for (expression, valueLocation) in try expressions(text, column: column, location: location) {
            // `.` in data means the address of the value itself.
            var value = expression
            if expressionMentionsHere(expression) {
                let label = internalLabel()
                defineLabel(label, at: valueLocation)
                value = replaceHere(expression, with: label)
            }
            if let constant = tryConstant(value) {
                append(.bytes(AssemblerState.littleEndian(constant, width: width, location: valueLocation, state: self)), at: valueLocation)
            } else {
                append(.data(width: width, value), at: valueLocation)
            }
        }
    }

    /// `width` little-endian bytes of `value`; warns when the value does not fit.
    static func littleEndian(_ value: Int64, width: Int, location: SourceLocation, state: AssemblerState?) -> [UInt8] {
        if width < 8 {
            let bits = Int64(width * 8)
            let fits = value >= -(1 << (bits - 1)) && value < (1 << bits)
            if !fits {
                state?.warning("value 0x\(String(UInt64(bitPattern: value), radix: 16)) truncated to \(width) byte\(width == 1 ? "" : "s")", at: location)
            }
        }
        return (0..<width).map { UInt8(truncatingIfNeeded: value >> Int64($0 * 8)) }
    }

    /// `.fill repeat, size, value`: size is capped at 8; as GNU as, bytes above the low 4
    /// of each repetition are zero.
    private func fill(_ text: Substring, column: Int, location: SourceLocation, at here: SourceLocation) throws {
        let parts = try expressions(text, column: column, location: location)
        guard (1...3).contains(parts.count) else { throw AssemblyError("'.fill' takes repeat, size and value", at: here) }
        let repeatCount = try constant(parts[0].0, at: parts[0].1, what: "the repeat count of '.fill'")
        let size = parts.count > 1 ? try constant(parts[1].0, at: parts[1].1, what: "the size of '.fill'") : 1
        let value = parts.count > 2 ? try constant(parts[2].0, at: parts[2].1, what: "the value of '.fill'") : 0
        guard repeatCount >= 0 && repeatCount <= 1 << 28 else { throw AssemblyError("repeat count \(repeatCount) out of range 0..\(1 << 28)", at: parts[0].1) }
        guard size >= 0 else { throw AssemblyError("size \(size) of '.fill' is negative", at: parts[1].1) }
        let width = Int(min(size, 8))
        var unit = [UInt8](repeating: 0, count: width)
        for index in 0..<min(width, 4) { unit[index] = UInt8(truncatingIfNeeded: value >> Int64(index * 8)) }
        append(.bytes(Array([[UInt8]](repeating: unit, count: Int(repeatCount)).joined())), at: here)
        if !section.items.isEmpty { section.items[section.items.count - 1].endsFragment = true }
    }

    /// `.align` and `.p2align` take a power of two (on RISC-V), `.balign` a byte count;
    /// then an optional fill byte and an optional maximum skip.
    private func align(_ name: String, _ text: Substring, column: Int, location: SourceLocation, at here: SourceLocation) throws {
        let raw = AssemblerState.splitArguments(text)
        var parts: [(Expression, SourceLocation)] = []
        for argument in raw {
            // An empty argument (`.p2align 4,,3`) means "the default".
            parts.append(argument.isEmpty ? (.number(0), here) : (try parseExpression(argument[...], column: column, location: location), here))
        }
        guard (1...3).contains(parts.count) else { throw AssemblyError("'\(name)' takes an alignment, a fill byte and a maximum skip", at: here) }
        let amount = try constant(parts[0].0, at: parts[0].1, what: "the alignment")
        var alignment: Int64
        if name == ".balign" {
            guard amount >= 1 && amount <= 1 << 16 && amount & (amount - 1) == 0 else {
                throw AssemblyError("alignment \(amount) is not a power of 2 in 1..65536", at: parts[0].1)
            }
            alignment = amount
        } else {
            guard amount >= 0 && amount <= 16 else { throw AssemblyError("alignment 2^\(amount) out of range 2^0..2^16", at: parts[0].1) }
            alignment = 1 << amount
        }
        let hasFill = raw.count > 1 && !raw[1].isEmpty
        let fill = hasFill ? UInt8(truncatingIfNeeded: try constant(parts[1].0, at: parts[1].1, what: "the fill byte")) : nil
        let maxSkip = parts.count > 2 ? try constant(parts[2].0, at: parts[2].1, what: "the maximum skip") : nil
        section.alignment = max(section.alignment, alignment)
        // In code, GNU as skips padding to no more than the instruction alignment (2 bytes
        // with RVC, 4 without) but still records the section's alignment.
        if section.isCode && fill == nil && alignment <= (rvc ? 2 : 4) { return }
        append(.align(alignment: alignment, fill: fill, maxSkip: maxSkip), at: here)
    }

    private func option(_ text: String, at here: SourceLocation) throws {
        switch text {
        case "rvc": rvc = true
        case "norvc": rvc = false
        case "push": optionStack.append(rvc)
        case "pop":
            guard let saved = optionStack.popLast() else { throw AssemblyError("'.option pop' without '.option push'", at: here) }
            rvc = saved
        case "relax", "norelax", "pic", "nopic", "csr-check", "no-csr-check":
            // rvmk never relaxes across instructions after layout (like -mno-relax), and
            // always addresses symbols pc-relative.
            break
        default:
            if text.hasPrefix("arch") {
                if text.contains("+c") { rvc = true } else if text.contains("-c") { rvc = false }
                break
            }
            throw AssemblyError("unknown option '\(text)' (rvc, norvc, push, pop, relax, norelax)", at: here)
        }
    }

    private func quotedName(_ text: Substring, at here: SourceLocation) throws -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 2, trimmed.hasPrefix("\""), trimmed.hasSuffix("\"") else {
            throw AssemblyError("expected a quoted file name", at: here)
        }
        return String(trimmed.dropFirst().dropLast())
    }

    private func incbin(_ text: Substring, column: Int, location: SourceLocation, at here: SourceLocation) throws {
        let parts = AssemblerState.splitArguments(text)
        guard let first = parts.first else { throw AssemblyError("'.incbin' needs a file name", at: here) }
        let name = try quotedName(first[...], at: here)
        guard let path = resolveInclude(name, from: location), let data = FileManager.default.contents(atPath: path) else {
            throw AssemblyError("cannot read '\(name)' for '.incbin'", at: here)
        }
        let bytes = [UInt8](data)
        var skip: Int64 = 0
        var count = Int64(bytes.count)
        if parts.count > 1 {
            skip = try constant(try parseExpression(parts[1][...], column: column, location: location), at: here, what: "the skip of '.incbin'")
            count = Int64(bytes.count) - skip
        }
        if parts.count > 2 {
            count = try constant(try parseExpression(parts[2][...], column: column, location: location), at: here, what: "the count of '.incbin'")
        }
        guard skip >= 0, count >= 0, skip <= Int64(bytes.count), count <= Int64(bytes.count) - skip else {
            throw AssemblyError("'.incbin' range \(skip)+\(count) is outside '\(name)' (\(bytes.count) bytes)", at: here)
        }
        append(.bytes(Array(bytes[Int(skip)..<Int(skip + count)])), at: here)
    }
}
