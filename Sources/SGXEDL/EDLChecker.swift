/// edger8r's semantic rules (sdk/edger8r Parser.mly and CodeGen.ml), applied to
/// a merged enclave, with each violation located at the offending token.
/// As in edger8r, a declaration stops at its first violation.
struct EDLChecker {
    static let pointerAttributes: Set<String> = [
        "in", "out", "size", "count", "string", "wstring", "user_check", "isptr", "isary", "readonly",
    ]

    var sink = EDLDiagnosticSink()
    var requirePublicECall: Bool
    var checksPublicECall = true

    init(requirePublicECall: Bool) {
        self.requirePublicECall = requirePublicECall
    }

    private struct Violation: Error {
        var message: String
        var location: EDLSourceLocation
    }

    mutating func check(_ enclave: EDLEnclave) {
        checkTypes(enclave)
        for f in enclave.functions { checkFunction(f, enclave: enclave) }
        checkDuplicateFunctions(enclave)
        checkStructureUse(enclave)
        checkAllowLists(enclave)
        if checksPublicECall { checkPublicECalls(enclave) }
    }

    // MARK: attribute lists

    /// Unknown, deprecated, duplicated and malformed attributes.
    private func validateList(_ list: [EDLAttribute]) throws {
        var seen: Set<String> = []
        for attr in list {
            if attr.key == "sizefunc" {
                throw Violation(message: "the attribute `sizefunc` is deprecated; use the `size` attribute instead", location: attr.location)
            }
            guard Self.pointerAttributes.contains(attr.key) else {
                throw Violation(message: "unknown attribute: `\(attr.key)`", location: attr.location)
            }
            if seen.contains(attr.key) {
                throw Violation(message: "duplicated attribute: `\(attr.key)`", location: attr.location)
            }
            seen.insert(attr.key)
            let needsValue = attr.key == "size" || attr.key == "count"
            if needsValue && attr.value == .none {
                throw Violation(message: "attribute `\(attr.key)` needs a value (`\(attr.key)=N` or `\(attr.key)=name`)", location: attr.location)
            }
            if !needsValue && attr.value != .none {
                throw Violation(message: "attribute `\(attr.key)` takes no value", location: attr.valueLocation)
            }
        }
    }

    private func location(of key: String, in decl: EDLDeclaration) -> EDLSourceLocation {
        decl.attributeList.first { $0.key == key }?.location ?? decl.location
    }

    private func valueLocation(of key: String, in decl: EDLDeclaration) -> EDLSourceLocation {
        decl.attributeList.first { $0.key == key }?.valueLocation ?? decl.location
    }

    private func has(_ key: String, _ decl: EDLDeclaration) -> Bool {
        decl.attributeList.contains { $0.key == key }
    }

    // MARK: functions

    private mutating func checkFunction(_ f: EDLFunction, enclave: EDLEnclave) {
        // function attributes (untrusted only; the parser reported them on trusted ones)
        var convention: (String, EDLSourceLocation)?
        var dllimport = false
        for attr in f.functionAttributes where f.kind == .ocall {
            switch attr.key {
            case "cdecl", "stdcall", "fastcall":
                if let (old, _) = convention {
                    sink.error("unexpected `\(attr.key)`, conflict with `\(old)`", at: attr.location)
                } else {
                    convention = (attr.key, attr.location)
                }
            case "dllimport":
                if dllimport { sink.error("duplicated attribute: `dllimport`", at: attr.location) }
                dllimport = true
            default:
                sink.error("invalid function attribute: `\(attr.key)`", at: attr.location)
            }
            if attr.value != .none {
                sink.error("function attribute `\(attr.key)` takes no value", at: attr.valueLocation)
            }
        }
        var names: Set<String> = []
        for p in f.parameters {
            if names.contains(p.name) {
                sink.error("`\(f.name)`: duplicated parameter name `\(p.name)`", at: p.location)
                continue
            }
            names.insert(p.name)
            do {
                try checkParameter(p, in: f)
                warnFloatingSizes(p, in: f.parameters)
            } catch let v as Violation {
                sink.error(v.message, at: v.location)
            } catch {}
        }
    }

    /// edger8r (and Open Enclave's generator) accept a floating-point `size=`/`count=`
    /// value and let C convert it to `size_t`; so does this checker, with a warning. The
    /// generated bridges accept only a value that is a whole number that fits.
    private mutating func warnFloatingSizes(_ d: EDLDeclaration, in siblings: [EDLDeclaration]) {
        for key in ["size", "count"] {
            let expr = key == "size" ? d.attributes.size : d.attributes.count
            guard case .name(let name)? = expr, let target = siblings.first(where: { $0.name == name }),
                  !target.type.isPointer, !target.isArray, case .scalar(let s) = target.type.base,
                  s == .float || s == .double else { continue }
            sink.warning("`\(key)=\(name)` of `\(d.name)`: `\(name)` is `\(s.cName)`; C converts it to size_t, and the bridges refuse a value that is not a whole number in range", at: valueLocation(of: key, in: d))
        }
    }

    private func checkParameter(_ p: EDLParameter, in f: EDLFunction) throws {
        let a = p.attributes
        let t = p.type
        if t.isVoid && !p.isArray {
            throw Violation(message: "parameter `\(p.name)` has `void` type", location: p.location)
        }
        if t.isVoid && p.isArray {
            throw Violation(message: "`\(f.name)`: array `\(p.name)` of `void` is not allowed", location: p.location)
        }
        try validateList(p.attributeList)
        let isForeign: Bool = { if case .foreign = t.base { return true }; return false }()
        let isBareForeign = isForeign && !t.isPointer
        if !p.attributeList.isEmpty {
            if a.isPointerTypedef && !isBareForeign {
                throw Violation(message: "`isptr` attribute is only for user defined types, not for `\(t)`", location: location(of: "isptr", in: p))
            }
            if a.isArrayTypedef && !isBareForeign {
                throw Violation(message: "`isary` attribute is only for user defined types, not for `\(t)`", location: location(of: "isary", in: p))
            }
            if has("readonly", p) && !isForeign {
                throw Violation(message: "`readonly` attribute is only for user defined types, not for `\(t)`", location: location(of: "readonly", in: p))
            }
            if has("readonly", p) && !a.isPointerTypedef {
                throw Violation(message: "`readonly` attribute is only used with the `isptr` attribute", location: location(of: "readonly", in: p))
            }
            if !p.isPointerLike {
                let at = p.attributeBlockLocation ?? p.location
                if isForeign {
                    throw Violation(message: "`\(t)` is considered plain type but decorated with pointer attributes", location: at)
                }
                throw Violation(message: "unexpected pointer attributes for `\(t)`", location: at)
            }
        }
        guard p.isPointerLike else {
            try checkScalarParameter(p, in: f)
            return
        }
        let hasSize = a.size != nil || a.count != nil
        let isStr = a.isString || a.isWideString
        if a.isArrayTypedef {
            if hasSize {
                throw Violation(message: "pointer size attributes cannot be used with foreign array", location: location(of: a.size != nil ? "size" : "count", in: p))
            }
            if isStr {
                throw Violation(message: "`isary` cannot be used with `string`/`wstring` together", location: location(of: "isary", in: p))
            }
            if a.isPointerTypedef {
                throw Violation(message: "`isary` cannot be used with `isptr` together", location: location(of: "isary", in: p))
            }
            if !a.isUserCheck && a.direction == .none {
                throw Violation(message: "array must have direction attribute or `user_check`", location: p.location)
            }
        } else {
            if a.isString && a.isWideString {
                throw Violation(message: "`string` and `wstring` are mutually exclusive", location: location(of: "wstring", in: p))
            }
            if hasSize && isStr {
                throw Violation(message: "size attributes are mutually exclusive with (w)string attribute", location: location(of: a.isString ? "string" : "wstring", in: p))
            }
            if (hasSize || isStr) && a.direction == .none {
                throw Violation(message: "size/string attributes must be used with pointer direction", location: location(of: isStr ? (a.isString ? "string" : "wstring") : (a.size != nil ? "size" : "count"), in: p))
            }
            if a.direction != .none && a.isUserCheck {
                throw Violation(message: "pointer direction and `user_check` are mutually exclusive", location: location(of: "user_check", in: p))
            }
            if a.direction == .none && !a.isUserCheck {
                throw Violation(message: "pointer/array should have direction attribute or `user_check`", location: p.location)
            }
            if a.direction == .out && isStr {
                throw Violation(message: "string/wstring should be used with an `in` attribute", location: location(of: a.isString ? "string" : "wstring", in: p))
            }
        }
        // edger8r's check_ptr_attr
        if t.isVoidPointer && !p.isArray {
            if !a.isUserCheck && a.size == nil {
                throw Violation(message: "`\(f.name)`: void pointer `\(p.name)` - buffer size unknown", location: p.location)
            }
        } else {
            let isArray = p.isArray || a.isArrayTypedef
            let isPointer = t.isPointer || a.isPointerTypedef
            if isArray && isPointer {
                throw Violation(message: "`\(f.name)`: pointer array not allowed - `\(p.name)` is a pointer array", location: p.location)
            }
            if a.isReadOnly && a.direction.copiesOut {
                throw Violation(message: "`\(f.name)`: `\(p.name)` is readonly - cannot be used with `out`", location: location(of: "out", in: p))
            }
            if a.isString {
                let isCharPointer = t.pointerDepth == 1 && (t.base == .scalar(.char) || t.base == .scalar(.unsignedChar))
                if !isCharPointer || p.isArray {
                    throw Violation(message: "`\(f.name)`: invalid `string` attribute - `\(p.name)` is not char pointer", location: location(of: "string", in: p))
                }
            }
            if a.isWideString {
                if !(t.pointerDepth == 1 && t.base == .scalar(.wchar)) || p.isArray {
                    throw Violation(message: "`\(f.name)`: invalid `wstring` attribute - `\(p.name)` is not wchar_t pointer", location: location(of: "wstring", in: p))
                }
            }
            if p.isArray {
                for key in ["size", "count", "isary"] where has(key, p) {
                    throw Violation(message: "`\(f.name)`: invalid `\(key)` attribute - `\(p.name)` is explicitly declared array", location: location(of: key, in: p))
                }
            }
        }
        try checkSizeReferences(p, in: f.parameters, owner: "function `\(f.name)`", noun: "parameter")
    }

    private func checkScalarParameter(_ p: EDLParameter, in f: EDLFunction) throws {
        // nothing further for by-value scalars, enums, unions and foreign types
    }

    /// `size=name`/`count=name` must name an integer parameter (or member).
    private func checkSizeReferences(_ d: EDLDeclaration, in siblings: [EDLDeclaration], owner: String, noun: String) throws {
        for key in ["size", "count"] {
            let expr = key == "size" ? d.attributes.size : d.attributes.count
            guard case .name(let name)? = expr else { continue }
            let at = valueLocation(of: key, in: d)
            guard let target = siblings.first(where: { $0.name == name }) else {
                throw Violation(message: "\(noun) `\(name)` named in `\(key)=` of `\(d.name)` not found in \(owner)", location: at)
            }
            if !Self.isIntegerValue(target) {
                throw Violation(message: "`\(key)=\(name)` of `\(d.name)`: `\(name)` must have an integer type (or `float`/`double`), not `\(target.type)\(target.isArray ? "[]" : "")`", location: at)
            }
        }
    }

    /// Usable as a size or count: by-value integer scalars, `float` and `double` (see
    /// `warnFloatingSizes`), enums and foreign typedefs (which EDL cannot see into;
    /// edger8r passes them to C, which decides).
    static func isIntegerValue(_ d: EDLDeclaration) -> Bool {
        guard !d.type.isPointer, !d.isArray, !d.attributes.isPointerTypedef, !d.attributes.isArrayTypedef else { return false }
        switch d.type.base {
        case .scalar(let s): return s.isInteger || s == .float || s == .double
        case .enumeration, .foreign: return true
        case .structure, .union: return false
        }
    }

    // MARK: types

    private mutating func checkTypes(_ enclave: EDLEnclave) {
        var seen: [String: EDLSourceLocation] = [:]
        for def in enclave.types {
            if let name = def.name {
                let kind: String
                switch def {
                case .structure: kind = "structure"
                case .union: kind = "union"
                case .enumeration: kind = "enum"
                }
                let key = kind + " " + name
                if let first = seen[key] {
                    sink.error("duplicated \(kind) definition `\(name)`", at: def.location)
                    sink.note("previous definition of `\(name)` is here", at: first)
                } else {
                    seen[key] = def.location
                }
            }
            switch def {
            case .structure(let s): checkComposite(s, isUnion: false)
            case .union(let u): checkComposite(u, isUnion: true)
            case .enumeration(let e):
                var names: Set<String> = []
                for c in e.cases {
                    if names.contains(c.name) { sink.error("duplicated enumerator `\(c.name)`", at: c.location) }
                    names.insert(c.name)
                }
            }
        }
    }

    private mutating func checkComposite(_ s: EDLCompositeType, isUnion: Bool) {
        var names: Set<String> = []
        for m in s.members {
            if names.contains(m.name) {
                sink.error("duplicated member `\(m.name)` in \(isUnion ? "union" : "struct") `\(s.name)`", at: m.location)
                continue
            }
            names.insert(m.name)
            do {
                try checkMember(m, of: s, isUnion: isUnion)
                warnFloatingSizes(m, in: s.members)
            } catch let v as Violation {
                sink.error(v.message, at: v.location)
            } catch {}
        }
    }

    private func checkMember(_ m: EDLMember, of s: EDLCompositeType, isUnion: Bool) throws {
        if m.type.isVoid {
            throw Violation(message: "\(isUnion ? "union " : "")member `\(m.name)` has `void` type", location: m.location)
        }
        guard !m.attributeList.isEmpty else { return }
        try validateList(m.attributeList)
        let a = m.attributes
        if a.size == nil && a.count == nil {
            throw Violation(message: "size/count attributes must be used on a structure member", location: m.attributeBlockLocation ?? m.location)
        }
        let forbidden: [(String, String)] = [
            ("in", "direction attribute is not allowed for structure member"),
            ("out", "direction attribute is not allowed for structure member"),
            ("isptr", "`isptr` attribute is not allowed for structure member"),
            ("isary", "`isary` attribute is not allowed for structure member"),
            ("readonly", "`readonly` attribute is not allowed for structure member"),
            ("string", "`string` attribute is not allowed for structure member"),
            ("wstring", "`wstring` attribute is not allowed for structure member"),
            ("user_check", "`user_check` attribute is not allowed for structure member"),
        ]
        for (key, message) in forbidden where has(key, m) {
            throw Violation(message: message, location: location(of: key, in: m))
        }
        if !m.type.isPointer {
            let at = m.attributeBlockLocation ?? m.location
            if case .foreign = m.type.base {
                throw Violation(message: "`\(m.type)` is considered plain type but decorated with pointer attributes", location: at)
            }
            throw Violation(message: "`\(m.type)` specified deep copy, but it's not a pointer", location: at)
        }
        if m.isArray {
            throw Violation(message: "pointer array not allowed - `\(m.name)` is a pointer array", location: m.location)
        }
        try checkSizeReferences(m, in: s.members, owner: "struct `\(s.name)`", noun: "member")
    }

    // MARK: enclave-wide rules (CodeGen.ml)

    private mutating func checkDuplicateFunctions(_ enclave: EDLEnclave) {
        var seen: [String: EDLSourceLocation] = [:]
        for f in enclave.functions {
            if let first = seen[f.name] {
                sink.error("multiple definition of function `\(f.name)`", at: f.location)
                sink.note("previous definition of `\(f.name)` is here", at: first)
            } else {
                seen[f.name] = f.location
            }
        }
    }

    private mutating func checkStructureUse(_ enclave: EDLEnclave) {
        for f in enclave.functions {
            for p in f.parameters {
                switch p.type.base {
                case .structure(let name):
                    guard let s = enclave.structure(named: name) else { continue }
                    if p.type.pointerDepth == 0 && !p.isArray {
                        if s.isDeepCopy {
                            sink.error("the structure `\(name)` specifies a deep copy and cannot be passed by value (parameter `\(p.name)` of `\(f.name)`)", at: p.location)
                        } else if s.members.contains(where: { $0.type.isPointer }) {
                            sink.warning("the structure `\(name)` is passed by value in function `\(f.name)`; the data its pointers point to is not copied", at: p.location)
                        }
                    } else if p.type.pointerDepth == 1 && s.isDeepCopy && p.attributes.direction == .out {
                        sink.error("the structure `\(name)` specifies a deep copy and cannot be used with an `out`-only attribute (parameter `\(p.name)` of `\(f.name)`)", at: location(of: "out", in: p))
                    }
                case .foreign(let name):
                    guard let s = enclave.structure(named: name) else { continue }
                    if s.isDeepCopy {
                        sink.error("`\(name)` in function `\(f.name)` is a structure with deep-copy members; use `struct \(name)` instead", at: p.type.location)
                    } else {
                        sink.warning("`\(name)` in function `\(f.name)` is a structure; use `struct \(name)` instead", at: p.type.location)
                    }
                default:
                    continue
                }
            }
        }
    }

    private mutating func checkAllowLists(_ enclave: EDLEnclave) {
        let trusted = Set(enclave.ecalls.map(\.name))
        for f in enclave.ocalls {
            for (name, loc) in zip(f.allowList, f.allowListLocations) where !trusted.contains(name) {
                sink.error("`\(f.name)` declared to allow unknown function `\(name)`", at: loc)
            }
        }
    }

    private mutating func checkPublicECalls(_ enclave: EDLEnclave) {
        if !enclave.ecalls.contains(where: \.isPublic) {
            let message = "the enclave `\(enclave.name)` contains no public root ECALL"
            let at = enclave.location ?? EDLSourceLocation(file: enclave.path, line: 1, column: 1)
            if requirePublicECall { sink.error(message, at: at) } else { sink.warning(message, at: at) }
        }
        let allowed = Set(enclave.ocalls.flatMap(\.allowList))
        for f in enclave.ecalls where !f.isPublic && !allowed.contains(f.name) {
            sink.warning("private ECALL `\(f.name)` is not used by any OCALL", at: f.location)
        }
    }
}
