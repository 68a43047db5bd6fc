import SGXImage
import SGXTypes
import Testing
@testable import SGXLinuxDriver

/// The driver plan is exactly the measured layout: replaying it the way the kernel executes
/// ADD_PAGES (per page EADD, then sixteen EEXTENDs when SGX_PAGE_MEASURE) through the
/// project's MRENCLAVE builder gives the layout's and the SIGSTRUCT's MRENCLAVE.
@Suite struct DriverPlanTests {
    @Test(arguments: [EnclaveConfig.Mode.hardware, .simulation])
    func planOfARealEnclaveMeasuresToItsMRENCLAVE(mode: EnclaveConfig.Mode) throws {
        let image = try TestEnclaves.image("Minimal", mode: mode)
        let elf = try EnclaveELF(bytes: image)
        #expect(elf.config.mode == mode)
        let layout = try EnclaveLayout(image: elf)
        let plan = DriverPlan(layout: layout)
        let (layoutMR, layoutSGXS) = layout.measure(recordingSGXS: true)
        let (planMR, planSGXS) = plan.measure(recordingSGXS: true) { layout.pageBytes(atOffset: $0) }
        #expect(planMR == layoutMR)
        #expect(planSGXS == layoutSGXS) // record for record, not only the same hash
        let sigstruct = try Sigstruct(bytes: try #require(elf.embeddedSigstruct))
        #expect(planMR == sigstruct.enclaveHash)
    }

    @Test func planAddsEveryRegionOnceWithItsSECINFOAndMeasureFlag() throws {
        let layout = try EnclaveLayout(image: try EnclaveELF(bytes: try TestEnclaves.image("Minimal", mode: .hardware)))
        let plan = DriverPlan(layout: layout)
        let regions = layout.regions.filter { $0.pageCount > 0 }
        #expect(plan.adds.count == regions.count)
        for (add, region) in zip(plan.adds, regions) {
            #expect(add.offset == region.offset)
            #expect(add.length == region.size)
            #expect(add.secInfoFlags == region.secInfoFlags)
            #expect(add.measured == region.measured)
            #expect(add.ioctlFlags == (region.measured ? 1 : 0))
            #expect(add.offset % 4096 == 0 && add.length % 4096 == 0)
        }
        // The TCS pages: type TCS, no permissions in SECINFO, measured, mapped read-write.
        let tcsAdds = plan.adds.filter { $0.secInfoFlags == 0x100 }
        #expect(tcsAdds.map(\.offset) == layout.tcsOffsets)
        #expect(tcsAdds.allSatisfy { $0.measured && $0.length == 4096 })
        for tcs in layout.tcsOffsets {
            let mapping = try #require(plan.mappings.first { $0.offset == tcs })
            #expect(mapping.read && mapping.write && !mapping.execute)
        }
        // No range is added twice and everything fits in ELRANGE.
        let sorted = plan.adds.sorted { $0.offset < $1.offset }
        for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a.offset + a.length <= b.offset) }
        #expect(sorted.last.map { $0.offset + $0.length <= plan.enclaveSize } == true)
        #expect(plan.enclaveSize == layout.enclaveSize)
        #expect(plan.enclaveSize & (plan.enclaveSize - 1) == 0)
        // ECREATE asks for what EINIT will compare against the SIGSTRUCT.
        #expect(plan.attributes.flags.contains(.mode64Bit))
        #expect(plan.attributes.flags.contains(.debug) == layout.config.debug)
        #expect(plan.ssaFrameSize == layout.config.ssaFrameSize)
        let secs = plan.secs(baseAddress: 0x7f00_0000_0000 & ~(plan.enclaveSize - 1))
        #expect(secs.size == plan.enclaveSize)
        #expect(try SECS(bytes: secs.bytes) == secs)
    }

    @Test func executableImagePagesAreMappedExecutableAndNothingElseIs() throws {
        let layout = try EnclaveLayout(image: try EnclaveELF(bytes: try TestEnclaves.image("Minimal", mode: .hardware)))
        let plan = DriverPlan(layout: layout)
        for mapping in plan.mappings {
            let add = try #require(plan.adds.first { $0.offset == mapping.offset })
            #expect(mapping.execute == (add.secInfoFlags & 4 != 0))
            #expect(!(mapping.write && mapping.execute))
        }
    }

    @Test func fixtureSGXSReplaysThroughThePlan() throws {
        let stream = try SGXSStream(bytes: Fixture.sgxs)
        let plan = try DriverPlan(sgxs: stream)
        #expect(plan.enclaveSize == 0x40000)
        #expect(plan.adds.reduce(0) { $0 + $1.pageCount } == 9)
        #expect(plan.adds.allSatisfy { $0.measured }) // every page of the fixture is measured in full
        let (mrenclave, sgxs) = plan.measure(recordingSGXS: true) { stream.pageBytes(atOffset: $0) }
        #expect(mrenclave == Fixture.mrenclave)
        #expect(sgxs == Fixture.sgxs)
        #expect(try Sigstruct(bytes: Fixture.sig).enclaveHash == mrenclave)
    }

    @Test func partiallyMeasuredPagesAreRefused() throws {
        var builder = MeasurementBuilder(recordsSGXS: true)
        builder.ecreate(ssaFrameSize: 1, enclaveSize: 0x10000)
        builder.eadd(offset: 0, secInfoFlags: 0x201)
        let chunk = [UInt8](repeating: 7, count: 256)
        chunk.withUnsafeBytes { builder.eextend(offset: 0x100, chunk: $0) } // one chunk of sixteen
        let stream = try SGXSStream(bytes: builder.sgxs)
        #expect(throws: SGXError.self) { try DriverPlan(sgxs: stream) }
        do {
            _ = try DriverPlan(sgxs: stream)
        } catch {
            #expect(error.status == .invalidMetadata)
            #expect(error.detail.contains("whole pages"))
        }
    }

    @Test func contiguousPagesShareOneCall() throws {
        var builder = MeasurementBuilder(recordsSGXS: true)
        builder.ecreate(ssaFrameSize: 1, enclaveSize: 0x10000)
        let page = [UInt8](repeating: 1, count: 4096)
        for offset in stride(from: UInt64(0), to: 0x3000, by: 0x1000) {
            builder.eadd(offset: offset, secInfoFlags: 0x205)
            page.withUnsafeBytes { builder.eextendPage(offset: offset, page: $0) }
        }
        builder.eadd(offset: 0x3000, secInfoFlags: 0x203) // unmeasured data page
        builder.eadd(offset: 0x5000, secInfoFlags: 0x203) // not contiguous
        let stream = try SGXSStream(bytes: builder.sgxs)
        let plan = try DriverPlan(sgxs: stream)
        #expect(plan.adds.map(\.offset) == [0, 0x3000, 0x5000])
        #expect(plan.adds.map(\.length) == [0x3000, 0x1000, 0x1000])
        #expect(plan.adds.map(\.measured) == [true, false, false])
        #expect(plan.measure { stream.pageBytes(atOffset: $0) }.mrenclave == builder.finalize())
    }
}
