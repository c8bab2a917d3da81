// A small option parser for the rvmk subcommands. No third-party packages (DESIGN.md), so
// this covers what the subcommands need: `--name VALUE`, `--name=VALUE`, `-x VALUE`,
// repeated options, flags, and positional arguments, with clear errors.
import Foundation

/// Writes one line to standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// An error in the command line, reported as `rvmk <command>: <message>`.
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}

/// The arguments of one subcommand, consumed as options are asked for.
struct CommandLineOptions {
    private var remaining: [String]

    init(_ arguments: [String]) { remaining = arguments }

    /// True when `names` (e.g. `["--stats"]`) is present; removes every occurrence.
    mutating func flag(_ names: String...) -> Bool {
        var found = false
        remaining.removeAll { arg in
            if names.contains(arg) { found = true; return true }
            return false
        }
        return found
    }

    /// Every value of an option that may repeat (`-I DIR -I DIR2`, `-DNAME=1`, `--name=V`).
    mutating func values(_ names: String...) throws -> [String] {
        var result: [String] = []
        var index = 0
        while index < remaining.count {
            let arg = remaining[index]
            if arg == "--" { break }
            if names.contains(arg) {
                guard index + 1 < remaining.count else { throw UsageError("option \(arg) needs a value") }
                result.append(remaining[index + 1])
                remaining.removeSubrange(index...(index + 1))
                continue
            }
            if let name = names.first(where: { arg.hasPrefix($0 + "=") }) {
                result.append(String(arg.dropFirst(name.count + 1)))
                remaining.remove(at: index)
                continue
            }
            // Short options may be glued to their value: -Iinclude, -DNAME=1.
            if let name = names.first(where: { $0.count == 2 && !$0.hasPrefix("--") && arg.hasPrefix($0) && arg.count > 2 }) {
                result.append(String(arg.dropFirst(name.count)))
                remaining.remove(at: index)
                continue
            }
            index += 1
        }
        return result
    }

    /// The single value of an option, or nil when absent; an error when given twice.
    mutating func value(_ names: String...) throws -> String? {
        var all: [String] = []
        for name in names { all += try values(name) }
        guard all.count <= 1 else { throw UsageError("option \(names[0]) given more than once") }
        return all.first
    }

    /// An option whose value may be omitted: `--trace` or `--trace=FILE`.
    /// Returns nil when absent, "" when given without a value.
    mutating func optionalValue(_ name: String) -> String? {
        var result: String?
        remaining.removeAll { arg in
            if arg == name { result = result ?? ""; return true }
            if arg.hasPrefix(name + "=") { result = String(arg.dropFirst(name.count + 1)); return true }
            return false
        }
        return result
    }

    /// The positional arguments left once every option was taken; an error for any
    /// argument that still looks like an option.
    mutating func positionals() throws -> [String] {
        var result: [String] = []
        var afterDashes = false
        for arg in remaining {
            if !afterDashes && arg == "--" { afterDashes = true; continue }
            if !afterDashes && arg.hasPrefix("-") && arg != "-" { throw UsageError("unknown option '\(arg)'") }
            result.append(arg)
        }
        remaining = []
        return result
    }
}

/// Parses an address or count given on the command line: decimal, 0x hex, 0b binary,
/// with optional `_` separators.
func parseNumber(_ text: String) -> UInt64? {
    let cleaned = text.replacingOccurrences(of: "_", with: "").lowercased()
    if cleaned.hasPrefix("0x") { return UInt64(cleaned.dropFirst(2), radix: 16) }
    if cleaned.hasPrefix("0b") { return UInt64(cleaned.dropFirst(2), radix: 2) }
    return UInt64(cleaned)
}
