/*
 * putchar for Embedded Swift's print(): bytes collect in the thread's buffer and reach the
 * host's stdout at each newline, when the buffer fills, and when the ECALL returns, through
 * the runtime OCALL sgx_ocall_print (Runtime/swift_sgx_runtime.edl; the generated stub is
 * called by sgx_print_ocall in SGXTrusted/Untrusted.swift). What the host does with them
 * is up to the host.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

/* SGXTrusted: copies the bytes out and makes the OCALL; returns an sgx_status_t. */
uint32_t sgx_print_ocall(const void *data, size_t length);

void sgx_print_flush(sgx_thread_data_t *td) {
    uint32_t n = td->print_len;
    if (n == 0) return;
    td->print_len = 0;
    (void)sgx_print_ocall(td->print_buf, n);
}

int putchar(int c) {
    sgx_thread_data_t *td = sgx_thread_data();
    td->print_buf[td->print_len++] = (char)c;
    if (c == '\n' || td->print_len == sizeof(td->print_buf)) sgx_print_flush(td);
    return (unsigned char)c;
}
