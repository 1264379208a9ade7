#define _GNU_SOURCE 1
#include "CChildProcess.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <unistd.h>

static int redirect(posix_spawn_file_actions_t *actions, int fd, int target, int flags) {
    if (fd >= 0) return posix_spawn_file_actions_adddup2(actions, fd, target);
    return posix_spawn_file_actions_addopen(actions, target, "/dev/null", flags, 0);
}

int fc_spawn(pid_t *pid, const char *path, char *const argv[], char *const envp[], const char *directory, int stdin_fd,
             int stdout_fd, int stderr_fd, int own_group) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    int result = posix_spawn_file_actions_init(&actions);
    if (result != 0) return result;
    result = posix_spawnattr_init(&attributes);
    if (result != 0) {
        posix_spawn_file_actions_destroy(&actions);
        return result;
    }
    if (result == 0) result = redirect(&actions, stdin_fd, 0, O_RDONLY);
    if (result == 0) result = redirect(&actions, stdout_fd, 1, O_WRONLY);
    if (result == 0) result = redirect(&actions, stderr_fd, 2, O_WRONLY);
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    if (result == 0) result = posix_spawn_file_actions_addclosefrom_np(&actions, 3);
#else
#error "fc_spawn needs glibc 2.34 or later (posix_spawn_file_actions_addclosefrom_np)"
#endif
    if (result == 0 && directory != NULL) result = posix_spawn_file_actions_addchdir_np(&actions, directory);
    sigset_t none, all;
    sigemptyset(&none);
    sigfillset(&all);
    short flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | (own_group ? POSIX_SPAWN_SETPGROUP : 0);
    if (result == 0) result = posix_spawnattr_setsigmask(&attributes, &none);
    if (result == 0) result = posix_spawnattr_setsigdefault(&attributes, &all);
    if (result == 0) result = posix_spawnattr_setflags(&attributes, flags);
    if (result == 0) result = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawnattr_destroy(&attributes);
    posix_spawn_file_actions_destroy(&actions);
    return result;
}

int fc_pipe_cloexec(int ends[2]) { return pipe2(ends, O_CLOEXEC); }
