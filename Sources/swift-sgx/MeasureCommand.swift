import ArgumentParser
import Foundation
import SGXSign
import SGXTypes

/// `swift-sgx measure`: MRENCLAVE of an image (through the layout function) or of an
/// SGXS measurement stream.
struct MeasureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Print an enclave's MRENCLAVE; export or measure SGXS streams.")

    @Argument(help: "The enclave image (omit with --sgxs-in).")
    var image: String?

    @Option(help: "Also write the image's SGXS measurement stream to this file.")
    var sgxs: String?

    @Option(help: "Measure an existing SGXS stream instead of an image.")
    var sgxsIn: String?

    @Flag(help: "Print the result as JSON.")
    var json = false

    func run() throws {
        do {
            if let sgxsIn {
                let stream = try SGXSStream(bytes: try readFile(sgxsIn))
                report(stream.mrenclave, extra: ["enclaveSize": stream.enclaveSize, "ssaFrameSize": stream.ssaFrameSize,
                                                 "pages": stream.pages.count, "source": sgxsIn])
                return
            }
            guard let image else { throw ValidationError("give an enclave image, or --sgxs-in FILE") }
            let layout = try EnclaveLayout(image: try EnclaveELF(bytes: try readFile(image)))
            let (mrenclave, stream) = layout.measure(recordingSGXS: sgxs != nil)
            if let sgxs { try writeFile(sgxs, stream) }
            report(mrenclave, extra: ["enclaveSize": layout.enclaveSize, "ssaFrameSize": layout.config.ssaFrameSize,
                                      "source": image])
        } catch let error as SGXError {
            throw fail(error)
        }
    }

    private func report(_ mrenclave: [UInt8], extra: [String: Any]) {
        if json {
            var object = extra
            object["mrenclave"] = mrenclave.hexString
            printJSON(object)
        } else {
            print(mrenclave.hexString)
        }
    }
}
