import SGXImage
import SGXTypes

extension EnclaveLayout {
    /// The SIGSTRUCT fields this enclave's config asks for, as Intel's `sgx_sign` would
    /// write them (see ``SigstructFields/intel(debug:isvProdID:isvSVN:date:releaseTypeBit:provisionKey:kss:)``),
    /// with the config's MISCSELECT/MISCMASK, attributes and masks.
    public func sigstructFields(date: UInt32? = nil) -> SigstructFields {
        var fields = SigstructFields.intel(debug: config.debug, isvProdID: config.isvProdID, isvSVN: config.isvSvn, date: date)
        fields.miscSelect = config.miscSelect
        fields.miscMask = config.miscMask
        fields.attributes = config.attributes
        fields.attributeMask = config.attributeMask
        return fields
    }
}
