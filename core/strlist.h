/* A growable list of owned strings. */
#ifndef XF_STRLIST_H
#define XF_STRLIST_H

#include <stdbool.h>
#include <stddef.h>

typedef struct xf_strlist {
    char **v;
    size_t n, cap;
} xf_strlist;

void xf_strlist_push(xf_strlist *l, const char *s);
/* The same with s itself (allocated), no copy: the list now owns it. */
void xf_strlist_push_owned(xf_strlist *l, char *s);
void xf_strlist_remove(xf_strlist *l, size_t i);
/* Index of s compared case-insensitively, or -1. */
long xf_strlist_find(const xf_strlist *l, const char *s);
void xf_strlist_copy(xf_strlist *dst, const xf_strlist *src);
void xf_strlist_clear(xf_strlist *l);
bool xf_strlist_equal(const xf_strlist *a, const xf_strlist *b);
/* The strings joined with sep, in a new string. */
char *xf_strlist_join(const xf_strlist *l, const char *sep);

/* strdup that aborts on out-of-memory: the tool has no way to go on. */
char *xf_strdup(const char *s);
/* Puts value (owned) in *slot, freeing the old one; false if value is
 * NULL (a failed conversion), leaving *slot as it was. */
bool xf_replace_str(char **slot, char *value);
/* A whole decimal number from lo to hi; false for anything else. */
bool xf_parse_int(const char *s, int lo, int hi, int *out);

#endif
