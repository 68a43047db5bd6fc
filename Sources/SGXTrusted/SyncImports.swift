// C entry points of the trusted runtime used by the sync primitives and thread-local
// storage (Sources/CEnclaveRuntime/sync_support.c and tls_slots.c).

@_extern(c, "sgx_sync_cpu_relax")
func sgx_sync_cpu_relax()

@_extern(c, "sgx_sync_tcs_index")
func sgx_sync_tcs_index() -> UInt64

@_extern(c, "sgx_tls_slot_alloc")
func sgx_tls_slot_alloc() -> Int32

@_extern(c, "sgx_tls_slot_free")
func sgx_tls_slot_free(_ slot: Int32)

@_extern(c, "sgx_tls_slots")
func sgx_tls_slots() -> UnsafeMutablePointer<UnsafeMutableRawPointer?>
