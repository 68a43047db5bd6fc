// The enclave side of sgx-bench's pfs-write-64MiB and pfs-read-64MiB rows: a protected
// file written and read sequentially in 4 KiB pieces, as the host baseline does with a
// plain file.
import SGXTrusted
import SGXTypes

let pfsBenchKDK: [UInt8] = Array(0..<16)

/// The 4 KiB piece both sides write: byte i is i·7 mod 256.
let pfsBenchPiece: [UInt8] = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }

func ecall_pfs_write(_ path: String, _ size: UInt64) -> UInt32 {
    do {
        let file = try ProtectedFile(path: path, mode: .write, userKDK: pfsBenchKDK)
        var written: UInt64 = 0
        while written < size {
            let count = Int(min(UInt64(pfsBenchPiece.count), size - written))
            try file.write(count == pfsBenchPiece.count ? pfsBenchPiece : Array(pfsBenchPiece[0..<count]))
            written += UInt64(count)
        }
        try file.flush()
        try file.close()
        return 0
    } catch {
        return error.status.rawValue
    }
}

func ecall_pfs_read(_ path: String, _ size: UInt64, _ sum: inout UInt64) -> UInt32 {
    do {
        let file = try ProtectedFile(path: path, mode: .read, userKDK: pfsBenchKDK)
        var total: UInt64 = 0
        var read: UInt64 = 0
        var piece = [UInt8](repeating: 0, count: 4096)  // one buffer, as the host's read(2) loop
        while read < size {
            let got = try file.read(into: &piece)
            if got == 0 { break }
            total &+= UInt64(piece[0]) &+ UInt64(piece[got - 1])  // the host baseline checks the same
            read += UInt64(got)
        }
        try file.close()
        sum = total
        return read == size ? 0 : SGXStatus.unexpected.rawValue
    } catch {
        return error.status.rawValue
    }
}
