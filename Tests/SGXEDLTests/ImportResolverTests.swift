import Foundation
import Testing
@testable import SGXEDL

/// Import search order, selective imports, diamonds and cycles, on temporary files.
@Suite struct ImportResolverTests {
    static func makeDirectory(_ files: [String: String]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("edl-\(UUID().uuidString)").path
        for (name, text) in files {
            let path = dir + "/" + name
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test func circularImportIsLocated() throws {
        let dir = try Self.makeDirectory([
            "a.edl": "enclave {\n    from \"b.edl\" import *;\n    trusted { public void a(void); };\n};\n",
            "b.edl": "enclave {\n    from \"a.edl\" import *;\n    untrusted { void ob(void); };\n};\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = EDLCompiler.check(file: dir + "/a.edl")
        #expect(r.errors.map(\.description) == ["\(dir)/b.edl:2:10: error: detected circular import of `a.edl`"])
    }

    @Test func selectiveDiamondAndSearchPath() throws {
        let dir = try Self.makeDirectory([
            "root/main.edl": """
            enclave {
                from "sub/left.edl" import *;
                from "right.edl" import r1, base_o;
                trusted { public void m(void); };
            };
            """,
            "root/sub/left.edl": "enclave { from \"base.edl\" import *; trusted { public void l(void); }; };",
            "root/sub/base.edl": "enclave { struct pt { int x; }; untrusted { void base_o([in] struct pt *p); }; };",
            "lib/right.edl": "enclave { from \"base2.edl\" import *; trusted { public void r1(void); public void r2(void); }; };",
            "lib/base2.edl": "enclave { untrusted { void base_o2(void); }; };",
        ])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // base_o is not in right.edl's tree: importing it from there must fail
        let bad = EDLCompiler.check(file: dir + "/root/main.edl", includePaths: [dir + "/lib"])
        #expect(bad.errors.count == 1)
        #expect(bad.errors.first?.location?.line == 3)
        #expect(bad.errors.first?.message.contains("function `base_o` not found in `right.edl`") == true)

        let good = try Self.makeDirectory([
            "main.edl": "enclave { from \"left.edl\" import *; from \"right.edl\" import r1, base_o; trusted { public void m(void); }; };",
            "left.edl": "enclave { from \"base.edl\" import *; trusted { public void l(void); }; };",
            "inc/right.edl": "enclave { from \"base.edl\" import *; trusted { public void r1(void); public void r2(void); }; };",
            "base.edl": "enclave { struct pt { int x; }; untrusted { void base_o([in] struct pt *p); }; };",
        ])
        defer { try? FileManager.default.removeItem(atPath: good) }
        let r = EDLCompiler.check(file: good + "/main.edl", includePaths: [good + "/inc", good])
        #expect(r.errors.isEmpty, "\(r.errors)")
        #expect(r.enclave.functions.map(\.name).sorted() == ["base_o", "l", "m", "r1"])
        #expect(r.enclave.types.count == 1)  // struct pt reached twice, kept once
    }
}
