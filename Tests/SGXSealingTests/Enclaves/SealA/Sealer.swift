// Test enclave for SGXSealingTests: sealing, report verification and the sgx_dh exchange
// inside the enclave. Raw frames: a 48-byte header in host memory,
// 0 input address u64 · 8 input length u64 · 16 output address u64 · 24 output capacity u64
// · 32 output length u64 (written) · 40 argument u64. On failure the output holds the
// error's detail text. SealB and SealC compile this file with other configurations.
import SGXTrusted
import SGXTypes

nonisolated(unsafe) var responder: DHResponder? = nil
nonisolated(unsafe) var initiator: DHInitiator? = nil
nonisolated(unsafe) var session: DHSession? = nil

struct Call {
    let header: UntrustedBuffer
    let input: [UInt8]
    let output: UntrustedBuffer?
    let argument: UInt64

    func reply(_ bytes: [UInt8]) throws(SGXError) {
        guard let output, output.copyOut(bytes) else { throw SGXError(.invalidParameter, "output buffer too small") }
        header.store(UInt64(bytes.count), at: 32)
    }
}

/// The DH peer policy a call names: input starts with 0 MRENCLAVE 32 · 32 MRSIGNER 32 ·
/// 64 ISVPRODID u16 · 66 min ISVSVN u16 · 68 flags u8 (1 pin MRENCLAVE, 2 pin MRSIGNER,
/// 4 pin ISVPRODID, 8 allow debug) · 69 rsvd 11; the message follows at 80.
func policy(_ input: [UInt8]) throws(SGXError) -> (DHPeerPolicy, [UInt8]) {
    guard input.count >= 80 else { throw SGXError(.invalidParameter, "policy block missing") }
    let flags = input[68]
    let policy = DHPeerPolicy(mrEnclave: flags & 1 != 0 ? Array(input[0..<32]) : nil,
                              mrSigner: flags & 2 != 0 ? Array(input[32..<64]) : nil,
                              isvProdID: flags & 4 != 0 ? input.loadLE(UInt16.self, at: 64) : nil,
                              minimumISVSVN: input.loadLE(UInt16.self, at: 66), allowDebug: flags & 8 != 0)
    return (policy, Array(input[80...]))
}

func policyArgument(_ raw: UInt64) -> KeyRequest.KeyPolicy? {
    raw == 0 ? nil : KeyRequest.KeyPolicy(rawValue: UInt16(truncatingIfNeeded: raw))
}

func handle(_ index: UInt32, _ call: Call) throws(SGXError) {
    let input = call.input
    switch index {
    case 0: // seal: input = u32 AAD length ‖ AAD ‖ plaintext
        guard input.count >= 4 else { throw SGXError(.invalidParameter, "short input") }
        let aadCount = Int(input.loadLE(UInt32.self, at: 0))
        guard aadCount <= input.count - 4 else { throw SGXError(.invalidParameter, "bad AAD length") }
        try call.reply(try SealedData.seal(Array(input[(4 + aadCount)...]), additionalData: Array(input[4..<(4 + aadCount)]),
                                           policy: policyArgument(call.argument)))
    case 1: // unseal → u32 AAD length ‖ AAD ‖ plaintext
        let (plaintext, aad) = try SealedData.unseal(input)
        var out = [UInt8](repeating: 0, count: 4)
        out.storeLE(UInt32(aad.count), at: 0)
        try call.reply(out + aad + plaintext)
    case 2: try call.reply(try SealedData.mac(input, policy: policyArgument(call.argument)))
    case 3: try call.reply(try SealedData.verifyMAC(input))
    case 4: try call.reply(try SealedData.reseal(input))
    case 5: try call.reply([try SealedData.needsReseal(input) ? 1 : 0])
    case 6: // every single-bit flip of a blob sealed here must be refused; replies the count
        let blob = try SealedData.seal(Array(input[0..<(input.count / 2)]), additionalData: Array(input[(input.count / 2)...]))
        var detected: UInt64 = 0
        var mutated = blob
        for bit in 0..<(blob.count * 8) {
            mutated[bit / 8] ^= UInt8(1) << UInt8(bit % 8)
            var accepted = false
            do {
                _ = try SealedData.unseal(mutated)
                accepted = true
            } catch {
                detected += 1
            }
            if accepted { throw SGXError(.unexpected, "flip of bit \(bit) was not detected") }
            mutated[bit / 8] = blob[bit / 8]
        }
        var out = [UInt8](repeating: 0, count: 8)
        out.storeLE(detected, at: 0)
        try call.reply(out)
    case 7: // verify a REPORT
        _ = try Report.verified(bytes: input)
        try call.reply([])
    case 8: // EREPORT: TARGETINFO ‖ REPORTDATA
        guard input.count == TargetInfo.byteCount + 64 else { throw SGXError(.invalidParameter, "bad input") }
        try call.reply(try SGXInstructions.ereport(target: try TargetInfo(bytes: Array(input[0..<512])),
                                                  reportData: Array(input[512...])).bytes)
    case 9: try call.reply(try TargetInfo.ofSelf.bytes)
    case 10: // responder: message 1
        let fresh = try DHResponder()
        let message = fresh.message1
        responder = consume fresh
        try call.reply(message)
    case 11: // responder: policy ‖ message 2 → message 3
        let (peerPolicy, message) = try policy(input)
        guard let state = responder.take() else { throw SGXError(.invalidState, "no responder waiting for message 2") }
        var message3: [UInt8] = []
        session = try state.processMessage2(message, policy: peerPolicy, message3: &message3)
        try call.reply(message3)
    case 12: // initiator: message 1 → message 2
        let fresh = try DHInitiator(message1: input)
        let message = fresh.message2
        initiator = consume fresh
        try call.reply(message)
    case 13: // initiator: policy ‖ message 3
        let (peerPolicy, message) = try policy(input)
        guard let state = initiator.take() else { throw SGXError(.invalidState, "no initiator waiting for message 3") }
        session = try state.processMessage3(message, policy: peerPolicy)
        try call.reply([])
    case 14, 15: // session seal / open
        guard var active = session.take() else { throw SGXError(.invalidState, "no session") }
        let result: [UInt8]
        do {
            result = index == 14 ? try active.seal(input) : try active.open(input)
        } catch {
            session = consume active
            throw error
        }
        session = consume active
        try call.reply(result)
    case 16: // the session peer's MRENCLAVE ‖ MRSIGNER
        guard let active = session.take() else { throw SGXError(.invalidState, "no session") }
        let peer = active.peer.mrEnclave + active.peer.mrSigner
        session = consume active
        try call.reply(peer)
    default:
        throw SGXError(.invalidFunction, "no ECALL \(index)")
    }
}

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    guard let header = UntrustedBuffer(raw, count: 48),
          let inAddress = header.load(UInt64.self, at: 0), let inCount = header.load(UInt64.self, at: 8),
          let outAddress = header.load(UInt64.self, at: 16), let outCount = header.load(UInt64.self, at: 24),
          let argument = header.load(UInt64.self, at: 40), inCount < (1 << 31), outCount < (1 << 31) else {
        return SGXStatus.invalidParameter.rawValue
    }
    var input: [UInt8] = []
    if inCount > 0 {
        guard let buffer = UntrustedBuffer(address: UInt(inAddress), count: Int(inCount)),
              let bytes = buffer.copyIn(length: Int(inCount)) else { return SGXStatus.invalidParameter.rawValue }
        input = bytes
    }
    let output = outCount > 0 ? UntrustedBuffer(address: UInt(outAddress), count: Int(outCount)) : nil
    do {
        try handle(index, Call(header: header, input: input, output: output, argument: argument))
        return 0
    } catch {
        let detail = Array(error.detail.utf8)
        if let output, output.copyOut(Array(detail.prefix(output.count))) {
            header.store(UInt64(min(detail.count, output.count)), at: 32)
        }
        return error.status.rawValue
    }
}
