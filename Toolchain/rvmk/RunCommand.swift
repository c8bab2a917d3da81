// `rvmk run IMAGE [options]`: runs an ELF64 or flat binary on the virt machine.
// Exit status (DESIGN.md): the guest's code when it exits through the test finisher or HTIF,
// 124 when --max-instructions runs out (or the guest waits for an interrupt that can never
// come), 125 when rvmk cannot run (bad option, unreadable or malformed image), always with
// one line on stderr.
import Emulator
import Foundation
import Toolchain

enum RunCommand {
    static let help = """
    usage: rvmk run [IMAGE] [options]   (no IMAGE: the built-in microkernel)

      --max-instructions N   stop after N instructions (exit status 124)
      --input FILE           offer FILE's bytes to the UART as the guest reads them
      --memory MIB           RAM size in MiB (default 128)
      --append ARGS          kernel command line (/chosen/bootargs in the device tree)
      --stats                print instructions, host seconds and MIPS at exit
      --interpret            interpret every instruction (no translation to host code)
      --trace[=FILE]         one line per retired instruction (to stderr or FILE)
      --trace-format F       rvmk (default) or spike (Spike's --log-commits format)
      --trace-start WHERE    start tracing at a symbol or address
      --trace-mode MODES     only trace these privilege modes: some of m, s, u
      --trace-count N        trace at most N instructions
      --events               traps, interrupts, xRETs and satp switches, one line each
    In a terminal, Ctrl-A x quits.
    """

    struct Options {
        var image = ""
        var maxInstructions: UInt64?
        var input: String?
        var memoryMiB: UInt64 = 128
        var bootargs: String?
        var stats = false
        var interpret = false
        var trace: String?
        var traceFormat = TraceFormat.rvmk
        var traceStart: String?
        var traceModes: Set<Privilege>?
        var traceCount: UInt64?
        var events = false
    }

    static func parse(_ arguments: [String]) throws -> Options {
        var parser = CommandLineOptions(arguments)
        var options = Options()
        options.stats = parser.flag("--stats")
        options.interpret = parser.flag("--interpret")
        options.events = parser.flag("--events")
        options.trace = parser.optionalValue("--trace")
        if let text = try parser.value("--max-instructions") {
            guard let value = parseNumber(text) else { throw UsageError("--max-instructions: '\(text)' is not a number") }
            options.maxInstructions = value
        }
        options.input = try parser.value("--input")
        options.bootargs = try parser.value("--append")
        if let text = try parser.value("--memory") {
            guard let value = parseNumber(text), (1...4096).contains(value) else { throw UsageError("--memory: '\(text)' is not a size in MiB (1..4096)") }
            options.memoryMiB = value
        }
        if let text = try parser.value("--trace-format") {
            guard let format = TraceFormat(rawValue: text) else { throw UsageError("--trace-format: '\(text)' is not rvmk or spike") }
            options.traceFormat = format
        }
        options.traceStart = try parser.value("--trace-start")
        if let text = try parser.value("--trace-mode") {
            var modes = Set<Privilege>()
            for letter in text.lowercased() {
                switch letter {
                case "m": modes.insert(.machine)
                case "s": modes.insert(.supervisor)
                case "u": modes.insert(.user)
                case ",": break
                default: throw UsageError("--trace-mode: '\(letter)' is not m, s or u")
                }
            }
            options.traceModes = modes
        }
        if let text = try parser.value("--trace-count") {
            guard let value = parseNumber(text) else { throw UsageError("--trace-count: '\(text)' is not a number") }
            options.traceCount = value
        }
        let positionals = try parser.positionals()
        guard positionals.count <= 1 else { throw UsageError("one image at a time") }
        options.image = positionals.first ?? ""

        return options
    }

    static func main(_ arguments: [String]) -> Int32 {
        if arguments.contains("-h") || arguments.contains("--help") {
            print(help)
            return 0
        }
        let options: Options
        do {
            options = try parse(arguments)
        } catch {
            printError("rvmk run: \(error)")
            return 125
        }
        do {
            return try run(options)
        } catch {
            printError("rvmk run: \(error)")
            return 125
        }
    }

    static func run(_ options: Options) throws -> Int32 {
        let data: Data
        let path: String
        if options.image.isEmpty {
            guard let bundled = Data(base64Encoded: BundledKernel.base64, options: .ignoreUnknownCharacters) else {
                throw MachineError(description: "the built-in microkernel is damaged: rebuild rvmk")
            }
            data = bundled
            path = "(built-in microkernel)"
        } else {
            guard let contents = FileManager.default.contents(atPath: options.image) else {
                let reason = FileManager.default.fileExists(atPath: options.image) ? "cannot read file" : "no such file"
                throw MachineError(description: "\(options.image): \(reason)")
            }
            data = contents
            path = options.image
        }
        let console = Console.shared
        console.install()
        defer { console.restore() }
        var input: ByteSource = console
        if let path = options.input {
            // Through a file handle, so pipes and process substitution work too.
            guard let handle = FileHandle(forReadingAtPath: path),
                  let bytes = try? handle.readToEnd() ?? Data() else {
                let reason = FileManager.default.fileExists(atPath: path) ? "cannot read input file" : "no such input file"
                throw MachineError(description: "\(path): \(reason)")
            }
            input = FileInput([UInt8](bytes))
        }
        let machine = Machine(memorySize: options.memoryMiB << 20, input: input, output: console.write)
        if options.interpret { machine.translates = false }
        try machine.load([UInt8](data), path: path, bootargs: options.bootargs, output: console.write)
        machine.waitForInput = { console.waitForInput() }
        machine.shouldStop = { console.quitRequested }
        machine.afterSlice = { console.flushIfInteractive() }
        let tracer = try Tracer.make(options, machine)
        // The terminal goes raw only once the image and options are known to be good.
        if options.input == nil { console.startInput() }
        let start = Date()
        let outcome = machine.run(maxInstructions: options.maxInstructions, slice: tracer.map { tracer in { tracer.run(machine.hart, $0) } })
        let seconds = Date().timeIntervalSince(start)
        console.flush()
        tracer?.finish()
        console.restore()
        if options.stats {
            let instructions = machine.hart.instret
            let mips = seconds > 0 ? Double(instructions) / seconds / 1e6 : 0
            printError("rvmk: \(instructions.formatted()) instructions in \(String(format: "%.6f", seconds)) s (\(String(format: "%.1f", mips)) MIPS)")
        }
        return status(of: outcome, machine: machine, budget: options.maxInstructions, quit: console.quitRequested)
    }

    static func status(of outcome: Machine.Outcome, machine: Machine, budget: UInt64?, quit: Bool) -> Int32 {
        if quit { return 0 }
        switch outcome {
        case .exited(let code):
            guard code >= 0 && code <= 123 else {
                printError("rvmk run: the guest exited with status \(code), reported as 123")
                return 123
            }
            return code
        case .reset:
            printError("rvmk run: the guest asked for a reset; stopping")
            return 0
        case .budgetExhausted:
            printError("rvmk run: stopped after \(budget ?? 0) instructions (--max-instructions) at pc 0x\(String(machine.hart.pc, radix: 16))")
            return 124
        case .stopped:
            return 0
        case .stalled:
            printError("rvmk run: the guest waits for an interrupt (wfi at pc 0x\(String(machine.hart.pc &- 4, radix: 16))) and nothing can send one")
            return 124
        }
    }
}

/// Input from a file, offered byte by byte as the guest reads it.
final class FileInput: ByteSource {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func nextByte() -> UInt8? {
        guard index < bytes.count else { return nil }
        index += 1
        return bytes[index - 1]
    }
}
