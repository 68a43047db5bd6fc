import Foundation
import SGXEnclaveBuild
import Testing

/// How the enclave build finds, selects and caches swift-nio-ssl's BoringSSL (libcrypto and libssl).
@Suite struct BoringSSLBuildTests {
    @Test func findsTheResolvedSwiftNIOSSLCheckout() throws {
        let root = try BoringSSLBuild.locateSources()
        #expect(FileManager.default.fileExists(atPath: root + "/include/CNIOBoringSSL_ssl.h"))
        #expect(root.hasSuffix("swift-nio-ssl/Sources/CNIOBoringSSL"))
    }

    @Test func leavesOutCPUIDAndForeignAssembly() throws {
        let sources = try BoringSSLBuild.sources(in: try BoringSSLBuild.locateSources())
        #expect(!sources.contains("crypto/cpu_intel.cc"), "cpu_intel.cc executes CPUID")
        #expect(sources.contains("crypto/fipsmodule/bcm.cc"))
        #expect(sources.contains("ssl/tls13_server.cc"), "libssl is part of the enclave archive")
        #expect(sources.contains("gen/bcm/aesni-gcm-x86_64-linux.S"))
        #expect(sources.contains("third_party/fiat/asm/fiat_p256_adx_mul.S"))
        #expect(!sources.contains { $0.hasSuffix("-apple.S") || $0.hasSuffix("-win.S") || $0.contains("armv8") })
        #expect(sources.count > 250)
    }

    @Test func archiveIsBuiltOnceAndReused() throws {
        let toolchain = try Toolchain.locate()
        let first = try BoringSSLBuild.archive(toolchain: toolchain)
        let attributes = try FileManager.default.attributesOfItem(atPath: first.archive)
        let second = try BoringSSLBuild.archive(toolchain: toolchain)
        #expect(first.archive == second.archive)
        let again = try FileManager.default.attributesOfItem(atPath: second.archive)
        #expect(attributes[.modificationDate] as? Date == again[.modificationDate] as? Date)
        #expect(first.archive.hasPrefix(BoringSSLBuild.cacheRoot + "/boringssl-"))
    }
}
