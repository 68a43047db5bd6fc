import Foundation
import SGXTypes

/// `enclave.json`, the enclave's configuration file beside its sources. Every key is
/// optional; a missing key keeps the default of ``EnclaveConfig``:
///
/// ```json
/// {
///   "heapSize": "16M",        // bytes, or a number with K/M/G
///   "stackSize": "256K",
///   "tcsCount": 4,            // threads that may be inside the enclave at once
///   "tcsPolicy": "unbound",   // or "bound": a host thread keeps its TCS
///   "isvProdID": 0,
///   "isvSvn": 0,
///   "debug": true,            // false: signed so that EINIT refuses a DEBUG launch
///   "ssaFrameSize": 1,        // pages per SSA frame
///   "nssa": 2,
///   "miscSelect": 0, "miscMask": "0xffffffff",
///   "xfrm": "0x7", "xfrmMask": "0xffffffffffffff1b",
///   "attributes": "0x4", "attributeMask": "0xfffffffffffffffd",
///   "sharedSources": ["../Kernels"], // more directories of enclave Swift sources
///   "optimization": "-O"      // Swift optimisation of the enclave: "-Osize" (default), "-O", "-Onone"
/// }
/// ```
/// `sharedSources` and `optimization` are build inputs, not part of the measured config.
/// `sharedSources` names directories, relative
/// to the enclave directory, whose `.swift` files (recursively) are compiled into the enclave
/// module beside the enclave's own. It lets one directory be both a SwiftPM host target (its
/// `path`) and part of an enclave, so the same code runs natively and in the enclave (a
/// "native twin"); see ``sharedSourceDirectories(configPath:enclaveDirectory:)``.
///
/// Errors name the file, the key and what was expected.
public enum EnclaveConfigFile {
    public static let fileName = "enclave.json"

    static let keys = ["heapSize", "stackSize", "tcsCount", "tcsPolicy", "isvProdID", "isvSvn", "debug",
                       "ssaFrameSize", "nssa", "miscSelect", "miscMask", "xfrm", "xfrmMask", "attributes", "attributeMask",
                       sharedSourcesKey, optimizationKey]

    /// The key choosing the enclave's Swift optimisation level (not part of ``EnclaveConfig``).
    public static let optimizationKey = "optimization"
    static let optimizationLevels = ["-Osize", "-O", "-Onone"]

    /// The key listing directories of shared enclave sources (not part of ``EnclaveConfig``).
    public static let sharedSourcesKey = "sharedSources"

    /// Reads `path`; a missing file gives the defaults.
    public static func load(path: String) throws(SGXError) -> EnclaveConfig {
        guard FileManager.default.fileExists(atPath: path) else { return defaults(debug: true) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SGXError(.enclaveFileAccess, "\(path): cannot read the file")
        }
        return try parse(data, name: path)
    }

    /// The defaults: Intel's signer defaults for attributes and masks.
    public static func defaults(debug: Bool) -> EnclaveConfig {
        var config = EnclaveConfig()
        config.debug = debug
        config.attributeMask = Attributes(
            flags: debug ? Attributes.Flags(rawValue: ~Attributes.Flags.debug.rawValue) : Attributes.Flags(rawValue: ~0),
            xfrm: ~UInt64(0xe4))
        return config
    }

    /// A JSON value as the config file may hold it.
    enum Value: Decodable {
        case bool(Bool), number(Double), integer(UInt64), string(String), other

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let b = try? container.decode(Bool.self) { self = .bool(b) }
            else if let i = try? container.decode(UInt64.self) { self = .integer(i) }
            else if let d = try? container.decode(Double.self) { self = .number(d) }
            else if let s = try? container.decode(String.self) { self = .string(s) }
            else { self = .other }
        }

        var description: String {
            switch self {
            case .bool(let b): "\(b)"
            case .number(let d): "\(d)"
            case .integer(let i): "\(i)"
            case .string(let s): "\"\(s)\""
            case .other: "a JSON array, object or null"
            }
        }
    }

    public static func parse(_ data: Data, name: String) throws(SGXError) -> EnclaveConfig {
        let dictionary: [String: Value]
        do {
            dictionary = try JSONDecoder().decode([String: Value].self, from: data)
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            throw .invalidMetadata("\(name): not valid JSON: \(context.debugDescription)\(underlying)")
        } catch {
            throw .invalidMetadata("\(name): expected a JSON object with the keys \(keys.joined(separator: ", "))")
        }
        for key in dictionary.keys.sorted() where !keys.contains(key) {
            throw .invalidMetadata("\(name): unknown key '\(key)' (known keys: \(keys.joined(separator: ", ")))")
        }
        var debug = true
        if let value = dictionary["debug"] {
            guard case .bool(let b) = value else {
                throw .invalidMetadata("\(name): key 'debug': expected true or false, got \(value.description)")
            }
            debug = b
        }
        var config = defaults(debug: debug)
        if let v = try size(dictionary, "heapSize", name) { config.heapSize = v }
        if let v = try size(dictionary, "stackSize", name) { config.stackSize = v }
        if let v = try integer(dictionary, "tcsCount", name, max: 1024) { config.tcsCount = UInt32(v) }
        if let policy = dictionary["tcsPolicy"] {
            switch policy {
            case .string("bound"): config.tcsPolicy = .bound
            case .string("unbound"): config.tcsPolicy = .unbound
            default: throw .invalidMetadata("\(name): key 'tcsPolicy': expected \"bound\" or \"unbound\", got \(policy.description)")
            }
        }
        if let v = try integer(dictionary, "isvProdID", name, max: 0xffff) { config.isvProdID = UInt16(v) }
        if let v = try integer(dictionary, "isvSvn", name, max: 0xffff) { config.isvSvn = UInt16(v) }
        if let v = try integer(dictionary, "ssaFrameSize", name, max: 16) { config.ssaFrameSize = UInt32(v) }
        if let v = try integer(dictionary, "nssa", name, max: 8) { config.nssa = UInt32(v) }
        if let v = try integer(dictionary, "miscSelect", name, max: 0xffff_ffff) { config.miscSelect = UInt32(v) }
        if let v = try integer(dictionary, "miscMask", name, max: 0xffff_ffff) { config.miscMask = UInt32(v) }
        if let v = try integer(dictionary, "xfrm", name, max: .max) { config.attributes.xfrm = v }
        if let v = try integer(dictionary, "xfrmMask", name, max: .max) { config.attributeMask.xfrm = v }
        if let v = try integer(dictionary, "attributes", name, max: .max) { config.attributes.flags = Attributes.Flags(rawValue: v) }
        if let v = try integer(dictionary, "attributeMask", name, max: .max) { config.attributeMask.flags = Attributes.Flags(rawValue: v) }
        config.attributes.flags.insert(.mode64Bit)
        if config.attributes.flags.contains(.debug) {
            throw .invalidMetadata("\(name): key 'attributes': do not set DEBUG (0x2) here; use \"debug\": true")
        }
        do {
            try config.validate()
        } catch {
            throw .invalidMetadata("\(name): \(error.detail)")
        }
        return config
    }

    /// The directories `sharedSources` names in the config file at `configPath`, as absolute,
    /// standardized paths; `[]` when the file or the key is absent. Each entry must be a
    /// relative path (resolved against `enclaveDirectory`, so the enclave builds the same
    /// from any checkout location) to an existing directory that holds at least one `.swift`
    /// file and is neither the enclave directory, inside it, nor one of its ancestors (each
    /// would compile files twice). Duplicates are refused for the same reason.
    public static func sharedSourceDirectories(configPath: String, enclaveDirectory: String) throws(SGXError) -> [String] {
        guard let data = FileManager.default.contents(atPath: configPath) else { return [] }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let value = object[sharedSourcesKey] else { return [] }
        let problem = "\(configPath): key '\(sharedSourcesKey)'"
        guard let entries = value as? [String] else {
            throw .invalidMetadata("\(problem): expected an array of directory paths relative to \(enclaveDirectory), e.g. [\"../Kernels\"]")
        }
        let base = URL(fileURLWithPath: enclaveDirectory).standardizedFileURL.path
        var result: [String] = []
        for entry in entries {
            guard !entry.isEmpty, !entry.hasPrefix("/") else {
                throw .invalidMetadata("\(problem): '\(entry)' must be a non-empty path relative to the enclave directory \(base)")
            }
            let path = URL(fileURLWithPath: base + "/" + entry).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw .invalidMetadata("\(problem): '\(entry)' is not a directory (resolved to \(path))")
            }
            guard path != base, !path.hasPrefix(base + "/"), !base.hasPrefix(path + "/") else {
                throw .invalidMetadata("\(problem): '\(entry)' (\(path)) overlaps the enclave directory \(base); its files would be compiled twice")
            }
            guard !result.contains(path) else {
                throw .invalidMetadata("\(problem): '\(entry)' is listed twice (\(path))")
            }
            guard (try? EnclaveBuilder.swiftFiles(in: path))?.isEmpty == false else {
                throw .invalidMetadata("\(problem): '\(entry)' (\(path)) holds no .swift files")
            }
            result.append(path)
        }
        return result
    }

    /// The `optimization` the config file at `configPath` asks for ("-Osize", "-O" or
    /// "-Onone"), or nil when the file or the key is absent. A compute-heavy enclave compared
    /// with host code built `-O` wants `-O` too; `-Osize` keeps images small.
    public static func optimization(configPath: String) throws(SGXError) -> String? {
        guard let data = FileManager.default.contents(atPath: configPath),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let value = object[optimizationKey] else { return nil }
        guard let level = value as? String, optimizationLevels.contains(level) else {
            throw .invalidMetadata("\(configPath): key '\(optimizationKey)': expected one of \(optimizationLevels.map { "\"\($0)\"" }.joined(separator: ", ")), got \(value)")
        }
        return level
    }

    private static func integer(_ d: [String: Value], _ key: String, _ name: String, max: UInt64) throws(SGXError) -> UInt64? {
        guard let value = d[key] else { return nil }
        var parsed: UInt64? = nil
        switch value {
        case .integer(let i): parsed = i
        case .string(let text):
            parsed = text.hasPrefix("0x") || text.hasPrefix("0X") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
        default: break
        }
        guard let result = parsed, result <= max else {
            throw .invalidMetadata("\(name): key '\(key)': expected an integer from 0 to \(max) (decimal, or a \"0x...\" string), got \(value.description)")
        }
        return result
    }

    private static func size(_ d: [String: Value], _ key: String, _ name: String) throws(SGXError) -> UInt64? {
        guard let value = d[key] else { return nil }
        var parsed: UInt64? = nil
        switch value {
        case .integer(let i): parsed = i
        case .string(let text):
            if let last = text.last {
                let multiplier: UInt64? = switch last {
                case "K", "k": 1 << 10
                case "M", "m": 1 << 20
                case "G", "g": 1 << 30
                default: last.isNumber ? 1 : nil
                }
                let digits = last.isNumber ? Substring(text) : text.dropLast()
                if let multiplier, let n = UInt64(digits) {
                    let (product, overflow) = n.multipliedReportingOverflow(by: multiplier)
                    if !overflow { parsed = product }
                }
            }
        default: break
        }
        guard let result = parsed, result > 0, result % 4096 == 0 else {
            throw .invalidMetadata("\(name): key '\(key)': expected a size in bytes that is a multiple of 4096 (e.g. 262144 or \"256K\", \"16M\"), got \(value.description)")
        }
        return result
    }
}
