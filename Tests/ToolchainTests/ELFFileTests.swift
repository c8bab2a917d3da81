// ELFFile: one test per class of malformed input, each asserting the one-line message.
// Images are the ELFWriter test image (and the GNU one) with one field damaged.

import Foundation
import Testing
@testable import Toolchain

@Suite struct ELFFileTests {
    /// The error ELFFile reports for `bytes`, or nil if it accepted them.
    private func error(_ bytes: [UInt8], path: String = "bad.elf") -> String? {
        do {
            _ = try ELFFile(bytes: bytes, path: path)
            return nil
        } catch {
            return error.description
        }
    }

    /// The writer image with `width` bytes at `offset` set to `value`.
    private func patched(_ offset: Int, _ width: Int, _ value: UInt64,
                         _ image: [UInt8] = ELFTestImages.written) -> [UInt8] {
        var image = image
        image.elfPatch(offset, width, value)
        return image
    }

    private func hex(_ value: Int) -> String { "0x" + String(value, radix: 16) }

    private var image: [UInt8] { ELFTestImages.written }

    @Test func acceptsBothTestImages() throws {
        #expect(error(ELFTestImages.gnu) == nil)
        #expect(error(image) == nil)
    }

    @Test func unreadableFile() {
        #expect(throws: ELFError(path: "/nonexistent/k.img", message: "cannot read file: no such file")) {
            try ELFFile.load(path: "/nonexistent/k.img")
        }
        let directory = FileManager.default.temporaryDirectory.path
        #expect(throws: ELFError(path: directory, message: "cannot read file: is a directory")) {
            try ELFFile.load(path: directory)
        }
    }

    @Test func loadReadsAFile() throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("rvmk-elffile-\(UUID().uuidString).elf")
        try Data(image).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = try ELFFile.load(path: url.path)
        #expect(file.path == url.path && file.entry == 0x8000_0000)
    }

    @Test func emptyFile() {
        #expect(error([]) == "bad.elf: empty file")
    }

    @Test func truncatedHeader() {
        #expect(error(Array(image.prefix(40))) == "bad.elf: truncated: ELF header needs 0x40 bytes, file has 0x28")
        #expect(error(Array(image.prefix(2))) == "bad.elf: truncated: ELF header needs 0x40 bytes, file has 0x2")
    }

    @Test func badMagic() {
        #expect(error(patched(3, 1, 0x47)) == "bad.elf: not an ELF file (bad magic 7f 45 4c 47)")
        #expect(error(Array("#!/bin/sh\n".utf8)) == "bad.elf: not an ELF file (bad magic 23 21 2f 62)")
    }

    @Test func wrongClass() {
        #expect(error(patched(4, 1, 1)) == "bad.elf: ELF32 file: only ELF64 is supported")
        #expect(error(patched(4, 1, 7)) == "bad.elf: bad ELF class 7 (e_ident[EI_CLASS])")
    }

    @Test func wrongDataEncoding() {
        #expect(error(patched(5, 1, 2)) == "bad.elf: big-endian ELF file: only little-endian is supported")
        #expect(error(patched(5, 1, 0)) == "bad.elf: bad ELF data encoding 0 (e_ident[EI_DATA])")
    }

    @Test func wrongVersion() {
        #expect(error(patched(6, 1, 2)) == "bad.elf: bad ELF version 2 (e_ident[EI_VERSION])")
        #expect(error(patched(20, 4, 0)) == "bad.elf: bad e_version 0")
    }

    @Test func wrongMachine() {
        #expect(error(patched(18, 2, 62), path: "a.out") == "a.out: not a RISC-V file (e_machine 62)")
    }

    @Test func wrongType() {
        #expect(error(patched(16, 2, 1)) == "bad.elf: not an executable (e_type 1: relocatable object)")
        #expect(error(patched(16, 2, 4)) == "bad.elf: not an executable (e_type 4: core file)")
        #expect(error(patched(16, 2, 3)) == nil)    // ET_DYN is accepted
    }

    @Test func badHeaderSizes() {
        #expect(error(patched(52, 2, 52)) == "bad.elf: bad ELF header size: e_ehsize 52 (expected 64)")
        #expect(error(patched(54, 2, 32)) == "bad.elf: bad program header size: e_phentsize 32 (expected 56)")
        #expect(error(patched(58, 2, 40)) == "bad.elf: bad section header size: e_shentsize 40 (expected 64)")
    }

    @Test func absurdCounts() {
        #expect(error(patched(56, 2, 0xffff))
            == "bad.elf: absurd program header count: e_phnum 0xffff (PN_XNUM) is not supported")
        let shoff = Int(image.elfRead(40, 8))
        #expect(error(patched(60, 2, 0xfff0)) == "bad.elf: truncated: section header table at "
            + "\(hex(shoff)) (+\(hex(0xfff0 * 64))) runs past end of file (\(hex(image.count)) bytes)")
        #expect(error(patched(60, 2, 0))
            == "bad.elf: e_shnum 0 with e_shoff \(hex(shoff)): extended section numbering is not supported")
    }

    @Test func programHeaderTableOutsideFile() {
        let phoff = image.count - 10
        #expect(error(patched(32, 8, UInt64(phoff))) == "bad.elf: truncated: program header table at "
            + "\(hex(phoff)) (+\(hex(4 * 56))) runs past end of file (\(hex(image.count)) bytes)")
        #expect(error(patched(32, 8, ~0)) == "bad.elf: program header table: offset "
            + "0xffffffffffffffff + size \(hex(4 * 56)) overflows")
    }

    @Test func sectionHeaderTableOutsideFile() {
        let shoff = Int(image.elfRead(40, 8))
        let cut = Array(image.prefix(shoff + 0x40))
        #expect(error(cut, path: "kernel.img") == "kernel.img: truncated: section header table at "
            + "\(hex(shoff)) (+\(hex(9 * 64))) runs past end of file (\(hex(shoff + 0x40)) bytes)")
    }

    @Test func segmentOutsideFile() {
        let at = image.programHeader(1)
        #expect(error(patched(at + 8, 8, UInt64(image.count - 4))) == "bad.elf: truncated: segment 1 at "
            + "\(hex(image.count - 4)) (+0x18) runs past end of file (\(hex(image.count)) bytes)")
        #expect(error(patched(at + 8, 8, 0xffff_ffff_ffff_fff0))
            == "bad.elf: segment 1: offset 0xfffffffffffffff0 + size 0x18 overflows")
    }

    @Test func segmentFileSizeExceedsMemorySize() {
        let at = image.programHeader(3)
        #expect(error(patched(at + 40, 8, 4)) == "bad.elf: segment 3: file size 0x8 exceeds memory size 0x4")
    }

    @Test func segmentAddressOverflows() {
        let at = image.programHeader(3)
        #expect(error(patched(at + 16, 8, 0xffff_ffff_ffff_ffe0)) == "bad.elf: segment 3: virtual "
            + "address 0xffffffffffffffe0 + memory size 0x48 overflows")
        #expect(error(patched(at + 24, 8, 0xffff_ffff_ffff_ffe0)) == "bad.elf: segment 3: physical "
            + "address 0xffffffffffffffe0 + memory size 0x48 overflows")
    }

    @Test func segmentsOverlapInMemory() {
        let at = image.programHeader(2)
        #expect(error(patched(at + 16, 8, 0x8000_0010)) == "bad.elf: segments 1 and 2 overlap in "
            + "memory (0x80000000+0x18 and 0x80000010+0x6)")
    }

    @Test func badAlignment() {
        #expect(error(patched(image.programHeader(1) + 48, 8, 0x1800))
            == "bad.elf: segment 1: alignment 0x1800 is not a power of two")
        #expect(error(patched(image.sectionHeader(3) + 48, 8, 3))
            == "bad.elf: section 3: alignment 0x3 is not a power of two")
    }

    @Test func sectionOutsideFile() {
        let at = image.sectionHeader(2)
        #expect(error(patched(at + 24, 8, UInt64(image.count - 2))) == "bad.elf: truncated: section 2 at "
            + "\(hex(image.count - 2)) (+0x6) runs past end of file (\(hex(image.count)) bytes)")
        #expect(error(patched(at + 32, 8, ~0)) == "bad.elf: section 2: offset 0x1018 + size "
            + "0xffffffffffffffff overflows")
        // NOBITS sections take no file space: any offset is fine.
        #expect(error(patched(image.sectionHeader(4) + 24, 8, ~0)) == nil)
    }

    @Test func sectionAddressOverflows() {
        let at = image.sectionHeader(4)
        #expect(error(patched(at + 16, 8, ~0)) == "bad.elf: section 4: address 0xffffffffffffffff "
            + "+ size 0x40 overflows")
    }

    @Test func sectionNameTableIndex() {
        #expect(error(patched(62, 2, 9)) == "bad.elf: e_shstrndx 9 out of range (9 sections)")
        #expect(error(patched(62, 2, 0xffff)) == "bad.elf: e_shstrndx 65535 out of range (9 sections)")
        #expect(error(patched(62, 2, 1)) == "bad.elf: section name table (section 1) is not SHT_STRTAB (sh_type 0x1)")
        let unnamed = try? ELFFile(bytes: patched(62, 2, 0), path: "x")
        #expect(unnamed?.sections.allSatisfy { $0.name.isEmpty } == true)
    }

    @Test func sectionNameOutsideStringTable() {
        let size = Int(image.elfRead(image.sectionHeader(8) + 32, 8))
        #expect(error(patched(image.sectionHeader(2), 4, 0x1234)) == "bad.elf: section 2 name: string "
            + "offset 0x1234 outside string table (section 8, \(hex(size)) bytes)")
    }

    @Test func unterminatedName() {
        // Cut the final NUL off .shstrtab: the last name (".shstrtab" itself) runs off its end.
        let at = image.sectionHeader(8)
        let size = image.elfRead(at + 32, 8)
        let bytes = patched(at + 32, 8, size - 1)
        let file = try? ELFFile(bytes: bytes, path: "x")
        #expect(file == nil)
        let message = error(bytes) ?? ""
        #expect(message.hasPrefix("bad.elf: section ") && message.hasSuffix("in section 8 is not NUL-terminated"))
    }

    @Test func symbolTableShape() {
        let at = image.sectionHeader(6)
        #expect(error(patched(at + 56, 8, 16)) == "bad.elf: section 6 (.symtab): bad symbol entry size "
            + "0x10 (expected 0x18)")
        let size = image.elfRead(at + 32, 8)
        #expect(error(patched(at + 32, 8, size - 1)) == "bad.elf: section 6 (.symtab): size "
            + "\(hex(Int(size) - 1)) is not a multiple of the entry size 0x18")
        #expect(error(patched(at + 40, 4, 2)) == "bad.elf: section 6 (.symtab): sh_link 2 is not a string table section")
        #expect(error(patched(at + 40, 4, 99)) == "bad.elf: section 6 (.symtab): sh_link 99 is not a string table section")
    }

    @Test func symbolNameOutsideStringTable() {
        let symtab = Int(image.elfRead(image.sectionHeader(6) + 24, 8))
        let strtabSize = Int(image.elfRead(image.sectionHeader(7) + 32, 8))
        #expect(error(patched(symtab + 24 * 2, 4, 0x7777)) == "bad.elf: symbol 2 name: string offset "
            + "0x7777 outside string table (section 7, \(hex(strtabSize)) bytes)")
    }

    @Test func symbolSectionIndexOutOfRange() {
        let symtab = Int(image.elfRead(image.sectionHeader(6) + 24, 8))
        #expect(error(patched(symtab + 24 * 4 + 6, 2, 42)) == "bad.elf: symbol 4 (_start): section "
            + "index 42 out of range (9 sections)")
        #expect(error(patched(symtab + 24 * 4 + 6, 2, 0xfff2)) == nil)    // SHN_COMMON: reserved
    }

    @Test func contentsStayInsideTheFile() throws {
        let file = try ELFFile(bytes: image, path: "x")
        let alien = ELFSegment(type: 1, flags: .read, offset: ~0, virtualAddress: 0, physicalAddress: 0,
                               fileSize: 16, memorySize: 16, alignment: 0)
        #expect(file.contents(of: alien).isEmpty)
        #expect(file.contents(of: file.sections[0]).isEmpty)
    }
}
