// The secret-provisioning enclave: TLS is terminated here, with a certificate whose key
// was made here and whose quote binds that key. The host only moves ciphertext.
//
// The root key pin comes from the host in this example because the simulated PKI is made
// by the host process at run time. A production enclave compiles in
// RATLSPolicy.intelSGXRootKeyHash instead (its code is measured; an ECALL argument is not).
import SGXTrusted
import SGXTypes

nonisolated(unsafe) var server: TLSServer? = nil

func status(_ error: SGXError) -> UInt32 { error.status.rawValue }

/// A TLS failure as an SGX status the host can tell apart (and the text for the caller).
func status(_ error: TLSError) -> UInt32 {
    print("enclave TLS error: \(error.description)")
    switch error.kind {
    case .peerRejected, .peerUnattested: return SGXStatus.invalidSignature.rawValue
    case .transport, .truncated: return SGXStatus.unexpected.rawValue
    case .configuration: return SGXStatus.invalidParameter.rawValue
    case .handshake, .protocolViolation: return SGXStatus.invalidState.rawValue
    }
}

/// Clients and servers of this example must be enclaves signed by the same key.
func samePeerPolicy(rootKeyHash: [UInt8]) throws(SGXError) -> RATLSPolicy {
    let me = try Enclave.selfReport()
    return RATLSPolicy(rootKeyHash: rootKeyHash, mrSigner: [me.body.mrSigner], allowDebug: true)
}

func ecall_server_start(_ format: UInt32, _ requireClientAttestation: UInt32, _ rootKeyHash: [UInt8], _ port: inout UInt16,
                        _ certificate: inout [UInt8], _ certificateCapacity: Int, _ certificateLength: inout UInt64) -> UInt32 {
    guard server == nil else { return SGXStatus.invalidState.rawValue }
    do throws(SGXError) {
        let credential = try RATLSCredential(format: format == 1 ? .legacy : .dice)
        guard credential.certificateDER.count <= certificateCapacity else { return SGXStatus.invalidParameter.rawValue }
        let clientPolicy = requireClientAttestation == 1 ? try samePeerPolicy(rootKeyHash: rootKeyHash) : nil
        do throws(TLSError) {
            let listening = try TLSServer(listeningOn: .loopback(port: 0), credential: credential, clientPolicy: clientPolicy)
            port = listening.port
            server = consume listening
        } catch {
            return status(error)
        }
        for (index, byte) in credential.certificateDER.enumerated() { certificate[index] = byte }
        certificateLength = UInt64(credential.certificateDER.count)
        return 0
    } catch {
        return status(error)
    }
}

func ecall_server_provision_one(_ sealed: inout [UInt8], _ sealedCapacity: Int, _ sealedLength: inout UInt64) -> UInt32 {
    guard let listening = server.take() else { return SGXStatus.invalidState.rawValue }
    let result = provisionOne(listening, &sealed, sealedCapacity, &sealedLength)
    server = consume listening
    return result
}

func provisionOne(_ listening: borrowing TLSServer, _ sealed: inout [UInt8], _ sealedCapacity: Int,
                  _ sealedLength: inout UInt64) -> UInt32 {
    do throws(TLSError) {
        let connection = try listening.accept()
        let header = try connection.receive(exactly: 4)
        let length = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        guard length > 0 && length <= 4096 else {
            try connection.send(Array("refused: a secret of \(length) bytes".utf8))
            return SGXStatus.invalidParameter.rawValue
        }
        let secret = try connection.receive(exactly: length)
        let blob: [UInt8]
        do throws(SGXError) {
            blob = try SealedData.seal(secret, additionalData: Array("provisioned secret".utf8))
        } catch {
            return status(error)
        }
        guard blob.count <= sealedCapacity else { return SGXStatus.invalidParameter.rawValue }
        if let peer = connection.peer { print("enclave: client enclave attested, MRSIGNER \(hex(peer.report.mrSigner.prefix(8)))…") }
        print("enclave: received a \(length)-byte secret over TLS (\(connection.protocolVersion)); sealed it")
        try connection.send(Array("sealed \(length) bytes".utf8))
        try connection.close()
        for (index, byte) in blob.enumerated() { sealed[index] = byte }
        sealedLength = UInt64(blob.count)
        return 0
    } catch {
        return status(error)
    }
}

func ecall_server_echo_one(_ echoed: inout UInt64) -> UInt32 {
    guard let listening = server.take() else { return SGXStatus.invalidState.rawValue }
    let result = echoOne(listening, &echoed)
    server = consume listening
    return result
}

func echoOne(_ listening: borrowing TLSServer, _ echoed: inout UInt64) -> UInt32 {
    do throws(TLSError) {
        let connection = try listening.accept()
        var total: UInt64 = 0
        while true {
            let piece = try connection.receive(maxCount: 64 << 10)
            if piece.isEmpty { break }
            try connection.send(piece)
            total += UInt64(piece.count)
        }
        try connection.close()
        echoed = total
        return 0
    } catch {
        return status(error)
    }
}

func ecall_server_handshake_one(_ freshEvidence: UInt32) -> UInt32 {
    guard var listening = server.take() else { return SGXStatus.invalidState.rawValue }
    let result = handshakeOne(&listening, freshEvidence: freshEvidence == 1)
    server = consume listening
    return result
}

func handshakeOne(_ listening: inout TLSServer, freshEvidence: Bool) -> UInt32 {
    if freshEvidence {
        do throws(SGXError) {
            let credential = try RATLSCredential()
            do throws(TLSError) {
                try listening.renew(credential: credential)
            } catch {
                return status(error)
            }
        } catch {
            return status(error)
        }
    }
    do throws(TLSError) {
        let connection = try listening.accept()
        try connection.close()
        return 0
    } catch {
        return status(error)
    }
}

func ecall_server_stop() -> UInt32 {
    guard server.take() != nil else { return SGXStatus.invalidState.rawValue }
    return 0
}

func ecall_unseal(_ sealed: [UInt8], _ length: Int, _ secretLength: inout UInt64) -> UInt32 {
    do throws(SGXError) {
        let (secret, label) = try SealedData.unseal(sealed)
        guard label == Array("provisioned secret".utf8) else { return SGXStatus.invalidParameter.rawValue }
        secretLength = UInt64(secret.count)
        return 0
    } catch {
        return status(error)
    }
}

func ecall_client_exchange(_ port: UInt16, _ rootKeyHash: [UInt8], _ presentCredential: UInt32,
                           _ message: [UInt8], _ messageLength: Int,
                           _ reply: inout [UInt8], _ replyCapacity: Int, _ replyLength: inout UInt64,
                           _ errorText: inout [UInt8]) -> UInt32 {
    func fail(_ text: String, _ code: UInt32) -> UInt32 {
        for (index, byte) in text.utf8.prefix(errorText.count - 1).enumerated() { errorText[index] = byte }
        return code
    }
    let policy: RATLSPolicy
    do throws(SGXError) {
        policy = try samePeerPolicy(rootKeyHash: rootKeyHash)
    } catch {
        return fail(error.detail, status(error))
    }
    var credential: RATLSCredential? = nil
    if presentCredential == 1 {
        do throws(SGXError) {
            credential = try RATLSCredential()
        } catch {
            return fail(error.detail, status(error))
        }
    }
    do throws(TLSError) {
        let connection = try connect(port: port, policy: policy, credential: credential.take())
        try connection.send(message)
        var received: [UInt8] = []
        while true {
            let piece = try connection.receive()
            if piece.isEmpty { break }
            guard received.count + piece.count <= replyCapacity else { return fail("reply too long", SGXStatus.invalidParameter.rawValue) }
            received += piece
        }
        for (index, byte) in received.enumerated() { reply[index] = byte }
        replyLength = UInt64(received.count)
        return 0
    } catch {
        return fail(error.description, status(error))
    }
}

func connect(port: UInt16, policy: RATLSPolicy, credential: consuming RATLSCredential?) throws(TLSError) -> TLSConnection {
    if let credential = credential.take() {
        return try TLSClient.connect(to: .loopback(port: port), serverPolicy: policy, credential: credential)
    }
    return try TLSClient.connect(to: .loopback(port: port), serverPolicy: policy)
}

func hex(_ bytes: ArraySlice<UInt8>) -> String {
    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
    var out = ""
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 15)])
    }
    return out
}
