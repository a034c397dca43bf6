/* The edit form: the fields of SPEC section 5 in order, live matrix verdict
 * and expected authentication, commit with confirmation of warnings, and
 * a draft kept when the terminal hangs up. Works on the form's text and
 * writes the partner back only on Commit (nmtui's copy-then-OK). */
#include "app.h"
#include "core/domain.h"
#include "core/fields.h"
#include "core/i18n.h"
#include "draft.h"
#include "forms/button.h"
#include "forms/dropdown.h"
#include "forms/form.h"
#include "forms/keybar.h"
#include "forms/listfield.h"
#include "forms/textbuf.h"
#include "forms/textfield.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    /* the labels of each drop-down: the table's, then a value in error */
    const char **labels[XF_F_COUNT];
    char verdict[600], methods[400], problem[1200]; /* any language */
    fw_style verdict_style;
} edit_view;

static const fw_keyhint keys[] = {
    /* every key the form takes, in 60 columns */
    { "Tab/S-Tab", NC_("key bar", "Move") },
    { "Enter", NC_("key bar", "Open") },
    { "^S/F10", NC_("key bar", "Commit") },
    { "Esc", NC_("key bar", "Cancel") },
    { "F1", NC_("key bar", "Help") },
};

static bool is_dropdown(xf_field f)
{
    return xf_partner_field(f)->n_choices > 0;
}

/* A list field's entries. */
static xf_strlist list_items(fw_widget *w)
{
    xf_strlist items = { 0 };
    for (int i = 0; i < fw_listfield_count(w); i++)
        xf_strlist_push(&items, fw_listfield_item(w, i));
    return items;
}

/* A list field's entries joined by sep; ended: sep after the last too. */
static char *list_text(fw_widget *w, const char *sep, bool ended)
{
    xf_strlist items = list_items(w);
    if (ended && items.n)
        xf_strlist_push(&items, "");
    char *s = xf_strlist_join(&items, sep);
    xf_strlist_clear(&items);
    return s;
}

/* The current text of a field, as xf_partner_set takes it: a choice by
 * its id, never its label; the extra last choice is the value in error. */
static char *field_text(const edit_view *v, xf_field f)
{
    fw_widget *w = fw_form_widget(&v->form, v->at[f]);
    const xf_field_def *def = xf_partner_field(f);
    if (is_dropdown(f)) {
        int i = fw_dropdown_value(w);
        return xf_strdup(i < def->n_choices ? def->choices[i].id
                                            : xf_partner_bad_text(v->start, f));
    }
    if (def->kind == XF_K_DOMAIN_LIST)
        return list_text(w, ", ", false);
    return xf_strdup(fw_textfield_text(w));
}

/* A draft keeps a list's entries each ended by a newline: an entry typed
 * with a space or a comma is refused at commit, and must come back from a
 * draft as the one entry it was, not as two valid-looking ones. */
static char *draft_field_text(const edit_view *v, xf_field f)
{
    if (xf_partner_field(f)->kind != XF_K_DOMAIN_LIST)
        return field_text(v, f);
    return list_text(fw_form_widget(&v->form, v->at[f]), "\n", true);
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

/* Field f of p from the form: a list field by its entries, each one
 * domain (joined, "bad domain" would read as two good domains). */
static bool set_from_form(const edit_view *v, xf_partner *p, xf_field f,
                          const char *text, xf_err *err)
{
    if (xf_partner_field(f)->kind != XF_K_DOMAIN_LIST)
        return xf_partner_set(p, f, text, err);
    xf_strlist items = list_items(fw_form_widget(&v->form, v->at[f]));
    bool ok = xf_partner_set_items(p, f, &items, err);
    xf_strlist_clear(&items);
    return ok;
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
            ok = set_from_form(v, p, f, t, err);
        free(t);
        if (!ok) {
            *bad = f;
            xf_partner_free(p);
            return NULL;
        }
    }
    if (v->index >= 0) {
        p->origin = xf_store_model(v->app->store)->v[v->index]->origin;
        p->line = xf_store_model(v->app->store)->v[v->index]->line;
    }
    return p;
}

static int choice_of(const edit_view *v, xf_field f)
{
    return fw_dropdown_value(fw_form_widget(&v->form, v->at[f]));
}

/* A drop-down still on the value in error from the file (the extra last
 * choice): there is no verdict on it. */
static bool on_bad_choice(const edit_view *v, xf_field f)
{
    return v->start && xf_partner_in_error(v->start, f) &&
           choice_of(v, f) == xf_partner_field(f)->n_choices;
}

/* The matrix row of the form's TLS, SASL and dialback, read by id. */
static const xf_matrix_row *form_matrix(const edit_view *v)
{
    static const xf_field policy[] = { XF_F_TLS, XF_F_SASL, XF_F_DIALBACK };
    xf_partner *p = xf_partner_new();
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof policy / sizeof *policy; i++) {
        char *t = field_text(v, policy[i]);
        ok = xf_partner_set(p, policy[i], t, NULL);
        free(t);
    }
    const xf_matrix_row *m = ok ? xf_partner_matrix(p) : NULL;
    xf_partner_free(p);
    return m;
}

/* The matrix lines when TLS, SASL or dialback is a value in error. */
static bool verdict_unknown(edit_view *v)
{
    if (!on_bad_choice(v, XF_F_TLS) && !on_bad_choice(v, XF_F_SASL) &&
        !on_bad_choice(v, XF_F_DIALBACK))
        return false;
    snprintf(v->methods, sizeof v->methods, "%s",
             _("Expected authentication: unknown"));
    snprintf(v->verdict, sizeof v->verdict, "%s", _("Unknown: a negotiation "
             "setting is in error in the file; choose a value"));
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
            snprintf(v->problem, sizeof v->problem, _("Kept as in the file, "
                     "in error: %s"), xf_partner_error(v->start, f));
    }
}

/* The validation hook: runs on every change. */
static void validate(fw_form *form, int index, void *ctx)
{
    (void)form, (void)index;
    edit_view *v = ctx;
    const xf_matrix_row *m = verdict_unknown(v) ? NULL : form_matrix(v);
    char buf[120];
    if (m) {
        snprintf(v->methods, sizeof v->methods, _("Expected authentication: %s"),
                 xf_methods_labels(m->methods, ", ", buf, sizeof buf));
        const char *word = m->verdict == XF_VERDICT_ERROR     ? _("Refused")
                           : m->verdict == XF_VERDICT_WARNING ? _("Warning")
                                                              : _("OK");
        snprintf(v->verdict, sizeof v->verdict, "%s%s%s", word,
                 m->reason ? ": " : "", m->reason ? _(m->reason) : "");
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
               !xf_config_check_owner(xf_store_cmodel(v->app->store), p,
                                     v->index, &err)) {
        snprintf(v->problem, sizeof v->problem, "%s", err.msg);
    }
    mark_kept(v);
    xf_partner_free(p);
}

/* A drop-down of the table's labels; a value in error is the extra last
 * choice, and the one chosen. */
static fw_widget *new_dropdown(edit_view *v, const xf_partner *p, xf_field f)
{
    const xf_field_def *def = xf_partner_field(f);
    bool bad = xf_partner_in_error(p, f);
    const char **labels = calloc((size_t)def->n_choices + 1, sizeof *labels);
    if (!labels)
        abort();
    for (int i = 0; i < def->n_choices; i++)
        labels[i] = xf_choice_label(&def->choices[i]);
    if (bad)
        labels[def->n_choices] = xf_partner_bad_text(p, f);
    v->labels[f] = labels;
    int at = bad ? def->n_choices
                 : xf_def_choice_find(def, xf_def_choice_id(def, p));
    return fw_dropdown_new(xf_def_label(def), xf_def_help(def), labels,
                           def->n_choices + bad, at);
}

static fw_widget *new_listfield(const xf_partner *p, xf_field f)
{
    const xf_field_def *def = xf_partner_field(f);
    fw_widget *l = fw_listfield_new(xf_def_label(def), xf_def_help(def), 3,
                                    def->len);
    fw_listfield_set_hint(l, _("(Enter to add)"));
    const xf_strlist *items = xf_def_list(def, (void *)p);
    for (size_t i = 0; i < items->n; i++) {
        char *d = xf_app_shown_domain(items->v[i]);
        fw_listfield_add(l, d);
        free(d);
    }
    return l;
}

/* A text field: the value as xf_partner_get gives it, a domain shown in
 * Unicode. */
static fw_widget *new_textfield(const xf_partner *p, xf_field f)
{
    const xf_field_def *def = xf_partner_field(f);
    char *t = xf_partner_get(p, f);
    if (def->kind == XF_K_DOMAIN)
        xf_replace_str(&t, xf_app_shown_domain(t));
    fw_widget *w = fw_textfield_new(xf_def_label(def), xf_def_help(def), t,
                                    def->len);
    free(t);
    return w;
}

static void add_fields(edit_view *v, const xf_partner *p)
{
    fw_form *f = &v->form;
    for (xf_field i = 0; i < XF_F_COUNT; i++)
        v->at[i] = fw_form_add(f, is_dropdown(i) ? new_dropdown(v, p, i)
                       : xf_partner_field(i)->kind == XF_K_DOMAIN_LIST
                           ? new_listfield(p, i) : new_textfield(p, i));
    v->commit = fw_form_add(f, fw_button_new(_("Commit"), _("Save the "
                            "partner to the file now (Ctrl-S, F10).")));
    v->test = fw_form_add(f, fw_button_new(_("Test connection"),
                          _("Test-connect with the values in the form, saved "
                            "or not.")));
    v->cancel = fw_form_add(f, fw_button_new(_("Cancel"), _("Leave without "
                            "saving (Esc).")));
}

/* Chooses the choice of a draft by its id (or the value in error, as the
 * draft wrote it); anything else leaves the drop-down as it is. */
static void select_by_id(edit_view *v, xf_field f, const char *text)
{
    const xf_field_def *def = xf_partner_field(f);
    int i = xf_def_choice_find(def, text);
    if (i < 0 && v->start && xf_partner_in_error(v->start, f) &&
        strcmp(text, xf_partner_bad_text(v->start, f)) == 0)
        i = def->n_choices;
    if (i >= 0)
        fw_dropdown_set(fw_form_widget(&v->form, v->at[f]), i);
}

static int cells(const char *s)
{
    return fw_text_width(s, strlen(s));
}

/* The buttons share one row that starts under the fields and must not
 * run past the edge (the terminal would wrap it into the verdict line):
 * in a narrow window "Test connection" is called "Test". */
static void fit_buttons(edit_view *v)
{
    const char *const names[] = { _("Test connection"), _("Test") };
    fw_widget *b[] = { fw_form_widget(&v->form, v->commit),
                       fw_form_widget(&v->form, v->test),
                       fw_form_widget(&v->form, v->cancel) };
    int x = 1 + v->form.label_width + 2, room = COLS - 1 - x;
    int row = cells(b[0]->label) + cells(b[2]->label) + 8 + 4;
    const char *want = row + cells(names[0]) + 4 <= room ? names[0]
                                                         : names[1];
    if (strcmp(b[1]->label, want)) {
        free(b[1]->label);
        b[1]->label = xf_strdup(want);
    }
}

/* Puts the text of a kept draft into the fields: the inverse of
 * field_text, which wrote it. */
static void load_draft(edit_view *v, char *const *texts)
{
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        fw_widget *w = fw_form_widget(&v->form, v->at[f]);
        if (is_dropdown(f)) {
            select_by_id(v, f, texts[f]);
        } else if (xf_partner_field(f)->kind == XF_K_DOMAIN_LIST) {
            /* each ended by a newline (draft_field_text); ", " in a
             * draft of an older version */
            const char *sep = strchr(texts[f], '\n') ? "\n" : ", ";
            char *copy = xf_strdup(texts[f]), *save = NULL;
            fw_listfield_clear(w);
            for (char *t = strtok_r(copy, sep, &save); t;
                 t = strtok_r(NULL, sep, &save))
                fw_listfield_add(w, t);
            free(copy);
        } else {
            fw_textfield_set(w, texts[f]);
        }
    }
}

/* The choice highlighted in the focused drop-down, or NULL. */
static const xf_choice *focused_choice(const edit_view *v,
                                       const fw_widget *fw)
{
    for (xf_field f = 0; fw && f < XF_F_COUNT; f++) {
        if (fw != fw_form_widget(&v->form, v->at[f]) || !is_dropdown(f))
            continue;
        int t = fw_dropdown_highlighted(fw);
        const xf_field_def *def = xf_partner_field(f);
        return t < def->n_choices ? &def->choices[t] : NULL;
    }
    return NULL;
}

static void draw(void *ctx)
{
    edit_view *v = ctx;
    if (xf_term_too_small())
        return;
    erase();
    char title[300], *shown = xf_app_domain(v->orig);
    if (v->index >= 0)
        snprintf(title, sizeof title, _(" Edit partner %s"), shown);
    else
        snprintf(title, sizeof title, "%s", _(" New partner"));
    free(shown);
    xf_app_draw_title(v->app, title);
    int bottom = LINES - 8; /* verdict 2, methods, problem, help 2, message, keys */
    int w = COLS - 2;
    fw_draw_wrapped(stdscr, bottom, 1, w, 2, v->verdict, fw_attr(v->verdict_style));
    /* one line each: a longer one (in another language) ends in … */
    fw_draw_clipped(stdscr, bottom + 2, 1, w, v->methods, strlen(v->methods),
                    0, false);
    fw_draw_clipped(stdscr, bottom + 3, 1, w, v->problem, strlen(v->problem),
                    fw_attr(FW_S_ERROR), false);
    const fw_widget *fw = fw_form_focused(&v->form);
    char help[1200];
    const xf_choice *c = focused_choice(v, fw);
    if (c && c->help)
        snprintf(help, sizeof help, "%s: %s.", xf_choice_label(c),
                 xf_choice_help(c));
    else
        snprintf(help, sizeof help, "%s", fw && fw->help ? fw->help : "");
    fw_draw_wrapped(stdscr, bottom + 4, 1, w, 2, help, fw_attr(FW_S_DIM));
    xf_app_draw_message(v->app);
    xf_keybar_draw(keys, sizeof keys / sizeof *keys);
    /* the form last, so that an open drop-down lies over everything */
    fit_buttons(v);
    fw_form_draw(&v->form, stdscr, 2, 1, bottom - 2 > 1 ? bottom - 2 : 1, w);
    fw_form_place_cursor(&v->form, stdscr);
}

/* After a reload the partner may stand elsewhere, or be gone. */
static void refind(edit_view *v)
{
    const xf_config *c = xf_store_cmodel(v->app->store);
    v->index = *v->orig ? xf_config_find(c, v->orig) : -1;
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
    if (!xf_config_check_partner(xf_store_cmodel(v->app->store), p, v->index,
                                 &err, &warn)) {
        xf_app_message(v->app, FW_S_ERROR, _("Not saved: %s"), err.msg);
        xf_partner_free(p);
        return false;
    }
    if (warn) {
        char text[600];
        snprintf(text, sizeof text, "%s\n\n%s", warn, _("Commit anyway?  "
                 "(y) yes   (n) no, back to the form"));
        if (fw_dialog(draw, v, _("Warning"), text, "yn\033") != 'y') {
            xf_partner_free(p);
            return false;
        }
    }
    char *dom = xf_app_domain(p->domain);
    size_t kept = xf_partner_error_count(p);
    bool ok = xf_app_commit(v->app, v->index, p, draw, v);
    if (ok && xf_store_unchanged(v->app->store))
        xf_app_message(v->app, FW_S_OK, _("Nothing changed in %s: the file "
                       "was not written"), dom);
    else if (ok && kept) /* saved, but never said to be valid */
        xf_app_message(v->app, FW_S_WARNING, ngettext("Saved %s; %zu value "
                       "still in error, kept as in the file ('xmppfed check')",
                       "Saved %s; %zu values still in error, kept as in the "
                       "file ('xmppfed check')", kept), dom, kept);
    else if (ok && warn)
        xf_app_message(v->app, FW_S_OK, _("Saved %s with a warning: %s"),
                       dom, warn);
    else if (ok)
        xf_app_message(v->app, FW_S_OK, _("Saved %s"), dom);
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
        xf_app_message(v->app, FW_S_ERROR, "%s", _("A negotiation setting "
                       "is in error: choose a value to test"));
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
           fw_dialog(draw, v, _("Discard changes?"), _("The form has changes "
                     "that are not saved.\n\n(y) discard them   (n) back to "
                     "the form"), "yn\033") == 'y';
}

static void keep_draft(edit_view *v)
{
    if (!changed(v))
        return;
    xf_draft d = { .kind = XF_DRAFT_PARTNER, .orig = v->orig };
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        d.texts[f] = draft_field_text(v, f);
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
        if (xf_term_too_small()) { /* nothing to see: only leaving acts */
            if (xf_term_quit_key(k) && confirm_discard(v))
                return false;
            continue;
        }
        xf_app_message_clear(v->app);
        if (xf_app_key_refused(v->app, k))
            continue;
        if (fw_key_fn(k, KEY_F(1)) && !fw_form_busy(&v->form)) {
            xf_help_screen();
            continue;
        }
        int r = fw_form_key(&v->form, k);
        if (r == FW_FORM_CUT)
            xf_app_message(v->app, FW_S_WARNING, "%s", _("The pasted text "
                           "was cut: it is longer than the field takes"));
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
            xf_app_message_show(v->app, draw, v);
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
    const xf_partner *p = index >= 0 ? xf_store_model(app->store)->v[index] : NULL;
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
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        free(v.labels[f]);
    xf_partner_free(fresh);
    xf_partner_free(v.start);
    free(v.orig);
    return saved;
}
