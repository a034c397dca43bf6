#include "i18n.h"
#include "netio.h"
#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "tls_lib.h" /* last: see there */

#define ATTEMPT_DELAY_MS 250 /* RFC 8305 Connection Attempt Delay */
#define MAX_ATTEMPTS 16

static void log_add(xf_connect_log *log, const char *fmt, const char *a,
                    const char *b)
{
    size_t used = strlen(log->tried);
    snprintf(log->tried + used, sizeof log->tried - used, fmt, used ? "; " : "",
             a, b);
}

static int start_attempt(const xf_addr *a)
{
    int fd = socket(a->ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (connect(fd, (const struct sockaddr *)&a->ss, a->len) == 0 ||
        errno == EINPROGRESS)
        return fd;
    int e = errno;
    close(fd);
    errno = e;
    return -1;
}

/* The connection attempts under way. */
typedef struct attempts {
    struct pollfd pfd[MAX_ATTEMPTS];
    int who[MAX_ATTEMPTS]; /* index into addrs */
    int live;
} attempts;

static void drop(attempts *at, int i)
{
    close(at->pfd[i].fd);
    at->live--;
    at->pfd[i] = at->pfd[at->live];
    at->who[i] = at->who[at->live];
}

/* Polls the attempts once; returns the index of one that connected, or -1.
 * Failed attempts are logged and dropped; *failed says if any was. */
static int reap(attempts *at, const xf_addr *addrs, int wait_ms,
                xf_connect_log *log, bool *failed)
{
    *failed = false;
    if (poll(at->pfd, (nfds_t)at->live, wait_ms) <= 0)
        return -1;
    for (int i = 0; i < at->live; i++) {
        if (!at->pfd[i].revents)
            continue;
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        getsockopt(at->pfd[i].fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
        if (soerr == 0)
            return i;
        log_add(log, "%s%s %s", addrs[at->who[i]].text, strerror(soerr));
        drop(at, i--);
        *failed = true;
    }
    return -1;
}

/* The attempt won won: it is kept, the others are closed. */
static int keep_winner(attempts *at, int won, const xf_addr *addrs,
                       int64_t t0, xf_connect_log *log)
{
    int fd = at->pfd[won].fd;
    log->winner = at->who[won];
    log->ms = (long)(xf_now_ms() - t0);
    log_add(log, "%s%s %s", addrs[at->who[won]].text, _("connected"));
    for (int k = 0; k < at->live; k++)
        if (k != won)
            close(at->pfd[k].fd);
    return fd;
}

int xf_connect_happy(const xf_addr *addrs, int n, int64_t deadline,
                     atomic_bool *cancel, xf_connect_log *log)
{
    int64_t t0 = xf_now_ms(), next_start = t0;
    attempts at = { .live = 0 };
    int started = 0;
    *log = (xf_connect_log){ .winner = -1 };
    n = n > MAX_ATTEMPTS ? MAX_ATTEMPTS : n;
    while ((started < n || at.live > 0) && xf_now_ms() < deadline &&
           !xf_cancelled(cancel)) {
        int64_t now = xf_now_ms();
        if (started < n && (now >= next_start || at.live == 0)) {
            int fd = start_attempt(&addrs[started]);
            if (fd < 0)
                log_add(log, "%s%s %s", addrs[started].text, strerror(errno));
            else {
                at.pfd[at.live] = (struct pollfd){ .fd = fd, .events = POLLOUT };
                at.who[at.live++] = started;
            }
            started++;
            next_start = now + ATTEMPT_DELAY_MS;
            continue;
        }
        int64_t wait = (started < n ? next_start : deadline) - now;
        bool failed;
        int won = reap(&at, addrs, (int)(wait > 100 ? 100 : wait > 0 ? wait : 0),
                       log, &failed);
        if (won >= 0)
            return keep_winner(&at, won, addrs, t0, log);
        if (failed)
            next_start = xf_now_ms(); /* a failure starts the next at once */
    }
    for (int k = 0; k < at.live; k++) {
        log_add(log, "%s%s %s", addrs[at.who[k]].text,
                xf_cancelled(cancel) ? _("cancelled") : _("no answer before the deadline"));
        close(at.pfd[k].fd);
    }
    return -1;
}

/* Waits for the socket; 0 ready, -1 with err on deadline or cancel. */
static int wait_fd(xf_conn *c, short events, xf_err *err)
{
    for (;;) {
        int64_t left = c->deadline - xf_now_ms();
        if (xf_cancelled(c->cancel)) {
            xf_errf(err, "%s", _("cancelled"));
            return -1;
        }
        if (left <= 0) {
            xf_errf(err, "%s", _("no answer before the deadline"));
            return -1;
        }
        struct pollfd p = { .fd = c->fd, .events = events };
        int rc = poll(&p, 1, (int)(left > 100 ? 100 : left));
        if (rc > 0)
            return 0;
        if (rc < 0 && errno != EINTR) {
            xf_errf(err, "%s", strerror(errno));
            return -1;
        }
    }
}

static const char *ssl_reason(void)
{
    unsigned long e = ERR_get_error();
    static __thread char buf[160];
    if (!e)
        return _("the connection was closed");
    ERR_error_string_n(e, buf, sizeof buf);
    ERR_clear_error();
    return buf;
}

/* For an SSL call that returned rc: wait as OpenSSL asks, or fail. */
static int ssl_wait(xf_conn *c, int rc, xf_err *err)
{
    int e = SSL_get_error(c->ssl, rc);
    if (e == SSL_ERROR_WANT_READ)
        return wait_fd(c, POLLIN, err);
    if (e == SSL_ERROR_WANT_WRITE)
        return wait_fd(c, POLLOUT, err);
    if (e == SSL_ERROR_SYSCALL && errno)
        xf_errf(err, "%s", strerror(errno));
    else
        xf_errf(err, "%s", ssl_reason());
    return -1;
}

int xf_conn_write(xf_conn *c, const char *data, size_t len, xf_err *err)
{
    while (len) {
        ssize_t w;
        if (c->ssl) {
            int rc = SSL_write(c->ssl, data, (int)len);
            if (rc <= 0) {
                if (ssl_wait(c, rc, err) < 0)
                    return -1;
                continue;
            }
            w = rc;
        } else {
            w = send(c->fd, data, len, MSG_NOSIGNAL);
            if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
                if (wait_fd(c, POLLOUT, err) < 0)
                    return -1;
                continue;
            }
            if (w < 0) {
                xf_errf(err, "%s", strerror(errno));
                return -1;
            }
        }
        data += w;
        len -= (size_t)w;
    }
    return 0;
}

ssize_t xf_conn_read(xf_conn *c, char *buf, size_t cap, xf_err *err)
{
    for (;;) {
        if (c->ssl) {
            int rc = SSL_read(c->ssl, buf, (int)cap);
            if (rc > 0)
                return rc;
            if (SSL_get_error(c->ssl, rc) == SSL_ERROR_ZERO_RETURN)
                return 0;
            if (ssl_wait(c, rc, err) < 0)
                return -1;
            continue;
        }
        ssize_t r = recv(c->fd, buf, cap, 0);
        if (r >= 0)
            return r;
        if (errno != EAGAIN && errno != EINTR) {
            xf_errf(err, "%s", strerror(errno));
            return -1;
        }
        if (wait_fd(c, POLLIN, err) < 0)
            return -1;
    }
}

int xf_conn_tls(xf_conn *c, SSL_CTX *ctx, const char *sni, bool alpn,
                xf_err *err)
{
    static const unsigned char proto[] = "\x0bxmpp-server";
    c->ssl = SSL_new(ctx);
    if (!c->ssl) {
        xf_errf(err, "%s", ssl_reason());
        return -1;
    }
    SSL_set_fd(c->ssl, c->fd);
    SSL_set_tlsext_host_name(c->ssl, sni);
    if (alpn)
        SSL_set_alpn_protos(c->ssl, proto, sizeof proto - 1);
    for (;;) {
        int rc = SSL_connect(c->ssl);
        if (rc == 1)
            return 0;
        if (ssl_wait(c, rc, err) < 0)
            return -1;
    }
}

void xf_conn_close(xf_conn *c)
{
    if (c->ssl) {
        SSL_shutdown(c->ssl); /* one notify, no waiting for the peer's */
        SSL_free(c->ssl);
        c->ssl = NULL;
    }
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}
