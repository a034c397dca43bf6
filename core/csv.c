#include "csv.h"
#include "i18n.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

/* --- encodings --------------------------------------------------------- */

static char *from_utf16(const char *data, size_t len, const char *code,
                        xf_err *err)
{
    iconv_t cd = iconv_open("UTF-8", code);
    if (cd == (iconv_t)-1) {
        xf_errf(err, _("cannot convert from %s: %s"), code, strerror(errno));
        return NULL;
    }
    size_t cap = len * 2 + 1, left = cap - 1; /* 2 bytes give at most 3 */
    char *out = malloc(cap), *o = out;
    char *in = (char *)data;
    if (!out)
        abort();
    size_t r = iconv(cd, &in, &len, &o, &left);
    iconv_close(cd);
    if (r == (size_t)-1) {
        xf_errf(err, _("not valid %s at byte %zu"), code, (size_t)(in - data));
        free(out);
        return NULL;
    }
    if (memchr(out, 0, (size_t)(o - out))) {
        xf_errf(err, _("holds a NUL character: not a text file"));
        free(out);
        return NULL;
    }
    *o = '\0';
    return out;
}

char *xf_csv_decode(const char *data, size_t len, xf_err *err)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
        return from_utf16(data + 2, len - 2, "UTF-16LE", err);
    if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
        return from_utf16(data + 2, len - 2, "UTF-16BE", err);
    if (len >= 2 && u[0] != 0 && u[1] == 0) /* "I\0d\0": LE without a BOM */
        return from_utf16(data, len, "UTF-16LE", err);
    if (len >= 3 && !memcmp(u, "\xEF\xBB\xBF", 3)) {
        data += 3;
        len -= 3;
    }
    if (memchr(data, 0, len)) {
        xf_errf(err, _("holds a NUL byte: not a text file"));
        return NULL;
    }
    if (u8_check((const uint8_t *)data, len)) {
        xf_errf(err, _("not UTF-8 (nor UTF-16): export it with "
                "Export-Csv -Encoding UTF8"));
        return NULL;
    }
    char *text = malloc(len + 1);
    if (!text)
        abort();
    memcpy(text, data, len);
    text[len] = '\0';
    return text;
}

/* --- records ----------------------------------------------------------- */

static void push_row(xf_csv *c, xf_strlist *f, int line)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        xf_csv_row *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            abort();
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = (xf_csv_row){ .f = *f, .line = line };
    *f = (xf_strlist){ 0 };
}

/* One field starting at *p; leaves *p on the separator or line end. */
static bool field(const char **p, int *line, char *buf, xf_err *err)
{
    const char *s = *p;
    size_t len = 0;
    if (*s != '"') {
        while (*s && *s != ',' && *s != '\r' && *s != '\n') {
            if (*s == '"') {
                xf_errf(err, _("line %d: a quote inside a field that does not "
                        "begin with one"), *line);
                return false;
            }
            buf[len++] = *s++;
        }
    } else {
        int start = *line;
        for (s++;; s++) {
            if (!*s) {
                xf_errf(err, _("line %d: the quoted field never ends"), start);
                return false;
            }
            if (*s == '"' && s[1] != '"')
                break;
            if (*s == '"')
                s++; /* a doubled quote is one */
            else if (*s == '\n')
                (*line)++;
            buf[len++] = *s;
        }
        s++;
        if (*s && *s != ',' && *s != '\r' && *s != '\n') {
            xf_errf(err, _("line %d: text after the closing quote of a field"),
                    *line);
            return false;
        }
    }
    buf[len] = '\0';
    *p = s;
    return true;
}

/* The line break after a record: CRLF, LF or a lone CR. */
static const char *end_of_line(const char *s, int *line)
{
    if (*s == '\r')
        s++;
    if (*s == '\n')
        s++;
    (*line)++;
    return s;
}

bool xf_csv_parse(const char *text, xf_csv *out, xf_err *err)
{
    *out = (xf_csv){ 0 };
    char *buf = malloc(strlen(text) + 1);
    xf_strlist f = { 0 };
    int line = 1, start = 1;
    bool ok = true;
    if (!buf)
        abort();
    for (const char *s = text; ok && *s;) {
        if (!f.n && (*s == '\r' || *s == '\n')) { /* a blank line */
            s = end_of_line(s, &line);
            start = line;
            continue;
        }
        ok = field(&s, &line, buf, err);
        if (ok && f.n >= XF_CSV_MAX_FIELDS) {
            xf_errf(err, _("line %d: more than %d fields"), line,
                    XF_CSV_MAX_FIELDS);
            ok = false;
        }
        if (!ok)
            break;
        xf_strlist_push(&f, buf);
        if (*s == ',') {
            s++;
            if (!*s || *s == '\r' || *s == '\n')
                xf_strlist_push(&f, ""); /* a trailing empty field */
            else
                continue;
        }
        push_row(out, &f, start);
        if (*s)
            s = end_of_line(s, &line);
        start = line;
    }
    free(buf);
    xf_strlist_clear(&f);
    if (!ok)
        xf_csv_free(out);
    return ok;
}

void xf_csv_free(xf_csv *c)
{
    for (size_t i = 0; i < c->n; i++)
        xf_strlist_clear(&c->v[i].f);
    free(c->v);
    *c = (xf_csv){ 0 };
}

long xf_csv_column(const xf_csv *c, const char *name)
{
    if (!c->n)
        return -1;
    for (size_t i = 0; i < c->v[0].f.n; i++)
        if (!strcasecmp(c->v[0].f.v[i], name))
            return (long)i;
    return -1;
}
