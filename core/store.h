/* The configuration file (SPEC section 3): load with line numbers, save
 * atomically and durably, lock around read-modify-write, detect changes
 * made by someone else, and keep every setting we do not know. */
#ifndef XF_STORE_H
#define XF_STORE_H

#include "config.h"
#include "diag.h"

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

/* The file and its model. Opaque: the parsed tree (libconfig) stays
 * inside core/ (store_impl.h); callers use the accessors below. */
typedef struct xf_store xf_store;

/* The path to use: -f, then $XMPPFED_CONFIG, then the default. */
const char *xf_store_default_path(const char *option);

/* A store to open (never NULL); xf_store_free closes and frees it. */
xf_store *xf_store_new(void);
void xf_store_free(xf_store *s);
/* For a command that exits as soon as it has freed its store (list,
 * show, check): from now on xf_store_free only unlocks the first store it
 * is given and leaves its memory to the exit, which returns it at once.
 * Freeing a 100,000-partner tree piece by piece was a tenth of a list. */
void xf_store_free_at_exit(void);
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
/* Drops what was read; the store may be opened again. */
void xf_store_close(xf_store *s);

/* --- what callers may see (store_access.c) --- */
/* The model: the partners and the gateway, the public data. */
xf_config *xf_store_model(xf_store *s);
const xf_config *xf_store_cmodel(const xf_store *s);
const char *xf_store_path(const xf_store *s); /* as the user named it */
const char *xf_store_real(const xf_store *s); /* symlinks resolved */
bool xf_store_exists(const xf_store *s);      /* the file existed when read */
const xf_diags *xf_store_diags(const xf_store *s); /* problems in the file */
bool xf_store_unchanged(const xf_store *s); /* the last save wrote nothing */
/* Why the last save's change log was not written, or NULL. */
const xf_err *xf_store_log_error(const xf_store *s);
/* One more at every read and every save. */
unsigned long xf_store_gen(const xf_store *s);
/* The errors and warnings of the file: the diagnostics when they describe
 * the file as it is, else counted on the tree again. */
void xf_store_count_problems(const xf_store *s, size_t *nerr, size_t *nwarn);
/* The partner (NULL if none) and the setting (NULL if none) a diagnostic
 * of the file stands on, found in the parsed tree (store_locate.c). */
void xf_store_locate(const xf_store *s, const xf_diag *d,
                     const xf_partner **partner, const char **setting);
/* Puts text (checked: a store opened on it) into s as the file's new
 * content; the digest of base, the bytes this text was made from, lets
 * the save detect a change made meanwhile by someone else. False when the
 * text does not parse (nothing is then written). */
bool xf_store_adopt_text(xf_store *s, const xf_store *checked,
                         const char *text, const char *base, size_t base_len,
                         bool base_exists);

/* Reads a whole file, at most XF_FILE_MAX bytes; *exists false on ENOENT. */
xf_status xf_read_file(const char *path, char **data, size_t *len,
                       bool *exists, xf_err *err);

/* For tests: called in a save between renaming the new file over FILE and
 * the old one over FILE.bak (where a killed writer stops). */
extern void (*xf_store_between_renames)(void);

#endif
