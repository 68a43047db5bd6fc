/*
 * Glue for the Linux in-kernel SGX driver back end (SGXLinuxDriver): the uapi structures
 * of the kernel's arch/x86/include/uapi/asm/sgx.h (kernel >= 5.11), restated here under
 * our own names so that the build does not depend on the installed kernel headers; thin
 * syscall wrappers that return -errno instead of touching errno; the call into
 * __vdso_sgx_enter_enclave; CPUID for `swift-sgx doctor`.
 *
 * The ioctl request numbers are computed in Swift (DriverUAPI.swift) from these
 * structures' sizes; Tests/SGXLinuxDriverTests pins every size, offset and number to the
 * kernel's values, and to <asm/sgx.h> itself where it is installed.
 */
#ifndef CSGXLINUXDRIVER_H
#define CSGXLINUXDRIVER_H

#include <stddef.h>
#include <stdint.h>

/* ---- uapi structures (asm/sgx.h) ------------------------------------------------- */

/* struct sgx_enclave_create: argument of SGX_IOC_ENCLAVE_CREATE (ECREATE). */
typedef struct csgx_enclave_create {
    uint64_t src;      /* 0  address of a 4096-byte SECS page */
} csgx_enclave_create_t;

/* struct sgx_enclave_add_pages: argument of SGX_IOC_ENCLAVE_ADD_PAGES (EADD [+ EEXTEND]). */
typedef struct csgx_enclave_add_pages {
    uint64_t src;      /* 0  page-aligned address of the page contents */
    uint64_t offset;   /* 8  page offset from the enclave base */
    uint64_t length;   /* 16 bytes, a multiple of 4096 */
    uint64_t secinfo;  /* 24 address of a 64-byte SECINFO */
    uint64_t flags;    /* 32 SGX_PAGE_MEASURE (1): EEXTEND every 256-byte chunk */
    uint64_t count;    /* 40 out: bytes added so far */
} csgx_enclave_add_pages_t;

/* struct sgx_enclave_init: argument of SGX_IOC_ENCLAVE_INIT (EINIT). */
typedef struct csgx_enclave_init {
    uint64_t sigstruct; /* 0  address of a 1808-byte SIGSTRUCT */
} csgx_enclave_init_t;

/* struct sgx_enclave_provision: argument of SGX_IOC_ENCLAVE_PROVISION. */
typedef struct csgx_enclave_provision {
    uint64_t fd;       /* 0  open file descriptor of /dev/sgx_provision */
} csgx_enclave_provision_t;

/* struct sgx_enclave_run: the execution context of __vdso_sgx_enter_enclave. */
typedef struct csgx_enclave_run {
    uint64_t tcs;                  /* 0   TCS to enter (absolute address) */
    uint32_t function;             /* 8   out: last ENCLU leaf (EENTER 2, ERESUME 3, EEXIT 4) */
    uint16_t exception_vector;     /* 12  out: vector of an exception inside the enclave */
    uint16_t exception_error_code; /* 14  out */
    uint64_t exception_addr;       /* 16  out: faulting address */
    uint64_t user_handler;         /* 24  optional exit handler (not used: 0) */
    uint64_t user_data;            /* 32 */
    uint8_t reserved[216];         /* 40  must be zero */
} csgx_enclave_run_t;

_Static_assert(sizeof(csgx_enclave_create_t) == 8, "uapi");
_Static_assert(sizeof(csgx_enclave_add_pages_t) == 48, "uapi");
_Static_assert(sizeof(csgx_enclave_init_t) == 8, "uapi");
_Static_assert(sizeof(csgx_enclave_provision_t) == 8, "uapi");
_Static_assert(sizeof(csgx_enclave_run_t) == 256, "uapi");
_Static_assert(offsetof(csgx_enclave_run_t, exception_addr) == 16, "uapi");
_Static_assert(offsetof(csgx_enclave_run_t, reserved) == 40, "uapi");

/* ---- Syscalls: each returns its result, or -errno on failure ---------------------- */

/* open(path, O_RDWR | O_CLOEXEC). */
int csgx_open_device(const char *path);
/* access(path, mode): 0 or -errno. mode: R_OK 4, W_OK 2, F_OK 0. */
int csgx_access(const char *path, int mode);
int csgx_close(int fd);
/* ioctl(fd, request, argument): 0 (or the kernel's positive return) or -errno. */
long csgx_ioctl(int fd, unsigned long request, void *argument);
/* mmap(NULL, size + alignment, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_NORESERVE), trimmed to
   a size-byte range aligned to `alignment`. Writes the address to *out; 0 or -errno. */
int csgx_reserve(uint64_t size, uint64_t alignment, uint64_t *out);
/* mmap(address, length, prot, MAP_SHARED | MAP_FIXED, fd, 0): 0 or -errno. */
int csgx_map_device(uint64_t address, uint64_t length, int read, int write, int execute, int fd);
/* mmap(NULL, length, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS): 0 or -errno. */
int csgx_map_anonymous(uint64_t length, uint64_t *out);
int csgx_unmap(uint64_t address, uint64_t length);

/* getauxval(AT_SYSINFO_EHDR): the vDSO's ELF header in this process, or 0. */
uint64_t csgx_vdso_base(void);

/* CPUID(leaf, subleaf) into out[4] = eax, ebx, ecx, edx. Returns 0 when `leaf` is above the
   highest basic leaf (out zeroed), 1 otherwise. */
int csgx_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]);

/* dlopen(name, RTLD_LAZY | RTLD_LOCAL) then dlclose: 1 when the library loads. */
int csgx_library_loads(const char *name);

/* ---- Entry through the vDSO (vdso_enter.S) ---------------------------------------- */

/* Calls __vdso_sgx_enter_enclave(regs[0], regs[1], regs[2], function, 0, 0, run) at
   `vdso_function` and writes the values of RDI, RSI and RDX after the enclave's EEXIT back
   into regs[0..2] (the runtime's exit reason and values). Saves and restores RBX, RBP,
   R12-R15, the MXCSR control bits and the x87 control word around the call and clears
   RFLAGS.DF afterwards, because the vDSO passes the enclave's values of those through.
   Returns the vDSO's return value (0, or -EINVAL / -EFAULT). */
int csgx_vdso_enter(uint64_t vdso_function, uint64_t regs[3], uint32_t function, csgx_enclave_run_t *run);

#endif
