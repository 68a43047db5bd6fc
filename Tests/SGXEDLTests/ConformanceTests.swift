import Foundation
import Testing
@testable import SGXEDL

/// Every EDL in the corpus (all accepted by Intel's edger8r) must check without error.
@Suite struct ConformanceTests {
    /// Extra import directories (relative to the corpus root, or `stubs:`) and
    /// defines some files need, as their projects' makefiles give them.
    static let extra: [String: (includes: [String], defines: [String: String])] = [
        // `#ifdef __GNUC__` blocks: gcc (which edger8r runs as its preprocessor) defines it.
        "intel-dcap/QuoteVerification/QvE/Enclave/qve.edl": (["stubs:"], ["__GNUC__": "1"]),
        "intel-dcap/QuoteVerification/dcap_tvl/sgx_dcap_tvl.edl": ([], ["__GNUC__": "1"]),
        "intel-dcap/SampleCode/QuoteVerificationSample/Enclave/Enclave.edl":
            (["intel-dcap/QuoteVerification/dcap_tvl"], ["__GNUC__": "1"]),
        "intel-dcap/SampleCode/QuoteAppraisalSample/QAEAppraisal/Enclave/Enclave.edl":
            (["intel-dcap/QuoteVerification/dcap_tvl"], ["__GNUC__": "1"]),
        "intel-linux-sgx/SampleCode/SampleAttestedTLS/server/tls_server.edl":
            (["intel-linux-sgx/SampleCode/SampleAttestedTLS/common",
              "intel-linux-sgx/SampleCode/SampleAttestedTLS/sgx_socket/include", "stubs:"], [:]),
        "intel-linux-sgx/SampleCode/SampleAttestedTLS/client/tls_client.edl":
            (["intel-linux-sgx/SampleCode/SampleAttestedTLS/common",
              "intel-linux-sgx/SampleCode/SampleAttestedTLS/sgx_socket/include", "stubs:"], [:]),
    ]

    static func check(_ relative: String, defines override: [String: String]? = nil) -> EDLResult {
        let path = FixturePaths.edl + "/" + relative
        let extra = Self.extra[relative] ?? ([], [:])
        var includes = [FixturePaths.sdkInclude, (path as NSString).deletingLastPathComponent]
        for dir in extra.includes {
            includes.append(dir == "stubs:" ? FixturePaths.stubs : FixturePaths.edl + "/" + dir)
        }
        return EDLCompiler.check(file: path, includePaths: includes, defines: override ?? extra.defines)
    }

    @Test func corpusIsComplete() {
        #expect(FixturePaths.allEDLFiles().count == 60)
    }

    @Test(arguments: FixturePaths.allEDLFiles())
    func fileChecksWithoutError(_ relative: String) {
        let result = Self.check(relative)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.description).joined(separator: "\n"))")
    }

    @Test func conditionalBlocksFollowDefines() {
        let tvl = "intel-dcap/QuoteVerification/dcap_tvl/sgx_dcap_tvl.edl"
        let with = Self.check(tvl)
        let without = Self.check(tvl, defines: [:])
        #expect(with.isValid && without.isValid)
        #expect(with.enclave.ecall(named: "tee_verify_qae_report_and_identity") != nil)
        #expect(without.enclave.ecall(named: "tee_verify_qae_report_and_identity") == nil)
        #expect(with.enclave.includes.contains { $0.header == "sgx_dcap_qal.h" })
        #expect(!without.enclave.includes.contains { $0.header == "sgx_dcap_qal.h" })

        let qve = Self.check("intel-dcap/QuoteVerification/QvE/Enclave/qve.edl")
        #expect(qve.isValid)
        // `#ifndef __QL_QV_COLLATERAL_T` / `#define` guard keeps the struct once
        let collateral = qve.enclave.structure(named: "_sgx_ql_qve_collateral_t")
        #expect(collateral?.isDeepCopy == true)
        #expect(collateral?.members.first { $0.name == "pck_crl" }?.attributes.size == .name("pck_crl_size"))
        #expect(qve.enclave.ocall(named: "ocall_qvt_token_malloc") != nil)
        // imported through sgx_pthread.edl only under __GNUC__
        #expect(qve.enclave.ocall(named: "pthread_wait_timeout_ocall") != nil)
    }

    @Test func sampleEnclaveMergesImports() {
        let result = Self.check("intel-linux-sgx/SampleCode/SampleEnclave/Enclave/Enclave.edl")
        #expect(result.isValid)
        let e = result.enclave
        // from "TrustedLibrary/Libcxx.edl" import ecall_exception, ecall_map;
        #expect(e.ecall(named: "ecall_exception") != nil)
        #expect(e.ecall(named: "ecall_map") != nil)
        // from "Edger8rSyntax/Types.edl" import *;
        #expect(e.ecall(named: "ecall_type_char") != nil)
        #expect(e.structure(named: "struct_foo_t") != nil)
        // Thread.edl imports four sgx_tstdc.edl OCALLs by name; the sample also imports sgx_tstdc.edl whole
        #expect(e.ocall(named: "sgx_thread_wait_untrusted_event_ocall") != nil)
        // no function appears twice although sgx_tstdc.edl is reached several times
        let names = e.functions.map(\.name)
        #expect(Set(names).count == names.count)
    }

    @Test func switchlessSampleIsMarked() {
        let result = Self.check("intel-linux-sgx/SampleCode/Switchless/Enclave/Enclave.edl")
        #expect(result.isValid)
        #expect(result.enclave.ecall(named: "ecall_empty_switchless")?.transitionUsingThreads == true)
        #expect(result.enclave.ocall(named: "ocall_empty_switchless")?.transitionUsingThreads == true)
        #expect(result.enclave.ecall(named: "ecall_empty")?.transitionUsingThreads == false)
    }
}
