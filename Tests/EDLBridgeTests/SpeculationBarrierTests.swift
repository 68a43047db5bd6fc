import SGXEnclaveBuild
import Testing

/// The EDL-generated dispatch fences after its index bound (edger8r's CVE-2018-3626 class),
/// and the runtime's range checks fence, in the image the EDL tests build.
@Suite struct SpeculationBarrierTests {
    @Test func generatedDispatchAndRuntimeChecksAreFenced() throws {
        _ = try SampleEnclave.image()
        let result = try SpeculationBarrierCheck.check(image: SampleEnclave.cache.workDirectory + "/Sample.signed.so",
                                                       toolchain: try Toolchain.locate())
        #expect(result.examined.contains("sgx_ecall_dispatch"), "EDL bridge detected")
        #expect(result.missing.isEmpty, "no LFENCE in \(result.missing)")
    }
}
