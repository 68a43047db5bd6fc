// swift-tools-version:6.1
//
// swift-sgx: memory-safe Intel SGX enclave programming in Swift.
//
// Modules are split by trust domain:
//   shared    SGXTypes             Embedded-clean; compiled for the host here and for the
//                                   enclave by the enclave build.
//   trusted   SGXTrusted, CEnclaveRuntime
//                                   NOT SwiftPM targets: they only exist inside an enclave and
//                                   are compiled by `swift-sgx build` (SGXEnclaveBuild) for
//                                   x86_64-unknown-none-elf with Embedded Swift. A trusted
//                                   module never imports an untrusted one.
//   untrusted SGXImage (image format: ELF, layout, MRENCLAVE, SGXS, the back-end protocol),
//             SGXSign (SIGSTRUCT, keys; re-exports SGXImage), SGXHost, CSGXHost,
//             SGXSimulation, SGXLinuxDriver + CSGXLinuxDriver (the /dev/sgx_enclave back
//             end, not yet run on SGX hardware), SGXEDL, SGXAttestation, SGXEnclaveBuild,
//             the tools and the plugin.
import PackageDescription

let package = Package(
    name: "swift-sgx",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "SGXTypes", targets: ["SGXTypes"]),
        .library(name: "SGXImage", targets: ["SGXImage"]),
        .library(name: "SGXSign", targets: ["SGXSign"]),
        .library(name: "SGXHost", targets: ["SGXHost"]),
        .library(name: "SGXSimulation", targets: ["SGXSimulation"]),
        .library(name: "SGXLinuxDriver", targets: ["SGXLinuxDriver"]),
        .library(name: "SGXEDL", targets: ["SGXEDL"]),
        .library(name: "SGXAttestation", targets: ["SGXAttestation"]),
        .library(name: "SGXAttestationNIO", targets: ["SGXAttestationNIO"]),
        .executable(name: "swift-sgx", targets: ["swift-sgx"]),
        .executable(name: "sgx-bench", targets: ["sgx-bench"]),
        .executable(name: "hello-enclave", targets: ["hello-enclave"]),
        .executable(name: "local-attestation-example", targets: ["local-attestation-example"]),
        .executable(name: "secret-provisioning-example", targets: ["secret-provisioning-example"]),
        .executable(name: "ml-example", targets: ["ml-example"]),
        .executable(name: "stats-example", targets: ["stats-example"]),
        .plugin(name: "SGXEnclavePlugin", targets: ["SGXEnclavePlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-crypto.git", "4.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
    ],
    targets: [
        // MARK: shared (Embedded-clean)
        .target(name: "SGXTypes"),

        // MARK: untrusted
        .target(
            name: "SGXImage",
            dependencies: [
                "SGXTypes",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "SGXSign",
            dependencies: [
                "SGXTypes", "SGXImage",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "BigInt", package: "BigInt"),
            ]),
        .target(name: "CSGXHost"),
        .target(name: "CSGXLinuxDriver", linkerSettings: [.linkedLibrary("dl")]),
        .target(
            name: "SGXLinuxDriver",
            dependencies: ["SGXTypes", "SGXImage", "CSGXLinuxDriver"]),
        .target(
            name: "SGXSimulation",
            dependencies: [
                "SGXTypes", "SGXImage", "SGXSign", "SGXAttestation", "CSGXHost",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        .target(
            name: "SGXHost",
            dependencies: ["SGXTypes", "SGXSign", "SGXImage", "SGXSimulation"]),
        .target(name: "SGXEDL", exclude: ["README.md"]),
        .target(
            name: "SGXAttestation",
            dependencies: [
                "SGXTypes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]),
        // RA-TLS verification plugged into swift-nio-ssl's custom certificate verification.
        .target(
            name: "SGXAttestationNIO",
            dependencies: [
                "SGXAttestation",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        .target(
            name: "SGXEnclaveBuild",
            dependencies: ["SGXTypes", "SGXSign", "SGXEDL"]),

        // MARK: tools
        .executableTarget(
            name: "swift-sgx",
            dependencies: [
                "SGXTypes", "SGXSign", "SGXEDL", "SGXAttestation", "SGXEnclaveBuild", "SGXLinuxDriver", "SGXSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The Benchmarks Game kernels, Embedded-clean: compiled here as an ordinary host module
        // (the native twin) and, unchanged, into ComputeSuite's enclave, whose enclave.json lists
        // this directory under "sharedSources". No file belongs to two SwiftPM targets: the
        // enclave directory is excluded from ComputeSuite and holds only the ECALL glue.
        .target(name: "ComputeKernels"),
        // sgx-bench's rows, spreads, JSON and SVG chart (a library so that tests can reach them).
        .target(name: "BenchReport"),
        // The compute suite: the compute enclave (ComputeEnclave/, built by the plugin) and the
        // interleaved enclave-vs-native runner.
        .target(
            name: "ComputeSuite",
            dependencies: ["ComputeKernels", "BenchReport", "SGXHost", "SGXTypes"],
            exclude: ["ComputeEnclave"],
            plugins: ["SGXEnclavePlugin"]),
        .executableTarget(
            name: "sgx-bench",
            dependencies: ["SGXHost", "SGXTypes", "CSGXHost", "SGXSimulation", "SGXAttestation", "SecretProvisioning",
                           "BenchReport", "ComputeSuite",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "_CryptoExtras", package: "swift-crypto"),
                           .product(name: "NIOPosix", package: "swift-nio")],
            exclude: ["BenchEnclave"],
            plugins: ["SGXEnclavePlugin"]),
        .executableTarget(
            name: "hello-enclave",
            dependencies: ["SGXHost"],
            exclude: ["HelloEnclave"],
            plugins: ["SGXEnclavePlugin"]),
        .executableTarget(
            name: "local-attestation-example",
            dependencies: ["SGXHost"],
            path: "Examples/LocalAttestation",
            exclude: ["ResponderEnclave", "InitiatorEnclave"],
            plugins: ["SGXEnclavePlugin"]),
        // The provisioning enclave and its host side, shared by the example, the RA-TLS
        // tests and sgx-bench.
        .target(
            name: "SecretProvisioning",
            dependencies: [
                "SGXHost", "SGXAttestation", "SGXAttestationNIO", "SGXTypes",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            path: "Examples/SecretProvisioning/Library",
            exclude: ["ProvisioningEnclave"],
            plugins: ["SGXEnclavePlugin"]),
        .executableTarget(
            name: "secret-provisioning-example",
            dependencies: ["SecretProvisioning", "SGXHost", "SGXAttestation", "SGXTypes"],
            path: "Examples/SecretProvisioning/Main"),
        // The compute examples. Fisher's Iris data (Examples/Fixtures, PROVENANCE.md) read on the host.
        .target(name: "IrisFixture", path: "Examples/Fixtures", exclude: ["iris.csv", "PROVENANCE.md"]),
        // The native twin: the trainer enclave's model code (plain Swift, no SGX import)
        // compiled for the host from the same files the enclave build compiles.
        .target(name: "IrisModel", path: "Examples/MachineLearning/Library/TrainerEnclave/Model"),
        .target(
            name: "MLExample",
            dependencies: ["SGXHost", "SGXTypes", "IrisModel", "IrisFixture"],
            path: "Examples/MachineLearning/Library",
            exclude: ["TrainerEnclave"],
            plugins: ["SGXEnclavePlugin"]),
        .executableTarget(
            name: "ml-example",
            dependencies: ["MLExample", "IrisModel", "IrisFixture", "SGXHost", "SGXTypes"],
            path: "Examples/MachineLearning/Main"),
        .target(
            name: "StatsExample",
            dependencies: ["SGXHost", "SGXTypes", "IrisFixture"],
            path: "Examples/Statistics/Library",
            exclude: ["StatsEnclave"],
            plugins: ["SGXEnclavePlugin"]),
        .executableTarget(
            name: "stats-example",
            dependencies: ["StatsExample", "IrisFixture", "SGXHost", "SGXTypes"],
            path: "Examples/Statistics/Main"),
        .plugin(
            name: "SGXEnclavePlugin",
            capability: .buildTool(),
            dependencies: ["swift-sgx"]),

        // MARK: tests
        .testTarget(name: "SGXTypesTests", dependencies: ["SGXTypes"]),
        .testTarget(name: "SGXSignTests", dependencies: ["SGXSign", "SGXImage", "SGXTypes"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SGXEDLTests", dependencies: ["SGXEDL"], resources: [.copy("Fixtures")]),
        // Test-only C: the installed kernel's <asm/sgx.h> values, to pin CSGXLinuxDriver's restatement.
        .target(name: "CKernelUAPIFacts", path: "Tests/CKernelUAPIFacts"),
        .testTarget(
            name: "SGXLinuxDriverTests",
            dependencies: ["SGXLinuxDriver", "CSGXLinuxDriver", "CKernelUAPIFacts", "SGXImage", "SGXEnclaveBuild", "SGXTypes"],
            exclude: ["Enclaves"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SGXAttestationTests", dependencies: ["SGXAttestation", "SGXTypes"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SGXHostTests", dependencies: ["SGXHost", "SGXSimulation", "SGXImage", "SGXSign", "SGXEnclaveBuild", "SGXTypes"],
            exclude: ["Enclaves"]),
        .testTarget(
            name: "SGXEnclaveBuildTests", dependencies: ["SGXEnclaveBuild", "SGXSign", "SGXTypes"],
            exclude: ["Enclaves"]),
        .testTarget(
            name: "SGXTrustedSyncTests", dependencies: ["SGXHost", "SGXEnclaveBuild", "SGXEDL", "SGXTypes"],
            exclude: ["Enclaves"]),
        // Intel protected files (sgx_tprotected_fs format 1.0): the host reference codec and
        // the enclave's ProtectedFile (test enclave under Enclaves/, built at test time).
        .testTarget(
            name: "SGXProtectedFileTests",
            dependencies: [
                "SGXSimulation", "SGXHost", "SGXSign", "SGXEnclaveBuild", "SGXTypes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["Enclaves", "Fixtures/generate.py", "Fixtures/README.md"], resources: [.copy("Fixtures")]),
        .testTarget(
            name: "SGXSimulationTests",
            dependencies: [
                "SGXSimulation", "SGXHost", "SGXEnclaveBuild", "SGXTypes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["Enclaves"]),
        .testTarget(name: "EDLBridgeTests", dependencies: ["SGXHost", "SGXEDL", "SGXEnclaveBuild", "SGXTypes"], exclude: ["Enclaves"]),
        .testTarget(
            name: "SGXTrustedCryptoTests",
            dependencies: [
                "SGXHost", "SGXEnclaveBuild", "SGXTypes", "CSGXHost",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ],
            exclude: ["Enclaves", "Fixtures"]),
        .testTarget(
            name: "SGXSealingTests",
            dependencies: [
                "SGXHost", "SGXSign", "SGXSimulation", "SGXEnclaveBuild", "SGXTypes",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Enclaves"]),
        // Test-only C: the enclave libm (Sources/CEnclaveRuntime/math_*.c) built for the host
        // with every function renamed sgxm_*, and its accuracy driver against glibc.
        .target(
            name: "CEnclaveMathUnderTest", path: "Tests/CEnclaveMathUnderTest",
            exclude: ["bench"],  // the stand-alone speed and accuracy harness (bench/run.sh)
            cSettings: [.unsafeFlags(["-O2"])]),
        .testTarget(
            name: "SGXEnclaveMathTests",
            dependencies: ["CEnclaveMathUnderTest", "SGXHost", "SGXEnclaveBuild", "SGXTypes"],
            exclude: ["Enclaves"]),
        .testTarget(
            name: "SGXAttestationSimulationTests",
            dependencies: [
                "SGXAttestation", "SGXSimulation", "SGXHost", "SGXEnclaveBuild", "SGXTypes",
                .product(name: "X509", package: "swift-certificates"),
            ],
            exclude: ["Enclaves"]),
        .testTarget(
            name: "SGXAttestationRATLSTests",
            dependencies: [
                "SGXAttestation", "SGXAttestationNIO", "SGXSimulation", "SGXTypes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "ComputeExamplesTests",
            dependencies: ["MLExample", "IrisModel", "StatsExample", "IrisFixture", "SGXHost", "SGXTypes"]),
        .testTarget(
            name: "ComputeSuiteTests",
            dependencies: ["ComputeSuite", "ComputeKernels", "BenchReport", "SGXHost", "SGXEnclaveBuild", "SGXTypes",
                           .product(name: "Crypto", package: "swift-crypto")]),
        .testTarget(
            name: "SecretProvisioningTests",
            dependencies: [
                "SecretProvisioning", "SGXHost", "SGXAttestation", "SGXTypes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
    ]
)
