/*
 * The few stdio entry points BoringSSL references for diagnostics (fprintf to stderr
 * before abort, ERR_print_errors_fp). There are no files in an enclave: output to the
 * one stream, stderr, goes to the enclave's print buffer (the host's output, untrusted)
 * unformatted; anything else is dropped.
 */
#include "sgx_runtime.h"
#include "sgx_internal.h"

int putchar(int c);

typedef struct sgx_file { int unused; } sgx_file_t;
static sgx_file_t g_stderr;
sgx_file_t *stderr = &g_stderr;
sgx_file_t *stdout = &g_stderr;

size_t fwrite(const void *data, size_t size, size_t count, sgx_file_t *stream) {
    (void)stream;
    size_t n;
    if (__builtin_mul_overflow(size, count, &n)) return 0;
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) putchar(p[i]);
    return count;
}

int fputc(int c, sgx_file_t *stream) { (void)stream; return putchar(c); }
int fputs(const char *s, sgx_file_t *stream) { return (int)fwrite(s, 1, strlen(s), stream); }
int fflush(sgx_file_t *stream) { (void)stream; return 0; }

/* The format string is written as is (no conversions): these are last words before abort. */
int fprintf(sgx_file_t *stream, const char *format, ...) { return fputs(format, stream); }

/* BoringSSL calls perror just before abort() when entropy fails. */
void perror(const char *message) {
    if (message) fputs(message, stderr);
    putchar('\n');
}

/* File reading (BIO_new_file, PEM from FILE*): there are no files; every call fails. */
sgx_file_t *fopen(const char *path, const char *mode) { (void)path; (void)mode; return 0; }
int fclose(sgx_file_t *stream) { (void)stream; return -1; }
size_t fread(void *data, size_t size, size_t count, sgx_file_t *stream) { (void)data; (void)size; (void)count; (void)stream; return 0; }
char *fgets(char *s, int n, sgx_file_t *stream) { (void)s; (void)n; (void)stream; return 0; }
int feof(sgx_file_t *stream) { (void)stream; return 1; }
int ferror(sgx_file_t *stream) { (void)stream; return 1; }
long ftell(sgx_file_t *stream) { (void)stream; return -1; }
int fseek(sgx_file_t *stream, long offset, int whence) { (void)stream; (void)offset; (void)whence; return -1; }
