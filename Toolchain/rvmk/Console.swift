// The host side of the guest's UART: output to stdout, input from a terminal in raw mode
// (Ctrl-A x quits, Ctrl-A Ctrl-A sends Ctrl-A, as in QEMU) or from a pipe or file on stdin,
// read without blocking. The terminal is restored on every way out, signals included.
import Emulator
import Foundation

/// The terminal settings to restore; a global, so that a signal handler can reach them.
nonisolated(unsafe) private var savedTerminal: termios?

private func restoreTerminalAndExit(_ signal: Int32) {
    if var settings = savedTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &settings) }
    _exit(128 + signal)
}

final class Console: ByteSource, @unchecked Sendable {
    nonisolated(unsafe) static let shared = Console()

    private var buffer: [UInt8] = []
    private var interactive = false
    private var endOfInput = false
    private var escape = false
    private(set) var quitRequested = false

    /// Takes input from stdin: a terminal goes to raw mode, anything else is read as is.
    func startInput() -> ByteSource {
        interactive = isatty(STDIN_FILENO) != 0
        if interactive {
            var settings = termios()
            if tcgetattr(STDIN_FILENO, &settings) == 0 {
                savedTerminal = settings
                cfmakeraw(&settings)
                settings.c_oflag |= tcflag_t(OPOST | ONLCR)
                tcsetattr(STDIN_FILENO, TCSANOW, &settings)
                for sig in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] { signal(sig, restoreTerminalAndExit) }
                atexit { if var settings = savedTerminal { tcsetattr(STDIN_FILENO, TCSANOW, &settings) } }
            }
        }
        let flags = fcntl(STDIN_FILENO, F_GETFL)
        if flags >= 0 { _ = fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK) }
        return self
    }

    func restore() {
        if var settings = savedTerminal {
            tcsetattr(STDIN_FILENO, TCSANOW, &settings)
            savedTerminal = nil
        }
        let flags = fcntl(STDIN_FILENO, F_GETFL)
        if flags >= 0 { _ = fcntl(STDIN_FILENO, F_SETFL, flags & ~O_NONBLOCK) }
    }

    func write(_ byte: UInt8) {
        buffer.append(byte)
        if buffer.count >= 4096 || (interactive && byte == 10) { flush() }
    }

    func flushIfInteractive() {
        if interactive { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 { break }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// One byte from stdin if one is ready; handles the Ctrl-A escape in a terminal.
    func nextByte() -> UInt8? {
        guard !endOfInput, !quitRequested else { return nil }
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 0 { endOfInput = true; return nil }
        guard count == 1 else { return nil }
        guard interactive else { return byte }
        if escape {
            escape = false
            if byte == UInt8(ascii: "x") { quitRequested = true; return nil }
            return byte
        }
        if byte == 1 { escape = true; return nil }
        return byte
    }

    /// Blocks until stdin has something to read; false at end of input.
    func waitForInput() -> Bool {
        flush()
        guard !endOfInput, !quitRequested else { return false }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        while poll(&descriptor, 1, -1) < 0 && errno == EINTR {}
        return descriptor.revents & Int16(POLLIN | POLLHUP) != 0 && !quitRequested
    }
}
