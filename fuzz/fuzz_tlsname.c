/* The RFC 6125 name check of a partner's certificate (core/tlsinfo.c):
 * certificates built from the input with any subject alternative names
 * (DNS-ID, SRV-ID, XmppAddr, in any string type, with any bytes) and a
 * subject CN, checked against a partner domain. The answer is compared
 * with a small reference matcher written from RFC 6125 section 6:
 * - never a match through the CN;
 * - DNS-ID: equal ignoring ASCII case, or "*." + the rest of the domain
 *   (a wildcard only as the whole left-most label, matching one label);
 *   a match that no DNS-ID explains is an error, and a DNS-ID equal to the
 *   domain that does not match is an error too;
 * - SRV-ID "_xmpp-server." + domain and XmppAddr equal to the domain,
 *   ignoring case, with no NUL inside.
 * Input: a mode byte; in DER mode, a length-prefixed domain and then any
 * bytes as a DER certificate (the checks must survive any certificate;
 * only memory errors are looked for). Otherwise a length-prefixed domain
 * and entries: kind, length, bytes (kind | 0x80: two bytes of length,
 * big-endian). */
#include "core/domain.h"
#include "core/tlsinfo.h"
#include "fuzz.h"

#include <openssl/x509v3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define OID_SRV "1.3.6.1.5.5.7.8.7"
#define OID_XMPP "1.3.6.1.5.5.7.8.5"

enum { K_DNS, K_SRV_IA5, K_SRV_UTF8, K_XMPP_UTF8, K_XMPP_IA5, K_XMPP_BMP,
       K_CN, K_URI, K_COUNT };

typedef struct {
    const char *domain;     /* normalised, or NULL: no reference answer */
    bool dns, srv, xmpp;    /* what the reference matcher found */
} expect;

static bool nocase_eq(const uint8_t *p, size_t n, const char *s)
{
    return !memchr(p, 0, n) && strlen(s) == n && strncasecmp((const char *)p, s, n) == 0;
}

/* The left-most label of the domain replaced by "*". */
static bool wildcard_eq(const uint8_t *p, size_t n, const char *domain)
{
    const char *rest = strchr(domain, '.');
    return rest && rest != domain && n >= 2 && p[0] == '*' && p[1] == '.' &&
           nocase_eq(p + 1, n - 1, rest);
}

/* Would a careful client accept this DNS-ID? Only the plain cases that
 * every RFC 6125 matcher accepts: the same name, or "*.rest" where rest
 * has two labels or more. */
static bool surely_matches(const uint8_t *p, size_t n, const char *domain)
{
    if (nocase_eq(p, n, domain))
        return true;
    const char *rest = strchr(domain, '.');
    return wildcard_eq(p, n, domain) && strchr(rest + 1, '.') != NULL;
}

static ASN1_TYPE *string_value(int type, const uint8_t *p, size_t n)
{
    ASN1_STRING *s = ASN1_STRING_type_new(type);
    ASN1_STRING_set(s, p, (int)n);
    ASN1_TYPE *t = ASN1_TYPE_new();
    ASN1_TYPE_set(t, type, s);
    return t;
}

static void add_other(GENERAL_NAMES *sans, const char *oid, int type,
                      const uint8_t *p, size_t n)
{
    GENERAL_NAME *gn = GENERAL_NAME_new();
    GENERAL_NAME_set0_othername(gn, OBJ_txt2obj(oid, 1), string_value(type, p, n));
    sk_GENERAL_NAME_push(sans, gn);
}

static void add_string(GENERAL_NAMES *sans, int kind, const uint8_t *p, size_t n)
{
    GENERAL_NAME *gn = GENERAL_NAME_new();
    ASN1_IA5STRING *s = ASN1_IA5STRING_new();
    ASN1_STRING_set(s, p, (int)n);
    GENERAL_NAME_set0_value(gn, kind, s);
    sk_GENERAL_NAME_push(sans, gn);
}

/* One entry into the certificate. */
static void add_entry(X509 *cert, GENERAL_NAMES *sans, int kind,
                      const uint8_t *p, size_t n)
{
    switch (kind) {
    case K_DNS:
        add_string(sans, GEN_DNS, p, n);
        break;
    case K_SRV_IA5:
    case K_SRV_UTF8:
        add_other(sans, OID_SRV, kind == K_SRV_IA5 ? V_ASN1_IA5STRING
                  : V_ASN1_UTF8STRING, p, n);
        break;
    case K_XMPP_UTF8:
    case K_XMPP_IA5:
        add_other(sans, OID_XMPP, kind == K_XMPP_IA5 ? V_ASN1_IA5STRING
                  : V_ASN1_UTF8STRING, p, n);
        break;
    case K_XMPP_BMP: /* not a string type of XmppAddr: never a match */
        add_other(sans, OID_XMPP, V_ASN1_BMPSTRING, p, n);
        break;
    case K_CN:
        X509_NAME_add_entry_by_NID(X509_get_subject_name(cert), NID_commonName,
                                   MBSTRING_ASC, p, (int)n, -1, 0);
        break;
    default:
        add_string(sans, GEN_URI, p, n);
        break;
    }
}

static bool other_is(const GENERAL_NAME *gn, const char *oid, const uint8_t **p,
                     size_t *n)
{
    char buf[64];
    if (gn->type != GEN_OTHERNAME)
        return false;
    OBJ_obj2txt(buf, sizeof buf, gn->d.otherName->type_id, 1);
    const ASN1_TYPE *v = gn->d.otherName->value;
    if (strcmp(buf, oid) != 0 || !v ||
        (v->type != V_ASN1_UTF8STRING && v->type != V_ASN1_IA5STRING))
        return false;
    *p = ASN1_STRING_get0_data(v->value.asn1_string);
    *n = (size_t)ASN1_STRING_length(v->value.asn1_string);
    return true;
}

/* The reference answer, from the names as a verifier reads them back
 * from the certificate (an extension that does not decode has none). */
static void reference(X509 *cert, expect *e)
{
    GENERAL_NAMES *sans = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    char srv[300];
    snprintf(srv, sizeof srv, "_xmpp-server.%s", e->domain);
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans); i++) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(sans, i);
        const uint8_t *p;
        size_t n;
        if (gn->type == GEN_DNS)
            e->dns |= surely_matches(ASN1_STRING_get0_data(gn->d.dNSName),
                                     (size_t)ASN1_STRING_length(gn->d.dNSName),
                                     e->domain);
        else if (other_is(gn, OID_SRV, &p, &n))
            e->srv |= nocase_eq(p, n, srv);
        else if (other_is(gn, OID_XMPP, &p, &n))
            e->xmpp |= nocase_eq(p, n, e->domain);
    }
    GENERAL_NAMES_free(sans);
}

/* Does some DNS-ID of the certificate explain a DNS-ID match? */
static bool dns_explains(X509 *cert, const char *domain)
{
    GENERAL_NAMES *sans = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    bool found = false;
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans) && !found; i++) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(sans, i);
        if (gn->type != GEN_DNS)
            continue;
        const uint8_t *p = ASN1_STRING_get0_data(gn->d.dNSName);
        size_t n = (size_t)ASN1_STRING_length(gn->d.dNSName);
        found = nocase_eq(p, n, domain) || wildcard_eq(p, n, domain);
    }
    GENERAL_NAMES_free(sans);
    return found;
}

static void verify(X509 *cert, const expect *e, const xf_tls_info *info)
{
    REQUIRE(strlen(info->names) < sizeof info->names &&
            strlen(info->not_after) < sizeof info->not_after, "unterminated text");
    if (!e->domain)
        return;
    bool how_dns = !strcmp(info->name_how, "DNS-ID");
    bool how_srv = !strcmp(info->name_how, "SRV-ID");
    bool how_xmpp = !strcmp(info->name_how, "XmppAddr");
    REQUIRE(info->name_ok == (how_dns || how_srv || how_xmpp),
            "name_ok %d, how '%s'", info->name_ok, info->name_how);
    REQUIRE(!(how_srv && !e->srv) && !(how_xmpp && !e->xmpp),
            "%s: %s match that the certificate does not hold (names: %s)",
            e->domain, info->name_how, info->names);
    REQUIRE(!how_dns || dns_explains(cert, e->domain), "%s: DNS-ID match that "
            "no DNS-ID explains (CN or too wide a wildcard; names: %s)",
            e->domain, info->names);
    REQUIRE(!(e->dns || e->srv || e->xmpp) || info->name_ok, "%s: the "
            "certificate names it (dns %d srv %d xmpp %d) but no match (names: %s)",
            e->domain, e->dns, e->srv, e->xmpp, info->names);
}

static void structured(const uint8_t *d, size_t n, const char *domain)
{
    xf_err err;
    expect e = { .domain = xf_domain_normalize(domain, &err) };
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_TIME_set(X509_getm_notBefore(cert), 0);
    ASN1_TIME_set(X509_getm_notAfter(cert), 4102444800); /* 2100 */
    GENERAL_NAMES *sans = sk_GENERAL_NAME_new_null();
    for (size_t i = 0; i + 2 <= n;) {
        int kind = (d[i] & 0x7f) % K_COUNT;
        size_t len = d[i + 1];
        if (d[i] & 0x80 && i + 3 <= n) { /* a long name: two bytes of length */
            len = (size_t)d[i + 1] << 8 | d[i + 2];
            i++;
        }
        i += 2;
        if (len > n - i)
            len = n - i;
        add_entry(cert, sans, kind, d + i, len);
        i += len;
    }
    if (sk_GENERAL_NAME_num(sans) > 0)
        X509_add1_ext_i2d(cert, NID_subject_alt_name, sans, 0, X509V3_ADD_DEFAULT);
    GENERAL_NAMES_free(sans);
    if (e.domain)
        reference(cert, &e);
    xf_tls_info info = { 0 };
    xf_tls_check_cert(cert, e.domain ? e.domain : domain, &info);
    verify(cert, &e, &info);
    X509_free(cert);
    free((char *)e.domain);
}

static void der(const uint8_t *d, size_t n, const char *domain)
{
    const unsigned char *p = d;
    X509 *cert = d2i_X509(NULL, &p, (long)n);
    if (cert) {
        xf_tls_info info = { 0 };
        xf_tls_check_cert(cert, domain, &info);
        expect none = { 0 };
        verify(cert, &none, &info);
        X509_free(cert);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2 || (size_t)data[1] > size - 2)
        return 0;
    char *domain = strndup((const char *)data + 2, data[1]);
    const uint8_t *rest = data + 2 + data[1];
    size_t n = size - 2 - data[1];
    if (data[0] & 1)
        der(rest, n, domain);
    else
        structured(rest, n, domain);
    free(domain);
    return 0;
}
