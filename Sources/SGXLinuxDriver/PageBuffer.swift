/// Page-aligned, zero-initialised host memory that lives as long as the object: the
/// sources of SECS, SECINFO, page contents and SIGSTRUCT handed to the driver by address.
final class PageBuffer {
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int

    init(byteCount: Int) {
        let page = 4096
        self.byteCount = max(page, (byteCount + page - 1) / page * page)
        pointer = .allocate(byteCount: self.byteCount, alignment: page)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: self.byteCount)
    }

    convenience init(copying bytes: [UInt8]) {
        self.init(byteCount: bytes.count)
        bytes.withUnsafeBytes { if let base = $0.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) } }
    }

    convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(byteCount: bytes.count)
        if let base = bytes.baseAddress { pointer.copyMemory(from: base, byteCount: bytes.count) }
    }

    /// The address as the driver's u64 fields take it.
    var address: UInt64 { UInt64(UInt(bitPattern: pointer)) }

    deinit { pointer.deallocate() }
}
