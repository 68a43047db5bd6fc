import SGXImage
import SGXTypes

extension DriverPlan {
    /// Builds the enclave this plan describes on `backEnd`: ECREATE with ``secs(baseAddress:)``,
    /// every ``adds`` call in order with the page contents `layout` gives (zero pages are
    /// passed as a shared zero buffer, never copied page by page), EINIT with `sigstruct`.
    /// Returns the enclave's base address.
    public func load<B: EnclaveBackEnd & ~Copyable>(into backEnd: inout B, layout: EnclaveLayout, sigstruct: Sigstruct) throws(SGXError) -> UInt64 {
        let base = try backEnd.create(secs: secs(baseAddress: 0))
        let page = Int(EnclaveLayout.pageSize)
        for add in adds {
            let buffer = PageBuffer(byteCount: Int(add.length))
            if !add.zeroFilled {
                for index in 0..<Int(add.pageCount) {
                    let bytes = layout.pageBytes(atOffset: add.offset + UInt64(index * page))
                    bytes.withUnsafeBytes { (buffer.pointer + index * page).copyMemory(from: $0.baseAddress!, byteCount: page) }
                }
            }
            try backEnd.addPages(UnsafeRawBufferPointer(start: buffer.pointer, count: Int(add.length)),
                                 offset: add.offset, secInfoFlags: add.secInfoFlags, measured: add.measured)
            withExtendedLifetime(buffer) {}
        }
        try backEnd.initialize(sigstruct: sigstruct)
        return base
    }
}
