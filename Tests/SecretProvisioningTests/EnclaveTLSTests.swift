import Crypto
import Dispatch
import Foundation
import NIOCore
import NIOPosix
import SecretProvisioning
import SGXAttestation
@_spi(Testing) import SGXHost
import SGXTypes
import Testing

/// TLS terminated inside the provisioning enclave, against real peers: the system's
/// OpenSSL, Python's ssl module, the Swift NIO RA-TLS client, and the enclave's own
/// RA-TLS client (mutual attestation); and against a hostile host on the socket OCALLs.
@Suite(.serialized) struct EnclaveTLSTests {
    /// Runs `server` (an ECALL that blocks in accept) and `client` on two threads.
    static func together(_ server: () throws -> Void, _ client: () throws -> Void) -> (server: (any Error)?, client: (any Error)?) {
        nonisolated(unsafe) var errors: [(any Error)?] = [nil, nil]
        withoutActuallyEscaping(server) { server in
            withoutActuallyEscaping(client) { client in
                nonisolated(unsafe) let work = [server, client]
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    do { try work[index]() } catch { errors[index] = error }
                }
            }
        }
        return (errors[0], errors[1])
    }

    /// Runs a tool; its standard input gets `input`, then stays open `hold` seconds (so an
    /// `openssl s_client` reads the echo before it sees the end of its input and closes).
    static func run(_ tool: String, _ arguments: [String], input: Data? = nil, hold: Double = 0) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [tool] + arguments
        let output = Pipe(), stdin = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        if hold > 0 { Thread.sleep(forTimeInterval: hold) }
        try stdin.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var simulationRootKeyHash: [UInt8] {
        Array(SHA256.hash(data: SimulatedQuoting.quotingEnclave.trustedRoot.subjectPublicKeyInfo))
    }

    @Test(arguments: [("-tls1_3", "TLSv1.3"), ("-tls1_2", "TLSv1.2")])
    func opensslCompletesAHandshakeAndSeesTheDICEExtension(_ flag: String, _ version: String) throws {
        let service = try ProvisioningService()
        let (port, certificate) = try service.startServer(format: .dice)
        nonisolated(unsafe) var echoed: UInt64 = 0
        nonisolated(unsafe) var transcript = ""
        let result = Self.together({ echoed = try service.echoOne() }, {
            let message = "hello from openssl s_client\n"
            let (status, output) = try Self.run("openssl", ["s_client", "-connect", "127.0.0.1:\(port)", flag, "-showcerts"],
                                                input: Data(message.utf8), hold: 1.5)
            transcript = output
            #expect(status == 0, "openssl exit \(status)")
        })
        #expect(result.server == nil, "\(String(describing: result.server))")
        #expect(result.client == nil, "\(String(describing: result.client))")
        #expect(transcript.contains("New, \(version)"), "negotiated \(version)")
        #expect(transcript.contains("hello from openssl s_client"), "the enclave echoed the data back")
        #expect(echoed == UInt64("hello from openssl s_client\n".utf8.count))
        // The certificate the enclave presented carries the DICE evidence extension.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ratls-\(getpid()).der")
        try Data(certificate).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let (status, text) = try Self.run("openssl", ["x509", "-inform", "der", "-in", file.path, "-noout", "-text"])
        #expect(status == 0)
        #expect(text.contains("2.23.133.5.4.9"))
        #expect(text.contains("ecdsa-with-SHA256"))
        // The certificate openssl received is the one the ECALL reported.
        let pem = transcript.components(separatedBy: "-----BEGIN CERTIFICATE-----").dropFirst().first?
            .components(separatedBy: "-----END CERTIFICATE-----").first ?? ""
        let received = Data(base64Encoded: pem.filter { !$0.isWhitespace }).map { [UInt8]($0) }
        #expect(received == certificate)
        try service.stopServer()
    }

    @Test func pythonSSLClientExchangesData() throws {
        let service = try ProvisioningService()
        let (port, _) = try service.startServer(format: .legacy)
        nonisolated(unsafe) var echoed: UInt64 = 0
        nonisolated(unsafe) var printed = ""
        let script = """
        import socket, ssl, sys
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE   # RA-TLS: trust comes from the quote, checked elsewhere
        with socket.create_connection(("127.0.0.1", \(port))) as raw:
            with context.wrap_socket(raw) as tls:
                payload = bytes(range(256)) * 64
                tls.sendall(payload)
                received = b""
                while len(received) < len(payload):
                    chunk = tls.recv(65536)
                    if not chunk: break
                    received += chunk
                print(tls.version(), len(received), received == payload)
                tls.unwrap()
        """
        let result = Self.together({ echoed = try service.echoOne() }, {
            let (status, output) = try Self.run("python3", ["-c", script])
            printed = output
            #expect(status == 0, "python exit \(status): \(output)")
        })
        #expect(result.server == nil, "\(String(describing: result.server))")
        #expect(result.client == nil)
        #expect(printed.contains("16384 True"), "python printed: \(printed)")
        #expect(echoed == 16384)
        try service.stopServer()
    }

    @Test func mutualAttestationBetweenTwoEnclaves() throws {
        let server = try ProvisioningService()
        let client = try ProvisioningService()
        let root = Self.simulationRootKeyHash
        let (port, _) = try server.startServer(requireClientAttestation: true, rootKeyHash: root)
        let secret = Array("mutually attested".utf8)
        let message = [0, 0, 0, UInt8(secret.count)] + secret
        nonisolated(unsafe) var sealed: [UInt8] = []
        nonisolated(unsafe) var reply: [UInt8] = []
        let result = Self.together({ sealed = try server.provisionOne() }, {
            reply = try client.clientExchange(port: port, rootKeyHash: root, presentCredential: true, message: message)
        })
        #expect(result.server == nil, "\(String(describing: result.server))")
        #expect(result.client == nil, "\(String(describing: result.client))")
        #expect(reply == Array("sealed \(secret.count) bytes".utf8))
        #expect(try client.unseal(sealed) == secret.count, "same signer: the client enclave can unseal too")

        // A client without attestation evidence is refused by the server.
        let refused = Self.together({ _ = try server.provisionOne() }, {
            _ = try client.clientExchange(port: port, rootKeyHash: root, presentCredential: false, message: message)
        })
        let serverError = try #require(refused.server as? ProvisioningFailure)
        #expect(serverError.status == SGXStatus.invalidSignature.rawValue, "server: \(serverError)") // peerUnattested
        #expect(refused.client != nil)
        try server.stopServer()
    }

    @Test func enclaveClientRefusesAServerUnderAnotherRoot() throws {
        let server = try ProvisioningService()
        let client = try ProvisioningService()
        let (port, _) = try server.startServer()
        var wrongRoot = Self.simulationRootKeyHash
        wrongRoot[0] ^= 1
        let refused = Self.together({ _ = try server.echoOne() }, {
            _ = try client.clientExchange(port: port, rootKeyHash: wrongRoot, presentCredential: false, message: [1, 2, 3])
        })
        let failure = try #require(refused.client as? ProvisioningFailure)
        #expect(failure.status == SGXStatus.invalidSignature.rawValue)
        #expect(failure.detail.contains("untrusted root"), "\(failure.detail)")
        #expect(refused.server != nil, "the server sees the client's alert")
        // Intel's root pinned instead of the simulation root: refused the same way.
        let intel = Self.together({ _ = try server.echoOne() }, {
            _ = try client.clientExchange(port: port, rootKeyHash: Array(SHA256.hash(data: TrustedRoot.intelSGXRootCA.subjectPublicKeyInfo)),
                                          presentCredential: false, message: [1])
        })
        #expect((intel.client as? ProvisioningFailure)?.detail.contains("untrusted root") == true)
        try server.stopServer()
    }

    @Test func swiftNIOClientVerifiesAndIsRefusedUnderAWrongPolicy() throws {
        let service = try ProvisioningService()
        let (port, _) = try service.startServer()
        let quoting = SimulatedQuoting.quotingEnclave
        var wrong = service.enclave.identity.mrenclave
        wrong[31] ^= 0x80
        let verifier = RATLSVerifier(quoteVerifier: QuoteVerifier(trustedRoots: [quoting.trustedRoot]), collateral: quoting.collateral,
                                     policy: RATLSPolicy(mrEnclaves: [wrong], allowDebug: true))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        nonisolated(unsafe) var clientError: ProvisioningClient.Failure? = nil
        let result = Self.together({ _ = try service.provisionOne() }, {
            do throws(ProvisioningClient.Failure) {
                _ = try ProvisioningClient.provision(secret: [1, 2, 3], port: port, verifier: verifier, group: group)
            } catch {
                clientError = error
            }
        })
        guard case .notVerified(let refusal)? = clientError else {
            Issue.record("expected a verification refusal, got \(String(describing: clientError))")
            return
        }
        #expect("\(refusal)".lowercased().contains("mrenclave"), "\(refusal)")
        #expect(result.server != nil, "the enclave saw the handshake fail and sealed nothing")
        try service.stopServer()
    }

    /// `TLSServer.renew(credential:)`: after a renewal the server presents a new key with a
    /// quote binding it (the client verifies it under the same policy); without one it keeps
    /// presenting the key it has.
    @Test func renewedCredentialIsPresentedAndVerifies() throws {
        let service = try ProvisioningService()
        let (port, _) = try service.startServer()
        let quoting = SimulatedQuoting.quotingEnclave
        let verifier = RATLSVerifier(quoteVerifier: QuoteVerifier(trustedRoots: [quoting.trustedRoot]), collateral: quoting.collateral,
                                     policy: RATLSPolicy(mrEnclaves: [service.enclave.identity.mrenclave], allowDebug: true))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        func presentedKey(fresh: Bool) throws -> [UInt8] {
            nonisolated(unsafe) var outcome: ProvisioningClient.Outcome? = nil
            let result = Self.together({ try service.handshakeOne(freshEvidence: fresh) }, {
                outcome = try ProvisioningClient.exchange(ByteBuffer(), port: port, verifier: verifier, group: group)
            })
            #expect(result.server == nil, "\(String(describing: result.server))")
            #expect(result.client == nil, "\(String(describing: result.client))")
            return outcome?.identity.evidence.subjectPublicKeyInfo ?? []
        }
        let first = try presentedKey(fresh: false)
        let renewed = try presentedKey(fresh: true)
        let kept = try presentedKey(fresh: false)
        #expect(!first.isEmpty && !renewed.isEmpty)
        #expect(renewed != first, "a renewal presents a new key")
        #expect(kept == renewed, "without a renewal the server keeps its key")
        try service.stopServer()
    }

    /// The peers sgx-bench's tls-bulk row uses: the client gets back every byte it sent from
    /// the enclave's echo server and from the host baseline.
    @Test func benchEchoPeersMoveEveryByte() throws {
        let service = try ProvisioningService()
        let (port, _) = try service.startServer()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let total = (1 << 20) + 12_345
        nonisolated(unsafe) var echoed: UInt64 = 0
        let result = Self.together({ echoed = try service.echoOne() }, {
            _ = try TLSBenchPeers.echo(port: port, total: total, group: group)
        })
        #expect(result.server == nil, "\(String(describing: result.server))")
        #expect(result.client == nil, "\(String(describing: result.client))")
        #expect(echoed == UInt64(total))
        try service.stopServer()
        let host = try TLSBenchPeers.HostServer(mode: .echo, group: group)
        defer { host.close() }
        #expect(try TLSBenchPeers.echo(port: host.port, total: total, group: group) > 0)
        let handshakes = try TLSBenchPeers.HostServer(mode: .handshakeThenClose, group: group)
        defer { handshakes.close() }
        try TLSBenchPeers.handshake(port: handshakes.port, group: group)
    }

    /// A hostile host on the socket OCALLs: every tampering ends in a TLS error, the enclave
    /// stays alive and serves the next client normally.
    /// The provisioning enclave reports transport and truncation errors as `unexpected`,
    /// handshake failures as `invalidState` (Provisioning.swift, `status(_:)`).
    @Test(arguments: [("oversized count", SGXStatus.unexpected), ("garbage bytes", .invalidState),
                      ("closed mid-handshake", .unexpected), ("receive errno", .unexpected)])
    func hostileSocketAnswersEndInATLSError(_ attack: String, _ expected: SGXStatus) throws {
        let service = try ProvisioningService()
        let (port, _) = try service.startServer()
        nonisolated(unsafe) var receives = 0
        service.enclave.setRuntimeOCallInterceptor { request in
            guard request.index == EnclaveABI.ocallSocketReceive else { return request.forward() }
            receives += 1
            let status = request.forward()
            let capacity = request.u64(at: 24)
            switch attack {
            case "oversized count": request.setU64(capacity + 1, at: 0)
            case "garbage bytes":
                let count = Int(Int64(bitPattern: request.u64(at: 0)))
                if count > 0 { request.buffer(at: 16).initializeMemory(as: UInt8.self, repeating: 0x16, count: count) }
            case "closed mid-handshake": if receives >= 2 { request.setU64(0, at: 0) }
            default: request.setU64(UInt64(bitPattern: -104), at: 0) // ECONNRESET
            }
            return status
        }
        let result = Self.together({ _ = try service.echoOne() }, {
            _ = try? Self.run("openssl", ["s_client", "-connect", "127.0.0.1:\(port)"], input: Data("x\n".utf8))
        })
        let failure = try #require(result.server as? ProvisioningFailure, "the enclave must refuse: \(attack)")
        #expect(failure.status == expected.rawValue, "\(attack): \(failure)")
        // Still alive and correct afterwards.
        service.enclave.setRuntimeOCallInterceptor(nil)
        nonisolated(unsafe) var echoed: UInt64 = 0
        let again = Self.together({ echoed = try service.echoOne() }, {
            _ = try Self.run("openssl", ["s_client", "-connect", "127.0.0.1:\(port)"], input: Data("again\n".utf8), hold: 1.5)
        })
        #expect(again.server == nil, "\(String(describing: again.server))")
        #expect(echoed == 6)
        try service.stopServer()
    }
}
