// The trusted runtime's C entry points (Sources/CEnclaveRuntime), imported without a
// Clang module so that the enclave build needs nothing but swiftc.

@_extern(c, "sgx_ocall")
func sgx_ocall(_ index: UInt32, _ frame: UnsafeMutableRawPointer?) -> UInt32

@_extern(c, "sgx_ocalloc")
func sgx_ocalloc(_ size: Int) -> UnsafeMutableRawPointer?

@_extern(c, "sgx_is_within_enclave")
func sgx_is_within_enclave(_ pointer: UnsafeRawPointer?, _ count: Int) -> Int32

@_extern(c, "sgx_is_outside_enclave")
func sgx_is_outside_enclave(_ pointer: UnsafeRawPointer?, _ count: Int) -> Int32

/// LFENCE (runtime.c): the speculation barrier after range and index checks.
@_extern(c, "sgx_lfence")
func sgx_lfence()

@_extern(c, "sgx_crash")
func sgx_crash(_ reason: UInt64)

@_extern(c, "sgx_heap_stats")
func sgx_heap_stats(_ out: UnsafeMutablePointer<UInt64>)

@_extern(c, "sgx_heap_largest_free")
func sgx_heap_largest_free() -> Int

@_extern(c, "sgx_read_rand")
func sgx_read_rand(_ buffer: UnsafeMutableRawPointer, _ count: Int)

@_extern(c, "sgx_ocalloc_mark")
func sgx_ocalloc_mark() -> UInt64

@_extern(c, "sgx_ocalloc_release")
func sgx_ocalloc_release(_ mark: UInt64)

@_extern(c, "sgx_ecall_nesting")
func sgx_ecall_nesting(_ pendingOCall: UnsafeMutablePointer<UInt32>?) -> UInt32

@_extern(c, "__errno_location")
func sgx_errno_location() -> UnsafeMutablePointer<Int32>

@_extern(c, "sgx_enclu_ereport")
func sgx_enclu_ereport(_ targetInfo: UnsafeRawPointer, _ reportData: UnsafeRawPointer, _ report: UnsafeMutableRawPointer) -> UInt32

@_extern(c, "sgx_enclu_egetkey")
func sgx_enclu_egetkey(_ keyRequest: UnsafeRawPointer, _ key: UnsafeMutableRawPointer) -> UInt32

@_extern(c, "sgx_zeroize")
func sgx_zeroize(_ pointer: UnsafeMutableRawPointer, _ count: Int)

/// The runtime's memcpy (`rep movsb`): one bulk copy, whatever the optimisation level.
@_extern(c, "memcpy")
func sgx_memcpy(_ destination: UnsafeMutableRawPointer, _ source: UnsafeRawPointer, _ count: Int) -> UnsafeMutableRawPointer

/// The runtime's memset (`rep stosb`).
@_extern(c, "memset")
func sgx_memset(_ destination: UnsafeMutableRawPointer, _ value: Int32, _ count: Int) -> UnsafeMutableRawPointer
