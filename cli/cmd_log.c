/* log [DOMAIN] [--json]: the change log kept beside the file (FILE.log),
 * oldest first, a changed setting a line. */
#include "cli.h"
#include "core/changelog.h"
#include "core/domain.h"
#include "core/i18n.h"
#include "core/say.h"
#include "core/visible.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *entry_json(const xf_log_entry *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "time", xf_json_text(e->time, NULL));
    json_object_set_new(o, "user", xf_json_text(e->user, NULL));
    json_object_set_new(o, "partner", xf_json_text(e->ch.partner, NULL));
    json_object_set_new(o, "setting", xf_json_text(e->ch.setting, NULL));
    json_object_set_new(o, "old", xf_json_text(e->ch.old, NULL));
    json_object_set_new(o, "new", xf_json_text(e->ch.neu, NULL));
    return o;
}

static void entry_text(const xf_log_entry *e)
{
    char *f[5] = { xf_visible(e->time), xf_visible(e->user),
                   xf_visible(e->ch.partner), xf_visible(e->ch.old),
                   xf_visible(e->ch.neu) };
    char *setting = xf_visible(e->ch.setting);
    printf("%s  %s  %s  %s: %s \u2192 %s\n", f[0], f[1], f[2], setting,
           *f[3] ? f[3] : "\"\"", *f[4] ? f[4] : "\"\"");
    for (int i = 0; i < 5; i++)
        free(f[i]);
    free(setting);
}

/* DOMAIN as the log spells it (the A-label), or "gateway" as it is. */
static char *wanted_partner(const char *arg)
{
    if (!strcmp(arg, XF_DIFF_GATEWAY))
        return xf_strdup(arg);
    xf_err err;
    char *d = xf_domain_normalize(arg, &err);
    if (!d) {
        char *vis = xf_visible(arg);
        xf_usage_error("log", "'%s': %s", vis, err.msg);
        free(vis);
    }
    return d;
}

static int print_log(const char *path, const char *want, bool json)
{
    char real[PATH_MAX];
    xf_log log;
    bool exists;
    xf_err err;
    if (!xf_changelog_read(realpath(path, real) ? real : path, &log, &exists,
                           &err)) {
        xf_say("%s", err.msg);
        return XF_EXIT_FAIL;
    }
    if (!exists && !json)
        xf_say(_("no change logged yet: %s.log does not exist"), path);
    json_t *all = json ? json_array() : NULL;
    for (size_t i = 0; i < log.n; i++) {
        if (want && strcmp(log.v[i].ch.partner, want))
            continue;
        if (all)
            json_array_append_new(all, entry_json(&log.v[i]));
        else
            entry_text(&log.v[i]);
    }
    xf_log_free(&log);
    return all ? xf_json_print(all) : XF_EXIT_OK;
}

int xf_cmd_log(const char *path, int argc, char **argv)
{
    static const struct option opts[] = {
        { "json", no_argument, NULL, 'j' },
        { 0 },
    };
    bool json = false;
    int c;
    optind = 0; /* 0: GNU getopt starts afresh */
    while ((c = xf_getopt("log", argc, argv, "", opts, NULL)) != -1) {
        if (c != 'j')
            return XF_EXIT_USAGE;
        json = true;
    }
    if (argc - optind > 1)
        return xf_usage_error("log", _("unexpected argument '%s'"),
                              argv[optind + 1]);
    char *want = NULL;
    if (optind < argc && !(want = wanted_partner(argv[optind])))
        return XF_EXIT_USAGE;
    int rc = print_log(path, want, json);
    free(want);
    return rc;
}
