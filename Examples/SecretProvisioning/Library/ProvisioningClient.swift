// The relying party of the secret-provisioning example: an ordinary Swift NIO client
// (swift-nio-ssl) that accepts the TLS server only when its certificate passes the RA-TLS
// verifier (quote, collateral, key binding, policy), then sends the secret.
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import SGXAttestation
import SGXAttestationNIO

public enum ProvisioningClient {
    /// What the client learned: who it talked to and what the enclave answered.
    public struct Outcome: Sendable {
        public let identity: VerifiedRATLSCertificate
        public let reply: [UInt8]
        public let protocolVersion: String
    }

    public enum Failure: Error, CustomStringConvertible {
        /// The server's certificate failed RA-TLS verification: the secret was not sent.
        case notVerified(RATLSVerificationError)
        /// The connection or the handshake failed.
        case connection(any Error)

        public var description: String {
            switch self {
            case .notVerified(let error): "RA-TLS verification refused the server: \(error)"
            case .connection(let error): "connection failed: \(error)"
            }
        }
    }

    /// Connects to 127.0.0.1:`port`, verifies the server's RA-TLS certificate with
    /// `verifier`, sends `secret` (u32 big-endian length, then the bytes) and returns the
    /// server's reply (everything until it closes).
    public static func provision(secret: [UInt8], port: UInt16, verifier: RATLSVerifier,
                                 group: any EventLoopGroup) throws(Failure) -> Outcome {
        var payload = ByteBuffer()
        payload.writeInteger(UInt32(secret.count))
        payload.writeBytes(secret)
        return try exchange(payload, port: port, verifier: verifier, group: group)
    }

    /// Connects, verifies, writes `payload`, and returns what the server sends until it closes.
    public static func exchange(_ payload: ByteBuffer, port: UInt16, verifier: RATLSVerifier,
                                group: any EventLoopGroup) throws(Failure) -> Outcome {
        let verification = NIOLockedValueBox<Result<VerifiedRATLSCertificate, RATLSVerificationError>?>(nil)
        let loop = group.next()
        let reply = loop.makePromise(of: [UInt8].self)
        let version = NIOLockedValueBox<String>("unknown")
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            // The RA-TLS callback replaces chain and hostname checks (the certificate is
            // self-signed and names no host); verification must not be `.none`, or
            // swift-nio-ssl would not call it.
            configuration.certificateVerification = .noHostnameVerification
            let context = try NIOSSLContext(configuration: configuration)
            let callback = RATLSPeerVerifier(verifier).callback { result in verification.withLockedValue { $0 = result } }
            let channel = try ClientBootstrap(group: loop).channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let tls = try NIOSSLClientHandler(context: context, serverHostname: nil, customVerificationCallback: callback)
                    try channel.pipeline.syncOperations.addHandlers(tls, ReplyCollector(promise: reply, version: version))
                }
            }.connect(host: "127.0.0.1", port: Int(port)).wait()
            channel.writeAndFlush(payload, promise: nil)
            let bytes: [UInt8]
            do {
                bytes = try reply.futureResult.wait()
            } catch {
                if case .failure(let refusal)? = verification.withLockedValue({ $0 }) { throw Failure.notVerified(refusal) }
                throw error
            }
            guard case .success(let identity)? = verification.withLockedValue({ $0 }) else {
                throw Failure.connection(ChannelError.ioOnClosedChannel)
            }
            return Outcome(identity: identity, reply: bytes, protocolVersion: version.withLockedValue { $0 })
        } catch let failure as Failure {
            throw failure
        } catch {
            if case .failure(let refusal)? = verification.withLockedValue({ $0 }) { throw .notVerified(refusal) }
            throw .connection(error)
        }
    }
}

/// Collects inbound bytes; completes the promise when the server closes (or fails it).
private final class ReplyCollector: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    private let promise: EventLoopPromise<[UInt8]>
    private let version: NIOLockedValueBox<String>
    private var bytes: [UInt8] = []
    private var done = false

    init(promise: EventLoopPromise<[UInt8]>, version: NIOLockedValueBox<String>) {
        self.promise = promise
        self.version = version
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event,
           let tls = try? context.pipeline.syncOperations.handler(type: NIOSSLClientHandler.self),
           let name = tls.tlsVersion {
            version.withLockedValue { $0 = "\(name)" }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        bytes += buffer.readBytes(length: buffer.readableBytes) ?? []
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !done { done = true; promise.succeed(bytes) }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // A clean TLS close by the server after its reply is not an error for us.
        if let ssl = error as? NIOSSLError, case .uncleanShutdown = ssl, !bytes.isEmpty {
            context.close(promise: nil)
            return
        }
        if !done { done = true; promise.fail(error) }
        context.close(promise: nil)
    }
}
