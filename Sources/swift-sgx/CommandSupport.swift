import ArgumentParser
import Foundation
import SGXTypes

/// Prints an SGXError the way every command does, and exits non-zero.
func fail(_ error: SGXError) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(error.detail.isEmpty ? error.description : error.detail)\n".utf8))
    return ExitCode(1)
}

func readFile(_ path: String) throws(SGXError) -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw SGXError(.enclaveFileAccess, "cannot read \(path)")
    }
    return [UInt8](data)
}

func writeFile(_ path: String, _ bytes: [UInt8]) throws(SGXError) {
    do {
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
        throw SGXError(.enclaveFileAccess, "cannot write \(path): \(error.localizedDescription)")
    }
}

/// JSON output: keys in camelCase, sorted, hashes as lowercase hex.
func printJSON(_ object: [String: Any]) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
    print(String(decoding: data, as: UTF8.self))
}

func hex<T: FixedWidthInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }
