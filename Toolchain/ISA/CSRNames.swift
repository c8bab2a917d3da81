// CSR names and numbers: the privileged architecture 1.12 ("Control and Status Registers",
// tables 2.2-2.6), plus Sstc's `stimecmp`, the F extension's `fflags`/`frm`/`fcsr` and the
// debug/trigger registers. One table serves the assembler (`csrr a0, mstatus`), the
// disassembler (`csrw mtvec,a0`) and the emulator's trace.

public enum CSRNames {
    /// Every named CSR, in the order the privileged spec lists them.
    public static let all: [(name: String, number: UInt16)] = {
        var list: [(String, UInt16)] = [
            ("fflags", 0x001), ("frm", 0x002), ("fcsr", 0x003),
            ("cycle", 0xC00), ("time", 0xC01), ("instret", 0xC02),
        ]
        list += (3...31).map { ("hpmcounter\($0)", UInt16(0xC00 + $0)) }
        list += [("cycleh", 0xC80), ("timeh", 0xC81), ("instreth", 0xC82)]
        list += (3...31).map { ("hpmcounter\($0)h", UInt16(0xC80 + $0)) }
        list += [
            ("sstatus", 0x100), ("sie", 0x104), ("stvec", 0x105), ("scounteren", 0x106),
            ("senvcfg", 0x10A), ("sscratch", 0x140), ("sepc", 0x141), ("scause", 0x142),
            ("stval", 0x143), ("sip", 0x144), ("stimecmp", 0x14D), ("stimecmph", 0x15D),
            ("satp", 0x180), ("scontext", 0x5A8),
            ("hstatus", 0x600), ("hedeleg", 0x602), ("hideleg", 0x603), ("hie", 0x604),
            ("htimedelta", 0x605), ("hcounteren", 0x606), ("hgeie", 0x607), ("henvcfg", 0x60A),
            ("htimedeltah", 0x615), ("henvcfgh", 0x61A), ("htval", 0x643), ("hip", 0x644),
            ("hvip", 0x645), ("htinst", 0x64A), ("hgatp", 0x680), ("hcontext", 0x6A8),
            ("hgeip", 0xE12),
            ("vsstatus", 0x200), ("vsie", 0x204), ("vstvec", 0x205), ("vsscratch", 0x240),
            ("vsepc", 0x241), ("vscause", 0x242), ("vstval", 0x243), ("vsip", 0x244),
            ("vsatp", 0x280),
            ("mvendorid", 0xF11), ("marchid", 0xF12), ("mimpid", 0xF13), ("mhartid", 0xF14),
            ("mconfigptr", 0xF15),
            ("mstatus", 0x300), ("misa", 0x301), ("medeleg", 0x302), ("mideleg", 0x303),
            ("mie", 0x304), ("mtvec", 0x305), ("mcounteren", 0x306), ("menvcfg", 0x30A),
            ("mstatush", 0x310), ("menvcfgh", 0x31A), ("mcountinhibit", 0x320),
            ("mscratch", 0x340), ("mepc", 0x341), ("mcause", 0x342), ("mtval", 0x343),
            ("mip", 0x344), ("mtinst", 0x34A), ("mtval2", 0x34B),
        ]
        list += (0...15).map { ("pmpcfg\($0)", UInt16(0x3A0 + $0)) }
        list += (0...63).map { ("pmpaddr\($0)", UInt16(0x3B0 + $0)) }
        list += [("mseccfg", 0x747), ("mseccfgh", 0x757), ("mcycle", 0xB00), ("minstret", 0xB02)]
        list += (3...31).map { ("mhpmcounter\($0)", UInt16(0xB00 + $0)) }
        list += [("mcycleh", 0xB80), ("minstreth", 0xB82)]
        list += (3...31).map { ("mhpmcounter\($0)h", UInt16(0xB80 + $0)) }
        list += (3...31).map { ("mhpmevent\($0)", UInt16(0x320 + $0)) }
        list += [
            ("tselect", 0x7A0), ("tdata1", 0x7A1), ("tdata2", 0x7A2), ("tdata3", 0x7A3),
            ("mcontext", 0x7A8), ("dcsr", 0x7B0), ("dpc", 0x7B1), ("dscratch0", 0x7B2),
            ("dscratch1", 0x7B3),
        ]
        return list
    }()

    private static let numbers: [String: UInt16] = {
        var table: [String: UInt16] = ["dscratch": 0x7B2]
        for entry in all { table[entry.name] = entry.number }
        return table
    }()

    private static let names: [UInt16: String] = {
        var table: [UInt16: String] = [:]
        for entry in all where table[entry.number] == nil { table[entry.number] = entry.name }
        return table
    }()

    /// The number of the CSR called `name`, or nil.
    public static func number(_ name: String) -> UInt16? { numbers[name] }

    /// The name of CSR `number`, or nil when it has none.
    public static func name(_ number: UInt16) -> String? { names[number] }
}
