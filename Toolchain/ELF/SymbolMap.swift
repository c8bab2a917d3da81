// SymbolMap: address -> "label+0x12" for the disassembler and the tracer.
//
// Built once from an ELF symbol table, then asked many times (once per traced instruction),
// so lookups are a binary search over addresses sorted at construction.
//
// Which symbols count: named STT_FUNC, STT_OBJECT and STT_NOTYPE symbols defined in a
// section (st_shndx neither SHN_UNDEF nor reserved, so SHN_ABS constants are left out).
// Mapping symbols (`$x`, `$d`, `$xrv64i2p1...`, psABI "Mapping Symbol") are left out too.
//
// Tie rule, when several symbols sit at one address, as objdump sorts them (so listings name
// the same label): functions first, then objects, then global and weak before local, then
// names not starting with '.', then by name. The first of these is the one `lookup` names;
// `symbols(at:)` lists them all in this order.

public struct SymbolMap: Sendable {
    /// Distinct addresses, ascending.
    private let addresses: [UInt64]
    /// `names[i]`: the labels at `addresses[i]`, best first.
    private let names: [[String]]
    /// Name -> address; a global definition wins over a local one of the same name.
    private let byName: [String: UInt64]

    public init(_ symbols: [ELFSymbol]) {
        let kept = symbols.enumerated().filter { SymbolMap.isLabel($0.element) }
        let ordered = kept.sorted { a, b in
            if a.element.value != b.element.value { return a.element.value < b.element.value }
            let ra = SymbolMap.rank(a.element), rb = SymbolMap.rank(b.element)
            if ra != rb { return ra < rb }
            return a.element.name != b.element.name ? a.element.name.utf8.lexicographicallyPrecedes(b.element.name.utf8) : a.offset < b.offset
        }
        var addresses: [UInt64] = [], names: [[String]] = []
        for (_, symbol) in ordered {
            if addresses.last == symbol.value {
                names[names.count - 1].append(symbol.name)
            } else {
                addresses.append(symbol.value)
                names.append([symbol.name])
            }
        }
        var byName: [String: UInt64] = [:]
        let byBinding = kept.sorted {
            (SymbolMap.bindingRank($0.element), $0.offset) < (SymbolMap.bindingRank($1.element), $1.offset)
        }
        for (_, symbol) in byBinding where byName[symbol.name] == nil {
            byName[symbol.name] = symbol.value
        }
        self.addresses = addresses
        self.names = names
        self.byName = byName
    }

    /// The label at or below `address` and the distance from it, or nil below every label.
    public func lookup(_ address: UInt64) -> (name: String, offset: UInt64)? {
        let index = upperBound(address) - 1
        guard index >= 0 else { return nil }
        return (names[index][0], address - addresses[index])
    }

    /// The address of the label `name`.
    public func address(of name: String) -> UInt64? {
        byName[name]
    }

    /// Every label exactly at `address`, best first; [] when none.
    public func symbols(at address: UInt64) -> [String] {
        let index = upperBound(address) - 1
        guard index >= 0, addresses[index] == address else { return [] }
        return names[index]
    }

    /// The first label address above `address` and below `limit`, if any.
    public func next(after address: UInt64, before limit: UInt64) -> UInt64? {
        let index = upperBound(address)
        guard index < addresses.count, addresses[index] < limit else { return nil }
        return addresses[index]
    }

    /// The number of addresses <= `address` (index of the first one above it).
    private func upperBound(_ address: UInt64) -> Int {
        var low = 0, high = addresses.count
        while low < high {
            let mid = low + (high - low) / 2
            if addresses[mid] <= address { low = mid + 1 } else { high = mid }
        }
        return low
    }

    private static func isLabel(_ symbol: ELFSymbol) -> Bool {
        guard !symbol.name.isEmpty, !isMappingSymbol(symbol.name) else { return false }
        guard symbol.sectionIndex != ELF.SHN_UNDEF,
              symbol.sectionIndex < ELF.SHN_LORESERVE else { return false }
        switch symbol.type {
        case .function, .object, .notype: return true
        default: return false
        }
    }

    /// psABI mapping symbols: `$d`, `$x`, and `$x` followed by an ISA string.
    private static func isMappingSymbol(_ name: String) -> Bool {
        name == "$d" || name == "$x" || name.hasPrefix("$xrv")
    }

    /// Lower is better: functions, then objects, then global/weak before local, then names
    /// that do not start with '.' (objdump's compare_symbols).
    private static func rank(_ symbol: ELFSymbol) -> Int {
        let type = symbol.type == .function ? 0 : (symbol.type == .object ? 1 : 2)
        let local = symbol.binding == .local ? 1 : 0
        let dot = symbol.name.hasPrefix(".") ? 1 : 0
        return type * 4 + local * 2 + dot
    }

    private static func bindingRank(_ symbol: ELFSymbol) -> Int {
        switch symbol.binding {
        case .global: 0
        case .weak: 1
        default: 2
        }
    }
}
