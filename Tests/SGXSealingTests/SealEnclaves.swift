import Foundation
import SGXEnclaveBuild
import SGXHost
import SGXSign
import SGXSimulation
import SGXTypes

/// Builds the sealing test enclaves under Enclaves/ once per test run. All compile
/// SealA/Sealer.swift: SealA (ISVPRODID 21, ISVSVN 5), SealB (another heap size: another
/// MRENCLAVE, same signer and ISVPRODID), SealC (ISVSVN 6), and "OtherSigner" (SealA's
/// sources and configuration signed with a key generated in the test's temporary directory).
enum SealEnclaves {
    static let sourceRoot = EnclaveBuildCache.directory(of: #filePath) + "/Enclaves"
    static let cache = EnclaveBuildCache(label: "sealing-tests")
    static var workRoot: String { cache.workDirectory }

    static func image(_ name: String) throws -> [UInt8] {
        try cache.image(name) { (work) throws(SGXError) in
            let directory = name == "OtherSigner" ? "SealA" : name
            var request = EnclaveBuildCache.request(name, in: sourceRoot, directory: directory,
                                                    extraSources: directory == "SealA" ? [] : ["\(sourceRoot)/SealA/Sealer.swift"],
                                                    work: work)
            if name == "OtherSigner" { try EnclaveBuildCache.signWithGeneratedKey(&request, name: name, work: work) }
            return request
        }
    }

    static func load(_ name: String) throws -> Enclave {
        try Enclave(image: try image(name))
    }
}

/// The ECALL frame of Sealer.swift: header in host memory, separate input/output buffers.
extension Enclave {
    /// Calls ECALL `index` with `input`; returns the output. A failing ECALL throws its
    /// status with the enclave's detail text.
    @discardableResult
    func call(_ index: UInt32, _ input: [UInt8] = [], argument: UInt64 = 0, capacity: Int = 1 << 16) throws(SGXError) -> [UInt8] {
        let header = UnsafeMutableRawPointer.allocate(byteCount: 48, alignment: 16)
        let inBuffer = UnsafeMutableRawPointer.allocate(byteCount: max(input.count, 1), alignment: 16)
        let outBuffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { header.deallocate(); inBuffer.deallocate(); outBuffer.deallocate() }
        input.withUnsafeBytes { if let base = $0.baseAddress { inBuffer.copyMemory(from: base, byteCount: $0.count) } }
        header.storeBytes(of: UInt64(UInt(bitPattern: inBuffer)), toByteOffset: 0, as: UInt64.self)
        header.storeBytes(of: UInt64(input.count), toByteOffset: 8, as: UInt64.self)
        header.storeBytes(of: UInt64(UInt(bitPattern: outBuffer)), toByteOffset: 16, as: UInt64.self)
        header.storeBytes(of: UInt64(capacity), toByteOffset: 24, as: UInt64.self)
        header.storeBytes(of: UInt64(0), toByteOffset: 32, as: UInt64.self)
        header.storeBytes(of: argument, toByteOffset: 40, as: UInt64.self)
        let output = { () -> [UInt8] in
            let count = Int(header.load(fromByteOffset: 32, as: UInt64.self))
            return [UInt8](UnsafeRawBufferPointer(start: outBuffer, count: min(count, capacity)))
        }
        do {
            try ecall(index, frame: header)
        } catch {
            throw SGXError(error.status, String(decoding: output(), as: UTF8.self))
        }
        return output()
    }

    var secsIdentity: SECSIdentity {
        SECSIdentity(mrEnclave: identity.mrenclave, mrSigner: identity.mrsigner, attributes: identity.attributes,
                     miscSelect: identity.miscSelect, isvProdID: identity.isvProdID, isvSVN: identity.isvSvn)
    }

    func seal(_ plaintext: [UInt8], aad: [UInt8] = [], policy: KeyRequest.KeyPolicy? = nil) throws -> [UInt8] {
        var input = [UInt8](repeating: 0, count: 4)
        input.storeLE(UInt32(aad.count), at: 0)
        return try call(0, input + aad + plaintext, argument: UInt64(policy?.rawValue ?? 0),
                        capacity: plaintext.count + aad.count + 1024)
    }

    func unseal(_ blob: [UInt8]) throws -> (plaintext: [UInt8], aad: [UInt8]) {
        let out = try call(1, blob, capacity: blob.count + 16)
        let aadCount = Int(out.loadLE(UInt32.self, at: 0))
        return (Array(out[(4 + aadCount)...]), Array(out[4..<(4 + aadCount)]))
    }
}

/// A DH peer policy block as Sealer.swift reads it.
struct PolicyBlock {
    var mrEnclave: [UInt8]?
    var mrSigner: [UInt8]?
    var isvProdID: UInt16?
    var minimumISVSVN: UInt16 = 0
    var allowDebug = true

    var bytes: [UInt8] {
        var out = [UInt8](repeating: 0, count: 80)
        var flags: UInt8 = allowDebug ? 8 : 0
        if let mrEnclave { out.store(mrEnclave, at: 0); flags |= 1 }
        if let mrSigner { out.store(mrSigner, at: 32); flags |= 2 }
        if let isvProdID { out.storeLE(isvProdID, at: 64); flags |= 4 }
        out.storeLE(minimumISVSVN, at: 66)
        out[68] = flags
        return out
    }

    static func pinning(_ enclave: borrowing Enclave) -> PolicyBlock {
        PolicyBlock(mrEnclave: enclave.identity.mrenclave, mrSigner: enclave.identity.mrsigner,
                    isvProdID: enclave.identity.isvProdID)
    }
}
