/* check: every rule of the spec on a whole file. */
#include "cli.h"
#include "core/i18n.h"
#include "core/visible.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct check_args {
    bool strict, json;
} check_args;

/* --strict: any warning fails too (an unknown setting, a matrix warning),
 * so that configuration management can use check as its validate step. */
static int parse(int argc, char **argv, check_args *a)
{
    static const struct option opts[] = {
        { "strict", no_argument, NULL, 's' },
        { "json", no_argument, NULL, 'j' },
        { 0 },
    };
    int c;
    optind = 0; /* 0: GNU getopt starts afresh */
    while ((c = xf_getopt("check", argc, argv, "", opts, NULL)) != -1)
        if (c == 's')
            a->strict = true;
        else if (c == 'j')
            a->json = true;
        else
            return XF_EXIT_USAGE; /* xf_getopt has said what is wrong */
    if (optind < argc)
        return xf_usage_error("check", _("unexpected argument '%s'"),
                              argv[optind]);
    return XF_EXIT_OK;
}

/* --- where a problem stands: its partner and setting -------------------- */

/* The diagnostics carry a line and a message; the parsed file says which
 * setting stands on that line. On a line with several settings, the one
 * the message names ("tls: ...", "unknown setting 'sals' ...") wins. */
static bool names(const char *msg, const char *name)
{
    size_t n = strlen(name);
    for (const char *at = strstr(msg, name); at; at = strstr(at + 1, name)) {
        bool quoted = at > msg && at[-1] == '\'' && at[n] == '\'';
        bool keyed = (at == msg || at[-1] == ' ') && at[n] == ':';
        if (quoted || keyed)
            return true;
    }
    return false;
}

/* The member of group g on line (NULL if none; any member when the group
 * itself does not start on that line and the message names none). */
static const char *member_at(const config_setting_t *g, int line,
                             const char *msg)
{
    const char *first = NULL;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        if ((int)config_setting_source_line(m) != line)
            continue;
        const char *name = config_setting_name(m);
        if (name && names(msg, name))
            return name;
        if (!first)
            first = name;
    }
    return (int)config_setting_source_line(g) == line ? NULL : first;
}

/* The last line of a setting: the largest line among its members. */
static int last_line(const config_setting_t *s)
{
    int last = (int)config_setting_source_line(s);
    for (int i = 0; config_setting_is_aggregate(s) &&
                    i < config_setting_length(s); i++) {
        int l = last_line(config_setting_get_elem(s, (unsigned)i));
        if (l > last)
            last = l;
    }
    return last;
}

typedef struct where {
    const xf_partner *partner;
    const char *setting;
} where;

static const xf_partner *partner_of(const xf_config *c, int origin)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i]->origin == origin)
            return c->v[i];
    return NULL;
}

static bool in_partners(const xf_store *s, const config_setting_t *list,
                        const xf_diag *d, where *w)
{
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        int first = (int)config_setting_source_line(g);
        if (d->line < first || d->line > last_line(g))
            continue;
        if (!config_setting_is_group(g)) {
            w->setting = "partners"; /* an element that is no partner */
            return true;
        }
        w->partner = partner_of(&s->model, i + 1);
        w->setting = member_at(g, d->line, d->msg);
        return true;
    }
    return false;
}

/* "gateway: ca_file ... cannot be read" has no line: the key is named. */
static const char *gateway_key_named(const char *msg)
{
    if (strncmp(msg, "gateway: ", 9) != 0)
        return NULL;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        size_t n = strlen(xf_gfield_key(f));
        if (!strncmp(msg + 9, xf_gfield_key(f), n) &&
            (msg[9 + n] == ' ' || msg[9 + n] == ':'))
            return xf_gfield_key(f);
    }
    return NULL;
}

static where locate(const xf_store *s, const xf_diag *d)
{
    where w = { NULL, NULL };
    const config_setting_t *root = config_root_setting(&s->cf);
    const config_setting_t *list = config_setting_get_member(root, "partners");
    const config_setting_t *gw = config_setting_get_member(root, "gateway");
    if (d->line <= 0) {
        w.setting = gateway_key_named(d->msg);
        return w;
    }
    if (list && config_setting_is_aggregate(list) && in_partners(s, list, d, &w))
        return w;
    if (gw && config_setting_is_group(gw) &&
        d->line >= (int)config_setting_source_line(gw) &&
        d->line <= last_line(gw))
        w.setting = member_at(gw, d->line, d->msg);
    if (!w.setting)
        w.setting = member_at(root, d->line, d->msg);
    return w;
}

/* --- output ---------------------------------------------------------- */

static json_t *problem_json(xf_severity sev, int line, const xf_partner *p,
                            const char *setting, const char *msg)
{
    json_t *o = json_object();
    json_object_set_new(o, "severity", json_string(xf_severity_name(sev)));
    json_object_set_new(o, "line", line > 0 ? json_integer(line) : json_null());
    json_object_set_new(o, "partner", p && *p->domain
                        ? xf_json_text(p->domain, NULL) : json_null());
    json_object_set_new(o, "setting", setting ? xf_json_text(setting, NULL)
                                              : json_null());
    json_object_set_new(o, "message", xf_json_text(msg, NULL));
    return o;
}

static void summary(const char *path, const xf_store *s, bool strict)
{
    size_t errors = xf_diags_count(&s->diags, XF_DIAG_ERROR);
    size_t warnings = xf_diags_count(&s->diags, XF_DIAG_WARNING);
    size_t notes = xf_diags_count(&s->diags, XF_DIAG_NOTE);
    char *vis = xf_visible(path);
    /* each count its own plural: languages differ in how many forms */
    fprintf(stderr, "%s: ", vis);
    fprintf(stderr, ngettext("%zu partner", "%zu partners", s->model.n),
            s->model.n);
    fprintf(stderr, ngettext(", %zu error", ", %zu errors", errors), errors);
    fprintf(stderr, ngettext(", %zu warning", ", %zu warnings", warnings),
            warnings);
    if (notes)
        fprintf(stderr, ngettext(", %zu note", ", %zu notes", notes), notes);
    fprintf(stderr, "%s\n", strict && warnings ? _(" (--strict: warnings fail)")
                                               : "");
    free(vis);
}

/* The file cannot be checked: it does not parse, cannot be read, or is
 * not there. A validate step must fail on each (a typo in the path would
 * otherwise pass as an empty, valid configuration). */
static int cannot_check(const char *path, const check_args *a,
                        xf_status st, const char *msg)
{
    int line = 0;
    size_t plen = strlen(path);
    /* a syntax error reads "FILE:LINE: message" */
    if (st == XF_ERR_SYNTAX && !strncmp(msg, path, plen) && msg[plen] == ':') {
        char *end;
        line = (int)strtol(msg + plen + 1, &end, 10);
        if (end[0] == ':' && end[1] == ' ')
            msg = end + 2;
    }
    if (!a->json) {
        if (line > 0)
            printf(_("error: %s:%d: %s\n"), path, line, msg);
        else
            printf(_("error: %s\n"), msg);
        return XF_EXIT_FAIL;
    }
    json_t *all = json_array();
    json_array_append_new(all, problem_json(XF_DIAG_ERROR, line, NULL, NULL,
                                            msg));
    xf_json_print(all);
    return XF_EXIT_FAIL;
}

static int report(const char *path, const xf_store *s, const check_args *a)
{
    json_t *all = a->json ? json_array() : NULL;
    for (size_t i = 0; i < s->diags.n; i++) {
        const xf_diag *d = &s->diags.v[i];
        if (!a->json) {
            xf_cli_print_diag(stdout, path, d);
            continue;
        }
        where w = locate(s, d);
        json_array_append_new(all, problem_json(d->severity, d->line,
                                                w.partner, w.setting, d->msg));
    }
    summary(path, s, a->strict);
    int rc = all ? xf_json_print(all) : XF_EXIT_OK;
    size_t errors = xf_diags_count(&s->diags, XF_DIAG_ERROR);
    size_t warnings = xf_diags_count(&s->diags, XF_DIAG_WARNING);
    return rc || errors || (a->strict && warnings) ? XF_EXIT_FAIL : XF_EXIT_OK;
}

int xf_cmd_check(const char *path, int argc, char **argv)
{
    check_args a = { false, false };
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc;
    xf_store s;
    xf_err err;
    xf_status st = xf_store_open(&s, path, 0, &err);
    if (st == XF_OK && !s.exists) {
        xf_errc(&err, XF_E_IO, 0, _("%s: the file does not exist"), path);
        st = XF_ERR_IO;
    }
    rc = st == XF_OK ? report(path, &s, &a) : cannot_check(path, &a, st, err.msg);
    xf_store_close(&s);
    return rc;
}
