/* The whole configuration: the gateway section and the partners, with the
 * rules that span partners (a domain belongs to one partner only). */
#ifndef XF_CONFIG_H
#define XF_CONFIG_H

#include "diag.h"
#include "partner.h"

#include <stdbool.h>
#include <stddef.h>

#define XF_TIMEOUT_DEFAULT 10
#define XF_TIMEOUT_MAX 600
#define XF_GW_LIMIT_DEFAULT 3
#define XF_CERT_WARN_DAYS_DEFAULT 14
#define XF_CERT_WARN_DAYS_MAX 3650

typedef enum {
    XF_G_LOCAL_DOMAIN,
    XF_G_CA_FILE,
    XF_G_CERTIFICATE,
    XF_G_KEY,
    XF_G_DNS_SERVER,
    XF_G_TEST_TIMEOUT,
    XF_G_CONNECTION_LIMIT,
    XF_G_CERT_WARN_DAYS,
    XF_G_AFTER_SAVE,
    XF_G_COUNT
} xf_gfield;

/* The record of setting f in the field table (core/fields.c), or NULL. */
extern const xf_field_def xf_gateway_fields[XF_G_COUNT];
static inline const xf_field_def *xf_gateway_field(xf_gfield f)
{
    return (unsigned)f < XF_G_COUNT ? &xf_gateway_fields[f] : NULL;
}

typedef struct xf_gateway {
    char *local_domain, *ca_file, *certificate, *key; /* "" when unset */
    char *dns_server;
    int test_timeout;                /* seconds */
    int partner_connection_limit;
    int cert_warn_days;              /* a test WARNs when fewer are left */
    char *after_save; /* command line run after each save, "" for none */
} xf_gateway;

typedef struct xf_config {
    xf_partner **v;
    size_t n, cap;
    xf_gateway gw;
} xf_config;

void xf_config_init(xf_config *c);
void xf_config_free(xf_config *c);
void xf_config_copy(xf_config *dst, const xf_config *src);

/* Index of the partner owning domain (primary or additional), or -1. */
long xf_config_find(const xf_config *c, const char *domain);
/* Checks that none of p's domains belongs to a partner other than the one
 * at index self (-1 for a new partner). */
bool xf_config_check_owner(const xf_config *c, const xf_partner *p, long self,
                           xf_err *err);
/* Every rule that a single partner must pass before it is saved, the
 * matrix included; a matrix warning is returned in warn (may be NULL). */
bool xf_config_check_partner(const xf_config *c, const xf_partner *p,
                             long self, xf_err *err, const char **warn);

/* Adds (index -1) or replaces a partner after xf_config_check_partner;
 * takes ownership of p. */
void xf_config_put(xf_config *c, long index, xf_partner *p);
void xf_config_remove(xf_config *c, size_t index);

/* Every rule of the spec on the whole configuration. */
void xf_config_validate(const xf_config *c, xf_diags *d);

const char *xf_gfield_key(xf_gfield f);
const char *xf_gfield_label(xf_gfield f);
const char *xf_gfield_help(xf_gfield f);
/* The name in the file of the setting err concerns ("" for none). */
const char *xf_err_key(const xf_err *err);
bool xf_gateway_set(xf_gateway *g, xf_gfield f, const char *text, xf_err *err);
char *xf_gateway_get(const xf_gateway *g, xf_gfield f);
/* True for the settings that are numbers (the rest are strings). */
bool xf_gfield_is_int(xf_gfield f);

#endif
