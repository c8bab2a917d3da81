// `rvmk build`: the boot image from a Guest tree, its program table, reproducibility, the
// errors, and the committed images/kernel.img against a fresh build of Guest/.
import Foundation
import Testing
@testable import Toolchain
import TestSupport

@Suite struct BuildCommandTests {
    static let packageRoot = ExternalTools.testsDirectory.deletingLastPathComponent()

    /// A tiny Guest tree: a kernel that includes the generated table, and two programs.
    static func fixture() throws -> URL {
        let root = try ExternalTools.temporaryDirectory()
        let guest = root.appendingPathComponent("Guest")
        for folder in ["kernel", "include", "lib", "alpha", "beta-2"] {
            try FileManager.default.createDirectory(at: guest.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        try "    .equ ANSWER, 42\n".write(to: guest.appendingPathComponent("include/defs.inc"), atomically: true, encoding: .utf8)
        try "    .macro HALT\n1:  j 1b\n    .endm\n".write(to: guest.appendingPathComponent("lib/halt.inc"), atomically: true, encoding: .utf8)
        try """
            .include "defs.inc"
            .globl _start
        _start:
            la a0, boot_programs
            j _start
            .include "programs.inc"

        """.write(to: guest.appendingPathComponent("kernel/kernel.S"), atomically: true, encoding: .utf8)
        try """
            .include "defs.inc"
            .include "halt.inc"
            .globl _start
        _start:
            li a0, ANSWER
            HALT

        """.write(to: guest.appendingPathComponent("alpha/alpha.S"), atomically: true, encoding: .utf8)
        try """
            .globl _start
        _start:
            li a0, 7
            .data
        word: .dword 0x1122334455667788

        """.write(to: guest.appendingPathComponent("beta-2/beta-2.S"), atomically: true, encoding: .utf8)
        return root
    }

    @Test func imageHoldsEveryProgramInItsTable() throws {
        let rvmk = try #require(ExternalTools.rvmk, "the rvmk executable is built with the tests")
        let root = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try ExternalTools.run(rvmk, ["build", "-o", "out/kernel.img"], in: root.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("out/kernel.img: "))
        #expect(result.stdout.contains("2 programs"))
        let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent("out/kernel.img")))
        let image = try ELFFile(bytes: bytes, path: "kernel.img")
        #expect(image.entry == 0x8000_0000)
        let table = try #require(image.symbol(named: "boot_programs"))

        /// Reads guest memory through the image's load segments.
        func read(_ address: UInt64, _ count: Int) -> [UInt8]? {
            for segment in image.segments where segment.isLoad {
                let start = segment.physicalAddress
                if address >= start, address + UInt64(count) <= start + segment.fileSize {
                    let contents = image.contents(of: segment)
                    let offset = contents.startIndex + Int(address - start)
                    return Array(contents[offset..<offset + count])
                }
            }
            return nil
        }
        func dword(_ address: UInt64) -> UInt64 {
            (read(address, 8) ?? []).enumerated().reduce(0) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        }
        #expect(dword(table.value) == 2)
        for (index, name) in ["alpha", "beta-2"].enumerated() {
            let entry = table.value + 8 + UInt64(index) * 32
            let nameBytes = try #require(read(entry, 16))
            #expect(Array(nameBytes.prefix(name.utf8.count)) == Array(name.utf8))
            #expect(nameBytes.dropFirst(name.utf8.count).allSatisfy { $0 == 0 })
            let address = dword(entry + 16), size = dword(entry + 24)
            #expect(address % 8 == 0)
            // The embedded bytes are the program assembled alone at the user base.
            let alone = directoryBuild(rvmk, root: root, name: name)
            #expect(read(address, Int(size)) == alone, "\(name) embedded as assembled")
            let program = try ELFFile(bytes: try #require(read(address, Int(size))), path: name)
            #expect(program.entry == 0x10000)
        }
    }

    private func directoryBuild(_ rvmk: String, root: URL, name: String) -> [UInt8]? {
        let guest = root.appendingPathComponent("Guest")
        let output = root.appendingPathComponent("\(name).elf").path
        let result = try? ExternalTools.run(rvmk, ["asm", guest.appendingPathComponent("\(name)/\(name).S").path, "--base", "0x10000",
            "-I", guest.appendingPathComponent(name).path, "-I", guest.appendingPathComponent("lib").path,
            "-I", guest.appendingPathComponent("include").path, "-o", output])
        guard result?.status == 0, let data = FileManager.default.contents(atPath: output) else { return nil }
        return [UInt8](data)
    }

    @Test func rebuildingGivesTheSameBytes() throws {
        let rvmk = try #require(ExternalTools.rvmk, "the rvmk executable is built with the tests")
        let root = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try ExternalTools.run(rvmk, ["build", "-o", "a.img"], in: root.path)
        let second = try ExternalTools.run(rvmk, ["build", "-o", "b.img"], in: root.path)
        #expect(first.status == 0 && second.status == 0)
        let a = try Data(contentsOf: root.appendingPathComponent("a.img"))
        let b = try Data(contentsOf: root.appendingPathComponent("b.img"))
        #expect(a == b)
    }

    @Test func errorsAre125WithTheFileAndNothingWritten() throws {
        let rvmk = try #require(ExternalTools.rvmk, "the rvmk executable is built with the tests")
        let root = try Self.fixture()
        defer { try? FileManager.default.removeItem(at: root) }
        let guest = root.appendingPathComponent("Guest")
        // An assembler error in a program.
        try "    .globl _start\n_start:\n    addi a0, a0, 5000\n".write(to: guest.appendingPathComponent("alpha/alpha.S"), atomically: true, encoding: .utf8)
        let bad = try ExternalTools.run(rvmk, ["build", "-o", "x.img"], in: root.path)
        #expect(bad.status == 125)
        #expect(bad.stderr.contains("alpha.S:3:18: error: immediate 5000 out of range -2048..2047"), "\(bad.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("x.img").path))
        // A program folder without its source.
        try FileManager.default.createDirectory(at: guest.appendingPathComponent("gamma"), withIntermediateDirectories: true)
        try "    .globl _start\n_start:\n    nop\n".write(to: guest.appendingPathComponent("alpha/alpha.S"), atomically: true, encoding: .utf8)
        let missing = try ExternalTools.run(rvmk, ["build", "-o", "x.img"], in: root.path)
        #expect(missing.status == 125)
        #expect(missing.stderr.contains("gamma: a program folder needs gamma.S"), "\(missing.stderr)")
        // No Guest folder at all.
        let none = try ExternalTools.run(rvmk, ["build", "--guest", "Nowhere"], in: root.path)
        #expect(none.status == 125)
        #expect(none.stderr == "rvmk build: no Guest folder at Nowhere\n")
    }

    @Test func committedImageMatchesFreshBuild() throws {
        let rvmk = try #require(ExternalTools.rvmk, "the rvmk executable is built with the tests")
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fresh = directory.appendingPathComponent("kernel.img").path
        let result = try ExternalTools.run(rvmk, ["build", "-o", fresh], in: Self.packageRoot.path)
        #expect(result.status == 0, "\(result.stderr)")
        let committed = try Data(contentsOf: Self.packageRoot.appendingPathComponent("images/kernel.img"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fresh)) == committed,
                "images/kernel.img is stale: run `swift run rvmk build`")
    }

    @Test func bundledKernelIsTheCommittedImage() throws {
        let source = try String(contentsOf: Self.packageRoot.appendingPathComponent("Toolchain/rvmk/BundledKernel.swift"), encoding: .utf8)
        let base64 = source.split(separator: "\n").filter { $0.hasPrefix("    ") && !$0.contains("static") && !$0.contains("\"") }
            .map { $0.trimmingCharacters(in: .whitespaces) }.joined()
        let bundled = try #require(Data(base64Encoded: base64))
        let committed = try Data(contentsOf: Self.packageRoot.appendingPathComponent("images/kernel.img"))
        #expect(bundled == committed, "Toolchain/rvmk/BundledKernel.swift is stale: run `swift run rvmk build`, then build rvmk again")
    }
}
