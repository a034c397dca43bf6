/* The change log kept beside the file (FILE.log, SPEC section 8): a line
 * per changed setting, appended at every save, read by `xmppfed log`.
 * A line: TIME \t USER \t PARTNER \t SETTING \t OLD \t NEW, with
 * backslash, tab and newline written \\ \t \n. */
#ifndef XF_CHANGELOG_H
#define XF_CHANGELOG_H

#include "diag.h"
#include "partner_diff.h"

#include <stdbool.h>

typedef struct xf_log_entry {
    char *time;   /* UTC, 2026-11-27T02:10:00Z */
    char *user;
    xf_change ch;
} xf_log_entry;

typedef struct xf_log {
    xf_log_entry *v;
    size_t n, cap;
} xf_log;

/* FILE.log for FILE; caller frees. */
char *xf_changelog_path(const char *file);
/* Who made the change: $SUDO_USER, else $LOGNAME, else the user id. */
char *xf_changelog_user(void);
/* Appends c (nothing when empty), O_APPEND|O_NOFOLLOW, created 0640 with
 * the owner and group of `file` when we can. */
bool xf_changelog_append(const char *file, const xf_changes *c, xf_err *err);
/* Reads FILE.log; *exists false when there is none (not an error). */
bool xf_changelog_read(const char *file, xf_log *log, bool *exists,
                       xf_err *err);
void xf_log_free(xf_log *log);

#endif
