/* The configuration file (SPEC section 3): load with line numbers, save
 * atomically and durably, lock around read-modify-write, detect changes
 * made by someone else, and keep every setting we do not know. */
#ifndef XF_STORE_H
#define XF_STORE_H

#include "config.h"
#include "diag.h"

#include <libconfig.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#define XF_DEFAULT_PATH "/etc/xmppfed/partners.conf"
/* The largest file read or written: about a million partners, far above
 * any real list; the same limit both ways, so that a save never writes
 * what the next command would refuse. */
#define XF_FILE_MAX ((size_t)256 << 20)

typedef enum {
    XF_OK = 0,
    XF_ERR_SYNTAX,   /* the file does not parse: err is FILE:LINE: msg */
    XF_ERR_IO,       /* cannot read or write */
    XF_ERR_LOCKED,   /* another process holds the lock */
    XF_ERR_CONFLICT, /* the file changed on disk since we read it */
    XF_ERR_INVALID,  /* the file parses but breaks the rules */
} xf_status;

enum { XF_STORE_LOCK = 1 }; /* xf_store_open: take the lock first */

typedef struct xf_store {
    char *path;        /* as the user named it */
    char *real;        /* symlinks resolved: the file we replace */
    bool exists;       /* the file existed when read */
    unsigned char digest[32];
    config_t cf;       /* the parsed file, unknown settings included */
    xf_config model;
    xf_diags diags;    /* problems found in the file */
    int lock_fd;       /* -1 when not locked */
    double lock_wait;  /* seconds to wait for a busy lock */
    bool unchanged;    /* the last save found nothing to write */
    bool has_include;  /* the file uses @include: never written */
    bool unparsed;     /* the last read failed (syntax, I/O): the tree is
                          half read, so nothing is written until a read
                          succeeds */
    bool tree_replaced; /* cf is not the file as read (xmppfed edit): a
                           save writes it even with the model unchanged */
    size_t max_bytes;  /* XF_FILE_MAX: read and write limit */
    struct xf_file_id {  /* the file as last read or written, for the */
        bool exists;     /* cheap check of xf_store_changed_on_disk */
        dev_t dev;
        ino_t ino;
        off_t size;
        struct timespec mtime;
    } seen;
    bool log_failed;   /* the last save's change log was not written: */
    xf_err log_err;    /* why (the save itself stands) */
    unsigned long gen;       /* one more at every read and every save */
    unsigned long diags_gen; /* the gen that diags describe */
} xf_store;

/* The path to use: -f, then $XMPPFED_CONFIG, then the default. */
const char *xf_store_default_path(const char *option);

xf_status xf_store_open(xf_store *s, const char *path, int flags, xf_err *err);
/* Reads the file again into the model, dropping the model's changes. */
xf_status xf_store_reload(xf_store *s, xf_err *err);
xf_status xf_store_lock(xf_store *s, xf_err *err);
void xf_store_unlock(xf_store *s);
/* Writes the model; with nothing changed, writes nothing and sets
 * unchanged. Unless force, refuses with XF_ERR_CONFLICT when the
 * file is no longer what we read (the model is then left as it is). When
 * the write itself fails, the file is unchanged and the model is reset to
 * it. Takes the lock if not held. */
xf_status xf_store_save(xf_store *s, bool force, xf_err *err);
/* The commit of a candidate model: written as xf_store_save would write
 * it, and adopted as the model only once the file is in place (cand is
 * then emptied). When nothing was written the model is as it was and
 * cand keeps the candidate; when a failed write made the store read the
 * file again, the model is the file and cand is emptied. */
xf_status xf_store_commit(xf_store *s, xf_config *cand, bool force,
                          xf_err *err);
/* Did someone change the file since we read or wrote it? A stat first
 * (identity, size, mtime), cheap enough for an idle loop; the content is
 * compared only when that differs, so that a touch is no change. Each
 * change is told once (a save still finds it: it compares the content). */
bool xf_store_changed_on_disk(xf_store *s);
/* The file as read or last saved, as a model (the base of a merge). */
void xf_store_base(const xf_store *s, xf_config *out);
struct xf_merge;
/* After xf_store_commit said XF_ERR_CONFLICT: merges cand with the file
 * as it is now (config_merge.h) and commits the result when nothing is in
 * conflict, or ours_wins. XF_ERR_CONFLICT: partners in conflict, m says
 * which and what they changed; the store is as it was. XF_ERR_INVALID: a
 * domain of ours is another partner's now. m is filled in every case
 * (xf_merge_free). */
xf_status xf_store_merge(xf_store *s, const xf_config *cand, bool ours_wins,
                         struct xf_merge *m, xf_err *err);
void xf_store_close(xf_store *s);

/* Reads a whole file, at most XF_FILE_MAX bytes; *exists false on ENOENT. */
xf_status xf_read_file(const char *path, char **data, size_t *len,
                       bool *exists, xf_err *err);

/* For tests: called in a save between renaming the new file over FILE and
 * the old one over FILE.bak (where a killed writer stops). */
extern void (*xf_store_between_renames)(void);

#endif
