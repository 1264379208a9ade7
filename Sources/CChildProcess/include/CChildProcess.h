// Starts a child process with posix_spawn, closing every descriptor above the three it is given. Foundation's
// Process does the same by listing /proc/self/fd, which over-reads glibc's directory buffer and crashes now and then
// (swift-corelibs-foundation #5472, in Swift 6.3.1); glibc's closefrom action needs _GNU_SOURCE, which Swift's Glibc
// module does not define.
#ifndef C_CHILD_PROCESS_H
#define C_CHILD_PROCESS_H

#include <sys/types.h>

/// Spawns `path` with `argv` and `envp` (both NULL-terminated) in `directory` (NULL: this process's), with `stdin_fd`,
/// `stdout_fd` and `stderr_fd` as its descriptors 0, 1 and 2 (-1: /dev/null), every other descriptor closed, the
/// signal mask empty and every signal's disposition the default, in a process group of its own when `own_group`.
/// Returns 0 and sets `*pid`, or an errno value.
int fc_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *directory, int stdin_fd,
             int stdout_fd, int stderr_fd, int own_group);

/// Opens a pipe whose two ends are close-on-exec (`pipe2`, which Swift's Glibc module does not export either).
/// Returns 0, or -1 with errno set.
int fc_pipe_cloexec(int ends[2]);

#endif
