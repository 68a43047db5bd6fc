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

    @OptionGroup var common: VerificationOptions

    @Option(help: "Expected MRENCLAVE (hex).")
    var mrenclave: String?

    @Option(help: "Expected MRSIGNER (hex).")
    var mrsigner: String?

    @Option(name: .customLong("report-data"), help: "Expected report data (hex, up to 64 bytes; zero-padded).")
    var reportData: String?

    @Option(name: .customLong("max-collateral-age"), help: "Maximum age of the oldest collateral document, in seconds.")
    var maxCollateralAge: Double?

    func run() throws {
        let request = try makeRequest()
        let report = request.run()
        print(common.json ? report.json : report.text)
        if !report.verified { throw ExitCode.failure }
    }

    func makeRequest() throws -> QuoteVerificationRequest {
        func hex(_ text: String?, _ name: String, count: ClosedRange<Int>) throws -> [UInt8]? {
            try VerificationOptionParsing.hex(text, name, count: count)
        }
        return QuoteVerificationRequest(
            quotePath: URL(fileURLWithPath: quote), collateralPath: URL(fileURLWithPath: collateral),
            rootCertificatePaths: common.rootURLs, time: try common.time(), options: common.verificationOptions,
            expectedMREnclave: try hex(mrenclave, "mrenclave", count: 32...32), expectedMRSigner: try hex(mrsigner, "mrsigner", count: 32...32),
            expectedISVProdID: common.isvProdID, minimumISVSVN: common.minISVSVN, allowDebug: common.allowDebug,
            acceptedStatuses: try common.statuses(),
            expectedReportData: try hex(reportData, "report-data", count: 0...64), maximumCollateralAge: maxCollateralAge)
    }
}
