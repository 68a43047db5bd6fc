import ArgumentParser
import Foundation
import SGXAttestation
import SGXTypes

/// `swift-sgx verify-quote`: DCAP quote verification with a policy. Exit status 0 only when
/// the quote verifies and the policy passes.
struct VerifyQuoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-quote",
        abstract: "Verify an SGX DCAP ECDSA quote against collateral and a policy.",
        discussion: """
            Collateral: a swift-sgx bundle (Docs/collateral.md), a dcap-qvl JSON file, or a directory \
            of Intel PCS or Fortanix files. Trust: Intel's SGX Root CA key unless --root is given. \
            Default policy: non-debug enclave, TCB status UpToDate.
            """)

    @Argument(help: "The quote file (binary).")
    var quote: String

    @Option(help: "Collateral file or directory.")
    var collateral: String

    @Option(name: .customLong("root"), help: "Trust this root certificate's key instead of Intel's (repeatable).")
    var roots: [String] = []

    @Option(help: "Verification time, ISO 8601 (default: now).")
    var at: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    @Option(help: "Expected MRENCLAVE (hex).")
    var mrenclave: String?

    @Option(help: "Expected MRSIGNER (hex).")
    var mrsigner: String?

    @Option(name: .customLong("isv-prod-id"), help: "Expected ISVPRODID.")
    var isvProdID: UInt16?

    @Option(name: .customLong("min-isv-svn"), help: "Minimum ISVSVN.")
    var minISVSVN: UInt16?

    @Flag(name: .customLong("allow-debug"), help: "Accept debug enclaves.")
    var allowDebug = false

    @Option(name: .customLong("accept-status"), help: "Accept this TCB status (repeatable; default UpToDate).")
    var acceptStatus: [String] = []

    @Option(name: .customLong("report-data"), help: "Expected report data (hex, up to 64 bytes; zero-padded).")
    var reportData: String?

    @Option(name: .customLong("max-collateral-age"), help: "Maximum age of the oldest collateral document, in seconds.")
    var maxCollateralAge: Double?

    @Flag(name: .customLong("allow-missing-root-crl"), help: "Do not fail when the collateral has no root CA CRL (old collateral).")
    var allowMissingRootCRL = false

    func run() throws {
        let request = try makeRequest()
        let report = request.run()
        print(json ? report.json : report.text)
        if !report.verified { throw ExitCode.failure }
    }

    func makeRequest() throws -> QuoteVerificationRequest {
        func hex(_ text: String?, _ name: String, count: ClosedRange<Int>) throws -> [UInt8]? {
            try VerificationOptionParsing.hex(text, name, count: count)
        }
        let time = try VerificationOptionParsing.time(at)
        let statuses = try VerificationOptionParsing.statuses(acceptStatus)
        return QuoteVerificationRequest(
            quotePath: URL(fileURLWithPath: quote), collateralPath: URL(fileURLWithPath: collateral),
            rootCertificatePaths: roots.map { URL(fileURLWithPath: $0) }, time: time,
            options: .init(requireRootCACRL: !allowMissingRootCRL),
            expectedMREnclave: try hex(mrenclave, "mrenclave", count: 32...32), expectedMRSigner: try hex(mrsigner, "mrsigner", count: 32...32),
            expectedISVProdID: isvProdID, minimumISVSVN: minISVSVN, allowDebug: allowDebug, acceptedStatuses: statuses,
            expectedReportData: try hex(reportData, "report-data", count: 0...64), maximumCollateralAge: maxCollateralAge)
    }
}
