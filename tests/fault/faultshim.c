/* LD_PRELOAD shim for the fault tests: a disk that fills up, and a
 * temporary name that someone predicted. Built by the tests themselves
 * (cc -shared -fPIC), without sanitizers. Settings, from the environment:
 *   XF_FAULT_ENOSPC=GLOB   write() to a file whose name matches GLOB (a
 *                          shell pattern on the base name) fails with
 *                          ENOSPC, after XF_FAULT_ROOM bytes (default 0)
 *                          went through: a short write, then the error
 *   XF_FAULT_EIO=GLOB      fsync() of such a file fails with EIO
 *   XF_FAULT_TEMPNAMES=1   mkstemp() and mkostemp() try the names XXXXXX
 *                          = AAAAAA, AAAAAB, ... in turn, with O_EXCL as
 *                          glibc does, instead of random ones: a test can
 *                          plant those names first
 *   XF_FAULT_LOG=FILE      each fault injected is noted there */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static size_t room_used;

static void note(const char *what, const char *path)
{
    const char *log = getenv("XF_FAULT_LOG");
    if (!log)
        return;
    int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    char line[PATH_MAX + 64];
    int n = snprintf(line, sizeof line, "%s %s\n", what, path);
    ssize_t (*real_write)(int, const void *, size_t) = dlsym(RTLD_NEXT, "write");
    if (n > 0 && real_write)
        real_write(fd, line, (size_t)n);
    close(fd);
}

/* Does the file open on fd have a base name matching the pattern in the
 * environment variable var? path receives the full name. */
static int fd_matches(int fd, const char *var, char *path, size_t cap)
{
    const char *glob = getenv(var);
    if (!glob || !*glob)
        return 0;
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, path, cap - 1);
    if (n <= 0)
        return 0;
    path[n] = '\0';
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    return fnmatch(glob, base, 0) == 0;
}

ssize_t write(int fd, const void *buf, size_t len)
{
    static ssize_t (*real)(int, const void *, size_t);
    if (!real)
        real = dlsym(RTLD_NEXT, "write");
    char path[PATH_MAX];
    if (fd > 2 && fd_matches(fd, "XF_FAULT_ENOSPC", path, sizeof path)) {
        const char *r = getenv("XF_FAULT_ROOM");
        size_t room = r ? strtoul(r, NULL, 10) : 0;
        if (room_used >= room) {
            note("ENOSPC", path);
            errno = ENOSPC;
            return -1;
        }
        if (len > room - room_used)
            len = room - room_used; /* what fits: a short write */
        ssize_t w = real(fd, buf, len);
        if (w > 0)
            room_used += (size_t)w;
        return w;
    }
    return real(fd, buf, len);
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = dlsym(RTLD_NEXT, "fsync");
    char path[PATH_MAX];
    if (fd_matches(fd, "XF_FAULT_EIO", path, sizeof path)) {
        note("EIO", path);
        errno = EIO;
        return -1;
    }
    return real(fd);
}

/* The next predictable name: AAAAAA, AAAAAB, ... (per process). */
static int predictable(char *tmpl, int suffixlen, int flags)
{
    static unsigned counter;
    size_t len = strlen(tmpl);
    if (len < 6 + (size_t)suffixlen ||
        strncmp(tmpl + len - suffixlen - 6, "XXXXXX", 6) != 0) {
        errno = EINVAL;
        return -1;
    }
    char *x = tmpl + len - suffixlen - 6;
    for (int tries = 0; tries < 100; tries++) {
        unsigned v = counter++;
        for (int i = 5; i >= 0; i--, v /= 26)
            x[i] = (char)('A' + v % 26);
        int fd = open(tmpl, O_RDWR | O_CREAT | O_EXCL | flags, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
        note("EEXIST", tmpl);
    }
    errno = EEXIST;
    return -1;
}

int mkostemp(char *tmpl, int flags)
{
    static int (*real)(char *, int);
    if (!real)
        real = dlsym(RTLD_NEXT, "mkostemp");
    if (getenv("XF_FAULT_TEMPNAMES"))
        return predictable(tmpl, 0, flags);
    return real(tmpl, flags);
}

int mkstemp(char *tmpl)
{
    static int (*real)(char *);
    if (!real)
        real = dlsym(RTLD_NEXT, "mkstemp");
    if (getenv("XF_FAULT_TEMPNAMES"))
        return predictable(tmpl, 0, 0);
    return real(tmpl);
}
