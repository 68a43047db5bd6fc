#include "CKernelUAPIFacts.h"
#include <string.h>

#if __has_include(<asm/sgx.h>)
#include <asm/sgx.h>
#define HAVE_SGX_UAPI 1
#endif

int kernel_uapi_facts(kernel_uapi_facts_t *out) {
    memset(out, 0, sizeof *out);
#ifdef HAVE_SGX_UAPI
    out->ioc_create = SGX_IOC_ENCLAVE_CREATE;
    out->ioc_add_pages = SGX_IOC_ENCLAVE_ADD_PAGES;
    out->ioc_init = SGX_IOC_ENCLAVE_INIT;
    out->ioc_provision = SGX_IOC_ENCLAVE_PROVISION;
    out->page_measure = SGX_PAGE_MEASURE;
    out->size_create = sizeof(struct sgx_enclave_create);
    out->size_add_pages = sizeof(struct sgx_enclave_add_pages);
    out->size_init = sizeof(struct sgx_enclave_init);
    out->size_provision = sizeof(struct sgx_enclave_provision);
    out->size_run = sizeof(struct sgx_enclave_run);
    out->add_src = offsetof(struct sgx_enclave_add_pages, src);
    out->add_offset = offsetof(struct sgx_enclave_add_pages, offset);
    out->add_length = offsetof(struct sgx_enclave_add_pages, length);
    out->add_secinfo = offsetof(struct sgx_enclave_add_pages, secinfo);
    out->add_flags = offsetof(struct sgx_enclave_add_pages, flags);
    out->add_count = offsetof(struct sgx_enclave_add_pages, count);
    out->run_tcs = offsetof(struct sgx_enclave_run, tcs);
    out->run_function = offsetof(struct sgx_enclave_run, function);
    out->run_exception_vector = offsetof(struct sgx_enclave_run, exception_vector);
    out->run_exception_error_code = offsetof(struct sgx_enclave_run, exception_error_code);
    out->run_exception_addr = offsetof(struct sgx_enclave_run, exception_addr);
    out->run_user_handler = offsetof(struct sgx_enclave_run, user_handler);
    out->run_user_data = offsetof(struct sgx_enclave_run, user_data);
    out->run_reserved = offsetof(struct sgx_enclave_run, reserved);
    return 1;
#else
    return 0;
#endif
}
