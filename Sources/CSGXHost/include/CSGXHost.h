/*
 * Host side of the simulation back end: the EENTER stub, the ECALL/OCALL loop, fault
 * containment (signal handler on an alternate stack) and the GS base of each thread.
 */
#ifndef CSGXHOST_H
#define CSGXHOST_H
#include <stdint.h>
#include <stddef.h>

/* Values shared with the enclave ABI (SGXTypes/EnclaveABI.swift; ABIDriftTests checks). */
#define SGX_HOST_OP_ORET 0xfffffffeULL
#define SGX_HOST_EXIT_RETURN 0
#define SGX_HOST_EXIT_OCALL 1
#define SGX_HOST_EXIT_CRASH 2

/* Called for each OCALL: returns the status handed back to the enclave. */
typedef uint32_t (*sgx_host_ocall_fn)(void *context, uint32_t index, uint64_t frame);

/* Per-enclave state shared with the fault handler. */
typedef struct sgx_host_enclave {
    uint64_t base;
    uint64_t size;
    uint64_t entry;             /* absolute address of enclave_entry */
    volatile uint32_t crashed;  /* set once, never cleared */
    volatile uint64_t crash_reason;
    volatile uint64_t crash_address;
    int32_t slot;               /* registry slot, -1 when unregistered */
    uint64_t id;                /* unique per load, assigned by sgx_host_register */
    /* TCS geometry (absolute addresses) and policy, from the layout. */
    uint64_t first_tcs;
    uint64_t tcs_stride;
    uint64_t thread_data_delta; /* thread data = TCS + delta */
    uint32_t tcs_count;
    uint32_t bound_policy;      /* 1: a host thread keeps its TCS until it exits */
    volatile uint64_t tcs_free[16]; /* bit set = TCS free; up to 1024 TCSs */
    volatile uint64_t tcs_busy[16]; /* bit set = a thread is inside on this TCS (TCS.BUSY) */
    /* Hardware-cost model (opt-in, 0 = off): TSC ticks spent on the host side of every
       simulated EENTER (ECALL entry and OCALL return) and every exit (EEXIT or AEX), and
       how many such transitions were modelled. A model of SGX hardware, not a measurement. */
    volatile uint64_t transition_cycles;
    volatile uint64_t modeled_transitions;
} sgx_host_enclave_t;
/* The time-stamp counter (RDTSC; host code only, never in an enclave image). */
uint64_t sgx_host_tsc(void);

#define SGX_HOST_EXIT_OUT_OF_TCS 4
/* EENTER on a TCS that a thread is inside: the hardware raises #GP, the simulator refuses. */
#define SGX_HOST_EXIT_TCS_BUSY 5

/* Marks all TCSs free; call once after filling the geometry. */
void sgx_host_tcs_reset(sgx_host_enclave_t *enclave);

/* One ECALL: picks the TCS (the one this thread is already on for a nested ECALL, the
   thread's bound TCS, or a free one), enters, runs OCALLs, returns SGX_HOST_EXIT_*. */
int sgx_host_call(sgx_host_enclave_t *enclave, uint64_t op, uint64_t frame, sgx_host_ocall_fn ocall,
                  void *context, uint32_t *status);

/* Registers the enclave's range with the fault handler (installing it on first use).
   Returns 0, or -1 when the registry is full. */
int sgx_host_register(sgx_host_enclave_t *enclave);
void sgx_host_unregister(sgx_host_enclave_t *enclave);


/* Returned by sgx_host_ecall when the thread cannot get an untrusted stack (nesting too
   deep or out of memory); *status is then set to SGX_ERROR_OUT_OF_MEMORY. */
#define SGX_HOST_EXIT_NO_STACK 3

/* ---- Test-only raw entry (sim_raw_enter.S): one simulated EENTER with CPU state chosen by
 *      the caller, and every register recorded right after EEXIT. ------------------- */
typedef struct sgx_sim_raw_entry {
    uint64_t tcs;        /* 0   set by sgx_sim_raw_call from the TCS index             */
    uint64_t entry;      /* 8   set by sgx_sim_raw_call                                */
    uint64_t rdi;        /* 16  operation                                              */
    uint64_t rsi;        /* 24  argument                                               */
    uint64_t rdx;        /* 32  untrusted stack top                                    */
    uint64_t rax;        /* 40  CSSA as EENTER delivers it                             */
    uint64_t rflags;     /* 48  loaded with POPF right before entry (DF, AC, ...)      */
    uint32_t mxcsr;      /* 56  */
    uint16_t fcw;        /* 60  x87 control word                                       */
    uint16_t avx;        /* 62  set by sgx_sim_raw_call: YMM upper halves are recorded  */
    uint64_t poison;     /* 64  every other GPR and every XMM/YMM lane at entry         */
} sgx_sim_raw_entry_t;

typedef struct sgx_sim_raw_exit {
    uint64_t gpr[16];    /* 0   rax rcx rdx rbx rsp rbp rsi rdi r8 ... r15              */
    uint64_t rflags;     /* 128 */
    uint32_t mxcsr;      /* 136 */
    uint16_t fcw;        /* 140 */
    uint16_t reserved;
    uint8_t xmm[16][16]; /* 144 */
    uint8_t ymm_high[16][16]; /* 400 upper 128 bits of YMM0-15 (zero without AVX)    */
    uint8_t st[8][16];   /* 656 x87 ST0-ST7 / MM0-MM7 as FXSAVE stores them (80 bits each) */
    uint16_t fsw;        /* 784 x87 status word                                         */
    uint8_t ftw;         /* 786 x87 tag word, FXSAVE's abridged form (bit set = valid)  */
    uint8_t reserved2[5];
} sgx_sim_raw_exit_t;

/* Enters TCS `tcs_index` once with `in` (tcs, entry and avx are filled in here) and fills
   `out`. Unless `as_if_interrupted`, the TCS must not be busy (SGX_HOST_EXIT_TCS_BUSY);
   with it, the entry models the host re-entering a TCS whose thread an AEX interrupted
   (the busy bit is left alone). No OCALL is served: an OCALL exit is returned as is, and
   the caller answers it with another raw entry (op ORET). A crash exit or a fault marks
   the enclave crashed, as in sgx_host_call. Returns 0 or SGX_HOST_EXIT_*; -1 for a bad
   TCS index. */
int sgx_sim_raw_call(sgx_host_enclave_t *enclave, uint32_t tcs_index, int as_if_interrupted,
                     sgx_sim_raw_entry_t *in, sgx_sim_raw_exit_t *out);

/* Memory helpers (mmap/mprotect/munmap with errno captured). */
void *sgx_host_reserve(uint64_t size, uint64_t alignment);
int sgx_host_protect(void *address, uint64_t size, int read, int write, int execute);
int sgx_host_release(void *address, uint64_t size);
int sgx_host_last_errno(void);

/* Size of each untrusted OCALL stack area (EnclaveABI.untrustedStackSize). */
#define SGX_HOST_USTACK_SIZE (256u << 10)
#define SGX_HOST_MAX_DEPTH 32

/* Direct call through a function pointer: the benchmark's baseline. */
uint64_t sgx_host_call_empty(void);
typedef uint64_t (*sgx_host_fn)(uint64_t);
uint64_t sgx_host_call_through(sgx_host_fn fn, uint64_t arg);
sgx_host_fn sgx_host_empty_function(void);

/* CPUID values for the enclave's SGX_OP_INIT frame (same layout as the enclave's
   sgx_cpu_features_frame_t). */
#define SGX_HOST_CPU_FEATURES_MAGIC 0x4449555043585353ULL /* "SSXCPUID" */
typedef struct sgx_host_cpu_features {
    uint64_t magic;
    uint32_t leaf1_ecx;
    uint32_t leaf1_edx;
    uint32_t leaf7_ebx;
    uint32_t leaf7_ecx;
    uint32_t leaf13_1_eax; /* CPUID.(0DH,1):EAX (bit 2: XGETBV with ECX = 1) */
    uint32_t reserved;
} sgx_host_cpu_features_t;
void sgx_host_cpu_features(sgx_host_cpu_features_t *out);

#endif
