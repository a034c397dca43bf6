/* Files for the unit tests of the store: written and read whole. Included
 * by one test file each (static functions, after cmocka.h and store.h). */
#ifndef XF_TEST_FILES_H
#define XF_TEST_FILES_H

#include <stdio.h>

static inline void write_text(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The whole file, to free(). */
static inline char *slurp(const char *p)
{
    char *data;
    size_t len;
    bool exists;
    assert_int_equal(xf_read_file(p, &data, &len, &exists, NULL), XF_OK);
    return data;
}

#endif
