#include "cli.h"
#include "core/domain.h"
#include "core/visible.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

void xf_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("xmppfed: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

int xf_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "xmppfed%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'xmppfed --help'.\n");
    va_end(ap);
    return XF_EXIT_USAGE;
}

void xf_cli_print_diag(FILE *f, const char *path, const xf_diag *d)
{
    const char *sev = d->severity == XF_DIAG_ERROR ? "error" : "warning";
    if (d->line > 0)
        fprintf(f, "%s: %s:%d: %s\n", sev, path, d->line, d->msg);
    else
        fprintf(f, "%s: %s: %s\n", sev, path, d->msg);
}

int xf_cli_open(xf_store *s, const char *path, bool lock)
{
    xf_err err;
    xf_status st = xf_store_open(s, path, lock ? XF_STORE_LOCK : 0, &err);
    if (st != XF_OK) {
        xf_say("%s", err.msg);
        return XF_EXIT_FAIL;
    }
    size_t errors = xf_diags_count(&s->diags, XF_DIAG_ERROR);
    if (lock && errors) {
        /* A change writes only what it changes: the values in error stay
         * as they are, so that nothing is lost and the tool can fix them. */
        for (size_t i = 0; i < s->diags.n; i++)
            if (s->diags.v[i].severity == XF_DIAG_ERROR)
                xf_cli_print_diag(stderr, path, &s->diags.v[i]);
        xf_say("%s has %zu error%s ('xmppfed check'); only what this command "
               "changes is written", path, errors, errors == 1 ? "" : "s");
    }
    return XF_EXIT_OK;
}

int xf_cli_save(xf_store *s)
{
    xf_err err;
    if (xf_store_save(s, false, &err) != XF_OK) {
        xf_say("%s", err.msg);
        return XF_EXIT_FAIL;
    }
    return XF_EXIT_OK;
}

long xf_cli_find(const xf_store *s, const char *domain, bool primary_only)
{
    xf_err err;
    char *d = xf_domain_normalize(domain, &err);
    if (!d) {
        char *vis = xf_visible(domain);
        xf_say("'%s': %s", vis, err.msg);
        free(vis);
        return -1;
    }
    long i = xf_config_find(&s->model, d);
    if (i < 0)
        xf_say("no partner has the domain %s", d);
    else if (primary_only && strcasecmp(s->model.v[i]->domain, d) != 0) {
        xf_say("%s is an additional domain of partner %s: remove that "
               "partner, or use 'set %s --remove-domain %s'", d,
               s->model.v[i]->domain, s->model.v[i]->domain, d);
        i = -1;
    }
    free(d);
    return i;
}

static json_t *strlist_json(const xf_strlist *l)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++)
        json_array_append_new(a, json_string(l->v[i]));
    return a;
}

json_t *xf_partner_json(const xf_partner *p)
{
    const xf_matrix_row *m = xf_partner_matrix(p);
    unsigned methods = m ? m->methods : 0;
    json_t *auth = json_array();
    for (unsigned bit = 1; bit <= XF_METHOD_TCP_DIALBACK; bit <<= 1)
        if (methods & bit)
            json_array_append_new(auth, json_string(xf_method_name(bit)));
    char *unicode = xf_domain_display(p->domain);
    json_t *o = json_pack(
        "{s:s, s:s, s:s, s:o, s:s, s:s, s:s, s:b, s:s, s:o, s:b, s:s, s:o, s:o}",
        "domain", p->domain, "domain_unicode", unicode,
        "description", p->description,
        "additional_domains", strlist_json(&p->additional),
        "partner_type", xf_ptype_name(p->type), "tls", xf_mode_name(p->tls),
        "sasl", xf_mode_name(p->sasl), "dialback", p->dialback,
        "proxy_fqdn", p->proxy_fqdn,
        "connection_limit",
        p->connection_limit ? json_integer(p->connection_limit) : json_null(),
        "keep_alive", p->keep_alive,
        "matrix", m ? xf_verdict_name(m->verdict) : "?",
        "matrix_reason", m && m->reason ? json_string(m->reason) : json_null(),
        "expected_authentication", auth);
    free(unicode);
    return o;
}

void xf_json_print(json_t *j)
{
    json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(j);
}
