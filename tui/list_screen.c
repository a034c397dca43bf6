/* The partner list: one row per partner, a header with the file and the
 * count, a key bar, incremental filter, and the keys of SPEC section 5. */
#include "app.h"
#include "core/domain.h"
#include "core/store_tree.h"
#include "core/strlist.h"
#include "forms/keybar.h"
#include "forms/textfield.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unicase.h>

typedef struct list_view {
    xf_app *app;
    size_t *rows;     /* model indices that pass the filter */
    size_t nrows;
    size_t sel, top;  /* positions in rows */
    fw_textbuf filter;
    bool filtering;   /* typing into the filter */
    size_t nerr, nwarn; /* problems in the file, for the header */
    unsigned long counted_gen; /* the store's gen they were counted at */
    /* the filter's index: each partner's lower-cased search text, made
     * once per change of the model, not once per key */
    char *text;       /* the texts one after another, NUL-terminated */
    size_t *at;       /* offset in text of each model index */
    size_t nat;       /* partners indexed */
    char *needle;     /* the lower-cased filter the rows were made for */
} list_view;

/* Counting means reading the whole tree again (0.3 s at 100,000
 * partners): only when the file was read or saved since the last count,
 * and from the store's own diagnostics when they are current. */
static void count_problems(list_view *v)
{
    const xf_store *s = &v->app->store;
    if (v->counted_gen && v->counted_gen == s->gen)
        return;
    if (s->diags_gen == s->gen) {
        v->nerr = xf_diags_count(&s->diags, XF_DIAG_ERROR);
        v->nwarn = xf_diags_count(&s->diags, XF_DIAG_WARNING);
    } else {
        xf_tree_count_problems(&s->cf, &v->nerr, &v->nwarn);
    }
    v->counted_gen = s->gen;
}

static const fw_keyhint keys[] = {
    { "n", "New" },   { "Enter", "Edit" }, { "d", "Delete" },
    { "t", "Test" },  { "T", "Test all" }, { "/", "Filter" },
    { "g", "Gateway" }, { "F1", "Help" },  { "q", "Quit" },
};
static const fw_keyhint filter_keys[] = {
    { "Enter", "Keep filter" }, { "Esc", "Clear filter" },
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
    const xf_config *c = &v->app->store.model;
    size_t len = 0, cap = c->n * 96 + 64;
    char *buf = malloc(cap);
    free(v->at);
    v->at = malloc((c->n + 1) * sizeof *v->at);
    if (!buf || !v->at)
        abort();
    for (size_t i = 0; i < c->n; i++) {
        const xf_partner *p = c->v[i];
        v->at[i] = len;
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

/* The rows of the partners whose text holds the filter. When the filter
 * only grew, the partners shown are the only ones that can still match. */
static void refine(list_view *v, long keep)
{
    const xf_config *c = &v->app->store.model;
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
        if ((long)i == keep)
            v->sel = kept;
        v->rows[kept++] = i;
    }
    v->nrows = kept;
    free(v->needle);
    v->needle = needle;
    if (v->sel >= v->nrows)
        v->sel = v->nrows ? v->nrows - 1 : 0;
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
    return v->nrows ? (long)v->rows[v->sel] : -1;
}

/* Column widths for the terminal's width; short names below 110 columns. */
typedef struct cols {
    int domain, type, mode, db, test, desc;
    bool brief;
} cols;

static cols layout(int width)
{
    cols c = { .brief = width < 110 };
    c.type = c.brief ? 10 : 17;
    c.mode = c.brief ? 8 : 13;
    c.db = c.brief ? 3 : 8;
    c.test = 4;
    int fixed = c.type + 2 * c.mode + c.db + c.test + 6;
    c.domain = (width - fixed) / 2;
    if (c.domain > 34)
        c.domain = 34;
    if (c.domain < 12)
        c.domain = 12;
    c.desc = width - fixed - c.domain;
    if (c.desc < 0)
        c.desc = 0;
    return c;
}

static const char *brief_type(xf_ptype t)
{
    static const char *const b[] = { "federated", "public-ver", "public-unv" };
    return b[t];
}

static const char *brief_mode(xf_mode m)
{
    static const char *const b[] = { "required", "optional", "not-supp" };
    return b[m];
}

/* Draws one cell and the blank after it; returns the next column. */
static int cell(int y, int x, int w, const char *s, attr_t a)
{
    if (w <= 0)
        return x;
    fw_draw_text(stdscr, y, x, w, s, strlen(s), a, true);
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
    if (asprintf(&t, "!%s", p->bad[f].text) < 0)
        abort();
    x = cell(y, x, w, t, fw_attr(FW_S_ERROR) | (a ? A_REVERSE : 0));
    free(t);
    return x;
}

static void draw_row(const list_view *v, int y, size_t r, const cols *c)
{
    const xf_partner *p = v->app->store.model.v[v->rows[r]];
    attr_t a = r == v->sel ? fw_attr(FW_S_SELECTED) | A_BOLD : 0;
    const char *test = xf_app_get_test(v->app, p->domain);
    attr_t ta = !test ? a
                : !strcmp(test, "PASS") ? fw_attr(FW_S_OK)
                : !strcmp(test, "WARN") ? fw_attr(FW_S_WARNING)
                                        : fw_attr(FW_S_ERROR);
    char *u = xf_domain_display(p->domain);
    int x = value_cell(y, 0, c->domain, p, XF_F_DOMAIN, u, a);
    free(u);
    x = value_cell(y, x, c->type, p, XF_F_TYPE, c->brief ? brief_type(p->type)
                                     : xf_ptype_name(p->type), a);
    x = value_cell(y, x, c->mode, p, XF_F_TLS,
                   c->brief ? brief_mode(p->tls) : xf_mode_name(p->tls), a);
    x = value_cell(y, x, c->mode, p, XF_F_SASL,
                   c->brief ? brief_mode(p->sasl) : xf_mode_name(p->sasl), a);
    x = value_cell(y, x, c->db, p, XF_F_DIALBACK,
                   p->dialback ? (c->brief ? "yes" : "true")
                               : (c->brief ? "no" : "false"), a);
    x = cell(y, x, c->test, test ? test : "-", r == v->sel ? a : ta);
    if (xf_partner_in_error(p, XF_F_DESCRIPTION))
        value_cell(y, x, COLS - x, p, XF_F_DESCRIPTION, "", a);
    else
        fw_draw_text(stdscr, y, x, COLS - x, p->description,
                     strlen(p->description), a, true);
}

static void draw_header(const list_view *v, const cols *c)
{
    char title[512];
    size_t n = v->app->store.model.n;
    char problems[96] = "";
    if (v->nerr || v->nwarn) /* the file's problems, before anyone edits */
        snprintf(problems, sizeof problems, "   %zu error%s, %zu warning%s "
                 "('xmppfed check')", v->nerr, v->nerr == 1 ? "" : "s",
                 v->nwarn, v->nwarn == 1 ? "" : "s");
    int len = snprintf(title, sizeof title, " xmppfed   %zu partner%s%s%s   ",
                       n, n == 1 ? "" : "s",
                       v->app->store.exists ? "" : " (new file)", problems);
    /* the file name fits: "..." and its end when the path is long; a
     * read-only warning names the path itself */
    const char *path = v->app->readonly[0] ? "" : v->app->store.path;
    int room = COLS - len - 1, plen = (int)strlen(path);
    if (room > 3 && plen > room)
        snprintf(title + len, sizeof title - (size_t)len, "...%s",
                 path + plen - room + 3);
    else
        snprintf(title + len, sizeof title - (size_t)len, "%s", path);
    xf_app_draw_title(v->app, title);
    int x = cell(1, 0, c->domain, "Domain", A_BOLD);
    x = cell(1, x, c->type, "Type", A_BOLD);
    x = cell(1, x, c->mode, "TLS", A_BOLD);
    x = cell(1, x, c->mode, "SASL", A_BOLD);
    x = cell(1, x, c->db, c->brief ? "DB" : "Dialback", A_BOLD);
    x = cell(1, x, c->test, "Test", A_BOLD);
    fw_draw_str(stdscr, 1, x, COLS - x, "Description", A_BOLD);
}

static void draw_footer(const list_view *v)
{
    int y = LINES - 2;
    move(y, 0);
    clrtoeol();
    if (v->filtering || *v->filter.text) {
        int x = fw_draw_str(stdscr, y, 0, COLS, "Filter: ", A_BOLD);
        int col = fw_textbuf_fit((fw_textbuf *)&v->filter, COLS - x - 1);
        fw_draw_text(stdscr, y, x, COLS - x, v->filter.text + v->filter.scroll,
                     v->filter.len - v->filter.scroll, 0, false);
        if (v->filtering)
            move(y, x + col);
    } else if (v->app->msg[0]) {
        fw_draw_str(stdscr, y, 0, COLS, v->app->msg, fw_attr(v->app->msg_style));
    }
    if (v->filtering)
        fw_keybar_draw(stdscr, LINES - 1, filter_keys, 2);
    else
        fw_keybar_draw(stdscr, LINES - 1, keys, sizeof keys / sizeof *keys);
}

static int page(void) { return LINES - 4 > 1 ? LINES - 4 : 1; }

static void draw(void *ctx)
{
    list_view *v = ctx;
    erase();
    cols c = layout(COLS);
    draw_header(v, &c);
    int h = page();
    if (v->sel < v->top)
        v->top = v->sel;
    if (v->sel >= v->top + (size_t)h)
        v->top = v->sel - (size_t)h + 1;
    if (v->nrows - v->top < (size_t)h) /* grown (a resize): fill the page */
        v->top = v->nrows > (size_t)h ? v->nrows - (size_t)h : 0;
    for (size_t r = v->top; r < v->nrows && r < v->top + (size_t)h; r++)
        draw_row(v, 2 + (int)(r - v->top), r, &c);
    if (!v->app->store.model.n)
        fw_draw_str(stdscr, 3, 2, COLS - 2, "No partners yet: press n to add "
                    "one, F1 for help.", fw_attr(FW_S_DIM) | A_BOLD);
    else if (!v->nrows)
        fw_draw_str(stdscr, 3, 2, COLS - 2, "No partner matches the filter; "
                    "Esc clears it.", fw_attr(FW_S_DIM) | A_BOLD);
    draw_footer(v);
    curs_set(v->filtering ? 1 : 0);
}

static void remove_selected(list_view *v)
{
    long i = selected(v);
    if (i < 0)
        return;
    char *dom = xf_strdup(v->app->store.model.v[i]->domain);
    char text[400];
    snprintf(text, sizeof text, "Remove partner %s and all its settings?\n\n"
             "(y) yes, remove it   (n) no", dom);
    if (fw_dialog(draw, v, "Remove partner", text, "yn\033") == 'y' &&
        xf_app_commit(v->app, i, NULL, draw, v))
        xf_app_message(v->app, FW_S_OK, "Removed %s", dom);
    free(dom);
    refilter(v, -1);
    count_problems(v);
}

static void edit(list_view *v, long index)
{
    size_t before = v->app->store.model.n;
    if (xf_edit_screen(v->app, index, NULL))
        refilter(v, index >= 0 ? index : (long)before);
    else
        refilter(v, index);
    count_problems(v);
}

static void test_selected(list_view *v, bool all)
{
    const xf_config *c = &v->app->store.model;
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

static void move_sel(list_view *v, long step)
{
    long s = (long)v->sel + step;
    if (s < 0 || !v->nrows)
        s = 0;
    if (v->nrows && s >= (long)v->nrows)
        s = (long)v->nrows - 1;
    v->sel = (size_t)s;
    v->app->msg[0] = '\0'; /* moving on clears an old message */
}

/* Returns false to quit. */
static bool list_key(list_view *v, fw_key k)
{
    if (k.fn) {
        switch (k.ch) {
        case KEY_UP: move_sel(v, -1); break;
        case KEY_DOWN: move_sel(v, 1); break;
        case KEY_PPAGE: move_sel(v, -page()); break;
        case KEY_NPAGE: move_sel(v, page()); break;
        case KEY_HOME: v->sel = 0; break;
        case KEY_END: move_sel(v, (long)v->nrows); break;
        case KEY_ENTER: if (selected(v) >= 0) edit(v, selected(v)); break;
        case KEY_DC: remove_selected(v); break;
        case KEY_F(1): xf_help_screen(); break;
        default: break;
        }
        return true;
    }
    switch (k.ch) {
    case 'q': return !xf_app_may_quit(v->app, draw, v);
    case 'k': move_sel(v, -1); break;
    case 'j': move_sel(v, 1); break;
    case 'n': edit(v, -1); break;
    case 'e': case '\r': case '\n':
        if (selected(v) >= 0)
            edit(v, selected(v));
        break;
    case 'd': remove_selected(v); break;
    case 't': test_selected(v, false); break;
    case 'T': test_selected(v, true); break;
    case '/': v->filtering = true; break;
    case 'g': xf_gateway_screen(v->app, NULL); count_problems(v); break;
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

void xf_list_screen(xf_app *app)
{
    list_view v = { .app = app };
    fw_textbuf_init(&v.filter, "", 256);
    refilter(&v, 0);
    count_problems(&v);
    for (;;) {
        fw_key k = fw_read_key(draw, &v);
        if (k.ch == FW_KEY_HANGUP)
            break;
        if (v.filtering)
            filter_key(&v, k);
        else if (!list_key(&v, k))
            break;
    }
    fw_textbuf_free(&v.filter);
    free(v.rows);
    free(v.text);
    free(v.at);
    free(v.needle);
}
