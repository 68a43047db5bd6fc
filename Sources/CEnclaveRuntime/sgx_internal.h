#ifndef SGX_INTERNAL_H
#define SGX_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
size_t strlen(const char *s);
void *malloc(size_t n);
void free(void *p);
int sgx_runtime_crashed(void);
#endif
