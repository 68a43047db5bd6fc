import Crypto
import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import SGXAttestation
import SGXAttestationNIO
import Testing

/// A real TLS connection on 127.0.0.1: the server presents a certificate, the client checks it
/// with ``RATLSPeerVerifier``.
@Suite(.serialized) struct RATLSNIOTests {
    /// Connects to a TLS server presenting `made`; returns the client's verification outcome
    /// and whether the handshake completed.
    func connect(presenting made: RATLS.Made, verifier: RATLSVerifier) async throws
        -> (result: Result<VerifiedRATLSCertificate, any Error>, handshakeCompleted: Bool) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            let outcome = try await connect(presenting: made, verifier: verifier, group: group)
            try await group.shutdownGracefully()
            return outcome
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    func connect(presenting made: RATLS.Made, verifier: RATLSVerifier, group: MultiThreadedEventLoopGroup) async throws
        -> (result: Result<VerifiedRATLSCertificate, any Error>, handshakeCompleted: Bool) {

        let serverConfiguration = TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(try NIOSSLCertificate(bytes: made.der, format: .der))],
            privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(made.key.pemRepresentation.utf8), format: .pem)))
        let serverContext = try NIOSSLContext(configuration: serverConfiguration)
        let server = try await ServerBootstrap(group: group)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: serverContext))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()

        var clientConfiguration = TLSConfiguration.makeClientConfiguration()
        clientConfiguration.certificateVerification = .noHostnameVerification
        let clientContext = try NIOSSLContext(configuration: clientConfiguration)
        let identity = group.next().makePromise(of: VerifiedRATLSCertificate.self)
        let handshake = group.next().makePromise(of: Bool.self)
        let peerVerifier = RATLSPeerVerifier(verifier)
        let client = try await ClientBootstrap(group: group)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(
                        context: clientContext, serverHostname: nil,
                        customVerificationCallback: peerVerifier.callback(resultPromise: identity)))
                    try channel.pipeline.syncOperations.addHandler(HandshakeObserver(promise: handshake))
                }
            }
            .connect(host: "127.0.0.1", port: server.localAddress!.port!).get()
        // Whatever happens, the promises complete when the connection closes.
        client.closeFuture.whenComplete { _ in
            handshake.succeed(false)
            identity.fail(ChannelError.ioOnClosedChannel)
        }
        let completed = try await handshake.futureResult.get()
        let result: Result<VerifiedRATLSCertificate, any Error>
        do { result = .success(try await identity.futureResult.get()) } catch { result = .failure(error) }
        try? await client.close().get()
        try? await server.close().get()
        return (result, completed)
    }

    @Test func clientVerifiesAnRATLSServer() async throws {
        let made = try RATLS.make(.dice)
        let (result, completed) = try await connect(presenting: made, verifier: RATLS.verifier())
        let verified = try result.get()
        #expect(completed)
        #expect(verified.format == .dice)
        #expect(verified.quote.reportBody.mrEnclave == RATLS.app.mrEnclave)
        #expect(verified.evidence.subjectPublicKeyInfo == Array(made.key.publicKey.derRepresentation))
    }

    @Test func clientRejectsAnOrdinarySelfSignedServer() async throws {
        let made = try RATLS.certificate(key: P256.Signing.PrivateKey(), extensions: [])
        let (result, completed) = try await connect(presenting: made, verifier: RATLS.verifier())
        #expect(!completed)
        guard case .failure(let error) = result else { Issue.record("verified an ordinary certificate"); return }
        #expect(error as? RATLSVerificationError == .noEvidenceExtension)
    }

    @Test func clientRejectsAPolicyViolation() async throws {
        let made = try RATLS.make(.legacy)
        let (result, completed) = try await connect(presenting: made, verifier: RATLS.verifier(policy: RATLSPolicy(minimumISVSVN: 9)))
        #expect(!completed)
        guard case .failure(let error as RATLSVerificationError) = result, case .policyViolation(.isvSVN, _) = error else {
            Issue.record("got \(result)"); return
        }
    }
}

/// Completes `promise` with true when the TLS handshake completes.
final class HandshakeObserver: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let promise: EventLoopPromise<Bool>
    init(promise: EventLoopPromise<Bool>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { promise.succeed(true) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.succeed(false)
        context.close(promise: nil)
    }
}
