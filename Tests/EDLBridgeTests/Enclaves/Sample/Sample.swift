// Swift implementations of the ECALLs of Sample.edl (Intel's Edger8rSyntax samples plus
// attack-test helpers). The generated trusted bridge (built at test time) calls these.
import SGXTrusted
import SGXTypes

/// What the last ECALL recorded; the attack tests check it is unchanged after a refusal.
nonisolated(unsafe) var last: UInt64 = 0

func ecall_last() -> UInt64 { last }
@_extern(c, "sgx_enclave_base")
func sgx_enclave_base() -> UInt
@_extern(c, "sgx_enclave_size")
func sgx_enclave_size() -> UInt64
func ecall_enclave_address() -> UInt64 { UInt64(sgx_enclave_base()) }
func ecall_enclave_size() -> UInt64 { sgx_enclave_size() }

// MARK: Types.edl
func ecall_type_char(_ val: Int8) { last = UInt64(bitPattern: Int64(val)) }
func ecall_type_int(_ val: Int32) { last = UInt64(bitPattern: Int64(val)) }
func ecall_type_float(_ val: Float) { last = UInt64(val.bitPattern) }
func ecall_type_double(_ val: Double) { last = val.bitPattern }
func ecall_type_size_t(_ val: Int) { last = UInt64(bitPattern: Int64(val)) }
func ecall_type_wchar_t(_ val: Int32) { last = UInt64(bitPattern: Int64(val)) }
func ecall_type_struct(_ val: struct_foo_t) { last = UInt64(val.struct_foo_0) &+ val.struct_foo_1 }
func ecall_type_enum_union(_ val1: enum_foo_t, _ val2: UntrustedPointer?) {
    // user_check: the union is read and written only by copying.
    guard let val2, let value = val2.load(UInt64.self) else { last = 0xdead; return }
    val2.store(value &+ 1)
    // The enum is a C int the host may set to anything: no trap on a negative value.
    last = UInt64(UInt32(bitPattern: val1.rawValue)) << 32 | (value & 0xffff_ffff)
}

// MARK: Pointers.edl
func ecall_pointer_user_check(_ val: UntrustedPointer?, _ sz: Int) -> Int {
    guard let val, let bytes = val.copyIn(length: sz) else { return -1 }
    var sum = 0
    for b in bytes { sum += Int(b) }
    return sum
}
func ecall_pointer_in(_ val: Int32) { last = UInt64(bitPattern: Int64(val)) }
func ecall_pointer_out(_ val: inout Int32) { val = 1234 }
func ecall_pointer_in_out(_ val: inout Int32) { val = val &* 2 }
func ecall_pointer_string(_ str: inout String) {
    str = String(decoding: Array(str.utf8.reversed()), as: UTF8.self)
}
func ecall_pointer_string_const(_ str: String) { last = UInt64(str.utf8.count) }
func ecall_pointer_size(_ ptr: inout [UInt8], _ len: Int) {
    ptr.reverse()
    last = UInt64(len)
}
func ecall_pointer_count(_ arr: inout [Int32], _ cnt: Int) {
    for i in arr.indices { arr[i] = -arr[i] }
    last = UInt64(cnt)
}
func ecall_pointer_isptr_readonly(_ buf: [UInt8], _ len: Int) {
    var sum: UInt64 = 0
    for b in buf { sum += UInt64(b) }
    last = sum
}
func ocall_pointer_attr() {
    var failures: UInt64 = 0
    do {
        try ocall_pointer_user_check(nil)
        try ocall_pointer_in(42)
        var out: Int32 = 7
        try ocall_pointer_out(&out)
        if out != 1234 { failures |= 1 }
        var inOut: Int32 = 21
        try ocall_pointer_in_out(&inOut)
        if inOut != 42 { failures |= 2 }
    } catch {
        failures |= 4
    }
    last = failures
}

// MARK: Arrays.edl
func ecall_array_user_check(_ arr: UntrustedPointer?) {
    guard let arr else { return }
    for i in 0..<4 {
        guard let v = arr.load(Int32.self, at: i * 4) else { return }
        arr.store(v &+ 100, at: i * 4)
    }
}
func ecall_array_in(_ arr: [Int32]) {
    var sum: Int64 = 0
    for v in arr { sum += Int64(v) }
    last = UInt64(bitPattern: sum) | UInt64(arr.count) << 48
}
func ecall_array_out(_ arr: inout [Int32]) {
    for i in arr.indices { arr[i] = Int32(i) * 11 }
}
func ecall_array_in_out(_ arr: inout [Int32]) {
    for i in arr.indices { arr[i] = arr[i] &+ 1 }
}
func ecall_array_isary(_ arr: UntrustedPointer?) {
    last = UInt64(bitPattern: Int64(arr?.load(Int32.self) ?? -1)) // no trap on a negative value
}

// MARK: Functions.edl
func ecall_function_public() {
    do { try ocall_function_allow() } catch { last = UInt64(error.status.rawValue) | 0x1_0000_0000; return }
    last = 0
}
func ecall_function_private() -> Int32 { 1 }

// MARK: attack-test helpers
func ecall_sum_twice(_ buf: [UInt8], _ len: Int, _ spins: UInt64) -> Int32 {
    var first: UInt64 = 0
    for b in buf { first = first &* 31 &+ UInt64(b) }
    var x: UInt64 = 0
    for i in 0..<spins { x = x &+ i }
    var second: UInt64 = 0
    for b in buf { second = second &* 31 &+ UInt64(b) }
    last = x
    return first == second ? 1 : 0
}
func ecall_wstring_length(_ s: String) -> Int { s.unicodeScalars.count }
func ecall_wstring_upper(_ s: inout String) {
    var out = String.UnicodeScalarView()
    for c in s.unicodeScalars {
        if c.value >= 0x61 && c.value <= 0x7a { out.append(Unicode.Scalar(c.value - 32)!) } else { out.append(c) }
    }
    s = String(out)
}
func ecall_struct_swap(_ v: struct_foo_t, _ p: inout struct_foo_t) -> struct_foo_t {
    let old = p
    p = v
    return old
}
func ecall_enum_flip(_ e: enum_foo_t, _ u: union_foo_t, _ o: inout union_foo_t) -> enum_foo_t {
    o.union_foo_3 = ~u.union_foo_3
    return e == .ENUM_FOO_0 ? .ENUM_FOO_1 : .ENUM_FOO_0
}
func ecall_doubles(_ values: inout [Double], _ n: Int32, _ scale: Float) {
    for i in values.indices { values[i] *= Double(scale) }
}

func ecall_run_ocalls() -> UInt32 {
    var failures: UInt32 = 0
    do {
        if try ocall_sum([1, 2, 3, 4], 4) != 10 { failures |= 1 }
        var buf: [UInt8] = []
        try ocall_fill(&buf, 5, 0xab)
        if buf != [0xab, 0xab, 0xab, 0xab, 0xab] { failures |= 2 }
        var s = "hello"
        try ocall_echo_string(&s)
        // The host's longer answer is truncated to the bound the enclave gave ("hello" + NUL).
        if s != "HELLO" { failures |= 4 }
        SGXTrusted.Enclave.errno = 0
        if try ocall_set_errno(77) != -1 || SGXTrusted.Enclave.errno != 77 { failures |= 8 }
        var e = enum_foo_t.ENUM_FOO_0
        try ocall_wide("wide \u{00e9}\u{1F600}", &e)
        if e != .ENUM_FOO_1 { failures |= 16 }
        // An [in] array whose size disagrees with its count parameter is refused locally.
        do { _ = try ocall_sum([1, 2], 3); failures |= 32 } catch { if error.status != .invalidParameter { failures |= 32 } }
    } catch {
        failures |= 0x8000_0000
    }
    return failures
}

func ecall_ocall_echo() -> UInt32 {
    var s = "abc"
    do { try ocall_echo_string(&s) } catch { return error.status.rawValue }
    return 0
}

func ecall_ocall_pointer() -> UInt32 {
    do { _ = try ocall_get_pointer() } catch { return error.status.rawValue }
    return 0
}

func ecall_ocall_fill(_ len: UInt32) -> UInt32 {
    var buf: [UInt8] = []
    do { try ocall_fill(&buf, Int(len), 1) } catch { return error.status.rawValue }
    return buf.count == Int(len) ? 0 : 0xffff
}

func ecall_heap_stats(_ stats: inout [UInt64]) {
    let heap = SGXTrusted.Enclave.heap
    stats = [heap.size, heap.inUse, heap.peak, heap.allocations]
}
