// glibc's allocator knobs, which Swift's Glibc module does not export (they live in <malloc.h>).
// Elsewhere than glibc both are no-ops.
#ifndef C_MALLOC_TUNING_H
#define C_MALLOC_TUNING_H

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

#endif
