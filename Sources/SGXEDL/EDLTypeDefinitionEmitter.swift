// Swift definitions of the EDL's enums, structs and unions: the same text on both
// sides, each type with its C layout (`edlSize`), a loader and a storer.

/// Lines of generated Swift with indentation.
struct EDLCodeWriter {
    private(set) var text = ""
    private var indent = 0

    mutating func line(_ s: String = "") {
        text += s.isEmpty ? "\n" : String(repeating: "    ", count: indent) + s + "\n"
    }

    mutating func block(_ opening: String, _ body: (inout EDLCodeWriter) throws(EDLGenerationError) -> Void) throws(EDLGenerationError) {
        line(opening + " {")
        indent += 1
        try body(&self)
        indent -= 1
        line("}")
    }
}

struct EDLTypeDefinitionEmitter {
    let mapper: EDLTypeMapper

    func emit(into w: inout EDLCodeWriter) throws(EDLGenerationError) {
        let constants = enumConstants()
        for t in mapper.enclave.types {
            switch t {
            case .enumeration(let e): emitEnum(e, constants, into: &w)
            case .structure(let s): try emitComposite(s, isUnion: false, into: &w)
            case .union(let u): try emitComposite(u, isUnion: true, into: &w)
            }
            w.line()
        }
    }

    /// Every enum constant's value (C rules: implicit values count up from the previous one).
    func enumConstants() -> [String: Int] {
        var values: [String: Int] = [:]
        for case .enumeration(let e) in mapper.enclave.types {
            var next = 0
            for c in e.cases {
                var v = next
                switch c.value {
                case .number(let n)?: v = n
                case .name(let n)?: v = values[n] ?? 0
                case nil: break
                }
                values[c.name] = v
                next = v &+ 1
            }
        }
        return values
    }

    func emitEnum(_ e: EDLEnumType, _ constants: [String: Int], into w: inout EDLCodeWriter) {
        guard let name = e.name else {
            w.line("// anonymous enum")
            for c in e.cases { w.line("public let \(c.name): Int32 = \(Int32(truncatingIfNeeded: constants[c.name] ?? 0))") }
            return
        }
        w.line("/// `enum \(name)` (a C int; the other side may send any value).")
        try? w.block("public struct \(name): RawRepresentable, Equatable, Sendable") { w throws(EDLGenerationError) in
            w.line("public var rawValue: Int32")
            w.line("public init(rawValue: Int32) { self.rawValue = rawValue }")
            for c in e.cases {
                w.line("public static let \(c.name) = \(name)(rawValue: \(Int32(truncatingIfNeeded: constants[c.name] ?? 0)))")
            }
        }
    }

    func emitComposite(_ c: EDLCompositeType, isUnion: Bool, into w: inout EDLCodeWriter) throws(EDLGenerationError) {
        let type = try mapper.valueType(isUnion ? .union(c.name) : .structure(c.name), at: c.location)
        let offsets = try mapper.offsets(of: c, isUnion: isUnion)
        var shapes: [EDLTypeMapper.MemberShape] = []
        for m in c.members { shapes.append(try mapper.memberShape(m, depth: 0)) }
        w.line("/// `\(isUnion ? "union" : "struct") \(c.name)`: C layout \(type.size) bytes, alignment \(type.alignment).")
        try w.block("public struct \(c.name): Equatable, Sendable") { w throws(EDLGenerationError) in
            w.line("public static let edlSize = \(type.size)")
            if isUnion {
                emitUnionBody(c, shapes, size: type.size, into: &w)
                return
            }
            for (m, shape) in zip(c.members, shapes) { w.line("public var \(m.name): \(swiftType(shape))") }
            try w.block("public init()") { w throws(EDLGenerationError) in
                for (m, shape) in zip(c.members, shapes) { w.line("\(m.name) = \(zero(shape))") }
            }
            let params = zip(c.members, shapes).map { "\($0.name): \(swiftType($1))" }.joined(separator: ", ")
            try w.block("public init(\(params))") { w throws(EDLGenerationError) in
                for m in c.members { w.line("self.\(m.name) = \(m.name)") }
            }
            try w.block("public init(edlLoading p: UnsafeRawPointer)") { w throws(EDLGenerationError) in
                for (i, (m, shape)) in zip(c.members, shapes).enumerated() {
                    w.line("\(m.name) = \(load(shape, "p", offsets[i]))")
                }
            }
            try w.block("public func edlStore(to p: UnsafeMutableRawPointer)") { w throws(EDLGenerationError) in
                for (i, (m, shape)) in zip(c.members, shapes).enumerated() {
                    w.line(store(shape, m.name, "p", offsets[i]))
                }
            }
        }
    }

    func emitUnionBody(_ c: EDLCompositeType, _ shapes: [EDLTypeMapper.MemberShape], size: Int, into w: inout EDLCodeWriter) {
        w.line("/// The union's \(size) bytes; the members below read and write them.")
        w.line("public var bytes: [UInt8]")
        w.line("public init() { bytes = [UInt8](repeating: 0, count: \(size)) }")
        w.line("public init(edlLoading p: UnsafeRawPointer) { bytes = (0..<\(size)).map { p.load(fromByteOffset: $0, as: UInt8.self) } }")
        w.line("public func edlStore(to p: UnsafeMutableRawPointer) { for i in 0..<\(size) { p.storeBytes(of: i < bytes.count ? bytes[i] : 0, toByteOffset: i, as: UInt8.self) } }")
        for (m, shape) in zip(c.members, shapes) {
            guard case .value(let t) = shape else { continue }
            try? w.block("public var \(m.name): \(t.swiftName)") { w throws(EDLGenerationError) in
                w.line("get { var b = bytes; if b.count < \(size) { b += [UInt8](repeating: 0, count: \(size) - b.count) }; return b.withUnsafeBytes { p in \(t.load("p.baseAddress!")) } }")
                w.line("set { if bytes.count < \(size) { bytes += [UInt8](repeating: 0, count: \(size) - bytes.count) }; bytes.withUnsafeMutableBytes { p in \(t.store("newValue", "p.baseAddress!")) } }")
            }
        }
    }

    func swiftType(_ shape: EDLTypeMapper.MemberShape) -> String {
        switch shape {
        case .value(let t): return t.swiftName
        case .array(let t, _): return "[\(t.swiftName)]"
        case .address: return "UInt64"
        }
    }

    func zero(_ shape: EDLTypeMapper.MemberShape) -> String {
        switch shape {
        case .value(let t): return t.zero
        case .array(let t, let n): return "[\(t.swiftName)](repeating: \(t.zero), count: \(n))"
        case .address: return "0"
        }
    }

    func load(_ shape: EDLTypeMapper.MemberShape, _ p: String, _ offset: Int) -> String {
        switch shape {
        case .value(let t): return t.load(p, offset)
        case .array(let t, let n): return "(0..<\(n)).map { i in \(t.load("(\(p) + \(offset) + i * \(t.size))")) }"
        case .address: return EDLValueType.number(swift: "UInt64", size: 8).load(p, offset)
        }
    }

    func store(_ shape: EDLTypeMapper.MemberShape, _ value: String, _ p: String, _ offset: Int) -> String {
        switch shape {
        case .value(let t): return t.store(value, p, offset)
        case .array(let t, let n): return "for i in 0..<min(\(n), \(value).count) { \(t.store("\(value)[i]", "(\(p) + \(offset) + i * \(t.size))")) }"
        case .address: return EDLValueType.number(swift: "UInt64", size: 8).store(value, p, offset)
        }
    }
}
