// A flattened device tree (DTB) writer: the Devicetree Specification's format version 17
// (last compatible 16). A tree of nodes with properties becomes the header, an empty memory
// reservation block, the structure block and a deduplicated strings block, all big-endian.

public final class DeviceTreeNode {
    public let name: String
    public private(set) var properties: [(name: String, value: [UInt8])] = []
    public private(set) var children: [DeviceTreeNode] = []

    public init(_ name: String) {
        self.name = name
    }

    @discardableResult
    public func child(_ name: String, _ build: (DeviceTreeNode) -> Void = { _ in }) -> DeviceTreeNode {
        let node = DeviceTreeNode(name)
        build(node)
        children.append(node)
        return node
    }

    public func property(_ name: String, _ value: [UInt8] = []) {
        properties.append((name, value))
    }

    public func property(_ name: String, u32 values: UInt32...) {
        property(name, values.flatMap(DeviceTreeNode.bigEndian))
    }

    public func property(_ name: String, string: String) {
        property(name, Array(string.utf8) + [0])
    }

    public func property(_ name: String, strings: [String]) {
        property(name, strings.flatMap { Array($0.utf8) + [0] })
    }

    /// A `reg` of (address, size) pairs with two cells each.
    public func property(_ name: String, pairs: [(UInt64, UInt64)]) {
        property(name, pairs.flatMap { [UInt32($0.0 >> 32), UInt32($0.0 & 0xffff_ffff), UInt32($0.1 >> 32), UInt32($0.1 & 0xffff_ffff)] }
            .flatMap(DeviceTreeNode.bigEndian))
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }

    /// The blob.
    public func flatten() -> [UInt8] {
        var structure: [UInt8] = []
        var strings: [UInt8] = []
        var offsets: [String: Int] = [:]
        func append(_ value: UInt32) { structure += DeviceTreeNode.bigEndian(value) }
        func pad() { while structure.count % 4 != 0 { structure.append(0) } }
        func emit(_ node: DeviceTreeNode) {
            append(1)  // FDT_BEGIN_NODE
            structure += Array(node.name.utf8) + [0]
            pad()
            for (name, value) in node.properties {
                let offset = offsets[name] ?? {
                    let offset = strings.count
                    strings += Array(name.utf8) + [0]
                    offsets[name] = offset
                    return offset
                }()
                append(3)  // FDT_PROP
                append(UInt32(value.count))
                append(UInt32(offset))
                structure += value
                pad()
            }
            node.children.forEach(emit)
            append(2)  // FDT_END_NODE
        }
        emit(self)
        append(9)  // FDT_END
        let headerSize = 40, reservation = 16
        let structureOffset = headerSize + reservation
        let stringsOffset = structureOffset + structure.count
        let total = stringsOffset + strings.count
        var blob: [UInt8] = []
        for field in [0xd00d_feed, total, structureOffset, stringsOffset, headerSize, 17, 16, 0, strings.count, structure.count] {
            blob += DeviceTreeNode.bigEndian(UInt32(field))
        }
        blob += [UInt8](repeating: 0, count: reservation)
        return blob + structure + strings
    }
}
