/* export powershell: New-CsXmppAllowedPartner commands that recreate the
 * list, for sites that run a Lync / Skype for Business edge too. */
#include "cli.h"
#include "core/i18n.h"
#include "core/lync.h"
#include "core/visible.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int xf_cmd_export(const char *path, int argc, char **argv)
{
    if (argc < 2)
        return xf_usage_error("export", _("usage: xmppfed export powershell"));
    if (strcmp(argv[1], "powershell"))
        return xf_usage_error("export", _("unknown format '%s': powershell"),
                              argv[1]);
    if (argc > 2)
        return xf_usage_error("export", _("unexpected argument '%s'"), argv[2]);
    xf_store *s = xf_store_new();
    int rc = xf_cli_open(s, path, false);
    if (rc == XF_EXIT_OK) {
        const xf_config *c = xf_store_cmodel(s);
        char *vis = xf_visible(path);
        printf("# %zu XMPP federated partner%s from %s (xmppfed export "
               "powershell)\n", c->n, c->n == 1 ? "" : "s", vis);
        free(vis);
        for (size_t i = 0; i < c->n; i++) {
            char *cmd = xf_lync_command(c->v[i]);
            puts(cmd);
            free(cmd);
        }
    }
    xf_store_free(s);
    return rc;
}
