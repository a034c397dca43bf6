#include "lync.h"
#include "i18n.h"
#include "domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char xf_lync_export_hint[] =
    "Get-CsXmppAllowedPartner | Select-Object Identity,"
    "@{Name='AdditionalDomains';Expression={$_.AdditionalDomains -join ' '}},"
    "ConnectionLimit,Description,EnableKeepAlive,PartnerType,ProxyFqdn,"
    "SaslNegotiation,SupportDialbackNegotiation,TlsNegotiation | "
    "Export-Csv -NoTypeInformation -Encoding UTF8 partners.csv";

static const char *const column[XF_F_COUNT] = {
    [XF_F_DESCRIPTION] = "Description",
    [XF_F_ADDITIONAL] = "AdditionalDomains",
    [XF_F_TYPE] = "PartnerType",
    [XF_F_TLS] = "TlsNegotiation",
    [XF_F_SASL] = "SaslNegotiation",
    [XF_F_DIALBACK] = "SupportDialbackNegotiation",
    [XF_F_PROXY] = "ProxyFqdn",
    [XF_F_LIMIT] = "ConnectionLimit",
    [XF_F_KEEPALIVE] = "EnableKeepAlive",
};

bool xf_lync_map_header(const xf_csv *c, xf_lync_map *m, xf_strlist *ignored,
                        xf_err *err)
{
    m->identity = xf_csv_column(c, "Identity");
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        m->field[f] = column[f] ? xf_csv_column(c, column[f]) : -1;
    for (size_t i = 0; c->n && i < c->v[0].f.n; i++) {
        bool known = (long)i == m->identity;
        for (xf_field f = 0; f < XF_F_COUNT && !known; f++)
            known = m->field[f] == (long)i;
        if (!known)
            xf_strlist_push(ignored, c->v[0].f.v[i]);
    }
    if (m->identity < 0)
        xf_errf(err, _("no Identity column: is this the output of "
                "Get-CsXmppAllowedPartner | Export-Csv -NoTypeInformation?"));
    return m->identity >= 0;
}

/* Export-Csv writes a list property as its .NET type name. */
static bool is_type_name(const char *v)
{
    return !strncmp(v, "System.", 7) || !strncmp(v, "Microsoft.", 10) ||
           strstr(v, "`1[") != NULL;
}

static const char *cell(const xf_csv_row *r, long col)
{
    return col >= 0 && (size_t)col < r->f.n ? r->f.v[col] : NULL;
}

/* The domain of an Identity: "fabrikam.com", or a scoped "Global/x". */
static char *identity_domain(const char *id, xf_err *err)
{
    const char *slash = strrchr(id, '/');
    return xf_domain_normalize(slash ? slash + 1 : id, err);
}

static bool apply_cell(xf_partner *p, xf_field f, const char *v, xf_err *err)
{
    bool text = f == XF_F_DESCRIPTION || f == XF_F_ADDITIONAL ||
                f == XF_F_PROXY || f == XF_F_LIMIT;
    if (!*v && !text)
        return true; /* an empty choice: keep what is there */
    if (f == XF_F_ADDITIONAL && is_type_name(v)) {
        xf_errc(err, XF_E_TYPE_NAME, XF_SAYS_FIELD, _("AdditionalDomains is a "
                "type name (%.60s), not the domains: Export-Csv writes lists "
                "that way"), v);
        return false;
    }
    if (xf_partner_set(p, f, v, err))
        return true;
    xf_err_prefix(err, "%s", column[f]);
    return false;
}

xf_partner *xf_lync_row(const xf_csv *c, size_t row, const xf_lync_map *m,
                        const xf_config *cfg, long *self, xf_err *err)
{
    const xf_csv_row *r = &c->v[row];
    const char *id = cell(r, m->identity);
    char *domain = id && *id ? identity_domain(id, err) : NULL;
    if (!domain) {
        if (!id || !*id)
            xf_errf(err, _("empty Identity"));
        return NULL;
    }
    long at = xf_config_find(cfg, domain);
    *self = at >= 0 && !strcasecmp(cfg->v[at]->domain, domain) ? at : -1;
    xf_partner *p = *self >= 0 ? xf_partner_dup(cfg->v[*self]) : xf_partner_new();
    bool ok = xf_partner_set(p, XF_F_DOMAIN, domain, err);
    for (xf_field f = 0; ok && f < XF_F_COUNT; f++) {
        const char *v = column[f] ? cell(r, m->field[f]) : NULL;
        if (v)
            ok = apply_cell(p, f, v, err);
    }
    free(domain);
    if (!ok) {
        xf_partner_free(p);
        return NULL;
    }
    return p;
}

/* --- New-CsXmppAllowedPartner ----------------------------------------- */

char *xf_ps_quote(const char *s)
{
    /* ' and U+2018, U+2019, U+201A, U+201B all end a PowerShell string */
    static const char *const quotes[] = { "'", "\xE2\x80\x98", "\xE2\x80\x99",
                                          "\xE2\x80\x9A", "\xE2\x80\x9B" };
    char *out = malloc(strlen(s) * 2 + 3), *o = out;
    if (!out)
        abort();
    *o++ = '\'';
    while (*s) {
        size_t n = 1;
        for (size_t q = 0; q < sizeof quotes / sizeof *quotes; q++) {
            size_t len = strlen(quotes[q]);
            if (!strncmp(s, quotes[q], len)) {
                memcpy(o, s, len); /* doubled */
                o += len;
                n = len;
            }
        }
        memcpy(o, s, n);
        o += n;
        s += n;
    }
    *o++ = '\'';
    *o = '\0';
    return out;
}

static const char *pascal_type(xf_ptype t)
{
    static const char *const n[] = { "Federated", "PublicVerified",
                                     "PublicUnverified" };
    return t < XF_TYPE_COUNT ? n[t] : "PublicUnverified";
}

static const char *pascal_mode(xf_mode m)
{
    static const char *const n[] = { "Required", "Optional", "NotSupported" };
    return m < XF_MODE_COUNT ? n[m] : "Required";
}

static void put_quoted(FILE *f, const char *opt, const char *v)
{
    char *q = xf_ps_quote(v);
    fprintf(f, " -%s %s", opt, q);
    free(q);
}

char *xf_lync_command(const xf_partner *p)
{
    char *buf = NULL;
    size_t len;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        abort();
    fputs("New-CsXmppAllowedPartner", f);
    put_quoted(f, "Identity", p->domain);
    fprintf(f, " -PartnerType %s -TlsNegotiation %s -SaslNegotiation %s "
            "-SupportDialbackNegotiation $%s -EnableKeepAlive $%s",
            pascal_type(p->type), pascal_mode(p->tls), pascal_mode(p->sasl),
            xf_bool_name(p->dialback), xf_bool_name(p->keep_alive));
    if (*p->description)
        put_quoted(f, "Description", p->description);
    for (size_t i = 0; i < p->additional.n; i++) {
        char *q = xf_ps_quote(p->additional.v[i]);
        fprintf(f, "%s%s", i ? "," : " -AdditionalDomains ", q);
        free(q);
    }
    if (*p->proxy_fqdn)
        put_quoted(f, "ProxyFqdn", p->proxy_fqdn);
    if (p->connection_limit)
        fprintf(f, " -ConnectionLimit %d", p->connection_limit);
    fclose(f);
    return buf;
}
