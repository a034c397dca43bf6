/* u in the list: the last committed change undone by a new save, which is
 * logged like any other. The change is kept as the model before it and
 * the model the user wanted, and undone by the three-way merge (base: what
 * was wanted, mine: what was before, theirs: the model now), so that the
 * places of the partners in the file are those of now. */
#include "app.h"
#include "core/config_merge.h"
#include "core/i18n.h"

void xf_undo_free(xf_app *app)
{
    if (app->has_undo) {
        xf_config_free(&app->undo_before);
        xf_config_free(&app->undo_wanted);
    }
    app->has_undo = false;
}

void xf_undo_keep(xf_app *app, xf_config *before, xf_config *wanted)
{
    xf_undo_free(app);
    app->undo_before = *before;
    app->undo_wanted = *wanted;
    *before = (xf_config){ 0 }; /* taken: nothing left to free */
    *wanted = (xf_config){ 0 };
    app->has_undo = true;
    app->undo_gen = xf_store_gen(app->store);
}

/* The undo as a candidate model; false (and the message) when it cannot. */
static bool undo_candidate(xf_app *app, xf_merge *m)
{
    xf_config_merge(&app->undo_wanted, &app->undo_before,
                    xf_store_cmodel(app->store), false, m);
    if (m->taken[0] || m->conflicts) {
        xf_app_message(app, FW_S_ERROR, _("Not undone: %s"), m->taken[0]
                       ? m->taken : _("the change is no longer as it was made"));
        return false;
    }
    return true;
}

void xf_undo(xf_app *app)
{
    xf_store *s = app->store;
    if (!app->has_undo || app->undo_gen != xf_store_gen(s)) {
        xf_app_message(app, FW_S_WARNING, "%s", app->has_undo ? _("Not "
                       "undone: the file was changed by someone else since "
                       "your last change") : _("Nothing to undo: no change "
                       "was saved in this session"));
        return;
    }
    xf_merge m;
    if (!undo_candidate(app, &m)) {
        xf_merge_free(&m);
        return;
    }
    xf_config before, wanted;
    xf_config_copy(&before, xf_store_model(s));
    xf_config_copy(&wanted, &m.out);
    xf_err err;
    xf_status st = xf_store_commit(s, &m.out, false, &err);
    xf_merge_free(&m);
    if (st != XF_OK) {
        xf_config_free(&before);
        xf_config_free(&wanted);
        xf_app_message(app, FW_S_ERROR, _("Not undone: %s%s"), err.msg,
                       st == XF_ERR_CONFLICT ? _("; nothing was written") : "");
        return;
    }
    xf_undo_keep(app, &before, &wanted); /* u again: the change again */
    xf_app_applied(app);
    xf_app_message(app, FW_S_OK, "%s",
                   _("Undone: the last change (u again redoes it)"));
}
