/// The subset of the C preprocessor that EDL files use. Intel's edger8r pipes
/// each file through `gcc -E -P`; we evaluate the same lines directly so that
/// diagnostics keep their original line and column:
/// `#if`, `#ifdef`, `#ifndef`, `#elif`, `#else`, `#endif`, `#define NAME [value]`,
/// `#undef`, `defined(X)`/`defined X`, `!`, `&&`, `||`, comparisons and integer
/// arithmetic; object-like macros are expanded in the rest of the file (so
/// `#define N 4` makes `int a[N]` an array of 4). `#pragma`, `#line` and the null
/// directive are ignored; `#error` is reported; function-like macros are
/// recorded as defined but not expanded.
struct EDLPreprocessor {
    struct Macro {
        var body: [EDLToken]
        var isFunctionLike: Bool
    }

    /// Bounds that keep hostile input from exhausting memory or the stack.
    static let maxConditionalDepth = 256
    static let maxExpressionDepth = 128
    static let maxOutputTokens = 200_000

    private(set) var macros: [String: Macro] = [:]
    var sink = EDLDiagnosticSink()
    /// Tokens produced by macro expansion so far, over the whole file
    /// (text and `#if` lines alike); bounded by `maxOutputTokens`.
    private var expandedTokens = 0
    private var expansionOverflowReported = false

    private struct Conditional {
        var parentActive: Bool
        var taken: Bool      // some branch of this #if was taken
        var active: Bool     // the current branch is being kept
        var sawElse: Bool
        var location: EDLSourceLocation
    }

    init(defines: [String: String]) {
        for (name, value) in defines.sorted(by: { $0.key < $1.key }) {
            var body = EDLLexer.tokenize(value, file: "<command line>")
            body.removeLast() // eof
            macros[name] = Macro(body: body, isFunctionLike: false)
        }
    }

    /// Splits `NAME=VALUE` / `NAME` (the `-D` syntax) into a dictionary entry.
    static func parseDefine(_ text: String) -> (String, String) {
        if let eq = text.firstIndex(of: "=") {
            return (String(text[..<eq]), String(text[text.index(after: eq)...]))
        }
        return (text, "1")
    }

    mutating func process(_ input: [EDLToken]) -> [EDLToken] {
        var output: [EDLToken] = []
        var stack: [Conditional] = []
        var i = 0
        var active: Bool { stack.last?.active ?? true }
        var overflowReported = false

        while i < input.count {
            let token = input[i]
            switch token.kind {
            case .eof:
                for open in stack.reversed() {
                    sink.error("unterminated conditional directive", at: open.location)
                }
                output.append(token)
                return output
            case .directive(let name):
                // gather the directive's tokens
                var j = i + 1
                var args: [EDLToken] = []
                while j < input.count, input[j].kind != .directiveEnd, input[j].kind != .eof {
                    args.append(input[j])
                    j += 1
                }
                // where the line ends, for "found end of line" messages
                let end = j < input.count ? input[j].location : token.location
                if j < input.count, input[j].kind == .directiveEnd { j += 1 }
                i = j
                handleDirective(name, token.location, args, end: end, &stack)
            case .directiveEnd:
                i += 1
            default:
                i += 1
                guard active else { continue }
                if output.count >= Self.maxOutputTokens {
                    if !overflowReported {
                        sink.error("file too large after macro expansion", at: token.location)
                        overflowReported = true
                    }
                    continue
                }
                expand(token, into: &output, hidden: [], depth: 0)
            }
        }
        output.append(EDLToken(kind: .eof, location: input.last?.location ?? EDLSourceLocation(file: "", line: 1, column: 1)))
        return output
    }

    /// Appends `token`, replacing a defined object-like macro by its body
    /// (recursively, never re-expanding a macro inside its own expansion).
    private mutating func expand(_ token: EDLToken, into output: inout [EDLToken], hidden: Set<String>, depth: Int) {
        guard case .identifier(let name) = token.kind, let macro = macros[name], !macro.isFunctionLike,
              !hidden.contains(name), depth < 64 else {
            if output.count < Self.maxOutputTokens { output.append(token) }
            return
        }
        var inner = hidden
        inner.insert(name)
        for b in macro.body {
            guard output.count < Self.maxOutputTokens else { return }
            expandedTokens += 1
            guard expandedTokens <= Self.maxOutputTokens else {
                if !expansionOverflowReported {
                    sink.error("macro expansion too large", at: token.location)
                    expansionOverflowReported = true
                }
                return
            }
            var t = b
            t.location = token.location   // expansions are reported where the macro is used
            expand(t, into: &output, hidden: inner, depth: depth + 1)
        }
    }

    private mutating func handleDirective(_ name: String, _ location: EDLSourceLocation, _ args: [EDLToken],
                                          end: EDLSourceLocation, _ stack: inout [Conditional]) {
        let active = stack.last?.active ?? true
        switch name {
        case "if", "ifdef", "ifndef":
            guard stack.count < Self.maxConditionalDepth else {
                sink.error("#\(name) nested too deeply", at: location)
                stack.append(Conditional(parentActive: false, taken: true, active: false, sawElse: false, location: location))
                return
            }
            var value = false
            if active {
                if name == "if" {
                    value = evaluate(args, at: location, end: end) != 0
                } else {
                    guard let first = args.first, case .identifier(let macro) = first.kind else {
                        sink.error("macro name missing after #\(name)", at: args.first?.location ?? location)
                        stack.append(Conditional(parentActive: active, taken: true, active: false, sawElse: false, location: location))
                        return
                    }
                    if args.count > 1 {
                        sink.warning("extra tokens at end of #\(name) directive", at: args[1].location)
                    }
                    value = (macros[macro] != nil) == (name == "ifdef")
                }
            }
            stack.append(Conditional(parentActive: active, taken: value, active: active && value, sawElse: false, location: location))
        case "elif":
            guard var top = stack.popLast() else {
                sink.error("#elif without #if", at: location)
                return
            }
            if top.sawElse { sink.error("#elif after #else", at: location) }
            if top.parentActive && !top.taken {
                let value = evaluate(args, at: location, end: end) != 0
                top.active = value
                top.taken = value
            } else {
                top.active = false
            }
            stack.append(top)
        case "else":
            guard var top = stack.popLast() else {
                sink.error("#else without #if", at: location)
                return
            }
            if top.sawElse { sink.error("#else after #else", at: location) }
            top.sawElse = true
            top.active = top.parentActive && !top.taken
            top.taken = true
            stack.append(top)
        case "endif":
            if stack.popLast() == nil {
                sink.error("#endif without #if", at: location)
            }
        default:
            guard active else { return }
            switch name {
            case "define":
                guard let first = args.first, case .identifier(let macro) = first.kind else {
                    sink.error("macro name missing after #define", at: args.first?.location ?? location)
                    return
                }
                var body = Array(args.dropFirst())
                var functionLike = false
                if let open = body.first, open.isPunct("("), open.location.line == first.location.line,
                   open.location.column == first.location.column + macro.utf8.count {
                    functionLike = true
                    body = []
                }
                macros[macro] = Macro(body: body, isFunctionLike: functionLike)
            case "undef":
                guard let first = args.first, case .identifier(let macro) = first.kind else {
                    sink.error("macro name missing after #undef", at: args.first?.location ?? location)
                    return
                }
                macros[macro] = nil
            case "error":
                sink.error("#error " + args.map(\.spelling).joined(separator: " "), at: location)
            case "warning":
                sink.warning("#warning " + args.map(\.spelling).joined(separator: " "), at: location)
            case "pragma", "line", "ident", "":
                break
            case "include":
                sink.error("#include is not supported in EDL; use `include \"header.h\"` to include a C header", at: location)
            default:
                sink.error("invalid preprocessing directive #\(name)", at: location)
            }
        }
    }

    // MARK: #if expressions

    private struct ExpressionError: Error {
        var message: String
        var location: EDLSourceLocation
    }

    private mutating func evaluate(_ args: [EDLToken], at location: EDLSourceLocation, end: EDLSourceLocation) -> Int {
        // Expand macros except the operand of `defined`.
        var tokens: [EDLToken] = []
        var k = 0
        while k < args.count {
            let t = args[k]
            if t.identifier == "defined" {
                tokens.append(t)
                k += 1
                if k < args.count, args[k].isPunct("(") {
                    tokens.append(args[k]); k += 1
                    if k < args.count { tokens.append(args[k]); k += 1 }
                } else if k < args.count {
                    tokens.append(args[k]); k += 1
                }
                continue
            }
            expand(t, into: &tokens, hidden: [], depth: 0)
            k += 1
        }
        if tokens.isEmpty {
            sink.error("#if with no expression", at: location)
            return 0
        }
        var parser = ExpressionParser(tokens: tokens, macros: macros, end: end)
        do {
            let v = try parser.parseOr(depth: 0)
            if parser.position < tokens.count {
                throw ExpressionError(message: "token `\(tokens[parser.position].spelling)` is not valid in a preprocessor expression",
                                      location: tokens[parser.position].location)
            }
            return v
        } catch let e as ExpressionError {
            sink.error(e.message, at: e.location)
            return 0
        } catch {
            return 0
        }
    }

    private struct ExpressionParser {
        var tokens: [EDLToken]
        var macros: [String: Macro]
        var end: EDLSourceLocation
        var position = 0

        init(tokens: [EDLToken], macros: [String: Macro], end: EDLSourceLocation) {
            self.tokens = tokens
            self.macros = macros
            self.end = end
        }

        var current: EDLToken? { position < tokens.count ? tokens[position] : nil }

        mutating func accept(_ p: String) -> Bool {
            if let c = current, c.isPunct(p) { position += 1; return true }
            return false
        }

        func failure(_ what: String) -> ExpressionError {
            if let c = current {
                return ExpressionError(message: "\(what) in preprocessor expression, found `\(c.spelling)`", location: c.location)
            }
            return ExpressionError(message: "\(what) in preprocessor expression, found end of line", location: end)
        }

        mutating func parseOr(depth: Int) throws -> Int {
            guard depth < EDLPreprocessor.maxExpressionDepth else {
                throw ExpressionError(message: "preprocessor expression nested too deeply", location: current?.location ?? end)
            }
            var v = try parseAnd(depth: depth)
            while accept("||") { let r = try parseAnd(depth: depth); v = (v != 0 || r != 0) ? 1 : 0 }
            return v
        }

        mutating func parseAnd(depth: Int) throws -> Int {
            var v = try parseEquality(depth: depth)
            while accept("&&") { let r = try parseEquality(depth: depth); v = (v != 0 && r != 0) ? 1 : 0 }
            return v
        }

        mutating func parseEquality(depth: Int) throws -> Int {
            var v = try parseRelational(depth: depth)
            while true {
                if accept("==") { let r = try parseRelational(depth: depth); v = v == r ? 1 : 0 }
                else if accept("!=") { let r = try parseRelational(depth: depth); v = v != r ? 1 : 0 }
                else { return v }
            }
        }

        mutating func parseRelational(depth: Int) throws -> Int {
            var v = try parseAdditive(depth: depth)
            while true {
                if accept("<=") { let r = try parseAdditive(depth: depth); v = v <= r ? 1 : 0 }
                else if accept(">=") { let r = try parseAdditive(depth: depth); v = v >= r ? 1 : 0 }
                else if accept("<") { let r = try parseAdditive(depth: depth); v = v < r ? 1 : 0 }
                else if accept(">") { let r = try parseAdditive(depth: depth); v = v > r ? 1 : 0 }
                else { return v }
            }
        }

        mutating func parseAdditive(depth: Int) throws -> Int {
            var v = try parseMultiplicative(depth: depth)
            while true {
                if accept("+") { v = v &+ (try parseMultiplicative(depth: depth)) }
                else if accept("-") { v = v &- (try parseMultiplicative(depth: depth)) }
                else { return v }
            }
        }

        mutating func parseMultiplicative(depth: Int) throws -> Int {
            var v = try parseUnary(depth: depth)
            while true {
                if accept("*") { v = v &* (try parseUnary(depth: depth)) }
                else if let c = current, c.isPunct("/") || c.isPunct("%") {
                    position += 1
                    let r = try parseUnary(depth: depth)
                    if r == 0 { throw ExpressionError(message: "division by zero in preprocessor expression", location: c.location) }
                    if v == Int.min && r == -1 { v = c.isPunct("/") ? Int.min : 0; continue }
                    v = c.isPunct("/") ? v / r : v % r
                } else { return v }
            }
        }

        mutating func parseUnary(depth: Int) throws -> Int {
            guard depth < EDLPreprocessor.maxExpressionDepth else {
                throw ExpressionError(message: "preprocessor expression nested too deeply", location: current?.location ?? end)
            }
            if accept("!") { return try parseUnary(depth: depth + 1) == 0 ? 1 : 0 }
            if accept("-") { return 0 &- (try parseUnary(depth: depth + 1)) }
            if accept("+") { return try parseUnary(depth: depth + 1) }
            if accept("~") { return ~(try parseUnary(depth: depth + 1)) }
            return try parsePrimary(depth: depth)
        }

        mutating func parsePrimary(depth: Int) throws -> Int {
            guard let t = current else { throw failure("expected a value") }
            switch t.kind {
            case .number(let n):
                position += 1
                guard let n else { throw ExpressionError(message: "integer literal too large", location: t.location) }
                return n
            case .identifier("defined"):
                position += 1
                let parenthesized = accept("(")
                guard let nameToken = current, case .identifier(let name) = nameToken.kind else {
                    throw failure("expected a macro name after `defined`")
                }
                position += 1
                if parenthesized && !accept(")") { throw failure("expected `)`") }
                return macros[name] != nil ? 1 : 0
            case .identifier:
                // an identifier that is not a macro is 0, as in C
                position += 1
                return 0
            case .punct("("):
                position += 1
                let v = try parseOr(depth: depth + 1)
                if !accept(")") { throw failure("expected `)`") }
                return v
            default:
                throw failure("expected a value")
            }
        }
    }
}
