/* A connection for the probe: non-blocking socket, optional TLS, every
 * operation bounded by a deadline and cancellable. */
#ifndef XF_NETIO_H
#define XF_NETIO_H

#include "diag.h"
#include "resolve.h"

#include <openssl/ssl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct xf_conn {
    int fd;
    SSL *ssl;
    int64_t deadline;
    atomic_bool *cancel;
} xf_conn;

/* What the Happy Eyeballs connect did, for the report. */
typedef struct xf_connect_log {
    int winner;           /* index of the address connected, -1 if none */
    long ms;              /* time to the winning connection */
    char tried[512];      /* "[::1]:5269 refused; 127.0.0.1:5269 ok" */
} xf_connect_log;

/* Connects to one of addrs (RFC 8305: a new attempt every 250 ms or when
 * one fails, the first to succeed wins). Returns the socket or -1. */
int xf_connect_happy(const xf_addr *addrs, int n, int64_t deadline,
                     atomic_bool *cancel, xf_connect_log *log);

/* 0 on success; -1 with err (timeout, cancel, reset...). */
int xf_conn_write(xf_conn *c, const char *data, size_t len, xf_err *err);
/* Bytes read (> 0), 0 at the end of the stream, -1 with err. */
ssize_t xf_conn_read(xf_conn *c, char *buf, size_t cap, xf_err *err);
/* The TLS handshake on c->fd: SNI, and ALPN "xmpp-server" for direct TLS. */
int xf_conn_tls(xf_conn *c, SSL_CTX *ctx, const char *sni, bool alpn,
                xf_err *err);
void xf_conn_close(xf_conn *c);

#endif
