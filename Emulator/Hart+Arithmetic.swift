// Register-register arithmetic: RV64I's OP and OP-32 and the M extension's multiplies and
// divides, with the ISA manual's results for division by zero (quotient all ones, remainder
// the dividend) and overflow (most negative / -1 = most negative, remainder 0).

extension Hart {
    @inline(__always)
    func operate(_ word: UInt32, _ a: UInt64, _ b: UInt64, _ funct3: UInt32) -> UInt64? {
        switch word >> 25 {
        case 0:
            switch funct3 {
            case 0: return a &+ b
            case 1: return a << (b & 63)
            case 2: return Int64(bitPattern: a) < Int64(bitPattern: b) ? 1 : 0
            case 3: return a < b ? 1 : 0
            case 4: return a ^ b
            case 5: return a >> (b & 63)
            case 6: return a | b
            default: return a & b
            }
        case 0x20:
            switch funct3 {
            case 0: return a &- b
            case 5: return UInt64(bitPattern: Int64(bitPattern: a) >> (b & 63))
            default: return nil
            }
        case 1:
            return multiplyDivide(a, b, funct3)
        default:
            return nil
        }
    }

    @inline(__always)
    func multiplyDivide(_ a: UInt64, _ b: UInt64, _ funct3: UInt32) -> UInt64 {
        let sa = Int64(bitPattern: a), sb = Int64(bitPattern: b)
        switch funct3 {
        case 0: return a &* b
        case 1: return UInt64(bitPattern: sa.multipliedFullWidth(by: sb).high)
        case 2:
            // mulhsu: signed a times unsigned b.
            let high = a.multipliedFullWidth(by: b).high
            return sa < 0 ? high &- b : high
        case 3: return a.multipliedFullWidth(by: b).high
        case 4:
            if b == 0 { return .max }
            if sa == .min && sb == -1 { return a }
            return UInt64(bitPattern: sa / sb)
        case 5: return b == 0 ? .max : a / b
        case 6:
            if b == 0 { return a }
            if sa == .min && sb == -1 { return 0 }
            return UInt64(bitPattern: sa % sb)
        default: return b == 0 ? a : a % b
        }
    }

    @inline(__always)
    func operate32(_ word: UInt32, _ a: UInt32, _ b: UInt32, _ funct3: UInt32) -> UInt32? {
        let sa = Int32(bitPattern: a), sb = Int32(bitPattern: b)
        switch (word >> 25, funct3) {
        case (0, 0): return a &+ b
        case (0x20, 0): return a &- b
        case (0, 1): return a << (b & 31)
        case (0, 5): return a >> (b & 31)
        case (0x20, 5): return UInt32(bitPattern: sa >> (b & 31))
        case (1, 0): return a &* b
        case (1, 4):
            if b == 0 { return .max }
            if sa == .min && sb == -1 { return a }
            return UInt32(bitPattern: sa / sb)
        case (1, 5): return b == 0 ? .max : a / b
        case (1, 6):
            if b == 0 { return a }
            if sa == .min && sb == -1 { return 0 }
            return UInt32(bitPattern: sa % sb)
        case (1, 7): return b == 0 ? a : a % b
        default: return nil
        }
    }
}
