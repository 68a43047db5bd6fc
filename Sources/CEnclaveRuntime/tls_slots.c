/*
 * Thread-local slots: each TCS's thread data page has 64 pointer slots (tls_slots). This
 * file hands out slot numbers (the same number is used on every TCS) so that several
 * users (SGXTrusted.ThreadLocal, a pthread_key shim) never share one. Slots are taken
 * from the top down.
 */
#include "sgx_runtime.h"

static volatile uint64_t g_used_slots;

/* A free slot number (0..63), or -1 when all 64 are taken. */
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
    if (slot < 0 || slot > 63) return;
    __atomic_fetch_and(&g_used_slots, ~(1ULL << slot), __ATOMIC_RELEASE);
}

/* The calling TCS's slot array (64 entries). */
void **sgx_tls_slots(void) { return sgx_thread_data()->tls_slots; }
