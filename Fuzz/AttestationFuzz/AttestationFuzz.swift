// libFuzzer harness for the quote verifier's parsers of host-supplied collateral
// (Sources/SGXAttestation), compiled together with those sources by
// Fuzz/run-attestation-fuzz.sh; not a SwiftPM target. One binary, three targets chosen by
// $ATTESTATION_FUZZ_TARGET (each with its own seed corpus):
//   ratls        RATLSEvidence(format:extensionValue:) as DICE, legacy and Open Enclave on
//                the same bytes, the quote inside, the key binding; and the bytes as an
//                RA-TLS certificate (evidence extension, key type, self-signature)
//   collateral   Collateral(json:), TCBInfo(json:), EnclaveIdentity(json:) on the same bytes
//   crl          CertificateRevocationList(derEncoded:) and (pemEncoded:), isRevoked
//   certificate  parseCertificates (PEM chain or DER), PCKCertificateExtension on each,
//                and CertificatePath.build from the pool to Intel's root
// Every input must either be accepted or throw QuoteVerificationError (RATLSVerificationError for ratls): a trap, a crash,
// an ASan report, a leak or a hang is a finding.
import Foundation
import SGXTypes
import X509

enum AttestationFuzzTarget: String {
    case collateral, crl, certificate, ratls
}

nonisolated(unsafe) var attestationFuzzTarget = AttestationFuzzTarget.collateral
/// A fixed P-256 SubjectPublicKeyInfo the ratls target binds evidence to.
let ratlsFuzzSPKI = [UInt8](hexString:
    "3059301306072a8648ce3d020106082a8648ce3d030107034200040ba9c4c0c0c86193a3fe23d6b02cda10a8bbd4e8"
    + "8e48b4458561a36e705525f567918e2edc88e40d860bd0cc4ee26aacc988e505a953558c453f6b0904ae7394") ?? []
/// A fixed verification time, so the harness is deterministic.
let attestationFuzzTime = Date(timeIntervalSince1970: 1_700_000_000)

@_cdecl("LLVMFuzzerInitialize")
public func attestationFuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>) -> CInt {
    let name = ProcessInfo.processInfo.environment["ATTESTATION_FUZZ_TARGET"] ?? "collateral"
    guard let target = AttestationFuzzTarget(rawValue: name) else {
        fatalError("ATTESTATION_FUZZ_TARGET must be collateral, crl, certificate or ratls, got \(name)")
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
    case .ratls:
        for format in RATLSEvidence.Format.allCases {
            guard let evidence = try? RATLSEvidence(format: format, extensionValue: bytes, subjectPublicKeyInfo: ratlsFuzzSPKI) else { continue }
            n &+= evidence.quote.count
            let reportData = (try? UnverifiedQuote(bytes: evidence.quote))?.quote.reportBody.reportData
                ?? Array(bytes.prefix(64)) + [UInt8](repeating: 0, count: max(0, 64 - bytes.count))
            n &+= (try? evidence.checkKeyBinding(reportData: reportData)) == nil ? 0 : 1
        }
        if let certificate = try? RATLSVerifier.parseCertificate(bytes) {
            n &+= (try? RATLSSelfSignature.check(certificate)) == nil ? 0 : 1
            if let evidence = try? RATLSEvidence(certificate: certificate) {
                n &+= evidence.quote.count
                n &+= evidence.expectedReportDataPrefix.prefix.count
            }
        }
    }
    return n == -1 ? 1 : 0
}
