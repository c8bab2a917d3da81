// RISCVAttributes: the `.riscv.attributes` section, which tells objdump and other tools the
// ISA the code was written for (RISC-V psABI "RISC-V Attributes"; the layout is the generic
// build-attributes format also used by Arm).
//
// Layout: format-version 'A', then one vendor subsection: u32 length (counting itself),
// "riscv\0", then one Tag_file (1) subsubsection: ULEB tag, u32 length (counting the tag and
// itself), then the attributes; here only Tag_RISCV_arch (5), an NUL-terminated string.

enum RISCVAttributes {
    /// `Tag_file`
    static let tagFile: UInt8 = 1
    /// `Tag_RISCV_arch`
    static let tagArch: UInt8 = 5

    /// The section contents naming `architecture`, e.g. "rv64i2p1_m2p0_a2p1_c2p0".
    static func section(architecture: String) -> [UInt8] {
        let attributes = [tagArch] + Array(architecture.utf8) + [0]
        var file: [UInt8] = [tagFile]
        file.appendELF32(UInt32(1 + 4 + attributes.count))
        file += attributes
        let vendor = Array("riscv".utf8) + [0]
        var section: [UInt8] = [UInt8(ascii: "A")]
        section.appendELF32(UInt32(4 + vendor.count + file.count))
        section += vendor + file
        return section
    }
}
