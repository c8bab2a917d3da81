// `rvmk build [--guest DIR] [-o FILE]`: assembles the microkernel and every program under
// Guest/ into one boot image (images/kernel.img by default).
//
// Each program is Guest/NAME/NAME.S, assembled at the user base 0x10000 with the include
// path [Guest/NAME, Guest/lib, Guest/include]. The kernel, Guest/kernel/kernel.S, is
// assembled at 0x8000_0000 with [Guest/kernel, Guest/include, GEN], where GEN holds each
// program's ELF and a generated programs.inc: the table `boot_programs` (a count, then
// 32-byte entries: name NUL-padded to 16 bytes, address, size) and the ELFs themselves.
// Nothing of the host (paths, times) reaches the image, so a rebuild gives the same bytes.
import Foundation
import Toolchain

enum BuildCommand {
    static let help = """
    usage: rvmk build [--guest DIR] [-o FILE]

      --guest DIR   the guest sources (default: Guest)
      -o FILE       the boot image to write (default: images/kernel.img)

    With the default output, in the package's folder, it also writes
    Toolchain/rvmk/BundledKernel.swift: the image that `rvmk run` boots when given none
    (rebuild rvmk to pick it up).
    """

    /// Folders under Guest/ that are not programs.
    static let notPrograms: Set<String> = ["kernel", "include", "lib"]
    static let userBase: UInt64 = 0x10000
    static let kernelBase: UInt64 = 0x8000_0000

    struct BuildError: Error, CustomStringConvertible {
        let description: String
    }

    static func main(_ arguments: [String]) -> Int32 {
        var options = CommandLineOptions(arguments)
        if options.flag("-h", "--help") {
            print(help)
            return 0
        }
        let guest: String
        let output: String
        let bundle: String?
        do {
            guest = try options.value("--guest") ?? "Guest"
            output = try options.value("-o", "--output") ?? "images/kernel.img"
            bundle = try options.value("--bundle") ?? (output == "images/kernel.img" && FileManager.default.fileExists(atPath: "Toolchain/rvmk") ? "Toolchain/rvmk/BundledKernel.swift" : nil)
            let extra = try options.positionals()
            guard extra.isEmpty else { throw UsageError("unexpected argument '\(extra[0])'") }
        } catch {
            printError("rvmk build: \(error)\n\(help)")
            return 2
        }
        do {
            let image = try build(guest: guest) { line in print(line) }
            try write(image.bytes, to: output)
            print("\(output): \(image.bytes.count) bytes, \(image.programs.count) programs")
            if let bundle {
                let source = bundledSource(image.bytes)
                if FileManager.default.contents(atPath: bundle) != Data(source.utf8) {
                    try write(Array(source.utf8), to: bundle)
                    print("\(bundle): updated (rebuild rvmk to boot it by default)")
                }
            }
            return 0
        } catch let error as BuildError {
            printError(error.description)
            return 125
        } catch {
            printError("rvmk build: \(error)")
            return 125
        }
    }

    struct Image {
        var bytes: [UInt8]
        var programs: [(name: String, size: Int)]
    }

    /// Assembles everything; diagnostics are part of the thrown error.
    static func build(guest: String, progress: (String) -> Void = { _ in }) throws -> Image {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: guest, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw BuildError(description: "rvmk build: no Guest folder at \(guest)")
        }
        let root = URL(fileURLWithPath: guest)
        let kernelSource = root.appendingPathComponent("kernel/kernel.S").path
        guard fileManager.fileExists(atPath: kernelSource) else {
            throw BuildError(description: "rvmk build: \(kernelSource): no kernel source")
        }
        let names = try fileManager.contentsOfDirectory(atPath: guest).filter { name in
            var directory: ObjCBool = false
            return !name.hasPrefix(".") && !notPrograms.contains(name)
                && fileManager.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &directory)
                && directory.boolValue
        }.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }

        let generated = fileManager.temporaryDirectory.appendingPathComponent("rvmk-build-\(UUID().uuidString)")
        try fileManager.createDirectory(at: generated, withIntermediateDirectories: true)
        defer { try? fileManager.removeItem(at: generated) }

        var programs: [(name: String, size: Int)] = []
        for name in names {
            guard name.utf8.count <= 15 else {
                throw BuildError(description: "rvmk build: \(root.appendingPathComponent(name).path): a program name has at most 15 bytes")
            }
            guard name.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x61...0x7a).contains($0) }) else {
                throw BuildError(description: "rvmk build: \(root.appendingPathComponent(name).path): a program name is lowercase letters, digits, '-' and '_'")
            }
            let source = root.appendingPathComponent("\(name)/\(name).S").path
            guard fileManager.fileExists(atPath: source) else {
                throw BuildError(description: "rvmk build: \(root.appendingPathComponent(name).path): a program folder needs \(name).S")
            }
            var options = AssemblerOptions(includePaths: [
                root.appendingPathComponent(name).path,
                root.appendingPathComponent("lib").path,
                root.appendingPathComponent("include").path,
            ])
            options.base = userBase
            let elf = try assemble(source, options: options)
            try Data(elf).write(to: generated.appendingPathComponent("\(name).elf"))
            programs.append((name, elf.count))
            progress("  \(name.padding(toLength: 16, withPad: " ", startingAt: 0))\(elf.count) bytes")
        }
        try Data(programsInclude(programs.map(\.name)).utf8).write(to: generated.appendingPathComponent("programs.inc"))

        var options = AssemblerOptions(includePaths: [
            root.appendingPathComponent("kernel").path,
            root.appendingPathComponent("include").path,
            generated.path,
        ])
        options.base = kernelBase
        let kernel = try assemble(kernelSource, options: options)
        return Image(bytes: kernel, programs: programs)
    }

    /// The Swift source that carries the image inside rvmk.
    static func bundledSource(_ bytes: [UInt8]) -> String {
        let base64 = Data(bytes).base64EncodedString()
        var lines: [String] = []
        var index = base64.startIndex
        while index < base64.endIndex {
            let end = base64.index(index, offsetBy: 100, limitedBy: base64.endIndex) ?? base64.endIndex
            lines.append(String(base64[index..<end]))
            index = end
        }
        let quotes = String(repeating: "\"", count: 3)
        return "// Generated by `rvmk build`: images/kernel.img, which `rvmk run` boots when given no\n"
            + "// image. Do not edit; a test checks it against images/kernel.img.\n"
            + "enum BundledKernel {\n    static let base64 = \(quotes)\n"
            + lines.map { "    \($0)\n" }.joined() + "    \(quotes)\n}\n"
    }

    /// The generated table of programs and the `.incbin` of each.
    static func programsInclude(_ names: [String]) -> String {
        var text = """
        # Generated by rvmk build: the programs of the boot image.
            .section .rodata
            .balign 8
            .globl boot_programs
        boot_programs:
            .dword \(names.count)

        """
        for name in names {
            let label = symbol(name)
            text += "    .ascii \"\(name)\"\n    .zero \(16 - name.utf8.count)\n"
            text += "    .dword program_\(label), program_\(label)_end - program_\(label)\n"
        }
        for name in names {
            let label = symbol(name)
            text += "    .balign 8\nprogram_\(label):\n    .incbin \"\(name).elf\"\nprogram_\(label)_end:\n"
        }
        return text
    }

    private static func symbol(_ name: String) -> String {
        String(name.map { $0 == "-" ? "_" : $0 })
    }

    private static func assemble(_ source: String, options: AssemblerOptions) throws -> [UInt8] {
        let result = Assembler.assemble(path: source, options: options)
        guard let program = result.program else {
            let lines = result.diagnostics.map(\.description)
            throw BuildError(description: (lines + ["rvmk build: \(source): \(result.errors.count) error\(result.errors.count == 1 ? "" : "s"); nothing written"]).joined(separator: "\n"))
        }
        return program.elfImage()
    }

    private static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw BuildError(description: "rvmk build: cannot write '\(path)'")
        }
    }
}
