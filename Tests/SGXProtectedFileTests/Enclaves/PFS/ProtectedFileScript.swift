// Test enclave for SGXProtectedFileTests: runs a script of ProtectedFile operations that
// the host encodes (see PFSEnclave.swift), on one file, in one ECALL.
// Raw frame: a 48-byte header in host memory, 0 input address u64 · 8 input length u64 ·
// 16 output address u64 · 24 output capacity u64 · 32 output length u64 (written) ·
// 40 argument u64. On failure the output holds "op N: <detail>".
import SGXTrusted
import SGXTypes

/// Reads the script's little-endian fields.
struct Script {
    let bytes: [UInt8]
    var at = 0

    var atEnd: Bool { at >= bytes.count }

    mutating func u8() throws(SGXError) -> UInt8 { UInt8(try number(1)) }
    mutating func u16() throws(SGXError) -> UInt16 { UInt16(try number(2)) }
    mutating func u32() throws(SGXError) -> UInt32 { UInt32(try number(4)) }
    mutating func u64() throws(SGXError) -> UInt64 { try number(8) }

    mutating func number(_ count: Int) throws(SGXError) -> UInt64 {
        let raw = try take(count)
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(raw[index]) << (8 * UInt64(index)) }
        return value
    }

    mutating func take(_ count: Int) throws(SGXError) -> [UInt8] {
        guard count >= 0, count <= bytes.count - at else { throw SGXError(.invalidParameter, "script cut short") }
        defer { at += count }
        return Array(bytes[at..<(at + count)])
    }

    mutating func string() throws(SGXError) -> String {
        String(decoding: try take(Int(try u16())), as: UTF8.self)
    }
}

/// Byte `index` of the deterministic test pattern `seed` (PFSEnclave.pattern on the host).
func pattern(_ seed: UInt64, _ index: UInt64) -> UInt8 {
    UInt8(truncatingIfNeeded: ((index &+ seed) &* 0x9E37_79B9_7F4A_7C15) >> 56)
}

func mode(_ raw: UInt8) throws(SGXError) -> ProtectedFile.Mode {
    switch raw {
    case 0: .read
    case 1: .readUpdate
    case 2: .write
    case 3: .writeUpdate
    case 4: .append
    case 5: .appendUpdate
    default: throw SGXError(.invalidParameter, "bad mode")
    }
}

/// Runs the script; appends what READ, READ_DIGEST and TELL produce to `output`;
/// `op` counts the operations run (the failing one when it throws).
func run(_ script: inout Script, output: inout [UInt8], op: inout Int) throws(SGXError) {
    while !script.atEnd {
        op += 1
        let code = try script.u8()
        switch code {
        case 1:  // OPEN mode u8 · key u8 (0 auto, 1 KDK + 16 bytes) · cache u32 · durable u8 · path
            let openMode = try mode(try script.u8())
            let keyKind = try script.u8()
            let kdk = keyKind == 1 ? try script.take(16) : []
            let cache = Int(try script.u32())
            let durable = try script.u8() == 1
            let path = try script.string()
            let file = keyKind == 1
                ? try ProtectedFile(path: path, mode: openMode, userKDK: kdk, cacheSize: cache, durable: durable)
                : try ProtectedFile(path: path, mode: openMode, cacheSize: cache, durable: durable)
            if try runOpen(&script, file, output: &output, op: &op) {
                try file.close()
            }
        case 10:  // REMOVE path
            try ProtectedFile.remove(path: try script.string())
        default:
            throw SGXError(.invalidParameter, "op \(code) needs an open file")
        }
    }
}

/// Runs operations on `file` until CLOSE (true), ABANDON or the end of the script (false:
/// the file is dropped and its deinit flushes what it can).
func runOpen(_ script: inout Script, _ file: borrowing ProtectedFile, output: inout [UInt8], op: inout Int) throws(SGXError) -> Bool {
    while !script.atEnd {
        op += 1
        let code = try script.u8()
        switch code {
        case 2:  // WRITE count u32 · bytes
            try file.write(try script.take(Int(try script.u32())))
        case 3:  // WRITE_PATTERN count u64 · seed u64 · chunk u32: pattern bytes from the position, in chunks
            let count = try script.u64(), seed = try script.u64(), chunk = UInt64(max(1, try script.u32()))
            let start = file.position
            var done: UInt64 = 0
            var piece = [UInt8](repeating: 0, count: Int(min(chunk, count)))
            while done < count {
                let take = min(chunk, count - done)
                if piece.count != Int(take) { piece = [UInt8](repeating: 0, count: Int(take)) }
                for index in 0..<Int(take) { piece[index] = pattern(seed, start + done + UInt64(index)) }
                try file.write(piece)
                done += take
            }
        case 4:  // SEEK offset u64 (two's complement) · origin u8 (0 start, 1 current, 2 end)
            let offset = Int64(bitPattern: try script.u64())
            let origin: ProtectedFile.Origin = switch try script.u8() {
            case 0: .start
            case 1: .current
            default: .end
            }
            try file.seek(offset, from: origin)
        case 5:  // READ count u32 → the bytes
            output += try file.read(Int(try script.u32()))
        case 6:  // READ_DIGEST count u64 → count read u64 · SHA-256 of the bytes
            let count = try script.u64()
            var hasher = SHAHasher(.sha256)
            var read: UInt64 = 0
            while read < count {
                let piece = try file.read(Int(min(count - read, 65536)))
                if piece.isEmpty { break }
                hasher.update(piece)
                read += UInt64(piece.count)
            }
            var number = [UInt8](repeating: 0, count: 8)
            number.storeLE(read, at: 0)
            output += number + hasher.finalize()
        case 7:  // FLUSH
            try file.flush()
        case 8:  // CLOSE
            return true
        case 9:  // CLEAR_CACHE
            try file.clearCache()
        case 11:  // TELL → position u64 · size u64
            var number = [UInt8](repeating: 0, count: 16)
            number.storeLE(file.position, at: 0)
            number.storeLE(file.size, at: 8)
            output += number
        case 12:  // ABANDON: drop the file without close()
            return false
        case 13:  // READ_INTO capacity u32 → what read(into:) filled, in a buffer of that capacity
            var buffer = [UInt8](repeating: 0xEE, count: Int(try script.u32()))
            let got = try file.read(into: &buffer)
            output += Array(buffer[0..<got])
        default:
            throw SGXError(.invalidParameter, "unknown op \(code) with a file open")
        }
    }
    return false
}

@c(sgx_ecall_dispatch)
func dispatch(_ index: UInt32, _ raw: UnsafeMutableRawPointer?) -> UInt32 {
    guard let header = UntrustedBuffer(raw, count: 48),
          let inAddress = header.load(UInt64.self, at: 0), let inCount = header.load(UInt64.self, at: 8),
          let outAddress = header.load(UInt64.self, at: 16), let outCount = header.load(UInt64.self, at: 24),
          inCount < (1 << 31), outCount < (1 << 31) else {
        return SGXStatus.invalidParameter.rawValue
    }
    if index == 0 { return 0 }
    guard index == 1 else { return SGXStatus.invalidFunction.rawValue }
    var input: [UInt8] = []
    if inCount > 0 {
        guard let buffer = UntrustedBuffer(address: UInt(inAddress), count: Int(inCount)),
              let bytes = buffer.copyIn(length: Int(inCount)) else { return SGXStatus.invalidParameter.rawValue }
        input = bytes
    }
    let output = outCount > 0 ? UntrustedBuffer(address: UInt(outAddress), count: Int(outCount)) : nil
    var script = Script(bytes: input)
    var produced: [UInt8] = []
    var op = 0
    let reply: [UInt8]
    let status: SGXStatus
    do {
        try run(&script, output: &produced, op: &op)
        reply = produced
        status = .success
    } catch {
        reply = Array("op \(op): \(error.detail)".utf8)
        status = error.status == .success ? .unexpected : error.status
    }
    guard let output, output.copyOut(Array(reply.prefix(output.count))) else {
        return reply.isEmpty ? status.rawValue : SGXStatus.invalidParameter.rawValue
    }
    header.store(UInt64(min(reply.count, output.count)), at: 32)
    return status.rawValue
}
