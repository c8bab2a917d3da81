// The differential corpus: every file in Tests/Corpus is assembled by GNU as
// (`-march=rv64imac_zicsr_zifencei -mno-relax`) and linked by `ld -Ttext=0x80000000`, and by
// rvmk; the `.text` bytes must be identical. Runs when Debian's binutils-riscv64-unknown-elf
// is installed (CI installs it); otherwise the test is reported as skipped.
import Foundation
import Testing
@testable import Toolchain
import TestSupport

@Suite struct AssemblerDifferentialTests {
    static let sources: [String] = (try? FileManager.default.contentsOfDirectory(atPath: ExternalTools.corpus.path))?
        .filter { $0.hasSuffix(".S") }.sorted() ?? []

    @Test func corpusIsPresent() {
        #expect(Self.sources.count >= 6, "Tests/Corpus holds the differential corpus")
    }

    @Test(.enabled(if: ExternalTools.binutilsAvailable, "needs riscv64-unknown-elf-as/ld/objcopy (Debian: binutils-riscv64-unknown-elf)"),
          arguments: sources)
    func textMatchesGNU(_ name: String) throws {
        let source = ExternalTools.corpus.appendingPathComponent(name).path
        let expected = try Self.gnuText(source)
        let result = Assembler.assemble(path: source, options: AssemblerOptions(includePaths: [ExternalTools.corpus.path]))
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description).joined(separator: "\n"))")
        guard let program = result.program else { return }
        let image = program.flatImage()
        #expect(image.count >= expected.count)
        let ours = Array(image.prefix(expected.count))
        if let first = zip(ours, expected).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("\(name): first difference at .text+0x\(String(first, radix: 16)) (0x\(String(0x8000_0000 + first, radix: 16)))")
        }
        #expect(ours == expected)
    }

    /// `.text` of the GNU-built executable.
    static func gnuText(_ source: String) throws -> [UInt8] {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let object = directory.appendingPathComponent("a.o").path
        let linked = directory.appendingPathComponent("a.elf").path
        let text = directory.appendingPathComponent("a.text").path
        let steps: [(String, [String])] = [
            ("riscv64-unknown-elf-as", ["-march=rv64imac_zicsr_zifencei", "-mno-relax", "-I", ExternalTools.corpus.path, source, "-o", object]),
            ("riscv64-unknown-elf-ld", ["-Ttext=0x80000000", object, "-o", linked]),
            ("riscv64-unknown-elf-objcopy", ["-O", "binary", "-j", ".text", linked, text]),
        ]
        for (tool, arguments) in steps {
            let output = try ExternalTools.run(ExternalTools.find(tool)!, arguments)
            guard output.status == 0 else {
                throw GNUFailure(description: "\(tool) failed on \(source):\n\(output.stderr)")
            }
        }
        return [UInt8](FileManager.default.contents(atPath: text) ?? Data())
    }

    struct GNUFailure: Error, CustomStringConvertible { let description: String }
}
