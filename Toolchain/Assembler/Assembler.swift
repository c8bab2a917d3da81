// The rvmk assembler: GNU `as` syntax for RV64IMAC + Zicsr + Zifencei and the privileged
// instructions, producing the same bytes as `riscv64-unknown-elf-as -mno-relax` followed by
// `ld -Ttext=BASE`. There is no linker: one source file with its includes becomes one
// program, laid out from `base`.
//
// The work happens in three passes:
//   1. reading (`Assembler+Source.swift`): lines are split into statements, macros,
//      repetitions and conditionals are expanded, and each statement becomes items in its
//      section: bytes, data to evaluate later, instructions, relaxable branches, alignment.
//   2. layout (`Assembler+Layout.swift`): branch sizes are chosen the way GNU as relaxes
//      them, then sections are placed the way GNU ld's default script places them.
//   3. encoding (`Assembler+Encoding.swift`): every expression is evaluated against the
//      final addresses and every item becomes bytes.

import Foundation

public struct AssemblerOptions: Sendable {
    /// The address of the first section (`.text`), like `ld -Ttext=`.
    public var base: UInt64 = 0x8000_0000
    /// Directories searched by `.include` and `.incbin` after the including file's own.
    public var includePaths: [String] = []
    /// Symbols defined before the first line, like `as --defsym NAME=VALUE`.
    public var defines: [String: Int64] = [:]

    public init(base: UInt64 = 0x8000_0000, includePaths: [String] = [], defines: [String: Int64] = [:]) {
        self.base = base
        self.includePaths = includePaths
        self.defines = defines
    }
}

public struct AssemblyResult: Sendable {
    /// Errors and warnings, in source order.
    public let diagnostics: [Diagnostic]
    /// The program, when there were no errors.
    public let program: Program?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
}

public enum Assembler {
    /// Assembles the file at `path`.
    public static func assemble(path: String, options: AssemblerOptions = AssemblerOptions()) -> AssemblyResult {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read file" : "no such file"
            return AssemblyResult(diagnostics: [Diagnostic(.error, "\(path): \(reason)", at: nil)], program: nil)
        }
        return assemble(source: String(decoding: data, as: UTF8.self), path: path, options: options)
    }

    /// Assembles `source`; `path` names it in diagnostics and anchors relative includes.
    public static func assemble(source: String, path: String = "<input>", options: AssemblerOptions = AssemblerOptions()) -> AssemblyResult {
        let state = AssemblerState(options: options)
        state.run(source: source, path: path)
        return state.result()
    }
}

/// One section as the source builds it.
final class SectionBuilder {
    let name: String
    let flags: ProgramSection.Flags
    let isNoBits: Bool
    var items: [Item] = []
    var alignment: Int64
    /// Creation order, for placement.
    let order: Int

    init(name: String, flags: ProgramSection.Flags, isNoBits: Bool, alignment: Int64, order: Int) {
        self.name = name
        self.flags = flags
        self.isNoBits = isNoBits
        self.alignment = alignment
        self.order = order
    }

    var isCode: Bool { flags.contains(.execute) }
}

/// What a symbol stands for.
enum SymbolValue {
    /// A label: the address of item `item` of section `section` (or the section's end).
    case label(section: Int, item: Int)
    case constant(Int64)
    /// An `.equ` whose value depends on labels, evaluated after layout.
    case expression(Expression)
}

struct SymbolEntry {
    var value: SymbolValue
    var location: SourceLocation?
    var isGlobal = false
    var isLocalDirective = false
    var type: ProgramSymbol.Kind = .none
    var size: Expression?
    /// `.set` symbols may be redefined; labels and `.equ` may not.
    var isRedefinable = false
}

final class AssemblerState {
    let options: AssemblerOptions
    var diagnostics: [Diagnostic] = []
    var sections: [SectionBuilder] = []
    var current = 0
    /// `.previous` and `.popsection` targets.
    var sectionStack: [Int] = []
    var previousSection = 0
    var symbols: [String: SymbolEntry] = [:]
    /// Symbols named by `.globl` and friends before their definition.
    var pendingAttributes: [String: SymbolEntry] = [:]
    var symbolOrder: [String] = []
    /// Numeric local labels: how many times each number has been defined so far.
    var localLabelCounts: [Int: Int] = [:]
    /// `.option rvc` / `.option norvc`, and the `.option push` stack.
    var rvc = true
    var optionStack: [Bool] = []
    var macros: [String: Macro] = [:]
    /// Counts macro expansions, for `\@`.
    var macroCounter = 0
    var expansionDepth = 0
    /// Files being read, to detect `.include` cycles.
    var includeStack: [String] = []
    var internalLabelCounter = 0
    var usesCompressed = false
    var ended = false
    // Filled by layout and encoding.
    var sectionAddresses: [Int64] = []
    var pcrelHighs: [Int64: Int64] = [:]
    var symbolDepth = 0
    var compressedEmitted = false
    var placementFailed = false
    var program: Program?

    init(options: AssemblerOptions) {
        self.options = options
        // GNU as creates .text, .data and .bss up front, in that order.
        _ = section(named: ".text", flags: nil, noBits: nil)
        _ = section(named: ".data", flags: nil, noBits: nil)
        _ = section(named: ".bss", flags: nil, noBits: nil)
        current = 0
        for (name, value) in options.defines.sorted(by: { $0.key < $1.key }) {
            symbols[name] = SymbolEntry(value: .constant(value), location: nil, isRedefinable: true)
            symbolOrder.append(name)
        }
    }

    var section: SectionBuilder { sections[current] }

    func error(_ message: String, at location: SourceLocation?) {
        // One error per position: a failed `auipc` would otherwise also fail its partner.
        if let location, diagnostics.contains(where: { $0.severity == .error && $0.location == location }) { return }
        diagnostics.append(Diagnostic(.error, message, at: location))
    }

    func warning(_ message: String, at location: SourceLocation?) {
        diagnostics.append(Diagnostic(.warning, message, at: location))
    }

    func record(_ failure: AssemblyError) {
        error(failure.message, at: failure.location)
    }

    /// Finds or creates a section. Flags default by name, as GNU as does.
    func section(named name: String, flags: ProgramSection.Flags?, noBits: Bool?) -> Int {
        if let index = sections.firstIndex(where: { $0.name == name }) { return index }
        let defaults = AssemblerState.defaultFlags(for: name)
        let resolvedFlags = flags ?? defaults.flags
        let isCode = resolvedFlags.contains(.execute)
        // Code sections start 2-byte aligned with RVC, 4 without (GNU as md_begin).
        let builder = SectionBuilder(name: name, flags: resolvedFlags, isNoBits: noBits ?? defaults.noBits,
                                     alignment: isCode ? (rvc ? 2 : 4) : 1, order: sections.count)
        sections.append(builder)
        return sections.count - 1
    }

    static func defaultFlags(for name: String) -> (flags: ProgramSection.Flags, noBits: Bool) {
        func matches(_ prefix: String) -> Bool { name == prefix || name.hasPrefix(prefix + ".") }
        if matches(".text") || matches(".init") || matches(".fini") { return ([.alloc, .execute], false) }
        if matches(".bss") || matches(".sbss") || matches(".tbss") { return ([.alloc, .write], true) }
        if matches(".rodata") || matches(".srodata") { return ([.alloc], false) }
        return ([.alloc, .write], false)
    }

    /// Appends an item to the current section.
    func append(_ kind: Item.Kind, at location: SourceLocation) {
        if section.isNoBits {
            switch kind {
            case .bytes(let bytes) where bytes.allSatisfy({ $0 == 0 }): break
            case .zeros: break
            case .align: break
            default:
                error("section '\(section.name)' holds no data (NOBITS); only zeros, .zero, .space and alignment may go there", at: location)
                return
            }
        }
        section.items.append(Item(kind: kind, location: location))
    }

    /// A fresh label that never reaches the symbol table.
    func internalLabel() -> String {
        internalLabelCounter += 1
        return ".L\u{1}\(internalLabelCounter)"
    }

    /// Defines `name` as a label at the current position.
    func defineLabel(_ name: String, at location: SourceLocation) {
        let value = SymbolValue.label(section: current, item: section.items.count)
        define(name, value, at: location, redefinable: false)
    }

    func define(_ name: String, _ value: SymbolValue, at location: SourceLocation?, redefinable: Bool) {
        if let existing = symbols[name] {
            if existing.isRedefinable && redefinable {
                symbols[name]?.value = value
                return
            }
            if case .none = existing.location {
                // Predeclared by -D: the source wins only through .set.
            }
            var message = "symbol '\(name)' is already defined"
            if let previous = existing.location { message += " (first defined at \(previous.file):\(previous.line))" }
            error(message, at: location)
            return
        }
        var entry = pendingAttributes.removeValue(forKey: name) ?? SymbolEntry(value: value, location: location)
        entry.value = value
        entry.location = location
        entry.isRedefinable = redefinable
        symbols[name] = entry
        symbolOrder.append(name)
    }

    /// The internal name of numeric label `number`: the latest definition (`1b`) or the
    /// next one (`1f`).
    func localLabelName(_ number: Int, forward: Bool) -> String {
        let count = (localLabelCounts[number] ?? 0) + (forward ? 1 : 0)
        return ".L\(number)\u{2}\(count)"
    }

    func defineLocalLabel(_ number: Int, at location: SourceLocation) {
        localLabelCounts[number, default: 0] += 1
        defineLabel(localLabelName(number, forward: false), at: location)
    }

    /// A symbol's value when it is known while reading: constants, and `.set` values.
    func constantValue(of name: String) -> Int64? {
        guard let entry = symbols[name] else { return nil }
        if case .constant(let value) = entry.value { return value }
        return nil
    }

    /// Evaluates an expression that must be a constant now (`.rept`, `.if`, `li`, `.align`).
    func constant(_ expression: Expression, at location: SourceLocation, what: String) throws -> Int64 {
        let context = EvaluationContext(address: nil, symbol: { [unowned self] in constantValue(of: $0) }, pcrelHigh: { _ in nil })
        do {
            return try expression.evaluate(context)
        } catch {
            let column = error.column ?? location.column
            if error.message.hasPrefix("undefined symbol") || error.message.hasPrefix("'.'") {
                throw AssemblyError("\(what) must be a constant known at this point (\(error.message))", at: location.at(column: column))
            }
            throw AssemblyError(error.message, at: location.at(column: column))
        }
    }

    /// Evaluates `expression` now if it can be, else nil (left for after layout).
    func tryConstant(_ expression: Expression) -> Int64? {
        let context = EvaluationContext(address: nil, symbol: { [unowned self] in constantValue(of: $0) }, pcrelHigh: { _ in nil })
        return try? expression.evaluate(context)
    }
}

/// One piece of a section: its size is known when read, except for relaxable branches and
/// alignment, which layout decides.
struct Item {
    enum Kind {
        case bytes([UInt8])
        /// `count` zero bytes (`.zero`, `.space`), kept as a count: a large `.bss` costs nothing.
        case zeros(Int64)
        /// `.byte`/`.half`/`.word`/`.dword` values evaluated after layout.
        case data(width: Int, Expression)
        case instruction(InstructionItem)
        case branch(BranchItem)
        /// Pads to `alignment`; code sections pad with nops unless a fill byte is given.
        case align(alignment: Int64, fill: UInt8?, maxSkip: Int64?)
    }

    var kind: Kind
    let location: SourceLocation
    /// Offset from the section start, set by layout.
    var offset: Int64 = 0
    var size: Int64 = 0
    /// GNU as closes its current fragment after `.space`, `.zero`, `.skip` and `.fill`
    /// (as after branches and alignment); layout's first size estimate depends on it.
    var endsFragment = false

    init(kind: Kind, location: SourceLocation) {
        self.kind = kind
        self.location = location
        switch kind {
        case .bytes(let bytes): size = Int64(bytes.count)
        case .zeros(let count): size = count
        case .data(let width, _): size = Int64(width)
        case .instruction(let instruction): size = Int64(instruction.spec.length)
        case .branch(let branch): size = branch.compressible ? 2 : 4
        case .align: size = 0
        }
    }
}

/// An operand value: known now, or an expression for after layout.
enum OperandValue {
    case value(Int64)
    case expression(Expression, column: Int)
}

/// One instruction with a fixed encoding.
struct InstructionItem {
    let spec: InstructionSpec
    var operands: [String: OperandValue]
}

/// A conditional branch or `j` whose size GNU as chooses by distance: 2 bytes compressed,
/// 4 bytes, or a branch over a `jal` (6 or 8 bytes) when the target is far.
struct BranchItem {
    /// `beq`...`bgeu`, or `jal` for `j`.
    let spec: InstructionSpec
    let rs1: Int64
    let rs2: Int64
    let target: Expression
    let targetColumn: Int
    /// The instruction has a compressed form (`c.beqz`/`c.bnez`/`c.j`) and RVC is on.
    let compressible: Bool
    var isJump: Bool { spec.name == "jal" }
}

/// A macro defined with `.macro`.
struct Macro {
    struct Parameter {
        let name: String
        let defaultValue: String?
        let isRequired: Bool
        let isVariadic: Bool
    }

    let name: String
    let parameters: [Parameter]
    let body: [SourceLine]
    let location: SourceLocation
}

/// A line of source with where it came from.
struct SourceLine {
    let text: String
    let location: SourceLocation
}
