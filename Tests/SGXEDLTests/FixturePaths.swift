import Foundation

/// Paths into the test bundle's copy of the EDL corpus (see Fixtures/edl/README.md).
enum FixturePaths {
    static var root: String {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures missing from the test bundle")
        }
        return url.path
    }
    static var edl: String { root + "/edl" }
    static var stubs: String { root + "/stubs" }
    /// Intel SDK system EDLs (`sgx_tstdc.edl`, ...): the import path for every file.
    static var sdkInclude: String { edl + "/intel-linux-sgx/common/inc" }
    static var edger8rSyntax: String { edl + "/intel-linux-sgx/SampleCode/SampleEnclave/Enclave/Edger8rSyntax" }

    /// Every `.edl` file in the corpus, as paths relative to `edl`.
    static func allEDLFiles() -> [String] {
        let base = URL(fileURLWithPath: edl)
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { return [] }
        var result: [String] = []
        for case let url as URL in e where url.pathExtension == "edl" {
            result.append(String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1)))
        }
        return result.sorted()
    }
}
