// The disassembler: one instruction word to text in GNU objdump's syntax and choice of
// aliases (`li`, `mv`, `ret`, `beqz`, `csrr`, ...). It reads the same instruction table as
// the assembler; a compressed instruction is shown as objdump shows it, through the base
// instruction it expands to (`c.addi a0,1` prints `addi a0,a0,1`). The tracer uses
// `decode` for every traced instruction, so it does no more work than it must.

/// One decoded instruction, ready to print.
public struct DecodedInstruction: Sendable {
    /// 2 or 4 bytes.
    public let length: Int
    /// The instruction bits (a 16-bit parcel for compressed instructions).
    public let word: UInt32
    /// The table entry, or nil for bits that are not an instruction.
    public let spec: InstructionSpec?
    public let mnemonic: String
    /// The operands as objdump prints them, except a branch or jump target.
    public let operands: String
    /// The address a branch or jump goes to; printed after `operands`.
    public let target: UInt64?
    /// For `lui`/`auipc`/`c.lui`: the register and the value it now holds; for instructions
    /// that add an offset to a register: that register and the offset (objdump's `#`
    /// address comments are built from these).
    let upperWrite: (register: Int, value: UInt64)?
    let offsetUse: (register: Int, offset: Int64, wide: Bool)?

    public var isValid: Bool { spec != nil }

    /// `mnemonic\toperands`, with the target as a bare hex address.
    public var text: String { text(symbolize: { String($0, radix: 16) }) }

    /// `mnemonic\toperands`, the target formatted by `symbolize`.
    public func text(symbolize: (UInt64) -> String) -> String {
        var arguments = operands
        if let target {
            arguments += (arguments.isEmpty ? "" : ",") + symbolize(target)
        }
        return arguments.isEmpty ? mnemonic : mnemonic + "\t" + arguments
    }
}

public enum Disassembler {
    /// The length an instruction announces in its first 16 bits (ISA manual, "Expanded
    /// Instruction-Length Encoding"); encodings of 192 bits and more count as 2, as in
    /// binutils.
    public static func instructionLength(_ parcel: UInt16) -> Int {
        if parcel & 0x3 != 0x3 { return 2 }
        if parcel & 0x1f != 0x1f { return 4 }
        if parcel & 0x3f == 0x1f { return 6 }
        if parcel & 0x7f == 0x3f { return 8 }
        if parcel & 0x7000 != 0x7000 { return 10 + Int((parcel >> 11) & 0xe) }
        return 2
    }

    /// Decodes the instruction in the low bits of `word` at `address`.
    public static func decode(_ word: UInt32, address: UInt64) -> DecodedInstruction {
        if word & 3 != 3 {
            return decodeCompressed(UInt16(truncatingIfNeeded: word), address: address)
        }
        // Encodings of 48 bits and more are not RV64IMAC instructions; objdump shows the
        // first parcel as data.
        if word & 0x1f == 0x1f {
            return invalid(word & 0xffff, length: 2)
        }
        guard let spec = InstructionTable.decode(word) else { return invalid(word, length: 4) }
        var values: [String: Int64] = [:]
        for field in spec.fields { values[field.name] = field.extract(word) }
        return format(spec, values, word: word, length: 4, address: address)
    }

    private static func decodeCompressed(_ parcel: UInt16, address: UInt64) -> DecodedInstruction {
        let word = UInt32(parcel)
        if word == 0 {
            return DecodedInstruction(length: 2, word: 0, spec: nil, mnemonic: "unimp", operands: "", target: nil,
                                      upperWrite: nil, offsetUse: nil)
        }
        guard let spec = InstructionTable.decode(word) else { return invalid(word, length: 2) }
        var values: [String: Int64] = [:]
        for field in spec.fields { values[field.name] = field.extract(word) }
        // Forms objdump shows under their own names.
        switch spec.name {
        case "c.mv" where values["c.rd"] != 0:
            return plain(spec, word, "mv", "\(reg(values["c.rd"]))," + reg(values["c.rs2"]))
        case "c.nop" where values.isEmpty, "c.ebreak":
            break
        case "c.slli" where values["c.shamt"] == 0, "c.srli" where values["c.shamt"] == 0, "c.srai" where values["c.shamt"] == 0:
            return plain(spec, word, spec.name + "64", reg(values["c.rd"] ?? values["c.rs1'"]))
        case "c.slli", "c.li", "c.lui", "c.mv", "c.add":
            // HINTs that write x0 have no base-instruction alias; objdump shows them as they are.
            if values["c.rd"] == 0 {
                var operands = generic(spec, values)
                if spec.name == "c.lui", let value = values["c.luimm"] { operands = "zero,0x" + String(value & 0xfffff, radix: 16) }
                return plain(spec, word, spec.name, operands)
            }
        default:
            break
        }
        guard let expansion = spec.expansion, let base = InstructionTable.byName[expansion.name] else {
            return invalid(word, length: 2)
        }
        // Fill the base instruction's fields from the compressed one.
        var baseValues: [String: Int64] = [:]
        for (pattern, actual) in zip(expansion.syntax.tokens, base.syntax.tokens) {
            guard case .field(let baseField) = actual else { continue }
            switch pattern {
            case .register(let number): baseValues[baseField] = Int64(number)
            case .number(let number): baseValues[baseField] = number
            case .field(let name):
                let value = values[name] ?? 0
                baseValues[baseField] = name == "c.luimm" ? value & 0xfffff : value
            default: break
            }
        }
        return format(base, baseValues, word: word, length: 2, address: address, compressed: spec)
    }

    private static func invalid(_ word: UInt32, length: Int) -> DecodedInstruction {
        DecodedInstruction(length: length, word: word, spec: nil, mnemonic: length == 2 ? ".2byte" : ".4byte",
                           operands: "0x" + String(word, radix: 16), target: nil, upperWrite: nil, offsetUse: nil)
    }

    private static func plain(_ spec: InstructionSpec, _ word: UInt32, _ mnemonic: String, _ operands: String) -> DecodedInstruction {
        DecodedInstruction(length: spec.length, word: word, spec: spec, mnemonic: mnemonic, operands: operands,
                           target: nil, upperWrite: nil, offsetUse: nil)
    }

    static func reg(_ number: Int64?) -> String {
        Registers.name(Int(number ?? 0))
    }
}
