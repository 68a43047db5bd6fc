import Foundation
import SGXEnclaveBuild
import SGXTypes

/// Test data in `Fixtures/` (see `Fixtures/PROVENANCE.md`).
enum Fixture {
    static func data(_ name: String, _ ext: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url)
        else { fatalError("missing fixture \(name).\(ext)") }
        return [UInt8](data)
    }

    static let sgxs = data("test_enclave", "sgxs")
    static let sig = data("test_enclave", "sig")
    static let mrenclave = [UInt8](hexString: "784acfd7d5096a8f0fbd3265760bff21b120f62407a9a9e5ba31aa3c8ed198fc")!
}

/// The test enclaves under `Enclaves/`, built once per run (hardware mode: the images the
/// driver back end loads; simulation mode for comparison).
enum TestEnclaves {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static let cache = EnclaveBuildCache(label: "linux-driver-tests")

    static func image(_ name: String, mode: EnclaveConfig.Mode) throws -> [UInt8] {
        try cache.image("\(name)-\(mode)") { work in
            var request = EnclaveBuildCache.request("\(name)-\(mode)", in: sourceRoot, directory: name, work: work)
            request.mode = mode
            return request
        }
    }
}

/// Whether this machine has the in-kernel SGX driver's device.
let enclaveDevicePresent = FileManager.default.fileExists(atPath: "/dev/sgx_enclave")
