#include "listfield.h"
#include "listbox.h"
#include "textfield.h"

#include <stdlib.h>
#include <string.h>

typedef struct fw_listfield {
    fw_widget base;
    char **items;
    int count;
    int sel;       /* 0..count; count is the "add" row */
    fw_listbox box; /* the rows: entries and the add row */
    int visible;   /* rows shown at most */
    bool editing;
    bool focused;  /* of the draw in progress */
    fw_textbuf edit;
    size_t max_bytes;
    char *hint;    /* on the add row while focused; NULL for none */
} fw_listfield;

static char *dup_or_die(const char *s)
{
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

void fw_listfield_set_hint(fw_widget *w, const char *hint)
{
    fw_listfield *l = (fw_listfield *)w;
    free(l->hint);
    l->hint = hint ? dup_or_die(hint) : NULL;
}

void fw_listfield_add(fw_widget *w, const char *item)
{
    fw_listfield *l = (fw_listfield *)w;
    char **v = realloc(l->items, (size_t)(l->count + 1) * sizeof *v);
    if (!v)
        abort();
    l->items = v;
    l->items[l->count++] = dup_or_die(item);
}

static int rows(const fw_widget *w)
{
    const fw_listfield *l = (const fw_listfield *)w;
    int n = l->count + 1;
    return n < l->visible ? n : l->visible;
}

/* The selected row in view, and no row left empty above the add row
 * while entries are hidden above (after a removal): the list box's
 * clamp, on the rows the box has now. */
static void keep_in_view(fw_listfield *l)
{
    l->box.height = rows(&l->base);
    fw_listbox_set_count(&l->box, l->count + 1);
    fw_listbox_select(&l->box, l->sel);
}

static void remove_at(fw_listfield *l, int i)
{
    free(l->items[i]);
    memmove(l->items + i, l->items + i + 1,
            (size_t)(l->count - i - 1) * sizeof *l->items);
    l->count--;
    if (l->sel > l->count)
        l->sel = l->count;
    keep_in_view(l);
}

void fw_listfield_clear(fw_widget *w)
{
    fw_listfield *l = (fw_listfield *)w;
    while (l->count)
        remove_at(l, l->count - 1);
    l->sel = 0;
    keep_in_view(l);
}

/* Keeps the edit: an empty entry is removed, a new one appended. */
static int apply_edit(fw_listfield *l, const char *t)
{
    bool is_new = l->sel == l->count;
    if (!*t) {
        if (is_new)
            return FW_HANDLED;
        remove_at(l, l->sel);
        return FW_CHANGED;
    }
    if (is_new) {
        fw_listfield_add(&l->base, t);
        l->sel = l->count; /* ready for the next one */
        return FW_CHANGED;
    }
    if (strcmp(l->items[l->sel], t) == 0)
        return FW_HANDLED;
    free(l->items[l->sel]);
    l->items[l->sel] = dup_or_die(t);
    return FW_CHANGED;
}

static int end_edit(fw_listfield *l, bool keep)
{
    int r = keep ? apply_edit(l, l->edit.text) : FW_HANDLED;
    l->editing = false;
    fw_textbuf_free(&l->edit);
    return r;
}

static int key_editing(fw_listfield *l, fw_key k)
{
    if (fw_key_is(k, '\n') || fw_key_is(k, '\r') || fw_key_fn(k, KEY_ENTER))
        return end_edit(l, true);
    if (fw_key_is(k, FW_ESC))
        return end_edit(l, false);
    fw_textbuf_key(&l->edit, k); /* the list changes when the edit is kept */
    return FW_HANDLED;
}

/* Typing on the list starts a new entry on the add row. */
static void start_new(fw_listfield *l)
{
    l->sel = l->count;
    l->editing = true;
    fw_textbuf_init(&l->edit, "", l->max_bytes);
}

static int key_list(fw_listfield *l, fw_key k)
{
    if (l->editing)
        return key_editing(l, k);
    if (fw_key_fn(k, KEY_UP) && l->sel > 0) {
        l->sel--;
        return FW_HANDLED;
    }
    if (fw_key_fn(k, KEY_DOWN) && l->sel < l->count) {
        l->sel++;
        return FW_HANDLED;
    }
    if (fw_key_is(k, '\n') || fw_key_is(k, '\r') || fw_key_fn(k, KEY_ENTER)) {
        l->editing = true;
        fw_textbuf_init(&l->edit, l->sel < l->count ? l->items[l->sel] : "",
                        l->max_bytes);
        return FW_HANDLED;
    }
    if (fw_key_fn(k, KEY_DC) && l->sel < l->count) {
        remove_at(l, l->sel);
        return FW_CHANGED;
    }
    if (!k.fn && k.ch > 0x20 && k.ch != 0x7f) {
        start_new(l);
        fw_textbuf_insert(&l->edit, (wchar_t)k.ch);
        return FW_HANDLED;
    }
    return FW_IGNORED;
}

/* Pasted text goes where typed text goes: into the entry being edited,
 * else into a new one. */
static int paste(fw_widget *w, wchar_t c)
{
    fw_listfield *l = (fw_listfield *)w;
    if (!l->editing) {
        if (!fw_text_char(c) || c == ' ')
            return FW_HANDLED;
        start_new(l);
    }
    int r = fw_textbuf_paste(&l->edit, c);
    keep_in_view(l);
    return r & ~FW_CHANGED; /* the list changes when the edit is kept */
}

static int key(fw_widget *w, fw_key k)
{
    fw_listfield *l = (fw_listfield *)w;
    int r = key_list(l, k);
    keep_in_view(l);
    return r;
}

static void draw_row(void *ctx, WINDOW *win, int y, int x, int width, int i,
                     bool selected)
{
    fw_listfield *l = ctx;
    bool here = l->focused && selected;
    attr_t a = fw_attr(here ? FW_S_FIELD_FOCUS : FW_S_FIELD);
    if (i < l->count) {
        fw_draw_clipped(win, y, x, width, l->items[i], strlen(l->items[i]),
                        a, true);
    } else {
        const char *hint = l->focused && l->hint ? l->hint : "";
        fw_draw_clipped(win, y, x, width, hint, strlen(hint), a | A_DIM, true);
    }
    if (here) {
        l->base.cur_y = y;
        l->base.cur_x = x;
    }
}

static void draw(fw_widget *w, WINDOW *win, int y, int x, int width,
                 bool focused)
{
    fw_listfield *l = (fw_listfield *)w;
    keep_in_view(l);
    l->focused = focused;
    w->cur_y = w->cur_x = -1;
    fw_listbox_draw(&l->box, win, y, x, rows(w), width);
    /* the text being typed goes over the marks of hidden entries */
    int r = l->sel - fw_listbox_top(&l->box);
    if (focused && l->editing && r >= 0 && r < rows(w))
        fw_textbuf_draw(&l->edit, w, win, y + r, x, width,
                        fw_attr(FW_S_FIELD_FOCUS), true);
}

static void destroy(fw_widget *w)
{
    fw_listfield *l = (fw_listfield *)w;
    for (int i = 0; i < l->count; i++)
        free(l->items[i]);
    free(l->items);
    free(l->hint);
    if (l->editing)
        fw_textbuf_free(&l->edit);
}

static bool busy(const fw_widget *w)
{
    return ((const fw_listfield *)w)->editing;
}

static int settle(fw_widget *w)
{
    fw_listfield *l = (fw_listfield *)w;
    return l->editing ? end_edit(l, true) : FW_HANDLED;
}

static const fw_widget_ops ops = { .draw = draw, .key = key, .rows = rows,
                                   .destroy = destroy, .busy = busy,
                                   .settle = settle, .paste = paste };

fw_widget *fw_listfield_new(const char *label, const char *help, int visible,
                            size_t max_bytes)
{
    fw_listfield *l = calloc(1, sizeof *l);
    if (!l)
        abort();
    fw_widget_init(&l->base, &ops, label, help);
    l->visible = visible > 0 ? visible : 3;
    l->max_bytes = max_bytes;
    fw_listbox_init(&l->box, draw_row, l, false);
    l->box.mark_attr = fw_attr(FW_S_FIELD);
    keep_in_view(l);
    return &l->base;
}

int fw_listfield_count(const fw_widget *w)
{
    return ((const fw_listfield *)w)->count;
}

const char *fw_listfield_item(const fw_widget *w, int i)
{
    const fw_listfield *l = (const fw_listfield *)w;
    return i >= 0 && i < l->count ? l->items[i] : NULL;
}

int fw_listfield_selected(const fw_widget *w)
{
    return ((const fw_listfield *)w)->sel;
}

int fw_listfield_top(const fw_widget *w)
{
    return fw_listbox_top(&((const fw_listfield *)w)->box);
}
