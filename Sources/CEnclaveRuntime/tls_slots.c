/*
 * Thread-local slots: each TCS's thread data page has 64 pointer slots (tls_slots). This
 * file hands out slot numbers (the same number is used on every TCS) so that several
 * users never share one. Slots SGX_TLS_PTHREAD_FIRST_SLOT..63 belong to the pthread key
 * shim (pthread.c, used by BoringSSL); this allocator hands out the ones below, top down.
 */
#include "sgx_runtime.h"

/* Bits for the pthread slots start out "used" so they are never handed out here. */
static volatile uint64_t g_used_slots = ~0ULL << SGX_TLS_PTHREAD_FIRST_SLOT;

/* A free slot number (0..SGX_TLS_PTHREAD_FIRST_SLOT-1), or -1 when all are taken. */
int sgx_tls_slot_alloc(void) {
    uint64_t used = __atomic_load_n(&g_used_slots, __ATOMIC_ACQUIRE);
    for (;;) {
        if (used == ~0ULL) return -1;
        int slot = 63 - __builtin_clzll(~used); /* highest clear bit */
        if (__atomic_compare_exchange_n(&g_used_slots, &used, used | (1ULL << slot), 0,
                                        __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
            return slot;
    }
}

void sgx_tls_slot_free(int slot) {
    if (slot < 0 || slot >= SGX_TLS_PTHREAD_FIRST_SLOT) return;
    __atomic_fetch_and(&g_used_slots, ~(1ULL << slot), __ATOMIC_RELEASE);
}

/* The calling TCS's slot array (64 entries). */
void **sgx_tls_slots(void) { return sgx_thread_data()->tls_slots; }
