#include "diag.h"
#include "visible.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Escaped here, once, so that no caller can send a value from the file
 * raw to a terminal or to JSON; cut to fit, before a character. */
static void set_msg(char *msg, size_t cap, const char *raw)
{
    char *vis = xf_visible(raw);
    size_t n = strlen(vis);
    if (n >= cap) {
        n = cap - 1;
        while (n && ((unsigned char)vis[n] & 0xC0) == 0x80)
            n--; /* cut before a character, not inside it */
    }
    memcpy(msg, vis, n);
    msg[n] = '\0';
    free(vis);
}

static void verrc(xf_err *err, xf_errcode code, unsigned says,
                  const char *fmt, va_list ap)
{
    char *raw = NULL;
    if (vasprintf(&raw, fmt, ap) < 0)
        abort();
    *err = (xf_err){ .code = code, .says = says };
    set_msg(err->msg, sizeof err->msg, raw);
    free(raw);
}

void xf_errf(xf_err *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    verrc(err, XF_E_INVALID, 0, fmt, ap);
    va_end(ap);
}

void xf_errc(xf_err *err, xf_errcode code, unsigned says, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    verrc(err, code, says, fmt, ap);
    va_end(ap);
}

void xf_err_on(xf_err *err, xf_err_scope scope, int id)
{
    if (err)
        err->field = (xf_err_field){ scope, id };
}

void xf_err_prefix(xf_err *err, const char *fmt, ...)
{
    if (!err)
        return;
    va_list ap;
    va_start(ap, fmt);
    char *prefix = NULL, *raw = NULL;
    if (vasprintf(&prefix, fmt, ap) < 0)
        abort();
    va_end(ap);
    char *vis = xf_visible(prefix);
    if (asprintf(&raw, "%s: %s", vis, err->msg) < 0)
        abort();
    size_t reason = err->reason + strlen(vis) + 2;
    set_msg(err->msg, sizeof err->msg, raw); /* escaped already: unchanged */
    size_t len = strlen(err->msg);
    err->reason = reason < len ? reason : len; /* cut: what is left */
    free(vis);
    free(prefix);
    free(raw);
}

const char *xf_err_reason(const xf_err *err)
{
    return err->msg + err->reason;
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
