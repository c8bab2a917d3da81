// `rvmk disasm IMAGE [--start SYMBOL|ADDR] [--count N]`: disassembles the executable
// sections of an ELF64 image in the layout of `objdump -d`, or from `--start` for `--count`
// instructions. A file that is not an ELF is read as a flat binary loaded at 0x80000000,
// the way `rvmk run` loads one.
import Foundation
import Toolchain

enum DisasmCommand {
    static let help = """
    usage: rvmk disasm IMAGE [--start SYMBOL|ADDR] [--count N]

      --start WHERE   begin at a symbol or an address (default: every executable section)
      --count N       stop after N instructions
    """

    struct Failure: Error, CustomStringConvertible { let description: String }

    static func main(_ arguments: [String]) -> Int32 {
        var options = CommandLineOptions(arguments)
        if options.flag("-h", "--help") {
            print(help)
            return 0
        }
        let start: String?, countText: String?, path: String
        do {
            start = try options.value("--start")
            countText = try options.value("--count")
            let positionals = try options.positionals()
            guard positionals.count == 1 else { throw UsageError(positionals.isEmpty ? "no image given" : "one image at a time") }
            path = positionals[0]
        } catch {
            printError("rvmk disasm: \(error)\n\(help)")
            return 2
        }
        do {
            var count: Int?
            if let countText {
                guard let value = parseNumber(countText), value > 0, value < UInt64(Int.max) else {
                    throw UsageError("--count: '\(countText)' is not a positive number")
                }
                count = Int(value)
            }
            print(try listing(path, start: start, count: count), terminator: "")
            return 0
        } catch let error as UsageError {
            printError("rvmk disasm: \(error)\n\(help)")
            return 2
        } catch {
            printError("rvmk disasm: \(error)")
            return 125
        }
    }

    /// The sections to show: (name, address, bytes), and the symbols.
    static func load(_ path: String) throws -> (sections: [(String, UInt64, [UInt8])], symbols: [ELFSymbol], isELF: Bool) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read file" : "no such file"
            throw Failure(description: "\(path): \(reason)")
        }
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x7f, 0x45, 0x4c, 0x46]) else {
            return ([(".data", 0x8000_0000, bytes)], [], false)
        }
        let file = try ELFFile(bytes: bytes, path: path)
        let sections = file.sections.filter { $0.isExecutable && !$0.isNoBits && $0.size > 0 }
            .map { ($0.name, $0.address, Array(file.contents(of: $0))) }
        return (sections, file.symbols, true)
    }

    static func listing(_ path: String, start: String?, count: Int?) throws -> String {
        let (sections, symbols, isELF) = try load(path)
        let listing = DisassemblyListing(symbols: SymbolMap(symbols), all: symbols)
        var text = "\n\(path):     file format \(isELF ? "elf64-littleriscv" : "binary")\n\n"
        guard let start else {
            for (name, address, bytes) in sections {
                text += "\nDisassembly of section \(name):\n"
                text += listing.lines(bytes, address: address, limit: count, sectionName: name).joined(separator: "\n") + "\n"
            }
            return text
        }
        guard let address = SymbolMap(symbols).address(of: start) ?? parseNumber(start) else {
            throw Failure(description: "\(path): no symbol '\(start)'")
        }
        guard let (name, base, bytes) = sections.first(where: { address >= $0.1 && address - $0.1 < UInt64($0.2.count) }) else {
            throw Failure(description: "\(path): address 0x\(String(address, radix: 16)) is not in an executable section")
        }
        let offset = Int(address - base)
        text += "\nDisassembly of section \(name):\n"
        text += listing.lines(Array(bytes[offset...]), address: address, limit: count ?? .max, sectionName: name).joined(separator: "\n") + "\n"
        return text
    }
}
