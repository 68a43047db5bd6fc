import Foundation
import SGXAttestation
import SGXTypes

/// Loads the DCAP fixtures copied from ../shared/fixtures/dcap (provenance in Fixtures/dcap/README.md).
enum Fixtures {
    static let root: URL = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/dcap")

    static func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func bytes(_ path: String) -> [UInt8] {
        [UInt8](try! Data(contentsOf: url(path)))
    }

    static func date(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static func quote(_ path: String) throws -> UnverifiedQuote {
        try UnverifiedQuote(bytes: bytes(path))
    }

    static func root(_ path: String) throws -> TrustedRoot {
        try TrustedRoot(certificateFileContents: bytes(path))
    }

    // Set A: phala dcap-qvl sample at 2025-07-01.
    static let timeA = date("2025-07-01T00:00:00Z")
    // Set B: Intel QVL sample test PKI.
    static let timeB = date("2025-01-01T00:00:00Z")
    // Set C: Fortanix 2020 collateral.
    static let timeC = date("2020-06-01T00:00:00Z")
    // Set D: Fortanix dcap-ql (certificates valid 2020-05-05 .. 2027).
    static let timeD = date("2021-01-01T00:00:00Z")
}
