#include "popup.h"

#include "textbuf.h"

#include <string.h>

static void draw_label(void *ctx, WINDOW *win, int y, int x, int width, int i,
                       bool selected)
{
    const fw_popup *p = ctx;
    fw_draw_clipped(win, y, x, width, p->labels[i], strlen(p->labels[i]),
                    fw_attr(selected ? FW_S_SELECTED : FW_S_POPUP), true);
}

void fw_popup_init(fw_popup *p, const char *const *labels, int count,
                   int current)
{
    p->labels = labels;
    p->count = count;
    p->title = NULL;
    fw_listbox_init(&p->box, draw_label, p, false);
    fw_listbox_set_count(&p->box, count);
    fw_listbox_select(&p->box, current);
}

void fw_popup_draw(fw_popup *p, WINDOW *win, int y, int x)
{
    int rows = getmaxy(win), cols = getmaxx(win);
    int width = p->title ? fw_text_width(p->title, strlen(p->title)) + 4 : 4;
    for (int i = 0; i < p->count; i++)
        if (fw_text_width(p->labels[i], strlen(p->labels[i])) + 4 > width)
            width = fw_text_width(p->labels[i], strlen(p->labels[i])) + 4;
    if (width > cols)
        width = cols;
    int h = p->count + 2 <= rows ? p->count + 2 : rows;
    int top = y + 1;
    if (top + h > rows) /* no room below: above the row, or at the top */
        top = y - h >= 0 ? y - h : 0;
    int left = x + width <= cols ? x : cols - width;
    if (left < 0)
        left = 0;
    fw_draw_box(win, top, left, h, width, fw_attr(FW_S_POPUP));
    if (p->title) /* as a dialog's title, on the border */
        fw_draw_str(win, top, left + 2, width - 4, p->title,
                    fw_attr(FW_S_POPUP) | A_BOLD);
    fw_listbox_draw(&p->box, win, top + 1, left + 1, h - 2, width - 2);
    int sel = fw_listbox_selected(&p->box) - fw_listbox_top(&p->box);
    wmove(win, top + 1 + sel, left + 1);
}

int fw_popup_key(fw_popup *p, fw_key k)
{
    if (fw_key_is(k, '\n') || fw_key_is(k, '\r') ||
        fw_key_fn(k, KEY_ENTER) || fw_key_is(k, ' '))
        return FW_ACTIVATED;
    if (fw_key_is(k, FW_ESC) || fw_key_is(k, '\t') || fw_key_fn(k, KEY_BTAB))
        return FW_CHANGED;
    fw_listbox_key(&p->box, k);
    return FW_HANDLED;
}

int fw_popup_selected(const fw_popup *p)
{
    return fw_listbox_selected(&p->box);
}

typedef struct running {
    fw_redraw_fn redraw;
    void *ctx;
    fw_popup *p;
    int y, x;
} running;

static void draw_over(void *arg)
{
    running *r = arg;
    if (r->redraw)
        r->redraw(r->ctx);
    fw_popup_draw(r->p, stdscr, r->y, r->x);
    curs_set(1);
}

int fw_popup_run(fw_redraw_fn redraw, void *ctx, int y, int x,
                 const char *title, const char *const *labels, int count,
                 int current)
{
    fw_popup p;
    fw_popup_init(&p, labels, count, current);
    p.title = title;
    running r = { redraw, ctx, &p, y, x };
    for (;;) {
        fw_key k = fw_read_key(draw_over, &r);
        if (k.ch == FW_KEY_HANGUP)
            return -1;
        int rc = fw_popup_key(&p, k);
        if (rc == FW_ACTIVATED)
            return fw_popup_selected(&p);
        if (rc == FW_CHANGED)
            return -1;
    }
}
