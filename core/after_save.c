/* After a save: run the gateway's after_save command (unless --no-apply)
 * and say what happened, on stderr for the commands, in the status line
 * for the editor. No curses here. */
#include "after_save.h"
#include "i18n.h"
#include "store_impl.h"
#include "apply.h"
#include "visible.h"

#include <stdio.h>

bool xf_no_apply;

xf_apply_state xf_after_save(const xf_store *s, char *msg, size_t cap)
{
    const char *cmd = s->model.gw.after_save;
    *msg = '\0';
    /* unchanged: the file was not written, nothing to apply */
    if (s->unchanged || !cmd || !*cmd)
        return XF_APPLY_NONE;
    if (xf_no_apply) {
        snprintf(msg, cap, _("not applied (--no-apply): %s"), cmd);
        return XF_APPLY_SKIPPED;
    }
    xf_apply r;
    bool ok = xf_apply_run(cmd, s->path, xf_apply_timeout(), &r);
    char what[XF_APPLY_OUTPUT + 256];
    xf_apply_describe(&r, cmd, what, sizeof what);
    int n = snprintf(msg, cap, ok ? _("applied: %s") : _("applying: %s"),
                     what);
    if (cap && n >= 0 && (size_t)n >= cap) /* the editor's line: maybe cut */
        xf_utf8_trim_cut(msg);
    return ok ? XF_APPLY_OK : XF_APPLY_FAILED;
}
