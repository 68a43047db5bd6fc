// The host logic of the local-attestation example, separate from main.swift so that it
// can be called from tests. The host only carries messages: it learns no key and cannot
// forge a message (it may drop or reorder them; the enclaves detect that).
import SGXHost
import SGXTypes

struct NoOCalls: ResponderOCalls, InitiatorOCalls {}

enum LocalAttestationExample {
    static func check(_ status: UInt32, _ step: String) throws(SGXError) {
        guard status == 0 else { throw SGXError(SGXStatus(rawValue: status) ?? .unexpected, step) }
    }

    /// Loads both enclaves, runs Intel's sgx_dh exchange between them and passes a secret.
    static func run(responderPath: String, initiatorPath: String) throws(SGXError) {
        let responder = try Enclave(path: responderPath, ocalls: Responder.ocallTable(NoOCalls()))
        let initiator = try Enclave(path: initiatorPath, ocalls: Initiator.ocallTable(NoOCalls()))
        var message1 = [UInt8](repeating: 0, count: 576)
        try check(try responder.ecall_responder_start(&message1), "message 1")
        var message2 = [UInt8](repeating: 0, count: 512)
        try check(try initiator.ecall_initiator_answer(message1, &message2), "message 2")
        var message3 = [UInt8](repeating: 0, count: 452)
        try check(try responder.ecall_responder_finish(message2, initiator.identity.mrenclave, &message3), "message 3")
        try check(try initiator.ecall_initiator_finish(message3, responder.identity.mrenclave), "session")
        print("session established: each enclave verified the other's REPORT and MRENCLAVE")
        var secret = [UInt8](repeating: 0, count: 128)
        var length: UInt64 = 0
        try check(try initiator.ecall_initiator_send(&secret, &length), "send")
        let message = Array(secret.prefix(Int(length)))
        try check(try responder.ecall_responder_receive(message, message.count), "receive")
        // Replaying the message to the responder is refused.
        let replay = try responder.ecall_responder_receive(message, message.count)
        print("replayed message refused: \(replay != 0)")
        guard replay != 0 else { throw SGXError(.unexpected, "replay accepted") }
    }
}
