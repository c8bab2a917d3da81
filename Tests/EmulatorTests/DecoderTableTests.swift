// The hart's hand-written decoder against the one instruction table (DESIGN.md: "The hot
// decoder may be hand-written for speed; the table checks it"). The decoder is three
// pieces: `Decoded(word:compressed:)`, which gives the hot loop an operation with its
// registers and immediate; the general `execute`, which runs everything the hot loop calls
// `.other` and rejects reserved encodings; and `CompressedExpansion` for RVC parcels. Words
// come from every table entry with random operand bits, from every major opcode × funct3 ×
// funct7 with random registers, from random bits, and from all 65,536 compressed parcels.
// For each:
//   - a valid encoding runs without an illegal-instruction trap, and a reserved one traps
//     with mtval = its bits (the 16-bit parcel for RVC);
//   - the hot-loop operation is the table's instruction (or `.other` when the general
//     `execute` runs it), with the table's rd, rs1, rs2 and immediate;
//   - running the word through the run loop's `executeFast`, through `executeDecoded` and
//     through `execute` leaves the same registers, pc, counters, trap CSRs and memory (or,
//     when `executeFast` leaves it to the slow path, `executeFast` changed nothing).
import Foundation
import Testing
import Toolchain
@testable import Emulator

@Suite struct DecoderTableTests {
    /// The operations the hot loop executes itself, by instruction name.
    static let fastOperations: [String: Op] = {
        var table: [String: Op] = [:]
        for raw in 0...255 {
            guard let op = Op(rawValue: UInt8(raw)), op != .undecoded, op != .other, op != .pageEnd else { continue }
            table[String(describing: op)] = op
        }
        return table
    }()

    /// CSR instructions get mscratch: the table accepts any CSR number, the hart only those
    /// it implements (that is the CSR file's business, tested in Tests/ISA).
    static func withImplementedCSR(_ word: UInt32) -> UInt32 {
        let funct3 = (word >> 12) & 7
        guard word & 0x7f == 0x73, funct3 != 0, funct3 != 4 else { return word }
        return word & 0x000f_ffff | 0x340 << 20
    }

    /// True when the ISA manual requires the hart to accept a word the table rejects: the
    /// reserved fields of FENCE (fm, rs1, rd) and FENCE.I (imm, rs1, rd) are ignored "for
    /// forward compatibility" (ISA manual, "Memory Ordering Instructions", "Zifencei").
    static func ignoredReservedFields(_ word: UInt32) -> Bool {
        word & 0x7f == 0x0f && (word >> 12) & 7 <= 1
    }

    @Test func everyTableEntryWithRandomOperands() {
        let bench = Bench()
        var random = SplitMix(state: 0x7ab1e)
        var valid: [String: Int] = [:]
        for spec in InstructionTable.all where !spec.isCompressed {
            for _ in 0..<64 {
                let word = Self.withImplementedCSR(spec.match | (random.word() & ~spec.mask))
                guard spec.matches(word) else { continue }
                bench.check(word, &random)
                valid[spec.name, default: 0] += 1
            }
        }
        bench.expectNoMismatches()
        let missing = InstructionTable.all.filter { !$0.isCompressed && valid[$0.name] == nil }.map(\.name)
        #expect(missing.isEmpty, "no valid sample for \(missing)")
    }

    @Test func everyOpcodeFunct3AndFunct7() {
        let bench = Bench()
        var random = SplitMix(state: 0xf0c7)
        for opcode in UInt32(0)..<32 {
            for funct3 in UInt32(0)..<8 {
                for funct7 in UInt32(0)..<128 {
                    let operands = random.word() & 0x01ff_8f80  // rs2, rs1, rd
                    bench.check(Self.withImplementedCSR(funct7 << 25 | operands | funct3 << 12 | opcode << 2 | 3), &random)
                }
            }
        }
        bench.expectNoMismatches()
        #expect(bench.counts.reserved > 10_000 && bench.counts.valid > 5_000, "\(bench.counts)")
    }

    @Test func randomWords() {
        let bench = Bench()
        var random = SplitMix(state: 0xdec0de)
        for _ in 0..<30_000 {
            bench.check(Self.withImplementedCSR(random.word() | 3), &random)
        }
        bench.expectNoMismatches()
    }

    /// The hand-written RVC expansion and the one derived from the instruction table agree
    /// on all 65,536 parcels (reserved ones included).
    @Test func compressedExpansionMatchesTheTable() {
        var mismatches: [String] = []
        for parcel in UInt32(0)..<0x1_0000 where parcel & 3 != 3 {
            let hand = CompressedExpansion.expand(parcel), table = CompressedExpansion.expandFromTable(parcel)
            if hand != table && mismatches.count < 20 {
                mismatches.append("\(String(parcel, radix: 16)): \(String(hand, radix: 16)) vs table \(String(table, radix: 16))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
    }

    @Test func everyCompressedParcel() {
        let bench = Bench()
        var random = SplitMix(state: 0xc0)
        for parcel in UInt32(0)..<0x1_0000 where parcel & 3 != 3 {
            bench.check(parcel, &random)
        }
        bench.expectNoMismatches()
        // Three quadrants of 16,384 parcels; the reserved ones are the F/D forms (c.fld,
        // c.fsd, c.fldsp, c.fsdsp), the empty slot of quadrant 0, and every "nz" field at zero.
        #expect(bench.counts.valid + bench.counts.reserved == 49_152)
        #expect(bench.counts.reserved > 8_000 && bench.counts.valid > 30_000, "\(bench.counts)")
    }
}

/// One hart on a small machine, put in the same state before every instruction: M-mode,
/// interrupts off, half the registers pointing into a data window (so loads and stores reach
/// RAM) and half random. The instruction sits at `code`; its trap goes to `mtvec`, which is
/// never executed (each run is one instruction).
final class Bench {
    static let code: UInt64 = 0x8000_0000
    static let window: UInt64 = 0x8000_1000
    static let windowSize = 0x2000

    let machine = Machine(memorySize: 1 << 20, input: nil, output: { _ in })
    var hart: Hart { machine.hart }
    let windowPointer: UnsafeMutableRawPointer
    let pattern: [UInt8]
    var expectedMemory: [UInt8]
    var registers = [UInt64](repeating: 0, count: 32)
    var mismatches: [String] = []
    var counts = (valid: 0, reserved: 0)

    init() {
        windowPointer = machine.memory.pointer + Int(Bench.window - machine.memory.base)
        var random = SplitMix(state: 0x51de)
        pattern = (0..<Bench.windowSize).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        expectedMemory = pattern
    }

    struct State: Equatable {
        var x: [UInt64]
        var pc, instret, mcause, mtval, mepc, mstatus: UInt64
        var privilege: Privilege
        var reservation: UInt64?
    }

    var state: State {
        State(x: (0..<32).map(hart.register), pc: hart.pc, instret: hart.instret, mcause: hart.mcause,
              mtval: hart.mtval, mepc: hart.mepc, mstatus: hart.mstatus, privilege: hart.privilege,
              reservation: hart.reservation)
    }

    /// Puts the hart, the window and the instruction back as every run starts.
    func reset(_ word: UInt32, compressed: Bool) {
        hart.setPrivilege(.machine)
        hart.mstatus = Status.XLEN
        hart.mie = 0
        hart.mipSoftware = 0
        hart.mtvec = Bench.code + 0x800
        hart.mcause = .max
        hart.mtval = 0
        hart.mepc = 0
        hart.instret = 0
        hart.reservation = nil
        for index in 1..<32 { hart.setRegister(index, registers[index]) }
        pattern.withUnsafeBytes { windowPointer.copyMemory(from: $0.baseAddress!, byteCount: Bench.windowSize) }
        _ = machine.bus.write(Bench.code, width: compressed ? 2 : 4, value: UInt64(word))
        hart.pc = Bench.code
    }

    /// Checks one word (a 16-bit parcel when its low bits are not 11) against the table.
    func check(_ word: UInt32, _ random: inout SplitMix) {
        for index in 1..<32 {
            let value = random.next()
            registers[index] = value & 1 == 0 ? value : Bench.window + 0x800 + (value >> 8) % 0x800 & ~7
        }
        let compressed = word & 3 != 3
        let entry = InstructionTable.decode(word)
        // The word the hart executes, and the table's entry for it.
        let executed = compressed ? hart.expansion(word) : word
        let base: InstructionSpec? = compressed ? (executed == CompressedExpansion.reserved ? nil : InstructionTable.decode(executed)) : entry
        let legal = entry != nil || (!compressed && DecoderTableTests.ignoredReservedFields(word))
        if legal { counts.valid += 1 } else { counts.reserved += 1 }
        let name = String(format: compressed ? "%04x" : "%08x", word) + " (\(entry?.name ?? "reserved"))"

        if compressed {
            if (entry == nil) != (executed == CompressedExpansion.reserved) { fail(name, "expansion \(String(executed, radix: 16))") }
            if let entry, let base, base.name != entry.expansion?.name {
                fail(name, "expands to \(base.name), the table says \(entry.expansion?.name ?? "-")")
            }
        }
        let decoded = Decoded(word: executed, compressed: compressed)
        if decoded.length != (compressed ? 2 : 4) { fail(name, "length \(decoded.length)") }
        checkDecoded(decoded, base, executed, name)

        // The run loop, as a guest would run it.
        reset(word, compressed: compressed)
        _ = hart.run(1)
        let illegal = hart.mcause == Cause.illegalInstruction
        if legal && illegal { fail(name, "valid encoding raised illegal instruction") }
        if !legal && !(illegal && hart.mtval == UInt64(word)) {
            fail(name, "reserved encoding ran (mcause \(hart.mcause), mtval \(String(hart.mtval, radix: 16)))")
        }
        if let base, DecoderTableTests.fastOperations[base.name] != nil { compareWithExecute(word, executed, compressed, name) }
    }

    /// The hot-loop operation and fields against the table entry of the executed word.
    func checkDecoded(_ decoded: Decoded, _ base: InstructionSpec?, _ word: UInt32, _ name: String) {
        guard let base, let op = DecoderTableTests.fastOperations[base.name] else {
            if decoded.op != .other { fail(name, "hot loop runs it as \(decoded.op), the table has no such operation") }
            return
        }
        guard decoded.op == op else { return fail(name, "hot loop runs it as \(decoded.op), the table says \(base.name)") }
        func field(_ field: String) -> Int64? {
            base.fields.first { $0.name == field }?.extract(word)
        }
        // Writes to x0 go to the scratch register x[32].
        if let rd = field("rd"), Int64(decoded.rd) != (rd == 0 ? 32 : rd) { fail(name, "rd \(decoded.rd), the table says \(rd)") }
        if let rs1 = field("rs1"), Int64(decoded.rs1) != rs1 { fail(name, "rs1 \(decoded.rs1), the table says \(rs1)") }
        if let rs2 = field("rs2"), Int64(decoded.rs2) != rs2 { fail(name, "rs2 \(decoded.rs2), the table says \(rs2)") }
        var immediate: Int64?
        for candidate in ["imm12", "simm12", "bimm12", "jimm20", "shamt6", "shamt5"] where immediate == nil {
            immediate = field(candidate)
        }
        if let upper = field("uimm20") { immediate = Int64(Int32(bitPattern: UInt32(upper) << 12)) }
        if let immediate, decoded.imm != UInt64(bitPattern: immediate) {
            fail(name, "immediate \(decoded.immediate), the table says \(immediate)")
        }
    }

    /// Runs `word` (the expansion of `original`, for a parcel) through the general `execute`,
    /// through `executeDecoded` and through the run loop's `executeFast` from the same state:
    /// they must agree on everything the instruction can change, and when `executeFast`
    /// leaves an instruction to the slow path it must have changed nothing.
    func compareWithExecute(_ original: UInt32, _ word: UInt32, _ compressed: Bool, _ name: String) {
        let decoded = Decoded(word: word, compressed: compressed)
        reset(original, compressed: compressed)
        let untouched = state
        _ = hart.execute(word, Bench.code, compressed ? 2 : 4)
        let expected = state
        expectedMemory.withUnsafeMutableBytes { $0.baseAddress!.copyMemory(from: windowPointer, byteCount: Bench.windowSize) }

        reset(original, compressed: compressed)
        _ = hart.executeDecoded(decoded, Bench.code)
        if state != expected { fail(name, "executeDecoded and execute differ:\n  \(state)\n  \(expected)") }
        if !windowMatches(expectedMemory) { fail(name, "executeDecoded and execute wrote different memory") }

        reset(original, compressed: compressed)
        var pc = Bench.code
        if hart.executeFast(decoded, &pc, hart.x) == .slow {
            if state != untouched || !windowMatches(pattern) { fail(name, "executeFast changed state, then left it to the slow path") }
            return
        }
        hart.pc = pc
        hart.instret &+= 1
        if state != expected { fail(name, "executeFast and execute differ:\n  \(state)\n  \(expected)") }
        if !windowMatches(expectedMemory) { fail(name, "executeFast and execute wrote different memory") }
    }

    func windowMatches(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { memcmp($0.baseAddress!, windowPointer, Bench.windowSize) == 0 }
    }

    func fail(_ name: String, _ problem: String) {
        mismatches.append("\(name): \(problem)")
    }

    func expectNoMismatches() {
        guard !mismatches.isEmpty else { return }
        Issue.record("\(mismatches.count) mismatches:\n\(mismatches.prefix(20).joined(separator: "\n"))")
    }
}
