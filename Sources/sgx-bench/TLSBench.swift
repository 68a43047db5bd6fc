// RA-TLS rows: the provisioning enclave's TLS server against a swift-nio-ssl server on the
// host, both driven by the same swift-nio-ssl client (Examples/SecretProvisioning/Library).
import BenchReport
import Dispatch
import Foundation
import NIOPosix
import SecretProvisioning

/// A benchmark that could not measure what it claims (a wrong byte count, a failed peer).
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A result handed from the client thread back to the measuring one.
private final class Handoff<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Runs `client` `count` times on a thread of its own while `serve` runs `count` times on
/// this one (the enclave server borrows the enclave, which cannot leave this thread's
/// scope); returns the wall time in nanoseconds of both finishing.
private func sideBySide(_ count: Int, client: @escaping @Sendable () throws -> Void,
                        serve: () throws -> Void) throws -> Double {
    let clientDone = DispatchSemaphore(value: 0)
    let clientError = Handoff<(any Error)?>(nil)
    let start = DispatchTime.now().uptimeNanoseconds
    Thread {
        do {
            for _ in 0..<count { try client() }
        } catch {
            clientError.value = error
        }
        clientDone.signal()
    }.start()
    var serverError: (any Error)? = nil
    do {
        for _ in 0..<count { try serve() }
    } catch {
        serverError = error
    }
    clientDone.wait()
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start)
    if let error = clientError.value { throw error }
    if let serverError { throw serverError }
    return elapsed
}

/// Wall nanoseconds per call of `body` over `count` calls.
private func wallPerCall(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count { try body() }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(count)
}

func tlsBenchRows() throws -> [BenchRow] {
    let clientGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let serverGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    defer {
        try? clientGroup.syncShutdownGracefully()
        try? serverGroup.syncShutdownGracefully()
    }
    let service = try ProvisioningService()
    let (enclavePort, _) = try service.startServer(format: .dice)
    defer { try? service.stopServer() }

    // ratls-handshake: per handshake the enclave makes a fresh key, quote and certificate
    // and completes a TLS 1.3 handshake; the baseline is the same handshake with an
    // ordinary certificate, swift-nio-ssl on both ends. Interleaved rounds.
    let handshakes = 40
    let handshakeServer = try TLSBenchPeers.HostServer(mode: .handshakeThenClose, group: serverGroup)
    defer { handshakeServer.close() }
    let (enclaveHandshake, hostHandshake) = try interleaved(ours: {
        try sideBySide(handshakes, client: {
            try TLSBenchPeers.handshake(port: enclavePort, group: clientGroup)
        }, serve: { try service.handshakeOne(freshEvidence: true) }) / Double(handshakes)
    }, baseline: {
        let port = handshakeServer.port
        return try wallPerCall(handshakes) { try TLSBenchPeers.handshake(port: port, group: clientGroup) }
    })
    // (A failed handshake on either side throws out of sideBySide / wallPerCall.)
    var rows = [BenchRow(name: "ratls-handshake", ours: enclaveHandshake, baseline: hostHandshake,
                         baselineName: "swift-nio-ssl TLS 1.3 handshake, ordinary P-256 certificate",
                         note: "the enclave side makes a new key, quote and certificate per handshake")]

    // tls-bulk-16MiB: 16 MiB echoed through an established connection (handshake excluded).
    let total = 16 << 20
    let echoServer = try TLSBenchPeers.HostServer(mode: .echo, group: serverGroup)
    defer { echoServer.close() }
    let (enclaveBulk, hostBulk) = try interleaved(ours: {
        let clientNs = Handoff<UInt64>(0)
        var echoed: UInt64 = 0
        _ = try sideBySide(1, client: {
            clientNs.value = try TLSBenchPeers.echo(port: enclavePort, total: total, group: clientGroup)
        }, serve: { echoed = try service.echoOne() })
        try expectWork(echoed == UInt64(total), "the enclave echoed \(echoed) of \(total) bytes")
        return Double(clientNs.value)
    }, baseline: {
        Double(try TLSBenchPeers.echo(port: echoServer.port, total: total, group: clientGroup))
    })
    rows.append(BenchRow(name: "tls-bulk-16MiB", ours: enclaveBulk, baseline: hostBulk, baselineName: "swift-nio-ssl echo server on the host",
                         note: String(format: "enclave %.0f MiB/s; target <= 1.25", 16e9 / enclaveBulk.median)))
    return rows
}
