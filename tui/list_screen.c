/* The partner list: one row per partner, a header with the file and the
 * count, a key bar, incremental filter, and the keys of SPEC section 5. */
#include "app.h"
#include "list_sort.h"
#include "core/domain.h"
#include "core/i18n.h"
#include "core/strlist.h"
#include "core/matrix.h"
#include "forms/keybar.h"
#include "forms/keycap.h"
#include "forms/listbox.h"
#include "forms/popup.h"
#include "forms/textbuf.h"
#include "forms/textfield.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>

/* Column widths for the terminal's width; narrower columns below 110
 * columns. The domain gets width first (as wide as the longest one),
 * the description what is left. */
typedef struct cols {
    int domain, type, mode, db, test, mark, desc;
    bool brief;
} cols;

typedef struct list_view {
    xf_app *app;
    size_t *rows;     /* model indices that pass the filter, sorted */
    size_t nrows;
    fw_listbox box;   /* selection and scroll over rows */
    int sort;         /* a list_sort */
    int domain_width; /* the longest domain, for the layout */
    cols cols;        /* of the draw in progress */
    fw_textbuf filter;
    bool filtering;   /* typing into the filter */
    size_t nerr, nwarn; /* problems in the file, for the header */
    unsigned long counted_gen; /* the store's gen they were counted at */
    /* the filter's index: each partner's lower-cased search text, made
     * once per change of the model, not once per key */
    char *text;       /* the texts one after another, NUL-terminated */
    size_t *at;       /* offset in text of each model index */
    int *width;       /* cells of each model index's domain: the column's
                       * width is their widest over the rows shown, found
                       * per key without visiting each partner */
    size_t nat;       /* partners indexed */
    char *needle;     /* the lower-cased filter the rows were made for */
} list_view;

/* Counting means reading the whole tree again (0.3 s at 100,000
 * partners): only when the file was read or saved since the last count,
 * and from the store's own diagnostics when they are current. */
static void count_problems(list_view *v)
{
    const xf_store *s = v->app->store;
    if (v->counted_gen && v->counted_gen == xf_store_gen(s))
        return;
    xf_store_count_problems(s, &v->nerr, &v->nwarn);
    v->counted_gen = xf_store_gen(s);
}

/* Every key of the list in 80 columns: t tests the partner, T all of
 * them; l shows the last test's log; the help says it in full. The
 * labels are translated where the bar is drawn (keybar_draw). */
static const fw_keyhint keys[] = {
    /* TRANSLATORS: the key bar of the list: 11 keys share 80 columns,
     * about 50 cells for all the labels together (keys and blanks take
     * the rest): a short form or an abbreviation per label, as mc's bar
     * has ("Выход", "Правка"); the longest are cut first */
    { "n", NC_("key bar", "New") },       { "Enter", NC_("key bar", "Edit") },
    { "d", NC_("key bar", "Del") },       { "t/T", NC_("key bar", "Test") },
    { "u", NC_("key bar", "Undo") },      { "l", NC_("key bar", "Log") },
    { "/", NC_("key bar", "Filter") },    { "F6", NC_("key bar", "Sort") },
    { "g", NC_("key bar", "Gateway") },   { "F1", NC_("key bar", "Help") },
    { "q", NC_("key bar", "Quit") },
};
static const fw_keyhint filter_keys[] = {
    { "Enter", NC_("key bar", "Keep filter") },
    { "Esc", NC_("key bar", "Clear filter") },
};

/* Lower case, Unicode-aware, in a new string; ASCII alone when the text
 * is not valid UTF-8. */
static char *lower(const char *s)
{
    size_t n = 0, len = strlen(s);
    uint8_t *u = u8_tolower((const uint8_t *)s, len, NULL, NULL, NULL, &n);
    char *r = u ? realloc(u, n + 1) : xf_strdup(s);
    if (!r)
        abort();
    if (u)
        r[n] = '\0';
    else
        for (char *c = r; *c; c++)
            *c = (char)tolower((unsigned char)*c);
    return r;
}

static int cells(const char *s)
{
    return fw_text_width(s, strlen(s));
}

/* Appends the lower-cased s and a separator no filter can hold; ASCII
 * (nearly every name) without a detour through libunistring. */
static void append_lower(char **buf, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n && (unsigned char)s[i] < 0x80)
        i++;
    char *l = i < n ? lower(s) : NULL;
    if (l)
        n = strlen(l);
    if (*len + n + 2 > *cap) {
        *cap = (*len + n + 2) * 2;
        *buf = realloc(*buf, *cap);
        if (!*buf)
            abort();
    }
    char *out = *buf + *len;
    if (l)
        memcpy(out, l, n);
    else
        for (i = 0; i < n; i++)
            out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    out[n] = '\1';
    *len += n + 1;
    free(l);
}

/* What the filter searches: the domain as stored and as shown, the
 * description, the additional domains. */
static void index_partners(list_view *v)
{
    const xf_config *c = xf_store_model(v->app->store);
    size_t len = 0, cap = c->n * 96 + 64;
    char *buf = malloc(cap);
    free(v->at);
    free(v->width);
    v->at = malloc((c->n + 1) * sizeof *v->at);
    v->width = malloc((c->n + 1) * sizeof *v->width);
    if (!buf || !v->at || !v->width)
        abort();
    for (size_t i = 0; i < c->n; i++) {
        const xf_partner *p = c->v[i];
        v->at[i] = len;
        v->width[i] = cells(p->domain);
        append_lower(&buf, &len, &cap, p->domain);
        if (strstr(p->domain, "xn--")) {
            char *u = xf_domain_display(p->domain);
            append_lower(&buf, &len, &cap, u);
            free(u);
        }
        append_lower(&buf, &len, &cap, p->description);
        for (size_t k = 0; k < p->additional.n; k++)
            append_lower(&buf, &len, &cap, p->additional.v[k]);
        buf[len - 1] = '\0';
    }
    free(v->text);
    v->text = buf;
    v->nat = c->n;
}

/* The widest domain of all the partners, shown or not: the columns stay
 * where they are while a filter is typed (htop's do too). */
static int widest_domain(const list_view *v)
{
    const xf_config *c = xf_store_model(v->app->store);
    bool indexed = v->text && v->nat == c->n;
    int widest = cells(_("Domain"));
    for (size_t i = 0; i < c->n; i++) {
        int w = indexed ? v->width[i] : cells(c->v[i]->domain);
        if (w > widest)
            widest = w;
    }
    return widest;
}

/* The rows in the chosen order, the selection on the partner keep when it
 * is still shown, and the widest domain for the layout. */
static void arrange(list_view *v, long keep)
{
    xf_sort_rows(v->app, (xf_list_sort)v->sort, v->rows, v->nrows);
    fw_listbox_set_count(&v->box, (int)v->nrows);
    v->domain_width = widest_domain(v);
    for (size_t r = 0; r < v->nrows; r++)
        if ((long)v->rows[r] == keep)
            fw_listbox_select(&v->box, (int)r);
}

/* The rows of the partners whose text holds the filter. When the filter
 * only grew, the partners shown are the only ones that can still match. */
static void refine(list_view *v, long keep)
{
    const xf_config *c = xf_store_model(v->app->store);
    if (v->nat != c->n || !v->text)
        index_partners(v);
    char *needle = lower(v->filter.text);
    bool narrow = v->rows && v->needle && strstr(needle, v->needle);
    size_t n = narrow ? v->nrows : c->n, kept = 0;
    if (!narrow) {
        free(v->rows);
        v->rows = malloc((c->n + 1) * sizeof *v->rows);
        if (!v->rows)
            abort();
    }
    for (size_t r = 0; r < n; r++) {
        size_t i = narrow ? v->rows[r] : r;
        if (*needle && !strstr(v->text + v->at[i], needle))
            continue;
        v->rows[kept++] = i;
    }
    v->nrows = kept;
    free(v->needle);
    v->needle = needle;
    arrange(v, keep);
}

/* Rebuilds the rows after the model or the filter changed, keeping the
 * selection on the same partner when it is still shown. */
static void refilter(list_view *v, long keep)
{
    free(v->text); /* the model may have changed: index it again */
    v->text = NULL;
    free(v->needle);
    v->needle = NULL;
    refine(v, keep);
}

static long selected(const list_view *v)
{
    int s = fw_listbox_selected(&v->box);
    return s >= 0 && (size_t)s < v->nrows ? (long)v->rows[s] : -1;
}

static cols layout(int width, int longest)
{
    cols c = { .brief = width < 110, .test = 4, .mark = 1 };
    c.type = c.brief ? 10 : 17;
    c.mode = c.brief ? 8 : 13;
    c.db = c.brief ? 3 : 10; /* "Dialback" and a translation's */
    int fixed = c.type + 2 * c.mode + c.db + c.test + c.mark + 7;
    c.domain = longest < width - fixed ? longest : width - fixed;
    if (c.domain < 12)
        c.domain = 12;
    c.desc = width - fixed - c.domain;
    if (c.desc < 0)
        c.desc = 0;
    return c;
}

/* The mark of a partner with a problem: an error (a value the file got
 * wrong, or a combination the matrix refuses) or a warning of the
 * matrix; NULL when it has none. */
static const char *problem_mark(const xf_partner *p, attr_t *style)
{
    for (int f = 0; f < XF_F_COUNT; f++)
        if (xf_partner_in_error(p, (xf_field)f)) {
            *style = fw_attr(FW_S_ERROR);
            return "!";
        }
    const xf_matrix_row *m = xf_partner_matrix(p);
    if (!m || m->verdict == XF_VERDICT_OK)
        return NULL;
    *style = fw_attr(m->verdict == XF_VERDICT_ERROR ? FW_S_ERROR
                                                     : FW_S_WARNING);
    return "!";
}

/* The values of the Type, TLS, SASL and dialback columns: the file's ids,
 * shown through a translation with a context so that English keeps the
 * ids and a translation may use short forms. The sort goes by the
 * values' order (list_sort.c), not their words; the filter does not
 * search these columns. */
static const char *const list_values[] = {
    /* TRANSLATORS: values in the list's columns: Type 10 cells, TLS and
     * SASL 8, DB 3 at 80 columns (Dialback 10 at 110 and more) */
    NC_("list value", "federated"), NC_("list value", "public-verified"),
    NC_("list value", "public-unverified"), NC_("list value", "required"),
    NC_("list value", "optional"), NC_("list value", "not-supported"),
    NC_("list value", "yes"), NC_("list value", "no"),
    NC_("list value", "true"), NC_("list value", "false"),
};

static const char *list_value(const char *id)
{
    for (size_t i = 0; i < sizeof list_values / sizeof *list_values; i++)
        if (!strcmp(id, list_values[i]))
            return xf_pgettext("list value", list_values[i]);
    return id;
}

/* Draws one cell and the blank after it; returns the next column. */
static int cell(int y, int x, int w, const char *s, attr_t a)
{
    if (w <= 0)
        return x;
    fw_draw_clipped(stdscr, y, x, w, s, strlen(s), a, true);
    fw_draw_text(stdscr, y, x + w, 1, "", 0, a, true);
    return x + w + 1;
}

/* A value in error is drawn as it is in the file, marked, never as the
 * stand-in the model holds for it. */
static int value_cell(int y, int x, int w, const xf_partner *p, xf_field f,
                      const char *valid, attr_t a)
{
    if (!xf_partner_in_error(p, f))
        return cell(y, x, w, valid, a);
    char *t = NULL;
    if (asprintf(&t, "!%s", xf_partner_bad_text(p, f)) < 0)
        abort();
    x = cell(y, x, w, t, fw_attr(FW_S_ERROR) | (a ? A_REVERSE : 0));
    free(t);
    return x;
}

static void draw_row(void *ctx, WINDOW *win, int y, int x0, int width,
                     int r, bool selected)
{
    const list_view *v = ctx;
    const cols *c = &v->cols;
    const xf_partner *p = xf_store_model(v->app->store)->v[v->rows[r]];
    attr_t a = selected ? fw_attr(FW_S_SELECTED) | A_BOLD : 0;
    const char *test = xf_app_get_test(v->app, p->domain);
    attr_t ta = !test ? a
                : !strcmp(test, "PASS") ? fw_attr(FW_S_OK)
                : !strcmp(test, "WARN") ? fw_attr(FW_S_WARNING)
                                        : fw_attr(FW_S_ERROR);
    char *u = xf_app_shown_domain(p->domain);
    int x = value_cell(y, x0, c->domain, p, XF_F_DOMAIN, u, a);
    free(u);
    x = value_cell(y, x, c->type, p, XF_F_TYPE,
                   list_value(xf_ptype_name(p->type)), a);
    x = value_cell(y, x, c->mode, p, XF_F_TLS, list_value(xf_mode_name(p->tls)),
                   a);
    x = value_cell(y, x, c->mode, p, XF_F_SASL,
                   list_value(xf_mode_name(p->sasl)), a);
    x = value_cell(y, x, c->db, p, XF_F_DIALBACK,
                   list_value(p->dialback ? (c->brief ? "yes" : "true")
                                          : (c->brief ? "no" : "false")), a);
    x = cell(y, x, c->test, test ? test : "-", selected ? a : ta);
    attr_t ma = a;
    const char *mark = problem_mark(p, &ma);
    x = cell(y, x, c->mark, mark ? mark : "", selected ? a : ma);
    int rest = x0 + width - x;
    if (xf_partner_in_error(p, XF_F_DESCRIPTION))
        value_cell(y, x, rest, p, XF_F_DESCRIPTION, "", a);
    else
        fw_draw_clipped(win, y, x, rest, p->description,
                        strlen(p->description), a, true);
}

/* The file's path in room cells: whole, or cut at the left with a
 * marker, at a folder boundary when one fits ("…/partners.conf"); the
 * marker alone when nothing more fits, so a cut never goes unmarked. */
static void fit_path(char *out, size_t cap, const char *path, int room)
{
    const char *mark = fw_utf8_terminal() ? "\u2026" : "~";
    if (cells(path) <= room || room < 1) {
        snprintf(out, cap, "%s", room < 1 ? "" : path);
        return;
    }
    const char *tail = xf_last_cells(path, room - 1);
    const char *slash = strchr(tail, '/');
    if (slash && slash[1])
        tail = slash;
    snprintf(out, cap, "%s%s", mark, tail);
}

static void draw_header(const list_view *v, const cols *c)
{
    char title[512];
    size_t n = xf_store_model(v->app->store)->n;
    char problems[200] = "", errs[80], warns[80];
    if (v->nerr || v->nwarn) { /* the file's problems, before anyone edits */
        snprintf(errs, sizeof errs, ngettext("%zu error", "%zu errors",
                                             v->nerr), v->nerr);
        snprintf(warns, sizeof warns, ngettext("%zu warning", "%zu warnings",
                                               v->nwarn), v->nwarn);
        /* TRANSLATORS: the list's header: "2 errors, 1 warning", and the
         * command that lists them; room is short at 80 columns */
        snprintf(problems, sizeof problems, _("   %s, %s ('xmppfed check')"),
                 errs, warns);
    }
    char count[120]; /* "1 of 4 partners" while a filter is on */
    if (*v->filter.text)
        snprintf(count, sizeof count, ngettext("%zu of %zu partner",
                 "%zu of %zu partners", n), v->nrows, n);
    else
        snprintf(count, sizeof count, ngettext("%zu partner", "%zu partners",
                                               n), n);
    snprintf(title, sizeof title, " xmppfed   %s%s%s   ", count,
             xf_store_exists(v->app->store) ? "" : _(" (new file)"), problems);
    int len = (int)strlen(title);
    /* a read-only warning names the path itself */
    const char *path = v->app->readonly[0] ? "" : xf_store_path(v->app->store);
    fit_path(title + len, sizeof title - (size_t)len, path,
             COLS - cells(title) - 1);
    xf_app_draw_title(v->app, title);
    /* the column the list is sorted by stands out, as in htop */
#define HEAD(by) (v->sort == (by) ? A_BOLD | A_REVERSE : A_BOLD)
    /* TRANSLATORS: the list's column titles: a title longer than its
     * column (Type 10, TLS and SASL 8, DB 3, Test 4 cells at 80 columns)
     * is cut with … */
    int x = cell(1, 0, c->domain, _("Domain"), HEAD(XF_SORT_DOMAIN));
    x = cell(1, x, c->type, _("Type"), HEAD(XF_SORT_TYPE));
    x = cell(1, x, c->mode, "TLS", HEAD(XF_SORT_TLS));
    x = cell(1, x, c->mode, "SASL", HEAD(XF_SORT_SASL));
    x = cell(1, x, c->db, c->brief ? _("DB") : _("Dialback"), A_BOLD);
    x = cell(1, x, c->test, _("Test"), HEAD(XF_SORT_TEST));
#undef HEAD
    x = cell(1, x, c->mark, "!", A_BOLD);
    fw_draw_str(stdscr, 1, x, COLS - x, _("Description"), A_BOLD);
}

static void draw_footer(const list_view *v)
{
    int y = LINES - 2;
    move(y, 0);
    clrtoeol();
    if (v->filtering || *v->filter.text) {
        int x = fw_draw_str(stdscr, y, 0, COLS, _("Filter: "), A_BOLD);
        int col = fw_textbuf_fit((fw_textbuf *)&v->filter, COLS - x - 1);
        fw_draw_text(stdscr, y, x, COLS - x, v->filter.text + v->filter.scroll,
                     v->filter.len - v->filter.scroll, 0, false);
        if (v->filtering)
            move(y, x + col);
    } else {
        xf_app_draw_message(v->app);
    }
    if (v->filtering)
        xf_keybar_draw(filter_keys, 2);
    else
        xf_keybar_draw(keys, sizeof keys / sizeof *keys);
}

static void draw(void *ctx)
{
    list_view *v = ctx;
    if (xf_term_too_small())
        return;
    erase();
    v->cols = layout(COLS, v->domain_width);
    draw_header(v, &v->cols);
    fw_listbox_draw(&v->box, stdscr, 2, 0, LINES - 4 > 1 ? LINES - 4 : 1,
                    COLS);
    if (!xf_store_model(v->app->store)->n)
        fw_draw_str(stdscr, 3, 2, COLS - 2, _("No partners yet: press n to "
                    "add one, F1 for help."), fw_attr(FW_S_DIM) | A_BOLD);
    else if (!v->nrows)
        fw_draw_str(stdscr, 3, 2, COLS - 2, _("No partner matches the "
                    "filter; Esc clears it."), fw_attr(FW_S_DIM) | A_BOLD);
    draw_footer(v);
    curs_set(v->filtering ? 1 : 0);
}

static void remove_selected(list_view *v)
{
    long i = selected(v);
    if (i < 0)
        return;
    char *dom = xf_app_domain(xf_store_model(v->app->store)->v[i]->domain);
    char text[400];
    snprintf(text, sizeof text, _("Remove partner %s and all its settings?"
             "\n\n(y) yes, remove it   (n) no"), dom);
    if (fw_dialog(draw, v, _("Remove partner"), text, "yn\033") == 'y' &&
        xf_app_commit(v->app, i, NULL, draw, v))
        xf_app_message(v->app, FW_S_OK, _("Removed %s"), dom);
    free(dom);
    refilter(v, -1);
    count_problems(v);
}

static void edit(list_view *v, long index)
{
    size_t before = xf_store_model(v->app->store)->n;
    if (xf_edit_screen(v->app, index, NULL))
        refilter(v, index >= 0 ? index : (long)before);
    else
        refilter(v, index);
    count_problems(v);
}

static void test_selected(list_view *v, bool all)
{
    const xf_config *c = xf_store_model(v->app->store);
    if (!c->n || (!all && selected(v) < 0))
        return;
    const xf_partner *one[1];
    if (all)
        xf_test_screen(v->app, (const xf_partner *const *)c->v, c->n);
    else {
        one[0] = c->v[selected(v)];
        xf_test_screen(v->app, one, 1);
    }
}

/* Keys while typing a filter. */
static void filter_key(list_view *v, fw_key k)
{
    long keep = selected(v);
    if (fw_key_is(k, FW_ESC)) {
        fw_textbuf_set(&v->filter, "");
        v->filtering = false;
    } else if (fw_key_is(k, '\r') || fw_key_is(k, '\n') ||
               fw_key_fn(k, KEY_ENTER)) {
        v->filtering = false;
    } else if (fw_key_fn(k, KEY_UP) || fw_key_fn(k, KEY_DOWN)) {
        v->filtering = false; /* arrows go back to the list */
        return;
    } else {
        fw_textbuf_key(&v->filter, k);
    }
    refine(v, keep); /* the model is as it was: only the filter changed */
}

/* F6 (htop): the column to sort by, from a pop-up over the list. */
static void choose_sort(list_view *v)
{
    const char *labels[XF_SORT_COUNT];
    for (int i = 0; i < XF_SORT_COUNT; i++)
        labels[i] = _(xf_sort_labels[i]);
    int by = fw_popup_run(draw, v, 1, 0, _("Sort by"), labels, XF_SORT_COUNT,
                          v->sort);
    if (by < 0)
        return;
    v->sort = by;
    free(v->needle); /* rows made again from the model's order; the */
    v->needle = NULL; /* model and its index are as they were */
    refine(v, selected(v));
    if (by == XF_SORT_FILE)
        xf_app_message(v->app, FW_S_NORMAL, "%s",
                       _("Sorted by the order in the file"));
    else
        xf_app_message(v->app, FW_S_NORMAL, _("Sorted by %s"), labels[by]);
}

/* l: the details of the selected partner's last test, as it ran. */
static void last_test(list_view *v)
{
    long i = selected(v);
    if (i < 0)
        return;
    const char *d = xf_store_model(v->app->store)->v[i]->domain;
    if (!xf_test_details(v->app, d)) {
        char *u = xf_app_shown_domain(d);
        xf_app_message(v->app, FW_S_WARNING, _("%s was not tested yet: "
                       "t tests it"), u);
        free(u);
    }
}

static void test_and_arrange(list_view *v, bool all)
{
    test_selected(v, all);
    if (v->sort == XF_SORT_TEST) /* the order depends on the verdicts */
        arrange(v, selected(v));
}
/* Returns false to quit. */
static bool list_key(list_view *v, fw_key k)
{
    k = fw_key_command(k); /* under a Russian layout too: 'т' is n */
    if (fw_listbox_key(&v->box, k)) {
        v->app->msg[0] = '\0'; /* moving on clears an old message */
        return true;
    }
    if (k.fn) {
        switch (k.ch) {
        case KEY_ENTER: if (selected(v) >= 0) edit(v, selected(v)); break;
        case KEY_DC: remove_selected(v); break;
        case KEY_F(1): xf_help_screen(); break;
        case KEY_F(6): choose_sort(v); break;
        default: break;
        }
        return true;
    }
    switch (k.ch) {
    case 'q': return !xf_app_may_quit(v->app, draw, v);
    case 'n': edit(v, -1); break;
    case 'e': case '\r': case '\n':
        if (selected(v) >= 0)
            edit(v, selected(v));
        break;
    case 'd': remove_selected(v); break;
    case 'u': xf_undo(v->app); refilter(v, -1); count_problems(v); break;
    case 't': test_and_arrange(v, false); break;
    case 'T': test_and_arrange(v, true); break;
    case 'l': last_test(v); break;
    case '>': choose_sort(v); break;
    case '/': v->filtering = true; break;
    case 'g': /* a merged save may bring partners someone else changed */
        xf_gateway_screen(v->app, NULL);
        refilter(v, -1);
        count_problems(v);
        break;
    case '?': xf_help_screen(); break;
    case FW_ESC:
        if (*v->filter.text) {
            fw_textbuf_set(&v->filter, "");
            refine(v, selected(v));
        }
        break;
    default: break;
    }
    return true;
}

/* fw_read_key, and while idle a look at the file every second (as vim
 * does): changed on disk, the list is read again and says so. */
static fw_key read_key(list_view *v)
{
    draw(v);
    refresh();
    for (;;) {
        fw_key k = fw_getkey(1000);
        if (k.ch == FW_KEY_NONE && !xf_app_poll(v->app))
            continue;
        if (k.ch == FW_KEY_NONE) {
            refilter(v, -1);
            count_problems(v);
        } else if (!(k.fn && k.ch == KEY_RESIZE))
            return k;
        draw(v);
        refresh();
    }
}

void xf_list_screen(xf_app *app)
{
    list_view v = { .app = app };
    fw_listbox_init(&v.box, draw_row, &v, false);
    fw_textbuf_init(&v.filter, "", 256);
    refilter(&v, 0);
    count_problems(&v);
    xf_app_message_show(app, draw, &v); /* one said at start, in full */
    for (;;) {
        fw_key k = read_key(&v);
        if (k.ch == FW_KEY_HANGUP)
            break;
        if (xf_term_too_small()) { /* nothing to see: only quitting acts */
            if (xf_term_quit_key(k) && xf_app_may_quit(app, draw, &v))
                break;
            continue;
        }
        xf_app_message_clear(app);
        if (xf_app_key_refused(app, k))
            continue;
        if (xf_app_poll(app)) { /* a key never acts on stale settings */
            refilter(&v, -1);
            count_problems(&v);
        }
        if (v.filtering)
            filter_key(&v, k);
        else if (!list_key(&v, k))
            break;
        xf_app_message_show(app, draw, &v);
    }
    fw_textbuf_free(&v.filter);
    free(v.rows);
    free(v.text);
    free(v.at);
    free(v.width);
    free(v.needle);
}
