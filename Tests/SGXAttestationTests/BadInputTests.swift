import Foundation
import Testing
@testable import SGXAttestation
import SGXTypes

/// Issue 6 "Bad input": truncation, random bytes, bit flips, dates, mismatches, revocation.
@Suite struct BadInputTests {
    static let quoteFiles = [
        "A-phala-sgx-v3/quote.bin", "B-intel-qvl-sample-testpki/quote.dat", "C-fortanix-pcs-2020/quote.bin",
        "D-fortanix-dcapql-sigonly/quote_pck_cert_chain.bin", "D-fortanix-dcapql-sigonly/quote_raw_tcb.bin",
    ]

    @Test(arguments: quoteFiles)
    func truncationAtEveryLengthIsRejected(file: String) {
        let bytes = Fixtures.bytes(file)
        for length in 0..<bytes.count {
            do {
                _ = try UnverifiedQuote(bytes: Array(bytes[0..<length]))
                Issue.record("\(file) truncated to \(length) bytes was accepted")
            } catch {
                #expect(error.code == .malformedQuote, "\(file) at \(length): \(error)")
                #expect(error.detail.contains("offset") || error.detail.contains("truncated"), "\(file) at \(length): \(error)")
            }
        }
        #expect(throws: Never.self) { try UnverifiedQuote(bytes: bytes) }
    }

    @Test func randomBytesAreRejected() {
        var generator = SplitMix64(seed: 0x5347_585f_5155_4f54)
        let valid = Fixtures.bytes("A-phala-sgx-v3/quote.bin")
        for round in 0..<3000 {
            let length = Int(generator.next() % 5000)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 1 {
                // Keep a valid header and a plausible signature length so parsing goes deeper.
                bytes = Array(valid[0..<min(436, valid.count)]) + bytes
                bytes.storeLE(UInt32(bytes.count - 436), at: 432)
            }
            #expect(throws: QuoteVerificationError.self) { try UnverifiedQuote(bytes: bytes) }
        }
    }

    /// Flips one bit (bit i mod 8) of every signed byte of quote A and of the signatures over
    /// them; collateral is parsed once.
    @Test func flippedBitInEverySignedByteIsRejected() throws {
        let original = Fixtures.bytes("A-phala-sgx-v3/quote.bin")
        let collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let verifier = QuoteVerifier()
        let sig = Quote.signatureDataOffset
        // (range, codes a flip there may produce)
        let regions: [(Range<Int>, Set<QuoteVerificationError.Code>, String)] = [
            (0..<432, [.invalidISVSignature, .malformedQuote, .unsupportedQuote], "header + ISV report body"),
            (sig..<(sig + 64), [.invalidISVSignature], "ISV signature"),
            ((sig + 64)..<(sig + 128), [.attestationKeyBindingMismatch], "attestation key"),
            ((sig + 128)..<(sig + 512), [.invalidQEReportSignature, .malformedQuote], "QE report"),
            ((sig + 512)..<(sig + 576), [.invalidQEReportSignature], "QE report signature"),
            ((sig + 578)..<(sig + 578 + 32), [.attestationKeyBindingMismatch], "QE auth data"),
        ]
        var count = 0
        for (range, codes, name) in regions {
            for index in range {
                var bytes = original
                bytes[index] ^= UInt8(1) << UInt8(index % 8)
                do {
                    let quote = try UnverifiedQuote(bytes: bytes)
                    _ = try verifier.verify(quote, collateral: collateral, at: Fixtures.timeA)
                    Issue.record("flip at \(index) (\(name)) was accepted")
                } catch {
                    #expect(codes.contains(error.code), "flip at \(index) (\(name)): \(error)")
                }
                count += 1
            }
        }
        #expect(count == 432 + 64 + 64 + 384 + 64 + 32)
    }

    @Test func expiredCollateralNamesTheDates() throws {
        let collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let quote = try Fixtures.quote("A-phala-sgx-v3/quote.bin")
        let late = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verify(quote, collateral: collateral, at: Fixtures.date("2025-08-01T00:00:00Z"))
        }
        #expect(late?.code == .collateralExpired)
        #expect(late?.detail.contains("2025-07-19T10:56:11Z") == true)
        #expect(late?.detail.contains("2025-08-01T00:00:00Z") == true)

        let early = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verify(quote, collateral: collateral, at: Fixtures.date("2025-06-01T00:00:00Z"))
        }
        #expect(early?.code == .collateralNotYetValid)
        #expect(early?.detail.contains("2025-06-19T10:56:11Z") == true)

        let farFuture = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verify(quote, collateral: collateral, at: Fixtures.date("2060-01-01T00:00:00Z"))
        }
        #expect(farFuture?.code == .certificateExpired)
        #expect(farFuture?.detail.contains("2060-01-01T00:00:00Z") == true)

        let beforePCK = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verify(quote, collateral: collateral, at: Fixtures.date("2010-01-01T00:00:00Z"))
        }
        #expect(beforePCK?.code == .certificateNotYetValid)
    }

    @Test func expiredCRLNamesTheDates() throws {
        // Set C's QE identity and PCK CRL run to 2020-06-17T17:49:21Z, the tcbInfo to 17:49:24Z.
        let collateral = try Collateral.load(contentsOf: Fixtures.url("C-fortanix-pcs-2020"))
        let error = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier(options: .init(requireRootCACRL: false)).verify(
                Fixtures.quote("C-fortanix-pcs-2020/quote.bin"), collateral: collateral, at: Fixtures.date("2020-06-17T17:49:22Z"))
        }
        #expect(error?.code == .collateralExpired)
        #expect(error?.detail.contains("2020-06-17T17:49:21Z") == true)
    }

    // Edits of parsed collateral content, keeping the signed bytes and signatures intact: they
    // model collateral for another platform without needing Intel's keys.

    func collateralA(_ edit: (inout TCBInfo) -> Void) throws -> Collateral {
        var collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let tcb = collateral.tcbInfo!
        var content = tcb.content
        edit(&content)
        collateral.tcbInfo = SignedTCBInfo(body: tcb.body, signature: tcb.signature, issuerChain: tcb.issuerChain, content: content)
        return collateral
    }

    func verifyA(_ collateral: Collateral) throws -> VerifiedQuote {
        try QuoteVerifier().verify(Fixtures.quote("A-phala-sgx-v3/quote.bin"), collateral: collateral, at: Fixtures.timeA)
    }

    @Test func mismatchedFMSPCIsReported() throws {
        let collateral = try collateralA { $0.fmspc = [0x00, 0x90, 0x6e, 0xa1, 0x00, 0x00] }
        let error = #expect(throws: QuoteVerificationError.self) { try verifyA(collateral) }
        #expect(error?.code == .fmspcMismatch)
        #expect(error?.detail.contains("00a067110000") == true)
        #expect(error?.detail.contains("00906ea10000") == true)
    }

    @Test func mismatchedPCEIDIsReported() throws {
        let collateral = try collateralA { $0.pceID = [0x00, 0x01] }
        let error = #expect(throws: QuoteVerificationError.self) { try verifyA(collateral) }
        #expect(error?.code == .pceIDMismatch)
    }

    @Test func unknownTCBLevelIsReported() throws {
        let collateral = try collateralA { info in
            info.tcbLevels = info.tcbLevels.map { level in
                var level = level
                level.components = level.components.map { $0 + 100 }
                return level
            }
        }
        let error = #expect(throws: QuoteVerificationError.self) { try verifyA(collateral) }
        #expect(error?.code == .tcbLevelNotFound)
        #expect(error?.detail.contains("11,11,2,2,255,1,0") == true)
    }

    @Test func revokedPCKSerialIsReported() throws {
        var collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let quote = try Fixtures.quote("A-phala-sgx-v3/quote.bin")
        let pck = try QuoteVerifier().verifySignatures(quote, at: Fixtures.timeA).pckCertificatePath[0]
        let crl = collateral.pckCRL!
        collateral.pckCRL = CertificateRevocationList(
            derBytes: crl.derBytes, tbsBytes: crl.tbsBytes, issuer: crl.issuer, thisUpdate: crl.thisUpdate, nextUpdate: crl.nextUpdate,
            revokedSerials: crl.revokedSerials.union([normalizedSerial(pck.serialNumber.bytes)]),
            signatureAlgorithm: crl.signatureAlgorithm, signature: crl.signature)
        let error = #expect(throws: QuoteVerificationError.self) {
            try QuoteVerifier().verify(quote, collateral: collateral, at: Fixtures.timeA)
        }
        #expect(error?.code == .certificateRevoked)
        #expect(error?.detail.contains("PCK") == true)
    }

    @Test func realCRLsParse() throws {
        let collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let root = collateral.rootCACRL!
        #expect(root.issuer.description.contains("Intel SGX Root CA"))
        #expect(root.isSigned(by: TrustedRoot.intelSGXRootCA.publicKey))
        let pck = collateral.pckCRL!
        #expect(pck.issuer.description.contains("Intel SGX PCK"))
        #expect(pck.revokedSerials.isEmpty)  // "No Revoked Certificates" (openssl crl -text)
        // Intel's QVL sample CRL revokes one serial.
        let b = try Collateral.load(contentsOf: Fixtures.url("B-intel-qvl-sample-testpki")).pckCRL!
        #expect(b.revokedSerials == [[UInt8](hexString: "1D210D4E73D7814F34C097EF496D3C4FA982684C")!])
    }

    @Test func tamperedSignedCollateralIsRejected() throws {
        var collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let tcb = collateral.tcbInfo!
        var body = tcb.body
        body[body.count / 2] ^= 1
        collateral.tcbInfo = SignedTCBInfo(body: body, signature: tcb.signature, issuerChain: tcb.issuerChain, content: tcb.content)
        let error = #expect(throws: QuoteVerificationError.self) { try verifyA(collateral) }
        #expect(error?.code == .invalidTCBInfoSignature)

        var qeCollateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let qe = qeCollateral.qeIdentity!
        var signature = qe.signature
        signature[5] ^= 0x80
        qeCollateral.qeIdentity = SignedQEIdentity(body: qe.body, signature: signature, issuerChain: qe.issuerChain, content: qe.content)
        let qeError = #expect(throws: QuoteVerificationError.self) { try verifyA(qeCollateral) }
        #expect(qeError?.code == .invalidQEIdentitySignature)
    }

    @Test func qeIdentityMismatchIsReported() throws {
        var collateral = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        let qe = collateral.qeIdentity!
        var content = qe.content
        content.isvProdID = 7
        collateral.qeIdentity = SignedQEIdentity(body: qe.body, signature: qe.signature, issuerChain: qe.issuerChain, content: content)
        let error = #expect(throws: QuoteVerificationError.self) { try verifyA(collateral) }
        #expect(error?.code == .qeIdentityMismatch)
    }

    @Test func bMiscselectIsComparedInReportByteOrder() throws {
        let quote = try Fixtures.quote("B-intel-qvl-sample-testpki/quote.dat")
        let collateral = try Collateral.load(contentsOf: Fixtures.url("B-intel-qvl-sample-testpki"))
        #expect(collateral.qeIdentity!.content.miscSelect == [0xd1, 0x82, 0xb1, 0x8c])
        #expect(quote.quote.signatureData.qeReport.miscSelect == 0x8cb1_82d1)
        #expect(try collateral.qeIdentity!.content.evaluate(quote.quote.signatureData.qeReport).status == .upToDate)
    }
}

/// Deterministic generator for reproducible random inputs.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
