internal import CSGXLinuxDriver
import SGXTypes

#if canImport(Glibc)
import Glibc
#endif

/// The dynamic symbols of a vDSO image (an ELF64 shared object the kernel maps into every
/// process, found at `getauxval(AT_SYSINFO_EHDR)`): enough ELF parsing to find
/// `__vdso_sgx_enter_enclave` (and, for tests, ordinary symbols such as `__vdso_clock_gettime`).
///
/// The kernel maps the whole vDSO file, section headers included, so the symbols are read
/// from the `SHT_DYNSYM` section and its string table. Every read is bounds-checked against
/// the image; a malformed image throws `unexpected`, naming the problem.
public struct VDSOImage: Sendable {
    /// Defined dynamic symbols: name → value (offset from the image's load base).
    public let symbols: [String: UInt64]

    /// Parses a vDSO image from its bytes.
    public init(bytes: [UInt8]) throws(SGXError) {
        func fail(_ what: String) -> SGXError { SGXError(.unexpected, "vDSO image: \(what)") }
        guard bytes.count >= 64, bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c, bytes[3] == 0x46 else {
            throw fail("not an ELF image")
        }
        guard bytes[4] == 2, bytes[5] == 1 else { throw fail("not a 64-bit little-endian ELF image") }
        let phoff: UInt64 = bytes.loadLE(at: 32)
        let shoff: UInt64 = bytes.loadLE(at: 40)
        let phentsize: UInt16 = bytes.loadLE(at: 54)
        let phnum: UInt16 = bytes.loadLE(at: 56)
        let shentsize: UInt16 = bytes.loadLE(at: 58)
        let shnum: UInt16 = bytes.loadLE(at: 60)
        func fits(_ offset: UInt64, _ size: UInt64) -> Bool {
            let (end, overflow) = offset.addingReportingOverflow(size)
            return !overflow && end <= UInt64(bytes.count)
        }
        guard phentsize == 56, fits(phoff, UInt64(phnum) * 56) else { throw fail("malformed program headers") }
        // Symbol values are virtual addresses; the load bias is the first PT_LOAD's p_vaddr - p_offset.
        var firstLoad: (vaddr: UInt64, offset: UInt64)? = nil
        for index in 0..<Int(phnum) {
            let at = Int(phoff) + index * 56
            let kind: UInt32 = bytes.loadLE(at: at)
            if kind == 1 {
                firstLoad = (bytes.loadLE(at: at + 16), bytes.loadLE(at: at + 8))
                break
            }
        }
        guard let firstLoad else { throw fail("no PT_LOAD segment") }
        guard shentsize == 64, shnum > 0, fits(shoff, UInt64(shnum) * 64) else { throw fail("malformed section headers") }
        var symbols: [String: UInt64] = [:]
        for index in 0..<Int(shnum) {
            let at = Int(shoff) + index * 64
            let type: UInt32 = bytes.loadLE(at: at + 4)
            guard type == 11 else { continue } // SHT_DYNSYM
            let offset: UInt64 = bytes.loadLE(at: at + 24)
            let size: UInt64 = bytes.loadLE(at: at + 32)
            let link: UInt32 = bytes.loadLE(at: at + 40)
            let entrySize: UInt64 = bytes.loadLE(at: at + 56)
            guard entrySize == 24, fits(offset, size), link < UInt32(shnum) else { throw fail("malformed .dynsym") }
            let stringsAt = Int(shoff) + Int(link) * 64
            let stringsOffset: UInt64 = bytes.loadLE(at: stringsAt + 24)
            let stringsSize: UInt64 = bytes.loadLE(at: stringsAt + 32)
            guard fits(stringsOffset, stringsSize) else { throw fail("malformed .dynstr") }
            for symbol in 1..<max(1, Int(size / 24)) {
                let entry = Int(offset) + symbol * 24
                let nameIndex: UInt32 = bytes.loadLE(at: entry)
                let sectionIndex: UInt16 = bytes.loadLE(at: entry + 6)
                let value: UInt64 = bytes.loadLE(at: entry + 8)
                guard sectionIndex != 0, UInt64(nameIndex) < stringsSize else { continue } // undefined or bad name
                let start = Int(stringsOffset) + Int(nameIndex)
                var end = start
                while end < Int(stringsOffset + stringsSize), bytes[end] != 0 { end += 1 }
                let name = String(decoding: bytes[start..<end], as: UTF8.self)
                guard !name.isEmpty else { continue }
                symbols[name] = value &- (firstLoad.vaddr &- firstLoad.offset)
            }
        }
        guard !symbols.isEmpty else { throw fail("no dynamic symbols") }
        self.symbols = symbols
    }

    /// The offset of `name` from the image base, or nil when the vDSO does not define it.
    public func offset(of name: String) -> UInt64? { symbols[name] }
}

/// The vDSO of this process.
public enum VDSO {
    /// The vDSO image mapped into this process (`getauxval(AT_SYSINFO_EHDR)`, its length from
    /// the `[vdso]` line of `/proc/self/maps`), with its base address.
    public static func current() throws(SGXError) -> (base: UInt64, image: VDSOImage) {
        let base = csgx_vdso_base()
        guard base != 0 else { throw SGXError(.featureNotSupported, "this process has no vDSO (getauxval(AT_SYSINFO_EHDR) is 0)") }
        guard let length = mappedLength(startingAt: base) else {
            throw SGXError(.unexpected, "the vDSO at 0x\(String(base, radix: 16)) is not listed in /proc/self/maps")
        }
        guard let pointer = UnsafeRawPointer(bitPattern: UInt(base)) else { throw SGXError(.unexpected, "vDSO base is null") }
        let bytes = [UInt8](UnsafeRawBufferPointer(start: pointer, count: Int(length)))
        return (base, try VDSOImage(bytes: bytes))
    }

    /// The absolute address of `__vdso_sgx_enter_enclave`, or a `featureNotSupported` error
    /// that says why it is missing.
    public static func sgxEnterEnclave() throws(SGXError) -> UInt64 {
        let (base, image) = try current()
        guard let offset = image.offset(of: DriverUAPI.vdsoEnterSymbol) else {
            throw SGXError(.featureNotSupported,
                           "the vDSO has no \(DriverUAPI.vdsoEnterSymbol): this kernel was built without SGX support (needs Linux 5.11 or later with CONFIG_X86_SGX=y)")
        }
        return base + offset
    }

    /// Length of the mapping named `[vdso]` that starts at `base`, read from /proc/self/maps.
    static func mappedLength(startingAt base: UInt64) -> UInt64? {
        guard let file = fopen("/proc/self/maps", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 512)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.contains("[vdso]") else { continue }
            let range = text.split(separator: " ").first ?? ""
            let bounds = range.split(separator: "-")
            guard bounds.count == 2, let start = UInt64(bounds[0], radix: 16), let end = UInt64(bounds[1], radix: 16),
                  start == base, end > start else { continue }
            return end - start
        }
        return nil
    }
}
