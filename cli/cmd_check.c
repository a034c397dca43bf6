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
    size_t errors = xf_diags_count(xf_store_diags(s), XF_DIAG_ERROR);
    size_t warnings = xf_diags_count(xf_store_diags(s), XF_DIAG_WARNING);
    size_t notes = xf_diags_count(xf_store_diags(s), XF_DIAG_NOTE);
    char *vis = xf_visible(path);
    /* each count its own plural: languages differ in how many forms */
    fprintf(stderr, "%s: ", vis);
    fprintf(stderr, ngettext("%zu partner", "%zu partners", xf_store_cmodel(s)->n),
            xf_store_cmodel(s)->n);
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
    for (size_t i = 0; i < xf_store_diags(s)->n; i++) {
        const xf_diag *d = &xf_store_diags(s)->v[i];
        if (!a->json) {
            xf_cli_print_diag(stdout, path, d);
            continue;
        }
        const xf_partner *partner;
        const char *setting;
        xf_store_locate(s, d, &partner, &setting);
        json_array_append_new(all, problem_json(d->severity, d->line,
                                                partner, setting, d->msg));
    }
    summary(path, s, a->strict);
    int rc = all ? xf_json_print(all) : XF_EXIT_OK;
    size_t errors = xf_diags_count(xf_store_diags(s), XF_DIAG_ERROR);
    size_t warnings = xf_diags_count(xf_store_diags(s), XF_DIAG_WARNING);
    return rc || errors || (a->strict && warnings) ? XF_EXIT_FAIL : XF_EXIT_OK;
}

int xf_cmd_check(const char *path, int argc, char **argv)
{
    check_args a = { false, false };
    int rc = parse(argc, argv, &a);
    if (rc)
        return rc;
    xf_store *s = xf_store_new();
    xf_err err;
    xf_status st = xf_store_open(s, path, 0, &err);
    if (st == XF_OK && !xf_store_exists(s)) {
        xf_errc(&err, XF_E_IO, 0, _("%s: the file does not exist"), path);
        st = XF_ERR_IO;
    }
    rc = st == XF_OK ? report(path, s, &a) : cannot_check(path, &a, st, err.msg);
    xf_store_free(s);
    return rc;
}
