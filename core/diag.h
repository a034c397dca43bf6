/* Error messages and diagnostics shared by the whole core. */
#ifndef XF_DIAG_H
#define XF_DIAG_H

#include <stddef.h>

/* One error message, filled by the function that failed. Messages quote
 * values from the file: xf_errf and xf_diags_add escape them (xf_visible),
 * so a message is always printable UTF-8. */
typedef struct xf_err {
    char msg[512];
} xf_err;

void xf_errf(xf_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* A note is no problem: a remark worth reading (the matrix's "ok" row with
 * a remark, e.g. plain TCP dialback), never counted as a warning. */
typedef enum { XF_DIAG_WARNING, XF_DIAG_ERROR, XF_DIAG_NOTE } xf_severity;

/* A problem found in a file: its line (0 when unknown) and the message. */
typedef struct xf_diag {
    xf_severity severity;
    int line;
    char *msg;
} xf_diag;

typedef struct xf_diags {
    xf_diag *v;
    size_t n, cap;
} xf_diags;

void xf_diags_add(xf_diags *d, xf_severity sev, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
size_t xf_diags_count(const xf_diags *d, xf_severity sev);
void xf_diags_free(xf_diags *d);

#endif
