/* test: test-connect to partners from the command line (SPEC section 6). */
#include "cli.h"
#include "core/domain.h"
#include "core/probe.h"
#include "core/visible.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_JOBS 16

typedef struct test_args {
    bool all, json;
    int timeout, jobs;
    char *dns, *ca_file, *cert, *key, *from;
    char **domains;
    int ndomains;
} test_args;

enum { O_ALL = 256, O_TIMEOUT, O_DNS, O_CA, O_CERT, O_KEY, O_FROM, O_JOBS, O_JSON };

static const struct option opts[] = {
    { "all", no_argument, NULL, O_ALL },
    { "timeout", required_argument, NULL, O_TIMEOUT },
    { "dns", required_argument, NULL, O_DNS },
    { "ca-file", required_argument, NULL, O_CA },
    { "cert", required_argument, NULL, O_CERT },
    { "key", required_argument, NULL, O_KEY },
    { "from", required_argument, NULL, O_FROM },
    { "jobs", required_argument, NULL, O_JOBS },
    { "json", no_argument, NULL, O_JSON },
    { 0 },
};

static int parse(int argc, char **argv, test_args *a)
{
    int c;
    xf_err err;
    int port;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_ALL: a->all = true; break;
        case O_JSON: a->json = true; break;
        case O_TIMEOUT:
            if (!xf_parse_int(optarg, 1, XF_TIMEOUT_MAX, &a->timeout))
                return xf_usage_error("test", "--timeout: a number of seconds "
                                      "from 1 to %d", XF_TIMEOUT_MAX);
            break;
        case O_JOBS:
            if (!xf_parse_int(optarg, 1, 256, &a->jobs))
                return xf_usage_error("test", "--jobs: a number from 1 to 256");
            break;
        case O_DNS:
            free(a->dns);
            if (!(a->dns = xf_hostport_normalize(optarg, NULL, &port, &err)))
                return xf_usage_error("test", "--dns: %s", err.msg);
            break;
        case O_FROM:
            free(a->from);
            if (!(a->from = xf_domain_normalize(optarg, &err)))
                return xf_usage_error("test", "--from: %s", err.msg);
            break;
        case O_CA: free(a->ca_file); a->ca_file = xf_strdup(optarg); break;
        case O_CERT: free(a->cert); a->cert = xf_strdup(optarg); break;
        case O_KEY: free(a->key); a->key = xf_strdup(optarg); break;
        default: return XF_EXIT_USAGE;
        }
    }
    a->domains = argv + optind;
    a->ndomains = argc - optind;
    if (!a->all && !a->ndomains)
        return xf_usage_error("test", "which partner? give DOMAIN... or --all");
    return XF_EXIT_OK;
}

/* Options not given default to the gateway section. */
static void defaults(test_args *a, const xf_gateway *gw)
{
    char **slots[] = { &a->from, &a->ca_file, &a->cert, &a->key, &a->dns };
    for (int f = XF_G_LOCAL_DOMAIN; f <= XF_G_DNS_SERVER; f++)
        if (!*slots[f])
            *slots[f] = xf_strdup(gw->text[f]);
    if (!a->timeout)
        a->timeout = gw->test_timeout;
}

/* The partners to test: from the file, or a domain not in it, tested
 * with every method allowed so that the result says what would work. */
static int collect(const test_args *a, const xf_config *c, xf_partner ***ps,
                   bool **configured, size_t *n)
{
    size_t cap = (a->all ? c->n : 0) + (size_t)a->ndomains + 1;
    *ps = calloc(cap, sizeof **ps);
    *configured = calloc(cap, sizeof **configured);
    if (!*ps || !*configured)
        abort();
    *n = 0;
    for (size_t i = 0; a->all && i < c->n; i++) {
        (*configured)[*n] = true;
        (*ps)[(*n)++] = xf_partner_dup(c->v[i]);
    }
    for (int i = 0; i < a->ndomains; i++) {
        xf_err err;
        char *d = xf_domain_normalize(a->domains[i], &err);
        if (!d) {
            char *vis = xf_visible(a->domains[i]);
            xf_say("test '%s': %s", vis, err.msg);
            free(vis);
            return XF_EXIT_USAGE;
        }
        long at = xf_config_find(c, d);
        xf_partner *p = at >= 0 ? xf_partner_dup(c->v[at]) : xf_partner_new();
        if (at < 0) {
            p->tls = XF_MODE_OPTIONAL;
            p->sasl = XF_MODE_OPTIONAL;
        }
        free(p->domain);
        p->domain = d; /* an additional domain is tested under its own name */
        (*configured)[*n] = at >= 0;
        (*ps)[(*n)++] = p;
    }
    return XF_EXIT_OK;
}

static const char *status_word(xf_step_status s)
{
    static const char *const w[] = { "ok", "info", "warn", "FAIL" };
    return w[s];
}

static void print_text(const xf_probe_result *r)
{
    char *reason = xf_visible(r->reason);
    printf("%s: %s%s%s: %s\n", r->domain, xf_outcome_name(r->outcome),
           r->method ? " via " : "", r->method ? xf_method_name(r->method) : "",
           reason);
    free(reason);
    if (!r->configured)
        printf("  (not in the file: tested with every method allowed; %s)\n",
               r->suggestion);
    for (size_t i = 0; i < r->nsteps; i++) {
        char *t = xf_visible(r->steps[i].text);
        printf("  %-9s %-4s %s\n", r->steps[i].name,
               status_word(r->steps[i].status), t);
        free(t);
    }
    printf("  %-9s      %ld ms\n", "elapsed", r->elapsed_ms);
}

static json_t *features_json(const xf_features *f)
{
    if (!f->read)
        return json_null();
    json_t *m = json_array();
    for (size_t i = 0; i < f->mechanisms.n; i++)
        json_array_append_new(m, json_string(f->mechanisms.v[i]));
    return json_pack("{s:b, s:b, s:b, s:o}", "starttls", f->starttls,
                     "starttls_required", f->starttls_required, "dialback",
                     f->dialback, "sasl_mechanisms", m);
}

static json_t *tls_json(const xf_tls_info *t)
{
    if (!t->done)
        return json_null();
    return json_pack("{s:s, s:s, s:b, s:s?, s:b, s:s?, s:s, s:s?, s:i, s:s?}",
                     "version", t->version, "cipher", t->cipher,
                     "verified", t->verified,
                     "verify_error", *t->verify_error ? t->verify_error : NULL,
                     "name_ok", t->name_ok,
                     "name_match", *t->name_how ? t->name_how : NULL,
                     "names", t->names,
                     "not_after", *t->not_after ? t->not_after : NULL,
                     "days_left", t->days_left,
                     "alpn", *t->alpn ? t->alpn : NULL);
}

static json_t *result_json(const xf_probe_result *r)
{
    static const char *const verdicts[] = { "pass", "warn", "fail" };
    json_t *steps = json_array();
    for (size_t i = 0; i < r->nsteps; i++)
        json_array_append_new(steps, json_pack("{s:s, s:s, s:s}", "step",
                              r->steps[i].name, "status",
                              status_word(r->steps[i].status), "text",
                              r->steps[i].text));
    json_t *features = json_pack("{s:o, s:o, s:b}", "before_tls",
                                 features_json(&r->before_tls), "after_tls",
                                 features_json(&r->after_tls), "dialback_namespace",
                                 r->db_namespace);
    return json_pack(
        "{s:s, s:b, s:s, s:s?, s:s, s:s?, s:s?, s:s?, s:b, s:o, s:o, "
        "s:{s:b, s:b, s:s?}, s:s?, s:I, s:o}",
        "domain", r->domain, "configured", r->configured,
        "verdict", verdicts[r->outcome],
        "method", r->method ? xf_method_name(r->method) : NULL,
        "reason", r->reason, "suggestion", r->suggestion,
        "endpoint", r->endpoint, "address", r->address,
        "direct_tls", r->direct_tls, "tls", tls_json(&r->tls),
        "features", features,
        "sasl_external", "tried", r->external_tried, "ok", r->external_ok,
        "failure", r->external_failure,
        "stream_error", r->stream_error, "elapsed_ms", (json_int_t)r->elapsed_ms,
        "steps", steps);
}

static void free_args(test_args *a)
{
    free(a->dns);
    free(a->ca_file);
    free(a->cert);
    free(a->key);
    free(a->from);
}

static int run_tests(const test_args *a, xf_partner **ps, const bool *conf,
                     size_t n)
{
    xf_probe_opts o = { .from = a->from, .ca_file = a->ca_file,
                        .cert = a->cert, .key = a->key, .dns = a->dns,
                        .timeout_ms = a->timeout * 1000 };
    xf_probe_result *res = calloc(n + 1, sizeof *res);
    if (!res)
        abort();
    xf_probe_all((const xf_partner *const *)ps, conf, n, &o,
                 a->jobs ? a->jobs : DEFAULT_JOBS, res);
    int rc = XF_EXIT_OK;
    json_t *all = a->json ? json_array() : NULL;
    for (size_t i = 0; i < n; i++) {
        if (res[i].outcome == XF_FAIL)
            rc = XF_EXIT_FAIL;
        if (a->json)
            json_array_append_new(all, result_json(&res[i]));
        else
            print_text(&res[i]);
        xf_probe_result_free(&res[i]);
    }
    if (a->json)
        xf_json_print(all);
    free(res);
    return rc;
}

int xf_cmd_test(const char *path, int argc, char **argv)
{
    test_args a = { 0 };
    int rc = parse(argc, argv, &a);
    xf_store s;
    if (rc == XF_EXIT_OK && (rc = xf_cli_open(&s, path, false)) != XF_EXIT_OK)
        xf_store_close(&s);
    if (rc) {
        free_args(&a);
        return rc;
    }
    defaults(&a, &s.model.gw);
    xf_partner **ps = NULL;
    bool *conf = NULL;
    size_t n = 0;
    rc = collect(&a, &s.model, &ps, &conf, &n);
    if (rc == XF_EXIT_OK && n == 0)
        xf_say("no partners in %s: nothing to test", path);
    else if (rc == XF_EXIT_OK)
        rc = run_tests(&a, ps, conf, n);
    for (size_t i = 0; i < n; i++)
        xf_partner_free(ps[i]);
    free(ps);
    free(conf);
    free_args(&a);
    xf_store_close(&s);
    return rc;
}
