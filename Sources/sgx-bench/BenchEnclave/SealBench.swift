// The enclave side of sgx-bench's sealing, report and local-attestation rows: each ECALL
// repeats the operation `rounds` times so the transition cost is amortised. Returns 0 or
// the first failure's sgx_status_t.
import SGXTrusted
import SGXTypes

nonisolated(unsafe) var benchSealedBlob: [UInt8] = []

func ecall_seal_rounds(_ size: UInt64, _ rounds: UInt64) -> UInt32 {
    let plaintext = [UInt8](repeating: 0x5a, count: Int(truncatingIfNeeded: size))
    do {
        for _ in 0..<rounds { _ = try SealedData.seal(plaintext) }
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_unseal_prepare(_ size: UInt64) -> UInt32 {
    do {
        benchSealedBlob = try SealedData.seal([UInt8](repeating: 0xa5, count: Int(truncatingIfNeeded: size)))
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_unseal_rounds(_ rounds: UInt64) -> UInt32 {
    do {
        for _ in 0..<rounds { _ = try SealedData.unseal(benchSealedBlob) }
        return 0
    } catch {
        return error.status.rawValue
    }
}

/// Verifies a REPORT this enclave made for itself (EGETKEY(REPORT) + AES-CMAC + compare).
func ecall_report_verify_rounds(_ rounds: UInt64) -> UInt32 {
    do {
        let report = try SGXInstructions.ereport(target: try TargetInfo.ofSelf, reportData: [1, 2, 3])
        for _ in 0..<rounds { try report.verify() }
        return 0
    } catch {
        return error.status.rawValue
    }
}

/// Complete sgx_dh exchanges with itself as both responder and initiator.
func ecall_dh_sessions(_ rounds: UInt64) -> UInt32 {
    do {
        let me = try Enclave.selfReport().body
        let policy = DHPeerPolicy(mrEnclave: me.mrEnclave, allowDebug: true)
        for _ in 0..<rounds {
            let responder = try DHResponder()
            let initiator = try DHInitiator(message1: responder.message1)
            var message3: [UInt8] = []
            let message2 = initiator.message2
            let responderSession = try responder.processMessage2(message2, policy: policy, message3: &message3)
            let initiatorSession = try initiator.processMessage3(message3, policy: policy)
            _ = consume responderSession
            _ = consume initiatorSession
        }
        return 0
    } catch {
        return error.status.rawValue
    }
}
