// The NS16550A UART at 0x1000_0000 (PLIC source 10), as QEMU's virt board has it. Registers
// follow the TI/National 16550 datasheet: RBR/THR/DLL at 0, IER/DLM at 1, IIR/FCR at 2, LCR,
// MCR, LSR, MSR, SCR; 16-byte FIFOs; the interrupt identification priorities (line status,
// received data or character timeout, THR empty, modem status).
//
// Transmission is instantaneous: a byte written to THR reaches the output at once, so THR
// and the transmitter are always empty again when the guest looks. Reception is where
// determinism lives: a byte is offered from the input only when the receiver is empty, at
// most one per `poll()` (which the machine calls at instruction-counted intervals) and once
// when the guest reads LSR or RBR with the receiver empty. Input therefore arrives as the
// guest consumes it, the same way on every run.

public final class UART16550: MMIODevice {
    public static let size: UInt64 = 0x100

    private let input: ByteSource?
    private let output: (UInt8) -> Void
    private var receive: [UInt8] = []
    private var ier: UInt8 = 0, lcr: UInt8 = 0, mcr: UInt8 = 0, scr: UInt8 = 0
    private var divisor: UInt16 = 0
    private var fifoEnabled = false
    private var triggerLevel = 1
    private var overrun = false
    /// The THR-empty interrupt condition (cleared by reading IIR while it is reported).
    private var transmitInterrupt = false
    private var msrDelta: UInt8 = 0

    public init(input: ByteSource?, output: @escaping (UInt8) -> Void) {
        self.input = input
        self.output = output
    }

    /// The interrupt line to the PLIC.
    public var interruptAsserted: Bool { identification() & 0x01 == 0 }

    public func poll() {
        pullInput()
    }

    private func pullInput() {
        guard receive.isEmpty, let byte = input?.nextByte() else { return }
        receive.append(byte)
    }

    private var capacity: Int { fifoEnabled ? 16 : 1 }

    private func identification() -> UInt8 {
        let fifoBits: UInt8 = fifoEnabled ? 0xc0 : 0
        if ier & 0x04 != 0 && overrun { return fifoBits | 0x06 }
        if ier & 0x01 != 0 && !receive.isEmpty {
            return fifoBits | (fifoEnabled && receive.count < triggerLevel ? 0x0c : 0x04)
        }
        if ier & 0x02 != 0 && transmitInterrupt { return fifoBits | 0x02 }
        if ier & 0x08 != 0 && msrDelta != 0 { return fifoBits | 0x00 }
        return fifoBits | 0x01
    }

    private var lineStatus: UInt8 {
        var lsr: UInt8 = 0x60  // THRE and TEMT: transmission is instantaneous.
        if !receive.isEmpty { lsr |= 0x01 }
        if overrun { lsr |= 0x02 }
        return lsr
    }

    private var modemStatus: UInt8 {
        if mcr & 0x10 != 0 {
            // Loopback: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD.
            let m = mcr
            return (m & 0x01 != 0 ? 0x20 : 0) | (m & 0x02 != 0 ? 0x10 : 0) | (m & 0x04 != 0 ? 0x40 : 0) | (m & 0x08 != 0 ? 0x80 : 0) | msrDelta
        }
        return 0xb0 | msrDelta  // DCD, DSR, CTS asserted, as on QEMU.
    }

    public func read(offset: UInt64, width: Int) -> UInt64? {
        guard offset < UART16550.size else { return nil }
        var value: UInt64 = 0
        for index in 0..<width { value |= UInt64(readByte(offset &+ UInt64(index))) << UInt64(8 * index) }
        return value
    }

    public func write(offset: UInt64, width: Int, value: UInt64) -> Bool {
        guard offset < UART16550.size else { return false }
        for index in 0..<width { writeByte(offset &+ UInt64(index), UInt8(truncatingIfNeeded: value >> UInt64(8 * index))) }
        return true
    }

    private func readByte(_ register: UInt64) -> UInt8 {
        switch register & 7 {
        case 0:
            if lcr & 0x80 != 0 { return UInt8(divisor & 0xff) }
            if receive.isEmpty { pullInput() }
            return receive.isEmpty ? 0 : receive.removeFirst()
        case 1: return lcr & 0x80 != 0 ? UInt8(divisor >> 8) : ier
        case 2:
            let iir = identification()
            if iir & 0x0f == 0x02 { transmitInterrupt = false }
            return iir
        case 3: return lcr
        case 4: return mcr
        case 5:
            if receive.isEmpty { pullInput() }
            let lsr = lineStatus
            overrun = false
            return lsr
        case 6:
            let msr = modemStatus
            msrDelta = 0
            return msr
        default: return scr
        }
    }

    private func writeByte(_ register: UInt64, _ value: UInt8) {
        switch register & 7 {
        case 0:
            if lcr & 0x80 != 0 { divisor = (divisor & 0xff00) | UInt16(value); return }
            if mcr & 0x10 != 0 {
                if receive.count < capacity { receive.append(value) } else { overrun = true }
            } else {
                output(value)
            }
            transmitInterrupt = true
        case 1:
            if lcr & 0x80 != 0 { divisor = (divisor & 0x00ff) | UInt16(value) << 8; return }
            let enablingTransmit = value & 0x02 != 0 && ier & 0x02 == 0
            ier = value & 0x0f
            if enablingTransmit { transmitInterrupt = true }
        case 2:
            let enabled = value & 0x01 != 0
            if enabled != fifoEnabled || value & 0x02 != 0 { receive.removeAll() }
            fifoEnabled = enabled
            triggerLevel = [1, 4, 8, 14][Int(value >> 6)]
        case 3: lcr = value
        case 4: mcr = value & 0x1f
        case 7: scr = value
        default: break
        }
    }
}
