/* A scratch folder under /tmp for a unit test's files, made in setup and
 * removed whole in teardown (include after cmocka.h). */
#ifndef XF_TEST_SCRATCH_H
#define XF_TEST_SCRATCH_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* dir (at least 64 bytes) becomes a new folder /tmp/xf-NAME-XXXXXX. */
static inline void scratch_make(char *dir, const char *name)
{
    snprintf(dir, 64, "/tmp/xf-%s-XXXXXX", name);
    assert_non_null(mkdtemp(dir));
}

/* Removes dir and all in it, read-only folders too; 0 when done. */
static inline int scratch_remove(const char *dir)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "chmod -R u+w %s; rm -rf %s", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

#endif
