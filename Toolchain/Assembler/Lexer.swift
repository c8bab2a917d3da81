// Tokens of GNU `as` operand syntax: identifiers (with `.`, `$` and `_`), numbers (decimal,
// `0x`, `0b`, leading-zero octal, 'c' character constants), numeric label references (`1b`,
// `1f`), strings with C escapes, `%hi`-style relocation operators, and punctuation.

struct Token: Equatable {
    enum Kind: Equatable {
        case identifier(String)
        case number(Int64)
        /// A numeric local label reference: `1b` is (1, false), `2f` is (2, true).
        case localLabel(Int, forward: Bool)
        case string([UInt8])
        /// `%hi`, `%lo`, `%pcrel_hi`, `%pcrel_lo`.
        case relocation(String)
        /// One- or two-character operators and punctuation: `,` `(` `)` `+` `<<` `==` ...
        case symbol(String)
    }

    let kind: Kind
    /// Column of the token's first character (1-based) in the source line.
    let column: Int
}

struct Lexer {
    private let characters: [Character]
    private var index = 0
    private let baseColumn: Int
    private let location: SourceLocation

    /// Tokenizes `text`, which starts at column `baseColumn` of `location`'s line.
    init(_ text: Substring, baseColumn: Int, location: SourceLocation) {
        characters = Array(text)
        self.baseColumn = baseColumn
        self.location = location
    }

    static func tokenize(_ text: Substring, baseColumn: Int, location: SourceLocation) throws -> [Token] {
        var lexer = Lexer(text, baseColumn: baseColumn, location: location)
        var tokens: [Token] = []
        while let token = try lexer.next() { tokens.append(token) }
        return tokens
    }

    private var column: Int { baseColumn + index }

    private func error(_ message: String, column: Int) -> AssemblyError {
        AssemblyError(message, at: location.at(column: column))
    }

    mutating func next() throws -> Token? {
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        guard index < characters.count else { return nil }
        let start = column
        let character = characters[index]
        if character.isNumber { return Token(kind: try number(), column: start) }
        if character.isLetter || character == "_" || character == "." || character == "$" {
            return Token(kind: .identifier(identifier()), column: start)
        }
        if character == "\"" { return Token(kind: .string(try string()), column: start) }
        if character == "'" { return Token(kind: .number(try characterConstant()), column: start) }
        if character == "%" && index + 1 < characters.count && characters[index + 1].isLetter {
            index += 1
            return Token(kind: .relocation(identifier()), column: start)
        }
        for pair in ["<<", ">>", "==", "!=", "<=", ">=", "&&", "||", "<>"] where matches(pair) {
            index += 2
            return Token(kind: .symbol(pair), column: start)
        }
        index += 1
        if "+-*/%&|^~!(),<>=:@".contains(character) { return Token(kind: .symbol(String(character)), column: start) }
        throw error("unexpected character '\(character)'", column: start)
    }

    private func matches(_ text: String) -> Bool {
        var position = index
        for character in text {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
        }
        return true
    }

    private mutating func identifier() -> String {
        var text = ""
        while index < characters.count {
            let character = characters[index]
            guard character.isLetter || character.isNumber || "_.$".contains(character) else { break }
            text.append(character)
            index += 1
        }
        return text
    }

    private mutating func number() throws -> Token.Kind {
        let start = column
        var text = ""
        while index < characters.count, characters[index].isLetter || characters[index].isNumber || characters[index] == "_" {
            text.append(characters[index])
            index += 1
        }
        let lower = text.lowercased()
        // `1b` / `1f`: references to numeric local labels.
        if let last = lower.last, last == "b" || last == "f", let label = Int(lower.dropLast()), !lower.hasPrefix("0x"), !lower.hasPrefix("0b") || lower.count == 2 {
            return .localLabel(label, forward: last == "f")
        }
        let digits: Substring, radix: Int
        if lower.hasPrefix("0x") { digits = lower.dropFirst(2); radix = 16 }
        else if lower.hasPrefix("0b") { digits = lower.dropFirst(2); radix = 2 }
        else if lower.count > 1 && lower.hasPrefix("0") { digits = lower.dropFirst(1); radix = 8 }
        else { digits = Substring(lower); radix = 10 }
        guard !digits.isEmpty, let value = UInt64(digits, radix: radix) else {
            throw error("invalid number '\(text)'", column: start)
        }
        return .number(Int64(bitPattern: value))
    }

    private mutating func characterConstant() throws -> Int64 {
        let start = column
        index += 1
        guard index < characters.count else { throw error("unterminated character constant", column: start) }
        var value: UInt8
        if characters[index] == "\\" {
            index += 1
            value = try escape(start: start)
        } else {
            value = characters[index].utf8.first ?? 0
            index += 1
        }
        // GNU as allows the closing quote to be omitted: 'a is the same as 'a'.
        if index < characters.count, characters[index] == "'" { index += 1 }
        return Int64(value)
    }

    private mutating func string() throws -> [UInt8] {
        let start = column
        index += 1
        var bytes: [UInt8] = []
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\"" { return bytes }
            if character == "\\" {
                guard index < characters.count else { break }
                bytes.append(try escape(start: start))
            } else {
                bytes.append(contentsOf: Array(String(character).utf8))
            }
        }
        throw error("unterminated string", column: start)
    }

    /// Reads the escape after a backslash: C escapes, octal `\NNN`, hex `\xHH`.
    private mutating func escape(start: Int) throws -> UInt8 {
        guard index < characters.count else { throw error("unterminated escape", column: start) }
        let character = characters[index]
        index += 1
        switch character {
        case "n": return 10
        case "t": return 9
        case "r": return 13
        case "b": return 8
        case "f": return 12
        case "v": return 11
        case "a": return 7
        case "e": return 27
        case "\\": return 92
        case "\"": return 34
        case "'": return 39
        case "x", "X":
            var value: UInt32 = 0
            var count = 0
            while index < characters.count, let digit = characters[index].hexDigitValue {
                value = (value << 4 | UInt32(digit)) & 0xff
                index += 1
                count += 1
            }
            guard count > 0 else { throw error("\\x used with no following hex digits", column: column - 2) }
            return UInt8(value)
        case "0"..."7":
            var value = UInt32(character.wholeNumberValue ?? 0)
            var count = 1
            while count < 3, index < characters.count, let digit = characters[index].wholeNumberValue, digit < 8 {
                value = value << 3 | UInt32(digit)
                index += 1
                count += 1
            }
            return UInt8(truncatingIfNeeded: value)
        default:
            return character.utf8.first ?? 0
        }
    }
}
