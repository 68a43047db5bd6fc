import SGXTypes

/// A parsed and validated enclave image: an ELF64 x86-64 static PIE whose loadable
/// segments become enclave pages (SDM EADD). Validation is the same at build time
/// (`swift-sgx build`) and at load time, and names the problem it finds.
///
/// Rules: ELF64 little-endian x86-64, `ET_DYN` linked at 0, no `PT_INTERP`, no `PT_TLS`,
/// no `DT_NEEDED`, only `R_X86_64_RELATIVE` dynamic relocations and each inside a
/// writable segment, no undefined symbols, no segment both writable and executable,
/// page-aligned non-overlapping segments, the entry point in an executable segment, and a
/// `.sgx_config` section.
public struct EnclaveELF: Sendable {
    /// One `PT_LOAD` segment.
    public struct Segment: Sendable, Hashable {
        public var virtualAddress: UInt64
        public var memorySize: UInt64
        public var fileOffset: UInt64
        public var fileSize: UInt64
        public var readable: Bool
        public var writable: Bool
        public var executable: Bool
    }

    /// The file's bytes (the signed image, SIGSTRUCT slot included).
    public let bytes: [UInt8]
    public let entry: UInt64
    public let segments: [Segment]
    /// Page-aligned end of the last segment: where the layout page goes.
    public let imageSize: UInt64
    public let config: EnclaveConfig
    /// File offset and size of the `.sgx_sigstruct` slot, when the image has one.
    public let sigstructSlot: Range<Int>?
    /// Number of `R_X86_64_RELATIVE` relocations the image applies to itself.
    public let relocationCount: Int

    static let pageSize: UInt64 = 4096

    public init(bytes: [UInt8]) throws(SGXError) {
        self.bytes = bytes
        let file = ELFFile(bytes)
        guard bytes.count >= 64 else { throw .invalidEnclave("not an ELF file: only \(bytes.count) bytes") }
        guard bytes[0] == 0x7f, bytes[1] == 0x45, bytes[2] == 0x4c, bytes[3] == 0x46 else {
            throw .invalidEnclave("not an ELF file (bad magic)")
        }
        guard bytes[4] == 2, bytes[5] == 1 else { throw .invalidEnclave("not a 64-bit little-endian ELF file") }
        let type: UInt16 = bytes.loadLE(at: 16)
        let machine: UInt16 = bytes.loadLE(at: 18)
        guard machine == 62 else { throw .invalidEnclave("ELF machine is \(machine), expected x86-64 (62)") }
        guard type == 3 else {
            throw .invalidEnclave("not a static PIE: ELF type is \(type == 2 ? "ET_EXEC (position-dependent)" : "\(type)"), expected ET_DYN")
        }
        let entryPoint: UInt64 = bytes.loadLE(at: 24)
        entry = entryPoint
        let phoff: UInt64 = bytes.loadLE(at: 32)
        let shoff: UInt64 = bytes.loadLE(at: 40)
        let phentsize: UInt16 = bytes.loadLE(at: 54)
        let phnum: UInt16 = bytes.loadLE(at: 56)
        let shentsize: UInt16 = bytes.loadLE(at: 58)
        let shnum: UInt16 = bytes.loadLE(at: 60)
        let shstrndx: UInt16 = bytes.loadLE(at: 62)
        guard phentsize == 56, try file.fits(phoff, UInt64(phnum) * 56, "program headers") else {
            throw .invalidEnclave("malformed program header table")
        }

        var segments: [Segment] = []
        var dynamic: (offset: UInt64, size: UInt64)? = nil
        for index in 0..<Int(phnum) {
            let at = Int(phoff) + index * 56
            let kind: UInt32 = bytes.loadLE(at: at)
            let flags: UInt32 = bytes.loadLE(at: at + 4)
            let offset: UInt64 = bytes.loadLE(at: at + 8)
            let vaddr: UInt64 = bytes.loadLE(at: at + 16)
            let filesz: UInt64 = bytes.loadLE(at: at + 32)
            let memsz: UInt64 = bytes.loadLE(at: at + 40)
            switch kind {
            case 1: // PT_LOAD
                guard try file.fits(offset, filesz, "segment \(index)") else { throw .invalidEnclave("segment \(index) lies outside the file") }
                guard memsz >= filesz, vaddr % Self.pageSize == 0, vaddr &+ memsz >= vaddr, vaddr + memsz < 1 << 40 else {
                    throw .invalidEnclave("segment \(index) is malformed (vaddr 0x\(String(vaddr, radix: 16)), memsz \(memsz))")
                }
                let segment = Segment(
                    virtualAddress: vaddr, memorySize: memsz, fileOffset: offset, fileSize: filesz,
                    readable: flags & 4 != 0, writable: flags & 2 != 0, executable: flags & 1 != 0)
                if segment.writable && segment.executable {
                    throw .invalidEnclave("segment \(index) is both writable and executable")
                }
                segments.append(segment)
            case 2: // PT_DYNAMIC
                dynamic = (offset, filesz)
            case 3: throw .invalidEnclave("image has an interpreter (PT_INTERP): not a static PIE")
            case 7: throw .invalidEnclave("image uses thread-local storage (PT_TLS), which enclaves do not support")
            default: break
            }
        }
        guard !segments.isEmpty else { throw .invalidEnclave("image has no loadable segments") }
        segments.sort { $0.virtualAddress < $1.virtualAddress }
        for (a, b) in zip(segments, segments.dropFirst()) {
            let aEnd = (a.virtualAddress + a.memorySize + Self.pageSize - 1) / Self.pageSize * Self.pageSize
            guard aEnd <= b.virtualAddress else {
                throw .invalidEnclave("segments at 0x\(String(a.virtualAddress, radix: 16)) and 0x\(String(b.virtualAddress, radix: 16)) share a page")
            }
        }
        guard segments[0].virtualAddress == 0 else { throw .invalidEnclave("image is not linked at address 0") }
        self.segments = segments
        let last = segments[segments.count - 1]
        imageSize = (last.virtualAddress + last.memorySize + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        guard segments.contains(where: { $0.executable && entryPoint >= $0.virtualAddress && entryPoint < $0.virtualAddress + $0.memorySize }) else {
            throw .invalidEnclave("entry point 0x\(String(entryPoint, radix: 16)) is not in an executable segment")
        }

        // Relocations, via PT_DYNAMIC.
        guard let dynamic else { throw .invalidEnclave("image has no PT_DYNAMIC: not a static PIE") }
        guard try file.fits(dynamic.offset, dynamic.size, "dynamic section") else { throw .invalidEnclave("PT_DYNAMIC lies outside the file") }
        var rela: UInt64? = nil, relasz: UInt64 = 0, relaent: UInt64 = 24
        var at = Int(dynamic.offset)
        scan: while at + 16 <= Int(dynamic.offset + dynamic.size) {
            let tag: Int64 = bytes.loadLE(at: at)
            let value: UInt64 = bytes.loadLE(at: at + 8)
            switch tag {
            case 0: break scan
            case 1: throw .invalidEnclave("image needs a shared library (DT_NEEDED): not a static PIE")
            case 7: rela = value
            case 8: relasz = value
            case 9: relaent = value
            case 17, 23: throw .invalidEnclave("image has REL or PLT relocations; only R_X86_64_RELATIVE (RELA) is allowed")
            default: break
            }
            at += 16
        }
        var relocations = 0
        if let rela, relasz > 0 {
            guard relaent == 24 else { throw .invalidEnclave("unexpected relocation entry size \(relaent)") }
            guard let fileOffset = Self.fileOffset(of: rela, size: relasz, in: segments) else {
                throw .invalidEnclave("relocation table is not inside a loaded segment")
            }
            for index in 0..<Int(relasz / 24) {
                let entryAt = fileOffset + index * 24
                let offset: UInt64 = bytes.loadLE(at: entryAt)
                let info: UInt64 = bytes.loadLE(at: entryAt + 8)
                let relocationType = UInt32(truncatingIfNeeded: info)
                guard relocationType == 8 else {
                    throw .invalidEnclave("relocation \(index) at 0x\(String(offset, radix: 16)) has type \(relocationType); only R_X86_64_RELATIVE (8) is allowed")
                }
                guard segments.contains(where: { $0.writable && offset >= $0.virtualAddress && offset + 8 <= $0.virtualAddress + $0.memorySize }) else {
                    throw .invalidEnclave("relocation \(index) patches 0x\(String(offset, radix: 16)), which is not in a writable segment")
                }
            }
            relocations = Int(relasz / 24)
        }
        relocationCount = relocations

        // Sections: names, undefined symbols, config, SIGSTRUCT slot.
        guard shentsize == 64, try file.fits(shoff, UInt64(shnum) * 64, "section headers"), shstrndx < shnum else {
            throw .invalidEnclave("malformed section header table")
        }
        let sections = (0..<Int(shnum)).map { index in ELFFile.Section(bytes, at: Int(shoff) + index * 64) }
        let names = sections[Int(shstrndx)]
        var configSection: ELFFile.Section? = nil
        var slot: Range<Int>? = nil
        for section in sections {
            let name = try file.string(at: names.offset + UInt64(section.nameIndex), limit: names.offset + names.size)
            switch name {
            case ".sgx_config": configSection = section
            case ".sgx_sigstruct":
                guard section.size == 1808, try file.fits(section.offset, 1808, "SIGSTRUCT slot") else {
                    throw .invalidEnclave(".sgx_sigstruct section must be 1808 bytes")
                }
                slot = Int(section.offset)..<Int(section.offset + 1808)
            default: break
            }
            if section.type == 11 || section.type == 2 { // SHT_DYNSYM, SHT_SYMTAB
                try Self.checkNoUndefinedSymbols(file, section, sections)
            }
        }
        sigstructSlot = slot
        guard let configSection else { throw .invalidMetadata("image has no .sgx_config section (not built by swift-sgx)") }
        guard configSection.size == UInt64(EnclaveConfig.byteCount), try file.fits(configSection.offset, configSection.size, ".sgx_config") else {
            throw .invalidMetadata(".sgx_config section must be \(EnclaveConfig.byteCount) bytes")
        }
        config = try EnclaveConfig(bytes: bytes.bytes(at: Int(configSection.offset), count: EnclaveConfig.byteCount))
    }

    /// The bytes of page `pageOffset` (relative to the image start) as loaded: file bytes
    /// of the segment covering it, zero-filled beyond the file size.
    public func page(at pageOffset: UInt64) -> [UInt8] {
        var page = [UInt8](repeating: 0, count: Int(Self.pageSize))
        for segment in segments where segment.fileSize > 0 {
            let start = max(segment.virtualAddress, pageOffset)
            let end = min(segment.virtualAddress + segment.fileSize, pageOffset + Self.pageSize)
            guard start < end else { continue }
            let source = Int(segment.fileOffset + (start - segment.virtualAddress))
            let destination = Int(start - pageOffset)
            page.replaceSubrange(destination..<(destination + Int(end - start)), with: bytes[source..<(source + Int(end - start))])
        }
        return page
    }

    /// The image with `sigstruct` written into its SIGSTRUCT slot.
    public func signed(with sigstruct: [UInt8]) throws(SGXError) -> [UInt8] {
        guard let slot = sigstructSlot else { throw .invalidEnclave("image has no .sgx_sigstruct slot") }
        guard sigstruct.count == slot.count else { throw .invalidParameter("SIGSTRUCT must be 1808 bytes") }
        var out = bytes
        out.replaceSubrange(slot, with: sigstruct)
        return out
    }

    /// The SIGSTRUCT bytes in the slot, or nil when the slot is empty (image unsigned).
    public var embeddedSigstruct: [UInt8]? {
        guard let slot = sigstructSlot else { return nil }
        let raw = Array(bytes[slot])
        return raw.allSatisfy({ $0 == 0 }) ? nil : raw
    }

    private static func fileOffset(of address: UInt64, size: UInt64, in segments: [Segment]) -> Int? {
        for segment in segments where address >= segment.virtualAddress && address + size <= segment.virtualAddress + segment.fileSize {
            return Int(segment.fileOffset + (address - segment.virtualAddress))
        }
        return nil
    }

    private static func checkNoUndefinedSymbols(_ file: ELFFile, _ table: ELFFile.Section, _ sections: [ELFFile.Section]) throws(SGXError) {
        guard table.entrySize == 24, try file.fits(table.offset, table.size, "symbol table"), Int(table.link) < sections.count else {
            throw .invalidEnclave("malformed symbol table")
        }
        let strings = sections[Int(table.link)]
        for index in 1..<max(1, Int(table.size / 24)) {
            let at = Int(table.offset) + index * 24
            let nameIndex: UInt32 = file.bytes.loadLE(at: at)
            let info = file.bytes[at + 4]
            let sectionIndex: UInt16 = file.bytes.loadLE(at: at + 6)
            let binding = info >> 4
            if sectionIndex == 0 && binding != 2 { // SHN_UNDEF and not weak
                let name = (try? file.string(at: strings.offset + UInt64(nameIndex), limit: strings.offset + strings.size)) ?? "?"
                throw .undefinedSymbol("image has an undefined symbol: \(name)")
            }
        }
    }
}

extension SGXError {
    static func undefinedSymbol(_ detail: String) -> SGXError { SGXError(.undefinedSymbol, detail) }
}

/// Bounds-checked access to the raw ELF bytes.
struct ELFFile {
    let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    struct Section {
        var nameIndex: UInt32, type: UInt32, offset: UInt64, size: UInt64, link: UInt32, entrySize: UInt64
        init(_ bytes: [UInt8], at: Int) {
            nameIndex = bytes.loadLE(at: at)
            type = bytes.loadLE(at: at + 4)
            offset = bytes.loadLE(at: at + 24)
            size = bytes.loadLE(at: at + 32)
            link = bytes.loadLE(at: at + 40)
            entrySize = bytes.loadLE(at: at + 56)
        }
    }

    func fits(_ offset: UInt64, _ size: UInt64, _ what: String) throws(SGXError) -> Bool {
        let (end, overflow) = offset.addingReportingOverflow(size)
        guard !overflow, end <= UInt64(bytes.count) else {
            throw .invalidEnclave("truncated ELF: \(what) at offset \(offset) (+\(size) bytes) lies beyond the end of the \(bytes.count)-byte file")
        }
        return true
    }

    func string(at offset: UInt64, limit: UInt64) throws(SGXError) -> String {
        guard offset < UInt64(bytes.count), limit <= UInt64(bytes.count) else { throw .invalidEnclave("string table out of bounds") }
        var end = Int(offset)
        while end < Int(limit), bytes[end] != 0 { end += 1 }
        return String(decoding: bytes[Int(offset)..<end], as: UTF8.self)
    }
}
