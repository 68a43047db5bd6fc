import SGXTypes

/// Zeroed host memory for one EDL frame or buffer, freed with the owner. Used by bridges
/// that `swift-sgx edl generate` emits; the pointer is valid while the owner lives.
public final class EDLHostMemory {
    public let pointer: UnsafeMutableRawPointer
    public let count: Int

    public init(count: Int) {
        self.count = count
        pointer = .allocate(byteCount: max(count, 8), alignment: 16)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 8))
    }

    public convenience init(bytes: [UInt8]) {
        self.init(count: bytes.count)
        bytes.withUnsafeBytes { if let b = $0.baseAddress { pointer.copyMemory(from: b, byteCount: bytes.count) } }
    }

    /// The address to put in a frame: 0 for an empty buffer (edger8r passes NULL).
    public var address: UInt64 { count == 0 ? 0 : UInt64(UInt(bitPattern: pointer)) }

    public var bytes: [UInt8] { EDLHost.bytes(at: pointer, count: count) }

    deinit { pointer.deallocate() }
}

/// Helpers of generated host bridges.
public enum EDLHost {
    /// `size * count` in bytes; nil when a factor is negative or the product overflows.
    public static func byteCount(_ size: UInt64?, _ count: UInt64?) -> Int? {
        guard let size, let count else { return nil }
        let (product, overflow) = size.multipliedReportingOverflow(by: count)
        guard !overflow, product <= UInt64(Int.max) else { return nil }
        return Int(product)
    }

    public static func bytes(at pointer: UnsafeRawPointer?, count: Int) -> [UInt8] {
        guard let pointer, count > 0 else { return [] }
        return [UInt8](UnsafeRawBufferPointer(start: pointer, count: count))
    }

    /// A pointer the enclave passed in an OCALL frame: nil (refused) unless null with size 0
    /// or wholly outside the enclave.
    public static func checked(_ address: UInt64, _ count: Int, _ call: OCall) -> UnsafeMutableRawPointer?? {
        guard let pointer = UnsafeMutableRawPointer(bitPattern: UInt(address)) else { return count == 0 ? .some(nil) : .none }
        return call.isOutsideEnclave(pointer, count: count) ? .some(pointer) : .none
    }

    public static func decode<T>(_ bytes: [UInt8], stride: Int, _ load: (UnsafeRawPointer) -> T) -> [T] {
        guard stride > 0 else { return [] }
        return bytes.withUnsafeBytes { raw in
            (0..<(raw.count / stride)).map { load(raw.baseAddress! + $0 * stride) }
        }
    }

    public static func encode<T>(_ values: [T], count: Int, stride: Int, _ store: (T, UnsafeMutableRawPointer) -> Void) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count * stride)
        bytes.withUnsafeMutableBytes { raw in
            for i in 0..<min(count, values.count) { store(values[i], raw.baseAddress! + i * stride) }
        }
        return bytes
    }

    /// Copies exactly `count` bytes to `pointer` (truncated or zero-padded).
    public static func write(_ bytes: [UInt8], to pointer: UnsafeMutableRawPointer?, count: Int) {
        guard let pointer, count > 0 else { return }
        var exact = bytes
        if exact.count > count { exact.removeLast(exact.count - count) }
        if exact.count < count { exact += [UInt8](repeating: 0, count: count - exact.count) }
        exact.withUnsafeBytes { pointer.copyMemory(from: $0.baseAddress!, byteCount: count) }
    }

    /// NUL-terminated UTF-8 (or UTF-32 `wchar_t` units when `elementSize` is 4).
    public static func encodeString(_ string: String, elementSize: Int) -> [UInt8] {
        if elementSize == 1 { return Array(string.utf8) + [0] }
        var bytes: [UInt8] = []
        for s in string.unicodeScalars { withUnsafeBytes(of: s.value.littleEndian) { bytes += $0 } }
        return bytes + [0, 0, 0, 0]
    }

    /// The string before the first terminator; nil when there is none inside `bytes`.
    public static func decodeString(_ bytes: [UInt8], elementSize: Int) -> String? {
        let units = bytes.count / elementSize
        if elementSize == 1 {
            guard let end = bytes.firstIndex(of: 0) else { return nil }
            return String(decoding: bytes[0..<end], as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for i in 0..<units {
            var v: UInt32 = 0
            for b in 0..<4 { v |= UInt32(bytes[i * 4 + b]) << (8 * UInt32(b)) }
            if v == 0 { return String(scalars) }
            scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
        }
        return nil
    }
}
