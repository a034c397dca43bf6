/* Many partners at once: each test is bounded by its own timeout, so the
 * whole run takes about as long as the slowest partner. */
#include "probe.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct pool {
    const xf_partner *const *ps;
    const bool *configured;
    size_t n;
    const xf_probe_opts *o;
    xf_probe_result *results;
    atomic_size_t next;
} pool;

static void *worker(void *arg)
{
    pool *pl = arg;
    for (;;) {
        size_t i = atomic_fetch_add(&pl->next, 1);
        if (i >= pl->n)
            return NULL;
        xf_probe_run(pl->ps[i], pl->configured ? pl->configured[i] : true,
                     pl->o, i, &pl->results[i]);
    }
}

void xf_probe_all(const xf_partner *const *ps, const bool *configured,
                  size_t n, const xf_probe_opts *o, int jobs,
                  xf_probe_result *results)
{
    /* one TLS context for all: loading a CA bundle takes tens of ms of CPU
     * (35 ms for Debian's); if it fails, each test says why */
    xf_probe_opts shared = *o;
    if (!shared.tls)
        shared.tls = xf_tls_context(o->ca_file, o->cert, o->key, NULL);
    pool pl = { .ps = ps, .configured = configured, .n = n, .o = &shared,
                .results = results };
    atomic_init(&pl.next, 0);
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > n)
        jobs = (int)n;
    pthread_t *t = calloc((size_t)jobs + 1, sizeof *t);
    if (!t)
        abort();
    int started = 0;
    for (int i = 1; i < jobs; i++)
        if (pthread_create(&t[i], NULL, worker, &pl) == 0)
            started = i;
    worker(&pl); /* this thread works too */
    for (int i = 1; i <= started; i++)
        pthread_join(t[i], NULL);
    free(t);
    if (!o->tls)
        SSL_CTX_free(shared.tls);
}
