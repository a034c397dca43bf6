/* Many partners at once: each test is bounded by its own timeout, so the
 * whole run takes about as long as the slowest partner. */
#include "probe.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include "tls_lib.h" /* last: see there */

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

int xf_run_threads(int jobs, void *(*work)(void *), void *arg,
                   xf_thread_create_fn create)
{
    pthread_t *t = calloc(jobs > 1 ? (size_t)jobs : 1, sizeof *t);
    if (!t)
        abort();
    int created = 0;
    /* a thread that cannot be made leaves no hole: t[0..created) are
     * exactly the threads that exist, the only ones to join */
    for (int i = 1; i < jobs; i++)
        if (create(&t[created], NULL, work, arg) == 0)
            created++;
    work(arg); /* this thread works too */
    for (int i = 0; i < created; i++)
        pthread_join(t[i], NULL);
    free(t);
    return created + 1;
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
    xf_run_threads(jobs < 1 ? 1 : (size_t)jobs > n ? (int)n : jobs, worker,
                   &pl, pthread_create);
    if (!o->tls)
        SSL_CTX_free(shared.tls);
}
