import ArgumentParser
import Foundation
import SGXAttestation
import SGXTypes

/// `swift-sgx ratls`: RA-TLS certificates (an SGX quote in an X.509 extension).
struct RATLSCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ratls",
        abstract: "Work with RA-TLS certificates.",
        subcommands: [RATLSVerifyCommand.self])
}

/// `swift-sgx ratls verify`: verify an RA-TLS certificate (DICE, legacy or Open Enclave
/// evidence) with the DCAP quote verifier, the key binding and a policy. Exit status 0 only
/// when all three pass.
struct RATLSVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an RA-TLS certificate: its quote, its key binding and a policy.",
        discussion: """
            The certificate is PEM or DER. Evidence: OID 2.23.133.5.4.9 (DICE), 1.2.840.113741.1.13.1 \
            (legacy raw quote) or 1.2.840.113556.10.1.1 (Open Enclave). Collateral and trust as in \
            verify-quote: Intel's SGX Root CA key unless --root is given (pass the swift-sgx simulation \
            root with --root to accept simulated quotes). Default policy: non-debug enclave, TCB status \
            UpToDate, any MRENCLAVE/MRSIGNER (pin one with --mrenclave or --mrsigner).
            """)

    @Argument(help: "The RA-TLS certificate (PEM or DER).")
    var certificate: String

    @Option(help: "Collateral file or directory (as for verify-quote; see Docs/collateral.md).")
    var collateral: String?

    @OptionGroup var common: VerificationOptions

    @Option(help: "Accepted MRENCLAVE (hex; repeatable: any of them).")
    var mrenclave: [String] = []

    @Option(help: "Accepted MRSIGNER (hex; repeatable: any of them).")
    var mrsigner: [String] = []

    func run() throws {
        let report = try makeRequest().run()
        print(common.json ? report.json : report.text)
        if !report.verified { throw ExitCode.failure }
    }

    func makeRequest() throws -> RATLSVerificationRequest {
        func measurements(_ values: [String], _ name: String) throws -> Set<[UInt8]> {
            var set = Set<[UInt8]>()
            for value in values {
                if let bytes = try VerificationOptionParsing.hex(value, name, count: 32...32) { set.insert(bytes) }
            }
            return set
        }
        let statuses = try common.statuses()
        let policy = RATLSPolicy(
            mrEnclaves: try measurements(mrenclave, "mrenclave"), mrSigners: try measurements(mrsigner, "mrsigner"),
            isvProdID: common.isvProdID, minimumISVSVN: common.minISVSVN, allowDebug: common.allowDebug,
            acceptedTCBStatuses: statuses.isEmpty ? [.upToDate] : statuses)
        return RATLSVerificationRequest(
            certificatePath: URL(fileURLWithPath: certificate), collateralPath: collateral.map { URL(fileURLWithPath: $0) },
            rootCertificatePaths: common.rootURLs, time: try common.time(),
            options: common.verificationOptions, policy: policy)
    }
}
