// Host side of the provisioning enclave (Library/ProvisioningEnclave): typed calls over
// its ECALLs, shared by the example, the tests and sgx-bench. The host never sees the
// TLS keys or the secret: it moves ciphertext between the socket and the enclave.
import SGXHost
import SGXTypes

/// The provisioning enclave declares no OCALLs of its own (sockets are runtime OCALLs).
struct NoOCalls: ProvisioningOCalls {}

/// An ECALL of the provisioning enclave that returned a failure status.
public struct ProvisioningFailure: Error, CustomStringConvertible {
    public let step: String
    public let status: UInt32
    /// What the enclave reported (the TLS error for client exchanges).
    public let detail: String

    public var description: String {
        let name = SGXStatus(rawValue: status).map { "\($0)" } ?? String(status, radix: 16)
        return "\(step) failed: \(name)" + (detail.isEmpty ? "" : " (\(detail))")
    }
}

/// One loaded provisioning enclave.
public struct ProvisioningService: ~Copyable, Sendable {
    /// Evidence format of the server's certificate.
    public enum EvidenceFormat: UInt32, Sendable {
        case dice = 0
        case legacy = 1
    }

    public let enclave: Enclave

    /// Loads the enclave image built by the package plugin.
    public init() throws {
        enclave = try Enclave(path: ProvisioningEnclave.path, ocalls: Provisioning.ocallTable(NoOCalls()))
    }

    /// Loads an enclave image (for tests that load a second instance).
    public init(path: String) throws {
        enclave = try Enclave(path: path, ocalls: Provisioning.ocallTable(NoOCalls()))
    }

    /// Where the plugin put the signed image.
    public static var imagePath: String { ProvisioningEnclave.path }

    private func check(_ status: UInt32, _ step: String, _ detail: String = "") throws(ProvisioningFailure) {
        guard status == 0 else { throw ProvisioningFailure(step: step, status: status, detail: detail) }
    }

    /// Makes the enclave's RA-TLS credential and starts its server on 127.0.0.1.
    public func startServer(format: EvidenceFormat = .dice, requireClientAttestation: Bool = false,
                            rootKeyHash: [UInt8] = [UInt8](repeating: 0, count: 32)) throws -> (port: UInt16, certificate: [UInt8]) {
        var port: UInt16 = 0
        var certificate = [UInt8](repeating: 0, count: 32 << 10)
        var length: UInt64 = 0
        try check(try enclave.ecall_server_start(format.rawValue, requireClientAttestation ? 1 : 0, rootKeyHash, &port,
                                                 &certificate, certificate.count, &length), "server start")
        return (port, Array(certificate.prefix(Int(length))))
    }

    /// Serves one provisioning client; returns the sealed secret.
    public func provisionOne() throws -> [UInt8] {
        var sealed = [UInt8](repeating: 0, count: 8 << 10)
        var length: UInt64 = 0
        try check(try enclave.ecall_server_provision_one(&sealed, sealed.count, &length), "provision")
        return Array(sealed.prefix(Int(length)))
    }

    /// Serves one echo client; returns the bytes echoed.
    public func echoOne() throws -> UInt64 {
        var echoed: UInt64 = 0
        try check(try enclave.ecall_server_echo_one(&echoed), "echo")
        return echoed
    }

    /// Serves one client: the TLS handshake and a close (sgx-bench's handshake row). With
    /// `freshEvidence` the enclave first makes a new key, quote and certificate.
    public func handshakeOne(freshEvidence: Bool) throws {
        try check(try enclave.ecall_server_handshake_one(freshEvidence ? 1 : 0), "handshake")
    }

    /// Stops the server.
    public func stopServer() throws {
        try check(try enclave.ecall_server_stop(), "server stop")
    }

    /// Unseals a provisioned secret inside this enclave; returns its length.
    public func unseal(_ sealed: [UInt8]) throws -> Int {
        var length: UInt64 = 0
        try check(try enclave.ecall_unseal(sealed, sealed.count, &length), "unseal")
        return Int(length)
    }

    /// The enclave as an RA-TLS client of 127.0.0.1:`port`: sends `message`, returns the
    /// server's reply.
    public func clientExchange(port: UInt16, rootKeyHash: [UInt8], presentCredential: Bool,
                               message: [UInt8]) throws -> [UInt8] {
        var reply = [UInt8](repeating: 0, count: 64 << 10)
        var length: UInt64 = 0
        var errorText = [UInt8](repeating: 0, count: 256)
        let status = try enclave.ecall_client_exchange(port, rootKeyHash, presentCredential ? 1 : 0, message, message.count,
                                                       &reply, reply.count, &length, &errorText)
        try check(status, "client exchange", String(decoding: errorText.prefix { $0 != 0 }, as: UTF8.self))
        return Array(reply.prefix(Int(length)))
    }
}
