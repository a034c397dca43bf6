/* The gateway settings (Set-CsXmppGatewayConfiguration's counterpart). */
#include "app.h"
#include "forms/button.h"
#include "forms/form.h"
#include "forms/keybar.h"
#include "forms/textfield.h"

#include <stdlib.h>
#include <string.h>

typedef struct gw_view {
    xf_app *app;
    fw_form form;
    int commit, cancel;
} gw_view;

static const fw_keyhint keys[] = {
    { "Tab", "Next" }, { "S-Tab", "Prev" }, { "^S", "Commit" },
    { "Esc", "Cancel" },
};

static void draw(void *ctx)
{
    gw_view *v = ctx;
    erase();
    fw_draw_text(stdscr, 0, 0, COLS, " Gateway settings", 17,
                 fw_attr(FW_S_TITLE), true);
    fw_form_draw(&v->form, stdscr, 2, 1, LINES - 7, COLS - 2);
    const fw_widget *w = fw_form_focused(&v->form);
    fw_draw_str(stdscr, LINES - 4, 1, COLS - 2, w && w->help ? w->help : "",
                fw_attr(FW_S_DIM));
    fw_draw_str(stdscr, LINES - 2, 0, COLS, v->app->msg,
                fw_attr(v->app->msg_style));
    fw_keybar_draw(stdscr, LINES - 1, keys, sizeof keys / sizeof *keys);
    fw_form_place_cursor(&v->form, stdscr);
}

static bool changed(const gw_view *v)
{
    bool diff = false;
    for (xf_gfield f = 0; f < XF_G_COUNT && !diff; f++) {
        char *now = xf_gateway_get(&v->app->store.model.gw, f);
        diff = strcmp(now, fw_textfield_text(fw_form_widget(&v->form, f))) != 0;
        free(now);
    }
    return diff;
}

/* The gateway as the form says, in a copy; false (focus on the field and
 * a message) when a field is not valid. */
static bool from_form(gw_view *v, xf_config *copy)
{
    xf_config_copy(copy, &v->app->store.model);
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        xf_err err;
        if (!xf_gateway_set(&copy->gw, f,
                            fw_textfield_text(fw_form_widget(&v->form, f)), &err)) {
            fw_form_set_focus(&v->form, f);
            xf_app_message(v->app, FW_S_ERROR, "%s: %s", xf_gfield_label(f), err.msg);
            return false;
        }
    }
    return true;
}

static bool commit(gw_view *v)
{
    xf_store *s = &v->app->store;
    xf_config copy, old;
    bool ok = from_form(v, &copy);
    if (ok) {
        old = s->model; /* the copy goes in; the old model comes back on error */
        s->model = copy;
        copy = old;
        xf_err err;
        xf_status st = xf_store_save(s, false, &err);
        ok = st == XF_OK;
        if (st == XF_ERR_LOCKED || st == XF_ERR_CONFLICT) {
            copy = s->model;
            s->model = old;
        }
        if (ok) {
            xf_app_applied(v->app);
            xf_app_message(v->app, FW_S_OK, "Saved the gateway settings");
        }
        else
            xf_app_message(v->app, FW_S_ERROR, "%s%s", err.msg,
                           st == XF_ERR_CONFLICT ? ": press Esc, then g, to "
                           "see their version" : "");
        if (st == XF_ERR_CONFLICT)
            xf_store_reload(s, &err);
    }
    xf_config_free(&copy);
    return ok;
}

void xf_gateway_screen(xf_app *app)
{
    gw_view v = { .app = app };
    fw_form_init(&v.form, NULL, NULL);
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        char *t = xf_gateway_get(&app->store.model.gw, f);
        fw_form_add(&v.form, fw_textfield_new(xf_gfield_label(f),
                                               xf_gfield_help(f), t, 1024));
        free(t);
    }
    v.commit = fw_form_add(&v.form, fw_button_new("Commit", "Save now."));
    v.cancel = fw_form_add(&v.form, fw_button_new("Cancel", "Leave without saving."));
    app->msg[0] = '\0';
    for (;;) {
        fw_key k = fw_read_key(draw, &v);
        if (k.ch == FW_KEY_HANGUP)
            break;
        int r = fw_form_key(&v.form, k);
        if (r == FW_FORM_CUT)
            xf_app_message(v.app, FW_S_WARNING, "The pasted text was "
                           "cut: it is longer than the field takes");
        if ((r == FW_FORM_COMMIT || (r == FW_FORM_BUTTON && v.form.activated == v.commit)) &&
            commit(&v))
            break;
        if ((r == FW_FORM_CANCEL || (r == FW_FORM_BUTTON && v.form.activated == v.cancel)) &&
            (!changed(&v) ||
             fw_dialog(draw, &v, "Discard changes?", "(y) discard   (n) back",
                       "yn\033") == 'y'))
            break;
    }
    fw_form_free(&v.form);
}
