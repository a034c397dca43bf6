#include "atomic_write.h"
#include "i18n.h"
#include "store_file.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The mode and owner the new file takes: those of the file it replaces,
 * or, for a new one, what a plain creation would give (0644 less the
 * umask, so that the collector can read it). */
static void like_of(const char *path, struct stat *like)
{
    if (stat(path, like) == 0)
        return;
    mode_t mask = umask(0);
    umask(mask);
    memset(like, 0, sizeof *like);
    like->st_mode = 0644 & ~mask;
    like->st_uid = geteuid();
    like->st_gid = getegid();
}

/* The store's temporary file and rename (store_file.c), without the
 * store's lock, backup or size limit. */
bool xf_write_atomic(const char *path, const char *data, size_t len,
                     xf_err *err)
{
    struct stat like;
    like_of(path, &like);
    xf_tmpfile t = { 0 };
    unsigned char digest[32];
    if (!xf_file_write_tmp_text(&t, path, data, len, &like, SIZE_MAX, digest, err))
        return false;
    if (!xf_file_commit(&t, path)) {
        xf_errf(err, _("cannot write %s: %s; the file is unchanged"), path,
                strerror(errno));
        xf_file_discard(&t);
        return false;
    }
    return true;
}
