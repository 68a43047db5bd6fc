/*
 * The pthread surface BoringSSL uses (thread_pthread.cc): once, mutex, rwlock and thread
 * keys, built on atomics and the per-TCS thread data page. Thread-safe across TCSs.
 *
 * The object layouts follow the glibc x86_64 ABI that BoringSSL is compiled against
 * (pthread_once_t = int, pthread_key_t = unsigned int, pthread_mutex_t 40 bytes,
 * pthread_rwlock_t 56 bytes; the static initialisers are all zero), but only the first
 * 32-bit word is used as lock state.
 *
 * Waits spin with PAUSE: BoringSSL holds these locks for a few instructions (lazy
 * initialisation, ex_data registration), so sleeping on the host is not worth an OCALL.
 *
 * Thread keys: at most SGX_PTHREAD_KEYS keys, stored in tls_slots[SGX_PTHREAD_KEY_FIRST_SLOT
 * + key] of the current TCS's thread data. Destructors are recorded but never run: a TCS
 * does not exit, its thread-local values live as long as the enclave.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

#define SGX_EINVAL 22
#define SGX_EAGAIN 11
#define SGX_EBUSY 16
#define SGX_PTHREAD_KEYS 16
#define SGX_PTHREAD_KEY_FIRST_SLOT SGX_TLS_PTHREAD_FIRST_SLOT /* slots 48..63 */
_Static_assert(SGX_PTHREAD_KEY_FIRST_SLOT + SGX_PTHREAD_KEYS == 64, "keys fill the top tls slots");

typedef int sgx_pthread_once_t;
typedef unsigned int sgx_pthread_key_t;
typedef union { uint32_t state; char size[40]; long align; } sgx_pthread_mutex_t;
typedef union { uint32_t state; char size[56]; long align; } sgx_pthread_rwlock_t;

_Static_assert(sizeof(sgx_pthread_mutex_t) == 40, "glibc pthread_mutex_t");
_Static_assert(sizeof(sgx_pthread_rwlock_t) == 56, "glibc pthread_rwlock_t");

static inline void cpu_relax(void) { __builtin_ia32_pause(); }

/* ---- once: 0 = not run, 1 = running, 2 = done ------------------------------------ */
int pthread_once(sgx_pthread_once_t *once, void (*init)(void)) {
    int state = __atomic_load_n(once, __ATOMIC_ACQUIRE);
    if (state == 2) return 0;
    int expected = 0;
    if (__atomic_compare_exchange_n(once, &expected, 1, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        init();
        __atomic_store_n(once, 2, __ATOMIC_RELEASE);
        return 0;
    }
    while (__atomic_load_n(once, __ATOMIC_ACQUIRE) != 2) cpu_relax();
    return 0;
}

/* ---- mutex: 0 = free, 1 = held ---------------------------------------------------- */
int pthread_mutex_init(sgx_pthread_mutex_t *m, const void *attributes) {
    (void)attributes;
    memset(m, 0, sizeof(*m));
    return 0;
}

int pthread_mutex_destroy(sgx_pthread_mutex_t *m) {
    return __atomic_load_n(&m->state, __ATOMIC_RELAXED) ? SGX_EBUSY : 0;
}

int pthread_mutex_lock(sgx_pthread_mutex_t *m) {
    while (__atomic_exchange_n(&m->state, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&m->state, __ATOMIC_RELAXED)) cpu_relax();
    }
    return 0;
}

int pthread_mutex_trylock(sgx_pthread_mutex_t *m) {
    return __atomic_exchange_n(&m->state, 1, __ATOMIC_ACQUIRE) ? SGX_EBUSY : 0;
}

int pthread_mutex_unlock(sgx_pthread_mutex_t *m) {
    __atomic_store_n(&m->state, 0, __ATOMIC_RELEASE);
    return 0;
}

/* ---- rwlock: bit 31 = writer, bits 0..30 = readers -------------------------------- */
#define RW_WRITER 0x80000000u

int pthread_rwlock_init(sgx_pthread_rwlock_t *l, const void *attributes) {
    (void)attributes;
    memset(l, 0, sizeof(*l));
    return 0;
}

int pthread_rwlock_destroy(sgx_pthread_rwlock_t *l) {
    return __atomic_load_n(&l->state, __ATOMIC_RELAXED) ? SGX_EBUSY : 0;
}

int pthread_rwlock_rdlock(sgx_pthread_rwlock_t *l) {
    for (;;) {
        uint32_t v = __atomic_load_n(&l->state, __ATOMIC_RELAXED);
        if (!(v & RW_WRITER) && (v + 1) < RW_WRITER &&
            __atomic_compare_exchange_n(&l->state, &v, v + 1, 1, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return 0;
        cpu_relax();
    }
}

int pthread_rwlock_wrlock(sgx_pthread_rwlock_t *l) {
    for (;;) {
        uint32_t expected = 0;
        if (__atomic_compare_exchange_n(&l->state, &expected, RW_WRITER, 1, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return 0;
        cpu_relax();
    }
}

int pthread_rwlock_unlock(sgx_pthread_rwlock_t *l) {
    uint32_t v = __atomic_load_n(&l->state, __ATOMIC_RELAXED);
    if (v & RW_WRITER) __atomic_store_n(&l->state, 0, __ATOMIC_RELEASE);
    else if (v == 0) sgx_crash(SGX_CRASH_CORRUPT_STATE); /* unlock of a free lock */
    else __atomic_fetch_sub(&l->state, 1, __ATOMIC_RELEASE);
    return 0;
}

/* ---- thread keys ------------------------------------------------------------------- */
static uint32_t g_next_key;

int pthread_key_create(sgx_pthread_key_t *key, void (*destructor)(void *)) {
    (void)destructor;
    uint32_t k = __atomic_fetch_add(&g_next_key, 1, __ATOMIC_RELAXED);
    if (k >= SGX_PTHREAD_KEYS) return SGX_EAGAIN;
    *key = k;
    return 0;
}

int pthread_key_delete(sgx_pthread_key_t key) { return key < SGX_PTHREAD_KEYS ? 0 : SGX_EINVAL; }

void *pthread_getspecific(sgx_pthread_key_t key) {
    if (key >= SGX_PTHREAD_KEYS) return 0;
    return sgx_thread_data()->tls_slots[SGX_PTHREAD_KEY_FIRST_SLOT + key];
}

int pthread_setspecific(sgx_pthread_key_t key, const void *value) {
    if (key >= SGX_PTHREAD_KEYS) return SGX_EINVAL;
    sgx_thread_data()->tls_slots[SGX_PTHREAD_KEY_FIRST_SLOT + key] = (void *)value;
    return 0;
}
