#include "cli.h"
#include "core/i18n.h"
#include "core/apply.h"
#include "core/domain.h"
#include "core/fields.h"
#include "core/visible.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <uniwidth.h>

enum { HELP_COLUMN = 26 }; /* the cells of "--option ARG" in --help */

void xf_cli_help_line(FILE *out, const char *head, const char *text)
{
    int w = u8_strwidth((const uint8_t *)head, "UTF-8");
    for (bool first = true; first || *text == '\n'; first = false) {
        text += !first;
        size_t len = strcspn(text, "\n");
        fprintf(out, "  %s%*s %.*s\n", first ? head : "",
                HELP_COLUMN - (first ? w : 0) > 0 ? HELP_COLUMN - (first ? w : 0)
                                                   : 0,
                "", (int)len, text);
        text += len;
    }
}

void xf_cli_option_head(const xf_field_def *def, char *buf, size_t cap)
{
    snprintf(buf, cap, "--%s %s", def->option, xf_def_option_arg(def));
}

int xf_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "xmppfed: %s%s", cmd ? cmd : "", cmd ? ": " : "");
    xf_vprint_visible(stderr, fmt, ap);
    fprintf(stderr, _("\nTry 'xmppfed --help'.\n"));
    va_end(ap);
    return XF_EXIT_USAGE;
}

/* What getopt found wrong, in our words: its own messages name argv[0],
 * which is the command here ("list: unrecognized option"), and lack the
 * hint. The option as typed is argv[optind - 1]. */
static int bad_option(const char *cmd, char **argv, int c)
{
    const char *typed = optind > 0 ? argv[optind - 1] : "";
    char shortopt[3] = { '-', (char)optopt, '\0' };
    bool is_long = strncmp(typed, "--", 2) == 0;
    const char *name = is_long ? typed : shortopt;
    int len = (int)strcspn(name, "=");
    if (c == ':')
        return xf_usage_error(cmd, _("option '%.*s' needs a value"), len, name);
    if (is_long && optopt && name[len] == '=')
        return xf_usage_error(cmd, _("option '%.*s' takes no value"), len, name);
    return xf_usage_error(cmd, _("unknown option '%s'"), is_long || !optopt
                          ? typed : shortopt);
}

int xf_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
              const struct option *longopts, int *index)
{
    /* ':' first (after '+'): a missing value is told from an unknown option */
    char spec[32];
    bool stop = shortopts[0] == '+';
    snprintf(spec, sizeof spec, "%s:%s", stop ? "+" : "", shortopts + stop);
    opterr = 0;
    int c = getopt_long(argc, argv, spec, longopts, index);
    if (c == '?' || c == ':') {
        bad_option(cmd, argv, c);
        return '?';
    }
    return c;
}

static void fprint_visible(FILE *f, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void fprint_visible(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    xf_vprint_visible(f, fmt, ap);
    va_end(ap);
}

const char *xf_severity_name(xf_severity s)
{
    return s == XF_DIAG_ERROR ? "error" : s == XF_DIAG_NOTE ? "note" : "warning";
}

void xf_cli_print_diag(FILE *f, const char *path, const xf_diag *d)
{
    /* xf_severity_name is the JSON's word; this line is for a person */
    const char *sev = d->severity == XF_DIAG_ERROR ? _("error")
                      : d->severity == XF_DIAG_NOTE ? _("note") : _("warning");
    if (d->line > 0)
        fprint_visible(f, "%s: %s:%d: %s", sev, path, d->line, d->msg);
    else
        fprint_visible(f, "%s: %s: %s", sev, path, d->msg);
    fputc('\n', f);
}

bool xf_cli_machine_output(int argc, char **argv)
{
    bool machine = false; /* the last one counts, as for the options */
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (!strcmp(argv[i], "--"))
            break;
        if (!strcmp(argv[i], "--json"))
            machine = true;
        else if (!strncmp(argv[i], "--format=", 9))
            v = argv[i] + 9;
        else if (!strcmp(argv[i], "--format") && i + 1 < argc)
            v = argv[++i];
        if (v)
            machine = strcmp(v, "text") != 0;
    }
    return machine;
}

int xf_cli_open(xf_store *s, const char *path, bool lock)
{
    xf_err err;
    xf_status st = xf_store_open(s, path, lock ? XF_STORE_LOCK : 0, &err);
    if (st != XF_OK) {
        xf_say("%s", err.msg);
        return XF_EXIT_FAIL;
    }
    size_t errors = xf_diags_count(xf_store_diags(s), XF_DIAG_ERROR);
    if (lock && errors) {
        /* A change writes only what it changes: the values in error stay
         * as they are, so that nothing is lost and the tool can fix them. */
        for (size_t i = 0; i < xf_store_diags(s)->n; i++)
            if (xf_store_diags(s)->v[i].severity == XF_DIAG_ERROR)
                xf_cli_print_diag(stderr, path, &xf_store_diags(s)->v[i]);
        xf_say(ngettext("%s has %zu error ('xmppfed check'); only what this "
                        "command changes is written",
                        "%s has %zu errors ('xmppfed check'); only what this "
                        "command changes is written", errors), path, errors);
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
    if (xf_store_unchanged(s)) { /* nothing written: nothing to apply either */
        xf_say(_("nothing changed: %s was not written"), xf_store_path(s));
        return XF_EXIT_OK;
    }
    return xf_cli_after_save(s);
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
    const xf_config *c = xf_store_cmodel(s);
    long i = xf_config_find(c, d);
    if (i < 0)
        xf_say(_("no partner has the domain %s"), d);
    else if (primary_only && strcasecmp(c->v[i]->domain, d) != 0) {
        xf_say(_("%s is an additional domain of partner %s: remove that "
               "partner, or use 'set %s --remove-domain %s'"), d,
               c->v[i]->domain, c->v[i]->domain, d);
        i = -1;
    }
    free(d);
    return i;
}

json_t *xf_json_text(const char *s, bool *not_utf8)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    /* jansson takes UTF-8 only: the value would vanish from the output */
    char *vis = xf_visible(s);
    j = json_string(vis);
    free(vis);
    if (not_utf8)
        *not_utf8 = true;
    return j ? j : json_string("");
}

static json_t *strlist_json(const xf_strlist *l, bool *not_utf8)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->n; i++)
        json_array_append_new(a, xf_json_text(l->v[i], not_utf8));
    return a;
}

/* The value of field f: typed, or for a value in error its text as in the
 * file (the additional domains stay a list when the file has one). */
static json_t *field_json(const xf_partner *p, xf_field f, bool *not_utf8)
{
    const xf_field_def *def = xf_partner_field(f);
    if (xf_partner_in_error(p, f))
        return def->kind == XF_K_DOMAIN_LIST && xf_def_list(def, (void *)p)->n
                   ? strlist_json(xf_def_list(def, (void *)p), not_utf8)
                   : xf_json_text(xf_partner_bad_text(p, f), not_utf8);
    switch (def->kind) {
    case XF_K_DOMAIN_LIST:
        return strlist_json(xf_def_list(def, (void *)p), not_utf8);
    case XF_K_CHOICE: return json_string(xf_def_choice_id(def, p));
    case XF_K_BOOL: return json_boolean(XF_DEF_CBOOL(def, p));
    case XF_K_INT:
        return def->optional && !XF_DEF_CINT(def, p)
                   ? json_null() : json_integer(XF_DEF_CINT(def, p));
    default: return xf_json_text(XF_DEF_CSTR(def, p), not_utf8);
    }
}

static void matrix_json(json_t *o, const xf_partner *p)
{
    json_t *auth = json_array();
    if (!xf_partner_policy_known(p)) {
        json_object_set_new(o, "matrix", json_string("unknown"));
        json_object_set_new(o, "matrix_reason", json_string(XF_POLICY_UNKNOWN));
        json_object_set_new(o, "expected_authentication", auth);
        return;
    }
    const xf_matrix_row *m = xf_partner_matrix(p);
    unsigned methods = m ? m->methods : 0;
    for (unsigned bit = 1; bit <= XF_METHOD_TCP_DIALBACK; bit <<= 1)
        if (methods & bit)
            json_array_append_new(auth, json_string(xf_method_name(bit)));
    json_object_set_new(o, "matrix",
                        json_string(m ? xf_verdict_name(m->verdict) : "?"));
    json_object_set_new(o, "matrix_reason", m && m->reason
                        ? json_string(m->reason) : json_null());
    json_object_set_new(o, "expected_authentication", auth);
}

json_t *xf_partner_json(const xf_partner *p)
{
    json_t *o = json_object(), *errors = json_object();
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        const char *key = xf_field_key(f);
        bool not_utf8 = false;
        json_object_set_new(o, key, field_json(p, f, &not_utf8));
        if (xf_partner_in_error(p, f))
            json_object_set_new(errors, key, xf_json_text(
                                    xf_partner_error(p, f), NULL));
        else if (not_utf8)
            json_object_set_new(errors, key, json_string(XF_NOT_UTF8));
        if (f == XF_F_DOMAIN) {
            char *unicode = xf_domain_display(p->domain);
            json_object_set_new(o, "domain_unicode",
                                xf_json_text(unicode, NULL));
            free(unicode);
        }
    }
    matrix_json(o, p);
    json_object_set_new(o, "errors", errors);
    return o;
}

int xf_json_print(json_t *j)
{
    if (!j) { /* never an empty line that a script would take for "none" */
        xf_say(_("internal error: the JSON output could not be built"));
        return XF_EXIT_FAIL;
    }
    json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    fputc('\n', stdout);
    json_decref(j);
    return XF_EXIT_OK;
}

int xf_cli_after_save(const xf_store *s)
{
    char msg[XF_APPLY_OUTPUT + 512];
    if (xf_store_log_error(s)) /* the save stands: said, not undone */
        xf_say("%s", xf_store_log_error(s)->msg);
    xf_apply_state st = xf_after_save(s, msg, sizeof msg);
    if (st != XF_APPLY_NONE)
        xf_say(_("Saved; %s"), msg);
    return st == XF_APPLY_FAILED ? XF_EXIT_FAIL : XF_EXIT_OK;
}

/* The option named as typed, once, and the value once: the message's own
 * text names no setting, and quotes the value when err->says so. */
int xf_cli_option_refused(const char *name, const char *arg, const xf_err *err)
{
    const char *why = xf_err_reason(err);
    if (err->says & XF_SAYS_VALUE) {
        xf_say(_("--%s: %s; nothing was changed"), name, why);
        return XF_EXIT_FAIL;
    }
    char *vis = xf_visible(arg);
    xf_say(_("--%s '%s': %s; nothing was changed"), name, vis, why);
    free(vis);
    return XF_EXIT_FAIL;
}
