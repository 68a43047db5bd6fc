/*
 * Simulation back end, host side: enters enclaves through sgx_sim_enter, runs OCALLs,
 * contains faults. No isolation: the "enclave" is memory in this process.
 */
#define _GNU_SOURCE
#include "CSGXHost.h"
#include <asm/prctl.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define ALTSTACK_SIZE (64u << 10)
#define MAX_ENCLAVES 256

uint64_t sgx_sim_enter(uint64_t tcs, uint64_t entry, uint64_t op, uint64_t arg, uint64_t ustack_top,
                       uint64_t out[3], uint64_t *frame_slot);
uint64_t sgx_sim_raw_enter(const sgx_sim_raw_entry_t *in, sgx_sim_raw_exit_t *out, uint64_t *frame_slot);
extern char sgx_sim_exit_point[];
extern char sgx_sim_raw_exit_point[];

#define MAX_BINDINGS 16
typedef struct binding { sgx_host_enclave_t *enclave; uint64_t id; int32_t tcs; } binding_t;

typedef struct thread_state {
    binding_t active[SGX_HOST_MAX_DEPTH]; /* TCS in use at each nesting depth */
    binding_t bound[MAX_BINDINGS];        /* TCSs kept by this thread (bound policy) */
    uint64_t frame_rbp;           /* innermost sgx_sim_enter frame */
    char *exit_point;             /* where a fault resumes: that frame's exit point */
    sgx_host_enclave_t *enclave;  /* innermost enclave this thread is in */
    int depth;
    int ready;
    uint64_t gsbase;
    void *altstack;
    void *ustacks[SGX_HOST_MAX_DEPTH];
} thread_state_t;

static __thread thread_state_t t_state;
static pthread_key_t g_thread_key;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static int g_has_fsgsbase;
static struct sigaction g_previous[32];
static sgx_host_enclave_t *volatile g_registry[MAX_ENCLAVES];
static pthread_mutex_t g_registry_lock = PTHREAD_MUTEX_INITIALIZER;
static __thread int t_errno;

static const int k_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};

/* The floating-point state the kernel restores on sigreturn, reset to the clean state:
   legacy region (x87 registers, FCW 0x037F, MXCSR 0x1F80, XMM zero) and, when the frame has
   an XSAVE header, every component past SSE (YMM/ZMM upper parts, ...) marked init. */
static void scrub_fpstate(ucontext_t *uc) {
    struct _libc_fpstate *fp = uc->uc_mcontext.fpregs;
    if (!fp) return;
    memset(fp, 0, sizeof *fp - sizeof fp->__glibc_reserved1);
    fp->cwd = 0x037f;
    fp->mxcsr = 0x1f80;
    fp->mxcr_mask = 0xffff;
    /* Linux: sw_reserved (bytes 464..511) starts with FP_XSTATE_MAGIC1 when an XSAVE area follows. */
    uint32_t magic;
    memcpy(&magic, (uint8_t *)fp + 464, sizeof magic);
    if (magic == 0x46505853u) {
        uint64_t *xstate_bv = (uint64_t *)((uint8_t *)fp + 512);
        *xstate_bv &= 3; /* x87 and SSE from the (zeroed) legacy region; the rest init */
    }
}

static void fault_handler(int sig, siginfo_t *info, void *raw) {
    ucontext_t *uc = raw;
    uint64_t rip = (uint64_t)uc->uc_mcontext.gregs[REG_RIP];
    thread_state_t *ts = &t_state;
    /* Ours only when this thread is inside an enclave and the fault is in its code. */
    sgx_host_enclave_t *e = ts->depth > 0 ? ts->enclave : 0;
    if (e && !(rip >= e->base && rip - e->base < e->size)) e = 0;
    if (e) {
        /* A fault inside the enclave: the enclave is dead. Resume the host at the exit point
           of the innermost EENTER as if the enclave had exited with "crashed", with the
           synthetic state an AEX leaves (SDM Vol. 3D 39.3): no enclave value in any GPR,
           vector or x87 register, flags cleared. */
        e->crash_reason = 0x100u | (uint64_t)sig;
        e->crash_address = (uint64_t)info->si_addr;
        __atomic_store_n(&e->crashed, 1, __ATOMIC_RELEASE);
        static const int scrubbed[] = {REG_RAX, REG_RBX, REG_RCX, REG_R8, REG_R9, REG_R10, REG_R11,
                                       REG_R12, REG_R13, REG_R14, REG_R15};
        for (unsigned i = 0; i < sizeof scrubbed / sizeof scrubbed[0]; i++) uc->uc_mcontext.gregs[scrubbed[i]] = 0;
        uc->uc_mcontext.gregs[REG_EFL] = 0x202;
        scrub_fpstate(uc);
        uc->uc_mcontext.gregs[REG_RBP] = (greg_t)ts->frame_rbp;
        uc->uc_mcontext.gregs[REG_RSP] = (greg_t)(ts->frame_rbp - 128);
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)(ts->exit_point ? ts->exit_point : sgx_sim_exit_point);
        uc->uc_mcontext.gregs[REG_RDI] = SGX_HOST_EXIT_CRASH;
        uc->uc_mcontext.gregs[REG_RSI] = (greg_t)(0x100u | (unsigned)sig);
        uc->uc_mcontext.gregs[REG_RDX] = 0;
        return;
    }
    /* Not ours: hand over to whoever was installed before us. */
    struct sigaction *previous = &g_previous[sig];
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction) { previous->sa_sigaction(sig, info, raw); return; }
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN) {
        previous->sa_handler(sig);
        return;
    }
    /* Default action: restore it; the faulting instruction runs again and gets it. */
    signal(sig, SIG_DFL);
}

static void release_bit(sgx_host_enclave_t *e, int32_t index) {
    __atomic_fetch_or(&e->tcs_free[index >> 6], 1ULL << (index & 63), __ATOMIC_RELEASE);
}

static void thread_exit(void *unused) {
    (void)unused;
    thread_state_t *ts = &t_state;
    /* Give bound TCSs back, if their enclave still exists. */
    pthread_mutex_lock(&g_registry_lock);
    for (int i = 0; i < MAX_BINDINGS; i++) {
        binding_t *b = &ts->bound[i];
        if (!b->enclave) continue;
        for (int s = 0; s < MAX_ENCLAVES; s++)
            if (g_registry[s] == b->enclave && b->enclave->id == b->id) { release_bit(b->enclave, b->tcs); break; }
        b->enclave = 0;
    }
    pthread_mutex_unlock(&g_registry_lock);
    if (ts->altstack) {
        stack_t disable = {.ss_flags = SS_DISABLE};
        sigaltstack(&disable, 0);
        munmap(ts->altstack, ALTSTACK_SIZE);
        ts->altstack = 0;
    }
    for (int i = 0; i < SGX_HOST_MAX_DEPTH; i++)
        if (ts->ustacks[i]) { munmap(ts->ustacks[i], SGX_HOST_USTACK_SIZE); ts->ustacks[i] = 0; }
}

static void install_once(void) {
    g_has_fsgsbase = (getauxval(AT_HWCAP2) & 2) != 0;
    pthread_key_create(&g_thread_key, thread_exit);
    for (unsigned i = 0; i < sizeof k_signals / sizeof k_signals[0]; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_sigaction = fault_handler;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        sigaction(k_signals[i], &action, &g_previous[k_signals[i]]);
    }
}

static int enter(sgx_host_enclave_t *e, uint64_t tcs, uint64_t td, uint64_t op, uint64_t frame,
                 sgx_host_ocall_fn ocall, void *context, uint32_t *status);
static uint64_t g_next_id = 1;

void sgx_host_tcs_reset(sgx_host_enclave_t *e) {
    for (int w = 0; w < 16; w++) e->tcs_free[w] = 0;
    for (uint32_t i = 0; i < e->tcs_count && i < 1024; i++) e->tcs_free[i >> 6] |= 1ULL << (i & 63);
}

static int32_t take_free(sgx_host_enclave_t *e) {
    int words = (int)((e->tcs_count + 63) / 64);
    for (int w = 0; w < words; w++) {
        uint64_t bits = __atomic_load_n(&e->tcs_free[w], __ATOMIC_ACQUIRE);
        while (bits) {
            int bit = __builtin_ctzll(bits);
            if (__atomic_compare_exchange_n(&e->tcs_free[w], &bits, bits & ~(1ULL << bit), 0,
                                            __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
                return w * 64 + bit;
        }
    }
    return -1;
}

int sgx_host_call(sgx_host_enclave_t *e, uint64_t op, uint64_t frame, sgx_host_ocall_fn ocall,
                  void *context, uint32_t *status) {
    thread_state_t *ts = &t_state;
    int32_t tcs = -1;
    int release = 0;
    /* Nested ECALL from an OCALL: stays on the TCS this thread already occupies. */
    for (int d = ts->depth - 1; d >= 0; d--)
        if (ts->active[d].enclave == e && ts->active[d].id == e->id) { tcs = ts->active[d].tcs; break; }
    if (tcs < 0 && e->bound_policy) {
        for (int i = 0; i < MAX_BINDINGS; i++)
            if (ts->bound[i].enclave == e && ts->bound[i].id == e->id) { tcs = ts->bound[i].tcs; break; }
        if (tcs < 0) {
            tcs = take_free(e);
            if (tcs < 0) return SGX_HOST_EXIT_OUT_OF_TCS;
            int slot = -1;
            for (int i = 0; i < MAX_BINDINGS && slot < 0; i++)
                if (!ts->bound[i].enclave) slot = i;
            if (slot < 0) release = 1; /* too many enclaves bound on this thread: act unbound */
            else ts->bound[slot] = (binding_t){e, e->id, tcs};
        }
    } else if (tcs < 0) {
        tcs = take_free(e);
        if (tcs < 0) return SGX_HOST_EXIT_OUT_OF_TCS;
        release = 1;
    }
    uint64_t tcs_address = e->first_tcs + (uint64_t)tcs * e->tcs_stride;
    int depth = ts->depth;
    if (depth < SGX_HOST_MAX_DEPTH) ts->active[depth] = (binding_t){e, e->id, tcs};
    int result = enter(e, tcs_address, tcs_address + e->thread_data_delta, op, frame, ocall, context, status);
    if (depth < SGX_HOST_MAX_DEPTH) ts->active[depth].enclave = 0;
    if (release) release_bit(e, tcs);
    return result;
}

int sgx_host_register(sgx_host_enclave_t *enclave) {
    pthread_once(&g_once, install_once);
    pthread_mutex_lock(&g_registry_lock);
    enclave->id = g_next_id++;
    for (int i = 0; i < MAX_ENCLAVES; i++) {
        if (!g_registry[i]) {
            enclave->slot = i;
            __atomic_store_n(&g_registry[i], enclave, __ATOMIC_RELEASE);
            pthread_mutex_unlock(&g_registry_lock);
            return 0;
        }
    }
    pthread_mutex_unlock(&g_registry_lock);
    return -1;
}

void sgx_host_unregister(sgx_host_enclave_t *enclave) {
    pthread_mutex_lock(&g_registry_lock);
    if (enclave->slot >= 0 && g_registry[enclave->slot] == enclave)
        __atomic_store_n(&g_registry[enclave->slot], (sgx_host_enclave_t *)0, __ATOMIC_RELEASE);
    enclave->slot = -1;
    pthread_mutex_unlock(&g_registry_lock);
}

static int prepare_thread(thread_state_t *ts) {
    if (ts->ready) return 0;
    stack_t current;
    if (sigaltstack(0, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
        void *stack = mmap(0, ALTSTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (stack == MAP_FAILED) return -1;
        stack_t alt = {.ss_sp = stack, .ss_size = ALTSTACK_SIZE, .ss_flags = 0};
        if (sigaltstack(&alt, 0) != 0) { munmap(stack, ALTSTACK_SIZE); return -1; }
        ts->altstack = stack;
    }
    pthread_setspecific(g_thread_key, (void *)1);
    ts->ready = 1;
    return 0;
}

/* The enclave finds its thread data through GS, as EENTER sets it from TCS.OGSBASE.
   Written only when it changes: a thread that keeps its TCS pays for it once. */
static inline void set_gs(thread_state_t *ts, uint64_t td) {
    if (ts->gsbase == td) return;
    if (g_has_fsgsbase) __asm__ volatile("wrgsbase %0" : : "r"(td) : "memory");
    else syscall(SYS_arch_prctl, ARCH_SET_GS, td);
    ts->gsbase = td;
}

static uint64_t ustack_top(thread_state_t *ts) {
    int depth = ts->depth;
    if (depth >= SGX_HOST_MAX_DEPTH) return 0;
    if (!ts->ustacks[depth]) {
        void *area = mmap(0, SGX_HOST_USTACK_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (area == MAP_FAILED) return 0;
        ts->ustacks[depth] = area;
    }
    return (uint64_t)ts->ustacks[depth] + SGX_HOST_USTACK_SIZE;
}

/* TCS.BUSY: EENTER sets it, EEXIT and AEX clear it; EENTER on a busy TCS faults (#GP). */
static int acquire_tcs(sgx_host_enclave_t *e, uint32_t index) {
    uint64_t bit = 1ULL << (index & 63);
    return (__atomic_fetch_or(&e->tcs_busy[index >> 6], bit, __ATOMIC_ACQ_REL) & bit) == 0;
}

static void release_tcs(sgx_host_enclave_t *e, uint32_t index) {
    __atomic_fetch_and(&e->tcs_busy[index >> 6], ~(1ULL << (index & 63)), __ATOMIC_RELEASE);
}

uint64_t sgx_host_tsc(void) {
    uint32_t lo, hi;
    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* The hardware-cost model: spin for the configured TSC ticks, on the host side, for one
   simulated transition. Off (one load and a branch) unless transition_cycles is set. */
static void model_transition(sgx_host_enclave_t *e) {
    uint64_t ticks = e->transition_cycles;
    if (__builtin_expect(ticks == 0, 1)) return;
    __atomic_fetch_add(&e->modeled_transitions, 1, __ATOMIC_RELAXED);
    uint64_t start = sgx_host_tsc();
    while (sgx_host_tsc() - start < ticks) __builtin_ia32_pause();
}

/* One simulated EENTER ... EEXIT on TCS `index`; returns the exit reason, or
   SGX_HOST_EXIT_TCS_BUSY without entering. With the cost model on, the entry and the exit
   (EEXIT, or the AEX of a fault) each cost transition_cycles. */
static uint64_t eenter(thread_state_t *ts, sgx_host_enclave_t *e, uint32_t index, uint64_t tcs, uint64_t op,
                       uint64_t arg, uint64_t ustack, uint64_t out[3]) {
    if (!acquire_tcs(e, index)) return SGX_HOST_EXIT_TCS_BUSY;
    model_transition(e);
    ts->exit_point = sgx_sim_exit_point;
    uint64_t reason = sgx_sim_enter(tcs, e->entry, op, arg, ustack, out, &ts->frame_rbp);
    model_transition(e);
    release_tcs(e, index);
    return reason;
}

static int enter(sgx_host_enclave_t *e, uint64_t tcs, uint64_t td, uint64_t op, uint64_t frame,
                 sgx_host_ocall_fn ocall, void *context, uint32_t *status) {
    if (__atomic_load_n(&e->crashed, __ATOMIC_ACQUIRE)) return SGX_HOST_EXIT_CRASH;
    thread_state_t *ts = &t_state;
    if (__builtin_expect(!ts->ready, 0)) {
        pthread_once(&g_once, install_once);
        if (prepare_thread(ts) != 0) { *status = 0x0003; return SGX_HOST_EXIT_NO_STACK; }
    }
    uint64_t top = ustack_top(ts);
    if (!top) { *status = 0x0003; return SGX_HOST_EXIT_NO_STACK; }
    uint32_t index = (uint32_t)((tcs - e->first_tcs) / e->tcs_stride);
    uint64_t saved_rbp = ts->frame_rbp;
    char *saved_exit = ts->exit_point;
    sgx_host_enclave_t *saved_enclave = ts->enclave;
    uint64_t saved_gs = ts->gsbase;
    ts->enclave = e;
    ts->depth++;
    set_gs(ts, td);
    uint64_t out[3];
    uint64_t reason = eenter(ts, e, index, tcs, op, frame, top, out);
    while (reason == SGX_HOST_EXIT_OCALL) {
        uint32_t result = ocall(context, (uint32_t)out[1], out[2]);
        if (__atomic_load_n(&e->crashed, __ATOMIC_ACQUIRE)) { reason = SGX_HOST_EXIT_CRASH; out[1] = e->crash_reason; break; }
        ts->enclave = e;
        set_gs(ts, td); /* a nested ECALL may have moved it */
        reason = eenter(ts, e, index, tcs, SGX_HOST_OP_ORET, result, 0, out);
    }
    ts->depth--;
    ts->enclave = saved_enclave;
    ts->frame_rbp = saved_rbp;
    ts->exit_point = saved_exit;
    if (ts->depth > 0) set_gs(ts, saved_gs);
    if (reason == SGX_HOST_EXIT_TCS_BUSY) return SGX_HOST_EXIT_TCS_BUSY;
    if (reason == SGX_HOST_EXIT_RETURN) {
        *status = (uint32_t)out[1];
        return SGX_HOST_EXIT_RETURN;
    }
    if (!__atomic_load_n(&e->crashed, __ATOMIC_ACQUIRE)) {
        e->crash_reason = out[1];
        __atomic_store_n(&e->crashed, 1, __ATOMIC_RELEASE);
    }
    return SGX_HOST_EXIT_CRASH;
}

static int has_avx(void) {
    uint32_t eax, ebx, ecx, edx;
    __asm__ volatile("cpuid" : "=a"(eax), "=b"(ebx), "=c"(ecx), "=d"(edx) : "a"(1), "c"(0));
    if (!(ecx & (1u << 27)) || !(ecx & (1u << 28))) return 0; /* OSXSAVE, AVX */
    uint32_t lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 6) == 6; /* the OS saves XMM and YMM state */
}

int sgx_sim_raw_call(sgx_host_enclave_t *e, uint32_t tcs_index, int as_if_interrupted,
                     sgx_sim_raw_entry_t *in, sgx_sim_raw_exit_t *out) {
    if (tcs_index >= e->tcs_count) return -1;
    thread_state_t *ts = &t_state;
    if (!ts->ready) {
        pthread_once(&g_once, install_once);
        if (prepare_thread(ts) != 0) return SGX_HOST_EXIT_NO_STACK;
    }
    uint64_t tcs = e->first_tcs + (uint64_t)tcs_index * e->tcs_stride;
    in->tcs = tcs;
    in->entry = e->entry;
    in->avx = (uint16_t)has_avx();
    memset(out, 0, sizeof *out);
    if (!as_if_interrupted && !acquire_tcs(e, tcs_index)) return SGX_HOST_EXIT_TCS_BUSY;
    uint64_t saved_rbp = ts->frame_rbp, saved_gs = ts->gsbase;
    char *saved_exit = ts->exit_point;
    sgx_host_enclave_t *saved_enclave = ts->enclave;
    ts->enclave = e;
    ts->depth++;
    ts->exit_point = sgx_sim_raw_exit_point;
    set_gs(ts, tcs + e->thread_data_delta);
    uint64_t reason = sgx_sim_raw_enter(in, out, &ts->frame_rbp);
    if (!as_if_interrupted) release_tcs(e, tcs_index);
    ts->depth--;
    ts->enclave = saved_enclave;
    ts->frame_rbp = saved_rbp;
    ts->exit_point = saved_exit;
    if (ts->depth > 0) set_gs(ts, saved_gs);
    if (reason == SGX_HOST_EXIT_CRASH && !__atomic_load_n(&e->crashed, __ATOMIC_ACQUIRE)) {
        e->crash_reason = out->gpr[6];
        __atomic_store_n(&e->crashed, 1, __ATOMIC_RELEASE);
    }
    return 0;
}

void *sgx_host_reserve(uint64_t size, uint64_t alignment) {
    /* Reserve twice the size and trim, so the base is naturally aligned as ECREATE needs. */
    uint64_t span = size + alignment;
    void *raw = mmap(0, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) { t_errno = errno; return 0; }
    uint64_t start = ((uint64_t)raw + alignment - 1) & ~(alignment - 1);
    if (start > (uint64_t)raw) munmap(raw, start - (uint64_t)raw);
    uint64_t end = (uint64_t)raw + span;
    if (end > start + size) munmap((void *)(start + size), end - (start + size));
    return (void *)start;
}

int sgx_host_protect(void *address, uint64_t size, int read, int write, int execute) {
    int prot = (read ? PROT_READ : 0) | (write ? PROT_WRITE : 0) | (execute ? PROT_EXEC : 0);
    if (mprotect(address, size, prot) != 0) { t_errno = errno; return -1; }
    return 0;
}

int sgx_host_release(void *address, uint64_t size) {
    if (munmap(address, size) != 0) { t_errno = errno; return -1; }
    return 0;
}

int sgx_host_last_errno(void) { return t_errno; }

__attribute__((noinline)) static uint64_t empty_function(uint64_t x) {
    __asm__ volatile("" : : : "memory");
    return x;
}
sgx_host_fn sgx_host_empty_function(void) { return empty_function; }
uint64_t sgx_host_call_through(sgx_host_fn fn, uint64_t arg) { return fn(arg); }
uint64_t sgx_host_call_empty(void) { return empty_function(0); }
