import Foundation
import SGXEnclaveBuild
import SGXSign
import SGXTypes
import Testing

/// The public development key signs debug enclaves only, unless forced; every built image
/// passes the forbidden-instruction scan (the builder enforces it).
@Suite struct DevelopmentKeyPolicyTests {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static let work = NSTemporaryDirectory() + "swift-sgx-build-tests-\(getpid())"

    func request(_ name: String, allow: Bool) -> EnclaveBuilder.Request {
        var request = EnclaveBuildCache.request("Release", in: Self.sourceRoot, work: Self.work + "/" + name)
        request.allowDevelopmentKey = allow
        return request
    }

    @Test func nonDebugEnclaveIsRefusedTheDevelopmentKeyUnlessForced() throws {
        do {
            _ = try EnclaveBuilder.build(request("refused", allow: false))
            Issue.record("a non-debug enclave was signed with the development key")
        } catch {
            #expect(error.status == .invalidParameter)
            #expect(error.detail.contains("refusing to sign a non-debug enclave with the public development key"), "\(error.detail)")
            #expect(error.detail.contains("anyone can sign an enclave with the same MRSIGNER"))
        }
        let forced = try EnclaveBuilder.build(request("forced", allow: true))
        #expect(!forced.config.debug)
        #expect(forced.mrsigner == DevelopmentKey.publicKey.mrsigner)
        // The image the builder signed passed its instruction scan; scanning again agrees.
        #expect(try ForbiddenInstructionScan.findings(inFile: forced.unsignedImage, toolchain: Toolchain.locate()).isEmpty)
    }

    /// The rule `swift-sgx sign` and `swift-sgx build` apply (`--allow-development-key`).
    @Test func policy() throws {
        let developer = DevelopmentKey.publicKey
        let own = try SigningKey.generate().publicKey
        #expect(throws: SGXError.self) { try DevelopmentKey.checkUse(by: developer, debug: false, allowed: false) }
        try DevelopmentKey.checkUse(by: developer, debug: false, allowed: true)
        try DevelopmentKey.checkUse(by: developer, debug: true, allowed: false)
        try DevelopmentKey.checkUse(by: own, debug: false, allowed: false)
    }
}
