/* Files only their user may touch (the editor's drafts): a private folder
 * of the user's own, names opened without following symbolic links, and
 * writes through a new temporary file renamed into place, so that nobody
 * else can redirect what is written or plant what is read. */
#ifndef XF_SAFEFILE_H
#define XF_SAFEFILE_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#define XF_PRIVATE_MAX (1u << 20) /* larger is not ours */

/* Opens dir as a folder that the effective user owns and nobody else may
 * write, creating it and its missing parents with mode 0700. Returns its
 * descriptor, or -1 with the reason in err (a symbolic link, another
 * owner, group or other write permission). */
int xf_private_dir_open(const char *dir, xf_err *err);

/* Replaces name in the folder dfd with data: a new temporary file there
 * (O_EXCL, O_NOFOLLOW, mode 0600), flushed to disk, renamed over name. A
 * symbolic link at name is replaced, never followed. */
bool xf_private_write(int dfd, const char *name, const char *data,
                      size_t len, xf_err *err);

/* Reads name in dfd when it is a regular file of the effective user's,
 * not reached through a link. *data is NULL and true is returned when
 * there is none; false and err when it is not to be trusted. */
bool xf_private_read(int dfd, const char *name, char **data, size_t *len,
                     xf_err *err);

#endif
