#include "listbox.h"
#include "keycap.h"

void fw_listbox_init(fw_listbox *l, fw_item_draw_fn draw, void *ctx,
                     bool viewer)
{
    *l = (fw_listbox){ .draw_item = draw, .ctx = ctx, .sel = viewer ? -1 : 0,
                       .viewer = viewer };
}

static int item_rows(const fw_listbox *l, int i)
{
    int r = l->item_rows ? l->item_rows(l->ctx, i, l->width) : 1;
    return r > 0 ? r : 1;
}

/* The first item of the last page: from it to the end fills the height
 * without more, or it is the last item. */
static int last_top(const fw_listbox *l)
{
    int top = l->count, used = 0;
    while (top > 0) {
        int r = item_rows(l, top - 1);
        if (used + r > l->height && top < l->count)
            break;
        used += r;
        top--;
    }
    return top;
}

/* The selection in view and the page full (after a resize or a removal). */
static void clamp(fw_listbox *l)
{
    if (l->viewer)
        l->sel = -1;
    else if (l->sel >= l->count)
        l->sel = l->count > 0 ? l->count - 1 : 0;
    else if (l->sel < 0)
        l->sel = 0;
    if (l->height <= 0)
        return; /* not drawn yet: no page to fit */
    int last = last_top(l);
    if (l->follow || l->top > last)
        l->top = last;
    if (!l->viewer && l->sel < l->count) {
        if (l->sel < l->top)
            l->top = l->sel;
        int used = 0;
        for (int i = l->top; i <= l->sel; i++)
            used += item_rows(l, i);
        while (l->top < l->sel && used > l->height)
            used -= item_rows(l, l->top++);
    }
    if (l->top < 0)
        l->top = 0;
}

void fw_listbox_set_count(fw_listbox *l, int count)
{
    l->count = count > 0 ? count : 0;
    clamp(l);
}

void fw_listbox_select(fw_listbox *l, int i)
{
    if (l->viewer)
        return;
    l->sel = i < 0 ? 0 : i;
    clamp(l);
}

int fw_listbox_selected(const fw_listbox *l)
{
    return l->sel >= 0 && l->sel < l->count ? l->sel : -1;
}

int fw_listbox_top(const fw_listbox *l) { return l->top; }

static int page(const fw_listbox *l) { return l->height > 1 ? l->height : 1; }

static int move_to(fw_listbox *l, int to)
{
    if (!l->viewer) {
        l->sel = to < 0 ? 0 : to;
    } else {                        /* a viewer scrolls */
        l->follow = false;
        int last = l->height > 0 ? last_top(l) : l->count - 1;
        l->top = to < 0 ? 0 : to > last ? last : to;
    }
    clamp(l);
    return FW_HANDLED;
}

int fw_listbox_key(fw_listbox *l, fw_key k)
{
    int at = l->viewer ? l->top : l->sel;
    k = fw_key_command(k); /* a list is never typed into */
    if (fw_key_fn(k, KEY_UP) || fw_key_is(k, 'k'))
        return move_to(l, at - 1);
    if (fw_key_fn(k, KEY_DOWN) || fw_key_is(k, 'j'))
        return move_to(l, at + 1 < l->count ? at + 1 : at);
    if (fw_key_fn(k, KEY_PPAGE))
        return move_to(l, at - page(l));
    if (fw_key_fn(k, KEY_NPAGE))
        return move_to(l, at + page(l) < l->count ? at + page(l)
                                                  : l->count - 1);
    if (fw_key_fn(k, KEY_HOME))
        return move_to(l, 0);
    if (fw_key_fn(k, KEY_END))
        return move_to(l, l->count - 1);
    return FW_IGNORED;
}

void fw_listbox_marks(const fw_listbox *l, WINDOW *win, int y, int x,
                      int height, int width, attr_t attr)
{
    if (height <= 0 || width <= 0)
        return;
    /* ACS arrows: ↑ and ↓ on a UTF-8 terminal, ^ and v where it has none */
    if (l->top > 0)
        mvwaddch(win, y, x + width - 1, ACS_UARROW | attr);
    int used = 0, i = l->top;
    while (i < l->count && used + item_rows(l, i) <= height)
        used += item_rows(l, i++);
    if (i < l->count)
        mvwaddch(win, y + height - 1, x + width - 1, ACS_DARROW | attr);
}

int fw_listbox_draw(fw_listbox *l, WINDOW *win, int y, int x, int height,
                    int width)
{
    l->height = height;
    l->width = width;
    clamp(l);
    int used = 0;
    for (int i = l->top; i < l->count && used < height; i++) {
        int r = item_rows(l, i);
        if (used + r > height && used > 0)
            break;
        l->draw_item(l->ctx, win, y + used, x, width, i, i == l->sel);
        used += r;
    }
    fw_listbox_marks(l, win, y, x, height, width,
                     l->mark_attr ? l->mark_attr : A_BOLD);
    return used;
}

int fw_listbox_filter(fw_listbox *l, int *map, int n, fw_item_match_fn match,
                      void *ctx, int keep)
{
    int count = 0, sel = -1;
    for (int i = 0; i < n; i++)
        if (!match || match(ctx, i)) {
            if (i == keep)
                sel = count;
            map[count++] = i;
        }
    fw_listbox_set_count(l, count);
    if (sel >= 0)
        fw_listbox_select(l, sel);
    return count;
}
