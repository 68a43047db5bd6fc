/*
 * Small pieces SGXTrusted's sync primitives (Mutex, Condition, Once, ...) need from C:
 * the PAUSE instruction for spin loops and the calling thread's TCS index, which names
 * its host event for the sgx_ocall_thread_wait / _wake runtime OCALLs (swift_sgx_runtime.edl).
 */
#include "sgx_runtime.h"

/* One PAUSE: tells the CPU this is a spin-wait loop. */
void sgx_sync_cpu_relax(void) { __builtin_ia32_pause(); }

/* Index of the TCS this thread entered through (measured field of its thread data). */
uint64_t sgx_sync_tcs_index(void) { return sgx_thread_data()->index; }
