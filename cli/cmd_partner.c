/* list, show, add, set, remove: the cmdlets' counterparts. */
#include "cli.h"
#include "core/i18n.h"
#include "core/domain.h"
#include "core/fields.h"
#include "core/visible.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parses "--json" (when json is not NULL) and want (0 or 1) positional
 * arguments; GNU getopt lets them come in any order. */
static int simple_args(const char *cmd, int argc, char **argv, bool *json,
                       int want, const char **arg)
{
    static const struct option opts[] = { { "json", no_argument, NULL, 'j' },
                                          { 0 } };
    int c;
    optind = 0; /* 0: GNU getopt starts afresh */
    while ((c = xf_getopt(cmd, argc, argv, "", json ? opts : opts + 1, NULL)) != -1)
        if (c == 'j')
            *json = true;
        else
            return XF_EXIT_USAGE; /* getopt has said what is wrong */
    if (argc - optind < want)
        return xf_usage_error(cmd, _("which domain? usage: xmppfed %s DOMAIN"),
                              cmd);
    if (argc - optind > want)
        return xf_usage_error(cmd, _("unexpected argument '%s'"),
                              argv[optind + want]);
    if (want)
        *arg = argv[optind];
    return XF_EXIT_OK;
}

/* A cell of list or show: the value escaped; a value in error as it is
 * in the file, marked with '!' in front. */
static char *cell(const xf_partner *p, xf_field f, const char *valid)
{
    if (!xf_partner_in_error(p, f))
        return xf_visible(valid);
    char *vis = xf_visible(xf_partner_bad_text(p, f)), *out = NULL;
    if (asprintf(&out, "!%s", vis) < 0)
        abort();
    free(vis);
    return out;
}

static void print_row(const xf_partner *p)
{
    const char *valid[] = {
        [XF_F_DOMAIN] = p->domain, [XF_F_TYPE] = xf_ptype_name(p->type),
        [XF_F_TLS] = xf_mode_name(p->tls), [XF_F_SASL] = xf_mode_name(p->sasl),
        [XF_F_DIALBACK] = xf_bool_name(p->dialback),
        [XF_F_DESCRIPTION] = p->description,
    };
    static const xf_field cols[] = { XF_F_DOMAIN, XF_F_TYPE, XF_F_TLS,
                                     XF_F_SASL, XF_F_DIALBACK,
                                     XF_F_DESCRIPTION };
    char *c[6];
    for (int i = 0; i < 6; i++)
        c[i] = cell(p, cols[i], valid[cols[i]]);
    printf("%-30s %-17s %-13s %-13s %-5s %s\n", c[0], c[1], c[2], c[3], c[4],
           c[5]);
    for (int i = 0; i < 6; i++)
        free(c[i]);
}

/* The values in error of the partners shown, on stderr (where a script's
 * log keeps them); returns how many. The output itself still holds them:
 * a non-zero exit status never hides data. */
static size_t report_bad(const char *path, const xf_partner *p)
{
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        if (xf_partner_in_error(p, f))
            xf_cli_print_diag(stderr, path, &(xf_diag){
                XF_DIAG_ERROR, p->bad[f].line, (char *)xf_partner_error(p, f) });
    return xf_partner_error_count(p);
}

static int bad_status(size_t bad)
{
    if (!bad)
        return XF_EXIT_OK;
    xf_say(ngettext("%zu value in error are shown as they are in the file, "
                    "marked '!' (JSON: the \"errors\" member); 'xmppfed check' "
                    "lists every problem",
                    "%zu values in error are shown as they are in the file, "
                    "marked '!' (JSON: the \"errors\" member); 'xmppfed check' "
                    "lists every problem", bad), bad);
    return XF_EXIT_FAIL;
}

/* list's filters: a partner is listed when it has every value given
 * (each in any input spelling). A value in error matches no filter: it is
 * none of the values. */
typedef struct list_filter {
    bool type, tls, sasl;
    xf_ptype t;
    xf_mode tls_mode, sasl_mode;
} list_filter;

enum { O_FILTER_TYPE = 256, O_FILTER_TLS, O_FILTER_SASL };

static bool parse_filter(int c, const char *arg, list_filter *f)
{
    switch (c) {
    case O_FILTER_TYPE:
        arg = xf_def_choice_typed(xf_partner_field(XF_F_TYPE), arg);
        return (f->type = xf_ptype_parse(arg, &f->t));
    case O_FILTER_TLS:
        arg = xf_def_choice_typed(xf_partner_field(XF_F_TLS), arg);
        return (f->tls = xf_mode_parse(arg, &f->tls_mode));
    default:
        arg = xf_def_choice_typed(xf_partner_field(XF_F_SASL), arg);
        return (f->sasl = xf_mode_parse(arg, &f->sasl_mode));
    }
}

static int list_args(int argc, char **argv, bool *json, list_filter *f)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { "type", required_argument, NULL, O_FILTER_TYPE },
        { "tls", required_argument, NULL, O_FILTER_TLS },
        { "sasl", required_argument, NULL, O_FILTER_SASL },
        { 0 },
    };
    int c, idx = 0;
    optind = 0; /* 0: GNU getopt starts afresh */
    while ((c = xf_getopt("list", argc, argv, "", opts, &idx)) != -1) {
        if (c == '?')
            return XF_EXIT_USAGE;
        if (c == 'j')
            *json = true;
        else if (!parse_filter(c, optarg, f)) {
            char ids[200];
            xf_def_choice_ids(xf_partner_field(c == O_FILTER_TYPE ? XF_F_TYPE
                                               : XF_F_TLS), ids, sizeof ids);
            return xf_usage_error("list", _("--%s '%s' is not one of %s"),
                                  opts[idx].name, optarg, ids);
        }
    }
    if (optind < argc)
        return xf_usage_error("list", _("unexpected argument '%s'"), argv[optind]);
    return XF_EXIT_OK;
}

static bool listed(const xf_partner *p, const list_filter *f)
{
    return (!f->type || (!xf_partner_in_error(p, XF_F_TYPE) && p->type == f->t)) &&
           (!f->tls || (!xf_partner_in_error(p, XF_F_TLS) &&
                        p->tls == f->tls_mode)) &&
           (!f->sasl || (!xf_partner_in_error(p, XF_F_SASL) &&
                         p->sasl == f->sasl_mode));
}

/* For list and show: SPEC's "a file that does not exist is an empty
 * configuration" is for a change (add creates it); a reader given a
 * path that is not there has most likely a typo in -f or XMPPFED_CONFIG,
 * and an empty answer would hide it. */
static int need_file(const xf_store *s, const char *path)
{
    if (xf_store_exists(s))
        return XF_EXIT_OK;
    xf_say(_("%s: the file does not exist ('xmppfed add' creates it)"), path);
    return XF_EXIT_FAIL;
}

int xf_cmd_list(const char *path, int argc, char **argv)
{
    bool json = false;
    list_filter filter = { 0 };
    int rc = list_args(argc, argv, &json, &filter);
    if (rc)
        return rc;
    xf_store *s = xf_store_new();
    if ((rc = xf_cli_open(s, path, false)) || (rc = need_file(s, path))) {
        xf_store_free(s);
        return rc;
    }
    json_t *all = json ? json_array() : NULL;
    size_t bad = 0;
    for (size_t i = 0; i < xf_store_model(s)->n; i++) {
        if (!listed(xf_store_model(s)->v[i], &filter))
            continue;
        bad += report_bad(path, xf_store_model(s)->v[i]);
        if (json)
            json_array_append_new(all, xf_partner_json(xf_store_model(s)->v[i]));
        else
            print_row(xf_store_model(s)->v[i]);
    }
    if (json)
        rc = xf_json_print(all);
    xf_store_free(s);
    return rc ? rc : bad_status(bad);
}

static void print_setting(const char *key, const char *value)
{
    char *v = xf_visible(value);
    printf("%-24s %s\n", key, v);
    free(v);
}

static void print_bad_setting(const xf_partner *p, xf_field f)
{
    char *v = cell(p, f, ""), *why = xf_visible(xf_partner_error(p, f));
    printf("%-24s %s  ", xf_field_key(f), v);
    printf(_("(in error: %s)\n"), why);
    free(v);
    free(why);
}

static void show_matrix(const xf_partner *p)
{
    if (!xf_partner_policy_known(p)) {
        print_setting("expected_authentication", "unknown");
        print_setting("matrix", "unknown: " XF_POLICY_UNKNOWN);
        return;
    }
    const xf_matrix_row *m = xf_partner_matrix(p);
    char buf[96];
    print_setting("expected_authentication",
                  xf_methods_format(m->methods, ", ", buf, sizeof buf));
    /* the verdict word first: "ok: ..." (a remark) is no "warning: ..." */
    char *verdict = NULL;
    if (asprintf(&verdict, "%s%s%s", xf_verdict_name(m->verdict),
                 m->reason ? ": " : "", m->reason ? _(m->reason) : "") < 0)
        abort();
    print_setting("matrix", verdict);
    free(verdict);
}

static void show_text(const xf_partner *p, const xf_gateway *gw)
{
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        if (xf_partner_in_error(p, f)) {
            print_bad_setting(p, f);
            continue;
        }
        char *v = xf_partner_get(p, f);
        if (f == XF_F_LIMIT && !*v) {
            free(v);
            if (asprintf(&v, _("unset (gateway default: %d)"),
                         gw->partner_connection_limit) < 0)
                abort();
        }
        print_setting(xf_field_key(f), v);
        free(v);
        if (f == XF_F_DOMAIN) {
            char *u = xf_domain_display(p->domain);
            if (strcmp(u, p->domain) != 0)
                print_setting("domain_unicode", u);
            free(u);
        }
    }
    show_matrix(p);
}

int xf_cmd_show(const char *path, int argc, char **argv)
{
    bool json = false;
    const char *domain = NULL;
    int rc = simple_args("show", argc, argv, &json, 1, &domain);
    if (rc)
        return rc;
    xf_store *s = xf_store_new();
    size_t bad = 0;
    if ((rc = xf_cli_open(s, path, false)) == XF_EXIT_OK &&
        (rc = need_file(s, path)) == XF_EXIT_OK) {
        long i = xf_cli_find(s, domain, false);
        if (i < 0) {
            rc = XF_EXIT_FAIL;
        } else {
            bad = report_bad(path, xf_store_model(s)->v[i]);
            if (json)
                rc = xf_json_print(xf_partner_json(xf_store_model(s)->v[i]));
            else
                show_text(xf_store_model(s)->v[i], &xf_store_model(s)->gw);
        }
    }
    xf_store_free(s);
    return rc ? rc : bad_status(bad);
}

/* --- add and set ------------------------------------------------------- */

/* The options of add and set: one per field that has one (its value is
 * O_FIELD + the field), then those that edit the list of domains. */
enum { O_ADD_DOMAIN = 256, O_REMOVE_DOMAIN, O_FIELD };

static const struct option *edit_opts(void)
{
    static struct option opts[XF_F_COUNT + 3];
    if (opts[0].name)
        return opts;
    int n = 0;
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        if (xf_partner_field(f)->option)
            opts[n++] = (struct option){ xf_partner_field(f)->option,
                                         required_argument, NULL,
                                         O_FIELD + (int)f };
    opts[n++] = (struct option){ "add-domain", required_argument, NULL,
                                 O_ADD_DOMAIN };
    opts[n++] = (struct option){ "remove-domain", required_argument, NULL,
                                 O_REMOVE_DOMAIN };
    return opts;
}

void xf_cli_help_partner_options(FILE *out)
{
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        const xf_field_def *def = xf_partner_field(f);
        if (!def->option)
            continue;
        char head[64], dom[64];
        xf_cli_option_head(def, head, sizeof head);
        xf_cli_help_line(out, head, xf_def_option_help(def));
        if (def->kind != XF_K_DOMAIN_LIST)
            continue;
        snprintf(dom, sizeof dom, "--add-domain %s", xf_def_option_arg(def));
        xf_cli_help_line(out, dom, _("(set) add one additional domain"));
        snprintf(dom, sizeof dom, "--remove-domain %s", xf_def_option_arg(def));
        xf_cli_help_line(out, dom, _("(set) remove one additional domain"));
    }
}

/* Adds or removes one additional domain. */
static bool edit_domain(xf_partner *p, int opt, const char *arg, xf_err *err)
{
    if (xf_partner_in_error(p, XF_F_ADDITIONAL)) {
        /* editing a list in error would write its bad items back */
        xf_errf(err, _("additional_domains is in error in the file (%s): "
                "replace the whole list with --additional-domain"),
                xf_partner_error(p, XF_F_ADDITIONAL));
        return false;
    }
    char *d = xf_domain_normalize(arg, err);
    if (!d)
        return false;
    long at = xf_strlist_find(&p->additional, d);
    bool ok = true;
    if (opt == O_ADD_DOMAIN && at < 0)
        xf_strlist_push(&p->additional, d);
    else if (opt == O_REMOVE_DOMAIN && at >= 0)
        xf_strlist_remove(&p->additional, (size_t)at);
    else if (opt == O_REMOVE_DOMAIN) {
        xf_errc(err, XF_E_INVALID, XF_SAYS_VALUE,
                _("%s is not an additional domain of %s"), d, p->domain);
        ok = false;
    }
    free(d);
    return ok;
}

/* Applies the options to p, or with p NULL only checks their syntax.
 * Returns 0, or the exit status on an error. */
static int apply_options(const char *cmd, int argc, char **argv, xf_partner *p,
                         const char **domain, int *changes)
{
    bool list_reset = false;
    int c, idx = 0;
    optind = 0; /* 0: GNU getopt starts afresh */
    *changes = 0;
    const struct option *opts = edit_opts();
    while ((c = xf_getopt(cmd, argc, argv, "", opts, &idx)) != -1) {
        if (c == '?' || c == ':')
            return XF_EXIT_USAGE;
        if ((c == O_ADD_DOMAIN || c == O_REMOVE_DOMAIN) && !strcmp(cmd, "add"))
            return xf_usage_error(cmd, _("--%s is an option of 'set'; use "
                                  "--additional-domain"), opts[idx].name);
        (*changes)++;
        if (!p)
            continue;
        xf_err err = { 0 };
        bool ok;
        xf_field f = c >= O_FIELD ? (xf_field)(c - O_FIELD) : XF_F_COUNT;
        if (f < XF_F_COUNT &&
            xf_partner_field(f)->kind == XF_K_DOMAIN_LIST) {
            if (!list_reset) /* a new list: what the file had goes */
                xf_partner_set(p, f, "", NULL);
            list_reset = true;
            ok = edit_domain(p, O_ADD_DOMAIN, optarg, &err);
        } else if (c == O_ADD_DOMAIN || c == O_REMOVE_DOMAIN) {
            ok = edit_domain(p, c, optarg, &err);
        } else {
            ok = xf_partner_set(p, f, xf_def_choice_typed(xf_partner_field(f),
                                                          optarg), &err);
        }
        if (!ok)
            return xf_cli_option_refused(opts[idx].name, optarg, &err);
    }
    if (optind >= argc)
        return xf_usage_error(cmd, _("which domain? usage: xmppfed %s DOMAIN "
                              "[OPTIONS]"), cmd);
    *domain = argv[optind];
    if (optind + 1 < argc)
        return xf_usage_error(cmd, _("unexpected argument '%s'"), argv[optind + 1]);
    return XF_EXIT_OK;
}

/* Checks p for index self and saves it; prints the warnings. */
static int commit(xf_store *s, xf_partner *p, long self)
{
    xf_err err;
    const char *warn;
    if (!xf_config_check_partner(xf_store_model(s), p, self, &err, &warn)) {
        xf_say(_("%s; nothing was changed"), err.msg);
        xf_partner_free(p);
        return XF_EXIT_FAIL;
    }
    /* the matrix's "ok" rows with a remark (plain TCP dialback) get it as
     * a note, as check, the JSON's matrix_reason and the form give it */
    const xf_matrix_row *m = xf_partner_policy_known(p) ? xf_partner_matrix(p)
                                                        : NULL;
    const char *note = !warn && m && m->verdict == XF_VERDICT_OK ? m->reason
                                                                 : NULL;
    if (warn || note) {
        char *vis = xf_visible(p->domain); /* may be kept as in the file */
        fprintf(stderr, "%s: %s: %s\n", warn ? _("warning") : _("note"), vis,
                warn ? warn : _(note));
        free(vis);
    }
    xf_config_put(xf_store_model(s), self, p);
    return xf_cli_save(s);
}

int xf_cmd_add(const char *path, int argc, char **argv)
{
    xf_partner *p = xf_partner_new();
    const char *domain = NULL;
    int changes, rc = apply_options("add", argc, argv, p, &domain, &changes);
    xf_err err;
    if (rc == XF_EXIT_OK && !xf_partner_set(p, XF_F_DOMAIN, domain, &err)) {
        if (err.says & XF_SAYS_VALUE) { /* the value once */
            xf_say(_("add: %s; nothing was changed"), err.msg);
        } else {
            char *vis = xf_visible(domain);
            xf_say(_("add '%s': %s; nothing was changed"), vis, err.msg);
            free(vis);
        }
        rc = XF_EXIT_FAIL;
    }
    if (rc) {
        xf_partner_free(p);
        return rc;
    }
    xf_store *s = xf_store_new();
    if ((rc = xf_cli_open(s, path, true)) == XF_EXIT_OK) {
        rc = commit(s, p, -1);
        p = NULL;
    }
    xf_partner_free(p);
    xf_store_free(s);
    return rc;
}

int xf_cmd_set(const char *path, int argc, char **argv)
{
    /* Options are read twice: once for usage errors before the file is
     * touched, once onto the partner found in the file. */
    const char *domain = NULL;
    int changes, rc = apply_options("set", argc, argv, NULL, &domain, &changes);
    if (rc == XF_EXIT_OK && !changes)
        rc = xf_usage_error("set", _("nothing to change: give at least one "
                            "option"));
    if (rc)
        return rc;
    xf_store *s = xf_store_new();
    if ((rc = xf_cli_open(s, path, true)) == XF_EXIT_OK) {
        long i = xf_cli_find(s, domain, false);
        if (i < 0) {
            rc = XF_EXIT_FAIL;
        } else {
            xf_partner *p = xf_partner_dup(xf_store_model(s)->v[i]);
            rc = apply_options("set", argc, argv, p, &domain, &changes);
            if (!rc && xf_partner_equal(p, xf_store_model(s)->v[i]))
                xf_say(_("nothing changed: %s was not written"), xf_store_path(s));
            if (rc || xf_partner_equal(p, xf_store_model(s)->v[i]))
                xf_partner_free(p); /* unchanged: the file is left alone */
            else
                rc = commit(s, p, i);
        }
    }
    xf_store_free(s);
    return rc;
}

int xf_cmd_remove(const char *path, int argc, char **argv)
{
    const char *domain = NULL;
    int rc = simple_args("remove", argc, argv, NULL, 1, &domain);
    if (rc)
        return rc;
    xf_store *s = xf_store_new();
    if ((rc = xf_cli_open(s, path, true)) == XF_EXIT_OK) {
        long i = xf_cli_find(s, domain, true);
        if (i < 0) {
            rc = XF_EXIT_FAIL;
        } else {
            xf_config_remove(xf_store_model(s), (size_t)i);
            rc = xf_cli_save(s);
        }
    }
    xf_store_free(s);
    return rc;
}
