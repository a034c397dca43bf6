/* DNS for the probe, with c-ares: SRV records and addresses, from the
 * system resolver or a DNS server of the user's choice, within a
 * deadline and cancellable. */
#ifndef XF_RESOLVE_H
#define XF_RESOLVE_H

#include "diag.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

typedef struct xf_srv {
    char *target;      /* "" when the record says the service is off (".") */
    int port, priority, weight;
    bool direct_tls;   /* from _xmpps-server (XEP-0368) */
} xf_srv;

typedef struct xf_addr {
    struct sockaddr_storage ss;
    socklen_t len;
    char text[64];     /* "127.0.0.1:5269", "[::1]:5269" */
} xf_addr;

/* The cancel flag of a test: set by one thread (the screen), read by the
 * probing threads, so atomic. NULL: the test cannot be cancelled. */
static inline bool xf_cancelled(atomic_bool *cancel)
{
    return cancel && atomic_load(cancel);
}

typedef struct xf_resolver xf_resolver;

/* server: "" for the system's, else "host", "host:port", "[v6]:port". */
xf_resolver *xf_resolver_new(const char *server, int64_t deadline,
                             atomic_bool *cancel, xf_err *err);
void xf_resolver_free(xf_resolver *r);

/* The SRV records of name, sorted by priority then weight (heaviest
 * first). Returns the count, 0 when the name has none (NXDOMAIN or no
 * data), -1 when a server answered with an error, XF_DNS_NO_ANSWER when
 * none answered (unreachable, timed out): err says which. */
#define XF_DNS_NO_ANSWER (-2)
int xf_resolve_srv(xf_resolver *r, const char *name, bool direct_tls,
                   xf_srv **out, xf_err *err);
void xf_srv_free(xf_srv *v, int n);

/* The IPv6 and IPv4 addresses of host (a name or an address literal),
 * ordered for Happy Eyeballs (RFC 8305: families alternate, IPv6 first).
 * Returns the count or -1 with err. */
int xf_resolve_addrs(xf_resolver *r, const char *host, int port,
                     xf_addr **out, xf_err *err);

#endif
