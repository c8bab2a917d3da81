// objdump's choice of aliases. binutils lists aliases before the instructions they stand
// for in its opcode table, and the disassembler prints the first entry that matches; these
// rules give the same choice: `addi rd, zero, n` is `li`, `jalr zero, 0(ra)` is `ret`,
// `csrrs rd, csr, zero` is `csrr`, and so on.

extension Disassembler {
    static func format(_ spec: InstructionSpec, _ v: [String: Int64], word: UInt32, length: Int,
                       address: UInt64, compressed: InstructionSpec? = nil) -> DecodedInstruction {
        let rd = v["rd"] ?? 0, rs1 = v["rs1"] ?? 0, rs2 = v["rs2"] ?? 0
        var mnemonic = spec.name
        var operands: String? = nil
        var target: UInt64? = nil
        var upper: (register: Int, value: UInt64)? = nil
        var offset: (register: Int, offset: Int64, wide: Bool)? = nil
        let imm = v["imm12"] ?? v["simm12"] ?? 0

        switch spec.name {
        case "addi":
            if compressed?.name == "c.addi" && rd == 0 {
                (mnemonic, operands) = ("c.nop", String(imm))
            } else if rd == 0 && rs1 == 0 && imm == 0 {
                (mnemonic, operands) = ("nop", "")
            } else if rs1 == 0 {
                (mnemonic, operands) = ("li", "\(reg(rd)),\(imm)")
            } else if imm == 0 && compressed == nil {
                (mnemonic, operands) = ("mv", "\(reg(rd)),\(reg(rs1))")
            } else if compressed == nil || compressed?.name == "c.addi" {
                // objdump computes an address only where it prints the immediate (and, of
                // the compressed forms, only for c.addi and c.addiw).
                offset = (Int(rs1), imm, false)
            }
        case "addiw":
            if imm == 0 {
                (mnemonic, operands) = ("sext.w", "\(reg(rd)),\(reg(rs1))")
            } else if rs1 != 0 && (compressed == nil || compressed?.name == "c.addiw") {
                offset = (Int(rs1), imm, true)
            }
        case "andi" where imm == 255:
            (mnemonic, operands) = ("zext.b", "\(reg(rd)),\(reg(rs1))")
        case "xori" where imm == -1:
            (mnemonic, operands) = ("not", "\(reg(rd)),\(reg(rs1))")
        case "sub" where rs1 == 0, "subw" where rs1 == 0:
            (mnemonic, operands) = (spec.name == "sub" ? "neg" : "negw", "\(reg(rd)),\(reg(rs2))")
        case "sltiu" where imm == 1:
            (mnemonic, operands) = ("seqz", "\(reg(rd)),\(reg(rs1))")
        case "sltu" where rs1 == 0:
            (mnemonic, operands) = ("snez", "\(reg(rd)),\(reg(rs2))")
        case "slt" where rs2 == 0:
            (mnemonic, operands) = ("sltz", "\(reg(rd)),\(reg(rs1))")
        case "slt" where rs1 == 0:
            (mnemonic, operands) = ("sgtz", "\(reg(rd)),\(reg(rs2))")
        case "beq", "bne", "blt", "bge", "bltu", "bgeu":
            target = address &+ UInt64(bitPattern: v["bimm12"] ?? 0)
            (mnemonic, operands) = branchAlias(spec.name, rs1, rs2)
        case "jal":
            target = address &+ UInt64(bitPattern: v["jimm20"] ?? 0)
            switch rd {
            case 0: (mnemonic, operands) = ("j", "")
            case 1: operands = ""
            default: operands = reg(rd)
            }
        case "jalr":
            operands = jumpRegister(rd, rs1, imm, &mnemonic)
            if compressed == nil { offset = (Int(rs1), imm, false) }
        case "lui", "auipc":
            let value = v["uimm20"] ?? 0
            operands = "\(reg(rd)),0x\(String(value, radix: 16))"
            let upperValue = UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: value << 12)))
            if rd != 0 { upper = (Int(rd), spec.name == "lui" ? upperValue : address &+ upperValue) }
        case "lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", "sb", "sh", "sw", "sd":
            if compressed == nil { offset = (Int(rs1), imm, false) }
        case "csrrs", "csrrw", "csrrc", "csrrsi", "csrrwi", "csrrci":
            (mnemonic, operands) = csrAlias(spec.name, v)
        case "fence":
            let pred = v["pred"] ?? 0, succ = v["succ"] ?? 0
            operands = pred == 15 && succ == 15 ? "" : "\(fenceSet(pred)),\(fenceSet(succ))"
        case "sfence.vma":
            operands = rs2 != 0 ? "\(reg(rs1)),\(reg(rs2))" : (rs1 != 0 ? reg(rs1) : "")
        default:
            break
        }
        return DecodedInstruction(length: length, word: word, spec: spec, mnemonic: mnemonic,
                                  operands: operands ?? generic(spec, v), target: target,
                                  upperWrite: upper, offsetUse: offset)
    }

    private static func branchAlias(_ name: String, _ rs1: Int64, _ rs2: Int64) -> (String, String) {
        switch name {
        case "beq" where rs2 == 0: return ("beqz", reg(rs1))
        case "bne" where rs2 == 0: return ("bnez", reg(rs1))
        case "bge" where rs1 == 0: return ("blez", reg(rs2))
        case "bge" where rs2 == 0: return ("bgez", reg(rs1))
        case "blt" where rs2 == 0: return ("bltz", reg(rs1))
        case "blt" where rs1 == 0: return ("bgtz", reg(rs2))
        default: return (name, "\(reg(rs1)),\(reg(rs2))")
        }
    }

    private static func jumpRegister(_ rd: Int64, _ rs1: Int64, _ imm: Int64, _ mnemonic: inout String) -> String {
        let target = imm == 0 ? reg(rs1) : "\(imm)(\(reg(rs1)))"
        switch rd {
        case 0 where rs1 == 1 && imm == 0:
            mnemonic = "ret"
            return ""
        case 0:
            mnemonic = "jr"
            return target
        case 1:
            return target
        default:
            return imm == 0 ? "\(reg(rd)),\(reg(rs1))" : "\(reg(rd)),\(imm)(\(reg(rs1)))"
        }
    }

    private static let counters: [Int64: String] = [0xC00: "rdcycle", 0xC01: "rdtime", 0xC02: "rdinstret"]

    private static func csrAlias(_ name: String, _ v: [String: Int64]) -> (String, String?) {
        let rd = v["rd"] ?? 0, rs1 = v["rs1"] ?? 0, csrNumber = v["csr"] ?? 0, zimm = v["zimm5"] ?? 0
        let csr = CSRNames.name(UInt16(csrNumber)) ?? "0x" + String(csrNumber, radix: 16)
        switch name {
        case "csrrs" where rs1 == 0:
            if let counter = counters[csrNumber] { return (counter, reg(rd)) }
            return ("csrr", "\(reg(rd)),\(csr)")
        case "csrrw" where rd == 0 && rs1 == 0 && csrNumber == 0xC00:
            // `csrrw zero, cycle, zero` is how `unimp` is written without RVC.
            return ("unimp", "")
        case "csrrs" where rd == 0: return ("csrs", "\(csr),\(reg(rs1))")
        case "csrrw" where rd == 0: return ("csrw", "\(csr),\(reg(rs1))")
        case "csrrc" where rd == 0: return ("csrc", "\(csr),\(reg(rs1))")
        // binutils lists `csrw csr, imm` (and csrrw with an immediate) before csrwi, so
        // objdump prints the immediate forms under the register forms' names.
        case "csrrsi" where rd == 0: return ("csrs", "\(csr),\(zimm)")
        case "csrrwi" where rd == 0: return ("csrw", "\(csr),\(zimm)")
        case "csrrci" where rd == 0: return ("csrc", "\(csr),\(zimm)")
        case "csrrs", "csrrw", "csrrc": return (name, "\(reg(rd)),\(csr),\(reg(rs1))")
        default: return (String(name.dropLast()), "\(reg(rd)),\(csr),\(zimm)")
        }
    }

    static func fenceSet(_ bits: Int64) -> String {
        guard bits != 0 else { return "unknown" }
        var text = ""
        for (bit, letter) in [(8, "i"), (4, "o"), (2, "r"), (1, "w")] where bits & Int64(bit) != 0 { text += letter }
        return text
    }

    /// The operands in the table's syntax: registers by ABI name, shift amounts and upper
    /// immediates in hex, other immediates in decimal, as objdump prints them.
    static func generic(_ spec: InstructionSpec, _ v: [String: Int64]) -> String {
        var text = ""
        for token in spec.syntax.tokens {
            switch token {
            case .comma: text += ","
            case .open: text += "("
            case .close: text += ")"
            case .register(let number): text += Registers.name(number)
            case .number(let number): text += String(number)
            case .field(let name):
                let field = OperandFields.named(name)
                let value = v[name] ?? 0
                switch field.kind {
                case .register: text += reg(value)
                case .csr: text += CSRNames.name(UInt16(value)) ?? "0x" + String(value, radix: 16)
                case .fenceSet: text += fenceSet(value)
                case .target: text += String(value)
                case .immediate:
                    let hex = name.hasPrefix("shamt") || name == "c.shamt" || name == "uimm20" || name == "c.luimm"
                    text += hex ? "0x" + String(value, radix: 16) : String(value)
                }
            }
        }
        return text
    }
}
