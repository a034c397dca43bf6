/* check: every rule of the spec on a whole file. */
#include "cli.h"

#include <stdio.h>

int xf_cmd_check(const char *path, int argc, char **argv)
{
    if (argc > 1)
        return xf_usage_error("check", "unexpected argument '%s'", argv[1]);
    xf_store s;
    xf_err err;
    xf_status st = xf_store_open(&s, path, 0, &err);
    int rc = XF_EXIT_OK;
    if (st != XF_OK) {
        printf("error: %s\n", err.msg);
        rc = XF_EXIT_FAIL;
    } else {
        for (size_t i = 0; i < s.diags.n; i++)
            xf_cli_print_diag(stdout, path, &s.diags.v[i]);
        size_t errors = xf_diags_count(&s.diags, XF_DIAG_ERROR);
        size_t warnings = xf_diags_count(&s.diags, XF_DIAG_WARNING);
        fprintf(stderr, "%s: %zu partner%s, %zu error%s, %zu warning%s%s\n",
                path, s.model.n, s.model.n == 1 ? "" : "s", errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s",
                s.exists ? "" : " (the file does not exist yet)");
        rc = errors ? XF_EXIT_FAIL : XF_EXIT_OK;
    }
    xf_store_close(&s);
    return rc;
}
