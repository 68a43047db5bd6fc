// Responder enclave: waits for an initiator, accepts only the MRENCLAVE the host names
// (in a real deployment that value is compiled in or sealed, not taken from the host).
import SGXTrusted
import SGXTypes

nonisolated(unsafe) var pending: DHResponder? = nil
nonisolated(unsafe) var session: DHSession? = nil

func ecall_responder_start(_ message1: inout [UInt8]) -> UInt32 {
    do {
        let responder = try DHResponder()
        message1 = responder.message1
        pending = consume responder
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_responder_finish(_ message2: [UInt8], _ initiatorMREnclave: [UInt8], _ message3: inout [UInt8]) -> UInt32 {
    guard let responder = pending.take() else { return SGXStatus.invalidState.rawValue }
    do {
        var reply: [UInt8] = []
        session = try responder.processMessage2(message2, policy: DHPeerPolicy(mrEnclave: initiatorMREnclave, allowDebug: true),
                                                message3: &reply)
        message3 = reply
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_responder_receive(_ message: [UInt8], _ len: Int) -> UInt32 {
    guard var active = session.take() else { return SGXStatus.invalidState.rawValue }
    let status: UInt32
    do {
        let secret = try active.open(message)
        print("responder enclave received the secret: \(String(decoding: secret, as: UTF8.self))")
        status = 0
    } catch {
        status = error.status.rawValue
    }
    session = consume active
    return status
}
