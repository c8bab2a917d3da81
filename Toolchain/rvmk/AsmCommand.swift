// `rvmk asm`: not yet written.
enum AsmCommand {
    static func main(_ arguments: [String]) -> Int32 {
        printError("rvmk asm: not implemented yet")
        return 125
    }
}
