#include "store_file.h"
#include "i18n.h"
#include "fdio.h"
#include "file_hash.h"
#include "strlist.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

static char *dir_of(const char *path)
{
    char *copy = xf_strdup(path);
    char *d = xf_strdup(dirname(copy));
    free(copy);
    return d;
}

static char *base_of(const char *path)
{
    char *copy = xf_strdup(path);
    char *b = xf_strdup(basename(copy));
    free(copy);
    return b;
}

/* "DIR/.NAME" + suffix + "XXXXXX" */
static char *tmp_template(const char *target, const char *suffix)
{
    char *dir = dir_of(target), *base = base_of(target), *t = NULL;
    if (asprintf(&t, "%s/.%s%sXXXXXX", dir, base, suffix) < 0)
        abort();
    free(dir);
    free(base);
    return t;
}

int xf_file_open_regular(const char *path, size_t max, struct stat *st,
                         xf_err *err)
{
    /* O_NONBLOCK: a FIFO at the path must not hang us before the check */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        int e = errno;
        xf_errf(err, "%s: %s", path, strerror(e));
        errno = e;
        return -1;
    }
    const char *why = fstat(fd, st) != 0 ? strerror(errno)
                      : !S_ISREG(st->st_mode) ? _("not a regular file")
                      : (size_t)st->st_size > max ? NULL : "";
    char big[96];
    if (!why) {
        snprintf(big, sizeof big, _("larger than %zu MiB: not a partner list"),
                 max >> 20);
        why = big;
    }
    if (*why) {
        xf_errf(err, "%s: %s", path, why);
        close(fd);
        errno = EINVAL;
        return -1;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return fd;
}

bool xf_file_digest(const char *path, size_t max, unsigned char digest[32],
                    bool *exists, xf_err *err)
{
    struct stat st;
    *exists = false;
    int fd = xf_file_open_regular(path, max, &st, err);
    if (fd < 0)
        return errno == ENOENT;
    *exists = true;
    xf_hash *md = xf_hash_new();
    char buf[1 << 16];
    ssize_t r;
    while ((r = read(fd, buf, sizeof buf)) > 0 || (r < 0 && errno == EINTR))
        if (r > 0)
            xf_hash_update(md, buf, (size_t)r);
    if (r < 0)
        xf_errf(err, "%s: %s", path, strerror(errno));
    xf_hash_final(md, digest);
    close(fd);
    return r == 0;
}

static ssize_t reader_read(void *cookie, char *buf, size_t n)
{
    xf_reader *r = cookie;
    if (r->len + n > r->max + 1) /* one more: a file that grew is seen */
        n = r->max + 1 - r->len;
    ssize_t got;
    do
        got = n ? read(r->fd, buf, n) : 0;
    while (got < 0 && errno == EINTR);
    if (got < 0) {
        r->error = errno;
        return -1;
    }
    if (got > 0) {
        xf_hash_update(r->md, buf, (size_t)got);
        r->len += (size_t)got;
        if (r->len > r->max)
            r->error = EFBIG;
    }
    return got;
}

FILE *xf_reader_open(xf_reader *r, int fd, size_t max)
{
    *r = (xf_reader){ .fd = fd, .md = xf_hash_new(), .max = max };
    r->f = fopencookie(r, "r", (cookie_io_functions_t){ .read = reader_read });
    if (!r->f)
        abort();
    setvbuf(r->f, NULL, _IOFBF, 1 << 16);
    return r->f;
}

bool xf_reader_close(xf_reader *r, unsigned char digest[32])
{
    xf_hash_final(r->md, digest);
    fclose(r->f);
    close(r->fd);
    return !r->error;
}

/* libconfig writes to a FILE: this one hashes, counts and writes through,
 * so that the text is never held in memory a second time. */
typedef struct sink {
    int fd;
    xf_hash *md;
    size_t len, max;
    int error; /* errno of the first failure */
} sink;

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
    sink *k = cookie;
    if (k->error)
        return -1;
    if (k->len + n > k->max)
        k->error = EFBIG;
    else if (!xf_write_all(k->fd, buf, n))
        k->error = errno ? errno : EIO;
    if (k->error) {
        errno = k->error;
        return -1;
    }
    xf_hash_update(k->md, buf, n);
    k->len += n;
    return (ssize_t)n;
}

typedef struct text_arg {
    const char *text;
    size_t len;
} text_arg;

static bool emit_text(FILE *f, void *arg)
{
    const text_arg *t = arg;
    return fwrite(t->text, 1, t->len, f) == t->len;
}

static bool emit_tree(FILE *f, void *arg)
{
    config_write(arg, f);
    return true;
}

/* Writes what emit puts in the stream it is given. */
static bool write_config(int fd, xf_emit_fn emit, void *arg, size_t max,
                         unsigned char digest[32], int *error)
{
    sink k = { .fd = fd, .md = xf_hash_new(), .max = max };
    FILE *f = fopencookie(&k, "w", (cookie_io_functions_t){ .write = sink_write });
    if (!f)
        abort();
    setvbuf(f, NULL, _IOFBF, 1 << 16);
    __fsetlocking(f, FSETLOCKING_BYCALLER); /* libconfig writes a byte at a time */
    errno = 0;
    bool made = emit(f, arg);
    bool ok = fclose(f) == 0 && !k.error && made;
    *error = k.error ? k.error : errno ? errno : EIO;
    xf_hash_final(k.md, digest);
    return ok;
}

static bool set_owner(int fd, const struct stat *like)
{
    return fchmod(fd, like ? like->st_mode & 07777 : 0640) == 0 &&
           (!like || fchown(fd, like->st_uid, like->st_gid) == 0 ||
            (like->st_uid == geteuid() && errno == EPERM));
}

static bool finish_tmp(xf_tmpfile *t, int fd, bool ok, int *error)
{
    if (ok && fsync(fd) != 0) {
        ok = false;
        *error = errno;
    }
    if (close(fd) != 0 && ok) {
        ok = false;
        *error = errno;
    }
    if (!ok)
        xf_file_discard(t);
    return ok;
}

bool xf_file_write_tmp_emit(xf_tmpfile *t, const char *target,
                            xf_emit_fn emit, void *arg,
                            const struct stat *like, size_t max,
                            unsigned char digest[32], xf_err *err)
{
    t->path = tmp_template(target, ".");
    int fd = mkstemp(t->path); /* O_EXCL, mode 0600 */
    int error = errno;
    if (fd < 0) {
        xf_errf(err, _("cannot write %s: %s; the file is unchanged"), target,
                strerror(error));
        xf_file_discard(t);
        return false;
    }
    bool ok = set_owner(fd, like) || ((error = errno), false);
    ok = ok && write_config(fd, emit, arg, max, digest, &error);
    if (finish_tmp(t, fd, ok, &error))
        return true;
    if (error == EFBIG && max)
        xf_errf(err, _("cannot write %s: the new file would be larger than "
                "%zu MiB, more than xmppfed reads; the file is unchanged"),
                target, max >> 20);
    else
        xf_errf(err, _("cannot write %s: %s; the file is unchanged"), target,
                strerror(error));
    return false;
}

bool xf_file_write_tmp(xf_tmpfile *t, const char *target, config_t *cf,
                       const struct stat *like, size_t max,
                       unsigned char digest[32], xf_err *err)
{
    return xf_file_write_tmp_emit(t, target, emit_tree, cf, like, max, digest,
                                  err);
}

bool xf_file_write_tmp_text(xf_tmpfile *t, const char *target,
                            const char *text, size_t len,
                            const struct stat *like, size_t max,
                            unsigned char digest[32], xf_err *err)
{
    text_arg a = { text, len };
    return xf_file_write_tmp_emit(t, target, emit_text, &a, like, max, digest,
                                  err);
}

/* A fresh name from the template, for link(), which has no mkstemp. */
static void fill_random(char *name)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char r[6];
    if (getrandom(r, sizeof r, 0) != (ssize_t)sizeof r)
        for (int i = 0; i < 6; i++)
            r[i] = (unsigned char)rand();
    char *x = name + strlen(name) - 6;
    for (int i = 0; i < 6; i++)
        x[i] = abc[r[i] % (sizeof abc - 1)];
}

static bool copy_fd(int from, int to, int *error)
{
    char buf[1 << 16];
    ssize_t r;
    while ((r = read(from, buf, sizeof buf)) != 0) {
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 || !xf_write_all(to, buf, (size_t)r)) {
            *error = errno;
            return false;
        }
    }
    return true;
}

/* Where a hard link is not possible: a copy, flushed. */
static bool backup_copy(xf_tmpfile *t, const char *target,
                        const struct stat *like, int *error)
{
    char *tmpl = tmp_template(target, ".bak.");
    free(t->path);
    t->path = tmpl;
    int fd = mkstemp(t->path), from = -1;
    bool ok = fd >= 0 && set_owner(fd, like) &&
              (from = open(target, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) >= 0;
    if (!ok)
        *error = errno;
    ok = ok && copy_fd(from, fd, error);
    if (from >= 0)
        close(from);
    if (fd < 0) {
        xf_file_discard(t);
        return false;
    }
    return finish_tmp(t, fd, ok, error);
}

bool xf_file_backup_tmp(xf_tmpfile *t, const char *target,
                        const struct stat *like, xf_err *err)
{
    t->path = tmp_template(target, ".bak.");
    int error = 0;
    for (int tries = 0; tries < 100; tries++) {
        fill_random(t->path);
        if (link(target, t->path) == 0)
            return true;
        if (errno != EEXIST)
            break;
    }
    if (backup_copy(t, target, like, &error))
        return true;
    char *bak = NULL;
    if (asprintf(&bak, "%s.bak", target) < 0)
        abort();
    xf_errf(err, _("cannot write %s: %s; the file is unchanged"), bak,
            strerror(error));
    free(bak);
    return false;
}

bool xf_file_commit(xf_tmpfile *t, const char *final)
{
    if (rename(t->path, final) != 0)
        return false;
    free(t->path);
    t->path = NULL;
    return true;
}

void xf_file_discard(xf_tmpfile *t)
{
    if (t->path)
        unlink(t->path);
    free(t->path);
    t->path = NULL;
}

void xf_file_sync_dir(const char *target)
{
    char *dir = dir_of(target);
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    free(dir);
}

/* ".NAME." or ".NAME.bak." followed by exactly six letters or digits, as
 * mkstemp and fill_random make them. */
static bool is_stale_name(const char *entry, const char *base)
{
    size_t bl = strlen(base);
    if (entry[0] != '.' || strncmp(entry + 1, base, bl) != 0)
        return false;
    const char *rest = entry + 1 + bl;
    if (strncmp(rest, ".bak.", 5) == 0)
        rest += 5;
    else if (*rest == '.')
        rest += 1;
    else
        return false;
    if (strlen(rest) != 6)
        return false;
    for (int i = 0; i < 6; i++)
        if (!((rest[i] >= 'a' && rest[i] <= 'z') ||
              (rest[i] >= 'A' && rest[i] <= 'Z') ||
              (rest[i] >= '0' && rest[i] <= '9')))
            return false;
    return true;
}

void xf_file_remove_stale(const char *target)
{
    char *dir = dir_of(target), *base = base_of(target);
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (is_stale_name(e->d_name, base))
            unlinkat(dirfd(d), e->d_name, 0); /* a symlink: the link goes */
    if (d)
        closedir(d);
    free(dir);
    free(base);
}
