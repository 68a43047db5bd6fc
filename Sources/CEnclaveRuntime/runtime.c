/*
 * Trusted runtime core: ECALL entry (after entry.S switched stacks), one-time
 * initialisation (self-relocation, heap), enclave-range checks, OCALL frames.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

/* SGX_STATE_*: entry.S reads it too, and refuses every entry once the enclave crashed. */
volatile uint32_t sgx_runtime_state;

void sgx_lfence(void) { __builtin_ia32_lfence(); }

uintptr_t sgx_enclave_base(void) { return (uintptr_t)__sgx_enclave_base; }

/* The layout page follows the image; the linker script marks the image's end. */
extern const unsigned char __sgx_image_end[] __attribute__((visibility("hidden")));
const sgx_layout_t *sgx_layout(void) {
    uintptr_t end = (uintptr_t)__sgx_image_end;
    end = (end + SGX_PAGE_SIZE - 1) & ~(uintptr_t)(SGX_PAGE_SIZE - 1);
    return (const sgx_layout_t *)end;
}

uint64_t sgx_enclave_size(void) { return sgx_layout()->enclave_size; }

/* Through GS only: td->self is set on every entry from the GS-relative self_offset. */
sgx_thread_data_t *sgx_thread_data(void) {
    sgx_thread_data_t *td;
    __asm__ volatile("mov %%gs:0, %0" : "=r"(td));
    return td;
}

int sgx_is_within_enclave(const void *p, size_t n) {
    uintptr_t start = (uintptr_t)p, base = sgx_enclave_base();
    uintptr_t size = sgx_enclave_size();
    if (n == 0) n = 1;
    uintptr_t end;
    if (__builtin_add_overflow(start, n, &end)) return 0;
    int inside = start >= base && end <= base + size;
    __builtin_ia32_lfence(); /* the comparison's inputs are final before anyone branches on it */
    return inside;
}

int sgx_is_outside_enclave(const void *p, size_t n) {
    uintptr_t start = (uintptr_t)p, base = sgx_enclave_base();
    uintptr_t size = sgx_enclave_size();
    if (n == 0) n = 1;
    uintptr_t end;
    if (__builtin_add_overflow(start, n, &end)) return 0;
    int outside = end <= base || start >= base + size;
    __builtin_ia32_lfence();
    return outside;
}

int sgx_runtime_crashed(void) { return __atomic_load_n(&sgx_runtime_state, __ATOMIC_ACQUIRE) == SGX_STATE_CRASHED; }

__attribute__((noreturn)) void sgx_crash(uint64_t reason) {
    __atomic_store_n(&sgx_runtime_state, SGX_STATE_CRASHED, __ATOMIC_SEQ_CST);
    sgx_crash_exit(sgx_thread_data(), reason);
}

/* Host-provided untrusted stack for OCALL frames. A top-level ECALL validates the whole
   range [top - ustack_size, top) (16-byte aligned, wholly outside the enclave) and records
   its bounds; a nested ECALL (inside an OCALL) allocates below the outer OCALL's frames
   within the same validated range: its limit is the outer level's limit, never a new one
   computed from the current allocation point. entry.S saves and restores the three fields
   per nesting level. */
static uint32_t setup_ustack(sgx_thread_data_t *td, uint64_t top, uint64_t depth_before) {
    if (depth_before > 0) {
        td->ustack_top = td->ustack_sp;
        return SGX_SUCCESS; /* ustack_limit stays the outer level's */
    }
    uint64_t size = sgx_layout()->ustack_size;
    if (top < size || (top & 15) != 0 || !sgx_is_outside_enclave((void *)(top - size), size))
        return SGX_ERROR_INVALID_PARAMETER;
    __builtin_ia32_lfence();
    td->ustack_top = top;
    td->ustack_sp = top;
    td->ustack_limit = top - size;
    return SGX_SUCCESS;
}

/* size bytes (rounded up to 16) of the validated untrusted stack, or NULL. The whole
   allocation lies in [ustack_limit, ustack_top), which setup_ustack checked is outside. */
void *sgx_ocalloc(size_t size) {
    sgx_thread_data_t *td = sgx_thread_data();
    uint64_t size_rounded = (size + 15) & ~(uint64_t)15;
    uint64_t limit = td->ustack_limit;
    if (size_rounded < size || td->ustack_sp < limit || td->ustack_sp > td->ustack_top ||
        td->ustack_sp - limit < size_rounded)
        return 0;
    __builtin_ia32_lfence();
    td->ustack_sp -= size_rounded;
    return (void *)td->ustack_sp;
}

void sgx_ocfree(void) {
    sgx_thread_data_t *td = sgx_thread_data();
    td->ustack_sp = td->ustack_top;
}

uint64_t sgx_ocalloc_mark(void) { return sgx_thread_data()->ustack_sp; }

/* Frees everything allocated since `mark` (a value from sgx_ocalloc_mark). */
void sgx_ocalloc_release(uint64_t mark) {
    sgx_thread_data_t *td = sgx_thread_data();
    if (mark >= td->ustack_sp && mark <= td->ustack_top) td->ustack_sp = mark;
}

uint32_t sgx_ocall(uint32_t index, void *frame) {
    sgx_thread_data_t *td = sgx_thread_data();
    /* The frame must come from sgx_ocalloc: inside this level's validated untrusted stack. */
    if (frame && ((uint64_t)frame < td->ustack_sp || (uint64_t)frame >= td->ustack_top))
        return SGX_ERROR_INVALID_PARAMETER;
    /* While this OCALL is outstanding the host may make nested ECALLs on this TCS. */
    uint64_t saved_allowed = td->ocall_allowed, saved_index = td->ocall_index;
    td->ocall_allowed = 1;
    td->ocall_index = (uint64_t)index + 1;
    uint32_t status = (uint32_t)sgx_ocall_switch(td, index, frame);
    td->ocall_allowed = saved_allowed;
    td->ocall_index = saved_index;
    return status;
}

uint32_t sgx_ecall_nesting(uint32_t *pending_ocall) {
    sgx_thread_data_t *td = sgx_thread_data();
    if (td->depth > 1 && td->ocall_index > 0 && pending_ocall) *pending_ocall = (uint32_t)(td->ocall_index - 1);
    return (uint32_t)td->depth;
}

void sgx_relocate(void);
void sgx_heap_init(void *base, size_t size);
void sgx_print_flush(sgx_thread_data_t *td);

extern void (*__sgx_init_array_start[])(void) __attribute__((visibility("hidden")));
extern void (*__sgx_init_array_end[])(void) __attribute__((visibility("hidden")));

static uint32_t initialize(void) {
    uint32_t expected = 0;
    if (__atomic_compare_exchange_n(&sgx_runtime_state, &expected, SGX_STATE_INITIALIZING, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        const sgx_layout_t *layout = sgx_layout();
        if (layout->magic != SGX_LAYOUT_MAGIC) sgx_crash(SGX_CRASH_CORRUPT_STATE);
        sgx_relocate();
        sgx_heap_init((void *)(sgx_enclave_base() + layout->heap_offset), layout->heap_size);
        /* Static constructors (C/C++ code such as BoringSSL may have them). */
        for (void (**f)(void) = __sgx_init_array_start; f < __sgx_init_array_end; f++) (*f)();
        __atomic_store_n(&sgx_runtime_state, SGX_STATE_READY, __ATOMIC_RELEASE);
        return SGX_SUCCESS;
    }
    while ((expected = __atomic_load_n(&sgx_runtime_state, __ATOMIC_ACQUIRE)) == SGX_STATE_INITIALIZING) __builtin_ia32_pause();
    return expected == SGX_STATE_READY ? SGX_SUCCESS : SGX_ERROR_ENCLAVE_CRASHED;
}

/* Called by entry.S on the enclave stack for every ECALL and for INIT. */
uint64_t sgx_ecall_entry(sgx_thread_data_t *td, uint64_t op, void *arg, uint64_t ustack_top) {
    uint32_t state = __atomic_load_n(&sgx_runtime_state, __ATOMIC_ACQUIRE);
    if (state == SGX_STATE_CRASHED) return SGX_ERROR_ENCLAVE_CRASHED;
    uint64_t depth = td->depth;
    if (depth > 0 && !td->ocall_allowed) return SGX_ERROR_ECALL_NOT_ALLOWED;
    if (depth >= SGX_MAX_ECALL_DEPTH) return SGX_ERROR_STACK_OVERRUN;
    td->self = (uint64_t)td;
    if (state != SGX_STATE_READY) {
        uint32_t status = initialize();
        if (status != SGX_SUCCESS) return status;
    } else if (op == SGX_OP_INIT) {
        return SGX_ERROR_INVALID_STATE; /* INIT once: CPU features are fixed at load */
    }
    if (op == SGX_OP_INIT) {
        sgx_cpu_features_init(arg); /* the host's CPUID values (untrusted, masked by XFRM) */
        return SGX_SUCCESS;
    }
    if (op > 0x7fffffffULL) return SGX_ERROR_INVALID_FUNCTION;
    __builtin_ia32_lfence(); /* the dispatch bound: nothing runs on an unchecked index */
    uint32_t status = setup_ustack(td, ustack_top, depth);
    if (status != SGX_SUCCESS) return status;
    td->depth = depth + 1;
    uint64_t saved_allowed = td->ocall_allowed;
    td->ocall_allowed = 0;
    status = sgx_ecall_dispatch((uint32_t)op, arg);
    sgx_print_flush(td);
    td->ocall_allowed = saved_allowed;
    td->depth = depth;
    return status;
}
