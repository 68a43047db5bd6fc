// C types of an EDL interface mapped to Swift types, with their C layout (x86-64 System
// V: the only ABI SGX enclaves have) and the code that loads/stores them in raw memory.

/// A value type a bridge can carry by value: a scalar, an EDL enum, struct or union.
public enum EDLValueType: Hashable, Sendable {
    /// A fixed-width integer or floating-point Swift type and its size.
    case number(swift: String, size: Int)
    case bool
    /// `enum NAME`: a Swift struct with an `Int32` raw value (hosts may send any value).
    case enumeration(String)
    case structure(String, size: Int, alignment: Int)
    case union(String, size: Int, alignment: Int)

    public var swiftName: String {
        switch self {
        case .number(let s, _): return s
        case .bool: return "Bool"
        case .enumeration(let n), .structure(let n, _, _), .union(let n, _, _): return n
        }
    }

    public var size: Int {
        switch self {
        case .number(_, let s): return s
        case .bool: return 1
        case .enumeration: return 4
        case .structure(_, let s, _), .union(_, let s, _): return s
        }
    }

    public var alignment: Int {
        switch self {
        case .number(_, let s): return s
        case .bool: return 1
        case .enumeration: return 4
        case .structure(_, _, let a), .union(_, _, let a): return a
        }
    }

    /// The zero value (what `[out]` buffers start as).
    public var zero: String {
        switch self {
        case .number: return "0"
        case .bool: return "false"
        case .enumeration(let n): return "\(n)(rawValue: 0)"
        case .structure(let n, _, _), .union(let n, _, _): return "\(n)()"
        }
    }

    /// An expression loading the value at `pointer + offset` (any alignment).
    public func load(_ pointer: String, _ offset: Int = 0) -> String {
        let at = offset == 0 ? pointer : "(\(pointer) + \(offset))"
        switch self {
        case .number(let s, _): return "\(at).loadUnaligned(as: \(s).self)"
        case .bool: return "(\(at).load(as: UInt8.self) != 0)"
        case .enumeration(let n): return "\(n)(rawValue: \(at).loadUnaligned(as: Int32.self))"
        case .structure(let n, _, _), .union(let n, _, _): return "\(n)(edlLoading: UnsafeRawPointer(\(at)))"
        }
    }

    /// A statement storing `value` at `pointer + offset` (a mutable raw pointer).
    public func store(_ value: String, _ pointer: String, _ offset: Int = 0) -> String {
        let at = offset == 0 ? pointer : "(\(pointer) + \(offset))"
        switch self {
        case .number(let s, _): return "\(at).storeBytes(of: \(value), as: \(s).self)"
        case .bool: return "\(at).storeBytes(of: \(value) ? 1 : 0, as: UInt8.self)"
        case .enumeration: return "\(at).storeBytes(of: \(value).rawValue, as: Int32.self)"
        case .structure, .union: return "\(value).edlStore(to: \(at))"
        }
    }
}

/// Why a construct cannot be bridged (yet); becomes a located error.
struct EDLGenerationError: Error {
    var message: String
    var location: EDLSourceLocation?
}

/// Type mapping for one enclave interface.
struct EDLTypeMapper {
    let enclave: EDLEnclave

    /// Foreign (header) typedefs that SGX EDL files pass by value, with their Linux x86-64
    /// meaning: Intel SDK scalar typedefs and enums (`sgx_tcrypto.h`, `sgx_key_exchange.h`,
    /// `sgx_ql_lib_common.h`, `sgx_qve_header.h`, `sgx_report.h`), and the libc typedefs of
    /// glibc on x86-64. A C enum is an `unsigned int` here (Intel's enums have only
    /// non-negative values), so it crosses as `UInt32`: the host may send any value.
    /// Structures from those headers are not in this table: pass them by pointer with
    /// `[size=...]` (the bridge copies the bytes) or declare them in the EDL.
    static let knownForeign: [String: EDLValueType] = [
        // Intel SDK
        "sgx_status_t": .number(swift: "UInt32", size: 4),
        "sgx_enclave_id_t": .number(swift: "UInt64", size: 8),
        "sgx_ra_context_t": .number(swift: "UInt32", size: 4),
        "sgx_isv_svn_t": .number(swift: "UInt16", size: 2),
        "sgx_prod_id_t": .number(swift: "UInt16", size: 2),
        "sgx_config_svn_t": .number(swift: "UInt16", size: 2),
        "sgx_misc_select_t": .number(swift: "UInt32", size: 4),
        "sgx_ql_config_version_t": .number(swift: "UInt32", size: 4),
        "quote3_error_t": .number(swift: "UInt32", size: 4),
        "sgx_ql_qv_result_t": .number(swift: "UInt32", size: 4),
        "sgx_ql_request_policy_t": .number(swift: "UInt32", size: 4),
        "sgx_ql_cert_key_type_t": .number(swift: "UInt32", size: 4),
        "sgx_ql_attestation_algorithm_id_t": .number(swift: "UInt32", size: 4),
        "sgx_quote_sign_type_t": .number(swift: "UInt32", size: 4),
        "sgx_dh_session_role_t": .number(swift: "UInt32", size: 4),
        "sgx_device_status_t": .number(swift: "UInt32", size: 4),
        "sgx_qv_path_type_t": .number(swift: "UInt32", size: 4),
        "sgx_ql_path_type_t": .number(swift: "UInt32", size: 4),
        "pce_error_t": .number(swift: "UInt32", size: 4),
        "sgx_thread_t": .number(swift: "UInt", size: 8),
        // C / glibc x86-64
        "bool": .bool,
        "_Bool": .bool,
        "time_t": .number(swift: "Int64", size: 8),
        "clock_t": .number(swift: "Int64", size: 8),
        "clockid_t": .number(swift: "Int32", size: 4),
        "suseconds_t": .number(swift: "Int64", size: 8),
        "useconds_t": .number(swift: "UInt32", size: 4),
        "ssize_t": .number(swift: "Int", size: 8),
        "off_t": .number(swift: "Int64", size: 8),
        "off64_t": .number(swift: "Int64", size: 8),
        "uintptr_t": .number(swift: "UInt", size: 8),
        "intptr_t": .number(swift: "Int", size: 8),
        "ptrdiff_t": .number(swift: "Int", size: 8),
        "intmax_t": .number(swift: "Int64", size: 8),
        "uintmax_t": .number(swift: "UInt64", size: 8),
        "errno_t": .number(swift: "Int32", size: 4),
        "pid_t": .number(swift: "Int32", size: 4),
        "uid_t": .number(swift: "UInt32", size: 4),
        "gid_t": .number(swift: "UInt32", size: 4),
        "mode_t": .number(swift: "UInt32", size: 4),
        "dev_t": .number(swift: "UInt64", size: 8),
        "ino_t": .number(swift: "UInt64", size: 8),
        "nlink_t": .number(swift: "UInt64", size: 8),
        "blksize_t": .number(swift: "Int64", size: 8),
        "blkcnt_t": .number(swift: "Int64", size: 8),
        "key_t": .number(swift: "Int32", size: 4),
        "socklen_t": .number(swift: "UInt32", size: 4),
        "sa_family_t": .number(swift: "UInt16", size: 2),
        "in_port_t": .number(swift: "UInt16", size: 2),
        "in_addr_t": .number(swift: "UInt32", size: 4),
        "nfds_t": .number(swift: "UInt64", size: 8),
        "pthread_t": .number(swift: "UInt", size: 8),
        "wint_t": .number(swift: "UInt32", size: 4),
        "int_least8_t": .number(swift: "Int8", size: 1),
        "uint_least8_t": .number(swift: "UInt8", size: 1),
        "int_least16_t": .number(swift: "Int16", size: 2),
        "uint_least16_t": .number(swift: "UInt16", size: 2),
        "int_least32_t": .number(swift: "Int32", size: 4),
        "uint_least32_t": .number(swift: "UInt32", size: 4),
        "int_least64_t": .number(swift: "Int64", size: 8),
        "uint_least64_t": .number(swift: "UInt64", size: 8),
        "int_fast8_t": .number(swift: "Int8", size: 1),
        "uint_fast8_t": .number(swift: "UInt8", size: 1),
        "int_fast16_t": .number(swift: "Int", size: 8),
        "uint_fast16_t": .number(swift: "UInt", size: 8),
        "int_fast32_t": .number(swift: "Int", size: 8),
        "uint_fast32_t": .number(swift: "UInt", size: 8),
        "int_fast64_t": .number(swift: "Int64", size: 8),
        "uint_fast64_t": .number(swift: "UInt64", size: 8),
    ]

    static func scalar(_ s: EDLScalarType) -> EDLValueType? {
        switch s {
        case .char, .int8: return .number(swift: "Int8", size: 1)
        case .unsignedChar, .uint8: return .number(swift: "UInt8", size: 1)
        case .short, .int16: return .number(swift: "Int16", size: 2)
        case .unsignedShort, .uint16: return .number(swift: "UInt16", size: 2)
        case .int, .int32: return .number(swift: "Int32", size: 4)
        case .unsignedInt, .uint32: return .number(swift: "UInt32", size: 4)
        case .long, .longLong, .int64: return .number(swift: "Int64", size: 8)
        case .unsignedLong, .unsignedLongLong, .uint64: return .number(swift: "UInt64", size: 8)
        case .size: return .number(swift: "Int", size: 8)
        case .wchar: return .number(swift: "Int32", size: 4)
        case .float: return .number(swift: "Float", size: 4)
        case .double: return .number(swift: "Double", size: 8)
        case .longDouble, .void: return nil
        }
    }

    /// The value type of `base` (no pointer), or an error saying why it has none.
    func valueType(_ base: EDLBaseType, at location: EDLSourceLocation?, depth: Int = 0) throws(EDLGenerationError) -> EDLValueType {
        guard depth < 32 else { throw EDLGenerationError(message: "type nesting too deep", location: location) }
        switch base {
        case .scalar(let s):
            guard let t = Self.scalar(s) else {
                throw EDLGenerationError(message: "`\(s.cName)` cannot be passed by value across the boundary", location: location)
            }
            return t
        case .enumeration(let n):
            guard enclave.enumeration(named: n) != nil else {
                throw EDLGenerationError(message: "`enum \(n)` is not defined in the EDL", location: location)
            }
            return .enumeration(n)
        case .structure(let n):
            guard let s = enclave.structure(named: n) else {
                throw EDLGenerationError(message: "`struct \(n)` is not defined in the EDL (its layout is unknown)", location: location)
            }
            if s.isDeepCopy {
                throw EDLGenerationError(message: "deep-copy struct `\(n)` (pointer members with size/count) is not supported by the Swift emitters yet", location: location)
            }
            let (size, alignment) = try layout(of: s, isUnion: false, depth: depth)
            return .structure(n, size: size, alignment: alignment)
        case .union(let n):
            guard let u = enclave.union(named: n) else {
                throw EDLGenerationError(message: "`union \(n)` is not defined in the EDL (its layout is unknown)", location: location)
            }
            let (size, alignment) = try layout(of: u, isUnion: true, depth: depth)
            return .union(n, size: size, alignment: alignment)
        case .foreign(let n):
            if let t = Self.knownForeign[n] { return t }
            if let s = enclave.structure(named: n) { return try valueType(.structure(s.name), at: location, depth: depth) }
            if let u = enclave.union(named: n) { return try valueType(.union(u.name), at: location, depth: depth) }
            if enclave.enumeration(named: n) != nil { return .enumeration(n) }
            throw EDLGenerationError(message: "foreign type `\(n)` has no known layout; pass it as a pointer with [size=...] or [user_check]", location: location)
        }
    }

    /// One member of a struct or union: its Swift shape.
    enum MemberShape {
        case value(EDLValueType)
        case array(EDLValueType, count: Int)
        /// A pointer member, copied shallowly as its address.
        case address
    }

    func memberShape(_ m: EDLMember, depth: Int) throws(EDLGenerationError) -> MemberShape {
        if m.type.isPointer { return .address }
        let t = try valueType(m.type.base, at: m.location, depth: depth + 1)
        if m.isArray { return .array(t, count: m.dimensions.reduce(1, *)) }
        return .value(t)
    }

    /// C size and alignment of a struct or union.
    func layout(of c: EDLCompositeType, isUnion: Bool, depth: Int) throws(EDLGenerationError) -> (Int, Int) {
        var offset = 0, alignment = 1
        for m in c.members {
            let (size, a) = try sizeAndAlignment(try memberShape(m, depth: depth))
            alignment = max(alignment, a)
            if isUnion { offset = max(offset, size) } else { offset = align(offset, to: a) + size }
        }
        return (align(offset, to: alignment), alignment)
    }

    /// Member offsets of a struct (all 0 for a union).
    func offsets(of c: EDLCompositeType, isUnion: Bool) throws(EDLGenerationError) -> [Int] {
        var offset = 0, result: [Int] = []
        for m in c.members {
            let (size, a) = try sizeAndAlignment(try memberShape(m, depth: 0))
            if isUnion { result.append(0); continue }
            offset = align(offset, to: a)
            result.append(offset)
            offset += size
        }
        return result
    }

    func sizeAndAlignment(_ shape: MemberShape) throws(EDLGenerationError) -> (Int, Int) {
        switch shape {
        case .value(let t): return (t.size, t.alignment)
        case .array(let t, let n): return (t.size * n, t.alignment)
        case .address: return (8, 8)
        }
    }

    func align(_ value: Int, to alignment: Int) -> Int { (value + alignment - 1) / alignment * alignment }
}
