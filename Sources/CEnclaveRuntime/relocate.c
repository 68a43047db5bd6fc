/*
 * Self-relocation on first entry. The image is linked at address 0 as a static PIE whose
 * only dynamic relocations are R_X86_64_RELATIVE; the enclave applies them itself so that
 * the measured pages never depend on the load address (on hardware the host cannot write
 * measured pages after EADD/EEXTEND anyway).
 */
#include "sgx_runtime.h"

#define DT_NULL 0
#define DT_RELA 7
#define DT_RELASZ 8
#define DT_RELAENT 9
#define DT_RELACOUNT 0x6ffffff9
#define R_X86_64_RELATIVE 8

typedef struct { int64_t tag; uint64_t val; } elf_dyn_t;
typedef struct { uint64_t offset; uint64_t info; int64_t addend; } elf_rela_t;

extern elf_dyn_t _DYNAMIC[] __attribute__((visibility("hidden")));

void sgx_relocate(void) {
    uintptr_t base = sgx_enclave_base();
    uint64_t rela = 0, relasz = 0, relaent = sizeof(elf_rela_t);
    for (elf_dyn_t *d = _DYNAMIC; d->tag != DT_NULL; d++) {
        if (d->tag == DT_RELA) rela = d->val;
        else if (d->tag == DT_RELASZ) relasz = d->val;
        else if (d->tag == DT_RELAENT) relaent = d->val;
    }
    if (relaent != sizeof(elf_rela_t)) sgx_crash(SGX_CRASH_BAD_RELOCATION);
    uint64_t image_size = (uint64_t)((uintptr_t)sgx_layout() - base);
    for (uint64_t off = 0; off < relasz; off += relaent) {
        const elf_rela_t *r = (const elf_rela_t *)(base + rela + off);
        if ((uint32_t)r->info != R_X86_64_RELATIVE || r->offset > image_size - 8)
            sgx_crash(SGX_CRASH_BAD_RELOCATION);
        *(uint64_t *)(base + r->offset) = base + (uint64_t)r->addend;
    }
}
