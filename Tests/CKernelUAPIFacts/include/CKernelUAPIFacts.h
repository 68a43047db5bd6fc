/*
 * Test-only: the values of the kernel's own SGX uapi header (<asm/sgx.h>, installed by the
 * Linux headers package), so that SGXLinuxDriverTests can compare CSGXLinuxDriver's
 * restatement against the kernel's definition where the header is available.
 */
#ifndef CKERNELUAPIFACTS_H
#define CKERNELUAPIFACTS_H
#include <stddef.h>
#include <stdint.h>

typedef struct kernel_uapi_facts {
    uint64_t ioc_create, ioc_add_pages, ioc_init, ioc_provision;
    uint64_t page_measure;
    uint64_t size_create, size_add_pages, size_init, size_provision, size_run;
    uint64_t add_src, add_offset, add_length, add_secinfo, add_flags, add_count;
    uint64_t run_tcs, run_function, run_exception_vector, run_exception_error_code, run_exception_addr,
             run_user_handler, run_user_data, run_reserved;
} kernel_uapi_facts_t;

/* Fills *out from <asm/sgx.h>; returns 1, or 0 when the header is not installed. */
int kernel_uapi_facts(kernel_uapi_facts_t *out);

#endif
