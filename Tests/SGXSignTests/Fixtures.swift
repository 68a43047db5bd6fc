import Foundation
import SGXTypes

/// Test data shipped in `Fixtures/` (see `Fixtures/PROVENANCE.md`).
enum Fixture {
    static func data(_ name: String, _ ext: String) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url)
        else { fatalError("missing fixture \(name).\(ext)") }
        return [UInt8](data)
    }

    static func text(_ name: String, _ ext: String) -> String {
        String(decoding: data(name, ext), as: UTF8.self)
    }

    static let sgxs = data("test_enclave", "sgxs")
    static let sig = data("test_enclave", "sig")
    static let mrenclave = [UInt8](hexString: "784acfd7d5096a8f0fbd3265760bff21b120f62407a9a9e5ba31aa3c8ed198fc")!
    static let mrsigner = [UInt8](hexString: "fb4bab3d6036ac1d730fa83d7366df1dd2dfeac194ef335d6854d8a6c6475542")!
}

/// A deterministic generator for fuzz-style tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
