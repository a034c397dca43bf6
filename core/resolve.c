#include "i18n.h"
#include "resolve.h"
#include "clock.h"
#include "dns_status.h"
#include "domain.h"
#include "strlist.h"

#include <ares.h>
#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct xf_resolver {
    ares_channel ch;
    int64_t deadline;
    atomic_bool *cancel;
};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static void library_init(void) { ares_library_init(ARES_LIB_INIT_ALL); }

/* c-ares wants the server as an address: a name is looked up once with
 * the system resolver. */
static bool server_csv(const char *server, char *csv, size_t cap, xf_err *err)
{
    char *host = NULL;
    int port = 0;
    char *norm = xf_hostport_normalize(server, &host, &port, err);
    if (!norm)
        return false;
    free(norm);
    struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *ai = NULL;
    int rc = getaddrinfo(host, NULL, &hints, &ai);
    if (rc != 0) {
        xf_errf(err, _("DNS server %s: %s"), host, gai_strerror(rc));
        free(host);
        return false;
    }
    char ip[INET6_ADDRSTRLEN];
    void *a = ai->ai_family == AF_INET6
                  ? (void *)&((struct sockaddr_in6 *)ai->ai_addr)->sin6_addr
                  : (void *)&((struct sockaddr_in *)ai->ai_addr)->sin_addr;
    inet_ntop(ai->ai_family, a, ip, sizeof ip);
    snprintf(csv, cap, ai->ai_family == AF_INET6 ? "[%s]:%d" : "%s:%d", ip,
             port ? port : 53);
    freeaddrinfo(ai);
    free(host);
    return true;
}

xf_resolver *xf_resolver_new(const char *server, int64_t deadline,
                             atomic_bool *cancel, xf_err *err)
{
    pthread_once(&once, library_init);
    xf_resolver *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    r->deadline = deadline;
    r->cancel = cancel;
    struct ares_options o = { .flags = ARES_FLAG_NOSEARCH, .timeout = 1500,
                              .tries = 2 };
    int rc = ares_init_options(&r->ch, &o,
                               ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES);
    if (rc != ARES_SUCCESS) {
        xf_errf(err, _("DNS: %s"), xf_dns_status_text(rc));
        free(r);
        return NULL;
    }
    char csv[128];
    if (server && *server) {
        if (!server_csv(server, csv, sizeof csv, err) ||
            (rc = ares_set_servers_ports_csv(r->ch, csv)) != ARES_SUCCESS) {
            if (rc != ARES_SUCCESS)
                xf_errf(err, _("DNS server %s: %s"), server,
                        xf_dns_status_text(rc));
            xf_resolver_free(r);
            return NULL;
        }
    }
    return r;
}

void xf_resolver_free(xf_resolver *r)
{
    if (!r)
        return;
    ares_destroy(r->ch);
    free(r);
}

/* Runs c-ares until *done, the deadline or a cancel. */
static bool wait_done(xf_resolver *r, const bool *done)
{
    while (!*done) {
        int64_t left = r->deadline - xf_now_ms();
        if (left <= 0 || xf_cancelled(r->cancel)) {
            ares_cancel(r->ch); /* the callbacks run, with ARES_ECANCELLED */
            return false;
        }
        ares_socket_t socks[ARES_GETSOCK_MAXNUM];
        /* the bits by hand: c-ares' ARES_GETSOCK_WRITABLE shifts a signed
         * 1 by up to 31 places, which UBSan rightly reports */
        unsigned bits = (unsigned)ares_getsock(r->ch, socks, ARES_GETSOCK_MAXNUM);
        int n = 0;
        struct pollfd pfd[ARES_GETSOCK_MAXNUM];
        for (int i = 0; i < ARES_GETSOCK_MAXNUM; i++) {
            short ev = (bits & (1u << i) ? POLLIN : 0) |
                       (bits & (1u << (i + ARES_GETSOCK_MAXNUM)) ? POLLOUT : 0);
            if (ev)
                pfd[n++] = (struct pollfd){ .fd = socks[i], .events = ev };
        }
        struct timeval tv, *tvp = ares_timeout(r->ch, NULL, &tv);
        int ms = tvp ? (int)(tv.tv_sec * 1000 + tv.tv_usec / 1000) : 100;
        ms = ms > 100 ? 100 : ms < 1 ? 1 : ms;
        if (ms > left)
            ms = (int)left;
        poll(pfd, (nfds_t)n, ms);
        bool any = false;
        for (int i = 0; i < n; i++)
            if (pfd[i].revents) {
                any = true;
                ares_process_fd(r->ch,
                                pfd[i].revents & (POLLIN | POLLERR | POLLHUP)
                                    ? pfd[i].fd : ARES_SOCKET_BAD,
                                pfd[i].revents & POLLOUT ? pfd[i].fd
                                                         : ARES_SOCKET_BAD);
            }
        if (!any)
            ares_process_fd(r->ch, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    }
    return true;
}

typedef struct srv_job {
    bool done, direct_tls;
    int status, n;
    xf_srv *v;
} srv_job;

static int srv_cmp(const void *a, const void *b)
{
    const xf_srv *x = a, *y = b;
    if (x->priority != y->priority)
        return x->priority - y->priority;
    return y->weight - x->weight;
}

static void srv_done(void *arg, int status, int timeouts, unsigned char *abuf,
                     int alen)
{
    (void)timeouts;
    srv_job *j = arg;
    j->done = true;
    j->status = status;
    struct ares_srv_reply *reply = NULL;
    if (status != ARES_SUCCESS ||
        (j->status = ares_parse_srv_reply(abuf, alen, &reply)) != ARES_SUCCESS)
        return;
    int n = 0;
    for (struct ares_srv_reply *s = reply; s; s = s->next)
        n++;
    j->v = calloc((size_t)n + 1, sizeof *j->v);
    if (!j->v)
        abort();
    for (struct ares_srv_reply *s = reply; s; s = s->next, j->n++) {
        xf_srv *o = &j->v[j->n];
        o->target = xf_strdup(strcmp(s->host, ".") ? s->host : "");
        o->port = s->port;
        o->priority = s->priority;
        o->weight = s->weight;
        o->direct_tls = j->direct_tls;
    }
    ares_free_data(reply);
    qsort(j->v, (size_t)j->n, sizeof *j->v, srv_cmp);
}

int xf_resolve_srv(xf_resolver *r, const char *name, bool direct_tls,
                   xf_srv **out, xf_err *err)
{
    srv_job j = { .direct_tls = direct_tls };
    *out = NULL;
    ares_query(r->ch, name, 1 /* C_IN */, 33 /* T_SRV */, srv_done, &j);
    if (!wait_done(r, &j.done) && !j.done) {
        xf_errf(err, _("%s: no answer before the deadline"), name);
        return XF_DNS_NO_ANSWER;
    }
    if (j.status == ARES_ENOTFOUND || j.status == ARES_ENODATA)
        return 0;
    if (j.status != ARES_SUCCESS) {
        xf_errf(err, "%s: %s", name, xf_dns_status_text(j.status));
        xf_srv_free(j.v, j.n);
        return xf_dns_status_no_answer(j.status) ? XF_DNS_NO_ANSWER : -1;
    }
    *out = j.v;
    return j.n;
}

void xf_srv_free(xf_srv *v, int n)
{
    for (int i = 0; i < n; i++)
        free(v[i].target);
    free(v);
}

typedef struct addr_job {
    bool done;
    int status, port, n;
    xf_addr *v;
} addr_job;

static void fill(xf_addr *a, const struct sockaddr *sa, socklen_t len, int port)
{
    memcpy(&a->ss, sa, len);
    a->len = len;
    char ip[INET6_ADDRSTRLEN];
    if (sa->sa_family == AF_INET6) {
        struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&a->ss;
        s6->sin6_port = htons((uint16_t)port);
        inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof ip);
        snprintf(a->text, sizeof a->text, "[%s]:%d", ip, port);
    } else {
        struct sockaddr_in *s4 = (struct sockaddr_in *)&a->ss;
        s4->sin_port = htons((uint16_t)port);
        inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof ip);
        snprintf(a->text, sizeof a->text, "%s:%d", ip, port);
    }
}

/* RFC 8305 section 4: interleave the families, IPv6 first. */
static void interleave(xf_addr *v, int n)
{
    xf_addr *tmp = malloc((size_t)n * sizeof *tmp);
    if (!tmp)
        abort();
    int i6 = 0, i4 = 0, k = 0;
    while (k < n) {
        while (i6 < n && v[i6].ss.ss_family != AF_INET6)
            i6++;
        if (i6 < n)
            tmp[k++] = v[i6++];
        while (i4 < n && v[i4].ss.ss_family == AF_INET6)
            i4++;
        if (i4 < n && k < n)
            tmp[k++] = v[i4++];
    }
    memcpy(v, tmp, (size_t)n * sizeof *v);
    free(tmp);
}

static void addr_done(void *arg, int status, int timeouts,
                      struct ares_addrinfo *res)
{
    (void)timeouts;
    addr_job *j = arg;
    j->done = true;
    j->status = status;
    if (status != ARES_SUCCESS || !res)
        return;
    int n = 0;
    for (struct ares_addrinfo_node *a = res->nodes; a; a = a->ai_next)
        n++;
    j->v = calloc((size_t)n + 1, sizeof *j->v);
    if (!j->v)
        abort();
    for (struct ares_addrinfo_node *a = res->nodes; a; a = a->ai_next)
        if (a->ai_family == AF_INET || a->ai_family == AF_INET6)
            fill(&j->v[j->n++], a->ai_addr, a->ai_addrlen, j->port);
    ares_freeaddrinfo(res);
    interleave(j->v, j->n);
}

int xf_resolve_addrs(xf_resolver *r, const char *host, int port,
                     xf_addr **out, xf_err *err)
{
    addr_job j = { .port = port };
    struct ares_addrinfo_hints hints = { .ai_family = AF_UNSPEC,
                                         .ai_socktype = SOCK_STREAM };
    *out = NULL;
    ares_getaddrinfo(r->ch, host, NULL, &hints, addr_done, &j);
    if (!wait_done(r, &j.done) && !j.done) {
        xf_errf(err, _("%s: no address before the deadline"), host);
        return -1;
    }
    if (j.status != ARES_SUCCESS || !j.n) {
        xf_errf(err, "%s: %s", host, j.status == ARES_SUCCESS ? _("no address")
                : xf_dns_status_text(j.status));
        free(j.v);
        return -1;
    }
    *out = j.v;
    return j.n;
}
