import SGXTypes

extension Enclave {
    /// A REPORT of this enclave for itself (all-zero TARGETINFO and REPORTDATA), as Intel's
    /// `sgx_self_report`: the way an enclave learns its own identity (MRENCLAVE, MRSIGNER,
    /// ATTRIBUTES, ISVPRODID, ISVSVN, CPUSVN).
    public static func selfReport() throws(SGXError) -> Report {
        try SGXInstructions.ereport(target: TargetInfo(mrEnclave: [UInt8](repeating: 0, count: 32),
                                                       attributes: Attributes(flags: [], xfrm: 0)))
    }
}

extension TargetInfo {
    /// The TARGETINFO naming this enclave (Intel's `sgx_self_target`), for reports other
    /// enclaves make for it.
    public static var ofSelf: TargetInfo {
        get throws(SGXError) {
            let body = try Enclave.selfReport().body
            return TargetInfo(mrEnclave: body.mrEnclave, attributes: body.attributes, configSVN: body.configSVN,
                              miscSelect: body.miscSelect, configID: body.configID)
        }
    }
}
