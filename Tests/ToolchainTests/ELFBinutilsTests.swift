// ELFFile and ELFWriter against GNU binutils, on a program assembled and linked when the
// test runs: ELFFile must agree with `readelf` on every section, segment and symbol, and
// the same program written again by ELFWriter must disassemble exactly as the original.
// Skipped, and reported as skipped, where binutils is not installed (CI installs it).

import Foundation
import Testing
@testable import Toolchain

/// The binutils these tests need, in the order as, ld, readelf, objdump.
private let elfBinutils = ["as", "ld", "readelf", "objdump"].map { "riscv64-unknown-elf-" + $0 }

@Suite(.enabled(if: elfBinutils.allSatisfy { ELFWriterTests.findOnPath($0) != nil },
                "riscv64-unknown-elf-as/ld/readelf/objdump not on PATH: install binutils-riscv64-unknown-elf"))
struct ELFBinutilsTests {
    static let tools = elfBinutils

    static let source = """
        .section .text.init, "ax", @progbits
        .globl _start
        .type _start, @function
    _start:
        la sp, stack_top
        call main
    1:  wfi
        j 1b
        .size _start, .-_start
        .text
        .globl main
        .type main, @function
    main:
        lla a0, table
        ld a1, 8(a0)
        la a2, counter
        sw a1, 0(a2)
        .option push
        .option norvc
        addi a0, a0, 1
        .option pop
        ret
        .size main, .-main
        .section .rodata
        .p2align 3
    table: .dword 1, 2, 3
    greeting: .asciz "hello, world"
        .data
        .globl counter
        .type counter, @object
    counter: .word 7
        .size counter, 4
        .section .sdata, "aw"
    small: .half 3
        .bss
        .p2align 4
    stack: .zero 4096
        .globl stack_top
    stack_top:
    """

    /// Runs a tool, returning its standard output and error together.
    private static func run(_ tool: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(ELFWriterTests.findOnPath(tool)))
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: output, as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(tool) \(arguments): \(text)")
        return text
    }

    /// One scratch directory for the whole run, so that repeated runs do not pile up.
    private static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("rvmk-elf-binutils-tests")

    /// Assembles and links `source` in the scratch directory; returns the executable's path.
    private static func build() throws -> String {
        let directory = scratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let source = directory.appendingPathComponent("p.S").path
        try Self.source.write(toFile: source, atomically: true, encoding: .utf8)
        let object = directory.appendingPathComponent("p.o").path
        let image = directory.appendingPathComponent("p.elf").path
        _ = try run(tools[0], ["-march=rv64imac_zicsr_zifencei", "-mno-relax", source, "-o", object])
        _ = try run(tools[1], ["-Ttext=0x80000000", object, "-o", image])
        return image
    }

    /// The whitespace-separated fields of the lines of `text` that start with `prefix`.
    private static func rows(_ text: String, where keep: (String) -> Bool) -> [[String]] {
        text.split(separator: "\n").map(String.init).filter(keep)
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
    }

    private static func number(_ field: String) -> UInt64? {
        let digits = field.hasPrefix("0x") ? String(field.dropFirst(2)) : field
        return UInt64(digits, radix: 16)
    }

    @Test func sectionsAgreeWithReadelf() throws {
        let path = try Self.build()
        let file = try ELFFile.load(path: path)
        let rows = Self.rows(try Self.run(Self.tools[2], ["-S", "-W", path])) {
            $0.hasPrefix("  [") && !$0.contains("[Nr]") && !$0.contains("[ 0]")
        }
        #expect(rows.count == file.sections.count - 1)
        for row in rows {
            // [ N] or [NN], then name, type, address, offset, size.
            let fields = row.first == "[" ? Array(row.dropFirst()) : row
            let index = Int(fields[0].trimmingCharacters(in: CharacterSet(charactersIn: "[]"))) ?? -1
            let section = try #require(index > 0 && index < file.sections.count ? file.sections[index] : nil)
            #expect(section.name == fields[1])
            #expect(section.address == Self.number(fields[3]))
            #expect(section.offset == Self.number(fields[4]))
            #expect(section.size == Self.number(fields[5]))
        }
    }

    @Test func segmentsAgreeWithReadelf() throws {
        let path = try Self.build()
        let file = try ELFFile.load(path: path)
        let rows = Self.rows(try Self.run(Self.tools[2], ["-l", "-W", path])) {
            $0.hasPrefix("  LOAD") || $0.hasPrefix("  RISCV_ATTRIBUT")
        }
        #expect(rows.count == file.segments.count)
        for (row, segment) in zip(rows, file.segments) {
            #expect(segment.isLoad == (row[0] == "LOAD"))
            #expect(segment.offset == Self.number(row[1]))
            #expect(segment.virtualAddress == Self.number(row[2]))
            #expect(segment.physicalAddress == Self.number(row[3]))
            #expect(segment.fileSize == Self.number(row[4]))
            #expect(segment.memorySize == Self.number(row[5]))
            #expect(segment.alignment == Self.number(row.last ?? ""))
        }
        #expect(file.entry == file.symbol(named: "_start")?.value)
    }

    @Test func symbolsAgreeWithReadelf() throws {
        let path = try Self.build()
        let file = try ELFFile.load(path: path)
        let rows = Self.rows(try Self.run(Self.tools[2], ["-s", "-W", path])) {
            $0.range(of: #"^ +[0-9]+: "#, options: .regularExpression) != nil
        }
        #expect(rows.count == file.symbols.count)
        for row in rows {
            let index = Int(row[0].dropLast()) ?? -1
            let symbol = try #require(index >= 0 && index < file.symbols.count ? file.symbols[index] : nil)
            #expect(symbol.value == Self.number(row[1]))
            #expect(symbol.size == UInt64(row[2]))
            let types: [ELFSymbolType: String] = [.notype: "NOTYPE", .object: "OBJECT",
                                                  .function: "FUNC", .section: "SECTION", .file: "FILE"]
            #expect(types[symbol.type] == row[3])
            let bindings: [ELFSymbolBinding: String] = [.local: "LOCAL", .global: "GLOBAL", .weak: "WEAK"]
            #expect(bindings[symbol.binding] == row[4])
            let shndx = row[6] == "UND" ? 0 : row[6] == "ABS" ? 0xfff1 : UInt16(row[6]) ?? 0xffff
            #expect(symbol.sectionIndex == shndx)
            // readelf shows a section symbol (which has no name) by its section's name.
            let name = symbol.type == .section ? file.sections[Int(shndx)].name : symbol.name
            #expect(name == (row.count > 7 ? row[7] : ""))
        }
    }

    /// objdump -d of the original and of ELFWriter's copy, without the file-name line.
    @Test func rewriteDisassemblesTheSame() throws {
        let path = try Self.build()
        let file = try ELFFile.load(path: path)
        let sections = file.sections.filter(\.isAllocated)
        let writer = ELFWriter(
            entry: file.entry, flags: file.flags,
            sections: sections.map {
                ELFWriter.Section(name: $0.name, kind: $0.isNoBits ? .nobits : .progbits,
                                  flags: ELFWriter.SectionFlags(rawValue: $0.flags), address: $0.address,
                                  bytes: Array(file.contents(of: $0)), size: $0.size, alignment: $0.alignment)
            },
            symbols: file.symbols.dropFirst().filter { $0.type != .section && $0.type != .file }.map {
                let index = Int($0.sectionIndex)
                let name = index > 0 && index < file.sections.count ? file.sections[index].name : nil
                return ELFWriter.Symbol(name: $0.name, value: $0.value, size: $0.size,
                                        type: $0.type, binding: $0.binding, section: name)
            })
        let copy = path + ".rvmk"
        try Data(writer.serialize()).write(to: URL(fileURLWithPath: copy))
        let readelf = try Self.run(Self.tools[2], ["-a", "-W", copy])
        #expect(!readelf.lowercased().contains("warning"), "\(readelf)")
        let strip = { (text: String) in text.split(separator: "\n").filter { !$0.contains("file format") } }
        let original = strip(try Self.run(Self.tools[3], ["-d", path]))
        let rewritten = strip(try Self.run(Self.tools[3], ["-d", copy]))
        #expect(original == rewritten)
        #expect(original.contains { $0.contains("<main>:") })
        let loads = try ELFFile.load(path: copy).segments.filter(\.isLoad)
        #expect(loads.map(\.flags) == [[.read, .execute], [.read], [.read, .write]])
    }
}
