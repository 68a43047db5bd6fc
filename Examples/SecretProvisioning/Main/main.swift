// swift run secret-provisioning-example: a relying party provisions a secret into an
// enclave over RA-TLS. The enclave makes a TLS key, gets a quote binding it, and serves
// TLS on 127.0.0.1 (port chosen by the OS) from inside the enclave; a Swift NIO client
// verifies the certificate's quote against the collateral and a policy before it sends the
// secret; the enclave seals it, and a fresh enclave instance unseals it.
//
// SIMULATION MODE: no isolation, and the quote is signed by the simulator's public test
// PKI, which this client trusts only because it is told to (the simulation root).
import Dispatch
import Foundation
import NIOPosix
import SecretProvisioning
import SGXAttestation
import SGXHost
import SGXTypes

func run() throws {
    let service = try ProvisioningService()
    let (port, certificate) = try service.startServer(format: .dice)
    print("enclave RA-TLS server on 127.0.0.1:\(port), certificate \(certificate.count) bytes (quote in extension 2.23.133.5.4.9)")

    // The relying party's expectations: this exact enclave build, from this signer.
    let quoting = SimulatedQuoting.quotingEnclave
    let policy = RATLSPolicy(mrEnclaves: [service.enclave.identity.mrenclave], mrSigners: [service.enclave.identity.mrsigner],
                             isvProdID: 11, minimumISVSVN: 2, allowDebug: true, acceptedTCBStatuses: [.upToDate])
    let verifier = RATLSVerifier(quoteVerifier: QuoteVerifier(trustedRoots: [quoting.trustedRoot]),
                                 collateral: quoting.collateral, policy: policy)
    let secret = Array("the database master key: 7f3a9c01e25d4b68".utf8)

    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    defer { try? group.syncShutdownGracefully() }
    nonisolated(unsafe) var sealed: Result<[UInt8], any Error> = .success([])
    nonisolated(unsafe) var outcome: Result<ProvisioningClient.Outcome, ProvisioningClient.Failure>? = nil
    // The enclave serves one client on one thread while the client runs on another.
    DispatchQueue.concurrentPerform(iterations: 2) { index in
        if index == 0 {
            sealed = Result { try service.provisionOne() }
        } else {
            do throws(ProvisioningClient.Failure) {
                outcome = .success(try ProvisioningClient.provision(secret: secret, port: port, verifier: verifier, group: group))
            } catch {
                outcome = .failure(error)
            }
        }
    }
    let verified = try outcome!.get()
    let blob = try sealed.get()
    let report = verified.identity.quote.reportBody
    print("client verified the enclave (\(verified.protocolVersion), evidence: \(verified.identity.format.rawValue)):")
    print("  MRENCLAVE  \(hex(report.mrEnclave))")
    print("  MRSIGNER   \(hex(report.mrSigner))")
    print("  ISVPRODID  \(report.isvProdID)  ISVSVN \(report.isvSVN)  debug \(report.isDebug)")
    print("  TCB status \(verified.identity.quote.tcbStatus)")
    print("enclave replied: \(String(decoding: verified.reply, as: UTF8.self))")
    guard verified.reply == Array("sealed \(secret.count) bytes".utf8) else { throw SGXError(.unexpected, "unexpected reply") }
    try service.stopServer()

    // A fresh instance of the same enclave (same signer) unseals the secret.
    let fresh = try ProvisioningService()
    let length = try fresh.unseal(blob)
    guard length == secret.count else { throw SGXError(.unexpected, "unsealed \(length) bytes, sent \(secret.count)") }
    print("a fresh enclave instance unsealed the \(length)-byte secret from the \(blob.count)-byte sealed blob")
    print("SIMULATION MODE: no isolation; the quote verified only because this client trusts the simulator's public test root")
    print("provisioned")
}

func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

do {
    try run()
} catch {
    print("error: \(error)")
    exit(1)
}
