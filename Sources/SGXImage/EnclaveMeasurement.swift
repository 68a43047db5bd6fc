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
}
