import SGXHost
import SGXTypes

/// Host-side proxies for the hello enclave's ECALLs: each builds the marshalling frame in
/// host memory and calls the ECALL by index.
enum HelloCalls {
    /// A zeroed host buffer for a frame or its data, freed when the call is done.
    private static func withBuffer<R>(_ count: Int, _ body: (UnsafeMutableRawPointer) throws(SGXError) -> R) throws(SGXError) -> R {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 16), alignment: 16)
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 16))
        defer { buffer.deallocate() }
        return try body(buffer)
    }

    static func greet(_ enclave: borrowing Enclave, name: String) throws(SGXError) {
        let bytes = Array(name.utf8)
        try withBuffer(bytes.count) { (data) throws(SGXError) in
            data.copyMemory(from: bytes, byteCount: bytes.count)
            try withBuffer(16) { (frame) throws(SGXError) in
                frame.storeBytes(of: UInt64(UInt(bitPattern: data)), as: UInt64.self)
                frame.storeBytes(of: UInt64(bytes.count), toByteOffset: 8, as: UInt64.self)
                try enclave.ecall(0, frame: frame)
            }
        }
    }

    static func statistics(_ enclave: borrowing Enclave, _ samples: [Double]) throws(SGXError) -> (Double, Double) {
        try withBuffer(samples.count * 8) { (data) throws(SGXError) in
            for (i, sample) in samples.enumerated() { data.storeBytes(of: sample, toByteOffset: i * 8, as: Double.self) }
            return try withBuffer(32) { (frame) throws(SGXError) in
                frame.storeBytes(of: UInt64(UInt(bitPattern: data)), as: UInt64.self)
                frame.storeBytes(of: UInt64(samples.count), toByteOffset: 8, as: UInt64.self)
                try enclave.ecall(1, frame: frame)
                return (frame.load(fromByteOffset: 16, as: Double.self), frame.load(fromByteOffset: 24, as: Double.self))
            }
        }
    }

    static func askHost(_ enclave: borrowing Enclave) throws(SGXError) -> UInt64 {
        try withBuffer(8) { (frame) throws(SGXError) in
            try enclave.ecall(2, frame: frame)
            return frame.load(as: UInt64.self)
        }
    }
}
