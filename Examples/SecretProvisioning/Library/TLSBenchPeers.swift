// The swift-nio-ssl peers of sgx-bench's RA-TLS rows: one client used against both the
// enclave server and the host baseline, and the host baseline server (an ordinary
// self-signed P-256 certificate, swift-nio-ssl on both ends). Timing stays in sgx-bench.
import Crypto
import Dispatch
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import SwiftASN1
import X509

public enum TLSBenchPeers {
    /// The client's configuration: TLS 1.3 only, and no certificate checks, so that the
    /// client does the same work against either server (sgx-bench's verify-quote row
    /// measures the relying party's appraisal separately).
    static func clientContext() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv13
        configuration.certificateVerification = .none
        return try NIOSSLContext(configuration: configuration)
    }

    /// Connects to 127.0.0.1:`port`, completes one TLS 1.3 handshake and closes.
    public static func handshake(port: UInt16, group: any EventLoopGroup) throws {
        let context = try clientContext()
        let loop = group.next()
        let done = loop.makePromise(of: Void.self)
        let channel = try ClientBootstrap(group: loop).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandlers(
                    try NIOSSLClientHandler(context: context, serverHostname: nil), HandshakeWaiter(promise: done))
            }
        }.connect(host: "127.0.0.1", port: Int(port)).wait()
        channel.closeFuture.whenComplete { _ in done.fail(ChannelError.ioOnClosedChannel) }
        try done.futureResult.wait()
        try? channel.close().wait()
    }

    /// Connects, completes the handshake, then writes `total` bytes in 64 KiB records'
    /// worth of writes and reads them back. Returns the nanoseconds from the first byte
    /// written to the last byte read (the handshake is not counted).
    public static func echo(port: UInt16, total: Int, group: any EventLoopGroup) throws -> UInt64 {
        let context = try clientContext()
        let loop = group.next()
        let finished = loop.makePromise(of: UInt64.self)
        let channel = try ClientBootstrap(group: loop).channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandlers(
                    try NIOSSLClientHandler(context: context, serverHostname: nil),
                    EchoClient(total: total, promise: finished))
            }
        }.connect(host: "127.0.0.1", port: Int(port)).wait()
        channel.closeFuture.whenComplete { _ in finished.fail(ChannelError.ioOnClosedChannel) }
        let nanoseconds = try finished.futureResult.wait()
        try? channel.close().wait()
        return nanoseconds
    }

    /// The baseline server: swift-nio-ssl on the host with an ordinary self-signed P-256
    /// certificate, either closing right after each handshake or echoing what it reads.
    public final class HostServer: Sendable {
        public enum Mode: Sendable { case handshakeThenClose, echo }
        let channel: any Channel
        public var port: UInt16 { UInt16(channel.localAddress?.port ?? 0) }

        public init(mode: Mode, group: any EventLoopGroup) throws {
            let key = P256.Signing.PrivateKey()
            let name = try DistinguishedName { CommonName("sgx-bench host baseline") }
            let certificate = try Certificate(
                version: .v3, serialNumber: Certificate.SerialNumber(),
                publicKey: Certificate.PublicKey(key.publicKey),
                notValidBefore: Date.now.addingTimeInterval(-3600), notValidAfter: Date.now.addingTimeInterval(86_400),
                issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: Certificate.Extensions(),
                issuerPrivateKey: Certificate.PrivateKey(key))
            var serializer = DER.Serializer()
            try serializer.serialize(certificate)
            var configuration = TLSConfiguration.makeServerConfiguration(
                certificateChain: [.certificate(try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der))],
                privateKey: .privateKey(try NIOSSLPrivateKey(bytes: Array(key.pemRepresentation.utf8), format: .pem)))
            configuration.minimumTLSVersion = .tlsv13
            let context = try NIOSSLContext(configuration: configuration)
            channel = try ServerBootstrap(group: group)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                        switch mode {
                        case .handshakeThenClose: try channel.pipeline.syncOperations.addHandler(CloseAfterHandshake())
                        case .echo: try channel.pipeline.syncOperations.addHandler(EchoServer())
                        }
                    }
                }
                .bind(host: "127.0.0.1", port: 0).wait()
        }

        public func close() { try? channel.close().wait() }
    }
}

/// Completes the promise when the handshake does.
private final class HandshakeWaiter: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    let promise: EventLoopPromise<Void>
    init(promise: EventLoopPromise<Void>) { self.promise = promise }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { promise.succeed(()) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}

/// After the handshake, writes `total` bytes and counts them coming back.
private final class EchoClient: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let total: Int
    let promise: EventLoopPromise<UInt64>
    var received = 0
    var start: UInt64 = 0

    init(total: Int, promise: EventLoopPromise<UInt64>) {
        self.total = total
        self.promise = promise
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            let piece = ByteBuffer(repeating: 0x5A, count: 64 << 10)
            start = DispatchTime.now().uptimeNanoseconds
            var left = total
            while left > 0 {
                let size = min(left, piece.readableBytes)
                context.write(wrapOutboundOut(piece.getSlice(at: 0, length: size)!), promise: nil)
                left -= size
            }
            context.flush()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        received += unwrapInboundIn(data).readableBytes
        if received >= total {
            promise.succeed(DispatchTime.now().uptimeNanoseconds - start)
            context.close(promise: nil)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}

/// The baseline echo: writes back what it reads, flushing once per read burst.
private final class EchoServer: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.write(data, promise: nil)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        context.flush()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// The baseline of the handshake row: closes (close_notify) once the handshake completes,
/// as the enclave server does.
private final class CloseAfterHandshake: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event { context.close(promise: nil) }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
