import Testing
@testable import SGXEDL

/// Grammar features the corpus does not exercise.
@Suite struct ParserFeatureTests {
    static func check(_ source: String, defines: [String: String] = [:]) -> EDLResult {
        EDLCompiler.check(source: source, path: "t.edl", options: EDLOptions(defines: defines),
                          readFile: EDLImportResolverReader.none)
    }

    @Test func scalarTypesAndOcallAttributes() throws {
        let r = Self.check("""
        enclave {
            trusted {
                public long long f(unsigned a, unsigned long long b, long double c, short d,
                                   unsigned short e, long g, unsigned char h, int8_t i, uint16_t j,
                                   int32_t k, uint64_t l, float m, bool n, signed char o);
            };
            untrusted {
                [cdecl, dllimport] int o1([in, count=n] const int32_t *p, size_t n) allow(f) propagate_errno transition_using_threads;
                int o2(void) transition_using_threads propagate_errno;
            };
        };
        """)
        #expect(r.errors.isEmpty, "\(r.errors)")
        let f = try #require(r.enclave.ecall(named: "f"))
        #expect(f.returnType.base == .scalar(.longLong))
        #expect(f.parameters.map(\.type.base) == [
            .scalar(.unsignedInt), .scalar(.unsignedLongLong), .scalar(.longDouble), .scalar(.short),
            .scalar(.unsignedShort), .scalar(.long), .scalar(.unsignedChar), .scalar(.int8), .scalar(.uint16),
            .scalar(.int32), .scalar(.uint64), .scalar(.float), .foreign("bool"), .scalar(.char),
        ])
        let o1 = try #require(r.enclave.ocall(named: "o1"))
        #expect(o1.callingConvention == .cdecl && o1.isDllImport)
        #expect(o1.allowList == ["f"] && o1.propagateErrno && o1.transitionUsingThreads)
        #expect(o1.parameters[0].attributes.count == .name("n") && o1.parameters[0].attributes.isReadOnly)
        let o2 = try #require(r.enclave.ocall(named: "o2"))
        #expect(o2.propagateErrno && o2.transitionUsingThreads)
    }

    @Test func macrosAsDimensionsAndDefines() throws {
        let r = Self.check("""
        #define ROWS 2
        enclave {
        #if defined(WIDE) && WIDE > 3 || !defined(NARROW)
            trusted { public void f([in] int a[ROWS][COLS], [in, size=SZ] void *p); };
        #elif 0
            garbage ### here
        #else
            trusted { public void g(void); };
        #endif
        };
        """, defines: ["COLS": "3", "SZ": "16", "WIDE": "4"])
        #expect(r.errors.isEmpty, "\(r.errors)")
        let f = try #require(r.enclave.ecall(named: "f"))
        #expect(f.parameters[0].dimensions == [2, 3])
        #expect(f.parameters[1].attributes.size == .constant(16))
        let narrow = Self.check("#ifdef NARROW\nenclave { trusted { public void n(void); }; };\n#else\nenclave { trusted { public void w(void); }; };\n#endif\n",
                                defines: ["NARROW": "1"])
        #expect(narrow.errors.isEmpty && narrow.enclave.ecall(named: "n") != nil)
    }

    @Test func deepCopyStructAndIncludes() throws {
        let r = Self.check("""
        enclave {
            include "a.h"
            struct blob { size_t len; [size=len] uint8_t *data; [count=2] int *pair; };
            enum { A, B = 7, C = B };
            trusted {
                include "t.h"
                public void f([in, count=1] struct blob *b);
            };
            untrusted { include "u.h" };
        };
        """)
        #expect(r.errors.isEmpty, "\(r.errors)")
        let blob = try #require(r.enclave.structure(named: "blob"))
        #expect(blob.isDeepCopy)
        #expect(blob.members[1].attributes.size == .name("len"))
        #expect(blob.members[2].attributes.count == .constant(2))
        #expect(r.enclave.includes.map(\.header) == ["a.h", "t.h", "u.h"])
        #expect(r.enclave.includes.map(\.scope) == [.both, .trusted, .untrusted])
        #expect(r.enclave.types.contains { if case .enumeration(let e) = $0 { return e.name == nil && e.cases[2].value == .name("B") }; return false })
    }

    @Test func diagnosticsRenderLikeACompiler() {
        let d = EDLDiagnostic(.error, "boom", at: EDLSourceLocation(file: "a/b.edl", line: 3, column: 7))
        #expect(d.description == "a/b.edl:3:7: error: boom")
        #expect(EDLDiagnostic(.warning, "w", at: nil).description == "warning: w")
        #expect(EDLCompiler.defines(from: ["A", "B=2", "C="]) == ["A": "1", "B": "2", "C": ""])
    }
}
