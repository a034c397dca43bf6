#include "strlist.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

char *xf_strdup(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

bool xf_replace_str(char **slot, char *value)
{
    if (!value)
        return false;
    free(*slot);
    *slot = value;
    return true;
}

bool xf_parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!isdigit((unsigned char)*s) || *end || errno || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

void xf_strlist_push_owned(xf_strlist *l, char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            abort();
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = s;
}

void xf_strlist_push(xf_strlist *l, const char *s)
{
    xf_strlist_push_owned(l, xf_strdup(s));
}

void xf_strlist_remove(xf_strlist *l, size_t i)
{
    if (i >= l->n)
        return;
    free(l->v[i]);
    memmove(l->v + i, l->v + i + 1, (l->n - i - 1) * sizeof *l->v);
    l->n--;
}

long xf_strlist_find(const xf_strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcasecmp(l->v[i], s) == 0)
            return (long)i;
    return -1;
}

void xf_strlist_copy(xf_strlist *dst, const xf_strlist *src)
{
    xf_strlist_clear(dst);
    for (size_t i = 0; i < src->n; i++)
        xf_strlist_push(dst, src->v[i]);
}

void xf_strlist_clear(xf_strlist *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    *l = (xf_strlist){ 0 };
}

char *xf_strlist_join(const xf_strlist *l, const char *sep)
{
    size_t len = 1, seplen = strlen(sep);
    for (size_t i = 0; i < l->n; i++)
        len += strlen(l->v[i]) + seplen;
    char *s = malloc(len), *end = s;
    if (!s)
        abort();
    for (size_t i = 0; i < l->n; i++) { /* end moves on: linear, not strcat */
        if (i)
            end = mempcpy(end, sep, seplen);
        end = stpcpy(end, l->v[i]);
    }
    *end = '\0';
    return s;
}

bool xf_strlist_equal(const xf_strlist *a, const xf_strlist *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->v[i], b->v[i]) != 0)
            return false;
    return true;
}
