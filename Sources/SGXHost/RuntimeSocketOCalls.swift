import SGXTypes

#if canImport(Glibc)
import Glibc
#endif

/// The host side of `UntrustedSocket`: the socket OCALLs of the SDK's runtime EDL, as
/// plain blocking BSD sockets (`connect(2)`, `bind(2)`/`listen(2)`, `accept(2)`,
/// `send(2)`, `recv(2)`, `shutdown(2)`, `close(2)`) kept in a per-enclave handle table.
/// The enclave treats every answer as hostile; the host only keeps its own process safe
/// (lengths bounded, handles looked up, never a raw descriptor from the enclave).
extension RuntimeOCallHost {
    func sgx_ocall_socket_connect(_ address: [UInt8], _ address_length: Int, _ port: UInt16) -> Int64 {
        guard address.count == address_length, address_length == 4 || address_length == 16 else { return -Int64(EINVAL) }
        let family = address_length == 4 ? AF_INET : AF_INET6
        let fd = Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return -Int64(errno) }
        let status = Self.withSocketAddress(address, port) { Glibc.connect(fd, $0, $1) }
        guard status == 0 else {
            let error = errno
            _ = Glibc.close(fd)
            return -Int64(error)
        }
        return register(fd)
    }

    func sgx_ocall_socket_listen(_ address: [UInt8], _ address_length: Int, _ port: UInt16, _ backlog: Int32,
                                 _ bound_port: inout UInt16) -> Int64 {
        guard address.count == address_length, address_length == 4 || address_length == 16,
              backlog > 0, backlog <= 4096 else { return -Int64(EINVAL) }
        let family = address_length == 4 ? AF_INET : AF_INET6
        let fd = Glibc.socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return -Int64(errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let bound = Self.withSocketAddress(address, port) { Glibc.bind(fd, $0, $1) }
        guard bound == 0, Glibc.listen(fd, backlog) == 0 else {
            let error = errno
            _ = Glibc.close(fd)
            return -Int64(error)
        }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let named = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0, let (_, actualPort) = Self.decode(storage) else {
            let error = errno
            _ = Glibc.close(fd)
            return -Int64(error == 0 ? EINVAL : error)
        }
        bound_port = actualPort
        return register(fd)
    }

    func sgx_ocall_socket_accept(_ handle: UInt64, _ peer_address: inout [UInt8], _ peer_address_length: inout UInt64,
                                 _ peer_port: inout UInt16) -> Int64 {
        guard peer_address.count == 16 else { return -Int64(EINVAL) }
        guard let listener = services.socket(handle) else { return -Int64(EBADF) }
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let fd = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(listener, $0, &length) }
        }
        guard fd >= 0 else { return -Int64(errno) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        guard let (address, port) = Self.decode(storage) else {
            _ = Glibc.close(fd)
            return -Int64(EAFNOSUPPORT)
        }
        for index in 0..<16 { peer_address[index] = index < address.count ? address[index] : 0 }
        peer_address_length = UInt64(address.count)
        peer_port = port
        return register(fd)
    }

    func sgx_ocall_socket_send(_ handle: UInt64, _ data: [UInt8], _ length: Int) -> Int64 {
        guard length <= EnclaveABI.socketChunkSize, data.count == length else { return -Int64(EINVAL) }
        guard let fd = services.socket(handle) else { return -Int64(EBADF) }
        while true {
            let done = data.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, length, Int32(MSG_NOSIGNAL)) }
            if done >= 0 { return Int64(done) }
            if errno != EINTR { return -Int64(errno) }
        }
    }

    func sgx_ocall_socket_receive(_ handle: UInt64, _ buffer: inout [UInt8], _ capacity: Int) -> Int64 {
        guard capacity <= EnclaveABI.socketChunkSize, buffer.count == capacity else { return -Int64(EINVAL) }
        guard let fd = services.socket(handle) else { return -Int64(EBADF) }
        while true {
            let done = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, capacity, 0) }
            if done >= 0 { return Int64(done) }
            if errno != EINTR { return -Int64(errno) }
        }
    }

    func sgx_ocall_socket_shutdown(_ handle: UInt64, _ how: Int32) -> Int64 {
        guard (0...2).contains(how) else { return -Int64(EINVAL) }
        guard let fd = services.socket(handle) else { return -Int64(EBADF) }
        return Glibc.shutdown(fd, how) == 0 ? 0 : -Int64(errno)
    }

    func sgx_ocall_socket_close(_ handle: UInt64) -> Int64 {
        guard let fd = services.removeSocket(handle) else { return -Int64(EBADF) }
        return Glibc.close(fd) == 0 ? 0 : -Int64(errno)
    }

    /// Adds a connected or listening `fd` to the enclave's socket table (closing it when the
    /// table is full). TLS records are written whole: no Nagle delay.
    private func register(_ fd: Int32) -> Int64 {
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        guard let handle = services.addSocket(fd) else {
            _ = Glibc.close(fd)
            return -Int64(EMFILE)
        }
        return Int64(handle)
    }

    /// Runs `body` with a `sockaddr_in` or `sockaddr_in6` for `address` (4 or 16 bytes).
    private static func withSocketAddress(_ address: [UInt8], _ port: UInt16,
                                          _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        if address.count == 4 {
            var v4 = sockaddr_in()
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
            v4.sin_addr.s_addr = UInt32(address[0]) | UInt32(address[1]) << 8 | UInt32(address[2]) << 16 | UInt32(address[3]) << 24
            return withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        var v6 = sockaddr_in6()
        v6.sin6_family = sa_family_t(AF_INET6)
        v6.sin6_port = port.bigEndian
        withUnsafeMutableBytes(of: &v6.sin6_addr) { raw in
            for index in 0..<16 { raw[index] = address[index] }
        }
        return withUnsafePointer(to: &v6) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
        }
    }

    /// The address bytes and port of an IPv4 or IPv6 socket address.
    private static func decode(_ storage: sockaddr_storage) -> ([UInt8], UInt16)? {
        var copy = storage
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafeBytes(of: &copy) { raw in
                let v4 = raw.load(as: sockaddr_in.self)
                return (withUnsafeBytes(of: v4.sin_addr) { Array($0) }, UInt16(bigEndian: v4.sin_port))
            }
        case AF_INET6:
            return withUnsafeBytes(of: &copy) { raw in
                let v6 = raw.load(as: sockaddr_in6.self)
                return (withUnsafeBytes(of: v6.sin6_addr) { Array($0) }, UInt16(bigEndian: v6.sin6_port))
            }
        default:
            return nil
        }
    }
}
