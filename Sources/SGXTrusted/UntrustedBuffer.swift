/// Host memory as seen from inside the enclave: an address range that lies wholly
/// outside ELRANGE, which enclave code can only copy from and copy to, never borrow
/// (the host may change it at any moment, so a value read twice may differ: read once,
/// into enclave memory, then check).
///
/// Creating one checks the range (Intel's `sgx_is_outside_enclave`); every access checks
/// its offset against the buffer's length.
public struct UntrustedBuffer: Sendable {
    public let address: UInt
    public let count: Int

    /// Nil unless `[address, address + count)` lies wholly outside the enclave (a null
    /// address or a range that wraps around is refused too).
    public init?(address: UInt, count: Int) {
        guard address != 0, count >= 0,
              sgx_is_outside_enclave(UnsafeRawPointer(bitPattern: address), count) != 0 else { return nil }
        sgx_lfence() // no speculative access through a range the check refused
        self.address = address
        self.count = count
    }

    /// The buffer at an untrusted pointer handed over by the host.
    public init?(_ pointer: UnsafeMutableRawPointer?, count: Int) {
        guard let pointer else { return nil }
        self.init(address: UInt(bitPattern: pointer), count: count)
    }

    private func pointer(_ offset: Int, _ length: Int) -> UnsafeMutableRawPointer? {
        guard offset >= 0, length >= 0, offset <= count, length <= count - offset else { return nil }
        return UnsafeMutableRawPointer(bitPattern: address &+ UInt(offset))
    }

    /// Copies a little-endian integer in; nil when out of bounds.
    public func load<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T? {
        guard let source = pointer(offset, MemoryLayout<T>.size) else { return nil }
        return T(littleEndian: source.loadUnaligned(as: T.self))
    }

    /// Copies a little-endian integer out; false when out of bounds.
    @discardableResult
    public func store<T: FixedWidthInteger>(_ value: T, at offset: Int) -> Bool {
        guard let destination = pointer(offset, MemoryLayout<T>.size) else { return false }
        destination.storeBytes(of: value.littleEndian, as: T.self)
        return true
    }

    /// Copies `length` bytes at `offset` into enclave memory; nil when out of bounds.
    public func copyIn(offset: Int = 0, length: Int) -> [UInt8]? {
        guard pointer(offset, length) != nil else { return nil }
        return [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            if length > 0 { copyIn(offset: offset, length: length, to: buffer.baseAddress!) } // one bulk copy
            initialized = length
        }
    }

    /// Copies `bytes` out to `offset`; false when they do not fit.
    @discardableResult
    public func copyOut(_ bytes: [UInt8], at offset: Int = 0) -> Bool {
        guard let destination = pointer(offset, bytes.count) else { return false }
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { _ = sgx_memcpy(destination, base, source.count) }
        }
        return true
    }

    /// Copies `length` bytes at `offset` into enclave memory at `destination` (room for
    /// `length` bytes); false when out of bounds. One bulk copy, no allocation.
    @discardableResult
    public func copyIn(offset: Int = 0, length: Int, to destination: UnsafeMutableRawPointer) -> Bool {
        guard let source = pointer(offset, length) else { return false }
        if length > 0 { _ = sgx_memcpy(destination, source, length) }
        return true
    }

    /// Zeroes the whole buffer (a write: nothing is read back from the host).
    public func zero() {
        if count > 0, let destination = pointer(0, count) { _ = sgx_memset(destination, 0, count) }
    }

    /// Lets `body` write into the buffer through a raw pointer (for generated OCALL frames).
    /// Write only: anything read back through the pointer is host-controlled and may change
    /// between reads; read results with ``copyIn(offset:length:)`` or ``load(_:at:)``.
    public func write(_ body: (UnsafeMutableRawPointer) -> Void) {
        if count > 0, let destination = pointer(0, count) { body(destination) }
    }
}
