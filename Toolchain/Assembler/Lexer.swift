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

/// ASCII classes for the lexer: identifiers, digits, spaces. Source outside strings and
/// comments is ASCII; bytes of other characters are never part of a token.
enum ASCII {
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0d || byte == 0x0b || byte == 0x0c }
    /// Letters, digits, `_`, `.` and `$`: the characters of a symbol name.
    static func isSymbolCharacter(_ byte: UInt8) -> Bool {
        isLetter(byte) || isDigit(byte) || byte == 0x5f || byte == 0x2e || byte == 0x24
    }

    static func isSymbolCharacter(_ character: Character) -> Bool {
        guard let value = character.asciiValue else { return false }
        return isSymbolCharacter(value)
    }

    static func isSpace(_ character: Character) -> Bool {
        guard let value = character.asciiValue else { return false }
        return isSpace(value)
    }
}

struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private let baseColumn: Int
    private let location: SourceLocation

    /// Tokenizes `text`, which starts at column `baseColumn` of `location`'s line.
    init(_ text: Substring, baseColumn: Int, location: SourceLocation) {
        bytes = Array(text.utf8)
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

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    mutating func next() throws -> Token? {
        while index < bytes.count, ASCII.isSpace(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let start = column
        let byte = bytes[index]
        if ASCII.isDigit(byte) { return Token(kind: try number(), column: start) }
        if ASCII.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "$") {
            return Token(kind: .identifier(identifier()), column: start)
        }
        if byte == UInt8(ascii: "\"") { return Token(kind: .string(try string()), column: start) }
        if byte == UInt8(ascii: "'") { return Token(kind: .number(try characterConstant()), column: start) }
        if byte == UInt8(ascii: "%"), let next = peek(1), ASCII.isLetter(next) {
            index += 1
            return Token(kind: .relocation(identifier()), column: start)
        }
        if let next = peek(1) {
            let pair = String(decoding: [byte, next], as: UTF8.self)
            if ["<<", ">>", "==", "!=", "<=", ">=", "&&", "||", "<>"].contains(pair) {
                index += 2
                return Token(kind: .symbol(pair), column: start)
            }
        }
        index += 1
        if Array("+-*/%&|^~!(),<>=:@".utf8).contains(byte) {
            return Token(kind: .symbol(String(UnicodeScalar(byte))), column: start)
        }
        // Report the whole character, not one byte of it.
        var end = index
        while end < bytes.count, bytes[end] & 0xc0 == 0x80 { end += 1 }
        let character = String(decoding: bytes[(index - 1)..<end], as: UTF8.self)
        throw error("unexpected character '\(character)'", column: start)
    }

    private mutating func identifier() -> String {
        let start = index
        while index < bytes.count, ASCII.isSymbolCharacter(bytes[index]) { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func number() throws -> Token.Kind {
        let start = column
        let first = index
        while index < bytes.count, ASCII.isLetter(bytes[index]) || ASCII.isDigit(bytes[index]) || bytes[index] == UInt8(ascii: "_") {
            index += 1
        }
        let text = String(decoding: bytes[first..<index], as: UTF8.self)
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
        guard index < bytes.count else { throw error("unterminated character constant", column: start) }
        var value: UInt8
        if bytes[index] == UInt8(ascii: "\\") {
            index += 1
            value = try escape(start: start)
        } else {
            value = bytes[index]
            index += 1
        }
        // GNU as allows the closing quote to be omitted: 'a is the same as 'a'.
        if index < bytes.count, bytes[index] == UInt8(ascii: "'") { index += 1 }
        return Int64(value)
    }

    private mutating func string() throws -> [UInt8] {
        let start = column
        index += 1
        var result: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return result }
            if byte == UInt8(ascii: "\\") {
                guard index < bytes.count else { break }
                result.append(try escape(start: start))
            } else {
                result.append(byte)
            }
        }
        throw error("unterminated string", column: start)
    }

    /// Reads the escape after a backslash: C escapes, octal `\NNN`, hex `\xHH`.
    private mutating func escape(start: Int) throws -> UInt8 {
        guard index < bytes.count else { throw error("unterminated escape", column: start) }
        let byte = bytes[index]
        index += 1
        switch UnicodeScalar(byte) {
        case "n": return 10
        case "t": return 9
        case "r": return 13
        case "b": return 8
        case "f": return 12
        case "v": return 11
        case "a": return 7
        case "e": return 27
        case "x", "X":
            var value: UInt32 = 0
            var count = 0
            while index < bytes.count, let digit = Character(UnicodeScalar(bytes[index])).hexDigitValue {
                value = (value << 4 | UInt32(digit)) & 0xff
                index += 1
                count += 1
            }
            guard count > 0 else { throw error("\\x used with no following hex digits", column: column - 2) }
            return UInt8(value)
        case "0"..."7":
            var value = UInt32(byte - 0x30)
            var count = 1
            while count < 3, index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x37 {
                value = value << 3 | UInt32(bytes[index] - 0x30)
                index += 1
                count += 1
            }
            return UInt8(truncatingIfNeeded: value)
        default:
            // `\\`, `\"`, `\'` and any other character stand for themselves.
            return byte
        }
    }
}
