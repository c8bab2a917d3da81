// Traces and events against golden files in Tests/Golden (produced by rvmk, then read and
// checked by hand): an instruction trace in rvmk's format and in Spike's --log-commits
// format, and the events and output of timer-echo with a fixed input. Runs are
// deterministic, so the files must match byte for byte.
import Foundation
import Testing
import TestSupport
import Toolchain

@Suite struct TraceGoldenTests {
    static let golden = ExternalTools.testsDirectory.appendingPathComponent("Golden")

    func golden(_ name: String) throws -> String {
        try String(contentsOf: Self.golden.appendingPathComponent(name), encoding: .utf8)
    }

    func build(_ program: String, _ directory: URL) throws -> String {
        try RunCommandTests.build(RunCommandTests.programs.appendingPathComponent(program), into: directory)
    }

    @Test(arguments: [("rvmk", "trace-sample.trace"), ("spike", "trace-sample.spike")])
    func instructionTrace(_ format: String, _ file: String) throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elf = try build("trace-sample.S", directory)
        let trace = directory.appendingPathComponent("trace.txt").path
        let run = try ExternalTools.run(try RunCommandTests.rvmk(), ["run", elf, "--trace=\(trace)", "--trace-format", format, "--trace-start", "_start"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try String(contentsOfFile: trace, encoding: .utf8) == (try golden(file)))
    }

    @Test func eventsAndOutputOfTimerEcho() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elf = try build("timer-echo.S", directory)
        let input = Self.golden.appendingPathComponent("timer-echo.input").path
        let run = try ExternalTools.run(try RunCommandTests.rvmk(), ["run", elf, "--input", input, "--events"])
        #expect(run.status == 0)
        #expect(run.stdout == (try golden("timer-echo.output")))
        #expect(run.stderr == (try golden("timer-echo.events")))
    }

    @Test func traceFilters() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let elf = try build("trace-sample.S", directory)
        let limited = try ExternalTools.run(try RunCommandTests.rvmk(), ["run", elf, "--trace", "--trace-start", "finish", "--trace-count", "2"])
        let lines = limited.stderr.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("<finish>") == true)
        let userOnly = try ExternalTools.run(try RunCommandTests.rvmk(), ["run", elf, "--trace", "--trace-mode", "u"])
        #expect(userOnly.stderr.isEmpty)
        let bad = try ExternalTools.run(try RunCommandTests.rvmk(), ["run", elf, "--trace", "--trace-start", "nowhere"])
        #expect(bad.status == 125)
        #expect(bad.stderr.contains("no symbol 'nowhere'"))
    }
}
