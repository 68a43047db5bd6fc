/*
 * swift-sgx trusted runtime: the ABI shared by the enclave entry code, the runtime's C
 * parts and (by the same offsets, restated in SGXTypes/EnclaveABI.swift) the host loader.
 *
 * Freestanding: no libc headers beyond the compiler's own.
 */
#ifndef SGX_RUNTIME_H
#define SGX_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#define SGX_PAGE_SIZE 4096ULL

/* ---- Entry operations (rdi at EENTER) ------------------------------------------- */
/* 0 ... 0x7fffffff: user ECALL index, dispatched to sgx_ecall_dispatch.            */
#define SGX_OP_INIT 0xfffffffdULL   /* first call after load: relocate, set up heap   */
#define SGX_OP_ORET 0xfffffffeULL   /* return from an OCALL                           */

/* ---- Exit reasons (rdi at EEXIT) -------------------------------------------------- */
#define SGX_EXIT_RETURN 0ULL        /* rsi = sgx_status_t of the ECALL                */
#define SGX_EXIT_OCALL 1ULL         /* rsi = OCALL index, rdx = untrusted frame        */
#define SGX_EXIT_CRASH 2ULL         /* rsi = crash reason                             */

/* ---- Crash reasons ------------------------------------------------------------- */
#define SGX_CRASH_SWIFT_TRAP 1      /* fatalError, precondition, bounds, overflow      */
#define SGX_CRASH_ABORT 2           /* abort() from C (BoringSSL, runtime invariant)   */
#define SGX_CRASH_OUT_OF_MEMORY 3   /* heap exhausted                                 */
#define SGX_CRASH_STACK_OVERRUN 4   /* stack pointer outside this thread's stack       */
#define SGX_CRASH_BAD_RELOCATION 5  /* self-relocation found a malformed entry         */
#define SGX_CRASH_CORRUPT_STATE 6   /* runtime state inconsistent                      */

/* ---- Runtime OCALLs (indices reserved for the SDK) -------------------------------- */
/* Declared in SGXTrusted/Runtime/swift_sgx_runtime.edl and generated like any EDL: index =
   SGX_OCALL_RUNTIME_BASE + position there. C reaches them through SGXTrusted's exported
   wrappers (sgx_print_ocall, sgx_sim_enclu_ocall). */
#define SGX_OCALL_RUNTIME_BASE 0x80000000U
#define SGX_ENCLU_EREPORT 0U /* leaf numbers of sgx_ocall_simulated_enclu (SDM Vol. 3D 38.1) */
#define SGX_ENCLU_EGETKEY 1U

/* ---- Status codes (Intel sgx_status_t) -------------------------------------------- */
#define SGX_SUCCESS 0x0000U
#define SGX_ERROR_UNEXPECTED 0x0001U
#define SGX_ERROR_INVALID_PARAMETER 0x0002U
#define SGX_ERROR_OUT_OF_MEMORY 0x0003U
#define SGX_ERROR_INVALID_STATE 0x0005U
#define SGX_ERROR_INVALID_FUNCTION 0x1001U
#define SGX_ERROR_ENCLAVE_CRASHED 0x1006U
#define SGX_ERROR_ECALL_NOT_ALLOWED 0x1007U
#define SGX_ERROR_OCALL_NOT_ALLOWED 0x1008U
#define SGX_ERROR_INVALID_ATTRIBUTE 0x3002U
#define SGX_ERROR_INVALID_CPUSVN 0x3003U
#define SGX_ERROR_INVALID_ISVSVN 0x3004U
#define SGX_ERROR_INVALID_KEYNAME 0x3005U

/* ---- Layout page: one measured page right after the image, written by the layout
 *      function (SGXSign.EnclaveLayout) and read by the runtime. Offsets are relative to
 *      the enclave base. ------------------------------------------------------------ */
#define SGX_LAYOUT_MAGIC 0x54554f59414c5853ULL /* "SXLAYOUT" */
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

/* ---- Thread data: one page per TCS, TCS.OGSBASE points at it. Fields marked (m) are
 *      measured initial values written by the layout function; the rest start zero. -- */
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
    uint64_t reserved[48];    /* 120 .. 504 */
    void *tls_slots[64];      /* 504 thread-local slots (SGXTrusted ThreadLocal);     */
                              /*     48..63 are pthread keys (pthread.c, BoringSSL)   */
    char print_buf[1024];     /* 1016 */
} sgx_thread_data_t;

#define SGX_TLS_PTHREAD_FIRST_SLOT 48 /* tls_slots[48..63]: pthread_key_create keys   */

_Static_assert(sizeof(sgx_thread_data_t) <= SGX_PAGE_SIZE, "thread data fits a page");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, errno_value) == 96, "abi");
_Static_assert(__builtin_offsetof(sgx_thread_data_t, tls_slots) == 504, "abi");

/* ---- Config section (.sgx_config): see SGXTypes/EnclaveConfig.swift --------------- */
#define SGX_CONFIG_SIZE 128
#define SGX_CONFIG_XFRM_OFFSET 72   /* ATTRIBUTES.XFRM (u64) inside the config        */

/* ---- CPU features: frame of SGX_OP_INIT (host CPUID values, untrusted) ------------- */
#define SGX_CPU_FEATURES_MAGIC 0x4449555043585353ULL /* "SSXCPUID" */
typedef struct sgx_cpu_features_frame {
    uint64_t magic;           /* 0  SGX_CPU_FEATURES_MAGIC                            */
    uint32_t leaf1_ecx;       /* 8  CPUID.1:ECX                                       */
    uint32_t leaf1_edx;       /* 12 CPUID.1:EDX (bit 30 set by the host: Intel CPU)   */
    uint32_t leaf7_ebx;       /* 16 CPUID.(7,0):EBX                                   */
    uint32_t leaf7_ecx;       /* 20 CPUID.(7,0):ECX                                   */
} sgx_cpu_features_frame_t;
_Static_assert(sizeof(sgx_cpu_features_frame_t) == 24, "abi");

/* Takes the first valid frame handed in at INIT; later calls are ignored. */
void sgx_cpu_features_init(const void *untrusted_frame);
/* BoringSSL order: CPUID.1:EDX, CPUID.1:ECX, CPUID.7:EBX, CPUID.7:ECX, masked by XFRM
   (all zero when the host gave none). */
void sgx_cpu_features(uint32_t out[4]);

/* ---- Runtime services for trusted code -------------------------------------------- */
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

#endif
