/// Recursive-descent parser for Intel's EDL grammar (sdk/edger8r Parser.mly),
/// producing an `EDLEnclave` for one file. Syntax errors stop the file at the
/// first one (as edger8r does); rule violations that edger8r reports while
/// parsing (zero-length arrays, `[]` attribute blocks, ...) are recorded and
/// parsing goes on. The attribute rules themselves are checked by `EDLChecker`.
///
/// The grammar has no nesting, so the parser is iterative apart from a fixed
/// call depth: hostile input cannot make it recurse without bound.
struct EDLParser {
    /// Words edger8r's lexer reserves; they cannot name a parameter, type or function.
    static let keywords: Set<String> = [
        "char", "short", "unsigned", "signed", "int", "float", "double", "long", "void",
        "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t", "uint32_t", "uint64_t",
        "size_t", "wchar_t", "struct", "union", "enum", "enclave", "trusted", "untrusted",
        "from", "import", "allow", "public", "transition_using_threads", "include",
        "propagate_errno", "const",
    ]

    private static let fixedWidth: [String: EDLScalarType] = [
        "int8_t": .int8, "int16_t": .int16, "int32_t": .int32, "int64_t": .int64,
        "uint8_t": .uint8, "uint16_t": .uint16, "uint32_t": .uint32, "uint64_t": .uint64,
        "size_t": .size, "wchar_t": .wchar, "void": .void, "float": .float, "double": .double,
    ]

    struct SyntaxError: Error {
        var message: String
        var location: EDLSourceLocation
    }

    private let tokens: [EDLToken]
    private var position = 0
    var sink = EDLDiagnosticSink()
    private var enclave: EDLEnclave

    init(tokens: [EDLToken], name: String, path: String) {
        // The token list always ends with `.eof`; make sure of it.
        var t = tokens
        if t.last?.kind != .eof {
            t.append(EDLToken(kind: .eof, location: t.last?.location ?? EDLSourceLocation(file: path, line: 1, column: 1)))
        }
        self.tokens = t
        self.enclave = EDLEnclave(name: name, path: path)
    }

    /// Parses the whole file. Returns what was parsed before the first syntax error.
    mutating func parse() -> EDLEnclave {
        do {
            try parseFile()
        } catch let e as SyntaxError {
            sink.error(e.message, at: e.location)
        } catch {}
        return enclave
    }

    // MARK: token access

    private var current: EDLToken { tokens[position] }

    private func peek(_ offset: Int) -> EDLToken {
        let i = position + offset
        return i < tokens.count ? tokens[i] : tokens[tokens.count - 1]
    }

    @discardableResult
    private mutating func advance() -> EDLToken {
        let t = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return t
    }

    private func isKeyword(_ word: String) -> Bool { current.identifier == word }

    private mutating func accept(keyword word: String) -> Bool {
        if current.identifier == word { advance(); return true }
        return false
    }

    private mutating func accept(punct p: String) -> Bool {
        if current.isPunct(p) { advance(); return true }
        return false
    }

    private func unexpected(_ expected: String) -> SyntaxError {
        let t = current
        switch t.kind {
        case .invalid(let message):
            return SyntaxError(message: message, location: t.location)
        case .eof:
            return SyntaxError(message: "unexpected end of file; expected \(expected)", location: t.location)
        default:
            return SyntaxError(message: "unexpected token `\(t.spelling)`; expected \(expected)", location: t.location)
        }
    }

    private mutating func expect(punct p: String) throws -> EDLToken {
        guard current.isPunct(p) else { throw unexpected("`\(p)`") }
        return advance()
    }

    private mutating func expect(keyword word: String) throws -> EDLToken {
        guard current.identifier == word else { throw unexpected("`\(word)`") }
        return advance()
    }

    /// An identifier that is not a reserved word.
    private mutating func expectName(_ what: String) throws -> (String, EDLSourceLocation) {
        guard let name = current.identifier else { throw unexpected(what) }
        if Self.keywords.contains(name) {
            throw SyntaxError(message: "unexpected keyword `\(name)`; expected \(what)", location: current.location)
        }
        let loc = advance().location
        return (name, loc)
    }

    private mutating func expectString(_ what: String) throws -> (String, EDLSourceLocation) {
        guard case .string(let s) = current.kind else { throw unexpected(what) }
        return (s, advance().location)
    }

    // MARK: file structure

    private mutating func parseFile() throws {
        enclave.location = try expect(keyword: "enclave").location
        _ = try expect(punct: "{")
        while !current.isPunct("}") {
            let t = current
            switch t.identifier {
            case "include":
                try parseInclude(scope: .both)
            case "from":
                try parseImport()
                _ = try expect(punct: ";")
            case "struct", "union", "enum":
                try parseComposite()
                _ = try expect(punct: ";")
            case "trusted":
                advance()
                _ = try expect(punct: "{")
                try parseBlock(kind: .ecall)
                _ = try expect(punct: "}")
                _ = try expect(punct: ";")
            case "untrusted":
                advance()
                _ = try expect(punct: "{")
                try parseBlock(kind: .ocall)
                _ = try expect(punct: "}")
                _ = try expect(punct: ";")
            default:
                throw unexpected("`include`, `from`, `struct`, `union`, `enum`, `trusted`, `untrusted` or `}`")
            }
        }
        advance()
        _ = try expect(punct: ";")
        guard current.kind == .eof else { throw unexpected("end of file after `enclave { ... };`") }
    }

    private mutating func parseInclude(scope: EDLInclude.Scope) throws {
        let loc = try expect(keyword: "include").location
        let (header, _) = try expectString("a header name in quotes")
        enclave.includes.append(EDLInclude(header: header, scope: scope, location: loc))
    }

    private mutating func parseImport() throws {
        let loc = try expect(keyword: "from").location
        let (path, pathLoc) = try expectString("an EDL file name in quotes")
        _ = try expect(keyword: "import")
        if accept(punct: "*") {
            enclave.imports.append(EDLImport(path: path, names: nil, location: loc, pathLocation: pathLoc))
            return
        }
        var names: [String] = []
        var locations: [EDLSourceLocation] = []
        repeat {
            let (n, l) = try expectName("a function name or `*`")
            names.append(n)
            locations.append(l)
        } while accept(punct: ",")
        enclave.imports.append(EDLImport(path: path, names: names, nameLocations: locations, location: loc, pathLocation: pathLoc))
    }

    // MARK: types

    private mutating func parseComposite() throws {
        let keywordToken = advance()
        let keyword = keywordToken.identifier ?? ""
        if keyword == "enum" {
            var name: String?
            if !current.isPunct("{") { name = try expectName("an enum name or `{`").0 }
            _ = try expect(punct: "{")
            var cases: [EDLEnumType.Case] = []
            while !current.isPunct("}") {
                let (caseName, caseLoc) = try expectName("an enumerator name")
                var value: EDLEnumType.Case.Value?
                if accept(punct: "=") {
                    let negative = accept(punct: "-")
                    switch current.kind {
                    case .number(let n):
                        guard let n else { throw SyntaxError(message: "integer literal too large", location: current.location) }
                        value = .number(negative ? -n : n)
                        advance()
                    case .identifier(let s) where !negative && !Self.keywords.contains(s):
                        value = .name(s)
                        advance()
                    default:
                        throw unexpected("a number or an enumerator name")
                    }
                }
                cases.append(EDLEnumType.Case(name: caseName, value: value, location: caseLoc))
                if !accept(punct: ",") { break }
            }
            _ = try expect(punct: "}")
            enclave.types.append(.enumeration(EDLEnumType(name: name, cases: cases, location: keywordToken.location)))
            return
        }
        let (name, _) = try expectName("a \(keyword) name")
        _ = try expect(punct: "{")
        var members: [EDLMember] = []
        while !current.isPunct("}") {
            let member = try parseDeclaration(context: keyword == "struct" ? .structMember : .unionMember)
            members.append(member)
            _ = try expect(punct: ";")
        }
        if members.isEmpty {
            sink.error("\(keyword) `\(name)` has no members", at: keywordToken.location)
        }
        advance()
        let composite = EDLCompositeType(name: name, members: members, location: keywordToken.location)
        enclave.types.append(keyword == "struct" ? .structure(composite) : .union(composite))
    }

    /// `const`? type-specifier `*`*. `const` is only valid before a pointer (edger8r).
    private mutating func parseType(allowConst: Bool) throws -> EDLType {
        let start = current.location
        var isConst = false
        if isKeyword("const") {
            let constLoc = advance().location
            if !allowConst {
                throw SyntaxError(message: "`const` is only allowed on pointer parameters", location: constLoc)
            }
            isConst = true
        }
        let base = try parseBaseType()
        var depth = 0
        while accept(punct: "*") { depth += 1 }
        if isConst && depth == 0 {
            throw SyntaxError(message: "`const` is only allowed on pointer parameters", location: start)
        }
        return EDLType(base: base, pointerDepth: depth, isConst: isConst, location: start)
    }

    private mutating func parseBaseType() throws -> EDLBaseType {
        guard let word = current.identifier else { throw unexpected("a type") }
        if let fixed = Self.fixedWidth[word] {
            advance()
            return .scalar(fixed)
        }
        switch word {
        case "struct", "union", "enum":
            advance()
            let (name, _) = try expectName("a \(word) name")
            switch word {
            case "struct": return .structure(name)
            case "union": return .union(name)
            default: return .enumeration(name)
            }
        case "char", "short", "int", "long", "unsigned", "signed":
            return .scalar(try parseIntegerType())
        default:
            if Self.keywords.contains(word) {
                throw SyntaxError(message: "unexpected keyword `\(word)`; expected a type", location: current.location)
            }
            advance()
            return .foreign(word)
        }
    }

    /// `char`, `unsigned char`, `[unsigned] short|long [int]`, `[unsigned] int`,
    /// `[unsigned] long long [int]`, `long double`, `unsigned`; `signed` is
    /// accepted as a harmless extension (edger8r does not know it).
    private mutating func parseIntegerType() throws -> EDLScalarType {
        var unsigned = false
        var sawSign = false
        if accept(keyword: "unsigned") { unsigned = true; sawSign = true }
        else if accept(keyword: "signed") { sawSign = true }
        if accept(keyword: "char") { return unsigned ? .unsignedChar : .char }
        if accept(keyword: "short") {
            _ = accept(keyword: "int")
            return unsigned ? .unsignedShort : .short
        }
        if accept(keyword: "long") {
            if accept(keyword: "long") {
                _ = accept(keyword: "int")
                return unsigned ? .unsignedLongLong : .longLong
            }
            if !sawSign, accept(keyword: "double") { return .longDouble }
            _ = accept(keyword: "int")
            return unsigned ? .unsignedLong : .long
        }
        if accept(keyword: "int") { return unsigned ? .unsignedInt : .int }
        if sawSign { return unsigned ? .unsignedInt : .int }
        throw unexpected("a type")
    }

    // MARK: declarations

    enum DeclarationContext { case parameter, structMember, unionMember }

    private mutating func parseAttributeBlock() throws -> (EDLSourceLocation, [EDLAttribute]) {
        let open = try expect(punct: "[").location
        var list: [EDLAttribute] = []
        if current.isPunct("]") {
            sink.error("no attribute specified", at: open)
            advance()
            return (open, list)
        }
        repeat {
            guard let key = current.identifier else { throw unexpected("an attribute name") }
            let keyLoc = advance().location
            var value = EDLAttribute.Value.none
            var valueLoc = keyLoc
            if accept(punct: "=") {
                valueLoc = current.location
                switch current.kind {
                case .number(let n):
                    guard let n else { throw SyntaxError(message: "integer literal too large", location: valueLoc) }
                    value = .number(n)
                case .identifier(let s) where !Self.keywords.contains(s):
                    value = .identifier(s)
                default:
                    throw unexpected("a number or a parameter name after `\(key)=`")
                }
                advance()
            }
            list.append(EDLAttribute(key: key, value: value, location: keyLoc, valueLocation: valueLoc))
        } while accept(punct: ",")
        _ = try expect(punct: "]")
        return (open, list)
    }

    /// Array dimensions after a name. `[]` and `[0]` are recorded as errors.
    private mutating func parseDimensions() throws -> [Int] {
        var dims: [Int] = []
        while current.isPunct("[") {
            let open = advance().location
            switch current.kind {
            case .punct("]"):
                sink.error("flexible array is not supported", at: open)
                dims.append(0)
            case .number(let n):
                guard let n else { throw SyntaxError(message: "integer literal too large", location: current.location) }
                if n == 0 { sink.error("zero-length array is not supported", at: current.location) }
                dims.append(n)
                advance()
            case .identifier(let s):
                throw SyntaxError(message: "array dimension `\(s)` is not an integer constant (define it with #define or -D)", location: current.location)
            default:
                throw unexpected("an array dimension")
            }
            _ = try expect(punct: "]")
        }
        return dims
    }

    private mutating func parseDeclaration(context: DeclarationContext) throws -> EDLDeclaration {
        var blockLoc: EDLSourceLocation?
        var list: [EDLAttribute] = []
        if current.isPunct("[") {
            if context == .unionMember {
                throw SyntaxError(message: "attributes are not allowed on union members", location: current.location)
            }
            (blockLoc, list) = try parseAttributeBlock()
        }
        let type = try parseType(allowConst: context == .parameter)
        let (name, nameLoc) = try expectName(context == .parameter ? "a parameter name" : "a member name")
        let dims = try parseDimensions()
        var decl = EDLDeclaration(name: name, type: type, dimensions: dims, attributeList: list,
                                  location: nameLoc, attributeBlockLocation: blockLoc)
        decl.attributes = Self.interpret(list, isConst: type.isConst)
        return decl
    }

    /// The meaning of an attribute list; problems with it are the checker's business.
    static func interpret(_ list: [EDLAttribute], isConst: Bool) -> EDLPointerAttributes {
        var a = EDLPointerAttributes()
        a.isReadOnly = isConst
        func expr(_ v: EDLAttribute.Value) -> EDLSizeExpression? {
            switch v {
            case .none: return nil
            case .number(let n): return .constant(n)
            case .identifier(let s): return .name(s)
            }
        }
        for attr in list {
            switch attr.key {
            case "in": a.direction = a.direction == .out || a.direction == .inOut ? .inOut : .in
            case "out": a.direction = a.direction == .in || a.direction == .inOut ? .inOut : .out
            case "size": if a.size == nil { a.size = expr(attr.value) }
            case "count": if a.count == nil { a.count = expr(attr.value) }
            case "string": a.isString = true
            case "wstring": a.isWideString = true
            case "user_check": a.isUserCheck = true
            case "isptr": a.isPointerTypedef = true
            case "isary": a.isArrayTypedef = true
            case "readonly": a.isReadOnly = true
            default: break
            }
        }
        return a
    }

    // MARK: functions

    private mutating func parseBlock(kind: EDLFunction.Kind) throws {
        while !current.isPunct("}") {
            if isKeyword("include") {
                try parseInclude(scope: kind == .ecall ? .trusted : .untrusted)
                continue
            }
            var function = try parseFunction(kind: kind)
            if function.kind == .ecall {
                enclave.ecalls.append(function)
            } else {
                function.isPublic = false
                enclave.ocalls.append(function)
            }
        }
    }

    private mutating func parseFunction(kind: EDLFunction.Kind) throws -> EDLFunction {
        var functionAttributes: [EDLAttribute] = []
        var isPublic = false
        if current.isPunct("[") {
            let (loc, list) = try parseAttributeBlock()
            if kind == .ecall {
                sink.error("function attributes are only allowed on untrusted functions", at: loc)
            }
            functionAttributes = list
        }
        if isKeyword("public") {
            let loc = advance().location
            if kind == .ocall {
                sink.error("`public` is only for trusted functions", at: loc)
            } else {
                isPublic = true
            }
        }
        let returnType = try parseType(allowConst: false)
        if current.isPunct("[") {
            let loc = current.location
            _ = try parseDimensions()
            let name = current.identifier ?? "function"
            sink.error("\(name): returning an array is not supported - use pointer instead", at: loc)
        }
        let (name, nameLoc) = try expectName("a function name")
        let parameters = try parseParameters()
        var function = EDLFunction(kind: kind, name: name, isPublic: isPublic, returnType: returnType,
                                   parameters: parameters, functionAttributes: functionAttributes, location: nameLoc)
        for attr in functionAttributes {
            if let cc = EDLCallingConvention(rawValue: attr.key), function.callingConvention == nil {
                function.callingConvention = cc
            }
            if attr.key == "dllimport" { function.isDllImport = true }
        }
        var seenPostfix: Set<String> = []
        while !current.isPunct(";") {
            guard let word = current.identifier else { throw unexpected("`;`") }
            let loc = current.location
            switch word {
            case "allow":
                advance()
                if kind == .ecall {
                    sink.error("`allow(...)` is only for untrusted functions", at: loc)
                }
                if seenPostfix.contains("allow") { sink.error("duplicated attribute: `allow`", at: loc) }
                if !seenPostfix.isEmpty && !seenPostfix.contains("allow") {
                    sink.error("`allow(...)` must come before `\(seenPostfix.sorted().joined(separator: "`, `"))`", at: loc)
                }
                seenPostfix.insert("allow")
                _ = try expect(punct: "(")
                if !current.isPunct(")") {
                    repeat {
                        let (n, l) = try expectName("a trusted function name")
                        function.allowList.append(n)
                        function.allowListLocations.append(l)
                    } while accept(punct: ",")
                }
                _ = try expect(punct: ")")
            case "propagate_errno":
                advance()
                if kind == .ecall { sink.error("`propagate_errno` is only for untrusted functions", at: loc) }
                if seenPostfix.contains(word) { sink.error("duplicated attribute: `propagate_errno`", at: loc) }
                seenPostfix.insert(word)
                function.propagateErrno = true
            case "transition_using_threads":
                advance()
                if seenPostfix.contains(word) { sink.error("duplicated attribute: `transition_using_threads`", at: loc) }
                seenPostfix.insert(word)
                function.transitionUsingThreads = true
            default:
                throw unexpected("`;`")
            }
        }
        advance()
        return function
    }

    private mutating func parseParameters() throws -> [EDLParameter] {
        _ = try expect(punct: "(")
        if accept(punct: ")") { return [] }
        if isKeyword("void"), peek(1).isPunct(")") {
            advance(); advance()
            return []
        }
        var params: [EDLParameter] = []
        repeat {
            params.append(try parseDeclaration(context: .parameter))
        } while accept(punct: ",")
        _ = try expect(punct: ")")
        return params
    }
}
