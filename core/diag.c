#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

void xf_errf(xf_err *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
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
    char *msg = NULL;
    if (vasprintf(&msg, fmt, ap) < 0)
        abort();
    va_end(ap);
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
