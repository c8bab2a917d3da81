// Integer expressions as GNU `as` reads them: `+ - * / % << >> & | ^ ~ !`, comparisons,
// parentheses, symbols, `.` (the current address), and the relocation operators `%hi`,
// `%lo`, `%pcrel_hi`, `%pcrel_lo`. Precedence follows the GNU as manual ("Infix
// Operators"): `* / % << >>` bind tightest, then `| & ^ !`, then `+ -` and comparisons,
// then `&& ||`.
//
// There is no linker: after layout every label has its final address, so every expression
// evaluates to one 64-bit number.

indirect enum Expression {
    case number(Int64)
    case symbol(String, column: Int)
    /// `.`: the address of the statement being assembled.
    case here
    case unary(String, Expression)
    case binary(String, Expression, Expression)
    case relocation(String, Expression, column: Int)

    /// The value when the expression needs no symbol: a plain number at parse time.
    var constantValue: Int64? {
        try? evaluate(EvaluationContext(address: nil, symbol: { _ in nil }, pcrelHigh: { _ in nil }))
    }

    /// True when the expression mentions a symbol or `.`.
    var isSymbolic: Bool {
        switch self {
        case .number: return false
        case .symbol, .here, .relocation: return true
        case .unary(_, let operand): return operand.isSymbolic
        case .binary(_, let left, let right): return left.isSymbolic || right.isSymbolic
        }
    }

    /// The single symbol of `symbol`, `symbol + n` or `symbol - n`, with the addend.
    var symbolAndAddend: (name: String, addend: Int64)? {
        switch self {
        case .symbol(let name, _): return (name, 0)
        case .binary("+", let left, let right):
            if let base = left.symbolAndAddend, let addend = right.constantValue { return (base.name, base.addend &+ addend) }
            if let base = right.symbolAndAddend, let addend = left.constantValue { return (base.name, base.addend &+ addend) }
            return nil
        case .binary("-", let left, let right):
            if let base = left.symbolAndAddend, let addend = right.constantValue { return (base.name, base.addend &- addend) }
            return nil
        default: return nil
        }
    }

    /// Every symbol the expression names, for "undefined symbol" reports.
    var symbols: [(String, Int)] {
        switch self {
        case .number, .here: return []
        case .symbol(let name, let column): return [(name, column)]
        case .unary(_, let operand), .relocation(_, let operand, _): return operand.symbols
        case .binary(_, let left, let right): return left.symbols + right.symbols
        }
    }
}

/// What an expression needs from the assembler to be evaluated.
struct EvaluationContext {
    /// The address of the statement (for `.` and pc-relative operators); nil before layout.
    let address: Int64?
    /// A symbol's value, or nil when it is not (yet) known.
    let symbol: (String) -> Int64?
    /// For `%pcrel_lo(label)`: the pc-relative offset computed by the `%pcrel_hi` of the
    /// instruction at `label`'s address.
    let pcrelHigh: (Int64) -> Int64?
}

/// An expression could not be evaluated: an unknown symbol, or an arithmetic fault.
struct EvaluationFailure: Error {
    let message: String
    let column: Int?
}

extension Expression {
    func evaluate(_ context: EvaluationContext) throws(EvaluationFailure) -> Int64 {
        switch self {
        case .number(let value):
            return value
        case .symbol(let name, let column):
            guard let value = context.symbol(name) else {
                throw EvaluationFailure(message: "undefined symbol '\(name)'", column: column)
            }
            return value
        case .here:
            guard let address = context.address else {
                throw EvaluationFailure(message: "'.' is not a constant here", column: nil)
            }
            return address
        case .unary(let op, let operand):
            let value = try operand.evaluate(context)
            switch op {
            case "-": return 0 &- value
            case "~": return ~value
            case "!": return value == 0 ? 1 : 0
            default: return value
            }
        case .binary(let op, let left, let right):
            return try Expression.apply(op, try left.evaluate(context), try right.evaluate(context))
        case .relocation(let name, let operand, let column):
            return try Expression.relocate(name, operand, column: column, context)
        }
    }

    private static func apply(_ op: String, _ a: Int64, _ b: Int64) throws(EvaluationFailure) -> Int64 {
        switch op {
        case "+": return a &+ b
        case "-": return a &- b
        case "*": return a &* b
        case "/", "%":
            guard b != 0 else { throw EvaluationFailure(message: "division by zero", column: nil) }
            if a == .min && b == -1 { return op == "/" ? a : 0 }
            return op == "/" ? a / b : a % b
        case "<<": return b >= 64 || b < 0 ? 0 : a << b
        case ">>": return b >= 64 || b < 0 ? (a < 0 ? -1 : 0) : a >> b
        case "&": return a & b
        case "|": return a | b
        case "^": return a ^ b
        case "!": return a | ~b
        // GNU as yields -1 for true comparisons.
        case "==": return a == b ? -1 : 0
        case "!=", "<>": return a != b ? -1 : 0
        case "<": return a < b ? -1 : 0
        case ">": return a > b ? -1 : 0
        case "<=": return a <= b ? -1 : 0
        case ">=": return a >= b ? -1 : 0
        case "&&": return a != 0 && b != 0 ? 1 : 0
        case "||": return a != 0 || b != 0 ? 1 : 0
        default: throw EvaluationFailure(message: "unknown operator \(op)", column: nil)
        }
    }

    /// `%hi`/`%lo` split an absolute value for `lui`+`addi`; the `%pcrel_` forms split the
    /// distance from the `auipc` (RISC-V psABI, "Relocations").
    private static func relocate(_ name: String, _ operand: Expression, column: Int,
                                 _ context: EvaluationContext) throws(EvaluationFailure) -> Int64 {
        let value = try operand.evaluate(context)
        switch name {
        case "hi":
            try checkHigh(value, "%hi", column: column)
            return ((value &+ 0x800) >> 12) & 0xfffff
        case "lo":
            return lowPart(value)
        case "pcrel_hi":
            guard let address = context.address else {
                throw EvaluationFailure(message: "%pcrel_hi is not a constant", column: column)
            }
            let offset = value &- address
            try checkHigh(offset, "%pcrel_hi", column: column)
            return ((offset &+ 0x800) >> 12) & 0xfffff
        case "pcrel_lo":
            guard let offset = context.pcrelHigh(value) else {
                throw EvaluationFailure(message: "%pcrel_lo must name the label of an auipc with %pcrel_hi", column: column)
            }
            return lowPart(offset)
        default:
            throw EvaluationFailure(message: "unknown relocation operator %\(name)", column: column)
        }
    }

    static func lowPart(_ value: Int64) -> Int64 {
        ((value & 0xfff) ^ 0x800) - 0x800
    }

    private static func checkHigh(_ value: Int64, _ name: String, column: Int) throws(EvaluationFailure) {
        guard value >= -0x8000_0800 && value < 0x7fff_f800 else {
            throw EvaluationFailure(message: "\(name) value 0x\(String(UInt64(bitPattern: value), radix: 16)) does not fit in a sign-extended 32-bit offset", column: column)
        }
    }
}

/// Parses an expression from tokens; `position` advances past it.
struct ExpressionParser {
    let tokens: [Token]
    var position: Int
    let location: SourceLocation
    /// Maps a numeric label reference (`1b`) to the internal symbol name.
    let localLabel: (Int, Bool) -> String

    mutating func parse() throws -> Expression {
        try parseLevel(0)
    }

    /// Binary operators by precedence level, lowest first (GNU as "Infix Operators").
    private static let levels: [[String]] = [
        ["&&", "||"],
        ["+", "-", "==", "!=", "<>", "<", ">", "<=", ">="],
        ["|", "&", "^", "!"],
        ["*", "/", "%", "<<", ">>"],
    ]

    private mutating func parseLevel(_ level: Int) throws -> Expression {
        if level == Self.levels.count { return try parseUnary() }
        var left = try parseLevel(level + 1)
        while position < tokens.count, case .symbol(let op) = tokens[position].kind, Self.levels[level].contains(op) {
            position += 1
            let right = try parseLevel(level + 1)
            left = .binary(op, left, right)
        }
        return left
    }

    private mutating func parseUnary() throws -> Expression {
        guard position < tokens.count else { throw error("expected an expression", column: endColumn) }
        let token = tokens[position]
        position += 1
        switch token.kind {
        case .number(let value):
            return .number(value)
        case .identifier(let name):
            return name == "." ? .here : .symbol(name, column: token.column)
        case .localLabel(let number, let forward):
            return .symbol(localLabel(number, forward), column: token.column)
        case .symbol("-"), .symbol("~"), .symbol("!"), .symbol("+"):
            guard case .symbol(let op) = token.kind else { fatalError() }
            return .unary(op, try parseUnary())
        case .symbol("("):
            let inner = try parseLevel(0)
            try expect(")")
            return inner
        case .relocation(let name):
            try expect("(")
            let inner = try parseLevel(0)
            try expect(")")
            return .relocation(name, inner, column: token.column)
        default:
            throw error("expected an expression", column: token.column)
        }
    }

    private mutating func expect(_ symbol: String) throws {
        guard position < tokens.count, tokens[position].kind == .symbol(symbol) else {
            throw error("expected '\(symbol)'", column: position < tokens.count ? tokens[position].column : endColumn)
        }
        position += 1
    }

    private var endColumn: Int { location.lineText.count + 1 }

    private func error(_ message: String, column: Int) -> AssemblyError {
        AssemblyError(message, at: location.at(column: column))
    }
}
