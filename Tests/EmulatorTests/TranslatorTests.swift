// Translated blocks behave exactly as the interpreter does: the same programs run with
// `translates` on and off must end with the same registers, pc, instret and memory. Random
// loops of every translated operation (edge-case operands included: zero, -1, the most
// negative value, for the divides), loads and stores that hit, miss and cross pages, random
// and hostile words, and code that rewrites itself.
import Foundation
import Testing
@testable import Emulator
import Toolchain
import TestSupport

@Suite struct TranslatorTests {
    struct State: Equatable, CustomStringConvertible {
        var registers: [UInt64]
        var csrs: [UInt64]
        var pc: UInt64
        var instret: UInt64
        /// FNV-1a of the program's pages.
        var memory: UInt64
        var outcome: Machine.Outcome

        var description: String {
            let hex = registers.enumerated().map { "x\($0.offset)=\(String($0.element, radix: 16))" }.joined(separator: " ")
            return "pc=\(String(pc, radix: 16)) instret=\(instret) memory=\(String(memory, radix: 16)) \(outcome) \(hex)"
        }
    }

    /// Runs `program` (at 0x80000000) for at most `budget` instructions; with `codeLimit`,
    /// the translator starts over whenever its blocks pass that many bytes.
    static func run(_ program: [UInt8], translates: Bool, budget: UInt64, memoryPages: Int = 8, codeLimit: Int? = nil) throws -> State {
        let machine = Machine(memorySize: 4 << 20, input: nil, output: { _ in })
        machine.translates = translates
        if let codeLimit { machine.hart.translator.limit = codeLimit }
        #expect(machine.translates == translates || !translates)
        try machine.load(program, path: "program.bin", output: { _ in })
        let outcome = machine.run(maxInstructions: budget)
        let hart = machine.hart
        return State(registers: (0..<32).map { hart.register($0) },
                     csrs: [hart.sscratch, hart.sepc, hart.scause, hart.stval, hart.mscratch, hart.mepc, hart.mcause, hart.mtval], pc: hart.pc, instret: hart.instret,
                     memory: machine.memory.read(0x8000_0000, count: memoryPages * 4096).reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 },
                     outcome: outcome)
    }

    /// M-mode code that lets S and U reach all memory (PMP entry 0: TOR over everything, RWX).
    static let openPMP = """
            li t0, -1
            csrw pmpaddr0, t0
            li t0, 0x1f
            csrw pmpcfg0, t0
        """

    /// M-mode code that goes to `label` in privilege `mpp` (0 U, 1 S) through mret.
    static func mret(to label: String, mpp: Int) -> String {
        """
            la t0, \(label)
            csrw mepc, t0
            li t0, 0x1800
            csrc mstatus, t0
            li t0, \(mpp << 11)
            csrs mstatus, t0
            mret
        """
    }

    static func bytes(_ words: [UInt32]) -> [UInt8] {
        words.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) } }
    }

    static func r(_ funct7: UInt32, _ rs2: UInt32, _ rs1: UInt32, _ funct3: UInt32, _ rd: UInt32, _ opcode: UInt32) -> UInt32 {
        funct7 << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode
    }

    static func i(_ imm: Int32, _ rs1: UInt32, _ funct3: UInt32, _ rd: UInt32, _ opcode: UInt32) -> UInt32 {
        UInt32(bitPattern: imm & 0xfff) << 20 | rs1 << 15 | funct3 << 12 | rd << 7 | opcode
    }

    static func s(_ imm: Int32, _ rs2: UInt32, _ rs1: UInt32, _ funct3: UInt32) -> UInt32 {
        let bits = UInt32(bitPattern: imm & 0xfff)
        return (bits >> 5) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12 | (bits & 31) << 7 | 0x23
    }

    /// b-type with a byte offset (even, within +-4 KiB).
    static func b(_ offset: Int32, _ rs2: UInt32, _ rs1: UInt32, _ funct3: UInt32) -> UInt32 {
        let bits = UInt32(bitPattern: offset)
        return ((bits >> 12) & 1) << 31 | ((bits >> 5) & 0x3f) << 25 | rs2 << 20 | rs1 << 15 | funct3 << 12
            | ((bits >> 1) & 0xf) << 8 | ((bits >> 11) & 1) << 7 | 0x63
    }

    /// A loop of `length` random instructions over registers seeded with edge values;
    /// x31 points at data that straddles a page boundary, x30 counts the rounds.
    static func randomLoop(_ random: inout SplitMix, length: Int, rounds: Int32) -> [UInt8] {
        var words: [UInt32] = []
        words.append(0x0000_1f97)                          // auipc x31, 1 (0x80001000: the pool)
        for register in UInt32(1)...29 { words.append(i(Int32(register) * 8, 31, 3, register, 0x03)) }  // ld
        words.append(i(0x700, 31, 0, 31, 0x13))            // addi x31, x31, 0x700 (data at 0x80001700)
        words.append(i(0x700, 31, 0, 31, 0x13))            // ... 0x80001e00: +0..0x7ff crosses a page
        words.append(i(rounds, 0, 0, 30, 0x13))            // addi x30, x0, rounds
        let loop = words.count
        let rType: [(UInt32, UInt32, UInt32)] = [  // funct7, funct3, opcode
            (0, 0, 0x33), (0x20, 0, 0x33), (0, 1, 0x33), (0, 2, 0x33), (0, 3, 0x33), (0, 4, 0x33), (0, 5, 0x33),
            (0x20, 5, 0x33), (0, 6, 0x33), (0, 7, 0x33), (1, 0, 0x33), (1, 1, 0x33), (1, 2, 0x33), (1, 3, 0x33),
            (1, 4, 0x33), (1, 5, 0x33), (1, 6, 0x33), (1, 7, 0x33), (0, 0, 0x3b), (0x20, 0, 0x3b), (0, 1, 0x3b),
            (0, 5, 0x3b), (0x20, 5, 0x3b), (1, 0, 0x3b), (1, 4, 0x3b), (1, 5, 0x3b), (1, 6, 0x3b), (1, 7, 0x3b),
        ]
        func register() -> UInt32 { UInt32(random.next() % 32) }
        func destination() -> UInt32 { UInt32(random.next() % 29) }  // x0..x28
        for _ in 0..<length {
            let imm = Int32(truncatingIfNeeded: random.next() % 4096) - 2048
            switch random.next() % 10 {
            case 0, 1, 2:
                let (funct7, funct3, opcode) = rType[Int(random.next() % UInt64(rType.count))]
                words.append(r(funct7, register(), register(), funct3, destination(), opcode))
            case 3:
                let funct3 = [0, 2, 3, 4, 6, 7][Int(random.next() % 6)]
                words.append(i(imm, register(), UInt32(funct3), destination(), 0x13))
            case 4:
                let shamt = Int32(random.next() % 64)
                let (funct3, high): (UInt32, Int32) = [(1, 0), (5, 0), (5, 0x400)][Int(random.next() % 3)]
                words.append(i(high | shamt, register(), funct3, destination(), 0x13))
            case 5:
                let shamt = Int32(random.next() % 32)
                let (funct3, high): (UInt32, Int32) = [(0, -1), (1, 0), (5, 0), (5, 0x400)][Int(random.next() % 4)]
                words.append(i(high == -1 ? imm : high | shamt, register(), funct3, destination(), 0x1b))
            case 6:
                words.append(UInt32(random.next() % (1 << 20)) << 12 | destination() << 7 | (random.next() % 2 == 0 ? 0x37 : 0x17))
            case 7:
                let funct3 = UInt32([0, 1, 2, 3, 4, 5, 6][Int(random.next() % 7)])
                words.append(i(Int32(random.next() % 0x7ff), 31, funct3, destination(), 0x03))
            case 8:
                if random.next() % 4 == 0 {
                    // A CSR the hart reads for host code: the counters must be exact there.
                    let csr = UInt32([0xc00, 0xc02, 0xb00, 0xb02, 0x300, 0x304, 0x301][Int(random.next() % 7)])
                    words.append(csr << 20 | 2 << 12 | destination() << 7 | 0x73)  // csrrs rd, csr, x0
                } else if random.next() % 3 == 0 {
                    // A CSR that translated code reads and writes in place (M-mode here).
                    let csr = UInt32([0x140, 0x141, 0x142, 0x143, 0x340, 0x341, 0x342, 0x343][Int(random.next() % 8)])
                    let funct3 = UInt32([1, 2, 3, 5, 6, 7][Int(random.next() % 6)])
                    words.append(csr << 20 | register() << 15 | funct3 << 12 | destination() << 7 | 0x73)
                } else {
                    words.append(s(Int32(random.next() % 0x7ff), register(), 31, UInt32(random.next() % 4)))
                }
            default:
                switch random.next() % 4 {
                case 0:
                    // jal over the next instruction.
                    words.append(UInt32(8 << 20) | destination() << 7 | 0x6f)
                case 1:
                    // auipc t, 0 and jalr over the next instruction (t+12, bit 0 set on odd t).
                    let base = 1 + UInt32(random.next() % 28)
                    words.append(base << 7 | 0x17)
                    words.append(i(12 | Int32(base & 1), base, 0, destination(), 0x67))
                default:
                    // A branch over the next instruction.
                    let funct3 = UInt32([0, 1, 4, 5, 6, 7][Int(random.next() % 6)])
                    words.append(b(8, register(), register(), funct3))
                }
            }
        }
        words.append(i(-1, 30, 0, 30, 0x13))               // addi x30, x30, -1
        words.append(b(Int32(loop - words.count) * 4, 0, 30, 1))  // bne x30, x0, loop
        words.append(0x0000_006f)                          // j .
        var program = bytes(words)
        program += [UInt8](repeating: 0, count: 4096 - program.count % 4096)
        // The pool: edge values for x1..x29.
        let edges: [UInt64] = [0, 1, 2, .max, 1 << 63, (1 << 63) - 1, 0xffff_ffff, 0x8000_0000, 0x7fff_ffff,
                               0xffff_ffff_8000_0000, 63, 64, 31, 32, 0x1234_5678_9abc_def0]
        for register in 0..<32 {
            let value = register >= 1 && register <= 29 && register % 2 == 0 ? edges[Int(random.next() % UInt64(edges.count))] : random.next()
            program += (0..<8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
        }
        return program
    }

    @Test func randomLoopsEndAsTheInterpretersDo() throws {
        var random = SplitMix(state: 0x7a4_51a7e)
        for round in 0..<150 {
            let program = Self.randomLoop(&random, length: 10 + round % 40, rounds: 40)
            let budget = UInt64(5_000 + round * 97)
            let interpreted = try Self.run(program, translates: false, budget: budget)
            let translated = try Self.run(program, translates: true, budget: budget)
            #expect(translated == interpreted, "round \(round): translated \(translated), interpreted \(interpreted)")
            if translated != interpreted { break }
        }
    }

    @Test func randomWordsEndAsTheInterpretersDo() throws {
        var random = SplitMix(state: 0xbad_c0de)
        for round in 0..<100 {
            let program = HostileGuestTests.program(&random)
            let interpreted = try Self.run(program, translates: false, budget: 20_000)
            let translated = try Self.run(program, translates: true, budget: 20_000)
            #expect(translated == interpreted, "round \(round): translated \(translated), interpreted \(interpreted)")
            if translated != interpreted { break }
        }
    }

    /// A loop that rewrites the immediate of an `addi` inside itself every round, with no
    /// fence.i: each round must run the new instruction.
    @Test func codeThatRewritesItselfRunsItsNewInstructions() throws {
        let words: [UInt32] = [
            0x0000_0297,                                   // 0: auipc t0, 0
            Self.i(5, 0, 0, 11, 0x13),                          // 4: addi a1, x0, 5: rounds
            Self.i(0, 0, 0, 10, 0x13),                          // 8: addi a0, x0, 0
            Self.i(36, 5, 2, 28, 0x03),                         // 12: lw t3, 36(t0): the addi's word
            Self.i(20, 11, 1, 7, 0x13),                         // 16 (loop): slli t2, a1, 20
            Self.r(0, 7, 28, 6, 6, 0x33),                       // 20: or t1, t3, t2: immediate = a1
            Self.s(36, 6, 5, 2),                                // 24: sw t1, 36(t0)
            Self.i(1, 12, 0, 12, 0x13),                         // 28: addi a2, a2, 1
            Self.i(1, 13, 0, 13, 0x13),                         // 32: addi a3, a3, 1
            Self.i(0, 10, 0, 10, 0x13),                         // 36: addi a0, a0, 0 (rewritten)
            Self.i(-1, 11, 0, 11, 0x13),                        // 40: addi a1, a1, -1
            Self.b(-28, 0, 11, 1),                              // 44: bne a1, x0, loop
            0x0000_006f,                                   // 48: j .
        ]
        let program = Self.bytes(words)
        let interpreted = try Self.run(program, translates: false, budget: 200)
        let translated = try Self.run(program, translates: true, budget: 200)
        #expect(translated == interpreted)
        #expect(interpreted.registers[10] == 5 + 4 + 3 + 2 + 1)
    }

    /// Runs of loads and stores through one base register (one TLB check for the run, then
    /// one host instruction each) at every position around a page boundary, aligned and
    /// not, with negative offsets, bytes and words, and a load into the base ending a run.
    /// In S-mode under Sv39, the two virtual pages map to physical pages in the other
    /// order, so an access that left its run's page unchecked would land in the wrong one.
    @Test(arguments: [0, 4, 1])
    func runsOfLoadsAndStoresAroundAPageBoundary(_ misalignment: Int) throws {
        let source = """
            .globl _start
        _start:
        \(Self.openPMP)
            la t0, root                     # VA 0x80000000: a gigapage onto itself
            li t1, (0x80000000 >> 12) << 10 | 0xcf
            sd t1, 16(t0)
            la t1, l1                       # VA 0x40000000: l1, l0
            srli t1, t1, 2
            ori t1, t1, 1
            sd t1, 8(t0)
            la t0, l1
            la t1, l0
            srli t1, t1, 2
            ori t1, t1, 1
            sd t1, 0(t0)
            la t0, l0                       # page 0 onto d2, page 1 onto d0
            la t1, d2
            srli t1, t1, 2
            ori t1, t1, 0xc7
            sd t1, 0(t0)
            la t1, d0
            srli t1, t1, 2
            ori t1, t1, 0xc7
            sd t1, 8(t0)
            la t0, root
            srli t0, t0, 12
            li t1, 8 << 60
            or t0, t0, t1
            csrw satp, t0
            sfence.vma
        \(Self.mret(to: "supervisor", mpp: 1))
        supervisor:
            li x1, 0x1122334455667788
            li x2, -3
            li x3, 0x8000000000000000
            li x4, 0x7f
            li x5, 0xfffe
            li x31, 0x40001000              # a run whose third load misses the TLB
            ld x10, -16(x31)
            beqz x0, 2f
        2:  addi x2, x2, 1
            ld x8, -8(x31)
            ld x9, 0(x31)
            ld x7, 8(x31)
            li x31, \(0x4000_0f80 + misalignment)
            li x29, 40
        loop:
            sd x1, 0(x31)
            sd x2, 8(x31)
            sd x3, 16(x31)
            sd x4, 24(x31)
            sd x5, 32(x31)
            addi x2, x2, 1
            ld x8, -8(x31)
            ld x9, 16(x31)
            ld x7, 24(x31)
            ld x6, 32(x31)
            lw x10, 4(x31)
            lwu x11, 12(x31)
            lw x12, 20(x31)
            add x1, x1, x6
            xor x2, x2, x7
            sb x1, 1(x31)
            sb x2, 2(x31)
            sb x3, 7(x31)
            lbu x13, 1(x31)
            lb x14, 2(x31)
            lh x15, 6(x31)
            lhu x16, 2(x31)
            lh x17, 0(x31)
            mv x30, x31
            ld x18, 0(x30)
            ld x19, 8(x30)
            ld x30, 16(x30)
            add x20, x20, x30
            add x21, x21, x8
            addi x31, x31, 4
            addi x29, x29, -1
            bnez x29, loop
        1:  j 1b
            .balign 4096
        root: .zero 4096
        l1: .zero 4096
        l0: .zero 4096
        d0: .zero 4096
        d1: .zero 4096
        d2: .zero 4096
        """
        let program = try #require(Assembler.assemble(source: source).program).flatImage()
        let interpreted = try Self.run(program, translates: false, budget: 5_000)
        let translated = try Self.run(program, translates: true, budget: 5_000)
        #expect(translated == interpreted)
        #expect(interpreted.registers[29] == 0)
        // Stopped anywhere in the loop (the block loops on itself in host registers), the
        // x array is as the interpreter leaves it.
        for budget in stride(from: UInt64(100), to: 1_600, by: 7) {
            let translated = try Self.run(program, translates: true, budget: budget)
            let interpreted = try Self.run(program, translates: false, budget: budget)
            #expect(translated == interpreted, "stopped after \(budget) instructions")
        }
    }

    /// A block that loops on itself keeps its guest registers in host registers from one
    /// round to the next; a load that misses the TLB at the top of every round (a list of
    /// pages) leaves it with all of them stored back, whatever round it is. The last one
    /// faults, and the trap handler sees x10 (written before it is read in the loop, and
    /// kept in another host register by the block the interpreter returns to after a miss)
    /// as the interpreter left it.
    @Test func aLoopInHostRegistersLeavesOnAMissEveryRound() throws {
        let source = """
            .globl _start
        _start:
            la t0, handler
            csrw mtvec, t0
            la x31, data
            li x29, 100
        loop:
            ld x5, 0(x31)
            li x10, 77
            add x7, x7, x10
            add x6, x6, x5
            ld x31, 8(x31)
            addi x29, x29, -1
            bnez x29, loop
        1:  j 1b
            .balign 4                       # mtvec's base is 4-byte aligned
        handler:
            mv x11, x10
            csrr x12, mcause
        2:  j 2b
            .balign 4096
        data:
            .dword 1, data + 4096
            .balign 4096
            .dword 2, data + 8192
            .balign 4096
            .dword 3, data + 12288
            .balign 4096
            .dword 4, data + 16384
            .balign 4096
            .dword 5, 0x10
        """
        let program = try #require(Assembler.assemble(source: source).program).flatImage()
        let interpreted = try Self.run(program, translates: false, budget: 1_000)
        let translated = try Self.run(program, translates: true, budget: 1_000)
        #expect(translated == interpreted)
        #expect(interpreted.registers[11] == 77 && interpreted.registers[12] == Cause.loadAccessFault)
        #expect(interpreted.registers[6] == 1 + 2 + 3 + 4 + 5)
    }

    /// U-mode code that reads sscratch in a hot loop: the read is an illegal instruction
    /// there, translated or not (translated CSR accesses check the privilege).
    @Test func aCSRBelowItsPrivilegeTrapsWhenTranslated() throws {
        let source = """
            .globl _start
        _start:
        \(Self.openPMP)
            la t0, handler
            csrw mtvec, t0
        \(Self.mret(to: "user", mpp: 0))
        user:
            li a0, 200
        1:  addi a0, a0, -1
            bnez a0, 1b
            csrr a1, sscratch
            j user
            .balign 4                       # mtvec's base is 4-byte aligned
        handler:
            csrr s1, mcause
            addi s2, s2, 1
            csrr t0, mepc
            addi t0, t0, 4
            csrw mepc, t0
            mret
        """
        let program = try #require(Assembler.assemble(source: source).program).flatImage()
        let interpreted = try Self.run(program, translates: false, budget: 5_000)
        let translated = try Self.run(program, translates: true, budget: 5_000)
        #expect(translated == interpreted)
        #expect(interpreted.registers[9] == Cause.illegalInstruction)
        #expect(interpreted.registers[18] >= 10)
    }

    /// Host code that runs out starts over (every block forgotten, chains and all) as
    /// often as every few blocks, and nothing changes.
    @Test func runningOutOfHostCodeChangesNothing() throws {
        var random = SplitMix(state: 0x5eed)
        for round in 0..<20 {
            let program = Self.randomLoop(&random, length: 60, rounds: 30)
            let interpreted = try Self.run(program, translates: false, budget: 20_000)
            let translated = try Self.run(program, translates: true, budget: 20_000, codeLimit: 20 * 1024)
            #expect(translated == interpreted, "round \(round): translated \(translated), interpreted \(interpreted)")
            if translated != interpreted { break }
        }
    }

    @Test func aLongLoopEndsAsTheInterpretersDo() throws {
        var random = SplitMix(state: 99)
        let program = Self.randomLoop(&random, length: 60, rounds: 2000)
        let interpreted = try Self.run(program, translates: false, budget: 1_000_000)
        let translated = try Self.run(program, translates: true, budget: 1_000_000)
        #expect(translated == interpreted)
        #expect(interpreted.outcome == .budgetExhausted)
    }
}

/// The microkernel, translated and interpreted: every trap, xRET, satp switch, timer
/// interrupt and IPC of ktest and of the hostile program's attempts ends in the same
/// state and the same console bytes, instruction for instruction.
@Suite struct TranslatedKernelTests {
    struct Run: Equatable {
        var state: TranslatorTests.State
        var console: [UInt8]
    }

    static func boot(_ bootargs: String, translates: Bool, budget: UInt64) throws -> Run {
        let image = ExternalTools.testsDirectory.deletingLastPathComponent().appendingPathComponent("images/kernel.img").path
        var console: [UInt8] = []
        let machine = Machine(input: nil, output: { console.append($0) })
        machine.translates = translates
        try machine.load(Array(try Data(contentsOf: URL(fileURLWithPath: image))), path: image, bootargs: bootargs, output: { console.append($0) })
        let outcome = machine.run(maxInstructions: budget)
        let hart = machine.hart
        let state = TranslatorTests.State(registers: (0..<32).map { hart.register($0) },
                                          csrs: [hart.sscratch, hart.sepc, hart.scause, hart.stval, hart.mscratch, hart.mepc, hart.mcause, hart.mtval,
                                                 hart.satp, hart.mstatus, hart.stimecmp, UInt64(hart.privilege.rawValue)],
                                          pc: hart.pc, instret: hart.instret, memory: 0, outcome: outcome)
        return Run(state: state, console: console)
    }

    @Test(arguments: ["init=ktest", "init=hostile", "init=ipcbench"])
    func kernelRunsAsInterpreted(_ bootargs: String) throws {
        // Stopped part of the way through, at an instruction count no block boundary favours.
        for budget: UInt64 in [1_234_567, 4_000_003] {
            let translated = try Self.boot(bootargs, translates: true, budget: budget)
            let interpreted = try Self.boot(bootargs, translates: false, budget: budget)
            #expect(translated.state == interpreted.state)
            #expect(translated.console == interpreted.console)
            #expect(!interpreted.console.isEmpty)
        }
    }
}
