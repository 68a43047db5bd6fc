import SGXImage
import SGXTypes

/// What the Linux driver is asked to do to build one enclave, computed without touching a
/// device: the SECS parameters of `SGX_IOC_ENCLAVE_CREATE`, the ordered
/// `SGX_IOC_ENCLAVE_ADD_PAGES` calls (offset, length, SECINFO flags, whether the kernel
/// measures them with `SGX_PAGE_MEASURE`) and the `mmap`s of the device afterwards.
///
/// The kernel measures exactly as the CPU does (SDM 39.1): ECREATE once, then for each page
/// of an ADD_PAGES call an EADD followed, with `SGX_PAGE_MEASURE`, by sixteen EEXTENDs.
/// ``measure(contents:)`` replays that sequence through ``MeasurementBuilder``; tests check
/// that it gives the MRENCLAVE of the layout function (``EnclaveLayout/measure(recordingSGXS:)``)
/// and of SGXS streams, so the plan is exactly the measured layout.
public struct DriverPlan: Sendable, Hashable {
    /// One `SGX_IOC_ENCLAVE_ADD_PAGES` call.
    public struct PageAdd: Sendable, Hashable {
        /// Offset of the first page from the enclave base (page-aligned).
        public var offset: UInt64
        /// Bytes added (a multiple of 4096).
        public var length: UInt64
        /// SECINFO.FLAGS of every page of the call (R=1 W=2 X=4, page type in bits 15:8).
        public var secInfoFlags: UInt64
        /// Whether the call passes `SGX_PAGE_MEASURE` (EEXTEND of every chunk).
        public var measured: Bool
        /// The pages are zeros by construction (heap, stacks, SSA): the loader need not copy
        /// contents for them.
        public var zeroFilled: Bool

        /// The ioctl's `flags` field.
        public var ioctlFlags: UInt64 { measured ? DriverUAPI.pageMeasure : 0 }
        /// Number of pages.
        public var pageCount: UInt64 { length / EnclaveLayout.pageSize }
    }

    /// One `mmap` of the enclave device over part of ELRANGE after EINIT.
    public struct Mapping: Sendable, Hashable {
        public var offset: UInt64
        public var length: UInt64
        public var read: Bool
        public var write: Bool
        public var execute: Bool
    }

    /// SECS.SIZE: ELRANGE size, a power of two (the reservation is aligned to it).
    public let enclaveSize: UInt64
    /// SECS.SSAFRAMESIZE in pages.
    public let ssaFrameSize: UInt32
    /// SECS.MISCSELECT.
    public let miscSelect: UInt32
    /// SECS.ATTRIBUTES requested at ECREATE (MODE64BIT always, DEBUG for debug enclaves).
    public let attributes: Attributes
    /// The ADD_PAGES calls, in order.
    public let adds: [PageAdd]
    /// The device mappings, in offset order.
    public let mappings: [Mapping]

    /// The plan for a layout: one ADD_PAGES call per region, measured exactly where the
    /// layout measures, and one mapping per region with its EPCM permissions (TCS pages
    /// are mapped read-write: the kernel requires it, while their EPCM permissions stay zero).
    public init(layout: EnclaveLayout) {
        let config = layout.config
        var flags = config.attributes.flags
        flags.insert(.mode64Bit)
        if config.debug { flags.insert(.debug) }
        enclaveSize = layout.enclaveSize
        ssaFrameSize = config.ssaFrameSize
        miscSelect = config.miscSelect
        attributes = Attributes(flags: flags, xfrm: config.attributes.xfrm)
        var adds: [PageAdd] = []
        var mappings: [Mapping] = []
        for region in layout.regions where region.pageCount > 0 {
            let zero: Bool
            if case .zero = region.content { zero = true } else { zero = false }
            adds.append(PageAdd(offset: region.offset, length: region.size, secInfoFlags: region.secInfoFlags,
                                measured: region.measured, zeroFilled: zero))
            mappings.append(Self.mapping(offset: region.offset, length: region.size, secInfoFlags: region.secInfoFlags))
        }
        self.adds = adds
        self.mappings = mappings.sorted { $0.offset < $1.offset }
    }

    /// The plan that rebuilds an SGXS stream through the driver. Consecutive pages with
    /// contiguous offsets, the same SECINFO and the same measured-ness share one call.
    /// Throws `invalidMetadata` for a stream the driver cannot reproduce: a page measured
    /// partially or out of order (ADD_PAGES measures all sixteen chunks of a page, right
    /// after its EADD, or none).
    public init(sgxs: SGXSStream, miscSelect: UInt32 = 0, attributes: Attributes = Attributes(flags: [.mode64Bit], xfrm: 0x3)) throws(SGXError) {
        enclaveSize = sgxs.enclaveSize
        ssaFrameSize = sgxs.ssaFrameSize
        self.miscSelect = miscSelect
        self.attributes = attributes
        let page = EnclaveLayout.pageSize
        let chunksPerPage = Int(page) / MeasurementBuilder.chunkSize
        var adds: [PageAdd] = []
        var index = 1 // records[0] is ECREATE
        let records = sgxs.records
        while index < records.count {
            guard case .eadd(let pageIndex) = records[index] else {
                throw .invalidMetadata("SGXS record \(index) is an EEXTEND that does not follow its page's EADD: the Linux driver measures a page right after adding it")
            }
            let added = sgxs.pages[pageIndex]
            index += 1
            var chunks = 0
            while index < records.count, case .eextend(let chunk) = records[index] {
                guard chunk.offset == added.offset + UInt64(chunks * MeasurementBuilder.chunkSize), chunks < chunksPerPage else {
                    throw .invalidMetadata("SGXS page 0x\(String(added.offset, radix: 16)) is not measured chunk by chunk in order: the Linux driver measures whole pages only")
                }
                chunks += 1
                index += 1
            }
            guard chunks == 0 || chunks == chunksPerPage else {
                throw .invalidMetadata("SGXS page 0x\(String(added.offset, radix: 16)) is measured partially (\(chunks) of \(chunksPerPage) chunks): the Linux driver measures whole pages only")
            }
            let measured = chunks == chunksPerPage
            if var last = adds.last, last.offset + last.length == added.offset,
               last.secInfoFlags == added.secInfoFlags, last.measured == measured {
                last.length += page
                adds[adds.count - 1] = last
            } else {
                adds.append(PageAdd(offset: added.offset, length: page, secInfoFlags: added.secInfoFlags,
                                    measured: measured, zeroFilled: !measured))
            }
        }
        self.adds = adds
        mappings = adds.map { Self.mapping(offset: $0.offset, length: $0.length, secInfoFlags: $0.secInfoFlags) }
            .sorted { $0.offset < $1.offset }
    }

    static func mapping(offset: UInt64, length: UInt64, secInfoFlags: UInt64) -> Mapping {
        let isTCS = secInfoFlags & 0xff00 == EnclaveLayout.pageTypeTCS
        return Mapping(offset: offset, length: length,
                       read: isTCS || secInfoFlags & 1 != 0,
                       write: isTCS || secInfoFlags & 2 != 0,
                       execute: !isTCS && secInfoFlags & 4 != 0)
    }

    /// The SECS page `SGX_IOC_ENCLAVE_CREATE` takes for an enclave based at `baseAddress`.
    public func secs(baseAddress: UInt64) -> SECS {
        SECS(size: enclaveSize, baseAddress: baseAddress, ssaFrameSize: ssaFrameSize,
             miscSelect: miscSelect, attributes: attributes)
    }

    /// The SECINFO (64 bytes) an ADD_PAGES call passes for `add`.
    public func secInfo(for add: PageAdd) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: SecInfo.byteCount)
        bytes.storeLE(add.secInfoFlags, at: 0)
        return bytes
    }

    /// MRENCLAVE as the kernel and CPU would compute it while executing this plan: ECREATE,
    /// then per page of each call in order EADD and, for measured calls, sixteen EEXTENDs of
    /// the page's bytes (`contents(offset)` returns the 4096 bytes of the page at `offset`).
    public func measure(recordingSGXS: Bool = false, contents: (UInt64) -> [UInt8]) -> (mrenclave: [UInt8], sgxs: [UInt8]) {
        var builder = MeasurementBuilder(recordsSGXS: recordingSGXS)
        builder.ecreate(ssaFrameSize: ssaFrameSize, enclaveSize: enclaveSize)
        for add in adds {
            for index in 0..<add.pageCount {
                let offset = add.offset + index * EnclaveLayout.pageSize
                builder.eadd(offset: offset, secInfoFlags: add.secInfoFlags)
                guard add.measured else { continue }
                contents(offset).withUnsafeBytes { builder.eextendPage(offset: offset, page: $0) }
            }
        }
        return (builder.finalize(), builder.sgxs)
    }
}

extension EnclaveLayout {
    /// The 4096 bytes of the page at `offset` from the enclave base (zeros outside every region).
    public func pageBytes(atOffset offset: UInt64) -> [UInt8] {
        for region in regions where offset >= region.offset && offset < region.offset + region.size {
            return pageBytes(region, pageIndex: (offset - region.offset) / Self.pageSize)
        }
        return [UInt8](repeating: 0, count: Int(Self.pageSize))
    }
}

extension SGXSStream {
    /// The 4096 bytes of the page at `offset` as its EEXTEND records give them (zeros for
    /// chunks that were not measured or pages that were not added).
    public func pageBytes(atOffset offset: UInt64) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EnclaveLayout.pageSize))
        guard let page = pages.first(where: { $0.offset == offset }) else { return out }
        for chunk in page.chunks {
            let start = Int(chunk.offset - offset)
            out.replaceSubrange(start..<(start + MeasurementBuilder.chunkSize), with: data(of: chunk))
        }
        return out
    }
}
