// Checks the instruction table against itself: every bit of every entry is either fixed or
// belongs to exactly one operand field, every entry decodes back to itself, and every
// compressed entry names a base instruction whose operands it can fill.
import Testing
@testable import Toolchain

@Suite struct InstructionTableTests {
    @Test func everyBitIsFixedOrAnOperandExactlyOnce() {
        for spec in InstructionTable.all {
            var covered = spec.mask
            for field in Set(spec.fields.map(\.name)).map(OperandFields.named) {
                #expect(covered & field.mask == 0, "\(spec.name): \(field.name) overlaps")
                covered |= field.mask
            }
            let all: UInt32 = spec.isCompressed ? 0xffff : 0xffff_ffff
            #expect(covered == all, "\(spec.name): bits \(String(all & ~covered, radix: 16)) not covered")
        }
    }

    @Test func namesAreUnique() {
        var seen = Set<String>()
        for spec in InstructionTable.all {
            #expect(!seen.contains(spec.name), "\(spec.name) twice")
            seen.insert(spec.name)
        }
    }

    @Test func everyEntryDecodesToItself() {
        for spec in InstructionTable.all {
            // The match bits with each field at a legal, nonzero-where-required value.
            var word = spec.match
            for field in spec.fields {
                let value: Int64 = field.isCompressedRegister ? 9 : (field.kind == .register ? 5 : max(field.alignment, field.minimum == 0 ? field.alignment : field.alignment))
                word |= field.insert(value)
            }
            #expect(InstructionTable.decode(word)?.name == spec.name, "\(spec.name) \(String(word, radix: 16))")
        }
    }

    @Test func compressedEntriesExpandToKnownInstructions() {
        for spec in InstructionTable.all where spec.isCompressed {
            guard let expansion = spec.expansion, let base = InstructionTable.byName[expansion.name] else {
                Issue.record("\(spec.name) has no base instruction")
                continue
            }
            #expect(base.syntax.tokens.count == expansion.syntax.tokens.count, "\(spec.name)")
            for name in expansion.syntax.fieldNames {
                #expect(spec.syntax.fieldNames.contains(name), "\(spec.name): \(name)")
            }
        }
    }

    @Test func fieldsRoundTripTheirRanges() {
        for field in OperandFields.all.values where !field.isCompressedRegister && field.kind != .register {
            for value in [field.minimum, field.maximum, field.alignment, -field.alignment] where field.accepts(value) {
                #expect(field.extract(field.insert(value)) == value, "\(field.name) \(value)")
            }
        }
    }

    @Test func knownEncodings() {
        // Words taken from the ISA manual's examples and GNU as output.
        let cases: [(UInt32, String)] = [
            (0x0000_0013, "addi"), (0x0000_0073, "ecall"), (0x3020_0073, "mret"),
            (0x0141, "c.addi"), (0x6105, "c.addi16sp"), (0x852a, "c.mv"), (0x0808, "c.addi4spn"),
            (0x952e, "c.add"), (0x8d6d, "c.and"), (0x0001, "c.nop"), (0x4501, "c.li"),
            (0x2501, "c.addiw"), (0x1502, "c.slli"), (0x6505, "c.lui"), (0x9502, "c.jalr"),
            (0x8502, "c.jr"), (0x9002, "c.ebreak"), (0xdd75, "c.beqz"), (0xaaa9, "c.j"),
            (0x4512, "c.lwsp"), (0xc22a, "c.swsp"), (0x6480, "c.ld"), (0x8d6d, "c.and"),
            (0x0ff0_000f, "fence"), (0x8330_000f, "fence.tso"), (0x0000_100f, "fence.i"),
        ]
        for (word, name) in cases {
            #expect(InstructionTable.decode(word)?.name == name, "\(String(word, radix: 16))")
        }
        // Reserved encodings decode to nothing.
        for word: UInt32 in [0x0000, 0x8002, 0x6101 & ~0x107c, 0x4002] {
            #expect(InstructionTable.decode(word) == nil, "\(String(word, radix: 16))")
        }
    }
}
