#include "diag.h"
#include "visible.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The length of the longest head of s of at most max bytes that ends
 * before a character, not inside one. */
static size_t head_len(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max)
        return n;
    while (max && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

/* The shortest tail of s of at most max bytes that starts a character. */
static const char *tail_of(const char *s, size_t max)
{
    size_t n = strlen(s);
    const char *t = s + (n > max ? n - max : 0);
    while (((unsigned char)*t & 0xC0) == 0x80)
        t++;
    return t;
}

/* Escaped here, once, so that no caller can send a value from the file
 * raw to a terminal or to JSON. Too long, it is cut in the middle at
 * characters: the head says what, the tail why ("... is not a number from
 * 1 to 1000"), and what goes is the long value quoted between them. */
static void set_msg(char *msg, size_t cap, const char *raw)
{
    static const char mark[] = "\u2026"; /* … */
    char *vis = xf_visible(raw);
    size_t n = strlen(vis), room = cap - 1 - (sizeof mark - 1);
    if (n < cap) {
        memcpy(msg, vis, n + 1);
    } else {
        size_t h = head_len(vis, room / 2);
        memcpy(msg, vis, h);
        memcpy(msg + h, mark, sizeof mark - 1);
        strcpy(msg + h + sizeof mark - 1, tail_of(vis, room - h));
    }
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
    size_t len = strlen(err->msg), room = sizeof err->msg - 1;
    if (strlen(vis) + 2 + len > room && room > len + 2 + 3) {
        /* the prefix is what is cut, so that the message stays whole */
        size_t h = head_len(vis, room - len - 2 - 3);
        strcpy(vis + h, "\u2026");
    }
    if (asprintf(&raw, "%s: %s", vis, err->msg) < 0)
        abort();
    size_t reason = err->reason + strlen(vis) + 2;
    bool fits = strlen(raw) <= room;
    set_msg(err->msg, sizeof err->msg, raw); /* escaped already: unchanged */
    err->reason = fits ? reason : strlen(err->msg); /* else cut: no reason */
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
