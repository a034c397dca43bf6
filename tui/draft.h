/* Drafts: the text of a form with unsaved changes, kept when the terminal
 * hangs up (SIGHUP) and offered again on the next start. One per file. */
#ifndef XF_DRAFT_H
#define XF_DRAFT_H

#include "app.h"
#include "core/partner.h"

/* Where the draft of the config file path is kept:
 * $XDG_STATE_HOME/xmppfed/, else ~/.local/state/xmppfed/, else FILE.draft */
char *xf_draft_path(const char *config_path);
/* orig: the primary domain of the partner edited, "" for a new one. */
bool xf_draft_save(const char *config_path, const char *orig,
                   char *const texts[XF_F_COUNT]);
bool xf_draft_load(const char *config_path, char **orig,
                   char *texts[XF_F_COUNT]);
void xf_draft_discard(const char *config_path);
/* At start-up: asks whether to open a kept draft, and opens it. */
void xf_draft_offer(xf_app *app);

#endif
