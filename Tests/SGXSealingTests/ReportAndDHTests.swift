import Crypto
import Foundation
import SGXHost
import SGXSimulation
import SGXTypes
import Testing

/// Report.verify and TargetInfo.ofSelf inside enclaves.
@Suite(.serialized) struct ReportVerificationTests {
    @Test func reportVerifiesOnlyAtItsTarget() throws {
        let a = try SealEnclaves.load("SealA")
        let b = try SealEnclaves.load("SealB")
        let targetB = try TargetInfo(bytes: try b.call(9))
        #expect(targetB == b.secsIdentity.targetInfo)
        let reportData = (0..<64).map { UInt8($0 ^ 0x5a) }
        let report = try a.call(8, targetB.bytes + reportData)
        #expect(try Report(bytes: report).body.reportData == reportData)
        try b.call(7, report) // verifies in B
        #expect(throws: SGXError(.macMismatch)) { try a.call(7, report) } // not addressed to A
        var body = report
        body[320] ^= 1 // REPORTDATA
        #expect(throws: SGXError(.macMismatch)) { try b.call(7, body) }
        var mac = report
        mac[431] ^= 0x80
        #expect(throws: SGXError(.macMismatch)) { try b.call(7, mac) }
        var keyID = report
        keyID[390] ^= 1
        #expect(throws: SGXError(.macMismatch)) { try b.call(7, keyID) }
        var reserved = report
        reserved[100] = 1
        #expect(throws: SGXError(.invalidParameter)) { try b.call(7, reserved) }
        #expect(throws: SGXError(.invalidParameter)) { try b.call(7, Array(report.prefix(431))) }
    }
}

/// Intel's sgx_dh exchange between two enclaves (A responder, B initiator) and attacks on it.
@Suite(.serialized) struct LocalAttestationTests {
    /// Runs the exchange; returns the messages.
    @discardableResult
    func establish(responder: borrowing Enclave, initiator: borrowing Enclave,
                   responderPolicy: PolicyBlock, initiatorPolicy: PolicyBlock) throws -> (m1: [UInt8], m2: [UInt8], m3: [UInt8]) {
        let m1 = try responder.call(10)
        let m2 = try initiator.call(12, m1)
        let m3 = try responder.call(11, responderPolicy.bytes + m2)
        try initiator.call(13, initiatorPolicy.bytes + m3)
        return (m1, m2, m3)
    }

    /// Intel's sgx_ec256_public_t: X and Y little-endian; reversed they form a P-256 point.
    func isLittleEndianPoint(_ key: [UInt8]) -> Bool {
        let raw = Array(key[0..<32].reversed()) + Array(key[32..<64].reversed())
        return (try? P256.KeyAgreement.PublicKey(rawRepresentation: raw)) != nil
    }

    @Test func sessionBetweenTwoEnclavesWithIntelMessageLayouts() throws {
        let a = try SealEnclaves.load("SealA")
        let b = try SealEnclaves.load("SealB")
        let (m1, m2, m3) = try establish(responder: a, initiator: b, responderPolicy: .pinning(b),
                                         initiatorPolicy: .pinning(a))
        // Layouts: sgx_dh_msg1_t 576, sgx_dh_msg2_t 512, sgx_dh_msg3_t 452 + properties.
        #expect(m1.count == 576 && m2.count == 512 && m3.count == 452)
        let message1 = try DHMessage1(bytes: m1)
        let message2 = try DHMessage2(bytes: m2)
        let message3 = try DHMessage3(bytes: m3)
        #expect(message1.target == a.secsIdentity.targetInfo)
        #expect(isLittleEndianPoint(message1.publicKey) && isLittleEndianPoint(message2.publicKey))
        let hashAB = Array(SHA256.hash(data: message1.publicKey + message2.publicKey))
        let hashBA = Array(SHA256.hash(data: message2.publicKey + message1.publicKey))
        #expect(message2.report.body.reportData == hashAB + [0x01, 0x00] + [UInt8](repeating: 0, count: 30))
        #expect(message2.report.body.mrEnclave == b.identity.mrenclave)
        #expect(message3.report.body.reportData == hashBA + [UInt8](repeating: 0, count: 32))
        #expect(message3.report.body.mrEnclave == a.identity.mrenclave)
        // The REPORTs are MACed for the peer (the simulated CPU recomputes them).
        let cpu = SimulatedCPU()
        #expect(try cpu.ereport(targetInfo: a.secsIdentity.targetInfo, reportData: message2.report.body.reportData,
                                for: b.secsIdentity).mac == message2.report.mac)

        // Identities, then messages both ways.
        #expect(try a.call(16) == b.identity.mrenclave + b.identity.mrsigner)
        #expect(try b.call(16) == a.identity.mrenclave + a.identity.mrsigner)
        let secret = Array("the secret".utf8)
        let toA = try b.call(14, secret)
        #expect(toA.count == secret.count + 24 && Array(toA[8...]) != secret + Array(toA.suffix(16)))
        #expect(try a.call(15, toA) == secret)
        let toB = try a.call(14, Array("reply".utf8))
        #expect(try b.call(15, toB) == Array("reply".utf8))
        #expect(try b.call(15, try a.call(14, [])) == [])
    }

    @Test func sessionRejectsReplayReorderTamperAndReflection() throws {
        let a = try SealEnclaves.load("SealA")
        let b = try SealEnclaves.load("SealB")
        try establish(responder: a, initiator: b, responderPolicy: .pinning(b), initiatorPolicy: .pinning(a))
        let first = try b.call(14, [1])
        let second = try b.call(14, [2])
        let third = try b.call(14, [3])
        // Out of order: the third before the first.
        do { try a.call(15, third); Issue.record("reordered message accepted") } catch {
            #expect(error == SGXError(.invalidState) && error.detail.contains("out of order"))
        }
        #expect(try a.call(15, first) == [1])
        // Replay of the first.
        do { try a.call(15, first); Issue.record("replayed message accepted") } catch {
            #expect(error == SGXError(.invalidState) && error.detail.contains("replayed"))
        }
        var tampered = second
        tampered[8] ^= 1
        #expect(throws: SGXError(.macMismatch)) { try a.call(15, tampered) }
        var renumbered = second
        renumbered[0] = 1 ^ renumbered[0] // sequence number is authenticated
        #expect(throws: SGXError(.macMismatch)) { try a.call(15, renumbered) }
        #expect(throws: SGXError(.invalidParameter)) { try a.call(15, Array(second.prefix(23))) }
        // Reflected back to its sender: the nonce names the direction.
        #expect(throws: SGXError(.macMismatch)) { try b.call(15, second) }
        // The rejected messages changed nothing.
        #expect(try a.call(15, second) == [2])
        #expect(try a.call(15, third) == [3])
    }

    @Test func tamperedAndMisdirectedHandshakeMessages() throws {
        let a = try SealEnclaves.load("SealA")
        let b = try SealEnclaves.load("SealB")
        let c = try SealEnclaves.load("SealC")
        let policyB = PolicyBlock.pinning(b)

        // Each case starts a fresh responder in A and a fresh initiator in B.
        func attempt(_ mutate: ([UInt8]) -> [UInt8], message1 mutate1: ([UInt8]) -> [UInt8] = { $0 }) throws {
            let m1 = try a.call(10)
            let m2 = try b.call(12, mutate1(m1))
            try a.call(11, policyB.bytes + mutate(m2))
        }
        var flipCMAC: ([UInt8]) -> [UInt8] = { var m = $0; m[500] ^= 1; return m }
        #expect(throws: SGXError(.macMismatch)) { try attempt(flipCMAC) }
        flipCMAC = { var m = $0; m[64 + 200] ^= 1; return m } // REPORT body (MRSIGNER)
        #expect(throws: SGXError(.macMismatch)) { try attempt(flipCMAC) }
        let kdf: ([UInt8]) -> [UInt8] = { var m = $0; m[64 + 320 + 32] = 2; return m }
        #expect(throws: SGXError(.kdfMismatch)) { try attempt(kdf) }
        let badKey: ([UInt8]) -> [UInt8] = { var m = $0; for i in 0..<64 { m[i] = 0xff }; return m }
        #expect(throws: SGXError(.invalidParameter)) { try attempt(badKey) }
        #expect(throws: SGXError(.invalidParameter)) { try attempt({ Array($0.dropLast()) }) }
        // Report for the wrong target: message 1 names C, so B's REPORT is MACed for C.
        let targetC = c.secsIdentity.targetInfo.bytes
        let redirect: ([UInt8]) -> [UInt8] = { var m = $0; m.replaceSubrange(64..<576, with: targetC); return m }
        #expect(throws: SGXError(.macMismatch)) { try attempt({ $0 }, message1: redirect) }

        // A complete run, then replays and reordering.
        let (m1, m2, m3) = try establish(responder: a, initiator: b, responderPolicy: policyB,
                                         initiatorPolicy: .pinning(a))
        #expect(throws: SGXError(.invalidState)) { try a.call(11, policyB.bytes + m2) } // no responder waiting
        _ = try a.call(10) // a new responder: the old message 2 binds the old g_a
        #expect(throws: SGXError(.macMismatch)) { try a.call(11, policyB.bytes + m2) }
        #expect(throws: SGXError(.invalidState)) { try b.call(13, PolicyBlock.pinning(a).bytes + m3) } // replayed message 3
        _ = try a.call(10)
        #expect(throws: SGXError(.invalidParameter)) { try a.call(11, policyB.bytes + m3) } // message 3 where 2 belongs
        _ = try b.call(12, m1) // initiator answered an old message 1 ...
        #expect(throws: SGXError(.macMismatch)) { try b.call(13, PolicyBlock.pinning(a).bytes + m3) } // ... m3 belongs to another run

        // Tampered message 3 and an overflowing property length.
        let fresh1 = try a.call(10)
        let fresh2 = try b.call(12, fresh1)
        let fresh3 = try a.call(11, policyB.bytes + fresh2)
        var bad3 = fresh3
        bad3[16 + 64] ^= 1 // REPORT's MRENCLAVE
        #expect(throws: SGXError(.macMismatch)) { try b.call(13, PolicyBlock.pinning(a).bytes + bad3) }
        _ = try b.call(12, try a.call(10))
        var long3 = fresh3
        long3.storeLE(UInt32.max, at: 448)
        #expect(throws: SGXError(.invalidParameter)) { try b.call(13, PolicyBlock.pinning(a).bytes + long3) }
        let crashed = a.isCrashed || b.isCrashed
        #expect(!crashed)
    }

    @Test func peerPoliciesAreEnforced() throws {
        let a = try SealEnclaves.load("SealA")
        let b = try SealEnclaves.load("SealB")
        let c = try SealEnclaves.load("SealC")
        let other = try SealEnclaves.load("OtherSigner")
        // Responder-side policies (checked before message 3 is released).
        func responderCheck(_ policy: PolicyBlock, initiator: borrowing Enclave) throws {
            let m1 = try a.call(10)
            try a.call(11, policy.bytes + (try initiator.call(12, m1)))
        }
        #expect(throws: SGXError(.invalidEnclave)) { try responderCheck(.pinning(c), initiator: b) }
        #expect(throws: SGXError(.invalidEnclave)) {
            try responderCheck(PolicyBlock(mrSigner: a.identity.mrsigner), initiator: other)
        }
        #expect(throws: SGXError(.invalidEnclave)) {
            try responderCheck(PolicyBlock(mrSigner: a.identity.mrsigner, isvProdID: 99), initiator: b)
        }
        #expect(throws: SGXError(.invalidISVSVN)) {
            try responderCheck(PolicyBlock(mrSigner: a.identity.mrsigner, minimumISVSVN: 6), initiator: b)
        }
        #expect(throws: SGXError(.invalidAttribute)) {
            try responderCheck(PolicyBlock(mrSigner: a.identity.mrsigner, allowDebug: false), initiator: b)
        }
        #expect(throws: SGXError(.invalidParameter)) { try responderCheck(PolicyBlock(), initiator: b) }
        // Signer-wide policy with a minimum SVN accepts C (ISVSVN 6).
        try responderCheck(PolicyBlock(mrSigner: a.identity.mrsigner, isvProdID: 21, minimumISVSVN: 6), initiator: c)
        // Initiator side: expects C but talks to A.
        let m1 = try a.call(10)
        let m2 = try b.call(12, m1)
        let m3 = try a.call(11, PolicyBlock.pinning(b).bytes + m2)
        #expect(throws: SGXError(.invalidEnclave)) { try b.call(13, PolicyBlock.pinning(c).bytes + m3) }
        // The failed initiator was consumed.
        #expect(throws: SGXError(.invalidState)) { try b.call(13, PolicyBlock.pinning(a).bytes + m3) }
    }
}
