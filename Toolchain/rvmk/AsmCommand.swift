// `rvmk asm SOURCE.S [-o OUT] [--format elf|bin] [--base ADDR] [-I DIR]... [-D NAME=VALUE]...`
// Assembles one source (with its includes) into an ELF64 executable or a flat binary.
// Diagnostics go to stderr; on any error no output file is written.
import Foundation
import Toolchain

enum AsmCommand {
    static let help = """
    usage: rvmk asm SOURCE.S [-o OUT] [--format elf|bin] [--base ADDR] [-I DIR]... [-D NAME=VALUE]...

      -o OUT            output file (default: SOURCE with .elf or .bin)
      --format FORMAT   elf (default): an ELF64 executable; bin: the flat memory image from --base
      --base ADDR       address of the first section, .text (default 0x80000000)
      -I DIR            search DIR for .include and .incbin files
      -D NAME[=VALUE]   define NAME (VALUE defaults to 1), like as --defsym
    """

    static func main(_ arguments: [String]) -> Int32 {
        var options = CommandLineOptions(arguments)
        if options.flag("-h", "--help") {
            print(help)
            return 0
        }
        do {
            let output = try options.value("-o", "--output")
            let format = try options.value("--format") ?? "elf"
            let baseText = try options.value("--base")
            let includes = try options.values("-I", "--include")
            let defines = try options.values("-D", "--defsym")
            let positionals = try options.positionals()
            guard positionals.count == 1 else { throw UsageError(positionals.isEmpty ? "no source file given" : "one source file at a time") }
            guard format == "elf" || format == "bin" else { throw UsageError("unknown format '\(format)' (elf or bin)") }
            var assemblerOptions = AssemblerOptions(includePaths: includes)
            if let baseText {
                guard let base = parseNumber(baseText) else { throw UsageError("--base: '\(baseText)' is not an address") }
                assemblerOptions.base = base
            }
            for define in defines {
                let parts = define.split(separator: "=", maxSplits: 1).map(String.init)
                guard let name = parts.first, !name.isEmpty else { throw UsageError("-D needs NAME or NAME=VALUE") }
                let valueText = parts.count > 1 ? parts[1] : "1"
                let value: Int64
                if valueText.hasPrefix("-"), let magnitude = parseNumber(String(valueText.dropFirst())) {
                    value = 0 &- Int64(bitPattern: magnitude)
                } else if let number = parseNumber(valueText) {
                    value = Int64(bitPattern: number)
                } else {
                    throw UsageError("-D \(name): '\(valueText)' is not a number")
                }
                assemblerOptions.defines[name] = value
            }
            let source = positionals[0]
            let destination = output ?? defaultOutput(for: source, format: format)
            return assemble(source, to: destination, format: format, options: assemblerOptions)
        } catch {
            printError("rvmk asm: \(error)\n\(help)")
            return 2
        }
    }

    static func defaultOutput(for source: String, format: String) -> String {
        let url = URL(fileURLWithPath: source)
        return url.deletingPathExtension().appendingPathExtension(format).path
    }

    static func assemble(_ source: String, to destination: String, format: String, options: AssemblerOptions) -> Int32 {
        let result = Assembler.assemble(path: source, options: options)
        for diagnostic in result.diagnostics { printError(diagnostic.description) }
        guard let program = result.program else {
            let count = result.errors.count
            printError("rvmk asm: \(count) error\(count == 1 ? "" : "s"); no output written")
            try? FileManager.default.removeItem(atPath: destination)
            return 1
        }
        let bytes = format == "bin" ? program.flatImage() : program.elfImage()
        guard FileManager.default.createFile(atPath: destination, contents: Data(bytes)) else {
            printError("rvmk asm: cannot write '\(destination)'")
            return 1
        }
        return 0
    }
}
