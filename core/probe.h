/* Test-connect (SPEC section 6): find a partner's server-to-server
 * endpoint, run what federation would run, step by step, and judge the
 * result against the partner's policy. */
#ifndef XF_PROBE_H
#define XF_PROBE_H

#include "partner.h"
#include "strlist.h"
#include "tlsinfo.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum { XF_PASS, XF_WARN, XF_FAIL } xf_outcome;
typedef enum { XF_STEP_OK, XF_STEP_INFO, XF_STEP_WARN, XF_STEP_FAIL } xf_step_status;

struct xf_probe_result;

typedef struct xf_step {
    char name[12];     /* dns, connect, stream, tls, cert, features, sasl */
    xf_step_status status;
    char *text;
} xf_step;

typedef struct xf_probe_opts {
    const char *from;      /* our domain, "" for none */
    const char *ca_file, *cert, *key, *dns;
    int timeout_ms;        /* the whole test of one partner */
    int warn_days;         /* WARN when the certificate expires in fewer */
    SSL_CTX *tls;          /* shared TLS context, or NULL: made per test */
    atomic_bool *cancel;   /* true: stop as soon as possible */
    /* Called from the probing thread as each step ends. */
    void (*on_step)(void *ctx, size_t job, const xf_step *step);
    /* Called from the probing thread when a partner's test is over. */
    void (*on_done)(void *ctx, size_t job, const struct xf_probe_result *r);
    void *ctx;
} xf_probe_opts;

typedef struct xf_features {
    bool read;             /* a <stream:features> was read */
    bool starttls, starttls_required, dialback;
    xf_strlist mechanisms;
} xf_features;

typedef struct xf_probe_result {
    char *domain;
    bool configured;       /* judged against its settings from the file */
    xf_outcome outcome;
    unsigned method;       /* one XF_METHOD_*, 0 for none */
    char *reason;
    char *suggestion;      /* not configured: settings that would work */
    char *endpoint, *address;
    bool direct_tls;
    bool connected, stream_ok, db_namespace;
    xf_features before_tls, after_tls;
    xf_tls_info tls;
    bool have_cert;        /* we offered a certificate */
    bool external_tried, external_ok;
    char *external_failure;
    char *stream_error;    /* "host-unknown: text" */
    char *failure;         /* what stopped the test */
    long elapsed_ms;
    int warn_days;         /* the threshold the verdict used */
    xf_step *steps;
    size_t nsteps;
} xf_probe_result;

/* Tests p (its domain, proxy_fqdn and policy). configured false: p holds
 * only the domain and the result says which settings would work. job is
 * passed to on_step. */
void xf_probe_run(const xf_partner *p, bool configured,
                  const xf_probe_opts *o, size_t job, xf_probe_result *r);
void xf_probe_result_free(xf_probe_result *r);

/* Tests n partners with up to jobs at a time (threads). */
void xf_probe_all(const xf_partner *const *ps, const bool *configured,
                  size_t n, const xf_probe_opts *o, int jobs,
                  xf_probe_result *results);

/* Runs work(arg) in this thread and in up to jobs - 1 others made by
 * create (pthread_create; a test passes one that fails); returns how many
 * threads ran it. Those that could not be made are not waited for. */
typedef int (*xf_thread_create_fn)(pthread_t *, const pthread_attr_t *,
                                   void *(*)(void *), void *);
int xf_run_threads(int jobs, void *(*work)(void *), void *arg,
                   xf_thread_create_fn create);

const char *xf_outcome_name(xf_outcome o); /* "PASS", "WARN", "FAIL" */
/* A test in one line, as the test command and the editor's test view give
 * it: "DOMAIN: PASS via METHOD: reason". Newly allocated, not escaped. */
char *xf_verdict_line(const xf_probe_result *r);

/* The options a test starts from: the gateway section's (core/probe_opts.c);
 * no callbacks, no cancel flag. */
struct xf_gateway;
void xf_probe_opts_gateway(xf_probe_opts *o, const struct xf_gateway *gw);

/* The verdict (core/verdict.c): fills outcome, method, reason and, when
 * not configured, suggestion, from what the probe found. */
void xf_verdict_decide(const xf_partner *policy, xf_probe_result *r);

#endif
