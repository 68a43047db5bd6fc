import Foundation

/// Finds, parses and merges imported EDL files (`from "x.edl" import ...;`).
///
/// A file named in an import is looked up relative to the importing file's
/// directory, then in each `-I` directory in order, then in the current
/// directory (edger8r searches its `--search-path`s and `.`). The imported file's
/// own imports are resolved first, so `import a, b` may name functions that the
/// imported file itself imports. All of its types and headers come along; the
/// same declaration reached twice (diamond imports) is kept once.
struct EDLImportResolver {
    typealias Reader = (String) -> String?

    static let maxImportDepth = 64

    var includePaths: [String]
    var defines: [String: String]
    var readFile: Reader
    var sink = EDLDiagnosticSink()
    private var cache: [String: EDLEnclave] = [:]
    private var stack: [String] = []

    init(includePaths: [String], defines: [String: String], readFile: @escaping Reader) {
        self.includePaths = includePaths
        self.defines = defines
        self.readFile = readFile
    }

    /// Reads a regular file of at most 16 MiB as UTF-8 (lossy), or `nil`.
    static func readFromDisk(_ path: String) -> String? {
        guard let attrs = try? FileManager.default.attributesOfItem(atPath: path),
              (attrs[.type] as? FileAttributeType) == .typeRegular,
              let size = attrs[.size] as? NSNumber, size.intValue <= 16 << 20,
              let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func shortName(of path: String) -> String {
        let base = (path as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        return stem.isEmpty ? base : stem
    }

    /// Lexes, preprocesses and parses one file's text (no imports resolved).
    mutating func parse(source: String, path: String) -> EDLEnclave {
        let tokens = EDLLexer.tokenize(source, file: path)
        var pre = EDLPreprocessor(defines: defines)
        let expanded = pre.process(tokens)
        sink.append(contentsOf: pre.sink.diagnostics)
        var parser = EDLParser(tokens: expanded, name: Self.shortName(of: path), path: path)
        let enclave = parser.parse()
        sink.append(contentsOf: parser.sink.diagnostics)
        return enclave
    }

    /// Parses `source` (the text of `path`) and merges everything it imports.
    mutating func resolve(source: String, path: String) -> EDLEnclave {
        let own = parse(source: source, path: path)
        stack.append(Self.canonical(path))
        defer { stack.removeLast() }
        return merge(own, importerPath: path)
    }

    private static func canonical(_ path: String) -> String {
        (path as NSString).standardizingPath
    }

    private func locate(_ name: String, importerPath: String) -> String? {
        var candidates: [String] = []
        if name.hasPrefix("/") {
            candidates = [name]
        } else {
            let dir = (importerPath as NSString).deletingLastPathComponent
            candidates.append(dir.isEmpty ? name : (dir as NSString).appendingPathComponent(name))
            for p in includePaths { candidates.append((p as NSString).appendingPathComponent(name)) }
            candidates.append(name)
        }
        for c in candidates {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: c, isDirectory: &isDir), !isDir.boolValue { return c }
        }
        return nil
    }

    private mutating func merge(_ own: EDLEnclave, importerPath: String) -> EDLEnclave {
        var result = own
        for imp in own.imports {
            guard stack.count < Self.maxImportDepth else {
                sink.error("imports nested too deeply", at: imp.pathLocation)
                break
            }
            guard let found = locate(imp.path, importerPath: importerPath) else {
                sink.error("file not found within search paths: \(imp.path)", at: imp.pathLocation)
                continue
            }
            let key = Self.canonical(found)
            if stack.contains(key) {
                sink.error("detected circular import of `\(imp.path)`", at: imp.pathLocation)
                continue
            }
            let imported: EDLEnclave
            if let cached = cache[key] {
                imported = cached
            } else {
                guard let text = readFile(found) else {
                    sink.error("cannot read `\(found)`", at: imp.pathLocation)
                    continue
                }
                stack.append(key)
                let parsed = parse(source: text, path: found)
                imported = merge(parsed, importerPath: found)
                stack.removeLast()
                cache[key] = imported
            }
            var ecalls = imported.ecalls
            var ocalls = imported.ocalls
            if let names = imp.names {
                for (n, loc) in zip(names, imp.nameLocations) where imported.function(named: n) == nil {
                    sink.error("import failed - function `\(n)` not found in `\(imp.path)`", at: loc)
                }
                ecalls = ecalls.filter { names.contains($0.name) }
                ocalls = ocalls.filter { names.contains($0.name) }
            }
            for f in ecalls where !result.ecalls.contains(where: { $0.name == f.name && $0.location == f.location }) {
                result.ecalls.append(f)
            }
            for f in ocalls where !result.ocalls.contains(where: { $0.name == f.name && $0.location == f.location }) {
                result.ocalls.append(f)
            }
            for t in imported.types where !result.types.contains(t) {
                result.types.append(t)
            }
            for i in imported.includes where !result.includes.contains(where: { $0.header == i.header && $0.scope == i.scope }) {
                result.includes.append(i)
            }
        }
        return result
    }
}
