/* Error messages and diagnostics shared by the whole core. */
#ifndef XF_DIAG_H
#define XF_DIAG_H

#include <stdbool.h>
#include <stddef.h>

/* What went wrong, for a caller that acts on it: callers decide by the
 * code and the field, never by the text. */
typedef enum {
    XF_E_INVALID,   /* a value that breaks the rules (the default) */
    XF_E_RANGE,     /* not a number in its range */
    XF_E_CHOICE,    /* not one of the choices */
    XF_E_TAKEN,     /* a domain that is already a partner's */
    XF_E_SYNTAX,    /* a file that does not parse */
    XF_E_IO,        /* a file that cannot be read or written */
    XF_E_CONFLICT,  /* the file changed on disk */
    XF_E_TYPE_NAME, /* a CSV cell holds a .NET type name (Export-Csv's way
                       with lists), not the value */
} xf_errcode;

/* The setting an error concerns: a partner field (xf_field) or a gateway
 * setting (xf_gfield), by id; a field table can take the pair's place. */
typedef enum { XF_ON_NONE, XF_ON_PARTNER, XF_ON_GATEWAY } xf_err_scope;
typedef struct xf_err_field {
    xf_err_scope scope;
    int id;
} xf_err_field;

/* One error, filled by the function that failed. msg says what is wrong;
 * it names the setting only when says has XF_SAYS_FIELD (the field tells
 * which: see xf_err_key in config.h), and quotes the whole value only
 * when says has XF_SAYS_VALUE. Messages quote values
 * from the file: xf_errf and xf_diags_add escape them (xf_visible), so a
 * message is always printable UTF-8. */
typedef struct xf_err {
    char msg[512];
    xf_errcode code;
    xf_err_field field;
    unsigned says;   /* XF_SAYS_* */
    int line;        /* XF_E_SYNTAX: the line; else 0 */
    size_t reason;   /* where msg's own text starts, after xf_err_prefix */
} xf_err;

/* Fills err (NULL: nothing) with code XF_E_INVALID and no field. */
void xf_errf(xf_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* What msg already says, so that a caller does not say it again. */
enum {
    XF_SAYS_VALUE = 1, /* msg quotes the whole value */
    XF_SAYS_FIELD = 2, /* msg names the setting ("description holds ...") */
};
/* The same with a code and what msg says (XF_SAYS_*). */
void xf_errc(xf_err *err, xf_errcode code, unsigned says, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Says which setting err concerns (err NULL: nothing). */
void xf_err_on(xf_err *err, xf_err_scope scope, int id);
/* The one way to put context before a message: "PREFIX: msg". The code
 * and field stay; xf_err_reason still gives the message without it. */
void xf_err_prefix(xf_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The message without what xf_err_prefix put before it. */
const char *xf_err_reason(const xf_err *err);

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
