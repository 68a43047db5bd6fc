import ArgumentParser
import Foundation
import SGXSign
import SGXTypes

/// `swift-sgx dump FILE`: what an enclave image or a bare SIGSTRUCT says, and whether it
/// holds together (signature, Q1/Q2, measurement).
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Show an enclave image's or a SIGSTRUCT file's identity, config and signature status.")

    @Argument(help: "A signed enclave image, or a 1808-byte SIGSTRUCT file.")
    var file: String

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        do {
            let bytes = try readFile(file)
            var object: [String: Any] = ["file": file]
            var sigstructBytes: [UInt8]? = nil
            if bytes.count == Sigstruct.byteCount && bytes.starts(with: [0x06, 0, 0, 0, 0xe1]) {
                object["kind"] = "sigstruct"
                sigstructBytes = bytes
            } else {
                object["kind"] = "image"
                let elf = try EnclaveELF(bytes: bytes)
                let layout = try EnclaveLayout(image: elf)
                let measured = layout.measure().mrenclave
                object["measuredMrenclave"] = measured.hexString
                object["enclaveSize"] = layout.enclaveSize
                object["relocations"] = elf.relocationCount
                let c = elf.config
                object["config"] = [
                    "heapSize": c.heapSize, "stackSize": c.stackSize, "tcsCount": c.tcsCount,
                    "tcsPolicy": c.tcsPolicy == .bound ? "bound" : "unbound", "isvProdID": c.isvProdID,
                    "isvSvn": c.isvSvn, "debug": c.debug, "mode": c.mode == .simulation ? "simulation" : "hardware",
                    "ssaFrameSize": c.ssaFrameSize, "nssa": c.nssa, "miscSelect": c.miscSelect, "miscMask": c.miscMask,
                ] as [String: Any]
                sigstructBytes = elf.embeddedSigstruct
                object["signed"] = sigstructBytes != nil
            }
            if let raw = sigstructBytes {
                let s = try Sigstruct(bytes: raw)
                let verification = SigstructVerification(s)
                object["mrenclave"] = s.enclaveHash.hexString
                object["mrsigner"] = verification.mrsigner.hexString
                object["signatureValid"] = verification.signatureValid
                object["q1q2Valid"] = verification.q1q2Valid
                object["attributes"] = hex(s.attributes.flags.rawValue)
                object["xfrm"] = hex(s.attributes.xfrm)
                object["attributeMask"] = hex(s.attributeMask.flags.rawValue)
                object["xfrmMask"] = hex(s.attributeMask.xfrm)
                object["miscSelect"] = hex(s.miscSelect)
                object["miscMask"] = hex(s.miscMask)
                object["isvProdID"] = s.isvProdID
                object["isvSvn"] = s.isvSVN
                object["vendor"] = hex(s.vendor)
                if let d = s.dateComponents { object["date"] = String(format: "%04d-%02d-%02d", d.year, d.month, d.day) }
                object["debugSigned"] = s.attributeMask.flags.rawValue & Attributes.Flags.debug.rawValue == 0
                if let measured = object["measuredMrenclave"] as? String {
                    object["measurementMatches"] = measured == s.enclaveHash.hexString
                }
            }
            if json {
                printJSON(object)
            } else {
                for key in object.keys.sorted() {
                    if let nested = object[key] as? [String: Any] {
                        print("\(key):")
                        for inner in nested.keys.sorted() { print("  \(inner): \(nested[inner]!)") }
                    } else {
                        print("\(key): \(object[key]!)")
                    }
                }
            }
            let healthy = (object["signatureValid"] as? Bool ?? true) && (object["q1q2Valid"] as? Bool ?? true)
                && (object["measurementMatches"] as? Bool ?? true)
            if !healthy { throw ExitCode(2) }
        } catch let error as SGXError {
            throw fail(error)
        }
    }
}
