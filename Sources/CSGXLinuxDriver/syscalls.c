/*
 * Thin wrappers over the system calls the driver back end makes. Each returns its result or
 * -errno, so that Swift never reads errno after the fact (swift-system's pattern).
 */
#define _GNU_SOURCE
#include "CSGXLinuxDriver.h"
#include <cpuid.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

int csgx_open_device(const char *path) {
    int fd = open(path, O_RDWR | O_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

int csgx_access(const char *path, int mode) {
    return access(path, mode) == 0 ? 0 : -errno;
}

int csgx_close(int fd) {
    return close(fd) == 0 ? 0 : -errno;
}

long csgx_ioctl(int fd, unsigned long request, void *argument) {
    int result = ioctl(fd, request, argument);
    return result < 0 ? -(long)errno : (long)result;
}

int csgx_reserve(uint64_t size, uint64_t alignment, uint64_t *out) {
    if (alignment == 0 || (alignment & (alignment - 1)) != 0) return -EINVAL;
    uint64_t span = size + alignment;
    if (span < size) return -EINVAL;
    void *raw = mmap(0, span, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (raw == MAP_FAILED) return -errno;
    uint64_t start = ((uint64_t)raw + alignment - 1) & ~(alignment - 1);
    if (start > (uint64_t)raw) munmap(raw, start - (uint64_t)raw);
    uint64_t end = (uint64_t)raw + span;
    if (end > start + size) munmap((void *)(start + size), end - (start + size));
    *out = start;
    return 0;
}

int csgx_map_device(uint64_t address, uint64_t length, int read, int write, int execute, int fd) {
    int prot = (read ? PROT_READ : 0) | (write ? PROT_WRITE : 0) | (execute ? PROT_EXEC : 0);
    void *result = mmap((void *)address, length, prot, MAP_SHARED | MAP_FIXED, fd, 0);
    return result == MAP_FAILED ? -errno : 0;
}

int csgx_map_anonymous(uint64_t length, uint64_t *out) {
    void *result = mmap(0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (result == MAP_FAILED) return -errno;
    *out = (uint64_t)result;
    return 0;
}

int csgx_unmap(uint64_t address, uint64_t length) {
    return munmap((void *)address, length) == 0 ? 0 : -errno;
}

uint64_t csgx_vdso_base(void) {
    return (uint64_t)getauxval(AT_SYSINFO_EHDR);
}

int csgx_cpuid(uint32_t leaf, uint32_t subleaf, uint32_t out[4]) {
    out[0] = out[1] = out[2] = out[3] = 0;
    unsigned int max = __get_cpuid_max(0, 0);
    if (leaf > max) return 0;
    unsigned int a, b, c, d;
    __cpuid_count(leaf, subleaf, a, b, c, d);
    out[0] = a; out[1] = b; out[2] = c; out[3] = d;
    return 1;
}

int csgx_library_loads(const char *name) {
    void *handle = dlopen(name, RTLD_LAZY | RTLD_LOCAL);
    if (!handle) return 0;
    dlclose(handle);
    return 1;
}
