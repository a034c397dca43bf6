/* The negotiation matrix of SPEC section 2: for every combination of TLS,
 * SASL and dialback, the verdict, the authentication methods a session may
 * end up using, and the reason. */
#ifndef XF_MATRIX_H
#define XF_MATRIX_H

#include "enums.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum { XF_VERDICT_OK, XF_VERDICT_WARNING, XF_VERDICT_ERROR } xf_verdict;

enum {
    XF_METHOD_SASL_TLS = 1u << 0,
    XF_METHOD_TLS_DIALBACK = 1u << 1,
    XF_METHOD_TCP_DIALBACK = 1u << 2,
    XF_METHOD_ALL = 7u
};

typedef struct xf_matrix_row {
    xf_mode tls, sasl;
    bool dialback;
    xf_verdict verdict;
    unsigned methods;
    const char *reason; /* NULL when the spec has none */
} xf_matrix_row;

const xf_matrix_row *xf_matrix_lookup(xf_mode tls, xf_mode sasl, bool dialback);
const xf_matrix_row *xf_matrix_rows(size_t *count);

const char *xf_verdict_name(xf_verdict v);
/* "sasl-over-tls" etc. for one method bit. */
const char *xf_method_name(unsigned method);
/* The methods joined with sep, or "none"; returns buf. */
char *xf_methods_format(unsigned methods, const char *sep, char *buf,
                        size_t cap);
/* The same in the user's words ("SASL over TLS"), for the screen. */
char *xf_methods_labels(unsigned methods, const char *sep, char *buf,
                        size_t cap);

#endif
