// No guest can crash rvmk: random instruction streams, random words aimed at every device
// and at unmapped space, and random CSR traffic run under a budget, and every run ends in
// an outcome. (A crash would end the test process.)
import Foundation
import Testing
@testable import Emulator

@Suite struct HostileGuestTests {
    /// A program that points registers at the devices and at odd places, then runs words
    /// that are random or random-but-plausible (the major opcodes of RV64IMAC).
    static func program(_ random: inout SplitMix) -> [UInt8] {
        var words: [UInt32] = []
        let targets: [UInt64] = [0x1000_0000, 0x0c00_0000, 0x0c20_0000, 0x0200_0000, 0x0200_4000, 0x10_0000,
                                 0x1000, 0, 0x8000_0000, 0x8800_0000 - 8, 0xffff_ffff_ffff_fff0, 0x4000_0000]
        for register in 1..<32 {
            let target = targets[Int(random.next() % UInt64(targets.count))]
            // lui + addi cannot reach every target; load it through a tiny pool instead.
            words.append(0x0000_0017 | UInt32(register) << 7)              // auipc r, 0
            words.append(0x0000_3003 | UInt32(register) << 7 | UInt32(register) << 15 | 12 << 20)  // ld r, 12(r)
            words.append(0x0000_006f | 12 << 21)                            // j .+12
            words.append(UInt32(truncatingIfNeeded: target))
            words.append(UInt32(truncatingIfNeeded: target >> 32))
        }
        let opcodes: [UInt32] = [0x03, 0x23, 0x13, 0x33, 0x1b, 0x3b, 0x37, 0x17, 0x63, 0x67, 0x6f, 0x73, 0x2f, 0x0f]
        for _ in 0..<2000 {
            let value = UInt32(truncatingIfNeeded: random.next())
            switch random.next() % 4 {
            case 0: words.append(value)
            case 1: words.append(value & ~0xffff | (value & 0xffff) & ~3)  // two compressed parcels
            default: words.append(value & ~0x7f | opcodes[Int(value % UInt32(opcodes.count))])
            }
        }
        return words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) } }
    }

    @Test func randomGuestsNeverCrashTheMachine() throws {
        var random = SplitMix(state: 0xbad_c0de)
        var outcomes: [Machine.Outcome: Int] = [:]
        for _ in 0..<300 {
            let machine = Machine(memorySize: 8 << 20, input: nil, output: { _ in })
            try machine.load(Self.program(&random), path: "random.bin", output: { _ in })
            // Random programs take traps to address 0; give them a handler that skips ahead.
            machine.hart.setRegister(1, 0)
            let outcome = machine.run(maxInstructions: 20_000)
            outcomes[outcome, default: 0] += 1
        }
        #expect(outcomes.values.reduce(0, +) == 300)
    }

    @Test func randomCSRTrafficIsLegalOrIllegalNeverFatal() throws {
        var random = SplitMix(state: 42)
        var words: [UInt32] = []
        for _ in 0..<4000 {
            let csr = UInt32(random.next() % 4096)
            let funct3 = [1, 2, 3, 5, 6, 7][Int(random.next() % 6)]
            let rs1 = UInt32(random.next() % 32), rd = UInt32(random.next() % 32)
            words.append(csr << 20 | rs1 << 15 | UInt32(funct3) << 12 | rd << 7 | 0x73)
        }
        // mtvec points just past the trapping instruction's handler: every trap returns to
        // the next word through a handler that adds 4 to mepc.
        let handler: [UInt32] = [0x3410_2f73, 0x004f_0f13, 0x341f_1073, 0x3020_0073]  // csrr t5,mepc; addi t5,t5,4; csrw mepc,t5; mret
        let setup: [UInt32] = [0x0000_0297, 0x0142_8293, 0x3052_9073, 0x0140_006f]      // auipc t0,0; addi t0,t0,20; csrw mtvec,t0; j .+20
        let image = (setup + handler + words).flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) } }
        let machine = Machine(memorySize: 8 << 20, input: nil, output: { _ in })
        try machine.load(image, path: "csr.bin", output: { _ in })
        _ = machine.run(maxInstructions: 200_000)
        #expect(machine.hart.instret > 1000)
    }
}
