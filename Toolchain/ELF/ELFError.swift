// ELFError: why an ELF image could not be read.
//
// One line naming the file and the problem, the way rvmk reports every bad input
// (DESIGN.md: exit 125 "with one clear line on stderr naming the file and what is wrong").

/// A malformed, unsupported or unreadable ELF file. `description` is the one-line report,
/// for example `kernel.img: not a RISC-V file (e_machine 62)`.
public struct ELFError: Error, CustomStringConvertible, Equatable {
    /// The file as the user named it.
    public let path: String
    /// What is wrong with it, without the path.
    public let message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
