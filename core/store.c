#include "store.h"
#include "store_tree.h"
#include "strlist.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

const char *xf_store_default_path(const char *option)
{
    if (option && *option)
        return option;
    const char *env = getenv("XMPPFED_CONFIG");
    return env && *env ? env : XF_DEFAULT_PATH;
}

static void sha256(const void *data, size_t len, unsigned char out[32])
{
    unsigned int n = 32;
    EVP_Digest(data, len, out, &n, EVP_sha256(), NULL);
}

xf_status xf_read_file(const char *path, char **data, size_t *len,
                       bool *exists, xf_err *err)
{
    *data = NULL;
    *len = 0;
    *exists = false;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return XF_OK;
        xf_errf(err, "%s: %s", path, strerror(errno));
        return XF_ERR_IO;
    }
    struct stat st;
    const char *why = fstat(fd, &st) != 0 ? strerror(errno)
                      : !S_ISREG(st.st_mode) ? "not a regular file"
                      : (size_t)st.st_size > XF_FILE_MAX
                          ? "larger than 16 MiB: not a partner list" : NULL;
    if (why) {
        xf_errf(err, "%s: %s", path, why);
        close(fd);
        return XF_ERR_IO;
    }
    char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    ssize_t r = 1;
    while (buf && got < (size_t)st.st_size &&
           (r = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
        got += (size_t)r;
    close(fd);
    if (!buf || r < 0) {
        xf_errf(err, "%s: %s", path, strerror(errno));
        free(buf);
        return XF_ERR_IO;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    *exists = true;
    return XF_OK;
}

/* The file we write is the target of any symlink, so that a link in /etc
 * stays a link; a missing file is created where the path says. */
static char *resolve(const char *path)
{
    char buf[PATH_MAX];
    if (realpath(path, buf))
        return xf_strdup(buf);
    return xf_strdup(path);
}

static char *dir_of(const char *path)
{
    char *copy = xf_strdup(path);
    char *d = xf_strdup(dirname(copy));
    free(copy);
    return d;
}

static xf_status parse(xf_store *s, const char *data, size_t len, xf_err *err)
{
    config_destroy(&s->cf);
    config_init(&s->cf);
    /* "gateway = {" on one line, as people write it; the default is
     * "gateway :" with the brace on a line of its own. */
    config_set_options(&s->cf, CONFIG_OPTION_SEMICOLON_SEPARATORS);
    char *dir = dir_of(s->real);
    config_set_include_dir(&s->cf, dir);
    free(dir);
    if (s->exists && !config_read_string(&s->cf, data)) {
        xf_errc(err, XF_E_SYNTAX, 0, "%s", config_error_text(&s->cf));
        if (err)
            err->line = config_error_line(&s->cf);
        xf_err_prefix(err, "%s:%d", s->path, config_error_line(&s->cf));
        return XF_ERR_SYNTAX;
    }
    sha256(data, len, s->digest);
    xf_config_free(&s->model);
    xf_config_init(&s->model);
    xf_diags_free(&s->diags);
    xf_tree_read(&s->cf, &s->model, &s->diags);
    xf_config_free(&s->loaded);
    xf_config_copy(&s->loaded, &s->model);
    return XF_OK;
}

xf_status xf_store_reload(xf_store *s, xf_err *err)
{
    char *data;
    size_t len;
    xf_status st = xf_read_file(s->real, &data, &len, &s->exists, err);
    if (st == XF_OK)
        st = parse(s, data ? data : "", len, err);
    free(data);
    return st;
}

xf_status xf_store_open(xf_store *s, const char *path, int flags, xf_err *err)
{
    *s = (xf_store){ .lock_fd = -1, .lock_wait = 5.0 };
    s->path = xf_strdup(path);
    s->real = resolve(path);
    config_init(&s->cf);
    xf_config_init(&s->model);
    xf_config_init(&s->loaded);
    if (flags & XF_STORE_LOCK) {
        xf_status st = xf_store_lock(s, err);
        if (st != XF_OK)
            return st;
    }
    return xf_store_reload(s, err);
}

void xf_store_close(xf_store *s)
{
    xf_store_unlock(s);
    config_destroy(&s->cf);
    xf_config_free(&s->model);
    xf_config_free(&s->loaded);
    xf_diags_free(&s->diags);
    free(s->path);
    free(s->real);
    *s = (xf_store){ .lock_fd = -1 };
}

/* --- locking ----------------------------------------------------------- */

static void nap_ms(int ms)
{
    struct timespec ts = { .tv_sec = 0, .tv_nsec = ms * 1000000L };
    nanosleep(&ts, NULL);
}

/* A POSIX record lock on FILE.lock: F_GETLK tells who holds it, and the
 * lock file is never the file we rename, so the lock survives saves. */
xf_status xf_store_lock(xf_store *s, xf_err *err)
{
    if (s->lock_fd >= 0)
        return XF_OK;
    char *lock = NULL;
    if (asprintf(&lock, "%s.lock", s->real) < 0)
        abort();
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno == ENOENT) { /* first change: make /etc/xmppfed */
        char *dir = dir_of(s->real);
        if (mkdir(dir, 0755) == 0)
            fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        free(dir);
    }
    if (fd < 0) {
        xf_errf(err, "cannot create lock file %s: %s", lock, strerror(errno));
        free(lock);
        return XF_ERR_IO;
    }
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    int waited = 0;
    while (fcntl(fd, F_SETLK, &fl) != 0) {
        if ((errno != EACCES && errno != EAGAIN) ||
            waited >= (int)(s->lock_wait * 1000)) {
            struct flock who = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
            if (fcntl(fd, F_GETLK, &who) == 0 && who.l_type != F_UNLCK)
                xf_errf(err, "%s is locked by process %ld (another xmppfed "
                        "is changing it); try again", s->path, (long)who.l_pid);
            else
                xf_errf(err, "cannot lock %s: %s", lock, strerror(errno));
            close(fd);
            free(lock);
            return XF_ERR_LOCKED;
        }
        nap_ms(50);
        waited += 50;
    }
    free(lock);
    s->lock_fd = fd;
    return XF_OK;
}

void xf_store_unlock(xf_store *s)
{
    if (s->lock_fd >= 0)
        close(s->lock_fd); /* closing releases the record lock */
    s->lock_fd = -1;
}

/* --- saving ------------------------------------------------------------ */

static bool write_all(int fd, const char *data, size_t len)
{
    while (len) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        data += w;
        len -= (size_t)w;
    }
    return true;
}

/* Writes data to a new temporary file beside target with the given mode
 * and owner, flushed to disk, then renames it over target. */
static bool replace_file(const char *target, const char *data, size_t len,
                         const struct stat *like, xf_err *err)
{
    char *dir = dir_of(target), *tmp = NULL;
    char *copy = xf_strdup(target);
    if (asprintf(&tmp, "%s/.%s.XXXXXX", dir, basename(copy)) < 0)
        abort();
    free(copy);
    int fd = mkstemp(tmp); /* O_EXCL, mode 0600 */
    bool ok = fd >= 0 && write_all(fd, data, len) &&
              fchmod(fd, like ? like->st_mode & 07777 : 0640) == 0 &&
              (!like || fchown(fd, like->st_uid, like->st_gid) == 0 ||
               (like->st_uid == geteuid() && errno == EPERM)) &&
              fsync(fd) == 0;
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(tmp, target) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        xf_errf(err, "cannot write %s: %s; the file is unchanged", target,
                strerror(saved));
        if (fd >= 0)
            unlink(tmp);
    } else {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    free(tmp);
    free(dir);
    return ok;
}

static char *render(config_t *cf, size_t *len)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f)
        abort();
    config_write(cf, f);
    fclose(f);
    return buf;
}

/* Under the lock: is the file still the one we read? */
static xf_status check_unchanged(xf_store *s, char **old, size_t *old_len,
                                 xf_err *err)
{
    bool exists;
    xf_status st = xf_read_file(s->real, old, old_len, &exists, err);
    if (st != XF_OK)
        return st;
    unsigned char now[32];
    sha256(*old ? *old : "", *old_len, now);
    if (exists != s->exists || (exists && memcmp(now, s->digest, 32) != 0)) {
        xf_errf(err, "%s was changed by someone else since it was read",
                s->path);
        return XF_ERR_CONFLICT;
    }
    return XF_OK;
}

static xf_status save_locked(xf_store *s, bool force, xf_err *err)
{
    char *old = NULL;
    size_t old_len = 0;
    xf_status st = check_unchanged(s, &old, &old_len, err);
    if (st != XF_OK && !(st == XF_ERR_CONFLICT && force)) {
        free(old);
        return st;
    }
    bool written = xf_tree_write(&s->cf, &s->model, &s->loaded, err);
    size_t len;
    char *text = render(&s->cf, &len);
    config_t check; /* what we write must read back */
    config_init(&check);
    bool parses = config_read_string(&check, text);
    config_destroy(&check);
    struct stat like;
    bool had = old && stat(s->real, &like) == 0;
    char *bak = NULL;
    if (asprintf(&bak, "%s.bak", s->real) < 0)
        abort();
    if (written && !parses)
        xf_errf(err, "internal error: the new %s would not parse; nothing "
                "written", s->path);
    st = !written ? XF_ERR_INVALID : XF_ERR_IO; /* unless it works out */
    if (written && parses &&
        (!had || replace_file(bak, old, old_len, &like, err)) &&
        replace_file(s->real, text, len, had ? &like : NULL, err)) {
        sha256(text, len, s->digest);
        s->exists = true;
        xf_config_free(&s->loaded); /* what is on disk now */
        xf_config_copy(&s->loaded, &s->model);
        st = XF_OK;
    } else {
        xf_err ignored; /* the tree was changed: back to what is on disk */
        s->exists = old != NULL; /* after a forced save, theirs */
        parse(s, old ? old : "", old_len, &ignored);
    }
    free(bak);
    free(text);
    free(old);
    return st;
}

xf_status xf_store_save(xf_store *s, bool force, xf_err *err)
{
    bool had_lock = s->lock_fd >= 0;
    xf_status st = xf_store_lock(s, err);
    if (st == XF_OK)
        st = save_locked(s, force, err);
    if (!had_lock)
        xf_store_unlock(s);
    return st;
}
