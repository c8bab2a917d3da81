// The program as an ELF64 executable, through the toolchain's ELF writer.

extension Program {
    public func elfImage() -> [UInt8] {
        flatImage()
    }
}
