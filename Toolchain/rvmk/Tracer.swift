// `--trace` and `--events`. Tracing runs the hart one instruction at a time in this loop of
// its own, so the untraced loop never tests a trace flag. Each retired instruction is one
// line: in rvmk's format with the disassembly and the nearest symbol, or in Spike's
// `--log-commits` format (`core   0: 3 0x0000000080000002 (0x12fd) x5  0x0000000000000001`),
// with the registers, memory and CSRs the instruction wrote.
import Emulator
import Foundation
import Toolchain

enum TraceFormat: String {
    case rvmk, spike
}

final class Tracer {
    private let format: TraceFormat
    private let handle: FileHandle
    private let listing: DisassemblyListing
    private var startAddress: UInt64?
    private let modes: Set<Privilege>?
    private var remaining: UInt64
    private let traceInstructions: Bool

    static func make(_ options: RunCommand.Options, _ machine: Machine) throws -> Tracer? {
        guard options.trace != nil || options.events else { return nil }
        var handle = FileHandle.standardError
        if let path = options.trace, !path.isEmpty {
            guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
                throw MachineError(description: "\(path): cannot write the trace")
            }
            handle = file
        }
        let symbols = SymbolMap(machine.symbols)
        var start: UInt64?
        if let where_ = options.traceStart {
            guard let address = symbols.address(of: where_) ?? parseNumber(where_) else {
                throw MachineError(description: "\(options.image): no symbol '\(where_)' for --trace-start")
            }
            start = address
        }
        let tracer = Tracer(format: options.traceFormat, handle: handle, listing: DisassemblyListing(symbols: symbols, all: machine.symbols),
                            start: start, modes: options.traceModes, count: options.traceCount, instructions: options.trace != nil)
        if options.events { tracer.attachEvents(machine.hart) }
        return tracer
    }

    deinit {
        prefixAddresses.deallocate()
        prefixKeys.deallocate()
        prefixLengths.deallocate()
        arena.deallocate()
    }

    private init(format: TraceFormat, handle: FileHandle, listing: DisassemblyListing, start: UInt64?,
                 modes: Set<Privilege>?, count: UInt64?, instructions: Bool) {
        prefixAddresses.initialize(repeating: .max, count: Tracer.slots)
        prefixKeys.initialize(repeating: 0, count: Tracer.slots)
        prefixLengths.initialize(repeating: 0, count: Tracer.slots)
        self.format = format
        self.handle = handle
        self.listing = listing
        startAddress = start
        self.modes = modes
        remaining = count ?? .max
        traceInstructions = instructions
    }

    /// Runs the hart like `Hart.run`, tracing each instruction.
    func run(_ hart: Hart, _ limit: UInt64) -> UInt64 {
        guard traceInstructions else { return hart.run(limit) }
        var steps: UInt64 = 0
        while steps < limit {
            steps += 1
            let before = hart.snapshot()
            let retired = hart.instret
            let keepGoing = hart.singleStep()
            if hart.instret != retired { record(before, hart) }
            if !keepGoing { break }
        }
        if out.count > 1 << 17 { flushBuffer() }
        return steps
    }

    private func record(_ before: Hart.Snapshot, _ hart: Hart) {
        if let start = startAddress {
            guard before.pc == start else { return }
            startAddress = nil
        }
        guard remaining > 0, modes?.contains(before.privilege) ?? true else { return }
        remaining -= 1
        let effects = hart.effects(since: before)
        if format == .spike { spikeLine(before, effects) } else { rvmkLine(before, effects) }
        out.append(0x0a)
        if out.count > 1 << 17 { flushBuffer() }
    }

    // Lines are built as bytes. What depends only on the instruction (its address, bits,
    // privilege, disassembly and symbol) is made once per address and reused while the
    // same instruction runs there again.
    /// The output not yet written: a buffer of our own, so that appending a byte is a
    /// store (lines are at most a few hundred bytes; it is written out past half full).
    private let out = OutputBuffer(capacity: 1 << 18)
    /// A direct-mapped cache of prefixes by address: each slot's address, instruction bits
    /// and privilege, and its bytes in `arena` (`slotBytes` per slot; a longer prefix is
    /// made again each time). Plain memory, so that reusing a prefix is one copy.
    private static let slots = 1 << 14, slotBytes = 128
    private let prefixAddresses = UnsafeMutablePointer<UInt64>.allocate(capacity: Tracer.slots)
    private let prefixKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: Tracer.slots)
    private let prefixLengths = UnsafeMutablePointer<Int>.allocate(capacity: Tracer.slots)
    private let arena = UnsafeMutablePointer<UInt8>.allocate(capacity: Tracer.slots * Tracer.slotBytes)
    // The register names as the two formats print them, in plain memory (no reference
    // counting per line): rvmk's ABI names, and Spike's " %c%-2d 0x" (x5 gets a second
    // space, x10 does not).
    private let registerNames = ByteStrings((0..<32).map { Registers.name($0) })
    private let spikeRegisters = ByteStrings((0..<32).map { number in
        let text = String(number)
        return " x\(text)\(String(repeating: " ", count: max(0, 2 - text.count))) 0x"
    })

    private func appendHex(_ value: UInt64, _ digits: Int) {
        out.appendHex(value, digits)
    }

    private func append(_ text: String) {
        out.append(contentsOf: text.utf8)
    }

    private func hex(_ value: UInt64, _ digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Appends the line's prefix: from the cache, or made (and cached).
    private func appendPrefix(_ before: Hart.Snapshot, _ make: () -> String) {
        let slot = Int((before.pc >> 1) & UInt64(Tracer.slots - 1))
        let key = UInt64(before.word) | UInt64(before.privilege.rawValue) << 32
        if prefixAddresses[slot] == before.pc && prefixKeys[slot] == key {
            out.append(arena + slot * Tracer.slotBytes, count: prefixLengths[slot])
            return
        }
        let bytes = Array(make().utf8)
        if bytes.count <= Tracer.slotBytes {
            bytes.withUnsafeBufferPointer { (arena + slot * Tracer.slotBytes).update(from: $0.baseAddress!, count: $0.count) }
            prefixAddresses[slot] = before.pc
            prefixKeys[slot] = key
            prefixLengths[slot] = bytes.count
        } else {
            prefixAddresses[slot] = .max
        }
        out.append(contentsOf: bytes)
    }

    private func spikeLine(_ before: Hart.Snapshot, _ effects: Hart.Effects) {
        appendPrefix(before) {
            "core   0: \(before.privilege.rawValue) 0x\(hex(before.pc, 16)) (0x\(hex(UInt64(before.word), before.length == 2 ? 4 : 8)))"
        }
        if let (register, value) = effects.register {
            spikeRegisters.append(Int(register), to: out)
            appendHex(value, 16)
        }
        if let (number, value) = effects.csr {
            let name = Hart.Effects.csrName(number)
            append(" c\(number)_\(name) 0x")
            appendHex(value, 16)
        }
        if let load = effects.load {
            out.append(" mem 0x")
            appendHex(load, 16)
        }
        if let store = effects.store {
            out.append(" mem 0x")
            appendHex(store.address, 16)
            out.append(" 0x")
            appendHex(store.value, store.size * 2)
        }
    }

    private func rvmkLine(_ before: Hart.Snapshot, _ effects: Hart.Effects) {
        appendPrefix(before) {
            let mode = ["U", "S", "", "M"][Int(before.privilege.rawValue)]
            let decoded = Disassembler.decode(before.word, address: before.pc)
            let symbol = listing.describe(before.pc).split(separator: " ", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
            var text = decoded.text(symbolize: { String($0, radix: 16) }).replacingOccurrences(of: "\t", with: " ")
            text += String(repeating: " ", count: max(1, 32 - text.count))
            return "0 \(mode) \(hex(before.pc, 16)) \(hex(UInt64(before.word), before.length == 2 ? 4 : 8))\(before.length == 2 ? "    " : "") \(text)\(symbol)"
        }
        if let (register, value) = effects.register {
            out.append(0x20)
            registerNames.append(Int(register), to: out)
            out.append("=0x")
            appendHex(value, 16)
        }
        if let (number, value) = effects.csr {
            let name = Hart.Effects.csrName(number)
            append(" \(name)=0x")
            appendHex(value, 16)
        }
        if let load = effects.load {
            out.append(" load[0x")
            appendHex(load, 16)
            out.append(0x5d)
        }
        if let store = effects.store {
            out.append(" mem[0x")
            appendHex(store.address, 16)
            out.append("]=0x")
            appendHex(store.value, store.size * 2)
        }
    }

    private func attachEvents(_ hart: Hart) {
        hart.trapHook = { [unowned self, unowned hart] cause, value in
            let interrupt = cause >> 63 != 0
            let name = Tracer.causeName(cause)
            let target = hart.privilege == .machine ? "M" : "S"
            self.append("event: \(interrupt ? "interrupt" : "exception") \(name) (cause 0x\(String(cause, radix: 16))) to \(target)-mode, epc 0x\(self.hex(hart.trapPC, 16)), tval 0x\(self.hex(value, 16))\n")
        }
        hart.returnHook = { [unowned self, unowned hart] machine in
            let mode = ["U", "S", "", "M"][Int(hart.privilege.rawValue)]
            self.append("event: \(machine ? "mret" : "sret") to \(mode)-mode at 0x\(self.hex(hart.pc, 16))\n")
        }
        hart.satpHook = { [unowned self] satp in
            self.append("event: satp 0x\(self.hex(satp, 16)) (mode \(satp >> 60), asid \((satp >> 44) & 0xffff), root 0x\(self.hex((satp & 0xfff_ffff_ffff) << 12, 16)))\n")
        }
    }

    static func causeName(_ cause: UInt64) -> String {
        let code = cause & ~(1 << 63)
        if cause >> 63 != 0 {
            return [1: "supervisor software", 3: "machine software", 5: "supervisor timer", 7: "machine timer",
                    9: "supervisor external", 11: "machine external"][code] ?? "interrupt \(code)"
        }
        return [0: "instruction address misaligned", 1: "instruction access fault", 2: "illegal instruction", 3: "breakpoint",
                4: "load address misaligned", 5: "load access fault", 6: "store address misaligned", 7: "store access fault",
                8: "ecall from U-mode", 9: "ecall from S-mode", 11: "ecall from M-mode", 12: "instruction page fault",
                13: "load page fault", 15: "store page fault"][code] ?? "exception \(code)"
    }

    private func flushBuffer() {
        guard out.count > 0 else { return }
        handle.write(Data(bytesNoCopy: out.bytes, count: out.count, deallocator: .none))
        out.count = 0
    }

    func finish() {
        flushBuffer()
    }
}

/// A growable byte buffer with cheap appends.
final class OutputBuffer {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = capacity
        bytes = .allocate(capacity: capacity)
    }

    deinit {
        bytes.deallocate()
    }

    @inline(__always)
    private func reserve(_ more: Int) {
        if count + more > capacity { grow(more) }
    }

    @inline(never)
    private func grow(_ more: Int) {
        let bigger = max(capacity * 2, count + more)
        let new = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        new.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = new
        capacity = bigger
    }

    func append(_ byte: UInt8) {
        reserve(1)
        bytes[count] = byte
        count += 1
    }

    func append<C: Collection>(contentsOf collection: C) where C.Element == UInt8 {
        reserve(collection.count)
        for byte in collection {
            bytes[count] = byte
            count += 1
        }
    }

    func append(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }

    func append(_ source: UnsafePointer<UInt8>, count length: Int) {
        reserve(length)
        (bytes + count).update(from: source, count: length)
        count += length
    }

    func append(contentsOf array: [UInt8]) {
        reserve(array.count)
        array.withUnsafeBufferPointer { source in
            (bytes + count).update(from: source.baseAddress!, count: source.count)
        }
        count += array.count
    }

    /// The eight hex digits of `value`, most significant first in memory order: each nibble
    /// spread into a byte of its own, then turned into its digit, all eight at once.
    @inline(__always)
    static func hex8(_ value: UInt32) -> UInt64 {
        var x = UInt64(value)
        x = (x & 0xffff_0000) << 16 | (x & 0xffff)
        x = (x & 0x0000_ff00_0000_ff00) << 8 | (x & 0x0000_00ff_0000_00ff)
        x = (x & 0x00f0_00f0_00f0_00f0) << 4 | (x & 0x000f_000f_000f_000f)
        let letters = ((x &+ 0x0606_0606_0606_0606) >> 4) & 0x0101_0101_0101_0101  // nibbles >= 10
        x = x &+ 0x3030_3030_3030_3030 &+ letters &* 39  // '0' + n, or 'a' + n - 10
        return x.byteSwapped.littleEndian
    }

    /// `digits` hex digits (1 to 16) of `value`.
    func appendHex(_ value: UInt64, _ digits: Int) {
        reserve(16)
        let raw = UnsafeMutableRawPointer(bytes + count)
        if digits > 8 {
            let high = UInt32(truncatingIfNeeded: value >> 32) << (32 - 4 * UInt32(digits - 8))
            raw.storeBytes(of: OutputBuffer.hex8(high), as: UInt64.self)
            raw.storeBytes(of: OutputBuffer.hex8(UInt32(truncatingIfNeeded: value)), toByteOffset: digits - 8, as: UInt64.self)
        } else {
            raw.storeBytes(of: OutputBuffer.hex8(UInt32(truncatingIfNeeded: value) << (32 - 4 * UInt32(digits))), as: UInt64.self)
        }
        count += digits
    }
}

/// Short strings in one block of memory, appended to an `OutputBuffer` by index.
final class ByteStrings {
    private let bytes: UnsafeMutablePointer<UInt8>
    private let offsets: UnsafeMutablePointer<Int>

    init(_ strings: [String]) {
        let utf8 = strings.map { Array($0.utf8) }
        bytes = .allocate(capacity: max(1, utf8.reduce(0) { $0 + $1.count }))
        offsets = .allocate(capacity: utf8.count + 1)
        var at = 0
        for (index, string) in utf8.enumerated() {
            offsets[index] = at
            for byte in string { bytes[at] = byte; at += 1 }
        }
        offsets[utf8.count] = at
    }

    deinit {
        bytes.deallocate()
        offsets.deallocate()
    }

    func append(_ index: Int, to out: OutputBuffer) {
        out.append(bytes + offsets[index], count: offsets[index + 1] - offsets[index])
    }
}
