// Assembler diagnostics in the form compilers use: `file:line:col: error: message`, then the
// source line and a caret under the column. The assembler collects every error of a run
// instead of stopping at the first.

/// A position in a source file. Lines and columns count from 1.
public struct SourceLocation: Sendable, Equatable {
    public let file: String
    public let line: Int
    public let column: Int
    /// The text of the whole line, for the caret display.
    public let lineText: String

    public init(file: String, line: Int, column: Int, lineText: String) {
        self.file = file
        self.line = line
        self.column = column
        self.lineText = lineText
    }

    /// The same line, another column.
    func at(column: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: max(1, column), lineText: lineText)
    }
}

public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning, note }

    public let severity: Severity
    public let message: String
    /// Nil for errors that belong to no line (an unreadable main file).
    public let location: SourceLocation?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `file:line:col: error: message`, the source line, and a caret.
    public var description: String {
        guard let location else { return "rvmk: \(severity.rawValue): \(message)" }
        var text = "\(location.file):\(location.line):\(location.column): \(severity.rawValue): \(message)"
        if !location.lineText.isEmpty {
            let line = location.lineText.replacingTabs()
            let prefix = String(location.lineText.prefix(max(0, location.column - 1))).replacingTabs()
            text += "\n\(line)\n\(String(repeating: " ", count: prefix.count))^"
        }
        return text
    }
}

private extension String {
    /// Tabs shown as single spaces so the caret lines up in any terminal.
    func replacingTabs() -> String {
        String(map { $0 == "\t" ? " " : $0 })
    }
}

/// Thrown inside the assembler to abandon one statement; the caller records it and goes on.
struct AssemblyError: Error {
    let message: String
    let location: SourceLocation?

    init(_ message: String, at location: SourceLocation?) {
        self.message = message
        self.location = location
    }
}
