/* The field table: every partner field and gateway setting, with what it
 * takes and how it is shown, and the generic code that reads and writes
 * a value through it. */
#include "fields.h"
#include "i18n.h"
#include "apply.h"
#include "config.h"
#include "domain.h"
#include "partner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>

#define P(m) offsetof(xf_partner, m)
#define G(m) offsetof(xf_gateway, m)
#define CHOICES(a) (a), (int)(sizeof(a) / sizeof *(a))

const xf_field_def xf_partner_fields[XF_F_COUNT] = {
    [XF_F_DOMAIN] = { "domain", N_("Primary domain"),
        N_("The partner's XMPP domain, e.g. fabrikam.com. International names "
        "are stored in punycode."), XF_K_DOMAIN, P(domain), .len = 1024 },
    [XF_F_DESCRIPTION] = { "description", N_("Description"),
        N_("Free text for administrators (UTF-8, at most 1024 bytes)."),
        XF_K_TEXT, P(description), .len = XF_DESCRIPTION_MAX,
        .optional = true, .check = xf_description_check,
        .option = "description", .option_arg = N_("TEXT"),
        .option_help = N_("free text, UTF-8, at most 1024 bytes") },
    [XF_F_ADDITIONAL] = { "additional_domains", N_("Additional domains"),
        N_("Other domains of the same partner. Enter adds or edits, Delete "
        "removes."), XF_K_DOMAIN_LIST, P(additional), .len = 1024,
        .optional = true, .option = "additional-domain", .option_arg = N_("D"),
        .option_help = N_("another domain of the partner (repeatable;\n"
                       "on set, replaces the list)") },
    [XF_F_TYPE] = { "partner_type", N_("Partner type"),
        N_("federated, public-verified or public-unverified."), XF_K_CHOICE,
        P(type), CHOICES(xf_ptype_choices), .dflt = XF_TYPE_PUBLIC_UNVERIFIED,
        .option = "type", .option_arg = N_("TYPE"),
        .option_help = N_("federated | public-verified | public-unverified") },
    [XF_F_TLS] = { "tls", N_("TLS negotiation"),
        N_("required: the peer must negotiate TLS; optional: used when "
           "offered; not-supported: never used."), XF_K_CHOICE, P(tls),
        CHOICES(xf_mode_choices), .dflt = XF_MODE_REQUIRED,
        .option = "tls", .option_arg = N_("MODE"),
        .option_help = N_("required | optional | not-supported") },
    [XF_F_SASL] = { "sasl", N_("SASL negotiation"),
        N_("SASL EXTERNAL with certificates (XEP-0178); needs TLS. required, "
        "optional or not-supported."), XF_K_CHOICE, P(sasl),
        CHOICES(xf_mode_choices), .dflt = XF_MODE_OPTIONAL,
        .option = "sasl", .option_arg = N_("MODE"),
        .option_help = N_("required | optional | not-supported") },
    [XF_F_DIALBACK] = { "dialback", N_("Dialback negotiation"),
        N_("true accepts server dialback (XEP-0220); false ignores dialback "
        "requests."), XF_K_BOOL, P(dialback), CHOICES(xf_bool_choices),
        .dflt = true, .option = "dialback", .option_arg = "yes|no",
        .option_help = N_("accept server dialback (XEP-0220)") },
    [XF_F_PROXY] = { "proxy_fqdn", N_("Proxy FQDN"),
        N_("host or host:port to connect to instead of the DNS SRV lookup; "
        "empty for DNS."), XF_K_HOSTPORT, P(proxy_fqdn), .len = 300,
        .optional = true, .option = "proxy-fqdn",
        .option_arg = N_("HOST[:PORT]"),
        .option_help = N_("connect there instead of the DNS SRV lookup") },
    [XF_F_LIMIT] = { "connection_limit", N_("Connection limit"),
        N_("Connections to this partner, 1-1000; empty for the gateway "
        "default."), XF_K_INT, P(connection_limit), .min = XF_LIMIT_MIN,
        .max = XF_LIMIT_MAX, .len = 8, .optional = true,
        .option = "connection-limit", .option_arg = "N",
        .option_help = N_("1-1000 (blanks around it ignored); empty for\n"
                       "the gateway default") },
    [XF_F_KEEPALIVE] = { "keep_alive", N_("Keep-alive"),
        N_("Keep the connection open with whitespace keep-alives."), XF_K_BOOL,
        P(keep_alive), CHOICES(xf_bool_choices), .dflt = true,
        .optional = true, .option = "keep-alive", .option_arg = "yes|no",
        .option_help = N_("whitespace keep-alives") },
};

const xf_field_def xf_gateway_fields[XF_G_COUNT] = {
    [XF_G_LOCAL_DOMAIN] = { "local_domain", N_("Local domain"),
        N_("Our own XMPP domain, sent as 'from' when testing a partner."),
        XF_K_DOMAIN, G(local_domain), .len = 1024, .optional = true,
        .option = "local-domain", .option_arg = N_("D") },
    [XF_G_CA_FILE] = { "ca_file", N_("CA file"),
        N_("PEM bundle of trusted CAs for partner certificates; empty for the "
        "system store."), XF_K_PATH, G(ca_file), .len = 1024, .optional = true,
        .option = "ca-file", .option_arg = "PEM" },
    [XF_G_CERTIFICATE] = { "certificate", N_("Certificate"),
        N_("Our certificate (PEM), offered for SASL EXTERNAL when testing."),
        XF_K_PATH, G(certificate), .len = 1024, .optional = true,
        .option = "certificate", .option_arg = "PEM" },
    [XF_G_KEY] = { "key", N_("Key"),
        N_("The private key of our certificate (PEM)."),
        XF_K_PATH, G(key), .len = 1024, .optional = true, .option = "key",
        .option_arg = "PEM" },
    [XF_G_DNS_SERVER] = { "dns_server", N_("DNS server"),
        N_("host or host:port of the DNS server for SRV lookups; empty for the "
        "system resolver."), XF_K_HOSTPORT, G(dns_server), .len = 1024,
        .optional = true, .option = "dns-server",
        .option_arg = N_("HOST[:PORT]") },
    [XF_G_TEST_TIMEOUT] = { "test_timeout", N_("Test timeout"),
        N_("Seconds for the whole test of one partner (1-600)."), XF_K_INT,
        G(test_timeout), .dflt = XF_TIMEOUT_DEFAULT, .min = 1,
        .max = XF_TIMEOUT_MAX, .len = 1024, .option = "test-timeout",
        .option_arg = N_("SECONDS") },
    [XF_G_CONNECTION_LIMIT] = { "partner_connection_limit",
        N_("Partner connection limit"),
        N_("Default connection limit for partners without their own (1-1000)."),
        XF_K_INT, G(partner_connection_limit), .dflt = XF_GW_LIMIT_DEFAULT,
        .min = XF_LIMIT_MIN, .max = XF_LIMIT_MAX, .len = 1024,
        .option = "partner-connection-limit", .option_arg = "N" },
    [XF_G_CERT_WARN_DAYS] = { "cert_warn_days", N_("Certificate warning days"),
        N_("A test warns when a certificate expires in fewer days (0-3650)."),
        XF_K_INT, G(cert_warn_days), .dflt = XF_CERT_WARN_DAYS_DEFAULT,
        .min = 0, .max = XF_CERT_WARN_DAYS_MAX, .len = 1024,
        .option = "cert-warn-days", .option_arg = "N" },
    [XF_G_AFTER_SAVE] = { "after_save", N_("After save"),
        N_("Command run after each save, the file's path added last (no shell; "
        "quotes group words), e.g. systemctl reload xmpp-gateway. Empty: "
        "none."), XF_K_COMMAND, G(after_save), .len = 1024, .optional = true,
        .option = "after-save", .option_arg = N_("COMMAND"),
        .option_help = N_("run after each save, the file's path last\n"
                       "(no shell); \"\" for none") },
};

/* gettext("") would be the catalogue's header: no text stays no text. */
static const char *tr(const char *s)
{
    return s && *s ? _(s) : s;
}

const char *xf_def_label(const xf_field_def *def) { return tr(def->label); }
const char *xf_def_help(const xf_field_def *def) { return tr(def->help); }
const char *xf_def_option_arg(const xf_field_def *def)
{
    return tr(def->option_arg);
}
const char *xf_def_option_help(const xf_field_def *def)
{
    return tr(def->option_help);
}
const char *xf_choice_label(const xf_choice *c) { return tr(c->label); }
const char *xf_choice_help(const xf_choice *c) { return tr(c->help); }

const char *xf_def_choice_typed(const xf_field_def *def, const char *text)
{
    size_t n = strlen(text);
    for (int i = 0; i < def->n_choices; i++) {
        const char *l = xf_choice_label(&def->choices[i]);
        int cmp = 1;
        if (u8_casecmp((const uint8_t *)text, n, (const uint8_t *)l, strlen(l),
                       NULL, NULL, &cmp) == 0 && cmp == 0)
            return def->choices[i].id;
    }
    return text;
}

char **xf_def_str(const xf_field_def *def, void *obj)
{
    return (char **)((char *)obj + def->offset);
}

int *xf_def_int(const xf_field_def *def, void *obj)
{
    return (int *)((char *)obj + def->offset);
}

bool *xf_def_bool(const xf_field_def *def, void *obj)
{
    return (bool *)((char *)obj + def->offset);
}

xf_strlist *xf_def_list(const xf_field_def *def, void *obj)
{
    return (xf_strlist *)((char *)obj + def->offset);
}

bool xf_kind_is_string(xf_kind k)
{
    return k == XF_K_TEXT || k == XF_K_PATH || k == XF_K_COMMAND ||
           k == XF_K_DOMAIN || k == XF_K_HOSTPORT;
}

const char *xf_def_choice_id(const xf_field_def *def, const void *obj)
{
    if (def->kind == XF_K_BOOL)
        return xf_bool_name(XF_DEF_CBOOL(def, obj));
    int i = XF_DEF_CINT(def, obj);
    return i >= 0 && i < def->n_choices ? def->choices[i].id : "?";
}

void xf_def_choice_ids(const xf_field_def *def, char *buf, size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (int k = 0; k < def->n_choices && n < cap; k++)
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", k ? ", " : "",
                              def->choices[k].id);
}

int xf_def_choice_find(const xf_field_def *def, const char *id)
{
    for (int i = 0; id && i < def->n_choices; i++)
        if (strcmp(def->choices[i].id, id) == 0)
            return i;
    return -1;
}
