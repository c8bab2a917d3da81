// The one table of instruction encodings (DESIGN.md): name, assembly syntax, the fixed bits
// (riscv-opcodes notation, `14..12=2`), and for each compressed instruction the base
// instruction it expands to (ISA manual, "RVC Instruction Set Listings"). The assembler,
// the disassembler and the decoder's tests all read it, the way riscv-opcodes feeds
// binutils and Spike.
//
// Operand names refer to `OperandFields`. Each entry's fixed bits and operand fields
// together cover all of its bits exactly once (a test checks it).

import Foundation

/// One instruction encoding.
public struct InstructionSpec: Sendable {
    /// The name as written in assembly, `addi`, `amoadd.w.aqrl`, `c.addi4spn`.
    public let name: String
    /// Operand fields in assembly order, with their punctuation: `rd, imm12(rs1)`.
    public let syntax: Syntax
    public let match: UInt32
    public let mask: UInt32
    /// 2 for compressed instructions, 4 otherwise.
    public let length: Int
    /// Fields whose value must be nonzero: zero is a reserved encoding.
    public let reservedIfZero: [String]
    /// Fields whose zero value is a HINT: the encoding is legal, the assembler avoids it.
    public let hintIfZero: [String]
    /// Fields that may not hold 2 (`c.lui` with rd = sp is `c.addi16sp`).
    public let notTwo: [String]
    /// For a compressed instruction, the base instruction it stands for.
    public let expansion: (name: String, syntax: Syntax)?

    init(name: String, syntax: Syntax, match: UInt32, mask: UInt32, length: Int, reservedIfZero: [String],
         hintIfZero: [String], notTwo: [String], expansion: (name: String, syntax: Syntax)?) {
        self.name = name
        self.syntax = syntax
        self.match = match
        self.mask = mask
        self.length = length
        self.reservedIfZero = reservedIfZero
        self.hintIfZero = hintIfZero
        self.notTwo = notTwo
        self.expansion = expansion
        fields = syntax.fieldNames.map(OperandFields.named)
    }

    public var isCompressed: Bool { length == 2 }

    /// The operand fields of this instruction, in syntax order.
    public let fields: [OperandField]

    /// True when `word` is this instruction, reserved encodings excluded.
    public func matches(_ word: UInt32) -> Bool {
        guard word & mask == match else { return false }
        for name in reservedIfZero where OperandFields.named(name).extract(word) == 0 { return false }
        for name in notTwo where OperandFields.named(name).extract(word) == 2 { return false }
        return true
    }
}

/// Assembly syntax: a list of operand references and literals with punctuation.
public struct Syntax: Sendable, CustomStringConvertible {
    public enum Token: Sendable, Equatable {
        case field(String)
        /// A fixed register (`sp` in `c.lwsp`, `x0` in an expansion).
        case register(Int)
        /// A fixed number (`0` in `jalr x0, 0(rs1)`).
        case number(Int64)
        case comma, open, close
    }

    public let tokens: [Token]

    public init(_ text: String) {
        var tokens: [Token] = []
        var word = ""
        func flush() {
            guard !word.isEmpty else { return }
            if let register = Registers.number(word) { tokens.append(.register(register)) }
            else if let number = Int64(word) { tokens.append(.number(number)) }
            else { tokens.append(.field(word)) }
            word = ""
        }
        for character in text {
            switch character {
            case ",": flush(); tokens.append(.comma)
            case "(": flush(); tokens.append(.open)
            case ")": flush(); tokens.append(.close)
            case " ": flush()
            default: word.append(character)
            }
        }
        flush()
        self.tokens = tokens
    }

    public var fieldNames: [String] {
        tokens.compactMap { if case .field(let name) = $0 { return name } else { return nil } }
    }

    public var description: String {
        tokens.map { token -> String in
            switch token {
            case .field(let name): return name
            case .register(let number): return Registers.name(number)
            case .number(let value): return String(value)
            case .comma: return ", "
            case .open: return "("
            case .close: return ")"
            }
        }.joined()
    }
}

public enum InstructionTable {
    /// Every instruction; the decoder tries them in this order.
    public static let all: [InstructionSpec] = entries.map(parse)

    /// Entries by name.
    public static let byName: [String: InstructionSpec] = {
        var table: [String: InstructionSpec] = [:]
        for spec in all where table[spec.name] == nil { table[spec.name] = spec }
        return table
    }()

    /// Compressed instructions grouped by the base instruction they expand to.
    public static let compressedForms: [String: [InstructionSpec]] = {
        var table: [String: [InstructionSpec]] = [:]
        for spec in all { if let base = spec.expansion?.name { table[base, default: []].append(spec) } }
        return table
    }()

    /// The first entry matching `word` (a 16-bit parcel for compressed instructions).
    public static func decode(_ word: UInt32) -> InstructionSpec? {
        let compressed = word & 3 != 3
        let bits = compressed ? word & 0xffff : word
        for spec in compressed ? compressedSpecs : baseSpecs where spec.matches(bits) { return spec }
        return nil
    }

    private static let compressedSpecs = all.filter(\.isCompressed)
    private static let baseSpecs = all.filter { !$0.isCompressed }

    /// One entry: `name syntax | hi..lo=value ... | rules | expansion`. Parsed as bytes:
    /// every `rvmk run` of a program with compressed instructions builds this table, and
    /// String's Unicode-aware splitting and trimming made it most of a short run's time.
    private static func parse(_ line: String) -> InstructionSpec {
        let bytes = Array(line.utf8)
        func trimmed(_ part: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            guard let first = part.firstIndex(where: { $0 != 0x20 }) else { return [] }
            return part[first...part.lastIndex(where: { $0 != 0x20 })!]
        }
        func text(_ part: ArraySlice<UInt8>) -> String { String(decoding: part, as: UTF8.self) }
        func words(_ part: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] { part.split(separator: 0x20) }
        func number(_ digits: ArraySlice<UInt8>) -> UInt32 {
            var value: UInt32 = 0
            if digits.starts(with: [0x30, 0x78]) {  // 0x
                for byte in digits.dropFirst(2) {
                    let digit = byte <= 0x39 ? byte - 0x30 : (byte | 0x20) - 0x61 + 10
                    value = value << 4 | UInt32(digit)
                }
            } else {
                for byte in digits { value = value * 10 + UInt32(byte - 0x30) }
            }
            return value
        }
        let parts = bytes.split(separator: 0x7c, omittingEmptySubsequences: false).map(trimmed)  // |
        let head = parts[0]
        let space = head.firstIndex(of: 0x20)
        let name = text(head[..<(space ?? head.endIndex)])
        let syntax = Syntax(space.map { text(trimmed(head[($0 + 1)...])) } ?? "")
        var match: UInt32 = 0, mask: UInt32 = 0
        for fixed in words(parts[1]) {
            let equals = fixed.firstIndex(of: 0x3d)!  // =
            let range = fixed[..<equals].split(separator: 0x2e).map { Int(number($0)) }  // ..
            let high = range[0], low = range.count > 1 ? range[1] : range[0]
            let value = number(fixed[(equals + 1)...])
            let width = UInt32(high - low + 1)
            let fieldMask: UInt32 = width == 32 ? ~0 : ((1 << width) - 1) << UInt32(low)
            mask |= fieldMask
            match |= (value << UInt32(low)) & fieldMask
        }
        var reserved: [String] = [], hints: [String] = [], notTwo: [String] = []
        if parts.count > 2 {
            for rule in words(parts[2]) {
                let pair = rule.split(separator: 0x3a).map(text)  // :
                switch pair[0] {
                case "nz": reserved.append(pair[1])
                case "hint": hints.append(pair[1])
                case "not2": notTwo.append(pair[1])
                default: preconditionFailure("bad rule \(text(rule)) in \(line)")
                }
            }
        }
        var expansion: (String, Syntax)?
        if parts.count > 3, !parts[3].isEmpty {
            let part = parts[3]
            let space = part.firstIndex(of: 0x20)
            expansion = (text(part[..<(space ?? part.endIndex)]), Syntax(space.map { text(trimmed(part[($0 + 1)...])) } ?? ""))
        }
        let compressed = name.hasPrefix("c.")
        return InstructionSpec(name: name, syntax: syntax, match: match, mask: mask,
                               length: compressed ? 2 : 4, reservedIfZero: reserved,
                               hintIfZero: hints, notTwo: notTwo, expansion: expansion)
    }
}

extension InstructionTable {
    static let entries: [String] = baseEntries + atomicEntries + compressedEntries

    /// RV64I, M, Zicsr, Zifencei and the privileged instructions.
    static let baseEntries: [String] = [
        "lui rd, uimm20                | 6..0=0x37",
        "auipc rd, uimm20              | 6..0=0x17",
        "jal rd, jimm20                | 6..0=0x6f",
        "jalr rd, imm12(rs1)           | 14..12=0 6..0=0x67",
        "beq rs1, rs2, bimm12          | 14..12=0 6..0=0x63",
        "bne rs1, rs2, bimm12          | 14..12=1 6..0=0x63",
        "blt rs1, rs2, bimm12          | 14..12=4 6..0=0x63",
        "bge rs1, rs2, bimm12          | 14..12=5 6..0=0x63",
        "bltu rs1, rs2, bimm12         | 14..12=6 6..0=0x63",
        "bgeu rs1, rs2, bimm12         | 14..12=7 6..0=0x63",
        "lb rd, imm12(rs1)             | 14..12=0 6..0=0x03",
        "lh rd, imm12(rs1)             | 14..12=1 6..0=0x03",
        "lw rd, imm12(rs1)             | 14..12=2 6..0=0x03",
        "ld rd, imm12(rs1)             | 14..12=3 6..0=0x03",
        "lbu rd, imm12(rs1)            | 14..12=4 6..0=0x03",
        "lhu rd, imm12(rs1)            | 14..12=5 6..0=0x03",
        "lwu rd, imm12(rs1)            | 14..12=6 6..0=0x03",
        "sb rs2, simm12(rs1)           | 14..12=0 6..0=0x23",
        "sh rs2, simm12(rs1)           | 14..12=1 6..0=0x23",
        "sw rs2, simm12(rs1)           | 14..12=2 6..0=0x23",
        "sd rs2, simm12(rs1)           | 14..12=3 6..0=0x23",
        "addi rd, rs1, imm12           | 14..12=0 6..0=0x13",
        "slti rd, rs1, imm12           | 14..12=2 6..0=0x13",
        "sltiu rd, rs1, imm12          | 14..12=3 6..0=0x13",
        "xori rd, rs1, imm12           | 14..12=4 6..0=0x13",
        "ori rd, rs1, imm12            | 14..12=6 6..0=0x13",
        "andi rd, rs1, imm12           | 14..12=7 6..0=0x13",
        "slli rd, rs1, shamt6          | 31..26=0 14..12=1 6..0=0x13",
        "srli rd, rs1, shamt6          | 31..26=0 14..12=5 6..0=0x13",
        "srai rd, rs1, shamt6          | 31..26=0x10 14..12=5 6..0=0x13",
        "add rd, rs1, rs2              | 31..25=0 14..12=0 6..0=0x33",
        "sub rd, rs1, rs2              | 31..25=0x20 14..12=0 6..0=0x33",
        "sll rd, rs1, rs2              | 31..25=0 14..12=1 6..0=0x33",
        "slt rd, rs1, rs2              | 31..25=0 14..12=2 6..0=0x33",
        "sltu rd, rs1, rs2             | 31..25=0 14..12=3 6..0=0x33",
        "xor rd, rs1, rs2              | 31..25=0 14..12=4 6..0=0x33",
        "srl rd, rs1, rs2              | 31..25=0 14..12=5 6..0=0x33",
        "sra rd, rs1, rs2              | 31..25=0x20 14..12=5 6..0=0x33",
        "or rd, rs1, rs2               | 31..25=0 14..12=6 6..0=0x33",
        "and rd, rs1, rs2              | 31..25=0 14..12=7 6..0=0x33",
        "fence.tso                     | 31..0=0x8330000f",
        "fence pred, succ              | 31..28=0 19..15=0 14..12=0 11..7=0 6..0=0x0f",
        "fence.i                       | 31..0=0x0000100f",
        "ecall                         | 31..0=0x00000073",
        "ebreak                        | 31..0=0x00100073",
        "addiw rd, rs1, imm12          | 14..12=0 6..0=0x1b",
        "slliw rd, rs1, shamt5         | 31..25=0 14..12=1 6..0=0x1b",
        "srliw rd, rs1, shamt5         | 31..25=0 14..12=5 6..0=0x1b",
        "sraiw rd, rs1, shamt5         | 31..25=0x20 14..12=5 6..0=0x1b",
        "addw rd, rs1, rs2             | 31..25=0 14..12=0 6..0=0x3b",
        "subw rd, rs1, rs2             | 31..25=0x20 14..12=0 6..0=0x3b",
        "sllw rd, rs1, rs2             | 31..25=0 14..12=1 6..0=0x3b",
        "srlw rd, rs1, rs2             | 31..25=0 14..12=5 6..0=0x3b",
        "sraw rd, rs1, rs2             | 31..25=0x20 14..12=5 6..0=0x3b",
        "mul rd, rs1, rs2              | 31..25=1 14..12=0 6..0=0x33",
        "mulh rd, rs1, rs2             | 31..25=1 14..12=1 6..0=0x33",
        "mulhsu rd, rs1, rs2           | 31..25=1 14..12=2 6..0=0x33",
        "mulhu rd, rs1, rs2            | 31..25=1 14..12=3 6..0=0x33",
        "div rd, rs1, rs2              | 31..25=1 14..12=4 6..0=0x33",
        "divu rd, rs1, rs2             | 31..25=1 14..12=5 6..0=0x33",
        "rem rd, rs1, rs2              | 31..25=1 14..12=6 6..0=0x33",
        "remu rd, rs1, rs2             | 31..25=1 14..12=7 6..0=0x33",
        "mulw rd, rs1, rs2             | 31..25=1 14..12=0 6..0=0x3b",
        "divw rd, rs1, rs2             | 31..25=1 14..12=4 6..0=0x3b",
        "divuw rd, rs1, rs2            | 31..25=1 14..12=5 6..0=0x3b",
        "remw rd, rs1, rs2             | 31..25=1 14..12=6 6..0=0x3b",
        "remuw rd, rs1, rs2            | 31..25=1 14..12=7 6..0=0x3b",
        "csrrw rd, csr, rs1            | 14..12=1 6..0=0x73",
        "csrrs rd, csr, rs1            | 14..12=2 6..0=0x73",
        "csrrc rd, csr, rs1            | 14..12=3 6..0=0x73",
        "csrrwi rd, csr, zimm5         | 14..12=5 6..0=0x73",
        "csrrsi rd, csr, zimm5         | 14..12=6 6..0=0x73",
        "csrrci rd, csr, zimm5         | 14..12=7 6..0=0x73",
        "sret                          | 31..0=0x10200073",
        "mret                          | 31..0=0x30200073",
        "wfi                           | 31..0=0x10500073",
        "sfence.vma rs1, rs2           | 31..25=0x09 14..12=0 11..7=0 6..0=0x73",
    ]

    /// The A extension, each AMO with its `.aq`, `.rl` and `.aqrl` forms.
    static let atomicEntries: [String] = {
        let operations: [(String, Int)] = [
            ("amoadd", 0x00), ("amoswap", 0x01), ("amoxor", 0x04), ("amoor", 0x08),
            ("amoand", 0x0C), ("amomin", 0x10), ("amomax", 0x14), ("amominu", 0x18),
            ("amomaxu", 0x1C),
        ]
        let orderings: [(String, Int)] = [("", 0), (".aq", 2), (".rl", 1), (".aqrl", 3)]
        var lines: [String] = []
        for (width, funct3) in [("w", 2), ("d", 3)] {
            for (suffix, bits) in orderings {
                let common = "26..25=\(bits) 14..12=\(funct3) 6..0=0x2f"
                lines.append("lr.\(width)\(suffix) rd, (rs1) | 31..27=2 24..20=0 \(common)")
                lines.append("sc.\(width)\(suffix) rd, rs2, (rs1) | 31..27=3 \(common)")
                for (operation, funct5) in operations {
                    lines.append("\(operation).\(width)\(suffix) rd, rs2, (rs1) | 31..27=\(funct5) \(common)")
                }
            }
        }
        return lines
    }()

    /// RV64C. Each line ends with the base instruction it expands to.
    static let compressedEntries: [String] = [
        "c.addi4spn c.rd', sp, c.nzuimm10   | 15..13=0 1..0=0 | nz:c.nzuimm10 | addi c.rd', sp, c.nzuimm10",
        "c.lw c.rd', c.uimm7(c.rs1')        | 15..13=2 1..0=0 | | lw c.rd', c.uimm7(c.rs1')",
        "c.ld c.rd', c.uimm8(c.rs1')        | 15..13=3 1..0=0 | | ld c.rd', c.uimm8(c.rs1')",
        "c.sw c.rs2', c.uimm7(c.rs1')       | 15..13=6 1..0=0 | | sw c.rs2', c.uimm7(c.rs1')",
        "c.sd c.rs2', c.uimm8(c.rs1')       | 15..13=7 1..0=0 | | sd c.rs2', c.uimm8(c.rs1')",
        "c.nop                              | 15..0=0x0001 | | addi x0, x0, 0",
        "c.addi c.rd, c.imm6                | 15..13=0 1..0=1 | hint:c.rd hint:c.imm6 | addi c.rd, c.rd, c.imm6",
        "c.addiw c.rd, c.imm6               | 15..13=1 1..0=1 | nz:c.rd | addiw c.rd, c.rd, c.imm6",
        "c.li c.rd, c.imm6                  | 15..13=2 1..0=1 | hint:c.rd | addi c.rd, x0, c.imm6",
        "c.addi16sp sp, c.nzimm10           | 15..13=3 11..7=2 1..0=1 | nz:c.nzimm10 | addi sp, sp, c.nzimm10",
        "c.lui c.rd, c.luimm                | 15..13=3 1..0=1 | nz:c.luimm not2:c.rd hint:c.rd | lui c.rd, c.luimm",
        "c.srli c.rs1', c.shamt             | 15..13=4 11..10=0 1..0=1 | hint:c.shamt | srli c.rs1', c.rs1', c.shamt",
        "c.srai c.rs1', c.shamt             | 15..13=4 11..10=1 1..0=1 | hint:c.shamt | srai c.rs1', c.rs1', c.shamt",
        "c.andi c.rs1', c.imm6              | 15..13=4 11..10=2 1..0=1 | | andi c.rs1', c.rs1', c.imm6",
        "c.sub c.rs1', c.rs2'               | 15..10=0x23 6..5=0 1..0=1 | | sub c.rs1', c.rs1', c.rs2'",
        "c.xor c.rs1', c.rs2'               | 15..10=0x23 6..5=1 1..0=1 | | xor c.rs1', c.rs1', c.rs2'",
        "c.or c.rs1', c.rs2'                | 15..10=0x23 6..5=2 1..0=1 | | or c.rs1', c.rs1', c.rs2'",
        "c.and c.rs1', c.rs2'               | 15..10=0x23 6..5=3 1..0=1 | | and c.rs1', c.rs1', c.rs2'",
        "c.subw c.rs1', c.rs2'              | 15..10=0x27 6..5=0 1..0=1 | | subw c.rs1', c.rs1', c.rs2'",
        "c.addw c.rs1', c.rs2'              | 15..10=0x27 6..5=1 1..0=1 | | addw c.rs1', c.rs1', c.rs2'",
        "c.j c.jimm12                       | 15..13=5 1..0=1 | | jal x0, c.jimm12",
        "c.beqz c.rs1', c.bimm9             | 15..13=6 1..0=1 | | beq c.rs1', x0, c.bimm9",
        "c.bnez c.rs1', c.bimm9             | 15..13=7 1..0=1 | | bne c.rs1', x0, c.bimm9",
        "c.slli c.rd, c.shamt               | 15..13=0 1..0=2 | hint:c.rd hint:c.shamt | slli c.rd, c.rd, c.shamt",
        "c.lwsp c.rd, c.lwsp(sp)            | 15..13=2 1..0=2 | nz:c.rd | lw c.rd, c.lwsp(sp)",
        "c.ldsp c.rd, c.ldsp(sp)            | 15..13=3 1..0=2 | nz:c.rd | ld c.rd, c.ldsp(sp)",
        "c.jr c.rd                          | 15..12=8 6..2=0 1..0=2 | nz:c.rd | jalr x0, 0(c.rd)",
        "c.mv c.rd, c.rs2                   | 15..12=8 1..0=2 | nz:c.rs2 hint:c.rd | add c.rd, x0, c.rs2",
        "c.ebreak                           | 15..0=0x9002 | | ebreak",
        "c.jalr c.rd                        | 15..12=9 6..2=0 1..0=2 | nz:c.rd | jalr ra, 0(c.rd)",
        "c.add c.rd, c.rs2                  | 15..12=9 1..0=2 | nz:c.rs2 hint:c.rd | add c.rd, c.rd, c.rs2",
        "c.swsp c.rs2, c.swsp(sp)           | 15..13=6 1..0=2 | | sw c.rs2, c.swsp(sp)",
        "c.sdsp c.rs2, c.sdsp(sp)           | 15..13=7 1..0=2 | | sd c.rs2, c.sdsp(sp)",
    ]
}
