// ELFWriter: what it writes reads back field for field through ELFFile, its segments follow
// the loader's rules, and binutils' readelf and objdump read it without a warning.

import Foundation
import Testing
@testable import Toolchain

@Suite struct ELFWriterTests {
    @Test func roundTripHeaderAndSections() throws {
        let writer = ELFTestImages.writer
        let file = try ELFFile(bytes: writer.serialize(), path: "out.elf")
        #expect(file.entry == writer.entry)
        #expect(file.flags == writer.flags)
        #expect(file.sections.map(\.name) == ["", ".text", ".rodata", ".data", ".bss",
            ".riscv.attributes", ".symtab", ".strtab", ".shstrtab"])
        for (written, read) in zip(writer.sections, file.sections.dropFirst()) {
            #expect(read.name == written.name)
            #expect(read.type == (written.kind == .progbits ? 1 : 8))
            #expect(read.flags == written.flags.rawValue)
            #expect(read.address == written.address)
            #expect(read.size == written.size)
            #expect(read.alignment == written.alignment)
            #expect(Array(file.contents(of: read)) == written.bytes)
        }
    }

    @Test func roundTripSymbols() throws {
        let writer = ELFTestImages.writer
        let file = try ELFFile(bytes: writer.serialize(), path: "out.elf")
        let symtab = try #require(file.section(named: ".symtab"))
        let locals = writer.symbols.filter { $0.binding == .local }
        let others = writer.symbols.filter { $0.binding != .local }
        #expect(file.symbols.count == 1 + writer.symbols.count)
        #expect(symtab.info == UInt32(1 + locals.count))
        #expect(file.sections[Int(symtab.link)].name == ".strtab")
        for (written, read) in zip(locals + others, file.symbols.dropFirst()) {
            #expect(read.name == written.name)
            #expect(read.value == written.value)
            #expect(read.size == written.size)
            #expect(read.type == written.type)
            #expect(read.binding == written.binding)
            let expected = written.section.map { name in
                UInt16(file.sections.firstIndex { $0.name == name } ?? 0)
            } ?? 0xfff1
            #expect(read.sectionIndex == expected)
        }
    }

    @Test func loadSegments() throws {
        let file = try ELFFile(bytes: ELFTestImages.written, path: "out.elf")
        let loads = file.segments.filter(\.isLoad)
        #expect(loads.map(\.flags) == [[.read, .execute], [.read], [.read, .write]])
        #expect(loads.map(\.virtualAddress) == [0x8000_0000, 0x8000_0018, 0x8000_1020])
        #expect(loads.map(\.fileSize) == [24, 6, 8])
        #expect(loads.map(\.memorySize) == [24, 6, 0x48])
        for segment in loads {
            #expect(segment.alignment == 0x1000)
            #expect(segment.offset % 0x1000 == segment.virtualAddress % 0x1000)
            #expect(segment.physicalAddress == segment.virtualAddress)
        }
        #expect(Array(file.contents(of: loads[0])) == ELFTestImages.text)
        #expect(Array(file.contents(of: loads[2])) == [5, 0, 0, 0, 0, 0, 0, 0])
        let attributes = try #require(file.segments.first { $0.type == 0x7000_0003 })
        let section = try #require(file.section(named: ".riscv.attributes"))
        #expect(attributes.offset == section.offset && attributes.fileSize == section.size)
    }

    @Test func attributesSection() throws {
        let file = try ELFFile(bytes: ELFTestImages.written, path: "out.elf")
        let section = try #require(file.section(named: ".riscv.attributes"))
        let bytes = Array(file.contents(of: section))
        let arch = Array(ELFWriter.defaultArchitecture.utf8)
        #expect(bytes[0] == UInt8(ascii: "A"))
        #expect(bytes.elfRead(1, 4) == UInt64(bytes.count - 1))
        #expect(Array(bytes[5..<11]) == Array("riscv\0".utf8))
        #expect(bytes[11] == 1 && bytes.elfRead(12, 4) == UInt64(bytes.count - 11))
        #expect(bytes[16] == 5 && Array(bytes[17...]) == arch + [0])
        // Byte for byte what GNU as wrote into the fixture.
        let gnu = try ELFFile(bytes: ELFTestImages.gnu, path: "t.elf")
        #expect(Array(gnu.contents(of: try #require(gnu.section(named: ".riscv.attributes")))) == bytes)
    }

    @Test func noArchitectureMeansNoAttributes() throws {
        var writer = ELFTestImages.writer
        writer.architecture = nil
        let file = try ELFFile(bytes: writer.serialize(), path: "out.elf")
        #expect(file.section(named: ".riscv.attributes") == nil)
        #expect(file.segments.allSatisfy { $0.isLoad })
        #expect(file.sections.last?.name == ".shstrtab")
    }

    /// Sections and gaps that exercise the segment grouping rules.
    static let groupingWriter = ELFWriter(entry: 0x1000, sections: [
            .init(name: ".text", flags: [.alloc, .execute], address: 0x1000, bytes: [1, 2, 3]),
            .init(name: ".text2", flags: [.alloc, .execute], address: 0x1008, bytes: [4, 5]),
            .init(name: ".data", flags: [.alloc, .write], address: 0x2000, bytes: [6]),
            .init(name: ".bss", kind: .nobits, flags: [.alloc, .write], address: 0x2004, size: 12),
            .init(name: ".data2", flags: [.alloc, .write], address: 0x2010, bytes: [7]),
            .init(name: ".far", flags: [.alloc, .write], address: 0x9000, bytes: [8]),
        ], architecture: nil)

    @Test func adjacentSectionsShareASegment() throws {
        let file = try ELFFile(bytes: Self.groupingWriter.serialize(), path: "out.elf")
        let loads = file.segments.filter(\.isLoad)
        // .text+.text2 (gap zero-filled); .data+.bss; .data2 (after NOBITS); .far (gap >= page).
        #expect(loads.map(\.virtualAddress) == [0x1000, 0x2000, 0x2010, 0x9000])
        #expect(Array(file.contents(of: loads[0])) == [1, 2, 3, 0, 0, 0, 0, 0, 4, 5])
        #expect(loads[1].fileSize == 1 && loads[1].memorySize == 16)
        #expect(Array(file.contents(of: try #require(file.section(named: ".data2")))) == [7])
    }

    @Test func nonAllocatedAndEmptySections() throws {
        let writer = ELFWriter(sections: [
            .init(name: ".text", flags: [.alloc, .execute], address: 0x8000_0000, bytes: [0x01, 0x00]),
            .init(name: ".comment", flags: [], address: 0, bytes: Array("rvmk\0".utf8)),
            .init(name: ".empty", flags: [.alloc], address: 0x8000_0002, bytes: []),
        ], symbols: [.init(name: "x", value: 1, section: ".nosuch")], architecture: nil)
        let file = try ELFFile(bytes: writer.serialize(), path: "out.elf")
        #expect(file.segments.count == 1)
        #expect(Array(file.contents(of: try #require(file.section(named: ".comment")))) == Array("rvmk\0".utf8))
        #expect(file.section(named: ".empty")?.size == 0)
        #expect(file.symbol(named: "x")?.sectionIndex == 0)
    }

    /// The GNU image's sections and symbols, written again by ELFWriter, read back the same.
    @Test func rewritesTheGNUImage() throws {
        let gnu = try ELFFile(bytes: ELFTestImages.gnu, path: "t.elf")
        let loaded = gnu.sections.filter(\.isAllocated)
        let writer = ELFWriter(
            entry: gnu.entry, flags: gnu.flags,
            sections: loaded.map { section in
                ELFWriter.Section(
                    name: section.name, kind: section.isNoBits ? .nobits : .progbits,
                    flags: ELFWriter.SectionFlags(rawValue: section.flags), address: section.address,
                    bytes: Array(gnu.contents(of: section)), size: section.size,
                    alignment: section.alignment)
            },
            symbols: gnu.symbols.dropFirst().filter { $0.type != .section && $0.type != .file }.map { symbol in
                let index = Int(symbol.sectionIndex)
                let section = index > 0 && index < gnu.sections.count ? gnu.sections[index].name : nil
                return ELFWriter.Symbol(name: symbol.name, value: symbol.value, size: symbol.size,
                                        type: symbol.type, binding: symbol.binding, section: section)
            })
        let file = try ELFFile(bytes: writer.serialize(), path: "out.elf")
        for section in loaded {
            let copy = try #require(file.section(named: section.name))
            #expect(copy.address == section.address && copy.size == section.size)
            #expect(copy.flags == section.flags && copy.type == section.type)
            #expect(file.contents(of: copy) == gnu.contents(of: section))
        }
        for symbol in gnu.symbols where symbol.type != .section && symbol.type != .file {
            let copy = try #require(file.symbol(named: symbol.name))
            #expect(copy.value == symbol.value && copy.size == symbol.size)
            #expect(copy.type == symbol.type && copy.binding == symbol.binding)
            #expect(Self.sectionName(copy.sectionIndex, in: file)
                    == Self.sectionName(symbol.sectionIndex, in: gnu))
        }
        let map = SymbolMap(file.symbols), gnuMap = SymbolMap(gnu.symbols)
        for address in stride(from: UInt64(0x7fff_fff0), to: 0x8000_1070, by: 3) {
            #expect(map.lookup(address)?.name == gnuMap.lookup(address)?.name)
        }
    }

    /// The name of the section a symbol's st_shndx names, or the reserved index in hex.
    private static func sectionName(_ index: UInt16, in file: ELFFile) -> String {
        index > 0 && Int(index) < file.sections.count ? file.sections[Int(index)].name : "0x\(String(index, radix: 16))"
    }

    /// Runs a binutils tool on the writer's image; nil when the tool is not installed.
    private static func run(_ tool: String, _ arguments: [String], on image: [UInt8]) throws -> String? {
        guard let executable = findOnPath(tool) else { return nil }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rvmk-elfwriter-\(UUID().uuidString).elf")
        try Data(image).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: output, as: UTF8.self)
    }

    static func findOnPath(_ tool: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(tool)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Skipped, and reported as skipped, where binutils is not installed (CI installs it).
    @Test(.enabled(if: ELFWriterTests.findOnPath("riscv64-unknown-elf-readelf") != nil,
                   "riscv64-unknown-elf-readelf not on PATH: install binutils-riscv64-unknown-elf"))
    func readelfReadsWithoutWarnings() throws {
        for (name, image) in [("grouping", Self.groupingWriter.serialize()),
                              ("no-architecture", ELFWriter(entry: 0x8000_0000, sections: [
                                  .init(name: ".text", flags: [.alloc, .execute], address: 0x8000_0000,
                                        bytes: ELFTestImages.text)], architecture: nil).serialize())] {
            guard let output = try Self.run("riscv64-unknown-elf-readelf", ["-a", "-W"], on: image) else { return }
            #expect(!output.lowercased().contains("warning"), "\(name): \(output)")
            #expect(!output.lowercased().contains("error"), "\(name): \(output)")
        }
        guard let output = try Self.run("riscv64-unknown-elf-readelf", ["-a", "-W"],
                                        on: ELFTestImages.written) else { return }
        #expect(!output.lowercased().contains("warning"), "\(output)")
        #expect(!output.lowercased().contains("error"), "\(output)")
        #expect(output.contains("Machine:                           RISC-V"))
        #expect(output.contains("Flags:                             0x1, RVC, soft-float ABI"))
        #expect(output.contains("Tag_RISCV_arch: \"\(ELFWriter.defaultArchitecture)\""))
        #expect(output.contains("FUNC    GLOBAL DEFAULT    1 _start"))
    }

    /// Skipped, and reported as skipped, where binutils is not installed (CI installs it).
    @Test(.enabled(if: ELFWriterTests.findOnPath("riscv64-unknown-elf-objdump") != nil,
                   "riscv64-unknown-elf-objdump not on PATH: install binutils-riscv64-unknown-elf"))
    func objdumpDisassemblesWithoutWarnings() throws {
        guard let output = try Self.run("riscv64-unknown-elf-objdump", ["-d"],
                                        on: ELFTestImages.written) else { return }
        #expect(!output.lowercased().contains("warning"), "\(output)")
        #expect(output.contains("0000000080000000 <_start>:"))
        #expect(output.contains("80000016:\ta001                \tj\t80000016 <loop>"))
    }
}
