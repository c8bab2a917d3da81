// Reading source: files into lines (comments removed), lines into statements, and the
// block directives that rewrite lines before they are assembled: `.macro`, `.rept`, `.irp`,
// `.irpc`, the `.if` family and `.include`.

import Foundation

extension AssemblerState {
    /// Assembles a whole main file.
    func run(source: String, path: String) {
        includeStack = [AssemblerState.canonical(path)]
        process(AssemblerState.lines(of: source, file: path))
        finish()
    }

    /// Splits a file into lines, removing `#` and `/* */` comments (columns are kept).
    static func lines(of source: String, file: String) -> [SourceLine] {
        var result: [SourceLine] = []
        var inBlockComment = false
        var number = 0
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\"), apostrophe = UInt8(ascii: "'")
        let hash = UInt8(ascii: "#"), slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), space = UInt8(ascii: " ")
        for raw in source.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            let bytes = raw.last == UInt8(ascii: "\r") ? Array(raw.dropLast()) : Array(raw)
            var text: [UInt8] = []
            text.reserveCapacity(bytes.count)
            var inString = false
            var escaped = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                if inBlockComment {
                    if byte == star && index < bytes.count && bytes[index] == slash {
                        inBlockComment = false
                        text += [space, space]
                        index += 1
                    } else {
                        text.append(space)
                    }
                } else if inString {
                    text.append(byte)
                    if escaped { escaped = false } else if byte == backslash { escaped = true } else if byte == quote { inString = false }
                } else if byte == quote {
                    inString = true
                    text.append(byte)
                } else if byte == apostrophe && index < bytes.count {
                    // A character constant: 'x', '\n'; its character may be '#' or ';'.
                    text.append(byte)
                    if bytes[index] == backslash && index + 1 < bytes.count {
                        text.append(bytes[index])
                        index += 1
                    }
                    text.append(bytes[index])
                    index += 1
                } else if byte == hash {
                    break
                } else if byte == slash && index < bytes.count && bytes[index] == star {
                    inBlockComment = true
                    text += [space, space]
                    index += 1
                } else {
                    text.append(byte)
                }
            }
            let original = String(decoding: bytes, as: UTF8.self)
            result.append(SourceLine(text: String(decoding: text, as: UTF8.self),
                                     location: SourceLocation(file: file, line: number, column: 1, lineText: original)))
        }
        return result
    }

    /// Reads `lines`, expanding block directives; statements go to `assembleStatement`.
    func process(_ lines: [SourceLine]) {
        var index = 0
        var conditions: [Conditional] = []
        while index < lines.count && !ended {
            let line = lines[index]
            index += 1
            let head = AssemblerState.leadingWord(of: line.text)
            let active = conditions.allSatisfy(\.isActive)
            if handleConditional(head, line: line, active: active, stack: &conditions) { continue }
            guard active else { continue }
            switch head?.word.lowercased() {
            case ".macro":
                index = collectMacro(lines, from: index, header: line, head: head!)
            case ".rept", ".irp", ".irpc":
                index = collectRepetition(lines, from: index, header: line, head: head!)
            case ".endm", ".endr":
                error("'\(head!.word)' without a matching opening directive", at: line.location.at(column: head!.column))
            case ".exitm":
                if expansionDepth > 0 { return }
                error("'.exitm' outside a macro", at: line.location.at(column: head!.column))
            default:
                for (statement, column) in AssemblerState.statements(of: line.text) {
                    assembleStatement(statement, column: column, location: line.location)
                    if ended { break }
                }
            }
        }
        for open in conditions {
            error("'\(open.directive)' without '.endif'", at: open.location)
        }
    }

    /// The first word of a line after any labels: the directive or mnemonic.
    static func leadingWord(of text: String) -> (word: String, column: Int, rest: Substring)? {
        var remaining = Substring(text)
        var column = 1
        while true {
            let trimmed = remaining.drop { $0 == " " || $0 == "\t" }
            column += remaining.count - trimmed.count
            remaining = trimmed
            let word = remaining.prefix { !ASCII.isSpace($0) && $0 != ":" && $0 != ";" && $0 != "," }
            guard !word.isEmpty else { return nil }
            let after = remaining.dropFirst(word.count)
            if after.first == ":" {
                remaining = after.dropFirst()
                column += word.count + 1
                continue
            }
            return (String(word), column, after)
        }
    }

    /// Splits a line into statements at `;` (outside strings), with their start columns.
    static func statements(of text: String) -> [(Substring, Int)] {
        var result: [(Substring, Int)] = []
        var start = text.startIndex
        var column = 1
        var startColumn = 1
        var quote = false
        var escaped = false
        for index in text.indices {
            let character = text[index]
            if quote {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quote = false }
            } else if character == "\"" {
                quote = true
            } else if character == ";" {
                result.append((text[start..<index], startColumn))
                start = text.index(after: index)
                startColumn = column + 1
            }
            column += 1
        }
        result.append((text[start...], startColumn))
        return result
    }

    // MARK: Conditionals

    struct Conditional {
        let directive: String
        let location: SourceLocation
        /// The enclosing conditionals are all active.
        let parentActive: Bool
        /// The branch being read is taken.
        var taking: Bool
        /// Some branch has been taken (so `.else`/`.elseif` skip).
        var taken: Bool
        var seenElse = false
        var isActive: Bool { parentActive && taking }
    }

    /// Handles `.if`, `.ifdef`, `.ifndef`, `.ifeq`, `.ifne`, `.else`, `.elseif`, `.endif`.
    func handleConditional(_ head: (word: String, column: Int, rest: Substring)?, line: SourceLine,
                           active: Bool, stack: inout [Conditional]) -> Bool {
        guard let head else { return false }
        let word = head.word.lowercased()
        let location = line.location.at(column: head.column)
        switch word {
        case ".if", ".ifdef", ".ifndef", ".ifeq", ".ifne", ".ifnotdef", ".ifgt", ".ifge", ".iflt", ".ifle",
             ".ifb", ".ifnb", ".ifc", ".ifnc":
            var value = false
            if active {
                do { value = try evaluateCondition(word, head.rest, column: head.column + head.word.count, location: line.location) }
                catch let failure as AssemblyError { record(failure) }
                catch {}
            }
            stack.append(Conditional(directive: head.word, location: location, parentActive: active, taking: value, taken: value))
        case ".elseif":
            guard var top = stack.popLast() else { error("'.elseif' without '.if'", at: location); return true }
            var value = false
            if top.parentActive && !top.taken {
                do { value = try evaluateCondition(".if", head.rest, column: head.column + head.word.count, location: line.location) }
                catch let failure as AssemblyError { record(failure) }
                catch {}
            }
            top.taking = value
            top.taken = top.taken || value
            stack.append(top)
        case ".else":
            guard var top = stack.popLast() else { error("'.else' without '.if'", at: location); return true }
            if top.seenElse { error("duplicate '.else'", at: location) }
            top.seenElse = true
            top.taking = !top.taken
            top.taken = true
            stack.append(top)
        case ".endif":
            if stack.popLast() == nil { error("'.endif' without '.if'", at: location) }
        default:
            return false
        }
        return true
    }

    private func evaluateCondition(_ word: String, _ rest: Substring, column: Int, location: SourceLocation) throws -> Bool {
        if word == ".ifb" || word == ".ifnb" {
            let blank = rest.trimmingCharacters(in: .whitespaces).isEmpty
            return word == ".ifb" ? blank : !blank
        }
        if word == ".ifc" || word == ".ifnc" {
            let parts = AssemblerState.splitArguments(rest).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
            guard parts.count == 2 else { throw AssemblyError("'\(word)' compares two strings: \(word) a, b", at: location.at(column: column)) }
            return (parts[0] == parts[1]) == (word == ".ifc")
        }
        if word == ".ifdef" || word == ".ifndef" || word == ".ifnotdef" {
            let name = rest.trimmingCharacters(in: .whitespaces)
            let defined = symbols[name] != nil
            return word == ".ifdef" ? defined : !defined
        }
        let expression = try parseExpression(rest, column: column, location: location)
        let value = try constant(expression, at: location.at(column: column + 1), what: "the condition of '\(word)'")
        switch word {
        case ".ifeq": return value == 0
        case ".ifgt": return value > 0
        case ".ifge": return value >= 0
        case ".iflt": return value < 0
        case ".ifle": return value <= 0
        default: return value != 0
        }
    }

    func parseExpression(_ text: Substring, column: Int, location: SourceLocation) throws -> Expression {
        let tokens = try Lexer.tokenize(text, baseColumn: column, location: location)
        var parser = ExpressionParser(tokens: tokens, position: 0, location: location, localLabel: localLabelName)
        let expression = try parser.parse()
        if parser.position < tokens.count {
            throw AssemblyError("unexpected '\(describe(tokens[parser.position]))' after expression", at: location.at(column: tokens[parser.position].column))
        }
        return expression
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .identifier(let name): return name
        case .number(let value): return String(value)
        case .localLabel(let number, let forward): return "\(number)\(forward ? "f" : "b")"
        case .string: return "string"
        case .relocation(let name): return "%" + name
        case .symbol(let symbol): return symbol
        }
    }

    // MARK: Blocks

    /// Collects the lines up to the `end` that closes a block opened by one of `openers`.
    private func collectBlock(_ lines: [SourceLine], from start: Int, openers: Set<String>, end: String,
                              header: SourceLine, directive: String) -> (body: [SourceLine], next: Int)? {
        var depth = 0
        var index = start
        while index < lines.count {
            let word = AssemblerState.leadingWord(of: lines[index].text)?.word.lowercased() ?? ""
            if openers.contains(word) { depth += 1 }
            if word == end || (end == ".endm" && word == ".endmacro") {
                if depth == 0 { return (Array(lines[start..<index]), index + 1) }
                depth -= 1
            }
            index += 1
        }
        let column = AssemblerState.leadingWord(of: header.text)?.column ?? 1
        error("'\(directive)' without '\(end)'", at: header.location.at(column: column))
        return nil
    }

    private func collectMacro(_ lines: [SourceLine], from start: Int, header: SourceLine,
                              head: (word: String, column: Int, rest: Substring)) -> Int {
        guard let block = collectBlock(lines, from: start, openers: [".macro"], end: ".endm", header: header, directive: ".macro") else {
            return lines.count
        }
        let location = header.location.at(column: head.column)
        do {
            let macro = try parseMacroHeader(head.rest, body: block.body, location: location, column: head.column + head.word.count)
            if macros[macro.name] != nil {
                error("macro '\(macro.name)' is already defined", at: location)
            } else {
                macros[macro.name] = macro
            }
        } catch let failure as AssemblyError {
            record(failure)
        } catch {}
        return block.next
    }

    private func parseMacroHeader(_ text: Substring, body: [SourceLine], location: SourceLocation, column: Int) throws -> Macro {
        // Names and parameters are separated by commas or spaces, outside quoted defaults.
        let parts = AssemblerState.splitWords(String(text), commas: true)
        guard let name = parts.first, !name.isEmpty else { throw AssemblyError("'.macro' needs a name", at: location) }
        var parameters: [Macro.Parameter] = []
        for part in parts.dropFirst() {
            var spec = part
            var defaultValue: String?
            if let equals = spec.firstIndex(of: "=") {
                defaultValue = String(spec[spec.index(after: equals)...])
                spec = String(spec[..<equals])
            }
            var required = false, variadic = false
            if spec.hasSuffix(":req") { required = true; spec.removeLast(4) }
            if spec.hasSuffix(":vararg") { variadic = true; spec.removeLast(7) }
            parameters.append(Macro.Parameter(name: spec, defaultValue: defaultValue, isRequired: required, isVariadic: variadic))
        }
        return Macro(name: name, parameters: parameters, body: body, location: location)
    }

    private func collectRepetition(_ lines: [SourceLine], from start: Int, header: SourceLine,
                                   head: (word: String, column: Int, rest: Substring)) -> Int {
        let directive = head.word.lowercased()
        guard let block = collectBlock(lines, from: start, openers: [".rept", ".irp", ".irpc"], end: ".endr", header: header, directive: directive) else {
            return lines.count
        }
        let location = header.location.at(column: head.column)
        do {
            switch directive {
            case ".rept":
                let expression = try parseExpression(head.rest, column: head.column + head.word.count, location: header.location)
                let count = try constant(expression, at: location, what: "the count of '.rept'")
                guard count >= 0 && count <= 1_000_000 else { throw AssemblyError("'.rept' count \(count) out of range 0..1000000", at: location) }
                for _ in 0..<count where !ended { expand(block.body, substitutions: [:], at: location, name: ".rept") }
            default:
                let parts = head.rest.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
                guard let symbol = parts.first, !symbol.isEmpty else { throw AssemblyError("'\(directive)' needs a symbol", at: location) }
                let values: [String] = directive == ".irp" ? Array(parts.dropFirst()) : (parts.count > 1 ? parts[1].map(String.init) : [])
                for value in values where !ended { expand(block.body, substitutions: [symbol: value], at: location, name: directive) }
            }
        } catch let failure as AssemblyError {
            record(failure)
        } catch {}
        return block.next
    }

    /// Reads `body` with `\name` replaced by `substitutions[name]` and `\@` by the
    /// expansion counter.
    func expand(_ body: [SourceLine], substitutions: [String: String], at location: SourceLocation, name: String) {
        guard expansionDepth < 100 else {
            error("macro '\(name)' expanded too deeply (100 levels): recursion without an end", at: location)
            ended = true
            return
        }
        let counter = macroCounter
        macroCounter += 1
        let lines = body.map { line in
            SourceLine(text: AssemblerState.substitute(line.text, substitutions, counter: counter), location: line.location)
        }
        expansionDepth += 1
        process(lines)
        expansionDepth -= 1
        if ended && expansionDepth == 0 && diagnostics.last?.message.contains("expanded too deeply") == true {
            // The runaway expansion stops the whole run; nothing after it is meaningful.
        }
    }

    static func substitute(_ text: String, _ substitutions: [String: String], counter: Int) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var characters = Substring(text)
        while let slash = characters.firstIndex(of: "\\") {
            result += characters[..<slash]
            characters = characters[characters.index(after: slash)...]
            if characters.first == "@" {
                result += String(counter)
                characters = characters.dropFirst()
                continue
            }
            if characters.hasPrefix("()") {
                characters = characters.dropFirst(2)
                continue
            }
            let name = characters.prefix { ASCII.isSymbolCharacter($0) && $0 != "." }
            if let value = substitutions[String(name)] {
                result += value
                characters = characters.dropFirst(name.count)
            } else {
                result += "\\"
            }
        }
        return result + characters
    }

    /// Expands a macro invocation with the arguments written after its name.
    func invoke(_ macro: Macro, arguments text: Substring, location: SourceLocation) {
        var substitutions: [String: String] = [:]
        var arguments = AssemblerState.splitArguments(text)
        if arguments.count == 1 && macro.parameters.count > 1 {
            arguments = AssemblerState.splitWords(arguments[0])
        }
        var positional = 0
        for argument in arguments {
            if let equals = argument.firstIndex(of: "="), macro.parameters.contains(where: { $0.name == argument[..<equals].trimmingCharacters(in: .whitespaces) }) {
                substitutions[argument[..<equals].trimmingCharacters(in: .whitespaces)] = AssemblerState.unquoted(String(argument[argument.index(after: equals)...]).trimmingCharacters(in: .whitespaces))
                continue
            }
            guard positional < macro.parameters.count else {
                error("too many arguments to macro '\(macro.name)' (it takes \(macro.parameters.count))", at: location)
                return
            }
            let parameter = macro.parameters[positional]
            if parameter.isVariadic {
                let rest = arguments[arguments.firstIndex(of: argument)!...]
                substitutions[parameter.name] = rest.joined(separator: ", ")
                positional = macro.parameters.count
                break
            }
            substitutions[parameter.name] = AssemblerState.unquoted(argument)
            positional += 1
        }
        for parameter in macro.parameters where substitutions[parameter.name] == nil {
            if parameter.isRequired {
                error("missing value for required argument '\(parameter.name)' of macro '\(macro.name)'", at: location)
                return
            }
            substitutions[parameter.name] = AssemblerState.unquoted(parameter.defaultValue ?? "")
        }
        expand(macro.body, substitutions: substitutions, at: location, name: macro.name)
    }

    /// A macro argument written as one quoted string stands for what is inside the quotes,
    /// as in GNU as: `M "a b"` substitutes `a b`, so `.ascii "\text"` works.
    static func unquoted(_ argument: String) -> String {
        let bytes = Array(argument.utf8)
        guard bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") else { return argument }
        var index = 1
        while index < bytes.count - 1 {
            if bytes[index] == UInt8(ascii: "\\") { index += 2; continue }
            if bytes[index] == UInt8(ascii: "\"") { return argument }  // more than one string
            index += 1
        }
        return String(decoding: bytes[1..<bytes.count - 1], as: UTF8.self)
    }

    /// Splits at spaces and tabs outside quotes (macro arguments may be separated by spaces).
    static func splitWords(_ text: String, commas: Bool = false) -> [String] {
        var words: [String] = []
        var current = ""
        var quote = false
        for character in text {
            if character == "\"" { quote.toggle() }
            if !quote && (character == " " || character == "\t" || (commas && character == ",")) {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Splits macro arguments at top-level commas (not inside quotes or parentheses).
    static func splitArguments(_ text: Substring) -> [String] {
        var arguments: [String] = []
        var current = ""
        var depth = 0
        var quote = false
        for character in text {
            if quote {
                current.append(character)
                if character == "\"" { quote = false }
                continue
            }
            switch character {
            case "\"": quote = true; current.append(character)
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0:
                arguments.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            default: current.append(character)
            }
        }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty || !arguments.isEmpty { arguments.append(last) }
        return arguments
    }

    // MARK: Includes

    static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Finds an included file: next to the including file, then in each `-I` directory.
    func resolveInclude(_ name: String, from location: SourceLocation) -> String? {
        if name.hasPrefix("/") { return FileManager.default.fileExists(atPath: name) ? name : nil }
        let directory = URL(fileURLWithPath: location.file).deletingLastPathComponent().path
        for candidate in [directory] + options.includePaths + ["."] {
            let path = candidate.isEmpty ? name : candidate + "/" + name
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        return nil
    }

    func include(_ name: String, at location: SourceLocation) {
        guard let path = resolveInclude(name, from: location) else {
            error("cannot find include file '\(name)'", at: location)
            return
        }
        let key = AssemblerState.canonical(path)
        if includeStack.contains(key) {
            let chain = (includeStack + [key]).map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: " -> ")
            error("include cycle: \(chain)", at: location)
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            error("cannot read include file '\(path)'", at: location)
            return
        }
        includeStack.append(key)
        process(AssemblerState.lines(of: String(decoding: data, as: UTF8.self), file: path))
        includeStack.removeLast()
    }
}
