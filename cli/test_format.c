#include "test_format.h"
#include "core/visible.h"

/* Numbers are printed with integers only: "%f" follows LC_NUMERIC, and a
 * decimal comma would break both formats. */

#include <stdlib.h>
#include <string.h>

/* --- Nagios ------------------------------------------------------------- */

static const char *const nagios_word[] = { "OK", "WARNING", "CRITICAL", "UNKNOWN" };
#define NAGIOS_NAMED 3 /* partners named on the status line; the rest below */

/* Made visible, and without '|', which would start the performance data. */
static void put_plain(FILE *out, const char *s)
{
    char *vis = xf_visible(s ? s : "");
    for (const char *p = vis; *p; p++)
        *p == '|' ? fputs("\\x7c", out) : fputc(*p, out);
    free(vis);
}

static void name_partners(FILE *out, const xf_probe_result *r, size_t n,
                          xf_outcome which, size_t count)
{
    size_t named = 0;
    for (size_t i = 0; i < n && named < NAGIOS_NAMED; i++) {
        if (r[i].outcome != which)
            continue;
        fputs(named++ ? ", " : ": ", out);
        put_plain(out, r[i].domain);
        fputs(" (", out);
        put_plain(out, r[i].reason);
        fputc(')', out);
    }
    if (count > named)
        fprintf(out, " and %zu more", count - named);
}

static void perfdata(FILE *out, const size_t *count, size_t n,
                     const xf_probe_result *r, int warn_days, long elapsed_ms)
{
    /* thresholds as ranges: "0" alerts above 0, "14:" alerts below 14 */
    fprintf(out, " | fail=%zu;;0;0;%zu warn=%zu;0;;0;%zu pass=%zu;;;0;%zu "
            "time=%ld.%03lds;;;0", count[XF_FAIL], n, count[XF_WARN], n,
            count[XF_PASS], n, elapsed_ms / 1000, elapsed_ms % 1000);
    bool seen = false;
    int least = 0;
    for (size_t i = 0; i < n; i++)
        if (r[i].tls.done && r[i].tls.presented && *r[i].tls.not_after &&
            (!seen || r[i].tls.days_left < least)) {
            least = r[i].tls.days_left;
            seen = true;
        }
    if (seen)
        fprintf(out, " cert_min_days=%d;%d:;;", least, warn_days);
    fputc('\n', out);
}

int xf_nagios_results(FILE *out, const xf_probe_result *r, size_t n,
                      int warn_days, long elapsed_ms)
{
    size_t count[3] = { 0 };
    for (size_t i = 0; i < n; i++)
        count[r[i].outcome]++;
    int st = count[XF_FAIL] ? XF_NAGIOS_CRITICAL
             : count[XF_WARN] ? XF_NAGIOS_WARNING : XF_NAGIOS_OK;
    fprintf(out, "XMPPFED %s - ", nagios_word[st]);
    if (st == XF_NAGIOS_OK)
        fprintf(out, "%zu partner%s pass", n, n == 1 ? "" : "s");
    else {
        xf_outcome worst = st == XF_NAGIOS_CRITICAL ? XF_FAIL : XF_WARN;
        fprintf(out, "%zu of %zu partner%s %s", count[worst], n,
                n == 1 ? "" : "s", worst == XF_FAIL ? "fail" : "warn");
        name_partners(out, r, n, worst, count[worst]);
        if (worst == XF_FAIL && count[XF_WARN])
            fprintf(out, "; %zu warn", count[XF_WARN]);
    }
    perfdata(out, count, n, r, warn_days, elapsed_ms);
    for (size_t i = 0; i < n; i++) { /* the long output: every partner */
        put_plain(out, r[i].domain);
        fprintf(out, ": %s%s%s: ", xf_outcome_name(r[i].outcome),
                r[i].method ? " via " : "",
                r[i].method ? xf_method_name(r[i].method) : "");
        put_plain(out, r[i].reason);
        fputc('\n', out);
    }
    return st;
}

int xf_nagios_unknown(FILE *out, const char *why)
{
    fputs("XMPPFED UNKNOWN - ", out);
    put_plain(out, why);
    fputc('\n', out);
    return XF_NAGIOS_UNKNOWN;
}

/* --- Prometheus --------------------------------------------------------- */

/* A label value: visible (valid UTF-8, no control character), then the
 * escapes of the exposition format for backslash and double quote. */
static void put_label(FILE *out, const char *s)
{
    char *vis = xf_visible(s ? s : "");
    fputc('"', out);
    for (const char *p = vis; *p; p++) {
        if (*p == '\\' || *p == '"')
            fputc('\\', out);
        fputc(*p, out);
    }
    fputc('"', out);
    free(vis);
}

static void family(FILE *out, const char *name, const char *help)
{
    fprintf(out, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
}

/* A domain tested twice (named twice on the command line) is one series. */
static bool seen_before(const xf_probe_result *r, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (!strcmp(r[j].domain, r[i].domain))
            return true;
    return false;
}

static void series(FILE *out, const char *name, const xf_probe_result *r,
                   const char *label, const char *value)
{
    fprintf(out, "%s{domain=", name);
    put_label(out, r->domain);
    if (label) {
        fprintf(out, ",%s=", label);
        put_label(out, value);
    }
    fputc('}', out);
}

void xf_prometheus_results(FILE *out, const xf_probe_result *r, size_t n,
                           int warn_days, time_t now)
{
    static const char *const verdict[] = { "pass", "warn", "fail" };
    family(out, "xmppfed_partner_verdict", "The verdict of the test of the "
           "partner: 0 pass, 1 warn, 2 fail (also in the verdict label).");
    for (size_t i = 0; i < n; i++)
        if (!seen_before(r, i)) {
            series(out, "xmppfed_partner_verdict", &r[i], "verdict",
                   verdict[r[i].outcome]);
            fprintf(out, " %d\n", (int)r[i].outcome);
        }
    family(out, "xmppfed_partner_method_info", "The authentication method "
           "that would be used with the partner (none: no method would work).");
    for (size_t i = 0; i < n; i++)
        if (!seen_before(r, i)) {
            series(out, "xmppfed_partner_method_info", &r[i], "method",
                   r[i].method ? xf_method_name(r[i].method) : "none");
            fputs(" 1\n", out);
        }
    family(out, "xmppfed_partner_cert_expiry_seconds", "Seconds until the "
           "partner's certificate expires, negative once expired; absent "
           "when the test saw no certificate.");
    for (size_t i = 0; i < n; i++)
        if (!seen_before(r, i) && r[i].tls.done && r[i].tls.presented &&
            *r[i].tls.not_after) {
            series(out, "xmppfed_partner_cert_expiry_seconds", &r[i], NULL, NULL);
            fprintf(out, " %lld\n", r[i].tls.seconds_left);
        }
    family(out, "xmppfed_partner_probe_duration_seconds", "How long the test "
           "of the partner took.");
    for (size_t i = 0; i < n; i++)
        if (!seen_before(r, i)) {
            series(out, "xmppfed_partner_probe_duration_seconds", &r[i], NULL, NULL);
            fprintf(out, " %ld.%03ld\n", r[i].elapsed_ms / 1000,
                    r[i].elapsed_ms % 1000);
        }
    family(out, "xmppfed_cert_warn_threshold_seconds", "A test warns when a "
           "certificate expires within this time (--warn-days, cert_warn_days).");
    fprintf(out, "xmppfed_cert_warn_threshold_seconds %lld\n", warn_days * 86400LL);
    family(out, "xmppfed_test_timestamp_seconds", "When the test ran (Unix "
           "time): an old value means the test no longer runs.");
    fprintf(out, "xmppfed_test_timestamp_seconds %lld\n", (long long)now);
}
