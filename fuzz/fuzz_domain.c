/* Domain names, IDN and host[:port] values, as typed on the command line,
 * in a form or read from the file. Invariants:
 * - a normalised name is LDH: labels of 1-63 lower-case letters, digits
 *   and inner hyphens, at most 253 characters, not all digits at the end;
 * - normalising is idempotent;
 * - the display form (U-labels) normalises back to the same A-label;
 * - host[:port]: the normalised text normalises to itself, and is the
 *   host and the port it returned;
 * - a partner's fields (every one: the domain, the list of additional
 *   domains, the proxy as typed...) read back as text are taken back as the
 *   same value: the form and the command line show what they accept. */
#include "core/domain.h"
#include "core/partner.h"
#include "fuzz.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool ldh_label(const char *l, size_t len)
{
    if (len == 0 || len > XF_LABEL_MAX || l[0] == '-' || l[len - 1] == '-')
        return false;
    for (size_t i = 0; i < len; i++)
        if (!islower((unsigned char)l[i]) && !isdigit((unsigned char)l[i]) &&
            l[i] != '-')
            return false;
    return true;
}

static bool is_ldh(const char *name)
{
    if (strlen(name) > XF_DOMAIN_MAX)
        return false;
    const char *l = name, *dot;
    while ((dot = strchr(l, '.'))) {
        if (!ldh_label(l, (size_t)(dot - l)))
            return false;
        l = dot + 1;
    }
    return ldh_label(l, strlen(l)) && strspn(l, "0123456789") != strlen(l);
}

static void check_domain(const char *in)
{
    xf_err err;
    char *n = xf_domain_normalize(in, &err);
    if (!n)
        return;
    REQUIRE(is_ldh(n), "'%s' normalised to '%s', not LDH", in, n);
    char *again = xf_domain_normalize(n, &err);
    REQUIRE(again && strcmp(again, n) == 0, "'%s' normalised to '%s', then "
            "to '%s' (%s)", in, n, again ? again : "(refused)", again ? "" : err.msg);
    char *shown = xf_domain_display(n);
    char *back = xf_domain_normalize(shown, &err);
    REQUIRE(back && strcmp(back, n) == 0, "'%s' is shown as '%s', which "
            "normalises to '%s' (%s)", n, shown, back ? back : "(refused)",
            back ? "" : err.msg);
    free(back);
    free(shown);
    free(again);
    free(n);
}

static void check_hostport(const char *in)
{
    xf_err err;
    char *host = NULL;
    int port = -1;
    char *t = xf_hostport_normalize(in, &host, &port, &err);
    if (!t)
        return;
    REQUIRE(host && port >= 0 && port <= 65535, "'%s': host or port %d", in, port);
    char *expect = NULL;
    bool v6 = strchr(host, ':') != NULL;
    unsigned char addr[16];
    REQUIRE(inet_pton(v6 ? AF_INET6 : AF_INET, host, addr) || is_ldh(host),
            "'%s': host '%s' is neither an address nor an LDH name", in, host);
    if (asprintf(&expect, port ? (v6 ? "[%s]:%d" : "%s:%d") : (v6 ? "[%s]" : "%s"),
                 host, port) < 0)
        abort();
    REQUIRE(strcmp(expect, t) == 0, "'%s' normalised to '%s', but host '%s' "
            "port %d", in, t, host, port);
    char *host2 = NULL;
    int port2 = -1;
    char *t2 = xf_hostport_normalize(t, &host2, &port2, &err);
    REQUIRE(t2 && strcmp(t2, t) == 0 && port2 == port && strcmp(host2, host) == 0,
            "'%s' normalised to '%s', then to '%s'", in, t, t2 ? t2 : "(refused)");
    free(expect);
    free(t2);
    free(host2);
    free(t);
    free(host);
}

static void check_field(xf_field f, const char *in)
{
    xf_err err;
    xf_partner *p = xf_partner_new();
    if (xf_partner_set(p, f, in, &err)) {
        char *text = xf_partner_get(p, f);
        xf_partner *q = xf_partner_new();
        REQUIRE(xf_partner_set(q, f, text, &err), "%s: '%s' taken, its text "
                "'%s' refused: %s", xf_field_key(f), in, text, err.msg);
        char *again = xf_partner_get(q, f);
        REQUIRE(strcmp(again, text) == 0 && xf_partner_equal(p, q),
                "%s: '%s' read back as '%s', then '%s'", xf_field_key(f), in,
                text, again);
        free(again);
        xf_partner_free(q);
        free(text);
    }
    xf_partner_free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = strndup((const char *)data, size); /* up to a NUL, as argv */
    if (!in)
        abort();
    check_domain(in);
    check_hostport(in);
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        check_field(f, in);
    free(xf_domain_display(in)); /* a file may hold anything */
    free(in);
    return 0;
}
