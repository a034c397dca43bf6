#include "partner.h"
#include "domain.h"
#include "domain_set.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

static const struct {
    const char *label, *key, *help;
} fields[XF_F_COUNT] = {
    [XF_F_DOMAIN] = { "Primary domain", "domain",
        "The partner's XMPP domain, e.g. fabrikam.com. International names "
        "are stored in punycode." },
    [XF_F_DESCRIPTION] = { "Description", "description",
        "Free text for administrators (UTF-8, at most 1024 bytes)." },
    [XF_F_ADDITIONAL] = { "Additional domains", "additional_domains",
        "Other domains of the same partner. Enter adds or edits, Delete "
        "removes." },
    [XF_F_TYPE] = { "Partner type", "partner_type", NULL },
    [XF_F_TLS] = { "TLS negotiation", "tls",
        "required: the peer must negotiate TLS; optional: used when offered; "
        "not-supported: never used." },
    [XF_F_SASL] = { "SASL negotiation", "sasl",
        "SASL EXTERNAL with certificates (XEP-0178); needs TLS. required, "
        "optional or not-supported." },
    [XF_F_DIALBACK] = { "Dialback negotiation", "dialback",
        "true accepts server dialback (XEP-0220); false ignores dialback "
        "requests." },
    [XF_F_PROXY] = { "Proxy FQDN", "proxy_fqdn",
        "host or host:port to connect to instead of the DNS SRV lookup; "
        "empty for DNS." },
    [XF_F_LIMIT] = { "Connection limit", "connection_limit",
        "Connections to this partner, 1-1000; empty for the gateway "
        "default." },
    [XF_F_KEEPALIVE] = { "Keep-alive", "keep_alive",
        "Keep the connection open with whitespace keep-alives." },
};

const char *xf_field_label(xf_field f) { return fields[f].label; }
const char *xf_field_key(xf_field f) { return fields[f].key; }

const char *xf_field_help(xf_field f)
{
    return fields[f].help ? fields[f].help
                          : "federated, public-verified or public-unverified.";
}

xf_partner *xf_partner_new(void)
{
    xf_partner *p = calloc(1, sizeof *p);
    if (!p)
        abort();
    p->domain = xf_strdup("");
    p->description = xf_strdup("");
    p->proxy_fqdn = xf_strdup("");
    p->type = XF_TYPE_PUBLIC_UNVERIFIED;
    p->tls = XF_MODE_REQUIRED;
    p->sasl = XF_MODE_OPTIONAL;
    p->dialback = true;
    p->keep_alive = true;
    return p;
}

static char *dup_or_null(const char *s)
{
    return s ? xf_strdup(s) : NULL;
}

static void bad_clear(xf_bad_value *b)
{
    free(b->text);
    free(b->reason);
    *b = (xf_bad_value){ 0 };
}

static void bad_copy(xf_bad_value *dst, const xf_bad_value *src)
{
    *dst = (xf_bad_value){ dup_or_null(src->text), dup_or_null(src->reason),
                           src->line };
}

xf_partner *xf_partner_dup(const xf_partner *p)
{
    xf_partner *d = malloc(sizeof *d);
    if (!d)
        abort();
    *d = *p;
    d->domain = xf_strdup(p->domain);
    d->description = xf_strdup(p->description);
    d->proxy_fqdn = xf_strdup(p->proxy_fqdn);
    d->additional = (xf_strlist){ 0 };
    xf_strlist_copy(&d->additional, &p->additional);
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        bad_copy(&d->bad[f], &p->bad[f]);
    return d;
}

void xf_partner_free(xf_partner *p)
{
    if (!p)
        return;
    free(p->domain);
    free(p->description);
    free(p->proxy_fqdn);
    xf_strlist_clear(&p->additional);
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        bad_clear(&p->bad[f]);
    free(p);
}

static bool same_bad(const xf_partner *a, const xf_partner *b)
{
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        const char *x = a->bad[f].text, *y = b->bad[f].text;
        if ((!x != !y) || (x && strcmp(x, y) != 0))
            return false;
    }
    return true;
}

bool xf_partner_equal(const xf_partner *a, const xf_partner *b)
{
    return same_bad(a, b) && strcmp(a->domain, b->domain) == 0 &&
           strcmp(a->description, b->description) == 0 &&
           xf_strlist_equal(&a->additional, &b->additional) &&
           a->type == b->type && a->tls == b->tls && a->sasl == b->sasl &&
           a->dialback == b->dialback &&
           strcmp(a->proxy_fqdn, b->proxy_fqdn) == 0 &&
           a->connection_limit == b->connection_limit &&
           a->keep_alive == b->keep_alive;
}

bool xf_description_check(const char *s, xf_err *err)
{
    size_t len = strlen(s);
    if (len > XF_DESCRIPTION_MAX) {
        xf_errc(err, XF_E_RANGE, XF_SAYS_FIELD, "description of %zu bytes (at most %d)", len,
                XF_DESCRIPTION_MAX);
        return false;
    }
    const uint8_t *u = (const uint8_t *)s;
    if (u8_check(u, len)) {
        xf_errc(err, XF_E_INVALID, XF_SAYS_FIELD, "description is not valid UTF-8");
        return false;
    }
    for (size_t i = 0; i < len;) {
        ucs4_t c;
        i += (size_t)u8_mbtouc(&c, u + i, len - i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            xf_errc(err, XF_E_INVALID, XF_SAYS_FIELD,
                    "description holds control character U+%04X",
                    (unsigned)c);
            return false;
        }
    }
    return true;
}

/* Splits on commas and white space; empty pieces are dropped. */
static bool set_additional(xf_partner *p, const char *text, xf_err *err)
{
    xf_strlist list = { 0 };
    char *copy = xf_strdup(text), *save = NULL;
    bool ok = true;
    for (char *t = strtok_r(copy, ", \t\n", &save); t;
         t = strtok_r(NULL, ", \t\n", &save)) {
        char *d = xf_domain_normalize(t, err);
        if (!d) {
            ok = false;
            break;
        }
        xf_strlist_push(&list, d);
        free(d);
    }
    free(copy);
    if (ok) {
        xf_strlist_clear(&p->additional);
        p->additional = list;
    } else {
        xf_strlist_clear(&list);
    }
    return ok;
}

/* Blanks around the number are no part of it (" 5 " typed or pasted is
 * 5); blanks alone are empty: the gateway's default. The message leaves
 * the field's name to the caller, which puts it in front. */
static bool set_limit(xf_partner *p, const char *text, xf_err *err)
{
    size_t start = strspn(text, " \t"), len = strlen(text + start);
    while (len && (text[start + len - 1] == ' ' || text[start + len - 1] == '\t'))
        len--;
    char *num = strndup(text + start, len);
    if (!num)
        abort();
    bool ok = !len;
    if (ok)
        p->connection_limit = 0;
    else if (!(ok = xf_parse_int(num, XF_LIMIT_MIN, XF_LIMIT_MAX,
                                 &p->connection_limit)))
        xf_errc(err, XF_E_RANGE, XF_SAYS_VALUE, "'%s' is not a number from %d "
                "to %d", text, XF_LIMIT_MIN, XF_LIMIT_MAX);
    free(num);
    return ok;
}

static bool bad_value(xf_field f, const char *text, const char *choices,
                      xf_err *err)
{
    (void)f; /* the caller names the field (xf_err_key) */
    xf_errc(err, XF_E_CHOICE, XF_SAYS_VALUE, "'%s' is not one of %s", text,
            choices);
    return false;
}

#define MODES "required, optional, not-supported"

static bool set_value(xf_partner *p, xf_field f, const char *text,
                      xf_err *err)
{
    switch (f) {
    case XF_F_DOMAIN:
        return xf_replace_str(&p->domain, xf_domain_normalize(text, err));
    case XF_F_DESCRIPTION:
        return xf_description_check(text, err) &&
               xf_replace_str(&p->description, xf_strdup(text));
    case XF_F_ADDITIONAL:
        return set_additional(p, text, err);
    case XF_F_TYPE:
        return xf_ptype_parse(text, &p->type) ||
               bad_value(f, text,
                         "federated, public-verified, public-unverified", err);
    case XF_F_TLS:
        return xf_mode_parse(text, &p->tls) || bad_value(f, text, MODES, err);
    case XF_F_SASL:
        return xf_mode_parse(text, &p->sasl) || bad_value(f, text, MODES, err);
    case XF_F_DIALBACK:
        return xf_bool_parse(text, &p->dialback) ||
               bad_value(f, text, "true, false", err);
    case XF_F_KEEPALIVE:
        return xf_bool_parse(text, &p->keep_alive) ||
               bad_value(f, text, "true, false", err);
    case XF_F_PROXY:
        if (!*text)
            return xf_replace_str(&p->proxy_fqdn, xf_strdup(""));
        return xf_replace_str(&p->proxy_fqdn, xf_hostport_normalize(text, NULL, &(int){ 0 }, err));
    case XF_F_LIMIT:
        return set_limit(p, text, err);
    default:
        xf_errf(err, "no such field");
        return false;
    }
}

bool xf_partner_set(xf_partner *p, xf_field f, const char *text, xf_err *err)
{
    if (!set_value(p, f, text, err)) {
        xf_err_on(err, XF_ON_PARTNER, f);
        return false;
    }
    bad_clear(&p->bad[f]); /* set_value knows only real fields */
    return true;
}

char *xf_partner_get(const xf_partner *p, xf_field f)
{
    char buf[16];
    if (f < XF_F_COUNT && p->bad[f].text)
        return xf_strdup(p->bad[f].text);
    switch (f) {
    case XF_F_DOMAIN: return xf_strdup(p->domain);
    case XF_F_DESCRIPTION: return xf_strdup(p->description);
    case XF_F_ADDITIONAL: return xf_strlist_join(&p->additional, ", ");
    case XF_F_TYPE: return xf_strdup(xf_ptype_name(p->type));
    case XF_F_TLS: return xf_strdup(xf_mode_name(p->tls));
    case XF_F_SASL: return xf_strdup(xf_mode_name(p->sasl));
    case XF_F_DIALBACK: return xf_strdup(xf_bool_name(p->dialback));
    case XF_F_KEEPALIVE: return xf_strdup(xf_bool_name(p->keep_alive));
    case XF_F_PROXY: return xf_strdup(p->proxy_fqdn);
    case XF_F_LIMIT:
        if (!p->connection_limit)
            return xf_strdup("");
        snprintf(buf, sizeof buf, "%d", p->connection_limit);
        return xf_strdup(buf);
    default: return xf_strdup("");
    }
}

/* The common case, a handful: pairs cost less than a hash. */
static bool check_few_domains(const xf_partner *p, xf_err *err)
{
    for (size_t i = 0; i < p->additional.n; i++) {
        const char *d = p->additional.v[i];
        if (strcasecmp(d, p->domain) == 0) {
            xf_errf(err, "additional domain %s is the primary domain", d);
            return false;
        }
        for (size_t j = 0; j < i; j++)
            if (strcasecmp(d, p->additional.v[j]) == 0) {
                xf_errf(err, "additional domain %s is listed twice", d);
                return false;
            }
    }
    return true;
}

bool xf_partner_check_domains(const xf_partner *p, xf_err *err)
{
    if (!*p->domain) {
        xf_errf(err, "the primary domain is empty");
        return false;
    }
    if (p->additional.n <= 8)
        return check_few_domains(p, err);
    /* a hash, not pairs: a partner may list tens of thousands */
    xf_domain_set seen;
    xf_domain_set_init(&seen, p->additional.n + 1);
    xf_domain_set_put(&seen, p->domain, 0);
    bool ok = true;
    for (size_t i = 0; ok && i < p->additional.n; i++) {
        const char *d = p->additional.v[i];
        if (!xf_domain_set_put(&seen, d, 1)) {
            ok = false;
            if (xf_domain_set_get(&seen, d) == 0)
                xf_errf(err, "additional domain %s is the primary domain", d);
            else
                xf_errf(err, "additional domain %s is listed twice", d);
        }
    }
    xf_domain_set_free(&seen);
    return ok;
}

const xf_matrix_row *xf_partner_matrix(const xf_partner *p)
{
    return xf_matrix_lookup(p->tls, p->sasl, p->dialback);
}

void xf_partner_keep_bad(xf_partner *p, xf_field f, const char *text,
                         const char *reason, int line)
{
    char **slot = f == XF_F_DOMAIN ? &p->domain
                  : f == XF_F_DESCRIPTION ? &p->description
                  : f == XF_F_PROXY ? &p->proxy_fqdn : NULL;
    if (slot)
        xf_replace_str(slot, xf_strdup(text));
    bad_clear(&p->bad[f]);
    p->bad[f] = (xf_bad_value){ xf_strdup(text), xf_strdup(reason), line };
}

bool xf_partner_in_error(const xf_partner *p, xf_field f)
{
    return p->bad[f].text != NULL;
}

const char *xf_partner_error(const xf_partner *p, xf_field f)
{
    return p->bad[f].text ? p->bad[f].reason : NULL;
}

size_t xf_partner_error_count(const xf_partner *p)
{
    size_t n = 0;
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        n += p->bad[f].text != NULL;
    return n;
}

void xf_partner_take_field(xf_partner *dst, const xf_partner *src, xf_field f)
{
    switch (f) {
    case XF_F_DOMAIN: xf_replace_str(&dst->domain, xf_strdup(src->domain)); break;
    case XF_F_DESCRIPTION:
        xf_replace_str(&dst->description, xf_strdup(src->description));
        break;
    case XF_F_PROXY:
        xf_replace_str(&dst->proxy_fqdn, xf_strdup(src->proxy_fqdn));
        break;
    case XF_F_ADDITIONAL:
        xf_strlist_clear(&dst->additional);
        xf_strlist_copy(&dst->additional, &src->additional);
        break;
    case XF_F_TYPE: dst->type = src->type; break;
    case XF_F_TLS: dst->tls = src->tls; break;
    case XF_F_SASL: dst->sasl = src->sasl; break;
    case XF_F_DIALBACK: dst->dialback = src->dialback; break;
    case XF_F_LIMIT: dst->connection_limit = src->connection_limit; break;
    case XF_F_KEEPALIVE: dst->keep_alive = src->keep_alive; break;
    default: return;
    }
    bad_clear(&dst->bad[f]);
    bad_copy(&dst->bad[f], &src->bad[f]);
}

bool xf_partner_policy_known(const xf_partner *p)
{
    return !p->bad[XF_F_TLS].text && !p->bad[XF_F_SASL].text &&
           !p->bad[XF_F_DIALBACK].text;
}

const char *xf_partner_policy_error(const xf_partner *p)
{
    static const xf_field policy[] = { XF_F_TLS, XF_F_SASL, XF_F_DIALBACK };
    for (size_t i = 0; i < sizeof policy / sizeof *policy; i++)
        if (p->bad[policy[i]].text)
            return xf_partner_error(p, policy[i]);
    return NULL;
}
