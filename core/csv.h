/* Comma-separated values as RFC 4180 has them and PowerShell's Export-Csv
 * writes them: quoted fields, doubled quotes, CRLF, line breaks inside
 * quotes; in UTF-8 with or without a byte order mark, or UTF-16. */
#ifndef XF_CSV_H
#define XF_CSV_H

#include "diag.h"
#include "strlist.h"

#include <stddef.h>

#define XF_CSV_MAX_FIELDS 256

typedef struct xf_csv_row {
    xf_strlist f; /* the fields, unquoted */
    int line;     /* the line the record starts on, from 1 */
} xf_csv_row;

typedef struct xf_csv {
    xf_csv_row *v;
    size_t n, cap;
} xf_csv;

/* The text as UTF-8: a UTF-8 BOM dropped, UTF-16 (LE or BE, with a BOM,
 * or LE without one as the first NUL byte betrays) converted with iconv.
 * Returns a new NUL-terminated string, or NULL with err when it is not
 * valid UTF-8 / UTF-16 or holds a NUL. */
char *xf_csv_decode(const char *data, size_t len, xf_err *err);

/* Parses UTF-8 text. Blank lines between records are skipped. False with
 * err ("line N: ...") on an unterminated quote, text after a closing
 * quote, or a quote inside an unquoted field; out is then empty. */
bool xf_csv_parse(const char *text, xf_csv *out, xf_err *err);
void xf_csv_free(xf_csv *c);

/* Index of the header field named name (case-insensitive), or -1. */
long xf_csv_column(const xf_csv *c, const char *name);

#endif
