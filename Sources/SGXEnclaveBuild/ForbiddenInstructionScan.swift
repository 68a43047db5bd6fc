import Foundation
import SGXTypes

/// Finds instructions an enclave cannot execute in an ELF file (an enclave image or an
/// object), from the toolchain's `llvm-objdump` disassembly. ``EnclaveBuilder`` runs it on
/// every image it links and refuses to sign one with findings.
///
/// The list follows Intel's "Illegal Instructions within an Enclave" (SGX developer
/// reference; SDM Vol. 3D, "Instructions illegal inside an enclave"), which fault with #UD
/// in enclave mode, plus the instructions that need CPL 0 and so fault (#GP) in an enclave,
/// which always runs at CPL 3:
/// - may VM-exit: `cpuid`, `getsec`, `rdpmc`, `rdtsc`, `rdtscp` (#UD on SGX1; SGX2 allows
///   the last two but the host controls the TSC, so they are refused as well), `sgdt`,
///   `sidt`, `sldt`, `str`, `vmcall`, `vmfunc`;
/// - I/O: `in`, `ins*`, `out`, `outs*`;
/// - privilege or segment changes: far `call`/`jmp`/`ret`, `int n`, `into`, `int1`, `iret`,
///   `lds`/`les`/`lfs`/`lgs`/`lss`, `mov` and `pop` to DS/ES/SS/FS/GS, `syscall`, `sysenter`;
/// - CPL 0 only: `hlt`, `lgdt`, `lidt`, `lldt`, `ltr`, `rdmsr`, `wrmsr`, `invd`,
///   `wbinvd`, `invlpg`, `clts`, `lmsw`, `swapgs`, `sysret`, `sysexit`, moves to or from
///   control and debug registers, `encls` and the VMX instructions.
///
/// Allowed on purpose: `ud2` (and `ud0`/`ud1`), the deliberate trap Swift and C use for
/// `fatalError`/`__builtin_trap`; `int3`, which is not on Intel's list (it raises #BP, how a
/// debugger sets breakpoints in a debug enclave) and is what `ld.lld` pads executable
/// sections with; `enclu`, the enclave's own instruction; `rdrand`/`rdseed`.
///
/// Data in code sections: BoringSSL's perlasm files put constants and a banner string in
/// `.text` after a function's declared size, and objdump decodes them as instructions
/// (often `ins`/`outs`). Bytes that lie past the declared size of the function before them
/// (until the next symbol) or inside an `STT_OBJECT` symbol are data, not scanned. Bytes
/// inside a function, under an assembly label without a type, or under no symbol at all
/// are scanned.
public struct ForbiddenInstructionScan: Sendable {
    /// One instruction the enclave cannot execute.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        /// The mnemonic as objdump prints it (AT&T syntax), e.g. `cpuid`, `int`, `movl`.
        public var mnemonic: String
        /// The operands as printed (`$0x80`, `%eax, %ds`), empty when there are none.
        public var operands: String
        /// The address in the file's address space (virtual address for an image, section
        /// offset for an object).
        public var address: UInt64
        /// The section and the symbol whose code contains it.
        public var section: String
        public var symbol: String
        /// Why an enclave cannot execute it.
        public var reason: String

        public var description: String {
            let instruction = operands.isEmpty ? mnemonic : "\(mnemonic) \(operands)"
            return "`\(instruction)` at 0x\(String(address, radix: 16)) in \(symbol) (\(section)): \(reason)"
        }
    }

    static let vmExit = "may VM-exit, #UD inside an enclave"
    static let io = "I/O instruction, #UD inside an enclave"
    static let segment = "changes privilege or a segment, #UD inside an enclave"
    static let privileged = "needs CPL 0, #GP inside an enclave (CPL 3)"

    /// Forbidden mnemonics in every spelling llvm-objdump uses (AT&T suffixes), with why.
    public static let forbidden: [String: String] = {
        var table: [String: String] = [:]
        func add(_ reason: String, _ names: [String], suffixes: [String] = [""]) {
            for name in names { for suffix in suffixes { table[name + suffix] = reason } }
        }
        add(vmExit, ["cpuid", "getsec", "rdpmc", "rdtsc", "rdtscp", "vmcall", "vmfunc"])
        add(vmExit, ["sgdt", "sidt", "sldt", "str"], suffixes: ["", "w", "l", "q"])
        add(io, ["in", "out"], suffixes: ["", "b", "w", "l"])
        add(io, ["ins", "outs"], suffixes: ["", "b", "w", "l", "d"])
        add(segment, ["lcall", "ljmp", "lret", "iret", "lds", "les", "lfs", "lgs", "lss"], suffixes: ["", "w", "l", "q", "d"])
        add(segment, ["int", "into", "int1", "icebp", "syscall", "sysenter"])
        add(privileged, ["hlt", "rdmsr", "wrmsr", "invd", "wbinvd", "invlpg", "clts", "swapgs", "encls",
                         "vmlaunch", "vmresume", "vmxon", "vmxoff", "vmptrld", "vmptrst", "vmclear",
                         "vmread", "vmwrite", "invept", "invvpid", "vmrun", "vmload", "vmsave", "vmmcall"])
        add(privileged, ["lgdt", "lidt", "lldt", "ltr", "lmsw", "sysret", "sysexit"], suffixes: ["", "w", "l", "q"])
        return table
    }()

    /// Prefixes objdump prints before (or on the line above) the mnemonic.
    static let prefixes: Set<String> = ["rep", "repe", "repz", "repne", "repnz", "lock", "data16", "data32",
                                        "addr32", "addr16", "cs", "ds", "es", "ss", "fs", "gs", "notrack", "bnd",
                                        "xacquire", "xrelease", "rex", "rex64", "rex.w", "rex.b", "rex.x", "rex.r"]
    static let segmentRegisters: Set<String> = ["%ds", "%es", "%ss", "%fs", "%gs"]

    /// What a symbol table entry says about the bytes from its address on.
    public struct SymbolEntry: Sendable, Hashable {
        public enum Kind: Sendable, Hashable { case function, object, other }
        public var section: String
        public var address: UInt64
        public var size: UInt64
        public var kind: Kind
        public var name: String
    }

    /// The reason `mnemonic operands` cannot run in an enclave, or nil if it can.
    public static func reason(mnemonic: String, operands: String) -> String? {
        if let reason = forbidden[mnemonic] { return reason }
        let lastOperand = operands.split(separator: ",").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if mnemonic.hasPrefix("mov") {
            if segmentRegisters.contains(lastOperand) { return segment }
            if operands.contains("%cr") || operands.contains("%db") || operands.contains("%dr") { return privileged }
        }
        if mnemonic.hasPrefix("pop") && segmentRegisters.contains(lastOperand) { return segment }
        return nil
    }

    /// Parses `llvm-objdump -t` output.
    public static func symbols(fromSymbolTable text: String) -> [SymbolEntry] {
        var entries: [SymbolEntry] = []
        for line in text.split(separator: "\n") {
            // "%016x %7s %section\t%016x name"
            let characters = Array(line.utf8)
            guard characters.count > 26, let tab = line.firstIndex(of: "\t"),
                  line.distance(from: line.startIndex, to: tab) > 25,
                  let address = UInt64(line.prefix(16), radix: 16) else { continue }
            let type = characters[23]
            let section = line[line.index(line.startIndex, offsetBy: 25)..<tab].trimmingCharacters(in: .whitespaces)
            let rest = line[line.index(after: tab)...].split(separator: " ", maxSplits: 1)
            guard rest.count == 2, let size = UInt64(rest[0], radix: 16) else { continue }
            let kind: SymbolEntry.Kind = switch type {
            case UInt8(ascii: "F"), UInt8(ascii: "f"): .function
            case UInt8(ascii: "O"): .object
            default: .other
            }
            entries.append(SymbolEntry(section: section, address: address, size: size, kind: kind, name: String(rest[1])))
        }
        return entries
    }

    /// Whether the byte at `address` is code to scan (see the type's notes); `symbols` are
    /// those of its section.
    static func isCode(_ address: UInt64, symbols: [SymbolEntry]) -> Bool {
        // Inside a sized function or object: that decides.
        for symbol in symbols where symbol.kind != .other && symbol.address <= address && address < symbol.address + symbol.size {
            return symbol.kind == .function
        }
        // Otherwise the closest symbol at or before the address (a typed one wins a tie).
        let before = symbols.filter { $0.address <= address }
        guard let closest = before.map(\.address).max() else { return true }
        let atClosest = before.filter { $0.address == closest }
        // Past the declared end of a function or object: data (see above); an untyped
        // assembly label: code.
        return atClosest.allSatisfy { $0.kind == .other }
    }

    /// The findings in `llvm-objdump -d --no-show-raw-insn` output; `symbols` (from
    /// ``symbols(fromSymbolTable:)``) tells data in code sections apart, when given.
    public static func findings(disassembly: String, symbols: [SymbolEntry]? = nil) -> [Finding] {
        var findings: [Finding] = []
        var section = ""
        var symbol = "?"
        let bySection = symbols.map { Dictionary(grouping: $0, by: \.section) } ?? [:]
        for line in disassembly.split(separator: "\n") {
            if line.hasPrefix("Disassembly of section ") {
                section = String(line.dropFirst("Disassembly of section ".count).dropLast(line.hasSuffix(":") ? 1 : 0))
                continue
            }
            if line.hasSuffix(">:"), let open = line.firstIndex(of: "<") {
                symbol = String(line[line.index(after: open)..<line.index(line.endIndex, offsetBy: -2)])
                continue
            }
            // "    1234:      \tmnemonic\toperands"
            guard let colon = line.firstIndex(of: ":"),
                  let address = UInt64(line[..<colon].trimmingCharacters(in: .whitespaces), radix: 16) else { continue }
            var tokens = line[line.index(after: colon)...].split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            while let first = tokens.first, prefixes.contains(first) { tokens.removeFirst() }
            guard let mnemonic = tokens.first else { continue }
            let operands = tokens.dropFirst().joined(separator: " ").replacingOccurrences(of: " ,", with: ",")
            guard let reason = reason(mnemonic: mnemonic, operands: operands) else { continue }
            if symbols != nil, !isCode(address, symbols: bySection[section] ?? []) { continue }
            findings.append(Finding(mnemonic: mnemonic, operands: operands, address: address, section: section,
                                    symbol: symbol, reason: reason))
        }
        return findings
    }

    /// Disassembles the ELF file at `path` with the toolchain's `llvm-objdump` and returns
    /// what an enclave could not execute.
    public static func findings(inFile path: String, toolchain: Toolchain) throws(SGXError) -> [Finding] {
        let table = try objdump(toolchain, ["-t", path])
        let text = try objdump(toolchain, ["-d", "--no-show-raw-insn", path])
        return findings(disassembly: text, symbols: symbols(fromSymbolTable: table))
    }

    /// Throws `invalidEnclave` naming every finding (instruction, address, symbol) if the
    /// file at `path` has any.
    public static func check(file path: String, toolchain: Toolchain) throws(SGXError) {
        let found = try findings(inFile: path, toolchain: toolchain)
        guard !found.isEmpty else { return }
        let shown = found.prefix(20).map { "  " + $0.description }.joined(separator: "\n")
        let more = found.count > 20 ? "\n  ... and \(found.count - 20) more" : ""
        throw SGXError(.invalidEnclave, """
            \(path) has \(found.count) instruction(s) an enclave cannot execute; refusing to sign it:
            \(shown)\(more)
            """)
    }

    static func objdump(_ toolchain: Toolchain, _ arguments: [String]) throws(SGXError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: toolchain.llvmObjdump)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw SGXError(.unexpected, "cannot run \(toolchain.llvmObjdump): \(error)")
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SGXError(.unexpected, "llvm-objdump \(arguments.joined(separator: " ")) failed (exit \(process.terminationStatus))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
