/* check: every rule of the spec on a whole file. */
#include "cli.h"
#include "core/visible.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

/* --strict: any warning fails too (an unknown setting, a matrix warning),
 * so that configuration management can use check as its validate step. */
static int parse(int argc, char **argv, bool *strict)
{
    static const struct option opts[] = {
        { "strict", no_argument, NULL, 's' },
        { 0 },
    };
    int c;
    optind = 0; /* 0: GNU getopt starts afresh */
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1)
        if (c == 's')
            *strict = true;
        else
            return XF_EXIT_USAGE; /* getopt has said what is wrong */
    if (optind < argc)
        return xf_usage_error("check", "unexpected argument '%s'",
                              argv[optind]);
    return XF_EXIT_OK;
}

int xf_cmd_check(const char *path, int argc, char **argv)
{
    bool strict = false;
    int rc = parse(argc, argv, &strict);
    if (rc)
        return rc;
    xf_store s;
    xf_err err;
    xf_status st = xf_store_open(&s, path, 0, &err);
    if (st != XF_OK) {
        printf("error: %s\n", err.msg);
        rc = XF_EXIT_FAIL;
    } else {
        for (size_t i = 0; i < s.diags.n; i++)
            xf_cli_print_diag(stdout, path, &s.diags.v[i]);
        size_t errors = xf_diags_count(&s.diags, XF_DIAG_ERROR);
        size_t warnings = xf_diags_count(&s.diags, XF_DIAG_WARNING);
        char *vis = xf_visible(path);
        fprintf(stderr, "%s: %zu partner%s, %zu error%s, %zu warning%s%s%s\n",
                vis, s.model.n, s.model.n == 1 ? "" : "s", errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
                s.exists ? "" : " (the file does not exist yet)",
                strict && warnings ? " (--strict: warnings fail)" : "");
        free(vis);
        rc = errors || (strict && warnings) ? XF_EXIT_FAIL : XF_EXIT_OK;
    }
    xf_store_close(&s);
    return rc;
}
