import Testing
@testable import SGXEDL

/// One invalid EDL snippet per rule: each must produce an error at exactly
/// `line:col` whose message contains the given text.
@Suite struct NegativeTests {
    enum Wrapper: Sendable {
        /// `enclave {\ntrusted {\n` SNIPPET `\n};\n};`: the snippet is line 3.
        case trusted
        /// An untrusted block after a trusted one: the snippet is line 4.
        case untrusted
        /// `enclave {\n` SNIPPET `\n};`: the snippet is line 2.
        case enclave
        /// The snippet is the whole file.
        case raw
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var wrapper: Wrapper
        var snippet: String
        var line: Int
        var column: Int
        var message: String

        init(_ wrapper: Wrapper, _ snippet: String, _ line: Int, _ column: Int, _ message: String) {
            self.wrapper = wrapper
            self.snippet = snippet
            self.line = line
            self.column = column
            self.message = message
        }

        var source: String {
            switch wrapper {
            case .trusted: return "enclave {\ntrusted {\n\(snippet)\n};\n};\n"
            case .untrusted: return "enclave {\ntrusted { public void root(void); };\nuntrusted {\n\(snippet)\n};\n};\n"
            case .enclave: return "enclave {\n\(snippet)\n};\n"
            case .raw: return snippet
            }
        }

        var testDescription: String { snippet }
    }

    static let cases: [Case] = [
        Case(.trusted, "public void f([in] void* p);",
             3, 26, "void pointer `p` - buffer size unknown"),
        Case(.trusted, "public void f(int* p);",
             3, 20, "should have direction attribute or `user_check`"),
        Case(.trusted, "public void f([in, user_check] int* p);",
             3, 20, "pointer direction and `user_check` are mutually exclusive"),
        Case(.trusted, "public void f([out, string] char* s);",
             3, 21, "should be used with an `in` attribute"),
        Case(.trusted, "public void f([in, string, size=4] char* s);",
             3, 20, "mutually exclusive with (w)string"),
        Case(.trusted, "public void f([in, string] int* s);",
             3, 20, "is not char pointer"),
        Case(.trusted, "public void f([in, wstring] char* s);",
             3, 20, "is not wchar_t pointer"),
        Case(.trusted, "public void f([in, string, wstring] char* s);",
             3, 28, "`string` and `wstring` are mutually exclusive"),
        Case(.trusted, "public void f([size=4] int* p);",
             3, 16, "must be used with pointer direction"),
        Case(.trusted, "public void f([in, in] int* p);",
             3, 20, "duplicated attribute: `in`"),
        Case(.trusted, "public void f([in, count=2, count=3] int* p);",
             3, 29, "duplicated attribute: `count`"),
        Case(.trusted, "public void f([in, isptr] int* p);",
             3, 20, "`isptr` attribute is only for user defined types"),
        Case(.trusted, "public void f([in, readonly] foo_t p);",
             3, 20, "only used with the `isptr` attribute"),
        Case(.trusted, "public void f([in, isary, isptr] arr_t a);",
             3, 20, "`isary` cannot be used with `isptr`"),
        Case(.trusted, "public void f([in, isary] arr_t a[2]);",
             3, 20, "invalid `isary` attribute - `a` is explicitly declared array"),
        Case(.trusted, "public void f([user_check] int a[]);",
             3, 33, "flexible array is not supported"),
        Case(.trusted, "public void f([user_check] int a[0]);",
             3, 34, "zero-length array is not supported"),
        Case(.trusted, "public void f([in] int* a[4]);",
             3, 25, "pointer array not allowed"),
        Case(.trusted, "public void f([out] const int* p);",
             3, 16, "`p` is readonly - cannot be used with `out`"),
        Case(.trusted, "public void f([in, isptr, readonly, out, size=4] foo_t p);",
             3, 37, "`p` is readonly - cannot be used with `out`"),
        Case(.trusted, "public void f([in, sizefunc=g] int* p);",
             3, 20, "`sizefunc` is deprecated"),
        Case(.trusted, "public void f([in, bogus] int* p);",
             3, 20, "unknown attribute: `bogus`"),
        Case(.trusted, "public void f([in] int x);",
             3, 15, "unexpected pointer attributes for `int`"),
        Case(.trusted, "public void f([in] foo_t x);",
             3, 15, "`foo_t` is considered plain type but decorated with pointer attributes"),
        Case(.trusted, "public void f([in, size=n] int* p, long double n);",
             3, 25, "`n` must have an integer type"),
        Case(.trusted, "public void f([in, count=q] int* p, int* q);",
             3, 26, "`q` must have an integer type"),
        Case(.trusted, "public void f([in, size=len] int* p);",
             3, 25, "parameter `len` named in `size=` of `p` not found"),
        Case(.trusted, "public void f([in, size=4] int a[4]);",
             3, 20, "invalid `size` attribute - `a` is explicitly declared array"),
        Case(.trusted, "public void f(void x);",
             3, 20, "parameter `x` has `void` type"),
        Case(.trusted, "public void f([] int* p);",
             3, 15, "no attribute specified"),
        Case(.trusted, "public void f(int a, int a);",
             3, 26, "duplicated parameter name `a`"),
        Case(.trusted, "public void f() allow(f);",
             3, 17, "`allow(...)` is only for untrusted functions"),
        Case(.trusted, "public void f() propagate_errno;",
             3, 17, "`propagate_errno` is only for untrusted functions"),
        Case(.trusted, "public int[4] f();",
             3, 11, "returning an array is not supported"),
        Case(.trusted, "public void f(); public int f();",
             3, 29, "multiple definition of function `f`"),
        Case(.trusted, "public void f(int from);",
             3, 19, "unexpected keyword `from`"),
        Case(.trusted, "public void f(int a, );",
             3, 22, "unexpected token `)`"),
        Case(.trusted, "public void f(const int x);",
             3, 15, "`const` is only allowed on pointer parameters"),
        Case(.untrusted, "void o() allow(nothere);",
             4, 16, "declared to allow unknown function `nothere`"),
        Case(.untrusted, "[cdecl, stdcall] void o();",
             4, 9, "conflict with `cdecl`"),
        Case(.untrusted, "[dllexport] void o();",
             4, 2, "invalid function attribute: `dllexport`"),
        Case(.untrusted, "public void o();",
             4, 1, "`public` is only for trusted functions"),
        Case(.untrusted, "void o() transition_using_threads transition_using_threads;",
             4, 35, "duplicated attribute: `transition_using_threads`"),
        Case(.enclave, "struct s { [size=n] int* p; size_t n; }; trusted { public void f(struct s v); };",
             2, 75, "deep copy and cannot be passed by value"),
        Case(.enclave, "struct s { [count=n] int* p; size_t n; }; trusted { public void f([out] struct s* v); };",
             2, 68, "cannot be used with an `out`-only attribute"),
        Case(.enclave, "struct s { [size=4] int* p; }; trusted { public void f([in] s* v); };",
             2, 61, "use `struct s` instead"),
        Case(.enclave, "struct s { [in, size=4] int* p; };",
             2, 13, "direction attribute is not allowed for structure member"),
        Case(.enclave, "struct s { [string] char* p; };",
             2, 12, "size/count attributes must be used"),
        Case(.enclave, "struct s { [size=4] int p; };",
             2, 12, "specified deep copy, but it's not a pointer"),
        Case(.enclave, "struct s { [size=n] int* p; };",
             2, 18, "member `n` named in `size=` of `p` not found in struct `s`"),
        Case(.enclave, "struct s { int a; }; struct s { int b; };",
             2, 22, "duplicated structure definition `s`"),
        Case(.enclave, "struct s { int a; int a; };",
             2, 23, "duplicated member `a`"),
        Case(.enclave, "union u { [size=4] int* p; };",
             2, 11, "attributes are not allowed on union members"),
        Case(.enclave, "struct s { void v; };",
             2, 17, "member `v` has `void` type"),
        Case(.enclave, "from \"missing.edl\" import *;",
             2, 6, "file not found within search paths: missing.edl"),
        Case(.enclave, "from \"sgx_tstdc.edl\" import sgx_oc_cpuidex, no_such_fn;",
             2, 45, "import failed - function `no_such_fn` not found in `sgx_tstdc.edl`"),
        Case(.enclave, "trusted { public void f(); }",
             3, 1, "unexpected token `}`; expected `;`"),
        Case(.raw, "enclave {\ntrusted {", 2, 10, "unexpected end of file"),
        Case(.raw, "#if 1\nenclave { };\n", 1, 1, "unterminated conditional directive"),
        Case(.raw, "enclave { };\n#endif\n", 2, 1, "#endif without #if"),
        Case(.raw, "#if 1 +\nenclave { };\n#endif\n", 1, 8, "expected a value in preprocessor expression"),
        Case(.raw, "#bogus\nenclave { };\n", 1, 1, "invalid preprocessing directive #bogus"),
        Case(.raw, "enclave { @ };", 1, 11, "invalid character '@'"),
        Case(.raw, "enclave { /* open", 1, 11, "unterminated comment"),
        Case(.raw, "enclave {\n  include \"x.h };", 2, 11, "unterminated string literal"),
        Case(.raw, "enclave { }; extra", 1, 14, "expected end of file"),
        Case(.raw, "enclave { trusted { public void f([in] int a[N]); }; };", 1, 46, "array dimension `N` is not an integer constant"),
        Case(.raw, "enclave { trusted { public void f([in] int a[99999999999999999999]); }; };", 1, 46, "integer literal too large"),
    ]

    @Test(arguments: cases)
    func rejected(_ c: Case) {
        let result = EDLCompiler.check(source: c.source, path: "neg.edl",
                                       options: EDLOptions(includePaths: [FixturePaths.sdkInclude]))
        let errors = result.errors
        let match = errors.first { $0.location?.line == c.line && $0.location?.column == c.column && $0.message.contains(c.message) }
        #expect(match != nil, "expected \(c.line):\(c.column) \(c.message); got \(errors.map(\.description))")
        #expect(match?.location?.file == "neg.edl")
    }

    @Test func tableIsLargeEnough() {
        #expect(Self.cases.count >= 25)
    }
}
