/*
 * The enclave heap: the EADDed heap region named by the layout page. Thread-safe (one
 * spin lock), segregated free lists for small blocks, an address-ordered first-fit list
 * with coalescing for large ones. Exhaustion ends the enclave with
 * SGX_CRASH_OUT_OF_MEMORY rather than handing a NULL to code that may not check it.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

#define HEADER_SIZE 16
#define HEADER_MAGIC 0x53474850u /* "SGHP" */
#define SMALL_CLASSES 8           /* 16 .. 2048 */
#define SMALL_MAX 2048
#define SPAN_SIZE (64 * 1024)

typedef struct header {
    uint64_t size;   /* usable bytes after the header */
    uint32_t magic;
    uint32_t offset; /* bytes between the block start and this header (aligned blocks) */
} header_t;

typedef struct free_block {
    uint64_t size;   /* whole block, header included */
    struct free_block *next;
} free_block_t;

static volatile uint32_t g_lock;
static uintptr_t g_bump, g_end, g_start;
static void *g_small[SMALL_CLASSES];
static free_block_t *g_large;
static uint64_t g_in_use, g_peak, g_allocations;

static void lock(void) {
    while (__atomic_exchange_n(&g_lock, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(&g_lock, __ATOMIC_RELAXED)) __builtin_ia32_pause();
    }
}
static void unlock(void) { __atomic_store_n(&g_lock, 0, __ATOMIC_RELEASE); }

void sgx_heap_init(void *base, size_t size) {
    g_start = g_bump = ((uintptr_t)base + 15) & ~(uintptr_t)15;
    g_end = (uintptr_t)base + size;
}

static int class_of(size_t n) {
    size_t c = 16;
    for (int i = 0; i < SMALL_CLASSES; i++, c <<= 1)
        if (n <= c) return i;
    return -1;
}

static void *bump(size_t total) {
    if (g_end - g_bump < total) return 0;
    void *p = (void *)g_bump;
    g_bump += total;
    return p;
}

/* Large blocks: first fit, split when the rest is worth keeping. Lock held. */
static void *large_take(size_t total) {
    free_block_t **link = &g_large;
    for (free_block_t *b = g_large; b; link = &b->next, b = b->next) {
        if (b->size < total) continue;
        if (b->size - total >= 256) {
            free_block_t *rest = (free_block_t *)((uintptr_t)b + total);
            rest->size = b->size - total;
            rest->next = b->next;
            *link = rest;
            b->size = total;
        } else {
            *link = b->next;
        }
        return b;
    }
    return bump(total);
}

static void large_give(void *block, size_t total) {
    free_block_t *nb = (free_block_t *)block;
    nb->size = total;
    free_block_t *prev = 0, *cur = g_large;
    while (cur && (uintptr_t)cur < (uintptr_t)nb) { prev = cur; cur = cur->next; }
    nb->next = cur;
    if (prev) prev->next = nb; else g_large = nb;
    if (cur && (uintptr_t)nb + nb->size == (uintptr_t)cur) { nb->size += cur->size; nb->next = cur->next; }
    if (prev && (uintptr_t)prev + prev->size == (uintptr_t)nb) { prev->size += nb->size; prev->next = nb->next; }
}

static void *alloc_block(size_t usable, size_t *block_size) {
    int cls = class_of(usable);
    if (cls >= 0) {
        size_t size = (size_t)16 << cls;
        void *p = g_small[cls];
        if (p) { g_small[cls] = *(void **)p; }
        else if (!(p = bump(size + HEADER_SIZE))) p = large_take(size + HEADER_SIZE);
        *block_size = size;
        return p;
    }
    size_t total = (usable + HEADER_SIZE + 15) & ~(size_t)15;
    if (total < usable) return 0;
    void *p = large_take(total);
    *block_size = total - HEADER_SIZE;
    return p;
}

static void *allocate(size_t n, size_t align) {
    if (align < 16) align = 16;
    size_t extra = align > 16 ? align : 0;
    size_t want = n + extra;
    if (want < n) sgx_crash(SGX_CRASH_OUT_OF_MEMORY);
    lock();
    size_t usable;
    void *block = alloc_block(want == 0 ? 1 : want, &usable);
    if (!block) { unlock(); sgx_crash(SGX_CRASH_OUT_OF_MEMORY); }
    uintptr_t user = ((uintptr_t)block + HEADER_SIZE + align - 1) & ~(uintptr_t)(align - 1);
    header_t *h = (header_t *)(user - HEADER_SIZE);
    h->size = usable - (user - HEADER_SIZE - (uintptr_t)block);
    h->magic = HEADER_MAGIC;
    h->offset = (uint32_t)(user - HEADER_SIZE - (uintptr_t)block);
    g_in_use += usable;
    g_allocations++;
    if (g_in_use > g_peak) g_peak = g_in_use;
    unlock();
    return (void *)user;
}

void *malloc(size_t n) { return allocate(n, 16); }

void *calloc(size_t count, size_t size) {
    size_t n;
    if (__builtin_mul_overflow(count, size, &n)) return 0;
    void *p = malloc(n);
    memset(p, 0, n);
    return p;
}

int posix_memalign(void **out, size_t align, size_t n) {
    if (align == 0 || (align & (align - 1)) || align > 65536) return 22; /* EINVAL */
    *out = allocate(n, align);
    return 0;
}

void *aligned_alloc(size_t align, size_t n) {
    void *p = 0;
    return posix_memalign(&p, align, n) == 0 ? p : 0;
}

static header_t *header_of(void *p) {
    header_t *h = (header_t *)((uintptr_t)p - HEADER_SIZE);
    if ((uintptr_t)p < g_start || (uintptr_t)p >= g_end || h->magic != HEADER_MAGIC)
        sgx_crash(SGX_CRASH_CORRUPT_STATE); /* free of a pointer the heap never gave out */
    return h;
}

void free(void *p) {
    if (!p) return;
    header_t *h = header_of(p);
    uintptr_t block = (uintptr_t)h - h->offset;
    size_t usable = h->size + h->offset;
    h->magic = 0;
    lock();
    g_in_use -= usable;
    int cls = class_of(usable);
    if (cls >= 0 && ((size_t)16 << cls) == usable) {
        *(void **)block = g_small[cls];
        g_small[cls] = (void *)block;
    } else {
        large_give((void *)block, usable + HEADER_SIZE);
    }
    unlock();
}

void *realloc(void *p, size_t n) {
    if (!p) return malloc(n);
    if (n == 0) { free(p); return 0; }
    header_t *h = header_of(p);
    if (h->size >= n) return p;
    void *q = malloc(n);
    memcpy(q, p, h->size);
    free(p);
    return q;
}

size_t malloc_usable_size(void *p) { return p ? header_of(p)->size : 0; }

/* Heap statistics for SGXTrusted.Heap: {size, in use, peak, allocations}. */
void sgx_heap_stats(uint64_t out[4]) {
    lock();
    out[0] = g_end - g_start;
    out[1] = g_in_use;
    out[2] = g_peak;
    out[3] = g_allocations;
    unlock();
}

/* The largest block one allocation can take now: the untouched end of the heap or the
 * biggest block on the large free list (small-class blocks serve only their class). The
 * EDL bridges check host-sized copies against it before making them. */
size_t sgx_heap_largest_free(void) {
    lock();
    size_t largest = g_end - g_bump;
    for (free_block_t *b = g_large; b; b = b->next)
        if (b->size > largest) largest = b->size;
    unlock();
    return largest > HEADER_SIZE ? largest - HEADER_SIZE : 0;
}
