// Initiator enclave: attests itself to the responder and sends it a secret over the session.
import SGXTrusted
import SGXTypes

nonisolated(unsafe) var pending: DHInitiator? = nil
nonisolated(unsafe) var session: DHSession? = nil

func ecall_initiator_answer(_ message1: [UInt8], _ message2: inout [UInt8]) -> UInt32 {
    do {
        let initiator = try DHInitiator(message1: message1)
        message2 = initiator.message2
        pending = consume initiator
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_initiator_finish(_ message3: [UInt8], _ responderMREnclave: [UInt8]) -> UInt32 {
    guard let initiator = pending.take() else { return SGXStatus.invalidState.rawValue }
    do {
        session = try initiator.processMessage3(message3, policy: DHPeerPolicy(mrEnclave: responderMREnclave, allowDebug: true))
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_initiator_send(_ message: inout [UInt8], _ written: inout UInt64) -> UInt32 {
    guard var active = session.take() else { return SGXStatus.invalidState.rawValue }
    let status: UInt32
    do {
        let sealed = try active.seal(Array("attested hello from the initiator".utf8))
        if sealed.count <= message.count {
            for index in 0..<sealed.count { message[index] = sealed[index] }
            written = UInt64(sealed.count)
            status = 0
        } else {
            status = SGXStatus.invalidParameter.rawValue
        }
    } catch {
        status = error.status.rawValue
    }
    session = consume active
    return status
}
