/// Placeholder: the machine arrives with issue 3.
public enum EmulatorInfo { public static let name = "rvmk virt" }
