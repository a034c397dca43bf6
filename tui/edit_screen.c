/* The edit form: the fields of SPEC section 5 in order, live matrix verdict
 * and expected authentication, commit with confirmation of warnings, and
 * a draft kept when the terminal hangs up. Works on the form's text and
 * writes the partner back only on Commit (nmtui's copy-then-OK). */
#include "app.h"
#include "core/domain.h"
#include "draft.h"
#include "forms/button.h"
#include "forms/dropdown.h"
#include "forms/form.h"
#include "forms/keybar.h"
#include "forms/listfield.h"
#include "forms/textfield.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const type_choices[] = { "federated", "public-verified",
                                            "public-unverified" };
static const char *const mode_choices[] = { "required", "optional",
                                            "not-supported" };
static const char *const bool_choices[] = { "true", "false" };

typedef struct edit_view {
    xf_app *app;
    long index;      /* in the model; -1 for a new partner */
    char *orig;      /* its primary domain when opened, "" if new */
    fw_form form;
    int at[XF_F_COUNT];
    int commit, test, cancel;
    char *initial[XF_F_COUNT];
    /* the partner as opened: its values in error are offered as they are
     * (a drop-down gets them as an extra choice) and kept when unchanged */
    xf_partner *start;
    const char *choices[XF_F_COUNT][4];
    char verdict[300], methods[200], problem[600];
    fw_style verdict_style;
} edit_view;

static const fw_keyhint keys[] = {
    { "Tab", "Next" }, { "S-Tab", "Prev" }, { "Enter", "Open/Choose" },
    { "^S", "Commit" }, { "Esc", "Cancel" }, { "F1", "Help" },
};

/* The current text of a field, as xf_partner_set takes it. */
static char *field_text(const edit_view *v, xf_field f)
{
    fw_widget *w = fw_form_widget(&v->form, v->at[f]);
    switch (f) {
    case XF_F_TYPE:
    case XF_F_TLS:
    case XF_F_SASL:
    case XF_F_DIALBACK:
    case XF_F_KEEPALIVE:
        return xf_strdup(v->choices[f][fw_dropdown_value(w)]);
    case XF_F_ADDITIONAL: {
        xf_strlist items = { 0 };
        for (int i = 0; i < fw_listfield_count(w); i++)
            xf_strlist_push(&items, fw_listfield_item(w, i));
        char *s = xf_strlist_join(&items, ", ");
        xf_strlist_clear(&items);
        return s;
    }
    default:
        return xf_strdup(fw_textfield_text(w));
    }
}

static void texts_free(char *t[XF_F_COUNT])
{
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        free(t[f]), t[f] = NULL;
}

static bool changed(const edit_view *v)
{
    bool diff = false;
    for (xf_field f = 0; f < XF_F_COUNT && !diff; f++) {
        char *t = field_text(v, f);
        diff = strcmp(t, v->initial[f]) != 0;
        free(t);
    }
    return diff;
}

/* Builds a partner from the form; on an error returns NULL, says which
 * field in *bad and why in err. */
static xf_partner *build(const edit_view *v, xf_field *bad, xf_err *err)
{
    xf_partner *p = xf_partner_new();
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        char *t = field_text(v, f);
        bool ok = true;
        if (v->start && xf_partner_in_error(v->start, f) &&
            strcmp(t, v->initial[f]) == 0)
            xf_partner_take_field(p, v->start, f); /* untouched: as it is */
        else
            ok = xf_partner_set(p, f, t, err);
        free(t);
        if (!ok) {
            *bad = f;
            xf_partner_free(p);
            return NULL;
        }
    }
    if (v->index >= 0) {
        p->origin = v->app->store.model.v[v->index]->origin;
        p->line = v->app->store.model.v[v->index]->line;
    }
    return p;
}

static int mode_of(const edit_view *v, xf_field f)
{
    return fw_dropdown_value(fw_form_widget(&v->form, v->at[f]));
}

/* A drop-down still on the value in error from the file (the extra last
 * choice): there is no verdict on it. */
static bool on_bad_choice(const edit_view *v, xf_field f)
{
    return v->start && xf_partner_in_error(v->start, f) &&
           mode_of(v, f) == (f == XF_F_DIALBACK || f == XF_F_KEEPALIVE ? 2 : 3);
}

/* The matrix lines when TLS, SASL or dialback is a value in error. */
static bool verdict_unknown(edit_view *v)
{
    if (!on_bad_choice(v, XF_F_TLS) && !on_bad_choice(v, XF_F_SASL) &&
        !on_bad_choice(v, XF_F_DIALBACK))
        return false;
    snprintf(v->methods, sizeof v->methods, "Expected authentication: unknown");
    snprintf(v->verdict, sizeof v->verdict, "Unknown: a negotiation setting is "
             "in error in the file; choose a value");
    v->verdict_style = FW_S_ERROR;
    return true;
}

/* Marks the values in error from the file that are still untouched (a
 * commit keeps them as they are): never shown as valid. */
static void mark_kept(edit_view *v)
{
    for (xf_field f = 0; v->start && f < XF_F_COUNT; f++) {
        if (!xf_partner_in_error(v->start, f) || !v->initial[f])
            continue;
        char *t = field_text(v, f);
        bool kept = strcmp(t, v->initial[f]) == 0;
        free(t);
        if (!kept)
            continue;
        fw_form_widget(&v->form, v->at[f])->invalid = true;
        if (!v->problem[0])
            snprintf(v->problem, sizeof v->problem, "Kept as in the file, in "
                     "error: %s", xf_partner_error(v->start, f));
    }
}

/* The validation hook: runs on every change. */
static void validate(fw_form *form, int index, void *ctx)
{
    (void)form, (void)index;
    edit_view *v = ctx;
    const xf_matrix_row *m = verdict_unknown(v) ? NULL :
                             xf_matrix_lookup(mode_of(v, XF_F_TLS),
                                              mode_of(v, XF_F_SASL),
                                              mode_of(v, XF_F_DIALBACK) == 0);
    char buf[120];
    if (m) {
        snprintf(v->methods, sizeof v->methods, "Expected authentication: %s",
                 xf_methods_format(m->methods, ", ", buf, sizeof buf));
        const char *word = m->verdict == XF_VERDICT_ERROR     ? "Refused"
                           : m->verdict == XF_VERDICT_WARNING ? "Warning"
                                                              : "OK";
        snprintf(v->verdict, sizeof v->verdict, "%s%s%s", word,
                 m->reason ? ": " : "", m->reason ? m->reason : "");
        v->verdict_style = m->verdict == XF_VERDICT_ERROR ? FW_S_ERROR
                           : m->verdict == XF_VERDICT_WARNING ? FW_S_WARNING
                                                              : FW_S_OK;
    }
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        fw_form_widget(&v->form, v->at[f])->invalid = false;
    v->problem[0] = '\0';
    xf_field bad;
    xf_err err;
    xf_partner *p = build(v, &bad, &err);
    if (!p) {
        fw_form_widget(&v->form, v->at[bad])->invalid = true;
        snprintf(v->problem, sizeof v->problem, "%s: %s", xf_field_label(bad),
                 err.msg);
    } else if (!xf_partner_check_domains(p, &err) ||
               !xf_config_check_owner(&v->app->store.model, p, v->index, &err)) {
        snprintf(v->problem, sizeof v->problem, "%s", err.msg);
    }
    mark_kept(v);
    xf_partner_free(p);
}

static void add_fields(edit_view *v, const xf_partner *p)
{
    fw_form *f = &v->form;
    char *u = xf_domain_display(p->domain);
    v->at[XF_F_DOMAIN] = fw_form_add(f, fw_textfield_new(
        xf_field_label(XF_F_DOMAIN), xf_field_help(XF_F_DOMAIN), u, 1024));
    free(u);
    v->at[XF_F_DESCRIPTION] = fw_form_add(f, fw_textfield_new(
        xf_field_label(XF_F_DESCRIPTION), xf_field_help(XF_F_DESCRIPTION),
        p->description, XF_DESCRIPTION_MAX));
    fw_widget *l = fw_listfield_new(xf_field_label(XF_F_ADDITIONAL),
                                    xf_field_help(XF_F_ADDITIONAL), 3, 1024);
    for (size_t i = 0; i < p->additional.n; i++) {
        char *d = xf_domain_display(p->additional.v[i]);
        fw_listfield_add(l, d);
        free(d);
    }
    v->at[XF_F_ADDITIONAL] = fw_form_add(f, l);
    /* a value in error is the extra last choice, and the one chosen */
#define DROP(F, CH, VAL) do { \
    int n_ = (int)(sizeof CH / sizeof *CH); \
    memcpy(v->choices[F], CH, sizeof CH); \
    bool bad_ = xf_partner_in_error(p, F); \
    if (bad_) \
        v->choices[F][n_] = p->bad[F].text; \
    v->at[F] = fw_form_add(f, fw_dropdown_new(xf_field_label(F), \
        xf_field_help(F), v->choices[F], n_ + bad_, bad_ ? n_ : (VAL))); \
    } while (0)
    DROP(XF_F_TYPE, type_choices, (int)p->type);
    DROP(XF_F_TLS, mode_choices, (int)p->tls);
    DROP(XF_F_SASL, mode_choices, (int)p->sasl);
    DROP(XF_F_DIALBACK, bool_choices, p->dialback ? 0 : 1);
    v->at[XF_F_PROXY] = fw_form_add(f, fw_textfield_new(
        xf_field_label(XF_F_PROXY), xf_field_help(XF_F_PROXY), p->proxy_fqdn, 300));
    char limit[300] = "";
    if (xf_partner_in_error(p, XF_F_LIMIT))
        snprintf(limit, sizeof limit, "%s", p->bad[XF_F_LIMIT].text);
    else if (p->connection_limit)
        snprintf(limit, sizeof limit, "%d", p->connection_limit);
    v->at[XF_F_LIMIT] = fw_form_add(f, fw_textfield_new(
        xf_field_label(XF_F_LIMIT), xf_field_help(XF_F_LIMIT), limit, 8));
    DROP(XF_F_KEEPALIVE, bool_choices, p->keep_alive ? 0 : 1);
#undef DROP
    v->commit = fw_form_add(f, fw_button_new("Commit", "Save the partner "
                                             "to the file now (Ctrl-S, F10)."));
    v->test = fw_form_add(f, fw_button_new("Test connection", "Test-connect "
                                           "with the values in the form, "
                                           "saved or not."));
    v->cancel = fw_form_add(f, fw_button_new("Cancel", "Leave without "
                                             "saving (Esc)."));
}

/* Puts the text of a kept draft into the fields: the inverse of
 * field_text, which wrote it. */
static void load_draft(edit_view *v, char *const *texts)
{
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        fw_widget *w = fw_form_widget(&v->form, v->at[f]);
        switch (f) {
        case XF_F_TYPE: case XF_F_TLS: case XF_F_SASL:
        case XF_F_DIALBACK: case XF_F_KEEPALIVE:
            fw_dropdown_select(w, texts[f]); /* an unknown label: unchanged */
            break;
        case XF_F_ADDITIONAL: {
            char *copy = xf_strdup(texts[f]), *save = NULL;
            fw_listfield_clear(w);
            for (char *t = strtok_r(copy, ", ", &save); t;
                 t = strtok_r(NULL, ", ", &save))
                fw_listfield_add(w, t);
            free(copy);
            break;
        }
        default:
            fw_textfield_set(w, texts[f]);
        }
    }
}

static void draw(void *ctx)
{
    edit_view *v = ctx;
    erase();
    char title[300], *shown = xf_domain_display(v->orig);
    snprintf(title, sizeof title, " %s%s", v->index >= 0 ? "Edit partner " : "New partner",
             v->index >= 0 ? shown : "");
    free(shown);
    xf_app_draw_title(v->app, title);
    int bottom = LINES - 8; /* verdict 2, methods, problem, help 2, message, keys */
    int w = COLS - 2;
    fw_draw_wrapped(stdscr, bottom, 1, w, 2, v->verdict, fw_attr(v->verdict_style));
    fw_draw_str(stdscr, bottom + 2, 1, w, v->methods, 0);
    fw_draw_str(stdscr, bottom + 3, 1, w, v->problem, fw_attr(FW_S_ERROR));
    const fw_widget *fw = fw_form_focused(&v->form);
    char help[600];
    if (fw == fw_form_widget(&v->form, v->at[XF_F_TYPE])) {
        int t = fw_dropdown_highlighted(fw);
        if (t < XF_TYPE_COUNT)
            snprintf(help, sizeof help, "%s: %s.", type_choices[t],
                     xf_ptype_help(t));
        else
            snprintf(help, sizeof help, "%s", xf_field_help(XF_F_TYPE));
    } else {
        snprintf(help, sizeof help, "%s", fw && fw->help ? fw->help : "");
    }
    fw_draw_wrapped(stdscr, bottom + 4, 1, w, 2, help, fw_attr(FW_S_DIM));
    fw_draw_str(stdscr, LINES - 2, 0, COLS, v->app->msg, fw_attr(v->app->msg_style));
    fw_keybar_draw(stdscr, LINES - 1, keys, sizeof keys / sizeof *keys);
    /* the form last, so that an open drop-down lies over everything */
    fw_form_draw(&v->form, stdscr, 2, 1, bottom - 2 > 1 ? bottom - 2 : 1, w);
    fw_form_place_cursor(&v->form, stdscr);
}

/* After a reload the partner may stand elsewhere, or be gone. */
static void refind(edit_view *v)
{
    v->index = *v->orig ? xf_config_find(&v->app->store.model, v->orig) : -1;
}

static bool commit(edit_view *v)
{
    xf_field bad;
    xf_err err;
    const char *warn;
    xf_partner *p = build(v, &bad, &err);
    if (!p) {
        fw_form_set_focus(&v->form, v->at[bad]);
        xf_app_message(v->app, FW_S_ERROR, "%s: %s", xf_field_label(bad), err.msg);
        return false;
    }
    if (!xf_config_check_partner(&v->app->store.model, p, v->index, &err, &warn)) {
        xf_app_message(v->app, FW_S_ERROR, "Not saved: %s", err.msg);
        xf_partner_free(p);
        return false;
    }
    if (warn) {
        char text[600];
        snprintf(text, sizeof text, "%s\n\nCommit anyway?  (y) yes   (n) no, "
                 "back to the form", warn);
        if (fw_dialog(draw, v, "Warning", text, "yn\033") != 'y') {
            xf_partner_free(p);
            return false;
        }
    }
    char *dom = xf_strdup(p->domain);
    size_t kept = xf_partner_error_count(p);
    bool ok = xf_app_commit(v->app, v->index, p, draw, v);
    if (ok && v->app->store.unchanged)
        xf_app_message(v->app, FW_S_OK, "Nothing changed in %s: the file "
                       "was not written", dom);
    else if (ok && kept) /* saved, but never said to be valid */
        xf_app_message(v->app, FW_S_WARNING, "Saved %s; %zu value%s still in "
                       "error, kept as in the file ('xmppfed check')", dom,
                       kept, kept == 1 ? "" : "s");
    else if (ok)
        xf_app_message(v->app, FW_S_OK, "Saved %s%s%s", dom,
                       warn ? " with a warning: " : "", warn ? warn : "");
    else
        refind(v);
    free(dom);
    return ok;
}

static void test_form(edit_view *v)
{
    xf_field bad;
    xf_err err;
    xf_partner *p = build(v, &bad, &err);
    if (!p) {
        xf_app_message(v->app, FW_S_ERROR, "%s: %s", xf_field_label(bad), err.msg);
        return;
    }
    if (!xf_partner_policy_known(p)) { /* never test a stand-in policy */
        xf_app_message(v->app, FW_S_ERROR, "A negotiation setting is in "
                       "error: choose a value to test");
        xf_partner_free(p);
        return;
    }
    const xf_partner *one[1] = { p };
    xf_test_screen(v->app, one, 1);
    xf_partner_free(p);
}

static bool confirm_discard(edit_view *v)
{
    return !changed(v) ||
           fw_dialog(draw, v, "Discard changes?", "The form has changes that "
                     "are not saved.\n\n(y) discard them   (n) back to the form",
                     "yn\033") == 'y';
}

static void keep_draft(edit_view *v)
{
    if (!changed(v))
        return;
    xf_draft d = { .kind = XF_DRAFT_PARTNER, .orig = v->orig };
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        d.texts[f] = field_text(v, f);
    xf_draft_keep(v->app, &d);
    texts_free(d.texts);
}

/* Runs the form; returns true when the partner was saved. */
static bool run(edit_view *v)
{
    for (;;) {
        fw_key k = fw_read_key(draw, v);
        if (k.ch == FW_KEY_HANGUP) {
            keep_draft(v);
            return false;
        }
        if (fw_key_fn(k, KEY_F(1)) && !fw_form_busy(&v->form)) {
            xf_help_screen();
            continue;
        }
        int r = fw_form_key(&v->form, k);
        if (r == FW_FORM_CUT)
            xf_app_message(v->app, FW_S_WARNING, "The pasted text was "
                           "cut: it is longer than the field takes");
        if (r == FW_FORM_BUTTON && v->form.activated == v->test) {
            test_form(v);
            continue;
        }
        if (r == FW_FORM_COMMIT ||
            (r == FW_FORM_BUTTON && v->form.activated == v->commit)) {
            if (commit(v))
                return true;
            if (v->app->reloaded) /* their version now: this form is stale */
                return false;
            validate(&v->form, -1, v);
            continue;
        }
        if ((r == FW_FORM_CANCEL ||
             (r == FW_FORM_BUTTON && v->form.activated == v->cancel)) &&
            confirm_discard(v))
            return false;
        if (fw_hangup) {
            keep_draft(v);
            return false;
        }
    }
}

bool xf_edit_screen(xf_app *app, long index, char *const *draft_texts)
{
    edit_view v = { .app = app, .index = index };
    const xf_partner *p = index >= 0 ? app->store.model.v[index] : NULL;
    xf_partner *fresh = p ? NULL : xf_partner_new();
    v.orig = xf_strdup(p ? p->domain : "");
    v.start = p ? xf_partner_dup(p) : NULL;
    fw_form_init(&v.form, validate, &v);
    add_fields(&v, v.start ? v.start : fresh);
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        v.initial[f] = field_text(&v, f);
    if (draft_texts)
        load_draft(&v, draft_texts);
    validate(&v.form, -1, &v);
    app->msg[0] = '\0';
    bool saved = run(&v);
    fw_form_free(&v.form);
    texts_free(v.initial);
    xf_partner_free(fresh);
    xf_partner_free(v.start);
    free(v.orig);
    return saved;
}
