import Foundation
import SGXEDL
import Testing

/// Existing EDL files: what `edl check` accepts, `edl generate` accepts or refuses with one
/// located error per construct naming it; SDK and libc typedefs map to fixed-width types.
@Suite struct EDLInteropTests {
    static func generate(_ body: String) -> EDLGeneratedBridges {
        EDLCompiler.generate(source: "enclave {\n\(body)\n};\n", path: "interop.edl", enclaveName: "Interop",
                             readFile: EDLImportResolverReader.none)
    }

    @Test func sdkAndLibcTypedefsCrossAsFixedWidthNumbers() throws {
        let bridges = Self.generate("""
            trusted {
                public quote3_error_t f(sgx_ra_context_t context, sgx_isv_svn_t svn, [out] sgx_ql_qv_result_t* result);
            };
            untrusted {
                ssize_t o_send(int fd, [in, size=len] const void* buf, size_t len, socklen_t addrlen, pid_t pid, off_t at);
            };
            """)
        #expect(bridges.isValid, "\(bridges.diagnostics)")
        let untrusted = try #require(bridges.untrusted)
        #expect(untrusted.contains("_ context: UInt32, _ svn: UInt16, _ result: inout UInt32) throws(SGXError) -> UInt32"))
        #expect(untrusted.contains("_ addrlen: UInt32, _ pid: Int32, _ at: Int64) -> Int"))
    }

    /// `check` accepted this (`socklen_t` is integer-valued to C) and `generate` used to refuse it.
    @Test func sizeFromATypedefParameter() throws {
        let bridges = Self.generate("""
            trusted { public void f(); };
            untrusted { int o_connect(int fd, [in, size=addrlen] const void* addr, socklen_t addrlen); };
            """)
        #expect(bridges.isValid, "\(bridges.diagnostics)")
        let trusted = try #require(bridges.trusted)
        #expect(trusted.contains("UInt64(exactly: addrlen)"))
    }

    @Test func floatingPointSizeIsAcceptedWithAWarning() throws {
        let bridges = Self.generate("trusted { public void f([in, size=n] uint8_t* p, double n); };")
        #expect(bridges.isValid, "\(bridges.diagnostics)")
        let warnings = bridges.diagnostics.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings.count == 1 && warnings[0].contains("`n` is `double`"), "\(warnings)")
        #expect(warnings[0].hasPrefix("interop.edl:2:"))
        // The bridge converts it exactly: a fraction, a negative value or NaN is refused.
        #expect(try #require(bridges.trusted).contains("UInt64(exactly: _v_n)"))
        #expect(EDLCompiler.check(source: "enclave { trusted { public void f([in, count=n] int* p, float n); }; };",
                                  path: "x.edl", readFile: EDLImportResolverReader.none).isValid)
    }

    /// `sgx_tstdc.edl`'s `[in, count=total] const void **waiters`: the pointer values cross,
    /// never what they point to (as edger8r).
    @Test func arrayOfPointersCrossesAsAddresses() throws {
        let bridges = Self.generate("""
            trusted { public void f(); };
            untrusted { int o_wake([in, count=total] const void **waiters, size_t total); };
            """)
        #expect(bridges.isValid, "\(bridges.diagnostics)")
        #expect(try #require(bridges.untrusted).contains("_ waiters: [UInt64], _ total: Int"))
        let deeper = Self.generate("trusted { public void f([in, count=2] int ***p); };")
        #expect(!deeper.isValid)
        #expect(deeper.diagnostics.filter(\.isError).map(\.description).first?.contains("`p`: pointers to pointers to pointers") == true)
    }

    @Test func enumSizeIsRefusedNamingTheConstruct() {
        let bridges = Self.generate("enum e { A }; trusted { public void f([in, size=n] uint8_t* p, enum e n); };")
        let errors = bridges.diagnostics.filter(\.isError).map(\.description)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.contains("size/count `n` has type `enum e`") == true)
    }

    /// Files whose generation still fails, and the construct each one names. A file leaves
    /// this table when the generator learns its construct; a new entry is a regression.
    static let knownRefusals: [String: String] = [
        "intel-dcap/QuoteGeneration/ae/pce/pce.edl": "`sgx_report_t`",
        "intel-dcap/QuoteGeneration/quote_wrapper/quote/enclave/qe3.edl": "`sgx_target_info_t`",
        "intel-dcap/QuoteGeneration/quote_wrapper/quote/id_enclave/id_enclave.edl": "`sgx_key_128bit_t`",
        "intel-dcap/QuoteGeneration/quote_wrapper/tdx_quote/enclave/tdqe.edl": "`sgx_target_info_t`",
        "intel-dcap/QuoteVerification/appraisal/qae/qae.edl": "`sgx_ql_qe_report_info_t`",
        "intel-dcap/QuoteVerification/dcap_tvl/sgx_dcap_tvl.edl": "`sgx_ql_qe_report_info_t`",
        "intel-dcap/SampleCode/QuoteAppraisalSample/QAEAppraisal/Enclave/Enclave.edl": "`sgx_ql_qe_report_info_t`",
        "intel-dcap/SampleCode/QuoteGenerationSample/Enclave/Enclave.edl": "`sgx_target_info_t`",
        "intel-dcap/SampleCode/QuoteVerificationSample/Enclave/Enclave.edl": "`sgx_target_info_t`",
        "intel-linux-sgx/SampleCode/LocalAttestation/EnclaveInitiator/EnclaveInitiator.edl": "`sgx_dh_msg1_t`",
        "intel-linux-sgx/SampleCode/LocalAttestation/EnclaveResponder/EnclaveResponder.edl": "`sgx_dh_msg1_t`",
        "intel-linux-sgx/SampleCode/PowerTransition/Enclave/Enclave.edl": "`struct sealed_buf_t`",
        "intel-linux-sgx/SampleCode/RemoteAttestation/isv_enclave/isv_enclave.edl": "`sgx_ec256_public_t`",
        "intel-linux-sgx/common/inc/sgx_tkey_exchange.edl": "`sgx_ec256_public_t`",
        "intel-linux-sgx/psw/ae/le/launch_enclave.edl": "`sgx_measurement_t`",
        "intel-linux-sgx/psw/ae/pce/pce.edl": "`sgx_report_t`",
        "intel-linux-sgx/psw/ae/pve/provision_enclave.edl": "`extended_epid_group_blob_t`",
        "intel-linux-sgx/psw/ae/qe/quoting_enclave.edl": "`sgx_cpu_svn_t`",
        "intel-linux-sgx/psw/ae/ref_le/ref_le.edl": "`sgx_measurement_t`",
    ]

    /// Every corpus file `edl check` accepts is either generated, or refused with errors that
    /// each carry `file:line:col` and name the construct in backquotes. Library EDLs without
    /// a public ECALL are imported by a one-ECALL enclave, as edger8r requires.
    @Test func everyCorpusFileGeneratesOrNamesItsConstruct() throws {
        var refused: [String: String] = [:]
        var generated = 0, uncheckable = 0
        for relative in FixturePaths.allEDLFiles() {
            let path = FixturePaths.edl + "/" + relative
            let directory = (path as NSString).deletingLastPathComponent
            var options = EDLOptions()
            options.includePaths = [FixturePaths.sdkInclude, FixturePaths.edl + "/intel-dcap/QuoteVerification/dcap_tvl",
                                    directory, (directory as NSString).deletingLastPathComponent,
                                    directory + "/../common", directory + "/../sgx_socket/include"]
            options.requirePublicECall = false
            let checked = EDLCompiler.check(file: path, options: options)
            guard checked.isValid else {
                // qve.edl and the attested-TLS samples import Intel SGX SSL's sgx_tsgxssl.edl,
                // which is not in the corpus; nothing else may fail to check.
                #expect(checked.errors.count == 1 && checked.errors[0].message.contains("sgx_tsgxssl.edl"),
                        "\(relative) fails `edl check`: \(checked.errors)")
                uncheckable += 1
                continue
            }
            var bridges: EDLGeneratedBridges
            if checked.enclave.ecalls.contains(where: \.isPublic) {
                bridges = EDLCompiler.generate(file: path, options: options, enclaveName: "Corpus")
            } else {
                let wrapper = "enclave {\n    from \"\(path)\" import *;\n    trusted { public void corpus_root(void); };\n};\n"
                bridges = EDLCompiler.generate(source: wrapper, path: "wrapper.edl", options: options, enclaveName: "Corpus")
            }
            if bridges.isValid {
                generated += 1
                continue
            }
            let errors = bridges.diagnostics.filter(\.isError)
            #expect(!errors.isEmpty)
            for error in errors {
                #expect(error.location != nil, "\(relative): \(error)")
                #expect(error.message.contains("`"), "\(relative): \(error)")
            }
            refused[relative] = errors[0].message
        }
        for (file, message) in refused {
            let construct = Self.knownRefusals[file]
            #expect(construct != nil, "new refusal: \(file): \(message)")
            if let construct { #expect(message.contains(construct), "\(file): \(message)") }
        }
        for file in Self.knownRefusals.keys where refused[file] == nil {
            Issue.record("\(file) now generates (or no longer checks): take it out of knownRefusals")
        }
        #expect(uncheckable <= 3 && generated + refused.count + uncheckable == FixturePaths.allEDLFiles().count)
        #expect(generated >= 38, "only \(generated) corpus files generated")
    }
}
