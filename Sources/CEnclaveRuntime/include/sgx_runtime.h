/*
 * swift-sgx trusted runtime: the ABI shared by the enclave entry code, the runtime's C
 * parts and (by the same offsets, restated in SGXTypes/EnclaveABI.swift) the host loader.
 *
 * Freestanding: no libc headers beyond the compiler's own.
 */
#ifndef SGX_RUNTIME_H
#define SGX_RUNTIME_H

/* Constants below are plain #defines so that entry.S includes this header too; C-only
   declarations sit inside #ifndef __ASSEMBLER__. Tests/SGXHostTests/ABIDriftTests.swift
   checks every SGX_* value here against SGXTypes/EnclaveABI.swift and CSGXHost.h. */
#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>
#endif

/* An unsigned 64-bit constant in C, a plain number in assembly. */
#ifdef __ASSEMBLER__
#define SGX_U64(x) x
#define SGX_U32(x) x
#else
#define SGX_U64(x) x##ULL
#define SGX_U32(x) x##U
#endif

#define SGX_PAGE_SIZE 4096

/* ---- Entry operations (rdi at EENTER) ------------------------------------------- */
/* 0 ... 0x7fffffff: user ECALL index, dispatched to sgx_ecall_dispatch.            */
#define SGX_OP_INIT SGX_U64(0xfffffffd)   /* first call after load: relocate, set up heap   */
#define SGX_OP_ORET SGX_U64(0xfffffffe)   /* return from an OCALL                           */

/* ---- Exit reasons (rdi at EEXIT) -------------------------------------------------- */
#define SGX_EXIT_RETURN SGX_U64(0)        /* rsi = sgx_status_t of the ECALL                */
#define SGX_EXIT_OCALL SGX_U64(1)         /* rsi = OCALL index, rdx = untrusted frame        */
#define SGX_EXIT_CRASH SGX_U64(2)         /* rsi = crash reason                             */

/* ---- Crash reasons ------------------------------------------------------------- */
#define SGX_CRASH_SWIFT_TRAP 1      /* fatalError, precondition, bounds, overflow      */
#define SGX_CRASH_ABORT 2           /* abort() from C (BoringSSL, runtime invariant)   */
#define SGX_CRASH_OUT_OF_MEMORY 3   /* heap exhausted                                 */
#define SGX_CRASH_STACK_OVERRUN 4   /* stack pointer outside this thread's stack       */
#define SGX_CRASH_BAD_RELOCATION 5  /* self-relocation found a malformed entry         */
#define SGX_CRASH_CORRUPT_STATE 6   /* runtime state inconsistent                      */
#define SGX_CRASH_BAD_ENTRY 7       /* EENTER with CSSA > 0: re-entry after an AEX       */

/* ---- Runtime state (sgx_runtime_state, runtime.c; read by entry.S) ------------------ */
#define SGX_STATE_UNINITIALIZED 0
#define SGX_STATE_INITIALIZING 1
#define SGX_STATE_READY 2
#define SGX_STATE_CRASHED 3

/* Nested ECALLs (inside an OCALL) are refused beyond this depth, and whenever less than
   SGX_NESTED_STACK_RESERVE bytes of enclave stack remain below the suspended frame. */
#define SGX_MAX_ECALL_DEPTH 32
#define SGX_NESTED_STACK_RESERVE 16384

/* ---- Runtime OCALLs (indices reserved for the SDK) -------------------------------- */
/* Declared in SGXTrusted/Runtime/swift_sgx_runtime.edl and generated like any EDL: index =
   SGX_OCALL_RUNTIME_BASE + position there. C reaches them through SGXTrusted's exported
   wrappers (sgx_print_ocall, sgx_sim_enclu_ocall). */
#define SGX_OCALL_RUNTIME_BASE SGX_U32(0x80000000)
#define SGX_ENCLU_EREPORT SGX_U32(0) /* leaf numbers of sgx_ocall_simulated_enclu (SDM Vol. 3D 38.1) */
#define SGX_ENCLU_EGETKEY SGX_U32(1)

/* ---- Status codes (Intel sgx_status_t) -------------------------------------------- */
#define SGX_SUCCESS SGX_U32(0x0000)
#define SGX_ERROR_UNEXPECTED SGX_U32(0x0001)
#define SGX_ERROR_INVALID_PARAMETER SGX_U32(0x0002)
#define SGX_ERROR_OUT_OF_MEMORY SGX_U32(0x0003)
#define SGX_ERROR_INVALID_STATE SGX_U32(0x0005)
#define SGX_ERROR_INVALID_FUNCTION SGX_U32(0x1001)
#define SGX_ERROR_ENCLAVE_CRASHED SGX_U32(0x1006)
#define SGX_ERROR_ECALL_NOT_ALLOWED SGX_U32(0x1007)
#define SGX_ERROR_OCALL_NOT_ALLOWED SGX_U32(0x1008)
#define SGX_ERROR_STACK_OVERRUN SGX_U32(0x1009)
#define SGX_ERROR_INVALID_ATTRIBUTE SGX_U32(0x3002)
#define SGX_ERROR_INVALID_CPUSVN SGX_U32(0x3003)
#define SGX_ERROR_INVALID_ISVSVN SGX_U32(0x3004)
#define SGX_ERROR_INVALID_KEYNAME SGX_U32(0x3005)

/* ---- Layout page: one measured page right after the image, written by the layout
 *      function (SGXImage.EnclaveLayout) and read by the runtime. Offsets are relative to
 *      the enclave base. ------------------------------------------------------------ */
#define SGX_LAYOUT_MAGIC SGX_U64(0x54554f59414c5853) /* "SXLAYOUT" */
#ifndef __ASSEMBLER__
typedef struct sgx_layout {
    uint64_t magic;           /* 0   */
    uint64_t enclave_size;    /* 8   ELRANGE size (power of two)                     */
    uint64_t heap_offset;     /* 16  */
    uint64_t heap_size;       /* 24  */
    uint64_t tcs_count;       /* 32  */
    uint64_t first_tcs_offset;/* 40  TCS i is at first_tcs_offset + i * tcs_stride  */
    uint64_t tcs_stride;      /* 48  */
    uint64_t ustack_size;     /* 56  size of each untrusted OCALL stack area          */
    uint64_t simulation;      /* 64  1 when the trusted instruction layer is simulated */
} sgx_layout_t;
#endif

/* ---- Thread data: one page per TCS; EENTER sets the GS base to it (TCS.OGSBASE), and
 *      the runtime reaches it only through GS (the TCS page itself has no EPCM
 *      permissions). Fields marked (m) are measured initial values written by the layout
 *      function; the rest start zero. Offsets for entry.S: ------------------------- */
#define TD_SELF 0
#define TD_HOST_RSP 8
#define TD_HOST_RBP 16
#define TD_HOST_RET 24
#define TD_STACK_TOP 32
#define TD_STACK_LIMIT 40
#define TD_OCALL_RSP 48
#define TD_USTACK_TOP 56
#define TD_USTACK_SP 64
#define TD_DEPTH 72
#define TD_SELF_OFFSET 120
#define TD_USTACK_LIMIT 128
#ifndef __ASSEMBLER__
typedef struct sgx_thread_data {
    uint64_t self;            /* 0   absolute address of this page (set on entry)      */
    uint64_t host_rsp;        /* 8   host stack at the current (innermost) EENTER      */
    uint64_t host_rbp;        /* 16  */
    uint64_t host_ret;        /* 24  where EEXIT returns to                           */
    uint64_t stack_top;       /* 32  (m) offset of the top of this thread's stack      */
    uint64_t stack_limit;     /* 40  (m) offset of the lowest stack byte               */
    uint64_t ocall_rsp;       /* 48  enclave rsp of the suspended OCALL, 0 if none     */
    uint64_t ustack_top;      /* 56  untrusted OCALL stack of this entry (absolute)    */
    uint64_t ustack_sp;       /* 64  current allocation point in it                   */
    uint64_t depth;           /* 72  active ECALL frames (nesting)                     */
    uint64_t tcs_offset;      /* 80  (m) */
    uint64_t index;           /* 88  (m) TCS index                                    */
    int32_t errno_value;      /* 96  per-thread errno                                 */
    uint32_t print_len;       /* 100 bytes buffered in print_buf                      */
    uint64_t ocall_allowed;   /* 104 nonzero while an OCALL permits nested ECALLs     */
    uint64_t ocall_index;     /* 112 index + 1 of the outstanding OCALL, 0 if none     */
    uint64_t self_offset;     /* 120 (m) offset of this page from the enclave base      */
    uint64_t ustack_limit;    /* 128 lowest byte of the validated untrusted stack range */
    uint64_t reserved[46];    /* 136 .. 504 */
    void *tls_slots[64];      /* 504 thread-local slots (SGXTrusted ThreadLocal);     */
                              /*     48..63 are pthread keys (pthread.c, BoringSSL)   */
    char print_buf[1024];     /* 1016 */
} sgx_thread_data_t;

#define SGX_TLS_PTHREAD_FIRST_SLOT 48 /* tls_slots[48..63]: pthread_key_create keys   */

_Static_assert(sizeof(sgx_thread_data_t) <= SGX_PAGE_SIZE, "thread data fits a page");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, errno_value) == 96, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, tls_slots) == 504, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, self) == TD_SELF, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, host_rsp) == TD_HOST_RSP, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, host_rbp) == TD_HOST_RBP, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, host_ret) == TD_HOST_RET, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, stack_top) == TD_STACK_TOP, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, stack_limit) == TD_STACK_LIMIT, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, ocall_rsp) == TD_OCALL_RSP, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, ustack_top) == TD_USTACK_TOP, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, ustack_sp) == TD_USTACK_SP, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, depth) == TD_DEPTH, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, self_offset) == TD_SELF_OFFSET, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, ustack_limit) == TD_USTACK_LIMIT, "abi");
#endif

/* ---- Config section (.sgx_config): see SGXTypes/EnclaveConfig.swift --------------- */
#define SGX_CONFIG_SIZE 128
#define SGX_CONFIG_XFRM_OFFSET 72   /* ATTRIBUTES.XFRM (u64) inside the config        */

/* ---- CPU features: frame of SGX_OP_INIT (host CPUID values, untrusted) ------------- */
#define SGX_CPU_FEATURES_MAGIC SGX_U64(0x4449555043585353) /* "SSXCPUID" */
#ifndef __ASSEMBLER__
typedef struct sgx_cpu_features_frame {
    uint64_t magic;           /* 0  SGX_CPU_FEATURES_MAGIC                            */
    uint32_t leaf1_ecx;       /* 8  CPUID.1:ECX                                       */
    uint32_t leaf1_edx;       /* 12 CPUID.1:EDX (bit 30 set by the host: Intel CPU)   */
    uint32_t leaf7_ebx;       /* 16 CPUID.(7,0):EBX                                   */
    uint32_t leaf7_ecx;       /* 20 CPUID.(7,0):ECX                                   */
    uint32_t leaf13_1_eax;    /* 24 CPUID.(0DH,1):EAX (bit 2: XGETBV with ECX = 1)   */
    uint32_t reserved;        /* 28 zero                                              */
} sgx_cpu_features_frame_t;
_Static_assert(sizeof(sgx_cpu_features_frame_t) == 32, "abi");

/* Takes the first valid frame handed in at INIT; later calls are ignored. */
void sgx_cpu_features_init(const void *untrusted_frame);
/* BoringSSL order: CPUID.1:EDX, CPUID.1:ECX, CPUID.7:EBX, CPUID.7:ECX, masked by XFRM
   (all zero when the host gave none). */
void sgx_cpu_features(uint32_t out[4]);

/* ---- Runtime services for trusted code -------------------------------------------- */
/* The runtime state (SGX_STATE_*); entry.S refuses every entry once it is CRASHED. */
extern volatile uint32_t sgx_runtime_state __attribute__((visibility("hidden")));
/* A 64-byte aligned XSAVE image of the clean CPU state (cpu_state.c): XSTATE_BV = 0 (every
   component in its init state: x87 FCW 0x037F, vector registers zero) and MXCSR 0x1F80.
   entry.S loads it with XRSTOR when the fast path below cannot prove the state clean. */
extern const unsigned char sgx_clean_xsave[576] __attribute__((visibility("hidden")));
/* The fast path of entry.S's vector-state scrub (cpu_state.c): nonzero once INIT has
   established that XGETBV(ECX=1) exists and the XFRM enables AVX; the mask holds the XFRM
   components other than SSE and AVX, which must all be in their init state (XINUSE bit
   clear) for VZEROALL + LDMXCSR to leave a state equal to the clean image. */
extern uint32_t sgx_xstate_fast __attribute__((visibility("hidden")));
extern uint32_t sgx_xstate_fast_mask __attribute__((visibility("hidden")));
/* leaf13_1_eax: CPUID.(0DH,1):EAX as the host reported it; xfrm: the measured XFRM
   (cpu_features.c reads it from the enclave config). */
void sgx_xstate_fast_init(uint32_t leaf13_1_eax, uint64_t xfrm);
/* LFENCE: the speculation barrier placed after every check of a host-supplied range,
   index or size (bounds-check bypass, CVE-2017-5753 / the edger8r CVE-2018-3626 class). */
void sgx_lfence(void);
extern const unsigned char __sgx_enclave_base[] __attribute__((visibility("hidden")));  /* enclave base (linker script): the image starts at offset 0 */

sgx_thread_data_t *sgx_thread_data(void);
const sgx_layout_t *sgx_layout(void);
uintptr_t sgx_enclave_base(void);
uint64_t sgx_enclave_size(void);

/* 1 when [p, p+n) lies wholly inside / outside ELRANGE (n == 0 counts as 1 byte). */
int sgx_is_within_enclave(const void *p, size_t n);
int sgx_is_outside_enclave(const void *p, size_t n);

/* OCALLs: frames come from the per-entry untrusted stack. */
void *sgx_ocalloc(size_t size);
void sgx_ocfree(void);
uint64_t sgx_ocalloc_mark(void);
void sgx_ocalloc_release(uint64_t mark);
uint32_t sgx_ocall(uint32_t index, void *untrusted_frame);

/* At the start of an ECALL: 1 for a top-level ECALL; for an ECALL nested inside an OCALL,
   the nesting depth (> 1), with *pending_ocall set to the index of the OCALL it is nested
   in. Generated bridges use it to enforce EDL public/allow() rules. */
uint32_t sgx_ecall_nesting(uint32_t *pending_ocall);

/* ENCLU[EREPORT] and ENCLU[EGETKEY] (one back end per mode: enclu_sim.c, enclu_hw.c).
   Operands are enclave memory of the architectural sizes, any alignment: TARGETINFO 512,
   REPORTDATA 64, REPORT 432 out; KEYREQUEST 512, key 16 out. Return an sgx_status_t. */
uint32_t sgx_enclu_ereport(const void *target_info, const void *report_data, void *report);
uint32_t sgx_enclu_egetkey(const void *key_request, void *key);

/* Zeroes n bytes at p; never optimised away (zeroize.c). */
void sgx_zeroize(void *p, size_t n);

/* Enclave death: marks the enclave crashed and leaves; never returns. */
__attribute__((noreturn)) void sgx_crash(uint64_t reason);

/* Entry-code internals (entry.S). */
uint64_t sgx_ocall_switch(sgx_thread_data_t *td, uint64_t index, void *frame);
__attribute__((noreturn)) void sgx_crash_exit(sgx_thread_data_t *td, uint64_t reason);

/* Provided by the enclave's Swift code (EDL-generated bridge or SGXTrusted.ECallTable). */
uint32_t sgx_ecall_dispatch(uint32_t index, void *untrusted_frame);

#endif /* __ASSEMBLER__ */
#endif
