// The host side of the guest's UART: output to stdout, input from a terminal in raw mode
// (Ctrl-A x quits, Ctrl-A Ctrl-A sends Ctrl-A, as in QEMU) or from a pipe or file on stdin.
//
// However rvmk ends, the terminal gets its settings back and the guest's pending output is
// written: on the normal path (`restore`), on `exit` (an atexit handler), on the signals
// that end a process (SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE) and on the crash signals
// (SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE); the handler then hands the signal to
// the action it had before (the default, or the Swift runtime's crash report), so the parent
// sees how rvmk died. Signals the parent ignored stay ignored, as nohup expects. stdin's file
// status flags are never changed: reads go through a zero-timeout poll instead of
// O_NONBLOCK, which lives in the open file description the shell shares and would outlive
// even SIGKILL.
//
// A signal handler may only make async-signal-safe calls (POSIX, signal-safety(7)): it
// touches no Swift array, lock or lazily created global, and everything it reads lives in
// memory allocated once (`HostState`), which has no exclusivity checks.
import Emulator
import Foundation

/// What the handlers restore: the terminal settings, and the guest's output not yet written.
private struct HostState {
    var terminal = termios()
    var terminalSaved = false
    /// Buffered output: bytes `written ..< count` of `output` are still to be written.
    var written = 0
    var count = 0
}

private let outputCapacity = 4096
nonisolated(unsafe) private let host: UnsafeMutablePointer<HostState> = {
    let pointer = UnsafeMutablePointer<HostState>.allocate(capacity: 1)
    pointer.initialize(to: HostState())
    return pointer
}()
nonisolated(unsafe) private let output = UnsafeMutablePointer<UInt8>.allocate(capacity: outputCapacity)

/// The signals after which rvmk restores the host and dies as the signal asks.
private let fatalSignals = [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE]

/// Writes the pending output; async-signal-safe.
private func writePendingOutput() {
    while host.pointee.written < host.pointee.count {
        let written = write(STDOUT_FILENO, output + host.pointee.written, host.pointee.count - host.pointee.written)
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { break }
        host.pointee.written += written
    }
    host.pointee.written = 0
    host.pointee.count = 0
}

/// Puts the terminal back and writes the pending output; async-signal-safe.
private func restoreHost() {
    writePendingOutput()
    if host.pointee.terminalSaved {
        tcsetattr(STDIN_FILENO, TCSANOW, &host.pointee.terminal)
        host.pointee.terminalSaved = false
    }
}

/// The actions the signals had before rvmk's handler, by signal number.
nonisolated(unsafe) private let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: 65)

/// Restores the host, puts back the signal's previous action (the default, or the Swift
/// runtime's crash reporter) and raises it again: delivered when this handler returns, or,
/// for a fault, when the faulting instruction runs again.
private func restoreHostAndDie(_ number: Int32) {
    restoreHost()
    sigaction(number, previousActions + Int(number), nil)
    raise(number)
}

final class Console: ByteSource, @unchecked Sendable {
    static let shared = Console()

    private var installed = false
    private var interactive = false
    private var endOfInput = false
    private var escape = false
    private(set) var quitRequested = false

    private init() {
        // Create the handlers' memory now, not lazily inside a handler.
        _ = host
        _ = output
        _ = previousActions
    }

    /// Installs the handlers that restore the host and write pending output on every way
    /// out. Call before anything changes the terminal or buffers output.
    func install() {
        guard !installed else { return }
        installed = true
        var handler = sigaction()
        handler.__sigaction_handler.sa_handler = restoreHostAndDie
        sigemptyset(&handler.sa_mask)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in fatalSignals {
            sigaction(number, nil, previousActions + Int(number))
            // A signal the parent ignores stays ignored (nohup's SIGHUP); one it blocked
            // (some process launchers do) is let through, or a kill would never arrive.
            let previous = previousActions[Int(number)].__sigaction_handler.sa_handler
            guard previous == nil || unsafeBitCast(previous, to: Int.self) != unsafeBitCast(SIG_IGN, to: Int.self) else { continue }
            sigaction(number, &handler, nil)
            sigaddset(&unblock, number)
        }
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
        atexit { restoreHost() }
    }

    /// Takes the guest's input from stdin: a terminal goes to raw mode, anything else is
    /// read as it is.
    func startInput() {
        install()
        interactive = isatty(STDIN_FILENO) != 0
        var settings = termios()
        guard interactive && tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        host.pointee.terminal = settings
        host.pointee.terminalSaved = true
        cfmakeraw(&settings)
        settings.c_oflag |= tcflag_t(OPOST | ONLCR)
        tcsetattr(STDIN_FILENO, TCSANOW, &settings)
    }

    /// The normal way out: output written, terminal restored, default signal actions back.
    func restore() {
        restoreHost()
        guard installed else { return }
        for number in fatalSignals { sigaction(number, previousActions + Int(number), nil) }
    }

    func write(_ byte: UInt8) {
        output[host.pointee.count] = byte
        host.pointee.count += 1
        if host.pointee.count == outputCapacity || (interactive && byte == 10) { flush() }
    }

    func flushIfInteractive() {
        if interactive { flush() }
    }

    func flush() {
        writePendingOutput()
    }

    /// One byte from stdin if one is ready; handles the Ctrl-A escape in a terminal.
    func nextByte() -> UInt8? {
        guard !endOfInput, !quitRequested else { return nil }
        var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, 0) == 1 else { return nil }
        var byte: UInt8 = 0
        let count = read(STDIN_FILENO, &byte, 1)
        if count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN) { endOfInput = true; return nil }
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
