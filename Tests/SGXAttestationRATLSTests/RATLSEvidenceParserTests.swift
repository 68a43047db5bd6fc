import Crypto
import Foundation
import SGXAttestation
import SGXTypes
import Testing

/// The evidence parser on malformed extension values: each is rejected with its own reason.
@Suite struct RATLSEvidenceParserTests {
    static let spki = Array(P256.Signing.PrivateKey().publicKey.derRepresentation)
    static let quote = [UInt8](repeating: 0x42, count: 64)
    static let claims = RATLS.claims(publicKeyHash: Array(SHA256.hash(data: spki)))

    func reason(_ format: RATLSEvidence.Format, _ value: [UInt8]) -> String? {
        do {
            _ = try RATLSEvidence(format: format, extensionValue: value, subjectPublicKeyInfo: Self.spki)
            return nil
        } catch {
            guard case .malformedExtension(let failed, let reason) = error, failed == format else { return "unexpected \(error)" }
            return reason
        }
    }

    @Test func wellFormedDICEParses() throws {
        let evidence = try RATLSEvidence(format: .dice, extensionValue: RATLS.diceValue(quote: Self.quote, claims: Self.claims),
                                         subjectPublicKeyInfo: Self.spki)
        #expect(evidence.quote == Self.quote)
        #expect(evidence.claims == Self.claims)
        #expect(evidence.claimedPublicKeyHash == Array(SHA256.hash(data: Self.spki)))
    }

    @Test func diceLiberalEncodings() throws {
        // Non-preferred lengths (a 1-byte length in 2 bytes) and extra claims are accepted.
        let extra = RATLS.cborHead(5, 2) + RATLS.cborText("nonce") + RATLS.cborBytes([1, 2]) + RATLS.cborText("pubkey-hash")
            + RATLS.cborBytes(RATLS.cborHead(4, 2) + [0x01] + RATLS.cborBytes(Array(SHA256.hash(data: Self.spki))))
        let longQuoteHead: [UInt8] = [0x59, 0x00, UInt8(Self.quote.count)]
        let value = RATLS.cborHead(6, 60000) + RATLS.cborHead(4, 2) + longQuoteHead + Self.quote + RATLS.cborBytes(extra)
        let evidence = try RATLSEvidence(format: .dice, extensionValue: value, subjectPublicKeyInfo: Self.spki)
        #expect(evidence.quote == Self.quote)
        #expect(evidence.claimedPublicKeyHash == Array(SHA256.hash(data: Self.spki)))
    }

    @Test func diceMalformed() {
        let good = RATLS.diceValue(quote: Self.quote, claims: Self.claims)
        let cases: [(String, [UInt8], String)] = [
            ("empty", [], "truncated"),
            ("trailing byte", good + [0], "trailing"),
            ("indefinite array", RATLS.cborHead(6, 60000) + [0x9f] + RATLS.cborBytes(Self.quote) + RATLS.cborBytes(Self.claims) + [0xff], "indefinite"),
            ("indefinite byte string", RATLS.cborHead(6, 60000) + RATLS.cborHead(4, 2) + [0x5f, 0x41, 0x00, 0xff] + RATLS.cborBytes(Self.claims), "indefinite"),
            ("length beyond input", RATLS.cborHead(6, 60000) + RATLS.cborHead(4, 2) + [0x5b, 0, 0, 0, 1, 0, 0, 0, 0], "exceeds"),
            ("huge array count", RATLS.cborHead(6, 60000) + [0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], "exceeds"),
            ("reserved info", RATLS.cborHead(6, 60000) + [0x9c], "reserved additional information 28"),
            ("wrong tag", RATLS.cborHead(6, 60001) + RATLS.cborHead(4, 2) + RATLS.cborBytes(Self.quote) + RATLS.cborBytes(Self.claims), "expected tag 60000"),
            ("untagged", RATLS.cborHead(4, 2) + RATLS.cborBytes(Self.quote) + RATLS.cborBytes(Self.claims), "expected tag 60000"),
            ("array of 3", RATLS.cborHead(6, 60000) + RATLS.cborHead(4, 3) + RATLS.cborBytes(Self.quote) + RATLS.cborBytes(Self.claims) + [0], "array of 2"),
            ("quote as text", RATLS.cborHead(6, 60000) + RATLS.cborHead(4, 2) + RATLS.cborText("q") + RATLS.cborBytes(Self.claims), "element 0"),
            ("claims not a map", RATLS.diceValue(quote: Self.quote, claims: RATLS.cborHead(4, 0)), "expected a map"),
            ("claims trailing", RATLS.diceValue(quote: Self.quote, claims: Self.claims + [0]), "claims: 1 trailing"),
            ("no pubkey-hash", RATLS.diceValue(quote: Self.quote, claims: RATLS.cborHead(5, 0)), "no \"pubkey-hash\""),
            ("duplicate pubkey-hash", RATLS.diceValue(quote: Self.quote, claims: RATLS.cborHead(5, 2) + Array(Self.claims.dropFirst()) + Array(Self.claims.dropFirst())), "2 times"),
            ("sha-384 alg", RATLS.diceValue(quote: Self.quote, claims: RATLS.claims(publicKeyHash: Array(SHA256.hash(data: Self.spki)), algorithm: 7)), "hash-alg 7"),
            ("short hash", RATLS.diceValue(quote: Self.quote, claims: RATLS.claims(publicKeyHash: [1, 2, 3])), "expected 32 bytes"),
            ("deep nesting", RATLS.cborHead(6, 60000) + [UInt8](repeating: 0x81, count: 100) + [0], "nesting deeper"),
            ("invalid UTF-8 key", RATLS.diceValue(quote: Self.quote, claims: RATLS.cborHead(5, 1) + [0x62, 0xff, 0xfe] + [0]), "UTF-8"),
        ]
        for (name, value, expected) in cases {
            let reason = reason(.dice, value)
            #expect(reason?.contains(expected) == true, "\(name): \(reason ?? "accepted")")
        }
    }

    @Test func openEnclaveMalformed() {
        let good = RATLS.openEnclaveValue(quote: Self.quote)
        #expect(reason(.openEnclave, good) == nil)
        var badVersion = good; badVersion[0] = 2
        var badType = good; badType[4] = 1
        var badSize = good; badSize[8] &+= 1
        var hugeSize = good; for i in 8..<16 { hugeSize[i] = 0xff }
        let cases: [(String, [UInt8], String)] = [
            ("short", Array(good.prefix(15)), "shorter than the 16-byte header"),
            ("version", badVersion, "header version 2"),
            ("type", badType, "evidence type 1"),
            ("size + 1", badSize, "header size 65"),
            ("huge size", hugeSize, "header size 18446744073709551615"),
            ("trailing", good + [0], "65 bytes follow"),
            ("empty quote", RATLS.openEnclaveValue(quote: []), "no quote"),
        ]
        for (name, value, expected) in cases {
            let reason = reason(.openEnclave, value)
            #expect(reason?.contains(expected) == true, "\(name): \(reason ?? "accepted")")
        }
        #expect(reason(.legacy, [])?.contains("empty") == true)
    }
}
