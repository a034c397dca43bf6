/* A federated partner: one remote XMPP domain and the security policy of
 * the server-to-server connection with it (SPEC section 1). */
#ifndef XF_PARTNER_H
#define XF_PARTNER_H

#include "diag.h"
#include "enums.h"
#include "fields.h"
#include "matrix.h"
#include "strlist.h"

#include <stdbool.h>

#define XF_DESCRIPTION_MAX 1024
#define XF_LIMIT_MIN 1
#define XF_LIMIT_MAX 1000

typedef enum {
    XF_F_DOMAIN,
    XF_F_DESCRIPTION,
    XF_F_ADDITIONAL,
    XF_F_TYPE,
    XF_F_TLS,
    XF_F_SASL,
    XF_F_DIALBACK,
    XF_F_PROXY,
    XF_F_LIMIT,
    XF_F_KEEPALIVE,
    XF_F_COUNT
} xf_field;

/* A value from the file that breaks the rules, kept as it is so that it
 * is shown (marked) and written back unchanged, never replaced by a
 * default: text is the value as in the file, reason says what is wrong. */
typedef struct xf_bad_value {
    char *text;   /* NULL: the field's value is valid */
    char *reason;
    int line;
} xf_bad_value;

typedef struct xf_partner {
    char *domain;          /* A-label, lower case */
    char *description;     /* UTF-8 */
    xf_strlist additional; /* A-labels */
    xf_ptype type;
    xf_mode tls, sasl;
    bool dialback;
    char *proxy_fqdn;      /* "" = use DNS SRV */
    int connection_limit;  /* 0 = unset: the gateway's default */
    bool keep_alive;
    int line;              /* where it stands in the file; 0 if new */
    int origin;            /* 1-based index of its group in the file as
                              loaded, 0 if new: lets a save keep the
                              settings xmppfed does not know */
    xf_bad_value *bad;     /* NULL, or XF_F_COUNT values: those in error,
                              as in the file; the typed member then holds a
                              stand-in that must never be shown. Allocated
                              at the first: most partners have none, and
                              the array was two thirds of a partner */
} xf_partner;

/* The record of field f in the field table (core/fields.c), or NULL. */
extern const xf_field_def xf_partner_fields[XF_F_COUNT];
static inline const xf_field_def *xf_partner_field(xf_field f)
{
    return (unsigned)f < XF_F_COUNT ? &xf_partner_fields[f] : NULL;
}

/* The label shown in the form, the setting name in the file, the help. */
const char *xf_field_label(xf_field f);
const char *xf_field_key(xf_field f);
const char *xf_field_help(xf_field f);

xf_partner *xf_partner_new(void); /* with the defaults of the spec */
xf_partner *xf_partner_dup(const xf_partner *p);
void xf_partner_free(xf_partner *p);
bool xf_partner_equal(const xf_partner *a, const xf_partner *b);

/* Sets one field from its text form, as typed on the command line or in a
 * form: checked and normalised. Additional domains take a comma- or
 * space-separated list. Returns false with err filled, p unchanged. */
bool xf_partner_set(xf_partner *p, xf_field f, const char *text, xf_err *err);
/* The same for the additional domains from a form's entries, each one
 * domain (see xf_def_set_items). */
bool xf_partner_set_items(xf_partner *p, xf_field f, const xf_strlist *items,
                          xf_err *err);
/* The text form of a field (what xf_partner_set takes back); for a value
 * in error, its text as in the file. Setting a field clears its error. */
char *xf_partner_get(const xf_partner *p, xf_field f);

/* Keeps text, the value of field f as in the file, as a value in error:
 * for the string fields it becomes the value itself (the additional
 * domains are kept by the caller). */
void xf_partner_keep_bad(xf_partner *p, xf_field f, const char *text,
                         const char *reason, int line);
bool xf_partner_in_error(const xf_partner *p, xf_field f);
/* The value of field f as written when it is in error, or NULL. */
const char *xf_partner_bad_text(const xf_partner *p, xf_field f);
/* Why field f is in error, or NULL. */
const char *xf_partner_error(const xf_partner *p, xf_field f);
size_t xf_partner_error_count(const xf_partner *p);
/* Field f of dst becomes that of src, an error included. */
void xf_partner_take_field(xf_partner *dst, const xf_partner *src, xf_field f);
/* False when TLS, SASL or dialback is in error: the matrix verdict of the
 * stand-ins would be a guess, so none is given. */
bool xf_partner_policy_known(const xf_partner *p);
/* Why the policy is not known (the first of TLS, SASL, dialback in
 * error), or NULL when it is. */
const char *xf_partner_policy_error(const xf_partner *p);

bool xf_description_check(const char *s, xf_err *err);
/* Checks the additional domains against the primary and each other. */
bool xf_partner_check_domains(const xf_partner *p, xf_err *err);
/* The matrix row of the partner's TLS, SASL and dialback. */
const xf_matrix_row *xf_partner_matrix(const xf_partner *p);

#endif
