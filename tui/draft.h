/* Drafts: the text of a form with unsaved changes, kept when the editor
 * ends without the user's word (hang-up, lost terminal, Ctrl-C) and
 * offered again on the next start. One per file. Kept only in a private
 * folder of the user's own, never through a symbolic link. */
#ifndef XF_DRAFT_H
#define XF_DRAFT_H

#include "app.h"
#include "core/partner.h"

#define XF_DRAFT_TEXTS ((int)XF_F_COUNT > (int)XF_G_COUNT ? (int)XF_F_COUNT \
                                                       : (int)XF_G_COUNT)

typedef enum { XF_DRAFT_PARTNER, XF_DRAFT_GATEWAY } xf_draft_kind;

typedef struct xf_draft {
    xf_draft_kind kind;
    char *orig; /* a partner's primary domain when opened, "" for a new one */
    char *texts[XF_DRAFT_TEXTS]; /* by xf_field, or by xf_gfield */
} xf_draft;

/* Where the draft of config_path goes: $XDG_STATE_HOME/xmppfed/, else
 * ~/.local/state/xmppfed/, else FILE.draft beside the file. Returns the
 * folder's descriptor and the file name, or -1 and why when that folder
 * is not private to the user. */
int xf_draft_dir(const char *config_path, char **name, xf_err *err);
bool xf_draft_save(const char *config_path, const xf_draft *d, xf_err *err);
/* 1 a draft was read into d, 0 none, -1 one that is not to be trusted
 * (err says why; d is empty). */
int xf_draft_load(const char *config_path, xf_draft *d, xf_err *err);
void xf_draft_free(xf_draft *d);
void xf_draft_discard(const char *config_path);
/* A form's unsaved text when the editor ends: saved as the draft, and
 * app->kept says so (or why it could not be). */
void xf_draft_keep(xf_app *app, const xf_draft *d);
/* At start-up: asks whether to open a kept draft, and opens it; says
 * when no draft can be kept. */
void xf_draft_offer(xf_app *app);

#endif
