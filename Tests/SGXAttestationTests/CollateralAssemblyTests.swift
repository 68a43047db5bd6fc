import Foundation
import SGXAttestation
import SGXTypes
import Testing

/// `swift-sgx collateral bundle` as a function (``CollateralAssembly``): pieces in each input
/// format, built from the DCAP fixtures, recognised by content and assembled into collateral
/// that verifies the fixture quotes.
@Suite struct CollateralAssemblyTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("collateral-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func text(_ path: String) -> String { String(decoding: Fixtures.bytes(path), as: UTF8.self) }
    func urlEncoded(_ pem: String) -> String { pem.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    /// Set A's pieces as Intel PCS v4 / PCCS responses: response bodies, issuer-chain header
    /// values (URL-encoded PEM, one with its header name), a DER PCK CRL and a hex root CA CRL.
    func writePCSResponses(to directory: URL) throws {
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: directory.appendingPathComponent(name)) }
        let tcbBody = text("A-phala-sgx-v3/split_tcb_info.json").trimmingCharacters(in: .newlines)
        let qeBody = text("A-phala-sgx-v3/split_qe_identity.json").trimmingCharacters(in: .newlines)
        try write("tcb-response.json", "{\"tcbInfo\":\(tcbBody),\"signature\":\"\(text("A-phala-sgx-v3/split_tcb_info.sig.hex").trimmingCharacters(in: .whitespacesAndNewlines))\"}")
        try write("tcb-issuer-chain.txt", "TCB-Info-Issuer-Chain: " + urlEncoded(text("A-phala-sgx-v3/split_tcb_info_issuer_chain.pem")))
        try write("qe-response.json", "{\"enclaveIdentity\":\(qeBody),\"signature\":\"\(text("A-phala-sgx-v3/split_qe_identity.sig.hex").trimmingCharacters(in: .whitespacesAndNewlines))\"}")
        try write("qe-issuer-chain.txt", urlEncoded(text("A-phala-sgx-v3/split_qe_identity_issuer_chain.pem")))
        try Data(Fixtures.bytes("A-phala-sgx-v3/split_pck_crl.der")).write(to: directory.appendingPathComponent("pckcrl.der"))
        try write("pckcrl-issuer-chain.txt", "SGX-PCK-CRL-Issuer-Chain:" + urlEncoded(text("A-phala-sgx-v3/split_pck_crl_issuer_chain.pem")))
        try write("rootcacrl.hex", Fixtures.bytes("A-phala-sgx-v3/split_root_ca_crl.der").hexString)
    }

    func verifySetA(_ collateral: Collateral) throws {
        let verified = try QuoteVerifier().verify(Fixtures.quote("A-phala-sgx-v3/quote.bin"), collateral: collateral, at: Fixtures.timeA)
        #expect(verified.tcbStatus == .configurationAndSWHardeningNeeded)
    }

    @Test func pcsResponsesAndHeaders() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try writePCSResponses(to: directory)
        var assembly = CollateralAssembly()
        try assembly.add(contentsOf: directory)
        let collateral = try assembly.collateral()
        let reference = try Collateral.load(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        #expect(collateral.tcbInfo?.body == reference.tcbInfo?.body)
        #expect(collateral.tcbInfo?.signature == reference.tcbInfo?.signature)
        #expect(collateral.qeIdentity?.body == reference.qeIdentity?.body)
        #expect(collateral.pckCRL == reference.pckCRL)
        #expect(collateral.rootCACRL == reference.rootCACRL)
        #expect(collateral.tcbInfo?.issuerChain.count == 2)
        #expect(collateral.pckCRLIssuerChain.count == 2)
        #expect(assembly.recognised.contains { $0.kind.contains("TCB-Info-Issuer-Chain header") })
        #expect(assembly.recognised.contains { $0.kind == "CRL (hex of DER)" })
        try verifySetA(collateral)
        // And through a bundle file.
        try verifySetA(try Collateral(json: collateral.bundleJSON()))
    }

    @Test func dcapQVLJSON() throws {
        var assembly = CollateralAssembly()
        try assembly.add(contentsOf: Fixtures.url("A-phala-sgx-v3/collateral.json"))
        #expect(assembly.recognised.map(\.kind) == ["dcap-qvl collateral JSON"])
        try verifySetA(try assembly.collateral())
    }

    @Test func intelPCSDirectoryWithPEMAndDERCRLs() throws {
        var assembly = CollateralAssembly()
        try assembly.add(contentsOf: Fixtures.url("B-intel-qvl-sample-testpki"))
        #expect(assembly.recognised.contains { $0.kind.contains("\"QVE\"") })  // the QvE identity is not taken for the QE's
        let collateral = try assembly.collateral()
        let verified = try QuoteVerifier(trustedRoots: [Fixtures.root("B-intel-qvl-sample-testpki/trustedRootCaCert.pem")])
            .verify(Fixtures.quote("B-intel-qvl-sample-testpki/quote.dat"), collateral: collateral, at: Fixtures.timeB)
        #expect(verified.tcbStatus == .upToDate)
    }

    @Test func fortanixLayoutHasNoRootCACRL() throws {
        var assembly = CollateralAssembly()
        try assembly.add(contentsOf: Fixtures.url("C-fortanix-pcs-2020"))
        let error = #expect(throws: QuoteVerificationError.self) { _ = try assembly.collateral() }
        #expect(error?.code == .missingCollateral)
        #expect(error?.detail.contains("root CA CRL") == true)
        #expect(error?.detail.contains("TCB info") == false)
        let collateral = try assembly.collateral(requireRootCACRL: false)
        let verified = try QuoteVerifier(options: .init(requireRootCACRL: false))
            .verify(Fixtures.quote("C-fortanix-pcs-2020/quote.bin"), collateral: collateral, at: Fixtures.timeC)
        #expect(verified.tcbStatus == .swHardeningNeeded)
    }

    @Test func missingPiecesAreNamed() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try writePCSResponses(to: directory)
        var onlyTCB = CollateralAssembly()
        try onlyTCB.add(contentsOf: directory.appendingPathComponent("tcb-response.json"))
        let error = #expect(throws: QuoteVerificationError.self) { _ = try onlyTCB.collateral() }
        let detail = error?.detail ?? ""
        for piece in ["TCB info issuer chain", "QE identity (", "PCK CRL (", "root CA CRL"] {
            #expect(detail.contains(piece), "\(piece) not named in: \(detail)")
        }
        // Everything but the PCK CRL's issuer chain.
        var noCRLChain = CollateralAssembly()
        for name in ["tcb-response.json", "tcb-issuer-chain.txt", "qe-response.json", "qe-issuer-chain.txt", "pckcrl.der", "rootcacrl.hex"] {
            try noCRLChain.add(contentsOf: directory.appendingPathComponent(name))
        }
        let chainError = #expect(throws: QuoteVerificationError.self) { _ = try noCRLChain.collateral() }
        #expect(chainError?.detail.contains("PCK CRL issuer chain") == true)
        #expect(chainError?.detail.contains("TCB info") == false)
    }

    @Test func unrecognisedInput() {
        var assembly = CollateralAssembly()
        let error = #expect(throws: QuoteVerificationError.self) { try assembly.add(Array("hello".utf8), source: "x") }
        #expect(error?.code == .malformedCollateral)
        let json = #expect(throws: QuoteVerificationError.self) { try assembly.add(Array("{\"a\":1}".utf8), source: "y.json") }
        #expect(json?.detail.contains("none of the recognised members") == true)
    }
}
