// `rvmk run` leaves the host as it found it (Toolchain/rvmk/Console.swift): the terminal's
// settings and stdin's file status flags come back, and the guest's pending output is
// written, on the normal way out, on Ctrl-A x, on an error after the image is read, and on
// SIGTERM. The terminal is a pseudo-terminal the test opens, so no real one is needed
// (Linux: it is opened through /dev/ptmx).
#if os(Linux)
import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct ConsoleTests {
    /// Prints `\(count)` x's and "tail\n", then spins.
    static func printer(count: Int, _ directory: URL) throws -> String {
        let source = directory.appendingPathComponent("printer.S")
        try """
            .globl _start
        _start:
            li t0, 0x10000000
            li t1, 'x'
            li t2, \(count)
        1:  beqz t2, 2f
            sb t1, 0(t0)
            addi t2, t2, -1
            j 1b
        2:  la a0, tail
        3:  lbu t1, 0(a0)
            beqz t1, 4f
            sb t1, 0(t0)
            addi a0, a0, 1
            j 3b
        4:  j 4b
            .section .rodata
        tail: .string "tail\\n"
        """.write(to: source, atomically: true, encoding: .utf8)
        return try RunCommandTests.build(source, into: directory)
    }

    /// A pseudo-terminal: rvmk gets the slave as stdin, the test keeps the master.
    struct Terminal {
        let master: Int32
        let slave: Int32

        /// Opens one through /dev/ptmx (Linux, <asm-generic/ioctls.h>: TIOCSPTLCK unlocks
        /// the slave, TIOCGPTN gives its number); the Glibc module lacks posix_openpt.
        init() throws {
            master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var unlock: Int32 = 0, number: Int32 = 0
            guard master >= 0, ioctl(master, 0x4004_5431, &unlock) == 0, ioctl(master, 0x8004_5430, &number) == 0 else {
                throw Failure(description: "no pseudo-terminal")
            }
            slave = open("/dev/pts/\(number)", O_RDWR | O_NOCTTY)
            guard slave >= 0 else { throw Failure(description: "cannot open /dev/pts/\(number)") }
        }

        func close() {
            Glibc.close(slave)
            Glibc.close(master)
        }

        /// The settings that matter, comparable.
        var settings: [UInt64] {
            var value = termios()
            tcgetattr(slave, &value)
            let cc = withUnsafeBytes(of: value.c_cc) { $0.map { UInt64($0) } }
            return [UInt64(value.c_iflag), UInt64(value.c_oflag), UInt64(value.c_cflag), UInt64(value.c_lflag)] + cc
        }

        var isRaw: Bool {
            var value = termios()
            tcgetattr(slave, &value)
            return value.c_lflag & tcflag_t(ICANON | ECHO) == 0
        }

        var statusFlags: Int32 { fcntl(slave, F_GETFL) }
    }

    struct Failure: Error, CustomStringConvertible { let description: String }

    /// Starts rvmk with `stdin`; its stdout is returned for reading.
    static func start(_ arguments: [String], stdin: FileHandle) throws -> (Process, Int32) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try RunCommandTests.rvmk())
        process.arguments = arguments
        process.standardInput = stdin
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        return (process, out.fileHandleForReading.fileDescriptor)
    }

    /// Reads `descriptor` until `done` holds for what arrived, end of file, or 20 seconds.
    static func read(_ descriptor: Int32, until done: ([UInt8]) -> Bool = { _ in false }) -> [UInt8] {
        var bytes: [UInt8] = []
        let deadline = Date().addingTimeInterval(20)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !done(bytes) && Date() < deadline {
            var ready = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, 100) == 1 else { continue }
            let count = Glibc.read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }

    static func ends(_ bytes: [UInt8], with text: String) -> Bool {
        bytes.suffix(text.utf8.count).elementsEqual(text.utf8)
    }

    @Test func sigtermRestoresTheTerminalAndWritesPendingOutput() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let terminal = try Terminal()
        defer { terminal.close() }
        let before = terminal.settings, flags = terminal.statusFlags
        let elf = try Self.printer(count: 0, directory)
        let (process, output) = try Self.start(["run", elf], stdin: FileHandle(fileDescriptor: terminal.slave))
        // A terminal's output goes out at each newline: "tail\n" arriving means rvmk runs.
        let seen = Self.read(output) { Self.ends($0, with: "tail\n") }
        #expect(String(decoding: seen, as: UTF8.self) == "tail\n")
        #expect(terminal.isRaw)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(terminal.settings == before)
        #expect(terminal.statusFlags == flags)
    }

    @Test func quitKeyRestoresTheTerminal() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let terminal = try Terminal()
        defer { terminal.close() }
        let before = terminal.settings, flags = terminal.statusFlags
        let elf = try Self.printer(count: 0, directory)
        let (process, output) = try Self.start(["run", elf], stdin: FileHandle(fileDescriptor: terminal.slave))
        _ = Self.read(output) { Self.ends($0, with: "tail\n") }
        #expect(terminal.isRaw)
        _ = write(terminal.master, [1, UInt8(ascii: "x")], 2)  // Ctrl-A x
        _ = Self.read(output)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(terminal.settings == before)
        #expect(terminal.statusFlags == flags)
    }

    @Test func shellAnswersLineAfterLineTypedAtATerminal() throws {
        // Each line arrives after the console has gone back to waiting for interrupts: the
        // UART's interrupt must come again and again, not once per boot.
        let terminal = try Terminal()
        defer { terminal.close() }
        let image = ExternalTools.testsDirectory.deletingLastPathComponent().appendingPathComponent("images/kernel.img").path
        let (process, output) = try Self.start(["run", image], stdin: FileHandle(fileDescriptor: terminal.slave))
        var seen = Self.read(output) { Self.ends($0, with: "$ ") }
        for word in ["one", "two", "three"] {
            for byte in "echo \(word)\r".utf8 {
                _ = write(terminal.master, [byte], 1)
                usleep(20_000)
            }
            seen += Self.read(output) { Self.ends($0, with: "\(word)\n$ ") }
            #expect(Self.ends(seen, with: "echo \(word)\n\(word)\n$ "), "\(String(decoding: seen.suffix(80), as: UTF8.self))")
        }
        _ = write(terminal.master, [1, UInt8(ascii: "x")], 2)  // Ctrl-A x
        _ = Self.read(output)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
    }

    @Test func errorAfterTheImageLeavesTheTerminalAlone() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let terminal = try Terminal()
        defer { terminal.close() }
        let before = terminal.settings, flags = terminal.statusFlags
        let elf = try Self.printer(count: 0, directory)
        let (process, output) = try Self.start(["run", elf, "--events", "--trace-start", "no_such_symbol"],
                                               stdin: FileHandle(fileDescriptor: terminal.slave))
        _ = Self.read(output)
        process.waitUntilExit()
        #expect(process.terminationStatus == 125)
        #expect(terminal.settings == before)
        #expect(terminal.statusFlags == flags)
    }

    /// Output to a pipe is buffered; SIGTERM must not lose what the buffer holds, and stdin
    /// (a pipe here) keeps its file status flags.
    @Test func sigtermWritesBufferedPipeOutput() throws {
        let directory = try ExternalTools.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = Pipe()
        let flags = fcntl(input.fileHandleForReading.fileDescriptor, F_GETFL)
        let elf = try Self.printer(count: 5000, directory)
        let (process, output) = try Self.start(["run", elf], stdin: input.fileHandleForReading)
        // The first 4,096 bytes come out when the buffer fills; "tail\n" waits in it.
        var seen = Self.read(output) { $0.count >= 4096 }
        Thread.sleep(forTimeInterval: 0.5)
        process.terminate()
        process.waitUntilExit()
        seen += Self.read(output)
        #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM)
        #expect(seen.count == 5005 && Self.ends(seen, with: "tail\n"), "\(seen.count) bytes")
        #expect(fcntl(input.fileHandleForReading.fileDescriptor, F_GETFL) == flags)
    }
}
#endif
