// glibc's allocator knobs, which Swift's Glibc module does not export (they live in <malloc.h>).
// Elsewhere than glibc both are no-ops.
#ifndef C_MALLOC_TUNING_H
#define C_MALLOC_TUNING_H

// A libc header first: it is what defines __GLIBC__ (tested before any header, it never is).
#if defined(__linux__)
#include <errno.h>
#include <stdio.h>
#include <sys/mman.h>
#endif
#if defined(__GLIBC__)
#include <malloc.h>
#endif

/// Returns freed heap memory to the system (glibc keeps it otherwise): an idle daemon stays small.
static inline void fc_malloc_release_free_memory(void) {
#if defined(__GLIBC__)
    malloc_trim(0);
#endif
}

/// Caps glibc's per-thread arenas: fewer half-empty heaps in a process with many threads.
static inline void fc_malloc_limit_arenas(int count) {
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, count);
#endif
}

/// Serves every allocation of at least `bytes` with its own mapping, returned to the system when freed, and keeps
/// that threshold fixed (glibc otherwise raises it after the first large block is freed, and later large blocks, a
/// sync's decoded pages and response bodies, come from the heap and leave it fragmented and large).
static inline void fc_malloc_fixed_mmap_threshold(int bytes) {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, bytes);
#endif
}

#if defined(__linux__)
/// Gives `advice` to each of this process's private, unwritable mappings of a file (executable ones only when
/// `executable_only`). Returns the bytes of the mappings advised, or -1 when /proc is missing or the kernel does not
/// know the advice: EINVAL for the first mapping tried. A later mapping that refuses it (EINVAL for a locked one,
/// under MADV_DONTNEED) is skipped, and the rest are still advised.
static inline long fc_advise_file_mappings(int advice, int executable_only) {
    FILE *maps = fopen("/proc/self/maps", "r");
    if (maps == NULL) return -1;
    char line[4096];
    long advised = 0;
    long tried = 0;
    while (fgets(line, sizeof line, maps) != NULL) {
        unsigned long start = 0, end = 0, inode = 0;
        char perms[5] = {0};
        if (sscanf(line, "%lx-%lx %4s %*x %*s %lu", &start, &end, perms, &inode) != 4) continue;
        if (inode == 0 || perms[0] != 'r' || perms[1] == 'w' || perms[3] != 'p') continue;
        if (executable_only && perms[2] != 'x') continue;
        tried += 1;
        if (madvise((void *)start, end - start, advice) == 0) advised += (long)(end - start);
        else if (errno == EINVAL && tried == 1 && advice != MADV_DONTNEED) { fclose(maps); return -1; }
    }
    fclose(maps);
    return advised;
}
#endif

/// Asks the kernel to take this process's clean file-backed pages that no other process maps (its own code and
/// read-only data, touched once at start-up) out of its resident set (MADV_PAGEOUT, Linux 5.4 and later); the
/// pages an idle daemon still uses come back on their first touch. Returns the bytes of the mappings advised, or
/// -1 where the kernel or platform has no MADV_PAGEOUT.
static inline long fc_page_out_file_mappings(void) {
#if defined(__linux__)
#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif
    // Read-only or executable, private, backed by a file: code, constants, read-only relocated data.
    return fc_advise_file_mappings(MADV_PAGEOUT, 0);
#else
    return -1;
#endif
}

/// Drops this process's code from its resident set (MADV_DONTNEED on its executable file mappings): the pages stay
/// in the page cache, so the code used again comes back on its first touch as a minor fault, while the code touched
/// only at start-up (argument parsing, manifests, migrations, TLS set-up) no longer counts. Executable mappings
/// only: code is never written, while read-only data may hold the loader's relocations, which dropping would lose.
/// Returns the bytes of the mappings advised, or -1 where there is no /proc.
static inline long fc_drop_code_pages(void) {
#if defined(__linux__)
    return fc_advise_file_mappings(MADV_DONTNEED, 1);
#else
    return -1;
#endif
}

#endif
