import Foundation
import SGXEDL
import Testing

/// Pins the generated code of Fixtures/golden/Small.edl. After an intended emitter change,
/// regenerate with `Scripts/regenerate-edl-fixtures.sh` and review the diff.
@Suite struct GoldenFileTests {
    static let dir = FixturePaths.root + "/golden"

    @Test func smallEDLMatchesGoldenFiles() throws {
        let bridges = EDLCompiler.generate(file: Self.dir + "/Small.edl", enclaveName: "Small")
        #expect(bridges.isValid, "\(bridges.diagnostics)")
        let trusted = try String(contentsOfFile: Self.dir + "/Small.trusted.swift.golden", encoding: .utf8)
        let untrusted = try String(contentsOfFile: Self.dir + "/Small.untrusted.swift.golden", encoding: .utf8)
        #expect(bridges.trusted == trusted)
        #expect(bridges.untrusted == untrusted)
    }

    @Test func frameLayoutOfSmallEDL() throws {
        let result = EDLCompiler.check(file: Self.dir + "/Small.edl")
        let text = try #require(result.enclave.frameLayout(of: "ecall_text"))
        // retval size_t @0; s: address @8 + length @16; p @24; c (enum, 4 bytes) @32.
        #expect(text.size == 40)
        #expect(text.slot("s")?.offset == 8 && text.slot("s")?.lengthOffset == 16)
        #expect(text.slot("p")?.offset == 24 && text.slot("c")?.offset == 32)
        let log = try #require(result.enclave.frameLayout(of: "ocall_log"))
        #expect(log.errnoOffset == 32 && log.size == 40)
        #expect(result.enclave.ecallIndex(of: "ecall_nested") == 4)
        #expect(result.enclave.ocallIndex(of: "ocall_alloc") == 1)
    }

    @Test func unsupportedConstructsGetLocatedErrors() {
        let source = """
        enclave {
            trusted {
                public void f(long double x);
                public void g(foreign_t v);
                public void h([in] int ***ppp);
            };
        };
        """
        let bridges = EDLCompiler.generate(source: source, path: "bad.edl", readFile: EDLImportResolverReader.none)
        #expect(!bridges.isValid && bridges.trusted == nil)
        let lines = bridges.diagnostics.filter(\.isError).map(\.description)
        #expect(lines.count == 3, "\(lines)")
        #expect(lines.allSatisfy { $0.hasPrefix("bad.edl:") })
    }

    @Test func everyIntelSampleGenerates() {
        for name in ["Types", "Pointers", "Arrays", "Functions"] {
            let bridges = EDLCompiler.generate(file: FixturePaths.edger8rSyntax + "/\(name).edl")
            #expect(bridges.isValid, "\(name): \(bridges.diagnostics)")
        }
    }
}
