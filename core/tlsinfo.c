#include "i18n.h"
#include "tlsinfo.h"

#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "tls_lib.h" /* last: see there */

#define OID_SRV_NAME "1.3.6.1.5.5.7.8.7"  /* id-on-dnsSRV, RFC 4985 */
#define OID_XMPP_ADDR "1.3.6.1.5.5.7.8.5" /* id-on-xmppAddr, RFC 6120 */
/* Room for an SRV-ID: "_xmpp-server." and a name of up to 253 characters
 * (a name longer than 242 was never recognised: fuzz/fuzz_tlsname.c). */
#define NAME_CAP 320

/* Verification is recorded, not enforced, during the handshake: the
 * report says what is wrong with a certificate instead of "handshake
 * failed", and the verdict decides what it means for the policy. */
static int keep_going(int ok, X509_STORE_CTX *ctx)
{
    (void)ok, (void)ctx;
    return 1;
}

static const char *ssl_err(void)
{
    static __thread char buf[160];
    ERR_error_string_n(ERR_get_error(), buf, sizeof buf);
    ERR_clear_error();
    return buf;
}

SSL_CTX *xf_tls_context(const char *ca_file, const char *cert,
                        const char *key, xf_err *err)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        xf_errf(err, "TLS: %s", ssl_err());
        return NULL;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, keep_going);
    bool ok = ca_file && *ca_file
                  ? SSL_CTX_load_verify_locations(ctx, ca_file, NULL) == 1
                  : SSL_CTX_set_default_verify_paths(ctx) == 1;
    if (!ok) {
        xf_errf(err, _("CA file %s: %s"), ca_file, ssl_err());
        SSL_CTX_free(ctx);
        return NULL;
    }
    if (cert && *cert) {
        const char *k = key && *key ? key : cert;
        if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1 ||
            SSL_CTX_use_PrivateKey_file(ctx, k, SSL_FILETYPE_PEM) != 1 ||
            SSL_CTX_check_private_key(ctx) != 1) {
            xf_errf(err, _("our certificate %s / key %s: %s"), cert, k, ssl_err());
            SSL_CTX_free(ctx);
            return NULL;
        }
    }
    return ctx;
}

static bool other_name_is(const GENERAL_NAME *gn, const char *oid)
{
    char buf[64];
    if (gn->type != GEN_OTHERNAME)
        return false;
    OBJ_obj2txt(buf, sizeof buf, gn->d.otherName->type_id, 1);
    return strcmp(buf, oid) == 0;
}

/* The string inside an otherName, whatever its ASN.1 string type. */
static bool other_name_text(const GENERAL_NAME *gn, char *out, size_t cap)
{
    const ASN1_TYPE *v = gn->d.otherName->value;
    if (!v || (v->type != V_ASN1_UTF8STRING && v->type != V_ASN1_IA5STRING))
        return false;
    const ASN1_STRING *s = v->value.asn1_string;
    int len = ASN1_STRING_length(s);
    if (len <= 0 || (size_t)len >= cap)
        return false;
    memcpy(out, ASN1_STRING_get0_data(s), (size_t)len);
    out[len] = '\0';
    return strlen(out) == (size_t)len; /* no NUL hidden inside */
}

static void add_name(xf_tls_info *info, const char *kind, const char *name)
{
    size_t n = strlen(info->names);
    snprintf(info->names + n, sizeof info->names - n, "%s%s:%s", n ? ", " : "",
             kind, name);
}

/* SRV-ID "_xmpp-server.DOMAIN" and XmppAddr "DOMAIN", and the list of
 * names for the report. */
static void check_other_names(X509 *cert, const char *domain,
                              xf_tls_info *info)
{
    GENERAL_NAMES *sans = X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
    char srv[NAME_CAP];
    snprintf(srv, sizeof srv, "_xmpp-server.%s", domain);
    for (int i = 0; sans && i < sk_GENERAL_NAME_num(sans); i++) {
        const GENERAL_NAME *gn = sk_GENERAL_NAME_value(sans, i);
        char text[NAME_CAP];
        if (gn->type == GEN_DNS) {
            const ASN1_IA5STRING *d = gn->d.dNSName;
            snprintf(text, sizeof text, "%.*s", ASN1_STRING_length(d),
                     (const char *)ASN1_STRING_get0_data(d));
            add_name(info, "DNS", text);
        } else if (other_name_is(gn, OID_SRV_NAME) && other_name_text(gn, text, sizeof text)) {
            add_name(info, "SRV", text);
            if (!info->name_ok && !strcasecmp(text, srv)) {
                info->name_ok = true;
                snprintf(info->name_how, sizeof info->name_how, "SRV-ID");
            }
        } else if (other_name_is(gn, OID_XMPP_ADDR) && other_name_text(gn, text, sizeof text)) {
            add_name(info, "XmppAddr", text);
            if (!info->name_ok && !strcasecmp(text, domain)) {
                info->name_ok = true;
                snprintf(info->name_how, sizeof info->name_how, "XmppAddr");
            }
        }
    }
    GENERAL_NAMES_free(sans);
}

static void expiry(X509 *cert, xf_tls_info *info)
{
    const ASN1_TIME *na = X509_get0_notAfter(cert);
    int days = 0, secs = 0;
    struct tm tm;
    if (ASN1_TIME_diff(&days, &secs, NULL, na)) {
        info->days_left = days;
        info->seconds_left = days * 86400LL + secs;
    }
    if (ASN1_TIME_to_tm(na, &tm))
        strftime(info->not_after, sizeof info->not_after, "%Y-%m-%d", &tm);
}

void xf_tls_inspect(SSL *ssl, const char *domain, xf_tls_info *info)
{
    info->done = true;
    snprintf(info->version, sizeof info->version, "%s", SSL_get_version(ssl));
    snprintf(info->cipher, sizeof info->cipher, "%s", SSL_get_cipher_name(ssl));
    const unsigned char *alpn = NULL;
    unsigned int alen = 0;
    SSL_get0_alpn_selected(ssl, &alpn, &alen);
    snprintf(info->alpn, sizeof info->alpn, "%.*s", (int)alen, alpn ? (const char *)alpn : "");
    X509 *cert = SSL_get1_peer_certificate(ssl);
    if (!cert) {
        snprintf(info->verify_error, sizeof info->verify_error, "%s",
                 _("the partner sent no certificate"));
        return;
    }
    info->presented = true;
    long vr = SSL_get_verify_result(ssl);
    info->verified = vr == X509_V_OK;
    if (!info->verified)
        snprintf(info->verify_error, sizeof info->verify_error, "%s",
                 X509_verify_cert_error_string(vr));
    xf_tls_check_cert(cert, domain, info);
    X509_free(cert);
}

void xf_tls_check_cert(X509 *cert, const char *domain, xf_tls_info *info)
{
    /* RFC 6125: DNS-ID, with a wildcard only as the whole left-most label;
     * the subject's CN is never a name */
    if (X509_check_host(cert, domain, 0, X509_CHECK_FLAG_NEVER_CHECK_SUBJECT |
                        X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS, NULL) == 1) {
        info->name_ok = true;
        snprintf(info->name_how, sizeof info->name_how, "DNS-ID");
    }
    check_other_names(cert, domain, info);
    expiry(cert, info);
}
