import SGXTypes

/// The simulated CPU's enclave instructions that involve keys: ENCLU[EGETKEY] and
/// ENCLU[EREPORT] (Intel SDM Vol. 3D, chapter 38 "SGX Instruction References"), with keys
/// derived as Intel's SGX SDK derives them in simulation mode (see
/// ``SimulatedKeyHierarchy`` and Docs/simulation.md).
///
/// Deterministic: the same enclave identity, request and CPUSVN always give the same key,
/// here and under Intel's simulator. The secrets are public test values, so simulated
/// keys protect nothing; they let enclave code that seals, reports and attests run and be
/// tested without SGX.
///
/// The caller supplies the SECS identity of the enclave executing the instruction. The
/// host's loader passes the identity it measured and verified for the calling enclave; no
/// request can name another enclave.
public struct SimulatedCPU: Sendable, Hashable {
    /// The CPU's current security version (Intel's `sgx_config_cpusvn` setting).
    public var cpuSVN: SimulatedCPUSVN

    public init(cpuSVN: SimulatedCPUSVN = .default) {
        self.cpuSVN = cpuSVN
    }

    /// ENCLU[EGETKEY] on a raw 512-byte KEYREQUEST, as the instruction receives it:
    /// reserved bytes must be zero (`invalidParameter`, the instruction's #GP) and the key
    /// name defined (`invalidKeyname`); then as ``egetkey(_:for:)``.
    public func egetkey(requestBytes: [UInt8], for secs: SECSIdentity) throws(SGXError) -> [UInt8] {
        try egetkey(KeyRequest(bytes: requestBytes), for: secs)
    }

    /// ENCLU[EGETKEY]: the 16-byte key `request` names, for the enclave `secs`.
    ///
    /// Throws as EGETKEY fails:
    /// - `invalidParameter`: reserved KEYPOLICY bits, or KSS policy bits, NOISVPRODID or a
    ///   non-zero CONFIGSVN for an enclave without ATTRIBUTES.KSS (the instruction's #GP);
    /// - `invalidISVSVN`: KEYREQUEST.ISVSVN (or CONFIGSVN) above the enclave's;
    /// - `invalidCPUSVN`: a CPUSVN this CPU never had, or newer than its current one;
    /// - `invalidAttribute`: PROVISION/PROVISION_SEAL without ATTRIBUTES.PROVISIONKEY,
    ///   EINITTOKEN without ATTRIBUTES.EINITTOKENKEY.
    ///
    /// An all-zero CPUSVN stands for the default CPUSVN, as in Intel's simulator.
    public func egetkey(_ request: KeyRequest, for secs: SECSIdentity) throws(SGXError) -> [UInt8] {
        let policy = request.keyPolicy
        guard policy.isSubset(of: .defined) else {
            throw SGXError(.invalidParameter,
                "EGETKEY: KEYPOLICY 0x\(String(policy.rawValue, radix: 16)) has reserved bits set (#GP)")
        }
        let kssPolicy: KeyRequest.KeyPolicy = [.configID, .isvFamilyID, .isvExtProdID, .noISVProdID]
        if !secs.attributes.flags.contains(.kss) && (!policy.isDisjoint(with: kssPolicy) || request.configSVN > 0) {
            throw SGXError(.invalidParameter,
                "EGETKEY: KSS key policy bits, NOISVPRODID or CONFIGSVN need ATTRIBUTES.KSS, which this enclave does not have (#GP)")
        }
        guard request.cpuSVN.count == 16, request.keyID.count == 32 else {
            throw SGXError(.invalidParameter, "EGETKEY: CPUSVN must be 16 bytes and KEYID 32 bytes")
        }
        var requested = request.cpuSVN
        if requested.allSatisfy({ $0 == 0 }) { requested = SimulatedCPUSVN.default.bytes }

        let data: [UInt8]
        switch request.keyName {
        case .seal:
            try checkISVSVN(request, secs)
            try checkConfigSVN(request, secs)
            try checkCPUSVN(requested)
            data = KeyDerivationData.seal(request, cpuSVN: requested, secs)
        case .report:
            data = KeyDerivationData.report(
                attributes: secs.attributes, miscSelect: secs.miscSelect, mrEnclave: secs.mrEnclave,
                cpuSVN: cpuSVN.bytes, configSVN: secs.configSVN, configID: secs.configID, keyID: request.keyID)
        case .einitToken:
            try checkAttribute(.einitTokenKey, secs, "EINITTOKEN")
            try checkISVSVN(request, secs)
            try checkCPUSVN(requested)
            data = KeyDerivationData.einitToken(request, cpuSVN: requested, secs)
        case .provision:
            try checkAttribute(.provisionKey, secs, "PROVISION")
            try checkISVSVN(request, secs)
            try checkCPUSVN(requested)
            data = KeyDerivationData.provision(request, cpuSVN: requested, secs)
        case .provisionSeal:
            try checkAttribute(.provisionKey, secs, "PROVISION_SEAL")
            try checkISVSVN(request, secs)
            try checkConfigSVN(request, secs)
            try checkCPUSVN(requested)
            data = KeyDerivationData.provisionSeal(request, cpuSVN: requested, secs)
        }
        return AESCMAC.mac(key: SimulatedKeyHierarchy.baseKey(request.keyName), data)
    }

    /// ENCLU[EREPORT]: a REPORT of the enclave `secs` carrying `reportData` (64 bytes),
    /// MACed with the report key of the enclave `target` names, so that only that enclave
    /// (through EGETKEY(REPORT) with the report's KEYID) can verify it.
    public func ereport(targetInfo target: TargetInfo, reportData: [UInt8], for secs: SECSIdentity) throws(SGXError) -> Report {
        guard reportData.count == 64 else {
            throw SGXError(.invalidParameter, "EREPORT: REPORTDATA must be 64 bytes, got \(reportData.count)")
        }
        var body = ReportBody()
        body.cpuSVN = cpuSVN.bytes
        body.miscSelect = secs.miscSelect
        body.isvProdID = secs.isvProdID
        body.isvSVN = secs.isvSVN
        body.configSVN = secs.configSVN
        body.isvFamilyID = KeyDerivationData.field(secs.isvFamilyID, 16)
        body.isvExtProdID = KeyDerivationData.field(secs.isvExtProdID, 16)
        body.configID = KeyDerivationData.field(secs.configID, 64)
        body.attributes = secs.attributes
        body.reportData = reportData
        body.mrEnclave = KeyDerivationData.field(secs.mrEnclave, 32)
        body.mrSigner = KeyDerivationData.field(secs.mrSigner, 32)
        // KEYID: the REPORT base key, then zeros (what Intel's simulator puts there).
        let keyID = SimulatedKeyHierarchy.baseKey(.report) + [UInt8](repeating: 0, count: 16)
        let reportKey = AESCMAC.mac(key: SimulatedKeyHierarchy.baseKey(.report), KeyDerivationData.report(
            attributes: target.attributes, miscSelect: target.miscSelect, mrEnclave: target.mrEnclave,
            cpuSVN: cpuSVN.bytes, configSVN: target.configSVN, configID: target.configID, keyID: keyID))
        return Report(body: body, keyID: keyID, mac: AESCMAC.mac(key: reportKey, body.bytes))
    }

    /// What an enclave does to check a REPORT addressed to it: EGETKEY(REPORT) with the
    /// report's KEYID, then AES-CMAC over the body. True when the MAC matches.
    public func verify(_ report: Report, asTarget secs: SECSIdentity) -> Bool {
        guard report.keyID.count == 32, report.mac.count == 16,
              let key = try? egetkey(KeyRequest(keyName: .report, keyID: report.keyID), for: secs) else { return false }
        let expected = AESCMAC.mac(key: key, report.body.bytes)
        var difference: UInt8 = 0
        for index in 0..<16 { difference |= expected[index] ^ report.mac[index] }
        return difference == 0
    }

    private func checkISVSVN(_ request: KeyRequest, _ secs: SECSIdentity) throws(SGXError) {
        guard request.isvSVN <= secs.isvSVN else {
            throw SGXError(.invalidISVSVN, "EGETKEY: KEYREQUEST.ISVSVN \(request.isvSVN) is above the enclave's ISVSVN \(secs.isvSVN)")
        }
    }

    private func checkConfigSVN(_ request: KeyRequest, _ secs: SECSIdentity) throws(SGXError) {
        guard request.configSVN <= secs.configSVN else {
            throw SGXError(.invalidISVSVN, "EGETKEY: KEYREQUEST.CONFIGSVN \(request.configSVN) is above the enclave's CONFIGSVN \(secs.configSVN)")
        }
    }

    private func checkCPUSVN(_ requested: [UInt8]) throws(SGXError) {
        guard let level = SimulatedCPUSVN(bytes: requested) else {
            throw SGXError(.invalidCPUSVN, "EGETKEY: CPUSVN \(requested.hexString) is not a CPUSVN of this (simulated) CPU")
        }
        guard level <= cpuSVN else {
            throw SGXError(.invalidCPUSVN, "EGETKEY: CPUSVN \(requested.hexString) is newer than the CPU's \(cpuSVN.bytes.hexString)")
        }
    }

    private func checkAttribute(_ flag: Attributes.Flags, _ secs: SECSIdentity, _ name: String) throws(SGXError) {
        guard secs.attributes.flags.contains(flag) else {
            throw SGXError(.invalidAttribute, "EGETKEY: the \(name) key needs an enclave attribute this enclave does not have")
        }
    }
}
