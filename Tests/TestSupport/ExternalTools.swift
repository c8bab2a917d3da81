// Finding and running the tools that some tests compare with: GNU binutils for RISC-V
// (Debian's binutils-riscv64-unknown-elf) and the rvmk executable built beside the tests.
// Tests that need a missing tool are disabled through `.enabled(if:)` with a comment that
// names the package, so `swift test` says clearly that they were skipped.
import Foundation

public enum ExternalTools {
    /// The full path of `name` on PATH, or nil.
    public static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public static let binutilsAvailable: Bool = ["as", "ld", "objcopy", "objdump", "readelf"].allSatisfy {
        find("riscv64-unknown-elf-\($0)") != nil
    }

    /// The rvmk executable from the same build as the test bundle.
    public static var rvmk: String? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("rvmk").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    public struct Output {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// Runs a program to completion with no standard input.
    public static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                           input: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        // Read before waiting so that a full pipe cannot block the child.
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A fresh temporary directory, removed by the caller.
    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rvmk-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `Tests/` in the source tree.
    public static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Corpus`: the assembler's differential corpus.
    public static let corpus = testsDirectory.appendingPathComponent("Corpus")

    public static let qemuAvailable = find("qemu-system-riscv64") != nil
}
