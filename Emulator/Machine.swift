// The virt machine: QEMU virt's memory map (DESIGN.md) with one hart, and the loop that
// runs it. The loop runs the hart in slices that end at the next timer deadline, at the
// next input poll, at the budget, and whenever the guest touched a device or changed what
// interrupts it accepts; between slices it moves device lines to the interrupt controller
// and lets `wfi` skip idle time. Everything is counted in instructions, never host time,
// so a run is the same on every host.

import Toolchain

public struct MachineError: Error, CustomStringConvertible {
    public let description: String
    public init(description: String) { self.description = description }
}

public final class Machine {
    public static let memoryBase: UInt64 = 0x8000_0000
    /// Instructions between polls of the input.
    static let pollInterval: UInt64 = 10_000

    public let hart: Hart
    public let memory: PhysicalMemory
    public let bus: Bus
    public let clint = CLINT()
    public let plic = PLIC()
    public let uart: UART16550
    public let finisher = TestFinisher()
    /// Symbols of the loaded ELF, for traces.
    public private(set) var symbols: [ELFSymbol] = []
    /// Called when `wfi` waits with no timer to wake it: returns true once input may have
    /// arrived (a terminal), false when nothing can ever arrive.
    /// Hot blocks run as host code (`Hart.translates`); false interprets everything.
    public var translates: Bool {
        get { hart.translates }
        set { hart.translates = newValue }
    }
    public var waitForInput: () -> Bool = { false }
    /// Asked between slices: true ends the run (the user quit).
    public var shouldStop: () -> Bool = { false }
    /// Called between slices (the console flushes its output).
    public var afterSlice: () -> Void = {}

    public enum Outcome: Hashable {
        case exited(Int32)
        case reset
        case budgetExhausted
        /// `wfi` with nothing that could ever wake the hart.
        case stalled
        /// The host asked to stop (Ctrl-A x).
        case stopped
    }

    public init(memorySize: UInt64 = 128 << 20, input: ByteSource?, output: @escaping (UInt8) -> Void) {
        memory = PhysicalMemory(base: Machine.memoryBase, size: memorySize)
        bus = Bus(memory: memory)
        uart = UART16550(input: input, output: output)
        hart = Hart(bus: bus, clint: clint, plic: plic)
        clint.clockSource = { [unowned(unsafe) hart] in hart.clock }  // the machine owns both: no reference counting per read
        bus.attach(finisher, at: 0x10_0000, size: TestFinisher.size)
        bus.attach(clint, at: 0x0200_0000, size: CLINT.size)
        bus.attach(plic, at: 0x0c00_0000, size: PLIC.size)
        bus.attach(uart, at: 0x1000_0000, size: UART16550.size)
        bus.onDeviceAccess = { [unowned self] in
            self.plic.setLevel(source: 10, self.uart.interruptAsserted)
            self.hart.endSlice = true
        }
    }

    /// Loads an ELF64 executable (PT_LOAD segments at their physical addresses) or a flat
    /// binary (at 0x8000_0000), then the device tree and the boot ROM.
    public func load(_ bytes: [UInt8], path: String, bootargs: String? = nil, output: @escaping (UInt8) -> Void) throws {
        var entry = Machine.memoryBase
        var imageEnd = Machine.memoryBase     // the end of what was loaded into RAM
        if bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) {
            let file: ELFFile
            do { file = try ELFFile(bytes: bytes, path: path) } catch { throw MachineError(description: error.description) }
            for segment in file.segments where segment.isLoad && segment.memorySize > 0 {
                guard memory.contains(segment.physicalAddress, segment.memorySize) else {
                    throw MachineError(description: "\(path): segment at 0x\(String(segment.physicalAddress, radix: 16)) (0x\(String(segment.memorySize, radix: 16)) bytes) is outside RAM (0x\(String(memory.base, radix: 16))..0x\(String(memory.base + memory.size, radix: 16)))")
                }
                memory.write(file.contents(of: segment), at: segment.physicalAddress)
                imageEnd = max(imageEnd, segment.physicalAddress + segment.memorySize)
            }
            entry = file.entry
            symbols = file.symbols
            if let tohost = file.symbol(named: "tohost") {
                bus.htif = HTIF(tohost: tohost.value, fromhost: file.symbol(named: "fromhost")?.value, output: output)
            }
        } else {
            guard memory.contains(Machine.memoryBase, UInt64(bytes.count)) else {
                throw MachineError(description: "\(path): \(bytes.count) bytes do not fit in \(memory.size >> 20) MiB of RAM")
            }
            memory.write(bytes, at: Machine.memoryBase)
            imageEnd = Machine.memoryBase + UInt64(bytes.count)
        }
        let tree = VirtBoard.deviceTree(memoryBase: memory.base, memorySize: memory.size, bootargs: bootargs)
        // Like QEMU: at the top of RAM (at most 3 GiB up), aligned down to 2 MiB.
        let top = memory.base + min(memory.size, 3 << 30)
        var treeAddress = (top - UInt64(tree.count)) & ~((2 << 20) - 1)
        if treeAddress < imageEnd {
            // A small RAM: just below its top, 8-aligned, if that clears the image.
            treeAddress = (top - UInt64(tree.count)) & ~7
            guard treeAddress >= imageEnd else {
                throw MachineError(description: "\(path): the image (up to 0x\(String(imageEnd, radix: 16))) and the device tree (\(tree.count) bytes) do not fit in \(memory.size >> 20) MiB of RAM")
            }
        }
        memory.write(tree, at: treeAddress)
        bus.attach(BootROM(entry: entry, deviceTree: treeAddress), at: BootROM.base, size: BootROM.size)
        hart.pc = BootROM.base
    }

    /// Runs until the guest exits, the budget of instructions is spent, or the hart can
    /// never wake again.
    public func run(maxInstructions: UInt64? = nil, slice run: ((UInt64) -> UInt64)? = nil) -> Outcome {
        var remaining = maxInstructions ?? .max
        while true {
            if let outcome = finished() { return outcome }
            if shouldStop() { return .stopped }
            if remaining == 0 { return .budgetExhausted }
            var slice = min(remaining, Machine.pollInterval)
            if let deadline = nextDeadline(), deadline > hart.clock { slice = min(slice, deadline - hart.clock) }
            let executed = run?(slice) ?? hart.run(slice)
            remaining -= executed
            afterSlice()
            uart.poll()
            plic.setLevel(source: 10, uart.interruptAsserted)
            if hart.stopReason == .waitingForInterrupt && hart.mip & hart.mie == 0 {
                if let deadline = nextDeadline(), deadline > hart.clock {
                    hart.idle &+= deadline - hart.clock
                } else if nextDeadline() == nil {
                    if !waitForInput() { return .stalled }
                    uart.poll()
                    plic.setLevel(source: 10, uart.interruptAsserted)
                }
            }
        }
    }

    private func finished() -> Outcome? {
        if let exit = bus.htif?.exitCode { return .exited(exit) }
        switch finisher.request {
        case .exit(let code): return .exited(code)
        case .reset: return .reset
        case nil: return nil
        }
    }

    /// The clock value at which the next timer interrupt becomes pending.
    private func nextDeadline() -> UInt64? {
        var deadline: UInt64?
        if clint.mtimecmp != .max { deadline = clint.clock(at: clint.mtimecmp) }
        if hart.stimecmpEnabled && hart.stimecmp != .max {
            let supervisor = clint.clock(at: hart.stimecmp)
            deadline = min(deadline ?? .max, supervisor)
        }
        return deadline
    }
}
