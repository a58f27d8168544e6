#define _GNU_SOURCE
#include "CSystemCalls.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#endif
#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif
/* Through syscall(2): older C libraries have no renameat2 wrapper. */
static int rename_flags(const char *from, const char *to, unsigned int flags) {
#ifdef SYS_renameat2
    return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, flags);
#else
    errno = ENOSYS;
    return -1;
#endif
}
int opapm_exchange_paths(const char *from, const char *to) { return rename_flags(from, to, RENAME_EXCHANGE); }
int opapm_rename_no_replace(const char *from, const char *to) { return rename_flags(from, to, RENAME_NOREPLACE); }
#elif defined(__APPLE__)
int opapm_exchange_paths(const char *from, const char *to) { return renamex_np(from, to, RENAME_SWAP); }
int opapm_rename_no_replace(const char *from, const char *to) { return renamex_np(from, to, RENAME_EXCL); }
#else
int opapm_exchange_paths(const char *from, const char *to) { errno = ENOSYS; return -1; }
int opapm_rename_no_replace(const char *from, const char *to) { errno = ENOSYS; return -1; }
#endif
