/* The gateway settings (Set-CsXmppGatewayConfiguration's counterpart). */
#include "app.h"
#include "core/fields.h"
#include "core/i18n.h"
#include "draft.h"
#include "forms/button.h"
#include "forms/form.h"
#include "forms/keybar.h"
#include "forms/textfield.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct gw_view {
    xf_app *app;
    fw_form form;
    int at[XF_G_COUNT]; /* each setting's widget in the form */
    int commit, cancel;
    char problem[1200];   /* the first field in error, or a file warning */
    fw_style problem_style;
} gw_view;

static const fw_keyhint keys[] = {
    { "Tab/S-Tab", NC_("key bar", "Move") },
    { "^S/F10", NC_("key bar", "Commit") },
    { "Esc", NC_("key bar", "Cancel") },
    { "F1", NC_("key bar", "Help") },
};

static void draw(void *ctx)
{
    gw_view *v = ctx;
    if (xf_term_too_small())
        return;
    erase();
    xf_app_draw_title(v->app, _(" Gateway settings   "));
    fw_form_draw(&v->form, stdscr, 2, 1, LINES - 8, COLS - 2);
    const fw_widget *w = fw_form_focused(&v->form);
    /* two lines each, as in the partner form: a longer one (in another
     * language) ends in … */
    const char *help = w && w->help ? w->help : "";
    fw_draw_wrapped(stdscr, LINES - 6, 1, COLS - 2, 2, v->problem,
                    fw_attr(v->problem_style));
    fw_draw_wrapped(stdscr, LINES - 4, 1, COLS - 2, 2, help,
                    fw_attr(FW_S_DIM));
    xf_app_draw_message(v->app);
    xf_keybar_draw(keys, sizeof keys / sizeof *keys);
    fw_form_place_cursor(&v->form, stdscr);
}

/* A file the gateway reads for a test (CA, certificate, key) that is not
 * there or not readable: the save is allowed, the test would fail. */
static bool file_warning(gw_view *v, const xf_gateway *g)
{
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        const xf_field_def *def = xf_gateway_field(f);
        const char *path = def->kind == XF_K_PATH ? XF_DEF_CSTR(def, g) : "";
        if (!*path || access(path, R_OK) == 0)
            continue;
        snprintf(v->problem, sizeof v->problem, _("Warning: %s %s: %s"),
                 xf_gfield_label(f), path, errno == ENOENT
                 ? _("does not exist") : strerror(errno));
        return true;
    }
    if (!*g->certificate == !*g->key)
        return false;
    snprintf(v->problem, sizeof v->problem, "%s", _("Warning: the "
             "certificate and the key go together: set both or neither"));
    return true;
}

/* Live, as in the partner form: each field is checked as it is typed;
 * a field in error is marked (!) and said under the form. */
static void validate(fw_form *form, int index, void *ctx)
{
    (void)form, (void)index;
    gw_view *v = ctx;
    xf_config copy;
    xf_config_copy(&copy, xf_store_model(v->app->store));
    v->problem[0] = '\0';
    v->problem_style = FW_S_ERROR;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        fw_widget *w = fw_form_widget(&v->form, f);
        xf_err err;
        w->invalid = !xf_gateway_set(&copy.gw, f, fw_textfield_text(w), &err);
        if (w->invalid && !v->problem[0])
            snprintf(v->problem, sizeof v->problem, "%s: %s",
                     xf_gfield_label(f), err.msg);
    }
    if (!v->problem[0] && file_warning(v, &copy.gw))
        v->problem_style = FW_S_WARNING;
    xf_config_free(&copy);
}

static bool changed(const gw_view *v)
{
    bool diff = false;
    for (xf_gfield f = 0; f < XF_G_COUNT && !diff; f++) {
        char *now = xf_gateway_get(&xf_store_model(v->app->store)->gw, f);
        diff = strcmp(now, fw_textfield_text(fw_form_widget(&v->form, v->at[f]))) != 0;
        free(now);
    }
    return diff;
}

/* The gateway as the form says, in a copy; false (focus on the field and
 * a message) when a field is not valid. */
static bool from_form(gw_view *v, xf_config *copy)
{
    xf_config_copy(copy, xf_store_model(v->app->store));
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        xf_err err;
        if (!xf_gateway_set(&copy->gw, f,
                            fw_textfield_text(fw_form_widget(&v->form, v->at[f])), &err)) {
            fw_form_set_focus(&v->form, v->at[f]);
            xf_app_message(v->app, FW_S_ERROR, "%s: %s", xf_gfield_label(f), err.msg);
            return false;
        }
    }
    return true;
}

static bool commit(gw_view *v)
{
    xf_config next;
    if (!from_form(v, &next)) {
        xf_config_free(&next);
        return false;
    }
    bool ok = xf_app_save(v->app, &next, draw, v);
    if (ok && xf_store_unchanged(v->app->store))
        xf_app_message(v->app, FW_S_OK, "%s", _("Nothing changed in the "
                       "gateway settings: the file was not written"));
    else if (ok)
        xf_app_message(v->app, FW_S_OK, "%s", _("Saved the gateway settings"));
    return ok;
}

static void keep_draft(gw_view *v)
{
    if (!changed(v))
        return;
    xf_draft d = { .kind = XF_DRAFT_GATEWAY, .orig = "" };
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        d.texts[f] = (char *)fw_textfield_text(fw_form_widget(&v->form, v->at[f]));
    xf_draft_keep(v->app, &d);
}

void xf_gateway_screen(xf_app *app, char *const *draft_texts)
{
    gw_view v = { .app = app };
    fw_form_init(&v.form, validate, &v);
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        char *t = xf_gateway_get(&xf_store_model(app->store)->gw, f);
        const xf_field_def *def = xf_gateway_field(f);
        v.at[f] = fw_form_add(&v.form, fw_textfield_new(xf_def_label(def),
                                                        xf_def_help(def),
                                                        t, def->len));
        free(t);
        if (draft_texts) /* after the file's, so that changed() sees it */
            fw_textfield_set(fw_form_widget(&v.form, v.at[f]), draft_texts[f]);
    }
    v.commit = fw_form_add(&v.form, fw_button_new(_("Commit"), _("Save now.")));
    v.cancel = fw_form_add(&v.form, fw_button_new(_("Cancel"),
                                                  _("Leave without saving.")));
    app->msg[0] = '\0';
    validate(&v.form, -1, &v);
    for (;;) {
        fw_key k = fw_read_key(draw, &v);
        if (k.ch == FW_KEY_HANGUP) {
            keep_draft(&v);
            break;
        }
        if (xf_term_too_small() && !xf_term_quit_key(k))
            continue; /* nothing to see: only leaving acts */
        xf_app_message_clear(app);
        if (xf_app_key_refused(app, k))
            continue;
        if (fw_key_fn(k, KEY_F(1)) && !fw_form_busy(&v.form)) {
            xf_help_screen();
            continue;
        }
        int r = xf_term_too_small() ? FW_FORM_CANCEL : fw_form_key(&v.form, k);
        if (r == FW_FORM_CUT)
            xf_app_message(v.app, FW_S_WARNING, "%s", _("The pasted text "
                           "was cut: it is longer than the field takes"));
        if ((r == FW_FORM_COMMIT || (r == FW_FORM_BUTTON && v.form.activated == v.commit)) &&
            (commit(&v) || v.app->reloaded)) /* reloaded: the form is stale */
            break;
        if ((r == FW_FORM_CANCEL || (r == FW_FORM_BUTTON && v.form.activated == v.cancel)) &&
            (!changed(&v) ||
             fw_dialog(draw, &v, _("Discard changes?"),
                       _("(y) discard   (n) back"), "yn\033") == 'y'))
            break;
        xf_app_message_show(app, draw, &v);
    }
    fw_form_free(&v.form);
}
