import SGXTypes

extension EnclaveLayout {
    /// MRENCLAVE of this layout: ECREATE, then EADD for every page and EEXTEND for every
    /// measured page, in offset order (SDM 39.1), optionally recording the SGXS stream.
    public func measure(recordingSGXS: Bool = false) -> (mrenclave: [UInt8], sgxs: [UInt8]) {
        var builder = MeasurementBuilder(recordsSGXS: recordingSGXS)
        builder.ecreate(ssaFrameSize: config.ssaFrameSize, enclaveSize: enclaveSize)
        for region in regions {
            for index in 0..<region.pageCount {
                let offset = region.offset + index * Self.pageSize
                builder.eadd(offset: offset, secInfoFlags: region.secInfoFlags)
                guard region.measured else { continue }
                pageBytes(region, pageIndex: index).withUnsafeBytes { page in
                    builder.eextendPage(offset: offset, page: page)
                }
            }
        }
        return (builder.finalize(), builder.sgxs)
    }

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
