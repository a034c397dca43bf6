#include "diag.h"
#include "visible.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void xf_errf(xf_err *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *raw = NULL;
    if (vasprintf(&raw, fmt, ap) < 0)
        abort();
    va_end(ap);
    /* messages quote values from the file: escaped here, once, so that no
     * caller can send them raw to a terminal or to JSON */
    char *vis = xf_visible(raw);
    size_t n = strlen(vis);
    if (n >= sizeof err->msg) {
        n = sizeof err->msg - 1;
        while (n && ((unsigned char)vis[n] & 0xC0) == 0x80)
            n--; /* cut before a character, not inside it */
    }
    memcpy(err->msg, vis, n);
    err->msg[n] = '\0';
    free(raw);
    free(vis);
}

void xf_diags_add(xf_diags *d, xf_severity sev, int line, const char *fmt, ...)
{
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        xf_diag *v = realloc(d->v, cap * sizeof *v);
        if (!v)
            abort();
        d->v = v;
        d->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *raw = NULL;
    if (vasprintf(&raw, fmt, ap) < 0)
        abort();
    va_end(ap);
    char *msg = xf_visible(raw); /* see xf_errf */
    free(raw);
    d->v[d->n++] = (xf_diag){ .severity = sev, .line = line, .msg = msg };
}

size_t xf_diags_count(const xf_diags *d, xf_severity sev)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++)
        n += d->v[i].severity == sev;
    return n;
}

void xf_diags_free(xf_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->v[i].msg);
    free(d->v);
    *d = (xf_diags){ 0 };
}
