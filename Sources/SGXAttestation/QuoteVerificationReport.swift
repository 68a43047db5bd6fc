import Foundation
import SGXTypes

/// What `swift-sgx verify-quote` does, as a function: read a quote and collateral, verify at a
/// time under the given roots, apply a policy, and describe the outcome.
public struct QuoteVerificationRequest: Sendable {
    public var quotePath: URL
    public var collateralPath: URL
    /// Certificate files whose keys replace Intel's root as trust anchors (PEM or DER).
    public var rootCertificatePaths: [URL]
    public var time: Date
    public var options: QuoteVerifier.Options
    public var expectedMREnclave: [UInt8]?
    public var expectedMRSigner: [UInt8]?
    public var expectedISVProdID: UInt16?
    public var minimumISVSVN: UInt16?
    public var allowDebug: Bool
    /// Accepted combined TCB statuses; empty means `[.upToDate]`.
    public var acceptedStatuses: Set<TCBStatus>
    public var expectedReportData: [UInt8]?
    public var maximumCollateralAge: TimeInterval?

    public init(quotePath: URL, collateralPath: URL, rootCertificatePaths: [URL] = [], time: Date = Date(),
                options: QuoteVerifier.Options = .init(), expectedMREnclave: [UInt8]? = nil, expectedMRSigner: [UInt8]? = nil,
                expectedISVProdID: UInt16? = nil, minimumISVSVN: UInt16? = nil, allowDebug: Bool = false,
                acceptedStatuses: Set<TCBStatus> = [], expectedReportData: [UInt8]? = nil, maximumCollateralAge: TimeInterval? = nil) {
        self.quotePath = quotePath
        self.collateralPath = collateralPath
        self.rootCertificatePaths = rootCertificatePaths
        self.time = time
        self.options = options
        self.expectedMREnclave = expectedMREnclave
        self.expectedMRSigner = expectedMRSigner
        self.expectedISVProdID = expectedISVProdID
        self.minimumISVSVN = minimumISVSVN
        self.allowDebug = allowDebug
        self.acceptedStatuses = acceptedStatuses
        self.expectedReportData = expectedReportData
        self.maximumCollateralAge = maximumCollateralAge
    }

    /// The policy these options describe.
    public var policy: AllOf {
        AllOf {
            DebugPolicy(allowDebug: allowDebug)
            AcceptedTCBStatuses(acceptedStatuses.isEmpty ? [.upToDate] : acceptedStatuses)
            if let expectedMREnclave { ExpectedMREnclave(expectedMREnclave) }
            if let expectedMRSigner { ExpectedMRSigner(expectedMRSigner) }
            if let expectedISVProdID { ExpectedISVProdID(expectedISVProdID) }
            if let minimumISVSVN { MinimumISVSVN(minimumISVSVN) }
            if let expectedReportData { ExpectedReportData(expectedReportData) }
            if let maximumCollateralAge { MaximumCollateralAge(seconds: maximumCollateralAge) }
        }
    }

    /// Runs the verification; never throws: failures are described in the report.
    public func run() -> QuoteVerificationReport {
        var report = QuoteVerificationReport(time: time)
        do {
            let quoteBytes: [UInt8]
            do {
                quoteBytes = [UInt8](try Data(contentsOf: quotePath))
            } catch {
                throw QuoteVerificationError(.malformedQuote, "cannot read quote \(quotePath.path): \(error.localizedDescription)")
            }
            let quote = try UnverifiedQuote(bytes: quoteBytes)
            report.describe(quote.quote.reportBody)
            let collateral = try Collateral.load(contentsOf: collateralPath)
            let verifier = try QuoteVerifier(rootCertificatePaths: rootCertificatePaths, options: options)
            let verified = try verifier.verify(quote, collateral: collateral, at: time)
            report.describe(verified)
            try verified.check(policy)
            report.verified = true
        } catch let error as QuoteVerificationError {
            report.error = error.detail
            report.errorCode = error.code.name
        } catch {
            report.error = "\(error)"
            report.errorCode = "unexpected"
        }
        return report
    }
}

/// The outcome of ``QuoteVerificationRequest/run()``, also the JSON `verify-quote --json`
/// prints. Hashes and report data are lowercase hex; dates ISO 8601.
public struct QuoteVerificationReport: Codable, Sendable, Hashable {
    /// True only when the quote verified *and* the policy passed.
    public var verified = false
    /// `ratls verify` only: the evidence extension (`dice`, `legacy`, `openenclave`).
    public var `extension`: String?
    /// `ratls verify` only: whether the quote's REPORTDATA binds the certificate key (nil
    /// when verification did not get that far).
    public var keyBound: Bool?
    /// Combined TCB status (nil when verification did not get that far).
    public var status: String?
    public var platformStatus: String?
    public var qeStatus: String?
    public var advisoryIDs: [String] = []
    public var mrenclave: String?
    public var mrsigner: String?
    public var isvProdID: UInt16?
    public var isvSvn: UInt16?
    public var debug: Bool?
    public var reportData: String?
    public var fmspc: String?
    public var tcbDate: String?
    public var collateralExpiry: String?
    public var verificationTime: String
    public var trustedRoot: String?
    public var skippedChecks: [String] = []
    /// The failing check (a ``QuoteVerificationError/Code`` name) and its detail.
    public var errorCode: String?
    public var error: String?

    public init(time: Date) { verificationTime = iso(time) }

    mutating func describe(_ body: ReportBody) {
        mrenclave = body.mrEnclave.hexString
        mrsigner = body.mrSigner.hexString
        isvProdID = body.isvProdID
        isvSvn = body.isvSVN
        debug = body.isDebug
        reportData = body.reportData.hexString
    }

    mutating func describe(_ verified: VerifiedQuote) {
        status = verified.tcbStatus.rawValue
        platformStatus = verified.platformTCBStatus.rawValue
        qeStatus = verified.qeTCBStatus.rawValue
        advisoryIDs = verified.advisoryIDs
        fmspc = verified.fmspc.hexString
        tcbDate = verified.tcbDate.map(iso)
        collateralExpiry = iso(verified.collateralExpiry)
        trustedRoot = verified.trustedRoot.description
        skippedChecks = verified.skippedChecks
    }

    /// Records the failure `error` (its code name and detail).
    mutating func fail(_ error: QuoteVerificationError) {
        self.error = error.detail
        errorCode = error.code.name
    }

    /// Pretty, key-sorted JSON.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
    }

    /// A few lines for people.
    public var text: String {
        var lines: [String] = []
        lines.append(verified ? (keyBound == true ? "OK: quote verified, key bound and policy met" : "OK: quote verified and policy met")
                              : "FAILED: \(errorCode ?? "error"): \(error ?? "")")
        if let `extension` { lines.append("RA-TLS evidence: \(`extension`)  key bound: \(keyBound.map(String.init) ?? "not checked")") }
        if let status { lines.append("TCB status: \(status) (platform \(platformStatus ?? "?"), QE \(qeStatus ?? "?"))") }
        if !advisoryIDs.isEmpty { lines.append("advisories: \(advisoryIDs.joined(separator: ", "))") }
        if let mrenclave { lines.append("MRENCLAVE: \(mrenclave)") }
        if let mrsigner { lines.append("MRSIGNER: \(mrsigner)") }
        if let isvProdID, let isvSvn { lines.append("ISVPRODID: \(isvProdID)  ISVSVN: \(isvSvn)  debug: \(debug ?? false)") }
        if let reportData { lines.append("report data: \(reportData)") }
        if let collateralExpiry { lines.append("collateral expires: \(collateralExpiry)") }
        for check in skippedChecks { lines.append("skipped: \(check)") }
        return lines.joined(separator: "\n")
    }
}
