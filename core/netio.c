#include "netio.h"
#include "clock.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/err.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

int xf_connect_happy(const xf_addr *addrs, int n, int64_t deadline,
                     volatile int *cancel, xf_connect_log *log)
{
    int64_t t0 = xf_now_ms(), next_start = t0;
    struct pollfd pfd[MAX_ATTEMPTS];
    int who[MAX_ATTEMPTS], live = 0, started = 0;
    *log = (xf_connect_log){ .winner = -1 };
    if (n > MAX_ATTEMPTS)
        n = MAX_ATTEMPTS;
    while (started < n || live > 0) {
        int64_t now = xf_now_ms();
        if (now >= deadline || (cancel && *cancel))
            break;
        if (started < n && (now >= next_start || live == 0)) {
            int fd = start_attempt(&addrs[started]);
            if (fd < 0)
                log_add(log, "%s%s %s", addrs[started].text, strerror(errno));
            else {
                pfd[live] = (struct pollfd){ .fd = fd, .events = POLLOUT };
                who[live++] = started;
            }
            started++;
            next_start = now + ATTEMPT_DELAY_MS;
            continue;
        }
        int64_t wait = (started < n ? next_start : deadline) - now;
        if (wait > 100)
            wait = 100;
        if (poll(pfd, (nfds_t)live, (int)(wait > 0 ? wait : 0)) <= 0)
            continue;
        for (int i = 0; i < live; i++) {
            if (!pfd[i].revents)
                continue;
            int soerr = 0;
            socklen_t sl = sizeof soerr;
            getsockopt(pfd[i].fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
            if (soerr == 0) {
                int win = pfd[i].fd;
                log->winner = who[i];
                log->ms = (long)(xf_now_ms() - t0);
                log_add(log, "%s%s %s", addrs[who[i]].text, "connected");
                for (int k = 0; k < live; k++)
                    if (k != i)
                        close(pfd[k].fd);
                return win;
            }
            log_add(log, "%s%s %s", addrs[who[i]].text, strerror(soerr));
            close(pfd[i].fd);
            pfd[i] = pfd[--live];
            who[i] = who[live];
            i--;
            next_start = xf_now_ms(); /* a failure starts the next at once */
        }
    }
    for (int k = 0; k < live; k++) {
        log_add(log, "%s%s %s", addrs[who[k]].text,
                cancel && *cancel ? "cancelled" : "no answer before the deadline");
        close(pfd[k].fd);
    }
    return -1;
}

/* Waits for the socket; 0 ready, -1 with err on deadline or cancel. */
static int wait_fd(xf_conn *c, short events, xf_err *err)
{
    for (;;) {
        int64_t left = c->deadline - xf_now_ms();
        if (c->cancel && *c->cancel) {
            xf_errf(err, "cancelled");
            return -1;
        }
        if (left <= 0) {
            xf_errf(err, "no answer before the deadline");
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
        return "the connection was closed";
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
