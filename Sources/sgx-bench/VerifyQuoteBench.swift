import BenchReport
import Crypto
import Foundation
import SGXAttestation
import SGXSimulation
import SGXTypes

/// The `verify-quote` benchmark: full DCAP verification (`QuoteVerifier.verify`, all nine
/// steps) of one quote from the simulated quoting service, with the collateral parsed once
/// beforehand, as a relying party that verifies many quotes would. Needs no fixture files:
/// the quote, PKI and collateral are generated (seeded, SIMULATED) at run time.
///
/// Baseline: one ECDSA-P256-SHA256 signature verification with swift-crypto over a
/// 432-byte message (a verification checks seven such signatures plus the certificate paths).
func verifyQuoteRow(iterations: Int = 300) throws -> BenchRow {
    let qe = try SimulatedQuotingEnclave(configuration: .init(seed: Array("sgx-bench verify-quote".utf8)))
    let app = SECSIdentity(mrEnclave: [UInt8](repeating: 0x11, count: 32), mrSigner: [UInt8](repeating: 0x22, count: 32),
                           attributes: Attributes(flags: [.initted, .mode64Bit], xfrm: 3), isvProdID: 1, isvSVN: 1)
    let report = try qe.cpu.ereport(targetInfo: qe.targetInfo, reportData: [UInt8](repeating: 0x33, count: 64), for: app)
    let quote = try UnverifiedQuote(bytes: try qe.quote(for: report))
    let collateral = try Collateral(json: try qe.collateral.bundleJSON())  // parsed once, as a relying party would
    let verifier = QuoteVerifier(trustedRoots: [qe.trustedRoot])
    let now = Date()
    _ = try verifier.verify(quote, collateral: collateral, at: now)  // fail loudly before timing

    let key = P256.Signing.PrivateKey()
    let message = Array(quote.quote.signedBytes)
    let signature = try key.signature(for: message)
    var verified = 0
    var valid = 0
    let (ours, baseline) = try interleaved(ours: {
        try round(iterations) {
            _ = try verifier.verify(quote, collateral: collateral, at: now)
            verified += 1
        }
    }, baseline: {
        round(iterations * 4) { if key.publicKey.isValidSignature(signature, for: message) { valid += 1 } }
    })
    try expectWork(verified == iterations * benchRounds, "\(verified) quote verifications")
    try expectWork(valid == iterations * 4 * benchRounds, "\(valid) valid ECDSA signatures")
    return BenchRow(name: "verify-quote", ours: ours, baseline: baseline, baselineName: "one P-256 ECDSA verify",
                    note: String(format: "%.0f verifications/s, collateral parsed once", 1e9 / ours.median))
}
