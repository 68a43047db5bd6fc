// libFuzzer harness for the quote verifier's parsers of host-supplied collateral
// (Sources/SGXAttestation), compiled together with those sources by
// Fuzz/run-attestation-fuzz.sh; not a SwiftPM target. One binary, three targets chosen by
// $ATTESTATION_FUZZ_TARGET (each with its own seed corpus):
//   collateral   Collateral(json:), TCBInfo(json:), EnclaveIdentity(json:) on the same bytes
//   crl          CertificateRevocationList(derEncoded:) and (pemEncoded:), isRevoked
//   certificate  parseCertificates (PEM chain or DER), PCKCertificateExtension on each,
//                and CertificatePath.build from the pool to Intel's root
// Every input must either be accepted or throw QuoteVerificationError: a trap, a crash,
// an ASan report, a leak or a hang is a finding.
import Foundation
import X509

enum AttestationFuzzTarget: String {
    case collateral, crl, certificate
}

nonisolated(unsafe) var attestationFuzzTarget = AttestationFuzzTarget.collateral
/// A fixed verification time, so the harness is deterministic.
let attestationFuzzTime = Date(timeIntervalSince1970: 1_700_000_000)

@_cdecl("LLVMFuzzerInitialize")
public func attestationFuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let name = ProcessInfo.processInfo.environment["ATTESTATION_FUZZ_TARGET"] ?? "collateral"
    guard let target = AttestationFuzzTarget(rawValue: name) else {
        fatalError("ATTESTATION_FUZZ_TARGET must be collateral, crl or certificate, got \(name)")
    }
    attestationFuzzTarget = target
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func attestationFuzzTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var n = 0
    switch attestationFuzzTarget {
    case .collateral:
        if let collateral = try? Collateral(json: bytes) {
            n &+= collateral.pckCertificates.count
            // Whatever parsed must encode again (bundle) without trapping.
            n &+= (try? collateral.bundleJSON())?.count ?? 0
        }
        if let info = try? TCBInfo(json: bytes) {
            n &+= info.tcbLevels.count
            _ = info.level(components: Array(repeating: 255, count: 16), pceSVN: 65535)
            _ = info.level(components: Array(repeating: 0, count: 16), pceSVN: 0)
        }
        if let identity = try? EnclaveIdentity(json: bytes) { n &+= identity.hashValue & 1 }
    case .crl:
        if let crl = try? CertificateRevocationList(derEncoded: bytes) {
            n &+= crl.isRevoked(Certificate.SerialNumber(bytes: [1])) ? 1 : 0
        }
        if let crl = try? CertificateRevocationList(pemEncoded: String(decoding: bytes, as: UTF8.self)) {
            n &+= crl.isRevoked(Certificate.SerialNumber(bytes: [0x7f, 1, 2])) ? 1 : 0
        }
    case .certificate:
        guard let pool = try? parseCertificates(bytes, context: "fuzz") else { break }
        for certificate in pool {
            if let pck = try? PCKCertificateExtension(certificate: certificate) { n &+= pck.hashValue & 1 }
        }
        if let leaf = pool.first,
           let path = try? CertificatePath.build(leaf: leaf, pool: pool, roots: [.intelSGXRootCA],
                                                  at: attestationFuzzTime, purpose: "fuzz") {
            n &+= path.certificates.count
        }
        if let pck = try? PCKCertificateExtension(derEncoded: bytes) { n &+= pck.hashValue & 1 }
    }
    return n == -1 ? 1 : 0
}
