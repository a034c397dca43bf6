#include "atomic_write.h"
#include "fdio.h"
#include "strlist.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static mode_t mode_for(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return st.st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0644 & ~mask;
}

bool xf_write_atomic(const char *path, const char *data, size_t len,
                     xf_err *err)
{
    char *d = xf_strdup(path), *b = xf_strdup(path), *tmp = NULL;
    if (asprintf(&tmp, "%s/.%s.XXXXXX", dirname(d), basename(b)) < 0)
        abort();
    int fd = mkstemp(tmp); /* O_EXCL: never through a planted name */
    bool ok = fd >= 0 && xf_write_all(fd, data, len) &&
              fchmod(fd, mode_for(path)) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        xf_errf(err, "cannot write %s: %s", path, strerror(saved));
        if (fd >= 0)
            unlink(tmp);
    }
    free(tmp);
    free(d);
    free(b);
    return ok;
}
