import SGXImage
import SGXTypes
import Testing
@testable import SGXLinuxDriver

/// The loader run end to end against ``SoftwareDriver``: the bytes it hands the driver
/// measure to the SIGSTRUCT's MRENCLAVE, the calls come in the plan's order, and every
/// failure the platform can cause becomes a specific SGXError with everything released.
@Suite struct DriverLoaderTests {
    static func hardwareImage() throws -> (EnclaveLayout, Sigstruct) {
        let elf = try EnclaveELF(bytes: try TestEnclaves.image("Minimal", mode: .hardware))
        return (try EnclaveLayout(image: elf), try Sigstruct(bytes: try #require(elf.embeddedSigstruct)))
    }

    @Test func loadIssuesThePlanAndTheDriverMeasuresTheSignedMRENCLAVE() throws {
        let (layout, sigstruct) = try Self.hardwareImage()
        let plan = DriverPlan(layout: layout)
        let driver = SoftwareDriver()
        var backEnd = LinuxDriverBackEnd(system: driver)
        let base = try plan.load(into: &backEnd, layout: layout, sigstruct: sigstruct)
        #expect(base % plan.enclaveSize == 0)
        #expect(driver.state.withLock { $0.measurement } == sigstruct.enclaveHash)

        var expected: [SoftwareDriver.Call] = [
            .open("/dev/sgx_enclave"),
            .reserve(size: plan.enclaveSize, alignment: plan.enclaveSize),
            .create(size: plan.enclaveSize, base: base, ssaFrameSize: plan.ssaFrameSize, attributes: plan.attributes.flags.rawValue),
        ]
        expected += plan.adds.map { .addPages(offset: $0.offset, length: $0.length, secInfoFlags: $0.secInfoFlags, measured: $0.measured) }
        expected.append(.initialize(enclaveHash: sigstruct.enclaveHash))
        expected += plan.adds.map {
            let m = DriverPlan.mapping(offset: $0.offset, length: $0.length, secInfoFlags: $0.secInfoFlags)
            return .map(offset: m.offset, length: m.length, read: m.read, write: m.write, execute: m.execute)
        }
        #expect(driver.calls == expected)

        backEnd.destroy()
        #expect(driver.openDescriptors.isEmpty)
        #expect(driver.calls.suffix(2) == [.unmap(address: base, length: plan.enclaveSize), .close(11)])
    }

    @Test func interruptedAddPagesContinueFromCount() throws {
        let (layout, sigstruct) = try Self.hardwareImage()
        let driver = SoftwareDriver()
        driver.pagesPerCall = 3
        var backEnd = LinuxDriverBackEnd(system: driver)
        _ = try DriverPlan(layout: layout).load(into: &backEnd, layout: layout, sigstruct: sigstruct)
        #expect(driver.state.withLock { $0.measurement } == sigstruct.enclaveHash)
    }

    @Test func missingDeviceIsNoDevice() throws {
        let (layout, sigstruct) = try Self.hardwareImage()
        let driver = SoftwareDriver()
        driver.openErrors["/dev/sgx_enclave"] = .noSuchFile
        var backEnd = LinuxDriverBackEnd(system: driver)
        let error = #expect(throws: SGXError.self) { try DriverPlan(layout: layout).load(into: &backEnd, layout: layout, sigstruct: sigstruct) }
        #expect(error?.status == .noDevice)
        #expect(error?.detail.contains("does not exist") == true)
        #expect(driver.calls.isEmpty)
    }

    @Test func permissionDeniedSaysWhichGroup() throws {
        let (layout, sigstruct) = try Self.hardwareImage()
        for errno in [Errno.accessDenied, .permissionDenied] {
            let driver = SoftwareDriver()
            driver.openErrors["/dev/sgx_enclave"] = errno
            var backEnd = LinuxDriverBackEnd(system: driver)
            let error = #expect(throws: SGXError.self) { try DriverPlan(layout: layout).load(into: &backEnd, layout: layout, sigstruct: sigstruct) }
            #expect(error?.status == .noDevice)
            #expect(error?.detail.contains("group") == true)
        }
    }

    @Test func ioctlFailuresAreSpecificAndReleaseEverything() throws {
        let (layout, sigstruct) = try Self.hardwareImage()
        let cases: [(UInt, Int, SGXStatus)] = [
            (DriverUAPI.enclaveCreate, -12, .outOfEPC),          // ENOMEM
            (DriverUAPI.enclaveCreate, -22, .invalidParameter),  // EINVAL
            (DriverUAPI.enclaveCreate, -25, .noDevice),          // ENOTTY: not the SGX driver
            (DriverUAPI.enclaveAddPages, -12, .outOfEPC),
            (DriverUAPI.enclaveAddPages, -5, .unexpected),       // EIO: ENCLS faulted
            (DriverUAPI.enclaveInit, -1, .invalidSignature),     // EPERM: any EINIT error
            (DriverUAPI.enclaveInit, 16, .serviceUnavailable),   // SGX_INVALID_EINITTOKEN from old drivers
            (DriverUAPI.enclaveInit, 4, .invalidSignature),      // SGX_INVALID_MEASUREMENT
        ]
        for (request, result, status) in cases {
            let driver = SoftwareDriver()
            driver.ioctlErrors[request] = result
            var backEnd = LinuxDriverBackEnd(system: driver)
            let error = #expect(throws: SGXError.self) { try DriverPlan(layout: layout).load(into: &backEnd, layout: layout, sigstruct: sigstruct) }
            #expect(error?.status == status, "request 0x\(String(request, radix: 16)) result \(result)")
            backEnd.destroy()
            #expect(driver.openDescriptors.isEmpty)
            #expect(driver.calls.contains { if case .unmap = $0 { true } else { false } })
        }
    }

    @Test func wrongSIGSTRUCTIsRefusedAtEINIT() throws {
        let (layout, signed) = try Self.hardwareImage()
        var sigstruct = signed
        sigstruct.enclaveHash[0] ^= 1
        let driver = SoftwareDriver()
        var backEnd = LinuxDriverBackEnd(system: driver)
        let error = #expect(throws: SGXError.self) { try DriverPlan(layout: layout).load(into: &backEnd, layout: layout, sigstruct: sigstruct) }
        #expect(error?.status == .invalidSignature)
        #expect(!driver.calls.contains { if case .map = $0 { true } else { false } })
    }

    @Test func provisionKeyOpensTheProvisionDevice() throws {
        let (layout, sigstruct) = try Self.hardwareImage()
        let driver = SoftwareDriver()
        var backEnd = LinuxDriverBackEnd(system: driver)
        var secs = DriverPlan(layout: layout).secs(baseAddress: 0)
        secs.attributes.flags.insert(.provisionKey)
        _ = try backEnd.create(secs: secs)
        let page = [UInt8](repeating: 0, count: 4096)
        try page.withUnsafeBytes { try backEnd.addPages($0, offset: 0, secInfoFlags: 0x201, measured: false) }
        // The measurement will not match: what matters is the order of calls before EINIT.
        _ = try? backEnd.initialize(sigstruct: sigstruct)
        let calls = driver.calls
        let provisionIndex = try #require(calls.firstIndex(of: .provision))
        let initIndex = try #require(calls.firstIndex { if case .initialize = $0 { true } else { false } })
        #expect(calls.contains(.open("/dev/sgx_provision")))
        #expect(provisionIndex < initIndex)
        backEnd.destroy()
        #expect(driver.openDescriptors.isEmpty)
    }

    @Test func simulationImagesAreRefused() throws {
        let image = try TestEnclaves.image("Minimal", mode: .simulation)
        let error = #expect(throws: SGXError.self) { _ = try LinuxDriverEnclave(image: image, system: SoftwareDriver()) }
        #expect(error?.status == .modeIncompatible)
    }
}
