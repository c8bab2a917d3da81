// Encoding: with every address final, expressions are evaluated and each item becomes
// bytes. Errors found here (undefined symbols, branch targets out of range or misaligned)
// name the statement they come from.

extension AssemblerState {
    /// Runs layout and encoding after the last line, and builds the program.
    func finish() {
        for (name, entry) in pendingAttributes where entry.isGlobal && entry.location == nil {
            _ = name  // Declared global but never defined: harmless unless used.
        }
        let addresses = layout()
        sectionAddresses = addresses
        // Nothing can be encoded at addresses that do not exist.
        guard !placementFailed else { return }
        collectPcrelHighs()
        var built: [(Int, ProgramSection)] = []
        for index in placementOrder() {
            let section = sections[index]
            let bytes = encode(section, base: addresses[index])
            let size = self.size(of: section)
            guard size > 0 else { continue }
            built.append((index, ProgramSection(name: section.name, flags: section.flags, isNoBits: section.isNoBits,
                                                address: UInt64(bitPattern: addresses[index]),
                                                bytes: section.isNoBits ? [] : bytes, size: UInt64(size),
                                                alignment: UInt64(section.alignment))))
        }
        guard errors.isEmpty else { return }
        let programSymbols = buildSymbols(addresses)
        let entry = symbolValue("_start").map { UInt64(bitPattern: $0) } ?? options.base
        program = Program(sections: built.map(\.1), symbols: programSymbols, entry: entry,
                          usesCompressed: compressedEmitted, base: options.base)
    }

    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// Diagnostics in source order (files in the order they were first named), then the
    /// program if there was no error.
    func result() -> AssemblyResult {
        var fileOrder: [String: Int] = [:]
        for diagnostic in diagnostics {
            if let file = diagnostic.location?.file, fileOrder[file] == nil { fileOrder[file] = fileOrder.count }
        }
        let ordered = diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element.location, b.element.location)
            let keyX = (fileOrder[x?.file ?? ""] ?? -1, x?.line ?? 0, x?.column ?? 0, a.offset)
            let keyY = (fileOrder[y?.file ?? ""] ?? -1, y?.line ?? 0, y?.column ?? 0, b.offset)
            return keyX < keyY
        }.map(\.element)
        return AssemblyResult(diagnostics: ordered, program: errors.isEmpty ? program : nil)
    }

    // MARK: Symbols

    func symbolValue(_ name: String) -> Int64? {
        guard let entry = symbols[name] else { return nil }
        switch entry.value {
        case .constant(let value):
            return value
        case .label(let section, let item):
            return sectionAddresses[section] + labelOffset(section: section, item: item)
        case .expression(let expression):
            guard symbolDepth < 64 else { return nil }
            symbolDepth += 1
            defer { symbolDepth -= 1 }
            return try? expression.evaluate(context(address: nil))
        }
    }

    func context(address: Int64?) -> EvaluationContext {
        EvaluationContext(address: address, symbol: { [unowned self] in symbolValue($0) },
                          pcrelHigh: { [unowned self] in pcrelHighs[$0] })
    }

    /// Evaluates an expression after layout, reporting failures at `location`.
    func evaluate(_ expression: Expression, address: Int64, at location: SourceLocation) -> Int64? {
        do {
            return try expression.evaluate(context(address: address))
        } catch {
            self.error(error.message, at: error.column.map { location.at(column: $0) } ?? location)
            return nil
        }
    }

    /// Records the pc-relative offset behind every `auipc rd, %pcrel_hi(symbol)`, so that
    /// `%pcrel_lo(label)` can find it.
    private func collectPcrelHighs() {
        for (index, section) in sections.enumerated() {
            for item in section.items {
                guard case .instruction(let instruction) = item.kind, instruction.spec.name == "auipc",
                      case .expression(.relocation("pcrel_hi", let target, _), _)? = instruction.operands["uimm20"] else { continue }
                let address = sectionAddresses[index] + item.offset
                if let value = try? target.evaluate(context(address: address)) {
                    pcrelHighs[address] = value &- address
                }
            }
        }
    }

    private func buildSymbols(_ addresses: [Int64]) -> [ProgramSymbol] {
        var result: [ProgramSymbol] = []
        for name in symbolOrder where !name.hasPrefix(".L") {
            guard let entry = symbols[name], let value = symbolValue(name) else { continue }
            var sectionName: String?
            if case .label(let section, _) = entry.value { sectionName = sections[section].name }
            var size: Int64 = 0
            if let sizeExpression = entry.size {
                size = (try? sizeExpression.evaluate(context(address: value))) ?? 0
            }
            result.append(ProgramSymbol(name: name, value: UInt64(bitPattern: value), size: UInt64(bitPattern: size),
                                        kind: entry.type, isGlobal: entry.isGlobal, section: sectionName))
        }
        return result
    }

    // MARK: Items

    private func encode(_ section: SectionBuilder, base: Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(size(of: section)))
        for item in section.items {
            let address = base + item.offset
            switch item.kind {
            case .bytes(let data):
                bytes += data
            case .zeros(let count):
                if !section.isNoBits { bytes += repeatElement(0, count: Int(count)) }
            case .data(let width, let expression):
                let value = evaluate(expression, address: address, at: item.location) ?? 0
                bytes += AssemblerState.littleEndian(value, width: width, location: item.location, state: self)
            case .instruction(let instruction):
                let word = encode(instruction, address: address, at: item.location)
                bytes += AssemblerState.littleEndian(Int64(word), width: instruction.spec.length, location: item.location, state: nil)
            case .branch(let branch):
                bytes += encode(branch, size: item.size, address: address, at: item.location)
            case .align(_, let fill, _):
                bytes += AssemblerState.padding(Int(item.size), fill: fill, code: section.isCode)
            }
        }
        return bytes
    }

    /// Alignment padding: the fill byte when given; in code, a zero byte for an odd count,
    /// then a `c.nop` for a 2-byte remainder, then 4-byte `nop`s (GNU as riscv_handle_align).
    static func padding(_ count: Int, fill: UInt8?, code: Bool) -> [UInt8] {
        if let fill { return [UInt8](repeating: fill, count: count) }
        guard code else { return [UInt8](repeating: 0, count: count) }
        var bytes: [UInt8] = []
        var remaining = count
        if remaining % 2 == 1 { bytes.append(0); remaining -= 1 }
        if remaining % 4 == 2 { bytes += [0x01, 0x00]; remaining -= 2 }
        for _ in 0..<(remaining / 4) { bytes += [0x13, 0x00, 0x00, 0x00] }
        return bytes
    }

    private func encode(_ instruction: InstructionItem, address: Int64, at location: SourceLocation) -> UInt32 {
        var word = instruction.spec.match
        for field in instruction.spec.fields {
            guard let operand = instruction.operands[field.name] else { continue }
            var value: Int64
            var column = location.column
            switch operand {
            case .value(let number):
                value = number
            case .expression(let expression, let operandColumn):
                column = operandColumn
                guard let evaluated = evaluate(expression, address: address, at: location) else { return word }
                value = field.kind == .target ? evaluated &- address : evaluated
                if field.kind == .target && evaluated & 1 != 0 {
                    error("misaligned branch target 0x\(hex(evaluated)): instructions are 2-byte aligned", at: location.at(column: column))
                    return word
                }
            }
            do {
                try checkRange(value, field: field, at: location.at(column: column))
            } catch let failure as AssemblyError {
                if field.kind == .target {
                    error("branch target out of range: offset \(value) does not fit \(field.minimum)..\(field.maximum) for '\(instruction.spec.name)'", at: failure.location)
                } else {
                    record(failure)
                }
                return word
            } catch {}
            word |= field.insert(value)
        }
        if instruction.spec.isCompressed { compressedEmitted = true }
        return word
    }

    private func encode(_ branch: BranchItem, size: Int64, address: Int64, at location: SourceLocation) -> [UInt8] {
        let fallback = [UInt8](repeating: 0, count: Int(size))
        guard let target = evaluate(branch.target, address: address, at: location) else { return fallback }
        let targetLocation = location.at(column: branch.targetColumn)
        if target & 1 != 0 {
            error("misaligned branch target 0x\(hex(target)): instructions are 2-byte aligned", at: targetLocation)
            return fallback
        }
        let inverse = ["beq": "bne", "bne": "beq", "blt": "bge", "bge": "blt", "bltu": "bgeu", "bgeu": "bltu"]
        var pieces: [(InstructionSpec, [String: Int64])] = []
        let name = branch.spec.name
        switch (size, branch.isJump) {
        case (2, true): pieces = [(spec("c.j"), ["c.jimm12": target - address])]
        case (2, false): pieces = [(spec(name == "beq" ? "c.beqz" : "c.bnez"), ["c.rs1'": branch.rs1, "c.bimm9": target - address])]
        case (4, true): pieces = [(spec("jal"), ["rd": 0, "jimm20": target - address])]
        case (4, false): pieces = [(branch.spec, ["rs1": branch.rs1, "rs2": branch.rs2, "bimm12": target - address])]
        case (6, _):
            pieces = [(spec(name == "beq" ? "c.bnez" : "c.beqz"), ["c.rs1'": branch.rs1, "c.bimm9": 6]),
                      (spec("jal"), ["rd": 0, "jimm20": target - address - 2])]
        default:
            pieces = [(spec(inverse[name] ?? name), ["rs1": branch.rs1, "rs2": branch.rs2, "bimm12": 8]),
                      (spec("jal"), ["rd": 0, "jimm20": target - address - 4])]
        }
        var bytes: [UInt8] = []
        for (spec, values) in pieces {
            var word = spec.match
            for field in spec.fields {
                let value = values[field.name] ?? 0
                guard field.accepts(value) else {
                    error("branch target out of range: offset \(value) does not fit \(field.minimum)..\(field.maximum) for '\(spec.name)'", at: targetLocation)
                    return fallback
                }
                word |= field.insert(value)
            }
            if spec.isCompressed { compressedEmitted = true }
            bytes += AssemblerState.littleEndian(Int64(word), width: spec.length, location: location, state: nil)
        }
        return bytes
    }

    private func spec(_ name: String) -> InstructionSpec {
        guard let spec = InstructionTable.byName[name] else { preconditionFailure("no instruction \(name)") }
        return spec
    }
}

func hex(_ value: Int64) -> String {
    String(UInt64(bitPattern: value), radix: 16)
}
