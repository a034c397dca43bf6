#include "store_impl.h"
#include "i18n.h"
#include "changelog.h"
#include "splice.h"
#include "syntax_hint.h"
#include "store_file.h"
#include "file_hash.h"
#include "store_tree.h"
#include "strlist.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
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

/* reuse: a buffer to read into (freed either way), or NULL: a file read
 * back after another was held saves the pages faulted in again. */
static xf_status read_limited(const char *path, size_t max, char *reuse,
                              char **data, size_t *len, bool *exists,
                              xf_err *err)
{
    *data = NULL;
    *len = 0;
    *exists = false;
    struct stat st;
    int fd = xf_file_open_regular(path, max, &st, err);
    if (fd < 0) {
        int e = errno;
        free(reuse);
        return e == ENOENT ? XF_OK : XF_ERR_IO;
    }
    char *buf = realloc(reuse, (size_t)st.st_size + 1);
    if (!buf)
        free(reuse);
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

xf_status xf_read_file(const char *path, char **data, size_t *len,
                       bool *exists, xf_err *err)
{
    return read_limited(path, XF_FILE_MAX, NULL, data, len, exists, err);
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

/* libconfig says "syntax error" and a line: the token of that line tells
 * what to fix. Not for an error in an included file (libconfig names it;
 * our line numbers are the main file's). */
static void syntax_hint(const xf_store *s, xf_err *err)
{
    char hint[200];
    if (!err || err->line <= 0 || config_error_file(&s->cf) ||
        !xf_syntax_hint_file(s->real, err->line, hint, sizeof hint))
        return;
    size_t len = strlen(err->msg);
    snprintf(err->msg + len, sizeof err->msg - len, " %s", hint);
}

/* libconfig's message in the language of ours: it has no catalogue. */
static const char *libconfig_error(const config_t *cf)
{
    static const char *const known[] = {
        N_("syntax error"), N_("file I/O error"), N_("cannot open include file"),
        N_("include file nesting too deep"), N_("memory exhausted"),
    };
    const char *t = config_error_text(cf);
    for (size_t i = 0; t && i < sizeof known / sizeof *known; i++)
        if (!strcmp(t, known[i]))
            return _(known[i]);
    return t;
}

/* Parses the open file fd (or nothing when the file does not exist),
 * hashing it on the way, then reads the model from the tree. */
static xf_status parse(xf_store *s, int fd, xf_err *err)
{
    config_destroy(&s->cf);
    config_init(&s->cf);
    /* "gateway = {" on one line, as people write it; the default is
     * "gateway :" with the brace on a line of its own. */
    config_set_options(&s->cf, CONFIG_OPTION_SEMICOLON_SEPARATORS);
    char *dir = dir_of(s->real);
    config_set_include_dir(&s->cf, dir);
    free(dir);
    xf_hash_of("", 0, s->digest);
    s->unparsed = true;
    if (fd >= 0) {
        xf_reader r;
        bool parsed = config_read(&s->cf, xf_reader_open(&r, fd, s->max_bytes));
        bool read = xf_reader_close(&r, s->digest);
        if (!read) {
            xf_errc(err, XF_E_IO, 0, "%s: %s", s->path, r.error == EFBIG
                    ? _("it grew while it was read") : strerror(r.error));
            return XF_ERR_IO;
        }
        if (!parsed) {
            xf_errc(err, XF_E_SYNTAX, 0, "%s", libconfig_error(&s->cf));
            if (err)
                err->line = config_error_line(&s->cf);
            xf_err_prefix(err, "%s:%d", s->path, config_error_line(&s->cf));
            syntax_hint(s, err);
            return XF_ERR_SYNTAX;
        }
    }
    s->unparsed = false;
    /* a stream has no file name: any name libconfig knows was included */
    s->has_include = s->cf.num_filenames > 0;
    s->tree_replaced = false;
    xf_config_free(&s->model);
    xf_config_init(&s->model);
    xf_diags_free(&s->diags);
    xf_tree_read(&s->cf, &s->model, &s->diags);
    s->diags_gen = ++s->gen;
    return XF_OK;
}

static xf_status check_unchanged(xf_store *s, char **text, size_t *len,
                                 xf_err *err);

static void remember(xf_store *s, const struct stat *st)
{
    s->seen = (struct xf_file_id){ .exists = st != NULL };
    if (st) {
        s->seen.dev = st->st_dev;
        s->seen.ino = st->st_ino;
        s->seen.size = st->st_size;
        s->seen.mtime = st->st_mtim;
    }
}

bool xf_store_changed_on_disk(xf_store *s)
{
    struct stat st;
    bool exists = stat(s->real, &st) == 0;
    if (exists == s->seen.exists && (!exists ||
        (st.st_dev == s->seen.dev && st.st_ino == s->seen.ino &&
         st.st_size == s->seen.size &&
         st.st_mtim.tv_sec == s->seen.mtime.tv_sec &&
         st.st_mtim.tv_nsec == s->seen.mtime.tv_nsec)))
        return false;
    xf_err ignored;
    bool changed = check_unchanged(s, NULL, NULL, &ignored) != XF_OK;
    remember(s, exists ? &st : NULL); /* touched only, or told once */
    return changed;
}

xf_status xf_store_reload(xf_store *s, xf_err *err)
{
    struct stat st;
    int fd = xf_file_open_regular(s->real, s->max_bytes, &st, err);
    s->exists = fd >= 0;
    remember(s, fd >= 0 ? &st : NULL);
    if (fd < 0 && errno != ENOENT)
        return XF_ERR_IO;
    return parse(s, fd, err);
}

xf_status xf_store_open(xf_store *s, const char *path, int flags, xf_err *err)
{
    *s = (xf_store){ .lock_fd = -1, .lock_wait = 5.0,
                     .max_bytes = XF_FILE_MAX };
    s->path = xf_strdup(path);
    s->real = resolve(path);
    config_init(&s->cf);
    xf_config_init(&s->model);
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

static char *lock_path(const xf_store *s)
{
    char *lock = NULL;
    if (asprintf(&lock, "%s.lock", s->real) < 0)
        abort();
    return lock;
}

static int open_lock_file(const xf_store *s, const char *lock)
{
    int fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0 && errno == ENOENT) { /* first change: make /etc/xmppfed */
        char *dir = dir_of(s->real);
        if (mkdir(dir, 0755) == 0)
            fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        free(dir);
    }
    return fd;
}

/* Whether fd still is the file the path names: the holder removes the
 * lock file before it lets go, so a waiter that got the lock on a removed
 * file holds nothing and must start again. */
static bool still_named(int fd, const char *lock)
{
    struct stat a, b;
    return fstat(fd, &a) == 0 && lstat(lock, &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Waits for the record lock on fd: true when held; false (err set) when
 * another process kept it past lock_wait, or on error. */
static bool wait_lock(xf_store *s, int fd, const char *lock, int *waited,
                      xf_err *err)
{
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
    while (fcntl(fd, F_SETLK, &fl) != 0) {
        if ((errno != EACCES && errno != EAGAIN) ||
            *waited >= (int)(s->lock_wait * 1000)) {
            struct flock who = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
            if (fcntl(fd, F_GETLK, &who) == 0 && who.l_type != F_UNLCK)
                xf_errf(err, _("%s is locked by process %ld (another xmppfed "
                        "is changing it); try again"), s->path, (long)who.l_pid);
            else
                xf_errf(err, _("cannot lock %s: %s"), lock, strerror(errno));
            return false;
        }
        nap_ms(50);
        *waited += 50;
    }
    return true;
}

/* A POSIX record lock on FILE.lock: F_GETLK tells who holds it, and the
 * lock file is never the file we rename, so the lock survives saves. The
 * holder removes FILE.lock before it lets go (nothing is left beside the
 * file); a waiter checks after locking that the path still names the file
 * it locked, else it locked a removed file and tries again. */
xf_status xf_store_lock(xf_store *s, xf_err *err)
{
    if (s->lock_fd >= 0)
        return XF_OK;
    char *lock = lock_path(s);
    int waited = 0;
    for (int tries = 0; tries < 10000; tries++) {
        int fd = open_lock_file(s, lock);
        if (fd < 0) {
            xf_errf(err, _("cannot create lock file %s: %s"), lock,
                    strerror(errno));
            free(lock);
            return XF_ERR_IO;
        }
        if (!wait_lock(s, fd, lock, &waited, err)) {
            close(fd);
            free(lock);
            return XF_ERR_LOCKED;
        }
        if (still_named(fd, lock)) {
            free(lock);
            s->lock_fd = fd;
            return XF_OK;
        }
        close(fd); /* the holder removed it meanwhile: a new one */
    }
    xf_errf(err, _("cannot lock %s: it keeps being replaced"), lock);
    free(lock);
    return XF_ERR_LOCKED;
}

void xf_store_unlock(xf_store *s)
{
    if (s->lock_fd < 0)
        return;
    char *lock = lock_path(s);
    /* removed while held: no other process can have it locked now, and
     * one waiting on this file sees it is gone and makes a new one */
    if (still_named(s->lock_fd, lock))
        unlink(lock);
    free(lock);
    close(s->lock_fd); /* closing releases the record lock */
    s->lock_fd = -1;
}

/* --- saving ------------------------------------------------------------ */

/* Under the lock: is the file still the one we read? With text, the
 * file is read whole and kept (to free()) for the splice: read and
 * hashed once for both. */
static xf_status check_unchanged(xf_store *s, char **text, size_t *len,
                                 xf_err *err)
{
    bool exists;
    unsigned char now[32];
    if (text) {
        if (read_limited(s->real, s->max_bytes, NULL, text, len, &exists,
                         err) != XF_OK)
            return XF_ERR_IO;
        if (exists)
            xf_hash_of(*text, *len, now);
    } else if (!xf_file_digest(s->real, s->max_bytes, now, &exists, err)) {
        return XF_ERR_IO;
    }
    if (exists != s->exists || (exists && memcmp(now, s->digest, 32) != 0)) {
        xf_errf(err, _("%s was changed by someone else since it was read"),
                s->path);
        return XF_ERR_CONFLICT;
    }
    return XF_OK;
}

/* What a save must not write over: a file that includes others (they
 * would be merged into it and silently stop being used) and a symbolic
 * link to nothing (it would become a regular file). */
static xf_status refuse_to_write(const xf_store *s, xf_err *err)
{
    struct stat st;
    if (s->unparsed) {
        xf_errc(err, XF_E_SYNTAX, 0, _("%s could not be read the last time "
                "(a syntax error, or it could not be opened): fix it, then "
                "reload; nothing was written"), s->path);
        return XF_ERR_SYNTAX;
    }
    if (s->cf.num_filenames > 0) { /* libconfig read another file */
        xf_errf(err, _("%s uses @include: xmppfed does not write such a file "
                "(the included files would be merged into it); change it "
                "by hand, or put everything in one file"), s->path);
        return XF_ERR_INVALID;
    }
    if (lstat(s->path, &st) == 0 && S_ISLNK(st.st_mode) &&
        stat(s->path, &st) != 0 && errno == ENOENT) {
        char target[PATH_MAX] = "";
        ssize_t n = readlink(s->path, target, sizeof target - 1);
        target[n > 0 ? n : 0] = '\0';
        xf_errf(err, _("%s is a symbolic link to %s, which does not exist: "
                "create that file, or remove the link; nothing was written"),
                s->path, target);
        return XF_ERR_IO;
    }
    return XF_OK;
}

void (*xf_store_between_renames)(void);

/* The .bak is renamed last, when the file is saved already: a folder in
 * its way must fail the save before, with the file as it was. */
static bool bak_replaceable(const char *bak_path, xf_err *err)
{
    struct stat st;
    if (lstat(bak_path, &st) != 0 || !S_ISDIR(st.st_mode))
        return true;
    xf_errf(err, _("cannot write %s: %s; the file is unchanged"), bak_path,
            strerror(EISDIR));
    return false;
}

/* With the new file written (neu, its digest), links the old one to a
 * temporary name, then renames the new file over FILE and the old one
 * over FILE.bak, in that order: killed in between, FILE is the new file
 * and FILE.bak still the generation before (never two copies of one); the
 * temporary is removed by the next save. A save that fails leaves FILE as
 * it was. */
static bool put_in_place(xf_store *s, xf_tmpfile *neu,
                         const unsigned char digest[32],
                         const struct stat *like, xf_err *err)
{
    xf_tmpfile bak = { 0 };
    char *bak_path = NULL;
    if (asprintf(&bak_path, "%s.bak", s->real) < 0)
        abort();
    bool ok = !like || xf_file_backup_tmp(&bak, s->real, like, err);
    ok = ok && (!bak.path || bak_replaceable(bak_path, err));
    if (ok && !xf_file_commit(neu, s->real)) {
        xf_errf(err, _("cannot write %s: %s; the file is unchanged"), s->real,
                strerror(errno));
        ok = false;
    }
    if (ok && xf_store_between_renames)
        xf_store_between_renames();
    /* the file is saved: a .bak that cannot be put in place keeps the
     * previous one, which is no reason to fail the save */
    if (ok && bak.path)
        xf_file_commit(&bak, bak_path);
    xf_file_discard(neu);
    xf_file_discard(&bak);
    if (ok) {
        xf_file_sync_dir(s->real);
        memcpy(s->digest, digest, 32);
        struct stat st;
        remember(s, stat(s->real, &st) == 0 ? &st : NULL);
    }
    free(bak_path);
    return ok;
}

/* The change log's lines of this save, before the tree is written: a
 * partner at a time from the tree, or, when `edit` replaced the tree,
 * from the file itself (still what was read: checked under the lock). */
static void changes_of(const xf_store *s, xf_changes *c, bool *same)
{
    if (!s->tree_replaced) {
        xf_tree_diff((config_t *)&s->cf, &s->model, c, same);
        return;
    }
    xf_store old;
    xf_err ignored;
    xf_config none;
    xf_config_init(&none);
    bool read = s->exists &&
                xf_store_open(&old, s->real, 0, &ignored) == XF_OK;
    xf_diff_config(c, read ? &old.model : &none, &s->model);
    if (s->exists)
        xf_store_close(&old);
    xf_config_free(&none);
}

/* Every save leaves its lines in FILE.log; a log that cannot be written
 * is said (log_failed) but does not undo the save. */
static void log_changes(xf_store *s, const xf_changes *c)
{
    s->log_failed = !xf_changelog_append(s->real, c, &s->log_err);
}

typedef struct splice_job {
    xf_splice *sp;
    config_t *cf;
    const char *orig;
    size_t olen;
    bool made; /* false: the splice could not be made, no I/O failed */
} splice_job;

static bool emit_spliced(FILE *f, void *arg)
{
    splice_job *j = arg;
    j->made = xf_splice_write(j->sp, j->cf, j->orig, j->olen, f);
    return j->made;
}

/* What became of a spliced save: only a text that cannot be made or
 * proven is written whole instead; a write or read that fails (a full
 * disk) fails the save, since the whole text, smaller without the
 * comments, might fit and drop them all without a word. */
typedef enum { SPLICE_WRITTEN, SPLICE_UNPROVEN, SPLICE_FAILED } splice_result;

/* The new file spliced into the file's text orig, written to neu and
 * proven from what was written, read back into orig's buffer (the two
 * texts are never held at once; orig is freed here); nothing is kept
 * unless written. */
static splice_result write_spliced(xf_store *s, xf_splice *sp, char *orig,
                                   size_t olen, xf_tmpfile *neu,
                                   const struct stat *like,
                                   unsigned char digest[32], xf_err *err)
{
    splice_job job = { sp, &s->cf, orig, olen, true };
    xf_err werr;
    if (!xf_file_write_tmp_emit(neu, s->real, emit_spliced, &job, like,
                                s->max_bytes, digest, &werr)) {
        free(orig);
        if (job.made && err)
            *err = werr;
        return job.made ? SPLICE_FAILED : SPLICE_UNPROVEN;
    }
    char *text = NULL;
    size_t len;
    bool exists;
    xf_status rs = read_limited(neu->path, s->max_bytes, orig, &text, &len,
                                &exists, err);
    if (rs == XF_OK && !exists)
        xf_errf(err, _("cannot write %s: %s; the file is unchanged"),
                s->real, strerror(ENOENT));
    splice_result r = rs != XF_OK || !exists ? SPLICE_FAILED
                      : xf_splice_proven(sp, &s->cf, text, len)
                          ? SPLICE_WRITTEN : SPLICE_UNPROVEN;
    free(text);
    if (r != SPLICE_WRITTEN)
        xf_file_discard(neu);
    return r;
}

/* Writes the changed tree: spliced into the file's text orig (the text
 * the tree was read from; NULL when there is none, or it is not: a forced
 * save, xmppfed edit) when that can be done and proven (see splice.h),
 * else rendered whole by libconfig. sp was begun on the tree before it
 * was changed. Frees orig. */
static xf_status write_tree(xf_store *s, xf_splice *sp, char *orig,
                            size_t olen, const struct stat *like, xf_err *err)
{
    xf_tmpfile neu = { 0 };
    unsigned char digest[32];
    splice_result r = SPLICE_UNPROVEN;
    if (sp && orig)
        r = write_spliced(s, sp, orig, olen, &neu, like, digest, err);
    else
        free(orig);
    if (r == SPLICE_FAILED)
        return XF_ERR_IO;
    bool spliced = r == SPLICE_WRITTEN;
    if (!spliced && !xf_tree_check_writable(&s->cf, err))
        return XF_ERR_INVALID;
    if (!spliced && !xf_file_write_tmp(&neu, s->real, &s->cf, like,
                                       s->max_bytes, digest, err))
        return XF_ERR_IO;
    return put_in_place(s, &neu, digest, like, err) ? XF_OK : XF_ERR_IO;
}

static xf_status save_locked(xf_store *s, bool force, xf_err *err)
{
    char *orig = NULL;
    size_t olen = 0;
    bool splice = s->exists && !s->tree_replaced;
    xf_status st = check_unchanged(s, splice ? &orig : NULL, &olen, err);
    if (st != XF_OK) {
        free(orig); /* forced: that text is not the one the tree was read from */
        orig = NULL;
        if (!(st == XF_ERR_CONFLICT && force))
            return st;
    }
    if ((st = refuse_to_write(s, err)) != XF_OK) {
        free(orig);
        return st;
    }
    xf_file_remove_stale(s->real);
    struct stat like; /* after a forced save: the file as it is now */
    bool had = stat(s->real, &like) == 0;
    xf_splice *sp = s->tree_replaced ? NULL : xf_splice_begin(&s->cf);
    st = XF_ERR_INVALID;
    xf_changes log = { 0 };
    /* which partners are unchanged: compared once, for the log and the
     * writer (at 100,000 partners each comparison reads the whole tree) */
    bool *same = s->tree_replaced ? NULL : calloc(s->model.n + 1, 1);
    changes_of(s, &log, same);
    if (xf_tree_write_known(&s->cf, &s->model, same, err))
        st = write_tree(s, sp, orig, olen, had ? &like : NULL, err);
    else
        free(orig);
    free(same);
    xf_splice_free(sp);
    if (st == XF_OK) {
        s->exists = true;
        s->tree_replaced = false;
        s->gen++; /* diags describe the file before this save */
        log_changes(s, &log);
        xf_changes_free(&log);
        return XF_OK;
    }
    xf_changes_free(&log);
    xf_err ignored; /* the tree was changed: back to what is on disk */
    xf_store_reload(s, &ignored);
    return st;
}

xf_status xf_store_save(xf_store *s, bool force, xf_err *err)
{
    bool had_lock = s->lock_fd >= 0;
    xf_status st = xf_store_lock(s, err);
    s->unchanged = false;
    s->log_failed = false;
    if (st == XF_OK && s->exists && !force && !s->tree_replaced &&
        !xf_tree_changed(&s->cf, &s->model))
        s->unchanged = true; /* nothing to write: the file stays as it is */
    else if (st == XF_OK)
        st = save_locked(s, force, err);
    if (!had_lock)
        xf_store_unlock(s);
    return st;
}

static void swap_models(xf_config *a, xf_config *b)
{
    xf_config t = *a;
    *a = *b;
    *b = t;
}

xf_status xf_store_commit(xf_store *s, xf_config *cand, bool force,
                          xf_err *err)
{
    unsigned long gen = s->gen;
    swap_models(&s->model, cand); /* cand: the live model meanwhile */
    xf_status st = xf_store_save(s, force, err);
    if (st == XF_OK || s->gen != gen) {
        /* saved: the candidate is the model; or the file was read again
         * after a failed write: what it holds now is the model */
        xf_config_free(cand);
        xf_config_init(cand);
        return st;
    }
    swap_models(&s->model, cand); /* nothing written: as it was */
    return st;
}

/* --- allocation and xmppfed edit's text -------------------------------- */

xf_store *xf_store_new(void)
{
    xf_store *s = malloc(sizeof *s);
    if (!s)
        abort(); /* as xf_strdup: the tool has no way to go on */
    *s = (xf_store){ .lock_fd = -1 };
    return s;
}

/* Sanitizer builds free all the same: their tests check the freeing. */
#if defined(__SANITIZE_ADDRESS__)
#define XF_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define XF_SANITIZED 1
#endif
#endif
#ifndef XF_SANITIZED
#define XF_SANITIZED 0
#endif

static bool free_at_exit;
/* Still reachable from here, so valgrind and LeakSanitizer see no leak:
 * the one store a command left to the exit. */
static xf_store *left_to_exit;

void xf_store_free_at_exit(void)
{
    free_at_exit = true;
}

void xf_store_free(xf_store *s)
{
    if (!s)
        return;
    if (free_at_exit && !left_to_exit && !XF_SANITIZED) {
        xf_store_unlock(s);
        left_to_exit = s;
        return;
    }
    xf_store_close(s);
    free(s);
}

bool xf_store_adopt_text(xf_store *s, const xf_store *checked,
                         const char *text, const char *base, size_t base_len,
                         bool base_exists)
{
    config_destroy(&s->cf);
    config_init(&s->cf);
    config_set_options(&s->cf, CONFIG_OPTION_SEMICOLON_SEPARATORS);
    char *copy = xf_strdup(s->real);
    config_set_include_dir(&s->cf, dirname(copy));
    bool ok = config_read_string(&s->cf, text) == CONFIG_TRUE;
    free(copy);
    /* the model is what the tree says: the store writes the tree as it is */
    xf_config_free(&s->model);
    xf_config_copy(&s->model, &checked->model);
    s->tree_replaced = true; /* written even when the model is the same */
    s->unparsed = !ok;      /* the tree is the checked copy, read whole */
    xf_hash_of(base ? base : "", base_len, s->digest);
    s->exists = base_exists;
    return ok;
}
