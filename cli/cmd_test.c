/* test: test-connect to partners from the command line (SPEC section 6). */
#include "cli.h"
#include "core/i18n.h"
#include "core/domain.h"
#include "core/probe.h"
#include "core/atomic_write.h"
#include "core/clock.h"
#include "core/visible.h"
#include "test_format.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define DEFAULT_JOBS 16

typedef enum { F_TEXT, F_JSON, F_NAGIOS, F_PROMETHEUS } test_format;
static const char *const format_names[] = { "text", "json", "nagios",
                                            "prometheus" };

typedef struct test_args {
    bool all;
    test_format format;
    int timeout, jobs, warn_days; /* warn_days -1: the gateway's */
    char *dns, *ca_file, *cert, *key, *from, *output;
    char **domains;
    int ndomains;
} test_args;

enum { O_ALL = 256, O_TIMEOUT, O_DNS, O_CA, O_CERT, O_KEY, O_FROM, O_JOBS, O_JSON,
       O_FORMAT, O_OUTPUT, O_WARN_DAYS };

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
    { "format", required_argument, NULL, O_FORMAT },
    { "output", required_argument, NULL, O_OUTPUT },
    { "warn-days", required_argument, NULL, O_WARN_DAYS },
    { 0 },
};

static bool parse_format(const char *s, test_format *f)
{
    for (int i = 0; i <= F_PROMETHEUS; i++)
        if (!strcmp(s, format_names[i])) {
            *f = (test_format)i;
            return true;
        }
    return false;
}

/* The output options (format, file, threshold): true when c is one of
 * them, with *rc set to the usage error when its value is bad. */
static bool parse_output(int c, test_args *a, int *rc)
{
    switch (c) {
    case O_JSON: a->format = F_JSON; return true;
    case O_FORMAT:
        if (!parse_format(optarg, &a->format))
            *rc = xf_usage_error("test", _("--format: text, json, nagios or "
                                 "prometheus"));
        return true;
    case O_OUTPUT:
        free(a->output);
        a->output = xf_strdup(optarg);
        if (!*optarg)
            *rc = xf_usage_error("test", _("--output: a file name"));
        return true;
    case O_WARN_DAYS:
        if (!xf_parse_int(optarg, 0, XF_CERT_WARN_DAYS_MAX, &a->warn_days))
            *rc = xf_usage_error("test", _("--warn-days: a number of days from "
                                 "0 to %d"), XF_CERT_WARN_DAYS_MAX);
        return true;
    default:
        return false;
    }
}

static int parse(int argc, char **argv, test_args *a)
{
    int c;
    xf_err err;
    int port;
    optind = 0;
    while ((c = xf_getopt("test", argc, argv, "", opts, NULL)) != -1) {
        int rc = XF_EXIT_OK;
        if (parse_output(c, a, &rc)) {
            if (rc)
                return rc;
            continue;
        }
        switch (c) {
        case O_ALL: a->all = true; break;
        case O_TIMEOUT:
            if (!xf_parse_int(optarg, 1, XF_TIMEOUT_MAX, &a->timeout))
                return xf_usage_error("test", _("--timeout: a number of seconds "
                                      "from 1 to %d"), XF_TIMEOUT_MAX);
            break;
        case O_JOBS:
            if (!xf_parse_int(optarg, 1, 256, &a->jobs))
                return xf_usage_error("test", _("--jobs: a number from 1 to 256"));
            break;
        case O_DNS:
            free(a->dns);
            if (!(a->dns = xf_hostport_normalize(optarg, NULL, &port, &err)))
                return xf_usage_error("test", _("--dns: %s"), err.msg);
            break;
        case O_FROM:
            free(a->from);
            if (!(a->from = xf_domain_normalize(optarg, &err)))
                return xf_usage_error("test", _("--from: %s"), err.msg);
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
        return xf_usage_error("test", _("which partner? give DOMAIN... or --all"));
    return XF_EXIT_OK;
}

/* Options not given default to the gateway section. */
static void defaults(test_args *a, const xf_gateway *gw)
{
    xf_probe_opts o;
    xf_probe_opts_gateway(&o, gw);
    char **slots[] = { &a->from, &a->ca_file, &a->cert, &a->key, &a->dns };
    const char *from_gw[] = { o.from, o.ca_file, o.cert, o.key, o.dns };
    for (size_t i = 0; i < sizeof slots / sizeof *slots; i++)
        if (!*slots[i])
            *slots[i] = xf_strdup(from_gw[i]);
    if (!a->timeout)
        a->timeout = o.timeout_ms / 1000;
    if (a->warn_days < 0)
        a->warn_days = o.warn_days;
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
            xf_usage_error("test", "'%s': %s", vis, err.msg);
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

static void print_text(FILE *out, const xf_probe_result *r)
{
    char *line = xf_verdict_line(r), *vis = xf_visible(line);
    fprintf(out, "%s\n", vis);
    free(vis);
    free(line);
    if (!r->configured)
        fprintf(out, _("  (not in the file: tested with every method allowed; %s)\n"),
               r->suggestion);
    for (size_t i = 0; i < r->nsteps; i++) {
        char *t = xf_visible(r->steps[i].text);
        fprintf(out, "  %-9s %-4s %s\n", r->steps[i].name,
               status_word(r->steps[i].status), t);
        free(t);
    }
    /* TRANSLATORS: the number starts in column 18, under the steps' texts */
    fprintf(out, _("  elapsed        %ld ms\n"), r->elapsed_ms);
}

/* Text from the file or the network as a JSON string (null for NULL):
 * escaped when it is not UTF-8, which json_pack's "s" would refuse and
 * so drop the whole partner from the output. */
static json_t *text(const char *s)
{
    return s ? xf_json_text(s, NULL) : json_null();
}

/* As text, but an empty string is null (not known, not applicable). */
static json_t *text_or_null(const char *s)
{
    return text(s && *s ? s : NULL);
}

static json_t *features_json(const xf_features *f)
{
    if (!f->read)
        return json_null();
    json_t *m = json_array();
    for (size_t i = 0; i < f->mechanisms.n; i++)
        json_array_append_new(m, text(f->mechanisms.v[i]));
    return json_pack("{s:b, s:b, s:b, s:o}", "starttls", f->starttls,
                     "starttls_required", f->starttls_required, "dialback",
                     f->dialback, "sasl_mechanisms", m);
}

static json_t *tls_json(const xf_tls_info *t)
{
    if (!t->done)
        return json_null();
    return json_pack("{s:o, s:o, s:b, s:o, s:b, s:o, s:o, s:o, s:i, s:o}",
                     "version", text(t->version), "cipher", text(t->cipher),
                     "verified", t->verified,
                     "verify_error", text_or_null(t->verify_error),
                     "name_ok", t->name_ok,
                     "name_match", text_or_null(t->name_how),
                     "names", text(t->names),
                     "not_after", text_or_null(t->not_after),
                     "days_left", t->days_left,
                     "alpn", text_or_null(t->alpn));
}

static json_t *result_json(const xf_probe_result *r)
{
    static const char *const verdicts[] = { "pass", "warn", "fail" };
    json_t *steps = json_array();
    for (size_t i = 0; i < r->nsteps; i++)
        json_array_append_new(steps, json_pack("{s:s, s:s, s:o}", "step",
                              r->steps[i].name, "status",
                              status_word(r->steps[i].status), "text",
                              text(r->steps[i].text)));
    json_t *features = json_pack("{s:o, s:o, s:b}", "before_tls",
                                 features_json(&r->before_tls), "after_tls",
                                 features_json(&r->after_tls), "dialback_namespace",
                                 r->db_namespace);
    return json_pack(
        "{s:o, s:b, s:s, s:s?, s:o, s:o, s:o, s:o, s:b, s:o, s:o, "
        "s:{s:b, s:b, s:o}, s:o, s:I, s:o}",
        "domain", text(r->domain), "configured", r->configured,
        "verdict", verdicts[r->outcome],
        "method", r->method ? xf_method_name(r->method) : NULL,
        "reason", text(r->reason), "suggestion", text(r->suggestion),
        "endpoint", text(r->endpoint), "address", text(r->address),
        "direct_tls", r->direct_tls, "tls", tls_json(&r->tls),
        "features", features,
        "sasl_external", "tried", r->external_tried, "ok", r->external_ok,
        "failure", text(r->external_failure),
        "stream_error", text(r->stream_error), "elapsed_ms", (json_int_t)r->elapsed_ms,
        "steps", steps);
}

static void free_args(test_args *a)
{
    free(a->dns);
    free(a->ca_file);
    free(a->cert);
    free(a->key);
    free(a->from);
    free(a->output);
}

/* The results in the chosen format; returns the exit status. */
static int render(FILE *out, const test_args *a, const xf_probe_result *res,
                  size_t n, long elapsed_ms)
{
    int rc = XF_EXIT_OK;
    for (size_t i = 0; i < n; i++)
        if (res[i].outcome == XF_FAIL)
            rc = XF_EXIT_FAIL;
    if (a->format == F_NAGIOS)
        return xf_nagios_results(out, res, n, a->warn_days, elapsed_ms);
    if (a->format == F_PROMETHEUS)
        xf_prometheus_results(out, res, n, a->warn_days, time(NULL));
    if (a->format == F_JSON) {
        json_t *all = json_array();
        for (size_t i = 0; i < n; i++)
            json_array_append_new(all, result_json(&res[i]));
        json_dumpf(all, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
        fputc('\n', out);
        json_decref(all);
    }
    for (size_t i = 0; a->format == F_TEXT && i < n; i++)
        print_text(out, &res[i]);
    return rc;
}

/* To stdout, or to --output as a whole (never a half-written file for
 * the reader: node_exporter's textfile collector, a monitoring agent). */
static int emit(const test_args *a, char *buf, size_t len, int rc)
{
    xf_err err;
    if (!a->output)
        fwrite(buf, 1, len, stdout);
    else if (!xf_write_atomic(a->output, buf, len, &err)) {
        xf_say("%s", err.msg);
        rc = a->format == F_NAGIOS ? XF_NAGIOS_UNKNOWN : XF_EXIT_FAIL;
    }
    free(buf);
    return rc;
}

static FILE *buffer(char **buf, size_t *len)
{
    FILE *out = open_memstream(buf, len);
    if (!out)
        abort();
    return out;
}

static int run_tests(const test_args *a, xf_partner **ps, const bool *conf,
                     size_t n)
{
    xf_probe_opts o = { .from = a->from, .ca_file = a->ca_file,
                        .cert = a->cert, .key = a->key, .dns = a->dns,
                        .timeout_ms = a->timeout * 1000,
                        .warn_days = a->warn_days };
    xf_probe_result *res = calloc(n + 1, sizeof *res);
    if (!res)
        abort();
    int64_t t0 = xf_now_ms();
    xf_probe_all((const xf_partner *const *)ps, conf, n, &o,
                 a->jobs ? a->jobs : DEFAULT_JOBS, res);
    char *buf;
    size_t len;
    FILE *out = buffer(&buf, &len);
    int rc = render(out, a, res, n, (long)(xf_now_ms() - t0));
    fclose(out);
    for (size_t i = 0; i < n; i++)
        xf_probe_result_free(&res[i]);
    free(res);
    return emit(a, buf, len, rc);
}

/* Nagios: the check could not be made (a file that cannot be read, a
 * bad command line, nothing to test): UNKNOWN, exit 3. */
static int nagios_unknown(const test_args *a, const char *why)
{
    char *buf;
    size_t len;
    FILE *out = buffer(&buf, &len);
    int rc = xf_nagios_unknown(out, why);
    fclose(out);
    return emit(a, buf, len, rc);
}

/* Before the options are parsed: is the answer for a monitoring plugin? */
static bool wants_nagios(int argc, char **argv)
{
    bool yes = false;
    for (int i = 1; i < argc; i++)
        if (!strcmp(argv[i], "--format=nagios") ||
            (!strcmp(argv[i], "--format") && i + 1 < argc &&
             !strcmp(argv[i + 1], "nagios")))
            yes = true;
        else if (!strcmp(argv[i], "--json") || !strncmp(argv[i], "--format", 8))
            yes = false;
    return yes;
}

static int open_file(xf_store *s, const char *path, const test_args *a)
{
    xf_err err;
    if (xf_store_open(s, path, 0, &err) == XF_OK)
        return XF_EXIT_OK;
    if (a->format == F_NAGIOS)
        return nagios_unknown(a, err.msg);
    xf_say("%s", err.msg);
    return XF_EXIT_FAIL;
}

int xf_cmd_test(const char *path, int argc, char **argv)
{
    test_args a = { .warn_days = -1 };
    int rc = parse(argc, argv, &a);
    if (rc == XF_EXIT_USAGE && wants_nagios(argc, argv)) {
        a.format = F_NAGIOS;
        rc = nagios_unknown(&a, "bad command line (see stderr and xmppfed(1))");
    }
    xf_store *s = xf_store_new();
    if (rc == XF_EXIT_OK)
        rc = open_file(s, path, &a);
    if (rc) {
        xf_store_free(s);
        free_args(&a);
        return rc;
    }
    defaults(&a, &xf_store_model(s)->gw);
    xf_partner **ps = NULL;
    bool *conf = NULL;
    size_t n = 0;
    rc = collect(&a, xf_store_model(s), &ps, &conf, &n);
    if (rc == XF_EXIT_USAGE && a.format == F_NAGIOS)
        rc = nagios_unknown(&a, "bad command line (see stderr and xmppfed(1))");
    else if (rc == XF_EXIT_OK && n == 0 && a.format == F_NAGIOS)
        rc = nagios_unknown(&a, "no partners in the file: nothing to test");
    else if (rc == XF_EXIT_OK && n == 0 && a.format != F_PROMETHEUS)
        xf_say(_("no partners in %s: nothing to test"), path);
    else if (rc == XF_EXIT_OK)
        rc = run_tests(&a, ps, conf, n);
    for (size_t i = 0; i < n; i++)
        xf_partner_free(ps[i]);
    free(ps);
    free(conf);
    free_args(&a);
    xf_store_free(s);
    return rc;
}
