/* import lync FILE.csv, import lync-gateway FILE.csv: migration from the
 * Export-Csv output of the Lync / Skype for Business cmdlets. Every row is
 * checked as 'add' checks; nothing is written unless every row is
 * accepted (or --skip-invalid drops the refused ones). */
#include "cli.h"
#include "core/i18n.h"
#include "core/lync.h"
#include "core/visible.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct import_opts {
    bool dry_run, skip_invalid;
    const char *kind, *file;
} import_opts;

typedef struct tally {
    size_t added, changed, unchanged, refused, type_names;
} tally;

static int parse_args(int argc, char **argv, import_opts *o)
{
    static const struct option opts[] = {
        { "dry-run", no_argument, NULL, 'n' },
        { "skip-invalid", no_argument, NULL, 's' },
        { 0 },
    };
    int c;
    optind = 0; /* 0: GNU getopt starts afresh */
    while ((c = xf_getopt("import", argc, argv, "", opts, NULL)) != -1) {
        if (c == 'n')
            o->dry_run = true;
        else if (c == 's')
            o->skip_invalid = true;
        else
            return XF_EXIT_USAGE;
    }
    if (argc - optind != 2)
        return xf_usage_error("import", _("usage: xmppfed import lync|"
                              "lync-gateway FILE.csv [--dry-run] "
                              "[--skip-invalid]"));
    o->kind = argv[optind];
    o->file = argv[optind + 1];
    if (strcmp(o->kind, "lync") && strcmp(o->kind, "lync-gateway"))
        return xf_usage_error("import", _("unknown source '%s': lync or "
                              "lync-gateway"), o->kind);
    return XF_EXIT_OK;
}

/* Reads, decodes and parses the CSV; a header and at least one row. */
static bool load_csv(const char *file, xf_csv *c)
{
    char *data, *text = NULL;
    size_t len;
    bool exists;
    xf_err err;
    if (xf_read_file(file, &data, &len, &exists, &err) != XF_OK || !exists) {
        xf_say("%s", exists ? err.msg : _("cannot read the CSV file: no such "
               "file"));
        return false;
    }
    text = xf_csv_decode(data, len, &err);
    free(data);
    bool ok = text && xf_csv_parse(text, c, &err);
    free(text);
    if (!ok)
        xf_say(_("%s: %s; nothing was changed"), file, err.msg);
    else if (c->n < 2) {
        xf_say(_("%s: no rows after the header; nothing was changed"), file);
        xf_csv_free(c);
        ok = false;
    }
    return ok;
}

static void say_ignored(const char *file, const xf_strlist *ignored)
{
    if (!ignored->n)
        return;
    char *names = xf_strlist_join(ignored, ", ");
    char *vis = xf_visible(names);
    fprintf(stderr, ngettext("xmppfed: %s: ignored column (no xmppfed "
                             "setting): %s\n",
                             "xmppfed: %s: ignored columns (no xmppfed "
                             "setting): %s\n", ignored->n), file, vis);
    free(vis);
    free(names);
}

/* The names of the fields that differ, for "change D (tls, sasl)". */
static char *changed_fields(const xf_partner *a, const xf_partner *b)
{
    xf_strlist names = { 0 };
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        char *x = xf_partner_get(a, f), *y = xf_partner_get(b, f);
        if (strcmp(x, y))
            xf_strlist_push(&names, xf_field_key(f));
        free(x);
        free(y);
    }
    char *s = xf_strlist_join(&names, ", ");
    xf_strlist_clear(&names);
    return s;
}

/* One row: checked like 'add' (or 'set' for a partner already there) and
 * put into the model; domains seen earlier in the file are refused. */
static void import_row(xf_store *s, const xf_csv *c, size_t row,
                       const xf_lync_map *m, xf_strlist *seen, tally *t)
{
    xf_err err;
    const char *warn = NULL;
    long self;
    xf_partner *p = xf_lync_row(c, row, m, xf_store_model(s), &self, &err);
    bool ok = p != NULL;
    if (ok && xf_strlist_find(seen, p->domain) >= 0) {
        xf_errf(&err, _("%s is on an earlier row too"), p->domain);
        ok = false;
    }
    if (ok)
        ok = xf_config_check_partner(xf_store_model(s), p, self, &err, &warn);
    if (!ok) {
        const xf_strlist *f = &c->v[row].f;
        char *id = xf_visible((size_t)m->identity < f->n ? f->v[m->identity]
                                                         : "");
        char *vis = xf_visible(err.msg);
        printf(_("refused   line %d %s: %s\n"), c->v[row].line, id, vis);
        free(id);
        free(vis);
        t->refused++;
        t->type_names += err.code == XF_E_TYPE_NAME;
        xf_partner_free(p);
        return;
    }
    xf_strlist_push(seen, p->domain);
    if (self >= 0 && xf_partner_equal(p, xf_store_model(s)->v[self])) {
        printf(_("unchanged %s\n"), p->domain);
        t->unchanged++;
        xf_partner_free(p);
        return;
    }
    if (self >= 0) {
        char *what = changed_fields(xf_store_model(s)->v[self], p);
        printf(_("change    %s (%s)\n"), p->domain, what);
        free(what);
        t->changed++;
    } else {
        printf(_("add       %s\n"), p->domain);
        t->added++;
    }
    if (warn)
        fprintf(stderr, _("warning: %s: %s\n"), p->domain, warn);
    xf_config_put(xf_store_model(s), self, p);
}

/* Says what happened and whether to write; returns the exit status or
 * -1 to save. */
static int conclude(const import_opts *o, const tally *t)
{
    fprintf(stderr, _("xmppfed: %s: %zu to add, %zu to change, %zu unchanged, "
            "%zu refused\n"), o->file, t->added, t->changed, t->unchanged,
            t->refused);
    if (t->type_names)
        fprintf(stderr, _("xmppfed: export the additional domains joined, "
                "in PowerShell:\n  %s\n"), xf_lync_export_hint);
    if (t->refused && !o->skip_invalid) {
        xf_say(_("nothing was written: fix the refused rows, or use "
               "--skip-invalid to import the others"));
        return XF_EXIT_FAIL;
    }
    if (o->dry_run) {
        xf_say(_("--dry-run: nothing was written"));
        return XF_EXIT_OK;
    }
    if (!t->added && !t->changed) {
        xf_say(_("nothing to change"));
        return XF_EXIT_OK;
    }
    return -1;
}

static int import_partners(const char *path, const import_opts *o,
                           const xf_csv *c)
{
    xf_lync_map m;
    xf_strlist ignored = { 0 }, seen = { 0 };
    xf_err err;
    if (!xf_lync_map_header(c, &m, &ignored, &err)) {
        xf_say(_("%s: %s; nothing was changed"), o->file, err.msg);
        xf_strlist_clear(&ignored);
        return XF_EXIT_FAIL;
    }
    say_ignored(o->file, &ignored);
    xf_strlist_clear(&ignored);
    xf_store *s = xf_store_new();
    int rc = xf_cli_open(s, path, !o->dry_run);
    tally t = { 0 };
    for (size_t row = 1; rc == XF_EXIT_OK && row < c->n; row++)
        import_row(s, c, row, &m, &seen, &t);
    if (rc == XF_EXIT_OK && (rc = conclude(o, &t)) < 0)
        rc = xf_cli_save(s);
    xf_strlist_clear(&seen);
    xf_store_free(s);
    return rc;
}

static int import_gateway(const char *path, const import_opts *o,
                          const xf_csv *c);

int xf_cmd_import(const char *path, int argc, char **argv)
{
    import_opts o = { 0 };
    int rc = parse_args(argc, argv, &o);
    if (rc)
        return rc;
    xf_csv c;
    if (!load_csv(o.file, &c))
        return XF_EXIT_FAIL;
    if (!strcmp(o.kind, "lync"))
        rc = import_partners(path, &o, &c);
    else
        rc = import_gateway(path, &o, &c);
    xf_csv_free(&c);
    return rc;
}

/* --- lync-gateway ------------------------------------------------------ */

/* Get-CsXmppGatewayConfiguration columns that have an xmppfed setting. */
static const struct {
    const char *column;
    xf_gfield field;
} gw_columns[] = {
    { "PartnerConnectionLimit", XF_G_CONNECTION_LIMIT },
};

/* The row of the global configuration, or the only one. */
static long global_row(const xf_csv *c, long id_col)
{
    if (c->n == 2)
        return 1;
    for (size_t r = 1; id_col >= 0 && r < c->n; r++)
        if ((size_t)id_col < c->v[r].f.n &&
            !strcasecmp(c->v[r].f.v[id_col], "Global"))
            return (long)r;
    return -1;
}

static int import_gateway(const char *path, const import_opts *o,
                          const xf_csv *c)
{
    long row = global_row(c, xf_csv_column(c, "Identity"));
    if (row < 0) {
        xf_say(_("%s: %zu configurations and none is Global; nothing was "
               "changed"), o->file, c->n - 1);
        return XF_EXIT_FAIL;
    }
    xf_store *s = xf_store_new();
    int rc = xf_cli_open(s, path, !o->dry_run);
    xf_strlist ignored = { 0 };
    bool changed = false;
    const xf_csv_row *hdr = &c->v[0], *r = &c->v[row];
    for (size_t i = 0; rc == XF_EXIT_OK && i < hdr->f.n; i++) {
        size_t k = 0;
        while (k < sizeof gw_columns / sizeof *gw_columns &&
               strcasecmp(gw_columns[k].column, hdr->f.v[i]))
            k++;
        if (k == sizeof gw_columns / sizeof *gw_columns) {
            if (strcasecmp(hdr->f.v[i], "Identity"))
                xf_strlist_push(&ignored, hdr->f.v[i]); /* never the value:
                                          DialbackPassphrase is a secret */
            continue;
        }
        xf_gfield f = gw_columns[k].field;
        const char *v = i < r->f.n ? r->f.v[i] : "";
        char *old = xf_gateway_get(&xf_store_model(s)->gw, f);
        xf_err err;
        if (!*v) {
            /* empty: the cmdlet's default; ours stays */
        } else if (!xf_gateway_set(&xf_store_model(s)->gw, f, v, &err)) {
            char *vis = xf_visible(err.msg);
            printf(_("refused   %s: %s\n"), hdr->f.v[i], vis);
            free(vis);
            rc = XF_EXIT_FAIL;
        } else if (strcmp(old, v)) {
            printf(_("change    %s = %s (was %s)\n"), xf_gfield_key(f), v, old);
            changed = true;
        }
        free(old);
    }
    say_ignored(o->file, &ignored);
    xf_strlist_clear(&ignored);
    if (rc != XF_EXIT_OK)
        xf_say(_("nothing was written"));
    else if (o->dry_run)
        xf_say(_("--dry-run: nothing was written"));
    else if (!changed)
        xf_say(_("nothing to change"));
    else
        rc = xf_cli_save(s);
    xf_store_free(s);
    return rc;
}
