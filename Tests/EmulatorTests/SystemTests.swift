// The microkernel and its programs, booted from the committed images/kernel.img the way a
// user runs it: `rvmk run images/kernel.img [--append ...] [--input FILE]`.
//
// Golden scenarios live in Tests/Golden/system/: NAME.output is the whole expected output
// (the kernel log, the servers', the shell's), NAME.input the bytes typed (optional), and
// NAME.args extra `rvmk run` options on one line (optional, e.g. `--append init=ktest`).
// Runs are deterministic, so the files match byte for byte; each was produced by rvmk and
// then read and checked by a person before it was committed.
import Foundation
import Testing
import TestSupport

@Suite struct SystemTests {
    static let root = ExternalTools.testsDirectory.deletingLastPathComponent()
    static let image = root.appendingPathComponent("images/kernel.img").path
    static let golden = ExternalTools.testsDirectory.appendingPathComponent("Golden/system")
    static let budget = "400000000"

    static var scenarios: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: golden.path)) ?? []
        return files.filter { $0.hasSuffix(".output") }.map { String($0.dropLast(".output".count)) }.sorted()
    }

    /// Boots the image with a scenario's options and input.
    static func boot(_ name: String) throws -> ExternalTools.Output {
        var arguments = ["run", image, "--max-instructions", budget]
        let args = golden.appendingPathComponent("\(name).args")
        if let text = try? String(contentsOf: args, encoding: .utf8) {
            arguments += splitArguments(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let input = golden.appendingPathComponent("\(name).input")
        if FileManager.default.fileExists(atPath: input.path) { arguments += ["--input", input.path] }
        return try ExternalTools.run(try RunCommandTests.rvmk(), arguments)
    }

    /// Words, with "double quotes" keeping spaces.
    static func splitArguments(_ text: String) -> [String] {
        var words: [String] = [], current = "", quoted = false, any = false
        for character in text {
            if character == "\"" { quoted.toggle(); any = true }
            else if character == " " && !quoted { if any { words.append(current) }; current = ""; any = false }
            else { current.append(character); any = true }
        }
        if any { words.append(current) }
        return words
    }

    @Test(arguments: scenarios)
    func scenario(_ name: String) throws {
        let run = try Self.boot(name)
        let expected = try String(contentsOf: Self.golden.appendingPathComponent("\(name).output"), encoding: .utf8)
        #expect(run.status == 0, "\(name): exit status \(run.status): \(run.stderr)")
        #expect(run.stdout == expected, "\(name): the output differs from Tests/Golden/system/\(name).output")
        if run.stdout != expected {
            // The first differing line, to read in the test log.
            let got = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            for index in 0..<max(got.count, want.count) {
                let a = index < got.count ? String(got[index]) : "<end>"
                let b = index < want.count ? String(want[index]) : "<end>"
                if a != b {
                    Issue.record("\(name): line \(index + 1): got '\(a)', expected '\(b)'")
                    break
                }
            }
        }
    }

    @Test func sameRunTwiceSameBytes() throws {
        guard let name = Self.scenarios.first else { return }
        let first = try Self.boot(name)
        let second = try Self.boot(name)
        #expect(first.stdout == second.stdout)
        #expect(first.status == second.status)
    }

    /// The first number after `label` in `text`.
    static func number(after label: String, in text: String) -> Int? {
        guard let range = text.range(of: label) else { return nil }
        return Int(text[range.upperBound...].drop { $0 == " " }.prefix { $0.isNumber })
    }

    @Test func kernelTestsAllPassAndBootIsShort() throws {
        let run = try Self.boot("kernel-ktest")
        #expect(run.status == 0)
        #expect(run.stdout.contains("ktest: ") && run.stdout.contains(" passed, 0 failed"))
        #expect(!run.stdout.contains("not ok"))
        // Reset to the first user instruction: under 2 million guest instructions.
        let boot = try #require(Self.number(after: "first user instruction at instret", in: run.stdout))
        #expect(boot < 2_000_000)
    }

    @Test func ipcRoundTripsMeetTheirTargets() throws {
        let run = try Self.boot("kernel-ipcbench")
        #expect(run.status == 0)
        let registers = try #require(Self.number(after: "register-only round trip", in: run.stdout))
        let buffer = try #require(Self.number(after: "1 KiB request buffer round trip", in: run.stdout))
        #expect(registers <= 300, "register-only call + reply_recv: \(registers) instructions")
        #expect(buffer <= 800, "1 KiB call + reply_recv: \(buffer) instructions")
    }

    @Test func hostileProgramFindsNothingUnexpected() throws {
        let run = try Self.boot("kernel-hostile")
        #expect(run.status == 0)
        #expect(!run.stdout.contains("UNEXPECTED"))
        #expect(run.stdout.contains("0 unexpected"))
        #expect(!run.stdout.contains("panic"))
    }

    @Test func smallRAMBootsAndDegradesGracefully() throws {
        // The device tree goes below the top of a small RAM instead of over the image. In
        // 2 MiB everything runs; in 1 MiB init cannot make fs's memory object, fs dies at
        // every start, init gives up on it, and the shell still works.
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("input")
        try "ls\nshutdown\n".write(to: input, atomically: true, encoding: .utf8)
        func boot(_ mebibytes: Int) throws -> ExternalTools.Output {
            try ExternalTools.run(try RunCommandTests.rvmk(), ["run", Self.image, "--memory", String(mebibytes),
                "--input", input.path, "--max-instructions", Self.budget])
        }
        let two = try boot(2)
        #expect(two.status == 0, "\(two.stderr)")
        #expect(two.stdout.contains("README"))
        let one = try boot(1)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("[kernel] rvmk microkernel: 1 MiB RAM"))
        #expect(one.stdout.contains("[init] fs keeps dying: giving up on it"))
        #expect(one.stdout.contains("ls: the file server is not running"))
    }
}
