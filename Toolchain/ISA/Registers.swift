// Integer register names: x0..x31, the ABI names of the psABI, and `fp` for s0.
// GNU objdump prints ABI names (`zero`, `ra`, `sp`, ...); the assembler accepts all three.

public enum Registers {
    /// ABI names in register order (RISC-V psABI, "Integer Register Convention").
    public static let abiNames: [String] = [
        "zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2",
        "s0", "s1", "a0", "a1", "a2", "a3", "a4", "a5",
        "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7",
        "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6",
    ]

    private static let byName: [String: Int] = {
        var table: [String: Int] = ["fp": 8]
        for (index, name) in abiNames.enumerated() {
            table[name] = index
            table["x\(index)"] = index
        }
        return table
    }()

    /// The register number for `x5`, `t0` or `fp`; nil for anything else.
    public static func number(_ name: String) -> Int? {
        byName[name]
    }

    /// The name objdump prints for register `number`.
    public static func name(_ number: Int) -> String {
        abiNames[number & 31]
    }
}
