#include "safefile.h"
#include "i18n.h"
#include "fdio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p with mode 0700; existing folders are left as they are (the
 * last one is checked by the caller). */
static void make_parents(const char *dir)
{
    char *p = strdup(dir);
    if (!p)
        abort();
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = '\0';
            mkdir(p, 0700);
            *s = '/';
        }
    mkdir(p, 0700);
    free(p);
}

int xf_private_dir_open(const char *dir, xf_err *err)
{
    make_parents(dir);
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        xf_errf(err, "%s: %s", dir, errno == ELOOP || errno == ENOTDIR
                ? _("not a folder (a symbolic link?)") : strerror(errno));
        return -1;
    }
    struct stat st;
    const char *why = fstat(fd, &st) != 0 ? strerror(errno)
                      : st.st_uid != geteuid() ? _("belongs to another user")
                      : st.st_mode & 022 ? _("can be written by other users")
                                         : NULL;
    if (why) {
        xf_errf(err, "%s %s", dir, why);
        close(fd);
        return -1;
    }
    return fd;
}

/* A new file .NAME.XXXXXX in dfd, never an existing one or a link. */
static int create_temp(int dfd, const char *name, char *tmp, size_t size)
{
    for (int tries = 0; tries < 100; tries++) {
        uint32_t r = 0;
        if (getrandom(&r, sizeof r, 0) != sizeof r)
            r = (uint32_t)rand() ^ (uint32_t)getpid();
        snprintf(tmp, size, ".%s.%08x", name, r);
        int fd = openat(dfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                        O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

bool xf_private_write(int dfd, const char *name, const char *data,
                      size_t len, xf_err *err)
{
    char tmp[300];
    int fd = create_temp(dfd, name, tmp, sizeof tmp);
    bool ok = fd >= 0 && xf_write_all(fd, data, len) && fsync(fd) == 0;
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && renameat(dfd, tmp, dfd, name) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        if (fd >= 0)
            unlinkat(dfd, tmp, 0);
        xf_errf(err, _("cannot write %s: %s"), name, strerror(saved));
        return false;
    }
    fsync(dfd); /* the rename itself, durable */
    return true;
}

bool xf_private_read(int dfd, const char *name, char **data, size_t *len,
                     xf_err *err)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: a FIFO planted at the name must not hang us */
    int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return true;
        xf_errf(err, "%s: %s", name, errno == ELOOP
                ? _("a symbolic link, not followed") : strerror(errno));
        return false;
    }
    struct stat st;
    const char *why = fstat(fd, &st) != 0 ? strerror(errno)
                      : !S_ISREG(st.st_mode) ? _("not a regular file")
                      : st.st_uid != geteuid() ? _("belongs to another user")
                      : (size_t)st.st_size > XF_PRIVATE_MAX ? _("too large")
                                                            : NULL;
    char *buf = why ? NULL : malloc((size_t)st.st_size + 1);
    size_t got = 0;
    ssize_t r = 1;
    while (buf && got < (size_t)st.st_size &&
           (r = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
        got += (size_t)r;
    if (!why && (!buf || r < 0))
        why = strerror(buf ? errno : ENOMEM);
    close(fd);
    if (why) {
        xf_errf(err, "%s: %s", name, why);
        free(buf);
        return false;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return true;
}
