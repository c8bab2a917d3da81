// `rvmk build`: not yet written.
enum BuildCommand {
    static func main(_ arguments: [String]) -> Int32 {
        printError("rvmk build: not implemented yet")
        return 125
    }
}
