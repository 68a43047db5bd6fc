import Foundation
import NIOCore
import NIOSSL
import SGXAttestation

/// RA-TLS for swift-nio-ssl: a custom verification callback that accepts the peer only when
/// its leaf certificate passes ``RATLSVerifier`` (quote, key binding, policy), and hands the
/// verified enclave identity (or the specific ``RATLSVerificationError``) to the caller.
///
/// The TLS handshake proves possession of the certificate's private key; the RA-TLS
/// verification proves that key belongs to the attested enclave. Together: the peer is that
/// enclave. One call on a client:
/// ```swift
/// let identity = channel.eventLoop.makePromise(of: VerifiedRATLSCertificate.self)
/// let handler = try NIOSSLClientHandler(
///     context: context, serverHostname: nil,
///     customVerificationCallback: RATLSPeerVerifier(verifier).callback(resultPromise: identity))
/// ```
/// (`context` from a `TLSConfiguration` whose `certificateVerification` is not `.none`, or
/// swift-nio-ssl never calls the callback.) The same callback verifies RA-TLS *client*
/// certificates in a `NIOSSLServerHandler` (mutual RA-TLS).
///
/// BoringSSL's own chain and hostname checks are replaced entirely: an RA-TLS certificate is
/// self-signed and names no host. Verification runs on the event loop (a few ECDSA
/// verifications and the collateral checks, well under a millisecond of work per handshake).
public struct RATLSPeerVerifier: Sendable {
    public let verifier: RATLSVerifier
    /// The verification time source (default: the current time).
    public let clock: @Sendable () -> Date

    public init(_ verifier: RATLSVerifier, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.verifier = verifier
        self.clock = clock
    }

    /// Verifies the peer's chain: its first (leaf) certificate must be a valid RA-TLS
    /// certificate. Other certificates the peer sends are ignored.
    public func verify(peerChain: [NIOSSLCertificate]) -> Result<VerifiedRATLSCertificate, RATLSVerificationError> {
        guard let leaf = peerChain.first else {
            return .failure(.malformedCertificate(reason: "the peer presented no certificate"))
        }
        let der: [UInt8]
        do {
            der = try leaf.toDERBytes()
        } catch {
            return .failure(.malformedCertificate(reason: "cannot encode the peer certificate as DER: \(error)"))
        }
        do {
            return .success(try verifier.verify(certificateBytes: der, at: clock()))
        } catch {
            return .failure(error)
        }
    }

    /// A swift-nio-ssl callback that succeeds the handshake's verification only for a valid
    /// RA-TLS peer; `onResult` receives the outcome (on the event loop) before the handshake
    /// goes on or fails.
    public func callback(
        onResult: @escaping @Sendable (Result<VerifiedRATLSCertificate, RATLSVerificationError>) -> Void = { _ in }
    ) -> NIOSSLCustomVerificationCallback {
        { chain, promise in
            let result = verify(peerChain: chain)
            onResult(result)
            switch result {
            case .success: promise.succeed(.certificateVerified)
            case .failure: promise.succeed(.failed)
            }
        }
    }

    /// A swift-nio-ssl callback that also completes `resultPromise` with the verified identity,
    /// or fails it with the ``RATLSVerificationError`` (the handshake itself then fails with
    /// swift-nio-ssl's generic `handshakeFailed`).
    public func callback(resultPromise: EventLoopPromise<VerifiedRATLSCertificate>) -> NIOSSLCustomVerificationCallback {
        callback { result in resultPromise.completeWith(result.mapError { $0 as any Error }) }
    }
}
