import SGXTypes

/// The one deterministic layout function of swift-sgx: image + config → the enclave's
/// pages, in the order ECREATE/EADD/EEXTEND build them (SDM 39.1 "ECREATE", "EADD",
/// "EEXTEND"). The loader, the measurer, `swift-sgx measure` and `swift-sgx dump` all use
/// it, so MRENCLAVE is the same wherever it is computed.
///
/// Offsets from the enclave base:
/// ```
/// 0                 image segments (R X / R / R W), measured
/// imageSize         layout page (R), measured: heap/TCS geometry for the runtime
/// +1 page           guard (not added)
///                   heap (R W), added, not measured (zero)
/// per TCS i:        guard (4 pages, not added) · stack (R W, added, zero) ·
///                   TCS (measured) · SSA (nssa × ssaFrameSize pages, R W, zero) ·
///                   thread data (R W, measured)
/// end               guard page; ELRANGE size = next power of two
/// ```
public struct EnclaveLayout: Sendable {
    /// What a page is, which decides its content.
    public enum Content: Sendable, Hashable {
        case image
        case layoutPage
        case zero
        case tcs(index: Int)
        case threadData(index: Int)
    }

    /// A run of consecutive pages with the same EPCM permissions and content kind.
    public struct Region: Sendable, Hashable {
        public var offset: UInt64
        public var pageCount: UInt64
        /// SECINFO.FLAGS as EADD records them (R=1 W=2 X=4, page type in bits 15:8).
        public var secInfoFlags: UInt64
        /// Whether EEXTEND measures the contents (otherwise the page is added as zeros).
        public var measured: Bool
        public var content: Content
        public var size: UInt64 { pageCount * EnclaveLayout.pageSize }
    }

    public static let pageSize: UInt64 = 4096
    public static let stackGuardPages: UInt64 = 4
    public static let pageTypeREG: UInt64 = 2 << 8
    public static let pageTypeTCS: UInt64 = 1 << 8

    public let image: EnclaveELF
    public let config: EnclaveConfig
    public let regions: [Region]
    public let enclaveSize: UInt64
    public let heapOffset: UInt64
    public let tcsOffsets: [UInt64]
    public let threadDataOffsets: [UInt64]
    public let stackTops: [UInt64]
    public let ssaOffsets: [UInt64]
    public let tcsStride: UInt64

    public init(image: EnclaveELF) throws(SGXError) {
        let config = image.config
        try config.validate()
        self.image = image
        self.config = config
        let page = Self.pageSize
        var regions: [Region] = []
        for segment in image.segments {
            let start = segment.virtualAddress / page * page
            let end = (segment.virtualAddress + segment.memorySize + page - 1) / page * page
            var flags = Self.pageTypeREG
            flags |= 1 // every enclave page is readable (EPCM requires R for W or X)
            if segment.writable { flags |= 2 }
            if segment.executable { flags |= 4 }
            regions.append(Region(offset: start, pageCount: (end - start) / page, secInfoFlags: flags, measured: true, content: .image))
        }
        var cursor = image.imageSize
        regions.append(Region(offset: cursor, pageCount: 1, secInfoFlags: Self.pageTypeREG | 1, measured: true, content: .layoutPage))
        cursor += page * 2 // layout page + guard
        heapOffset = cursor
        regions.append(Region(offset: cursor, pageCount: config.heapSize / page, secInfoFlags: Self.pageTypeREG | 3, measured: false, content: .zero))
        cursor += config.heapSize

        let ssaPages = UInt64(config.nssa) * UInt64(config.ssaFrameSize)
        let stride = (Self.stackGuardPages * page) + config.stackSize + page + ssaPages * page + page
        tcsStride = stride
        var tcsOffsets: [UInt64] = [], threadData: [UInt64] = [], stackTops: [UInt64] = [], ssas: [UInt64] = []
        for index in 0..<Int(config.tcsCount) {
            let stackBase = cursor + Self.stackGuardPages * page
            regions.append(Region(offset: stackBase, pageCount: config.stackSize / page, secInfoFlags: Self.pageTypeREG | 3, measured: false, content: .zero))
            let tcs = stackBase + config.stackSize
            regions.append(Region(offset: tcs, pageCount: 1, secInfoFlags: Self.pageTypeTCS, measured: true, content: .tcs(index: index)))
            let ssa = tcs + page
            regions.append(Region(offset: ssa, pageCount: ssaPages, secInfoFlags: Self.pageTypeREG | 3, measured: false, content: .zero))
            let td = ssa + ssaPages * page
            regions.append(Region(offset: td, pageCount: 1, secInfoFlags: Self.pageTypeREG | 3, measured: true, content: .threadData(index: index)))
            tcsOffsets.append(tcs)
            threadData.append(td)
            stackTops.append(tcs)
            ssas.append(ssa)
            cursor += stride
        }
        cursor += page // trailing guard
        var size: UInt64 = 1 << 21
        while size < cursor { size <<= 1 }
        guard size <= 1 << 46 else { throw .invalidMetadata("enclave of \(cursor) bytes exceeds the address space") }
        enclaveSize = size
        self.regions = regions
        self.tcsOffsets = tcsOffsets
        self.threadDataOffsets = threadData
        self.stackTops = stackTops
        self.ssaOffsets = ssas
    }

    /// The bytes of one page of a region (`pageIndex` counts from the region's start).
    public func pageBytes(_ region: Region, pageIndex: UInt64) -> [UInt8] {
        switch region.content {
        case .image: return image.page(at: region.offset + pageIndex * Self.pageSize)
        case .zero: return [UInt8](repeating: 0, count: Int(Self.pageSize))
        case .layoutPage: return layoutPage
        case .tcs(let index): return tcsPage(index)
        case .threadData(let index): return threadDataPage(index)
        }
    }

    /// The runtime's view of the layout (`sgx_layout_t`).
    public var layoutPage: [UInt8] {
        typealias L = EnclaveABI.Layout
        var out = [UInt8](repeating: 0, count: Int(Self.pageSize))
        out.storeLE(L.magic, at: L.magicOffset)
        out.storeLE(enclaveSize, at: L.enclaveSizeOffset)
        out.storeLE(heapOffset, at: L.heapOffsetOffset)
        out.storeLE(config.heapSize, at: L.heapSizeOffset)
        out.storeLE(UInt64(config.tcsCount), at: L.tcsCountOffset)
        out.storeLE(tcsOffsets[0], at: L.firstTCSOffsetOffset)
        out.storeLE(tcsStride, at: L.tcsStrideOffset)
        out.storeLE(EnclaveABI.untrustedStackSize, at: L.untrustedStackSizeOffset)
        out.storeLE(UInt64(config.mode == .simulation ? 1 : 0), at: L.simulationOffset)
        return out
    }

    /// TCS (SDM 34.8): OSSA, NSSA, OENTRY, OFSBASE/OGSBASE → thread data, limits 0xfff.
    public func tcsPage(_ index: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(Self.pageSize))
        out.storeLE(ssaOffsets[index], at: 16)          // OSSA
        out.storeLE(config.nssa, at: 28)                // NSSA
        out.storeLE(image.entry, at: 32)                // OENTRY
        out.storeLE(threadDataOffsets[index], at: 48)   // OFSBASE
        out.storeLE(threadDataOffsets[index], at: 56)   // OGSBASE
        out.storeLE(UInt32(0xfff), at: 64)              // FSLIMIT
        out.storeLE(UInt32(0xfff), at: 68)              // GSLIMIT
        return out
    }

    /// Thread data page: the measured initial fields of `sgx_thread_data_t`.
    public func threadDataPage(_ index: Int) -> [UInt8] {
        typealias T = EnclaveABI.ThreadData
        var out = [UInt8](repeating: 0, count: Int(Self.pageSize))
        out.storeLE(stackTops[index], at: T.stackTopOffset)
        out.storeLE(stackTops[index] - config.stackSize, at: T.stackLimitOffset)
        out.storeLE(tcsOffsets[index], at: T.tcsOffsetOffset)
        out.storeLE(UInt64(index), at: T.indexOffset)
        // The runtime finds this page through GS only: GS base + self_offset = base + offset.
        out.storeLE(threadDataOffsets[index], at: T.selfOffsetOffset)
        return out
    }
}
