#include "domain.h"
#include "i18n.h"
#include "strlist.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <idn2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static bool has_non_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return true;
    return false;
}

static bool check_label(const char *l, size_t len, xf_err *err)
{
    if (len == 0) {
        xf_errf(err, _("empty label (two dots in a row, or a dot at an end)"));
        return false;
    }
    if (len > XF_LABEL_MAX) {
        xf_errf(err, _("label of %zu characters (at most %d): '%.*s...'"), len,
                XF_LABEL_MAX, 20, l);
        return false;
    }
    if (l[0] == '-' || l[len - 1] == '-') {
        xf_errf(err, _("label '%.*s' begins or ends with a hyphen"), (int)len, l);
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)l[i];
        if (!isalnum(c) && c != '-') {
            if (c < 0x20 || c == 0x7f)
                xf_errf(err, _("control character 0x%02x in a domain name"), c);
            else
                xf_errf(err, _("character '%c' is not allowed in a domain name "
                        "(letters, digits and hyphens only)"), c);
            return false;
        }
    }
    return true;
}

static bool all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!isdigit((unsigned char)s[i]))
            return false;
    return true;
}

/* LDH rules on an ASCII name: labels of 1-63, total <= 253, no trailing
 * dot, and not an IPv4 address in disguise. */
static bool check_ldh(const char *name, xf_err *err)
{
    size_t total = strlen(name);
    if (total > XF_DOMAIN_MAX) {
        xf_errf(err, _("domain name of %zu characters (at most %d)"), total,
                XF_DOMAIN_MAX);
        return false;
    }
    if (total && name[total - 1] == '.') {
        xf_errf(err, _("trailing dot: write the name without it"));
        return false;
    }
    const char *l = name, *last = name;
    for (;;) {
        const char *dot = strchr(l, '.');
        size_t len = dot ? (size_t)(dot - l) : strlen(l);
        if (!check_label(l, len, err))
            return false;
        last = l;
        if (!dot)
            break;
        l = dot + 1;
    }
    if (all_digits(last, strlen(last))) {
        xf_errc(err, XF_E_INVALID, XF_SAYS_VALUE, _("'%s' is an address or "
                "ends in a numeric label, "
                "not a domain name"), name);
        return false;
    }
    return true;
}

static char *to_alabel(const char *in, xf_err *err)
{
    char *out = NULL;
    int rc = idn2_to_ascii_8z(in, &out, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
    if (rc != IDN2_OK) {
        xf_errf(err, _("not a valid internationalised domain name: %s"),
                idn2_strerror(rc));
        return NULL;
    }
    return out;
}

/* An A-label must be the one encoding of a valid IDNA2008 name: decoded,
 * checked and encoded again it is the same. Otherwise one name could be
 * written two ways (the upper-case form of a U-label, a label decoding to
 * U+0080) and so be two partners. name is lower case LDH. */
static bool check_alabels(const char *name, xf_err *err)
{
    if (!strstr(name, "xn--"))
        return true;
    char *u = NULL, *a = NULL;
    int rc = idn2_to_unicode_8z8z(name, &u, 0);
    if (rc != IDN2_OK) {
        xf_errc(err, XF_E_INVALID, XF_SAYS_VALUE,
                _("'%s' holds a punycode label that does not decode: %s"),
                name, idn2_strerror(rc));
        return false;
    }
    /* IDNA2008 itself: no mapping (TR46), a U-label must already be NFC
     * and lower case */
    rc = idn2_lookup_u8((const uint8_t *)u, (uint8_t **)&a, IDN2_NO_TR46);
    bool ok = rc == IDN2_OK && strcmp(a, name) == 0;
    if (ok) { /* the display form must come back to this name when typed:
                 the lookup above lets a U-label end with a hyphen */
        char *back = NULL;
        rc = idn2_to_ascii_8z(u, &back, IDN2_NFC_INPUT | IDN2_NONTRANSITIONAL);
        ok = rc == IDN2_OK && strcasecmp(back, name) == 0;
        idn2_free(back);
    }
    if (!ok) {
        char *canon = NULL;
        bool hint = idn2_lookup_u8((const uint8_t *)u, (uint8_t **)&canon,
                                   IDN2_NONTRANSITIONAL) == IDN2_OK &&
                    strcmp(canon, name) != 0;
        xf_errc(err, XF_E_INVALID, XF_SAYS_VALUE,
                _("'%s' is not a punycode name in canonical form (%s)%s%s"),
                name, rc != IDN2_OK ? idn2_strerror(rc) : _("it encodes "
                "differently"), hint ? _("; the canonical form is ") : "",
                hint ? canon : "");
        idn2_free(canon);
    }
    idn2_free(u);
    idn2_free(a);
    return ok;
}

/* The common case in one pass: a valid LDH name, lower-cased into out
 * (room for XF_DOMAIN_MAX + 1). False for anything else, which the
 * checks below then examine one by one for their exact message. */
static bool plain_ldh(const char *in, char *out)
{
    size_t label = 0, i = 0;
    bool digits = true; /* the last label so far is all digits */
    for (;; i++) {
        unsigned char c = (unsigned char)in[i];
        if (i > XF_DOMAIN_MAX)
            return false;
        if (c == '.' || !c) {
            if (!label || label > XF_LABEL_MAX || out[i - 1] == '-')
                return false;
            if (!c)
                break;
            label = 0;
            digits = true;
        } else {
            if (c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
            bool digit = c >= '0' && c <= '9';
            if (!digit && !(c >= 'a' && c <= 'z') && c != '-')
                return false;
            if (c == '-' && !label)
                return false;
            digits = digits && digit;
            label++;
        }
        out[i] = (char)c;
    }
    out[i] = '\0';
    return !digits;
}

char *xf_domain_normalize(const char *in, xf_err *err)
{
    char fast[XF_DOMAIN_MAX + 2];
    if (in && *in && plain_ldh(in, fast)) /* a tenth of a large list's load */
        return check_alabels(fast, err) ? xf_strdup(fast) : NULL;
    if (!in || !*in) {
        xf_errf(err, _("the domain name is empty"));
        return NULL;
    }
    if (strlen(in) > 4 * XF_DOMAIN_MAX) {
        xf_errf(err, _("domain name of %zu bytes (at most %d characters)"),
                strlen(in), XF_DOMAIN_MAX);
        return NULL;
    }
    char *name;
    if (has_non_ascii(in)) {
        char *a = to_alabel(in, err);
        if (!a)
            return NULL;
        name = xf_strdup(a);
        idn2_free(a);
    } else {
        name = xf_strdup(in);
    }
    for (char *p = name; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    if (!check_ldh(name, err)) {
        free(name);
        return NULL;
    }
    if (!check_alabels(name, err)) {
        free(name);
        return NULL;
    }
    return name;
}

char *xf_domain_display(const char *alabel)
{
    char *u = NULL;
    if (!strstr(alabel, "xn--") || idn2_to_unicode_8z8z(alabel, &u, 0) != IDN2_OK)
        return xf_strdup(alabel);
    char *copy = xf_strdup(u);
    idn2_free(u);
    return copy;
}

static bool parse_port(const char *s, int *port, xf_err *err)
{
    if (xf_parse_int(s, 1, 65535, port))
        return true;
    xf_errf(err, _("port '%s' is not a number from 1 to 65535"), s);
    return false;
}

/* Splits "host:port" or "[v6]:port"; the host part is returned as a copy. */
static char *split_hostport(const char *in, int *port, bool *is_v6, xf_err *err)
{
    *port = 0;
    *is_v6 = false;
    if (in[0] == '[') {
        const char *close = strchr(in, ']');
        if (!close) {
            xf_errc(err, XF_E_INVALID, XF_SAYS_VALUE,
                    _("'%s': missing ']' after an IPv6 address"), in);
            return NULL;
        }
        if (close[1] && (close[1] != ':' || !parse_port(close + 2, port, err))) {
            if (close[1] != ':')
                xf_errc(err, XF_E_INVALID, XF_SAYS_VALUE,
                        _("'%s': expected ':PORT' after ']'"), in);
            return NULL;
        }
        *is_v6 = true;
        return strndup(in + 1, (size_t)(close - in - 1));
    }
    const char *colon = strrchr(in, ':');
    if (colon && strchr(in, ':') != colon) {
        xf_errc(err, XF_E_INVALID, XF_SAYS_VALUE,
                _("'%s': write an IPv6 address in brackets, [ADDR]:PORT"), in);
        return NULL;
    }
    if (colon && !parse_port(colon + 1, port, err))
        return NULL;
    return colon ? strndup(in, (size_t)(colon - in)) : xf_strdup(in);
}

char *xf_hostport_normalize(const char *in, char **host_out, int *port,
                            xf_err *err)
{
    bool v6;
    char *host = split_hostport(in ? in : "", port, &v6, err);
    if (!host)
        return NULL;
    unsigned char buf[16];
    char *norm;
    if (v6) {
        if (inet_pton(AF_INET6, host, buf) != 1) {
            xf_errf(err, _("'%s' is not an IPv6 address"), host);
            free(host);
            return NULL;
        }
        norm = xf_strdup(host);
    } else if (inet_pton(AF_INET, host, buf) == 1) {
        norm = xf_strdup(host);
    } else if (host[strspn(host, "0123456789.")] == '\0') {
        /* xf_domain_normalize would call it an address, not a domain */
        xf_errc(err, XF_E_INVALID, XF_SAYS_VALUE, _("'%s' is neither an IPv4 "
                "address nor a host name"), host);
        free(host);
        return NULL;
    } else {
        norm = xf_domain_normalize(host, err);
        if (!norm) {
            free(host);
            return NULL;
        }
    }
    free(host);
    char *text = NULL;
    int rc = *port ? asprintf(&text, v6 ? "[%s]:%d" : "%s:%d", norm, *port)
                   : asprintf(&text, v6 ? "[%s]" : "%s", norm);
    if (rc < 0)
        abort();
    if (host_out)
        *host_out = norm;
    else
        free(norm);
    return text;
}
