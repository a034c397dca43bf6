#include "form.h"
#include "paste.h"
#include "textbuf.h"

#include <stdlib.h>
#include <string.h>

/* Terminal cells of a label: columns line up in any script. */
static int cells(const char *s)
{
    return fw_text_width(s, strlen(s));
}

void fw_form_init(fw_form *f, fw_change_fn on_change, void *ctx)
{
    *f = (fw_form){ .on_change = on_change, .ctx = ctx, .label_width = 12 };
}

void fw_form_free(fw_form *f)
{
    for (int i = 0; i < f->n; i++)
        fw_widget_free(f->w[i]);
    free(f->w);
    *f = (fw_form){ 0 };
}

int fw_form_add(fw_form *f, fw_widget *w)
{
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->w = realloc(f->w, (size_t)f->cap * sizeof *f->w);
        if (!f->w)
            abort();
    }
    if (w->label && !fw_is_button(w) && cells(w->label) > f->label_width)
        f->label_width = cells(w->label);
    f->w[f->n] = w;
    return f->n++;
}

fw_widget *fw_form_widget(const fw_form *f, int i)
{
    return i >= 0 && i < f->n ? f->w[i] : NULL;
}

fw_widget *fw_form_focused(const fw_form *f)
{
    return fw_form_widget(f, f->focus);
}

void fw_form_set_focus(fw_form *f, int i)
{
    if (i >= 0 && i < f->n)
        f->focus = i;
}

bool fw_form_busy(const fw_form *f)
{
    const fw_widget *w = fw_form_focused(f);
    return w && w->ops->busy && w->ops->busy(w);
}

static void move_focus(fw_form *f, int step)
{
    if (f->n)
        f->focus = (f->focus + step + f->n) % f->n;
}

/* One character of a paste: Tabs and newlines become one blank between
 * words (a copied line's newline must not end up in a domain). */
static void paste_char(fw_form *f, int c)
{
    fw_widget *w = fw_form_focused(f);
    if (c == '\t' || c == '\r' || c == '\n') {
        f->paste_blank = f->paste_text;
        return;
    }
    if (!w || !w->ops->paste || c < 0x20)
        return;
    int r = 0;
    if (f->paste_blank)
        r |= w->ops->paste(w, L' ');
    r |= w->ops->paste(w, (wchar_t)c);
    f->paste_blank = false;
    f->paste_text = true;
    f->paste_cut |= (r & FW_CUT) != 0;
    if (r & FW_CHANGED && f->on_change)
        f->on_change(f, f->focus, f->ctx);
}

/* Keys of a bracketed paste; true when k was one. */
static bool paste_key(fw_form *f, fw_key k, int *result)
{
    *result = FW_FORM_NONE;
    if (fw_key_fn(k, FW_KEY_PASTE_BEGIN)) {
        f->pasting = true;
        f->paste_text = f->paste_blank = f->paste_cut = false;
        return true;
    }
    if (fw_key_fn(k, FW_KEY_PASTE_END)) {
        if (f->pasting && f->paste_cut)
            *result = FW_FORM_CUT;
        f->pasting = false;
        return true;
    }
    if (!f->pasting)
        return false;
    if (k.fn) { /* the end marker was lost: a real key ends the paste */
        f->pasting = false;
        return false;
    }
    paste_char(f, k.ch);
    return true;
}

int fw_form_key(fw_form *f, fw_key k)
{
    int pasted;
    if (paste_key(f, k, &pasted))
        return pasted;
    fw_widget *w = fw_form_focused(f);
    if (fw_key_is(k, FW_CTRL('s')) || fw_key_fn(k, KEY_F(10))) {
        if (w && w->ops->settle && w->ops->settle(w) & FW_CHANGED &&
            f->on_change)
            f->on_change(f, f->focus, f->ctx);
        return FW_FORM_COMMIT;
    }
    bool busy = fw_form_busy(f);
    if (!busy && fw_key_is(k, '\t')) {
        move_focus(f, 1);
        return FW_FORM_NONE;
    }
    if (!busy && fw_key_fn(k, KEY_BTAB)) {
        move_focus(f, -1);
        return FW_FORM_NONE;
    }
    int r = w ? w->ops->key(w, k) : FW_IGNORED;
    if (r & FW_CHANGED && f->on_change)
        f->on_change(f, f->focus, f->ctx);
    if (r & FW_ACTIVATED) {
        f->activated = f->focus;
        return FW_FORM_BUTTON;
    }
    if (r != FW_IGNORED)
        return FW_FORM_NONE;
    /* an Enter no widget takes (a text field's) moves on, as in nmtui */
    if (fw_key_fn(k, KEY_DOWN) || fw_key_is(k, '\r') || fw_key_is(k, '\n') ||
        fw_key_fn(k, KEY_ENTER) ||
        (fw_is_button(w) && fw_key_fn(k, KEY_RIGHT)))
        move_focus(f, 1);
    else if (fw_key_fn(k, KEY_UP) ||
             (fw_is_button(w) && fw_key_fn(k, KEY_LEFT)))
        move_focus(f, -1);
    else if (fw_key_is(k, FW_ESC))
        return FW_FORM_CANCEL;
    return FW_FORM_NONE;
}

/* The row of each widget relative to the form's top; buttons share one
 * row after a blank line. Returns the total rows. */
static int layout(const fw_form *f, int *row)
{
    int y = 0;
    for (int i = 0; i < f->n; i++) {
        bool btn = fw_is_button(f->w[i]);
        bool first_btn = btn && (i == 0 || !fw_is_button(f->w[i - 1]));
        if (first_btn)
            y++;
        if (btn && !first_btn) {
            row[i] = row[i - 1];
            continue;
        }
        row[i] = y;
        y += fw_widget_rows(f->w[i]);
    }
    return y;
}

static void draw_label(const fw_form *f, WINDOW *win, int y, int x,
                       const fw_widget *w, bool focused)
{
    int len = cells(w->label);
    attr_t a = fw_attr(w->invalid ? FW_S_ERROR : FW_S_LABEL) |
               (focused ? A_BOLD : 0);
    fw_draw_text(win, y, x, f->label_width - len, "", 0, 0, true);
    fw_draw_str(win, y, x + f->label_width - len, len, w->label, a);
    fw_draw_str(win, y, x + f->label_width, 2, w->invalid ? "!" : " ",
                fw_attr(FW_S_ERROR));
}

int fw_form_draw(fw_form *f, WINDOW *win, int y, int x, int height, int width)
{
    int *row = calloc((size_t)f->n + 1, sizeof *row);
    if (!row)
        abort();
    int total = layout(f, row);
    if (f->n) { /* scroll so that the focused widget is in view */
        int fr = row[f->focus], fh = fw_widget_rows(f->w[f->focus]);
        if (fr < f->top)
            f->top = fr;
        if (fr + fh > f->top + height)
            f->top = fr + fh - height;
    }
    if (f->top > total - height) /* grown (a resize): fill the room */
        f->top = total > height ? total - height : 0;
    int field_x = x + f->label_width + 2;
    int field_w = width - (field_x - x);
    int btn_x = field_x;
    for (int i = 0; i < f->n; i++) {
        fw_widget *w = f->w[i];
        int r = row[i] - f->top;
        bool focused = i == f->focus;
        if (r < 0 || r + fw_widget_rows(w) > height) {
            w->cur_y = -1;
            continue;
        }
        if (fw_is_button(w)) {
            int bw = cells(w->label) + 4;
            w->at_y = y + r, w->at_x = btn_x, w->width = bw;
            w->ops->draw(w, win, y + r, btn_x, bw, focused);
            btn_x += bw + 2;
            continue;
        }
        if (w->label)
            draw_label(f, win, y + r, x, w, focused);
        w->at_y = y + r, w->at_x = field_x, w->width = field_w;
        w->ops->draw(w, win, y + r, field_x, field_w, focused);
    }
    fw_widget *fw = fw_form_focused(f);
    if (fw && fw->ops->overlay)
        fw->ops->overlay(fw, win);
    free(row);
    return total - f->top < height ? total - f->top : height;
}

void fw_form_place_cursor(const fw_form *f, WINDOW *win)
{
    const fw_widget *w = fw_form_focused(f);
    if (w && w->cur_y >= 0) {
        wmove(win, w->cur_y, w->cur_x);
        curs_set(1);
    } else {
        curs_set(0);
    }
}
