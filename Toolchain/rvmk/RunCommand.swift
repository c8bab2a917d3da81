// `rvmk run`: not yet written.
enum RunCommand {
    static func main(_ arguments: [String]) -> Int32 {
        printError("rvmk run: not implemented yet")
        return 125
    }
}
