#include "textfield.h"

#include <stdlib.h>

int fw_textbuf_key(fw_textbuf *b, fw_key k)
{
    if (!k.fn && k.ch >= 0x20 && k.ch != 0x7f)
        return fw_textbuf_insert(b, (wchar_t)k.ch) ? FW_CHANGED : FW_HANDLED;
    if (fw_key_fn(k, KEY_BACKSPACE) || fw_key_is(k, 0x7f) || fw_key_is(k, 8))
        return fw_textbuf_backspace(b) ? FW_CHANGED : FW_HANDLED;
    if (fw_key_fn(k, KEY_DC) || fw_key_is(k, FW_CTRL('d')))
        return fw_textbuf_delete(b) ? FW_CHANGED : FW_HANDLED;
    if (fw_key_is(k, FW_CTRL('u')))
        return fw_textbuf_clear(b) ? FW_CHANGED : FW_HANDLED;
    if (fw_key_fn(k, KEY_LEFT))
        fw_textbuf_left(b);
    else if (fw_key_fn(k, KEY_RIGHT))
        fw_textbuf_right(b);
    else if (fw_key_fn(k, KEY_HOME) || fw_key_is(k, FW_CTRL('a')))
        fw_textbuf_home(b);
    else if (fw_key_fn(k, KEY_END) || fw_key_is(k, FW_CTRL('e')))
        fw_textbuf_end(b);
    else
        return FW_IGNORED;
    return FW_HANDLED;
}

void fw_textbuf_draw(fw_textbuf *b, fw_widget *w, WINDOW *win, int y, int x,
                     int width, attr_t attr, bool focused)
{
    int col = fw_textbuf_fit(b, width);
    fw_draw_text(win, y, x, width, b->text + b->scroll, b->len - b->scroll,
                 attr, true);
    if (b->scroll > 0) /* say that there is more to the left */
        mvwaddch(win, y, x, '<' | attr | A_BOLD);
    w->cur_y = focused ? y : -1;
    w->cur_x = focused ? x + col : -1;
}

static void draw(fw_widget *w, WINDOW *win, int y, int x, int width,
                 bool focused)
{
    fw_textfield *t = (fw_textfield *)w;
    fw_textbuf_draw(&t->buf, w, win, y, x, width,
                    fw_attr(focused ? FW_S_FIELD_FOCUS : FW_S_FIELD), focused);
}

static int key(fw_widget *w, fw_key k)
{
    return fw_textbuf_key(&((fw_textfield *)w)->buf, k);
}

static void destroy(fw_widget *w)
{
    fw_textbuf_free(&((fw_textfield *)w)->buf);
}

int fw_textbuf_paste(fw_textbuf *b, wchar_t c)
{
    if (!fw_text_char(c))
        return FW_HANDLED; /* dropped: a paste brings text, not keys */
    return fw_textbuf_insert(b, c) ? FW_CHANGED : FW_HANDLED | FW_CUT;
}

static int paste(fw_widget *w, wchar_t c)
{
    return fw_textbuf_paste(&((fw_textfield *)w)->buf, c);
}

static const fw_widget_ops ops = { .draw = draw, .key = key,
                                   .destroy = destroy, .paste = paste };

fw_widget *fw_textfield_new(const char *label, const char *help,
                            const char *text, size_t max_bytes)
{
    fw_textfield *t = calloc(1, sizeof *t);
    if (!t)
        abort();
    fw_widget_init(&t->base, &ops, label, help);
    fw_textbuf_init(&t->buf, text, max_bytes);
    return &t->base;
}

const char *fw_textfield_text(const fw_widget *w)
{
    return ((const fw_textfield *)w)->buf.text;
}

void fw_textfield_set(fw_widget *w, const char *text)
{
    fw_textbuf_set(&((fw_textfield *)w)->buf, text);
}
