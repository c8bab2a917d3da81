// `rvmk disasm`: not yet written.
enum DisasmCommand {
    static func main(_ arguments: [String]) -> Int32 {
        printError("rvmk disasm: not implemented yet")
        return 125
    }
}
