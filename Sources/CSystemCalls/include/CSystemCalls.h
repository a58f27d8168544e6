#ifndef OPAPM_CSYSTEMCALLS_H
#define OPAPM_CSYSTEMCALLS_H

/// Exchanges the directory entries `from` and `to` in one step (Linux renameat2 RENAME_EXCHANGE, macOS
/// renamex_np RENAME_SWAP): a reader sees one or the other, never neither. Returns 0, or -1 with errno
/// set (ENOSYS or EINVAL where the system or file system cannot exchange).
int opapm_exchange_paths(const char *from, const char *to);

/// Renames `from` to `to` only if `to` does not exist (RENAME_NOREPLACE / RENAME_EXCL); -1 with errno
/// EEXIST when it does, so a list that appeared meanwhile is never replaced unseen.
int opapm_rename_no_replace(const char *from, const char *to);

#endif
