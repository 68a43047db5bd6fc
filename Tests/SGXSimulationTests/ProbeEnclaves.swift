import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXSimulation
import SGXTypes

/// Builds the probe enclaves under Enclaves/ once per test run with the same pipeline as
/// `swift-sgx build`. ProbeB is ProbeA's code with a different heap size: a different
/// MRENCLAVE from the same signer (the public development key) and ISVPRODID.
enum ProbeEnclaves {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static var workRoot: String { cache.workDirectory }
    static let cache = EnclaveBuildCache(label: "simulation-tests")

    static func image(_ name: String) throws -> [UInt8] {
        try cache.image(name) { work in
            EnclaveBuildCache.request(name, in: sourceRoot, extraSources: name == "ProbeA" ? [] : ["\(sourceRoot)/ProbeA/Probe.swift"],
                                      work: work)
        }
    }

    static func load(_ name: String) throws -> Enclave {
        try Enclave(image: try image(name))
    }
}

/// The probe's frame: 0..<512 input, 512..<576 REPORTDATA, 1024..<1536 output.
final class ProbeFrame {
    static let size = 1536
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: ProbeFrame.size, alignment: 64)
    init() { pointer.initializeMemory(as: UInt8.self, repeating: 0, count: ProbeFrame.size) }
    func write(_ bytes: [UInt8], at offset: Int) {
        bytes.withUnsafeBytes { (pointer + offset).copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
    }
    func read(at offset: Int, count: Int) -> [UInt8] {
        [UInt8](UnsafeRawBufferPointer(start: pointer + offset, count: count))
    }
    deinit { pointer.deallocate() }
}

extension Enclave {
    /// The SECS identity the simulated CPU uses for this enclave.
    var secsIdentity: SECSIdentity {
        SECSIdentity(mrEnclave: identity.mrenclave, mrSigner: identity.mrsigner, attributes: identity.attributes,
                     miscSelect: identity.miscSelect, isvProdID: identity.isvProdID, isvSVN: identity.isvSvn)
    }

    /// ECALL 0: EGETKEY inside the enclave with `request`.
    func probeKey(_ request: KeyRequest) throws -> [UInt8] {
        let frame = ProbeFrame()
        frame.write(request.bytes, at: 0)
        try ecall(0, frame: frame.pointer)
        return frame.read(at: 1024, count: 16)
    }

    /// ECALL 1: EGETKEY(SEAL) with a request the enclave builds from its own report.
    func probeSealKey(_ policy: KeyRequest.KeyPolicy) throws -> [UInt8] {
        let frame = ProbeFrame()
        frame.write([UInt8(policy.rawValue & 0xff), UInt8(policy.rawValue >> 8)], at: 0)
        try ecall(1, frame: frame.pointer)
        return frame.read(at: 1024, count: 16)
    }

    /// ECALL 2: EREPORT for `target` with `reportData`.
    func probeReport(target: TargetInfo, reportData: [UInt8]) throws -> Report {
        let frame = ProbeFrame()
        frame.write(target.bytes, at: 0)
        frame.write(reportData, at: 512)
        try ecall(2, frame: frame.pointer)
        return try Report(bytes: frame.read(at: 1024, count: Report.byteCount))
    }

    func probeSelfReport() throws -> Report {
        let frame = ProbeFrame()
        try ecall(3, frame: frame.pointer)
        return try Report(bytes: frame.read(at: 1024, count: Report.byteCount))
    }

    func probeTargetInfo() throws -> TargetInfo {
        let frame = ProbeFrame()
        try ecall(4, frame: frame.pointer)
        return try TargetInfo(bytes: frame.read(at: 1024, count: TargetInfo.byteCount))
    }
}
