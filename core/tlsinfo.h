/* TLS for the probe: the client context (CA file, our certificate) and
 * what the partner's certificate says: chain verified, name checked per
 * RFC 6125 (DNS-ID with wildcards, SRV-ID, XmppAddr; never the CN),
 * expiry. */
#ifndef XF_TLSINFO_H
#define XF_TLSINFO_H

#include "diag.h"

#include <openssl/ssl.h>
#include <stdbool.h>

typedef struct xf_tls_info {
    bool done;             /* a handshake completed */
    char version[16], cipher[64];
    bool presented;        /* the partner sent a certificate */
    bool verified;         /* the chain verifies against the CA file */
    char verify_error[160];
    bool name_ok;
    char name_how[16];     /* "DNS-ID", "SRV-ID", "XmppAddr" */
    char names[256];       /* what the certificate is for, for the report */
    char not_after[32];    /* ISO 8601 date */
    int days_left;
    long long seconds_left; /* until not_after; negative once expired */
    char alpn[32];
} xf_tls_info;

SSL_CTX *xf_tls_context(const char *ca_file, const char *cert,
                        const char *key, xf_err *err);
void xf_tls_inspect(SSL *ssl, const char *domain, xf_tls_info *info);
/* The name and expiry part of it, on a certificate. */
void xf_tls_check_cert(X509 *cert, const char *domain, xf_tls_info *info);

#endif
