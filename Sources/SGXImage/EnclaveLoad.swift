import SGXTypes

extension EnclaveLayout {
    /// The SECS that ECREATE receives for this layout (base address 0: the back end chooses
    /// it): ELRANGE size, SSA frame size, MISCSELECT, and the configured attributes with
    /// MODE64BIT always and DEBUG for debug enclaves.
    public var secs: SECS {
        var flags = config.attributes.flags
        flags.insert(.mode64Bit)
        if config.debug { flags.insert(.debug) }
        return SECS(size: enclaveSize, baseAddress: 0, ssaFrameSize: config.ssaFrameSize,
                    miscSelect: config.miscSelect, attributes: Attributes(flags: flags, xfrm: config.attributes.xfrm))
    }

    /// Builds this enclave on `backEnd`, whatever executes it: ECREATE with ``secs``, one
    /// ``EnclaveBackEnd/addPages(_:offset:secInfoFlags:measured:)`` per region in layout
    /// order (measured exactly where the layout measures, so a back end that measures as
    /// the CPU does arrives at the layout's MRENCLAVE), then EINIT with `sigstruct`. Returns
    /// the base address. On a failure the back end is left for the caller to destroy.
    public func load<B: EnclaveBackEnd & ~Copyable>(into backEnd: inout B, sigstruct: Sigstruct) throws(SGXError) -> UInt64 {
        let base = try backEnd.create(secs: secs)
        let page = Int(Self.pageSize)
        for region in regions where region.pageCount > 0 {
            let length = Int(region.size)
            let buffer = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: page)
            defer { buffer.deallocate() }
            if case .zero = region.content {
                buffer.initializeMemory(as: UInt8.self, repeating: 0, count: length)
            } else {
                for index in 0..<Int(region.pageCount) {
                    pageBytes(region, pageIndex: UInt64(index)).withUnsafeBytes {
                        (buffer + index * page).copyMemory(from: $0.baseAddress!, byteCount: page)
                    }
                }
            }
            try backEnd.addPages(UnsafeRawBufferPointer(start: buffer, count: length), offset: region.offset,
                                 secInfoFlags: region.secInfoFlags, measured: region.measured)
        }
        try backEnd.initialize(sigstruct: sigstruct)
        return base
    }
}
