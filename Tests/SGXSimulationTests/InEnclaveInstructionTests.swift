import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXSimulation
import SGXTypes
import Testing

/// EGETKEY and EREPORT executed inside simulation enclaves (through the runtime's
/// simulated ENCLU OCALL), checked against SimulatedCPU and the independent reference.
@Suite(.serialized) struct InEnclaveInstructionTests {
    let cpu = SimulatedCPU()

    @Test func egetkeyInsideMatchesTheSimulatedCPU() throws {
        let a = try ProbeEnclaves.load("ProbeA")
        let secs = a.secsIdentity
        #expect(secs.isvProdID == 11 && secs.isvSVN == 5)
        let request = KeyRequest(keyName: .seal, keyPolicy: .mrEnclave, isvSVN: 5, cpuSVN: SimulatedCPUSVN.default.bytes,
                                 attributeMask: SealedData.defaultAttributeMask, keyID: (0..<32).map { UInt8($0) },
                                 miscMask: SealedData.defaultMiscMask)
        let inside = try a.probeKey(request)
        #expect(inside == (try cpu.egetkey(request, for: secs)))
        #expect(inside == Reference.sealKey(request, secs))
        // The enclave's own request (CPUSVN and ISVSVN from its self report).
        let own = KeyRequest(keyName: .seal, keyPolicy: .mrEnclave, isvSVN: 5, cpuSVN: SimulatedCPUSVN.default.bytes,
                             attributeMask: SealedData.defaultAttributeMask, miscMask: SealedData.defaultMiscMask)
        #expect(try a.probeSealKey(.mrEnclave) == Reference.sealKey(own, secs))
    }

    @Test func egetkeyErrorsReachTheEnclave() throws {
        let a = try ProbeEnclaves.load("ProbeA")
        #expect(throws: SGXError(.invalidISVSVN)) {
            try a.probeKey(KeyRequest(keyName: .seal, keyPolicy: .mrSigner, isvSVN: 6))
        }
        #expect(throws: SGXError(.invalidCPUSVN)) {
            try a.probeKey(KeyRequest(keyName: .seal, keyPolicy: .mrSigner, cpuSVN: SimulatedCPUSVN.upgraded.bytes))
        }
        #expect(throws: SGXError(.invalidAttribute)) { try a.probeKey(KeyRequest(keyName: .provision)) }
        #expect(throws: SGXError(.invalidParameter)) {
            try a.probeKey(KeyRequest(keyName: .seal, keyPolicy: [.mrSigner, .noISVProdID]))
        }
        // The enclave is still healthy afterwards.
        let crashed = a.isCrashed
        #expect(!crashed)
        _ = try a.probeSealKey(.mrSigner)
    }

    @Test func policiesAcrossTwoEnclavesOfOneSigner() throws {
        let a = try ProbeEnclaves.load("ProbeA")
        let b = try ProbeEnclaves.load("ProbeB")
        #expect(a.identity.mrenclave != b.identity.mrenclave)
        #expect(a.identity.mrsigner == b.identity.mrsigner)
        #expect(try a.probeSealKey(.mrEnclave) != b.probeSealKey(.mrEnclave))
        #expect(try a.probeSealKey(.mrSigner) == b.probeSealKey(.mrSigner))
    }

    @Test func selfReportAndTargetInfo() throws {
        let a = try ProbeEnclaves.load("ProbeA")
        let report = try a.probeSelfReport()
        #expect(report.body.mrEnclave == a.identity.mrenclave)
        #expect(report.body.mrSigner == a.identity.mrsigner)
        #expect(report.body.attributes == a.identity.attributes)
        #expect(report.body.isvProdID == 11 && report.body.isvSVN == 5)
        #expect(report.body.cpuSVN == SimulatedCPUSVN.default.bytes)
        #expect(report.body.reportData == [UInt8](repeating: 0, count: 64))
        let target = try a.probeTargetInfo()
        #expect(target == a.secsIdentity.targetInfo)
    }

    @Test func reportForAnotherEnclaveVerifiesOnlyThere() throws {
        let a = try ProbeEnclaves.load("ProbeA")
        let b = try ProbeEnclaves.load("ProbeB")
        let reportData = (0..<64).map { UInt8(255 - $0) }
        let targetB = try b.probeTargetInfo()
        let report = try a.probeReport(target: targetB, reportData: reportData)
        #expect(report == (try cpu.ereport(targetInfo: targetB, reportData: reportData, for: a.secsIdentity)))
        #expect(report.body.reportData == reportData)
        #expect(report.body.mrEnclave == a.identity.mrenclave)
        // B's report key (EGETKEY(REPORT) inside B with the report's KEYID) verifies the MAC; A's does not.
        let keyB = try b.probeKey(KeyRequest(keyName: .report, keyID: report.keyID))
        let keyA = try a.probeKey(KeyRequest(keyName: .report, keyID: report.keyID))
        #expect(Reference.cmac(keyB, report.body.bytes) == report.mac)
        #expect(Reference.cmac(keyA, report.body.bytes) != report.mac)
        #expect(keyB == Reference.reportKey(mrEnclave: b.identity.mrenclave, attributes: b.identity.attributes, keyID: report.keyID))
    }
}

@Suite struct HardwareBackEndBuildTests {
    /// A hardware image links the ENCLU back end (enclu_hw.c) instead of the simulated one,
    /// so it never contains the simulated-ENCLU OCALL path; the simulation loader refuses it.
    @Test func hardwareImageUsesTheInstructionBackEnd() throws {
        var request = EnclaveBuilder.Request(
            sourceDirectory: "\(ProbeEnclaves.sourceRoot)/ProbeA", output: "\(ProbeEnclaves.workRoot)/ProbeA-hw.signed.so",
            workDirectory: "\(ProbeEnclaves.workRoot)/ProbeA-hw-work")
        request.mode = .hardware
        let built = try EnclaveBuilder.build(request)
        let objects = try FileManager.default.contentsOfDirectory(atPath: request.workDirectory)
        #expect(objects.contains("rt_enclu_hw.c.o") && !objects.contains("rt_enclu_sim.c.o"))
        let image = [UInt8](FileManager.default.contents(atPath: built.output)!)
        #expect(throws: SGXError(.modeIncompatible)) { _ = try Enclave(image: image) }
    }
}
