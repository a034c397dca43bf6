#include "dropdown.h"

#include <stdlib.h>
#include <string.h>

static int cycle(fw_dropdown *d, int step)
{
    d->value = (d->value + step + d->count) % d->count;
    return FW_CHANGED;
}

static int key_open(fw_dropdown *d, fw_key k)
{
    if (fw_key_fn(k, KEY_UP) || fw_key_is(k, 'k'))
        d->cursor = d->cursor > 0 ? d->cursor - 1 : 0;
    else if (fw_key_fn(k, KEY_DOWN) || fw_key_is(k, 'j'))
        d->cursor = d->cursor < d->count - 1 ? d->cursor + 1 : d->count - 1;
    else if (fw_key_fn(k, KEY_HOME))
        d->cursor = 0;
    else if (fw_key_fn(k, KEY_END))
        d->cursor = d->count - 1;
    else if (fw_key_is(k, '\n') || fw_key_is(k, '\r') ||
             fw_key_fn(k, KEY_ENTER) || fw_key_is(k, ' ')) {
        d->open = false;
        if (d->cursor != d->value) {
            d->value = d->cursor;
            return FW_CHANGED;
        }
    } else if (fw_key_is(k, FW_ESC) || fw_key_is(k, '\t') ||
               fw_key_fn(k, KEY_BTAB)) {
        d->open = false; /* leaves the value as it was */
    }
    return FW_HANDLED; /* an open list keeps every key to itself */
}

static int key(fw_widget *w, fw_key k)
{
    fw_dropdown *d = (fw_dropdown *)w;
    if (d->open)
        return key_open(d, k);
    if (fw_key_is(k, '\n') || fw_key_is(k, '\r') || fw_key_fn(k, KEY_ENTER)) {
        d->open = true;
        d->cursor = d->value;
        return FW_HANDLED;
    }
    if (fw_key_fn(k, KEY_LEFT))
        return cycle(d, -1);
    if (fw_key_fn(k, KEY_RIGHT) || fw_key_is(k, ' '))
        return cycle(d, 1);
    return FW_IGNORED;
}

static void draw(fw_widget *w, WINDOW *win, int y, int x, int width,
                 bool focused)
{
    fw_dropdown *d = (fw_dropdown *)w;
    attr_t a = fw_attr(focused ? FW_S_FIELD_FOCUS : FW_S_FIELD);
    int longest = 0;
    for (int i = 0; i < d->count; i++)
        if ((int)strlen(d->choices[i]) > longest)
            longest = (int)strlen(d->choices[i]);
    int inner = longest + 1 < width - 2 ? longest + 1 : width - 2;
    fw_draw_str(win, y, x, 1, "[", a);
    fw_draw_clipped(win, y, x + 1, inner, d->choices[d->value],
                    strlen(d->choices[d->value]), a, true);
    fw_draw_str(win, y, x + 1 + inner, 2, focused ? "v]" : " ]", a);
    w->cur_y = focused ? y : -1;
    w->cur_x = focused ? x + 1 : -1;
}

/* The open list, drawn below the field (above it when there is no room). */
static void draw_open_list(fw_widget *w, WINDOW *win)
{
    fw_dropdown *d = (fw_dropdown *)w;
    if (!d->open)
        return;
    int rows = getmaxy(win), cols = getmaxx(win);
    int width = 4;
    for (int i = 0; i < d->count; i++)
        if ((int)strlen(d->choices[i]) + 4 > width)
            width = (int)strlen(d->choices[i]) + 4;
    int top = w->at_y + 1;
    if (top + d->count + 2 > rows)
        top = w->at_y - d->count - 2 >= 0 ? w->at_y - d->count - 2 : 0;
    int left = w->at_x + width <= cols ? w->at_x : cols - width;
    if (left < 0)
        left = 0;
    attr_t a = fw_attr(FW_S_POPUP);
    for (int r = 0; r < d->count + 2 && top + r < rows; r++)
        fw_draw_text(win, top + r, left, width, "", 0, a, true);
    wattrset(win, a);
    mvwaddch(win, top, left, ACS_ULCORNER);
    whline(win, ACS_HLINE, width - 2);
    mvwaddch(win, top, left + width - 1, ACS_URCORNER);
    for (int i = 0; i < d->count; i++) {
        mvwaddch(win, top + 1 + i, left, ACS_VLINE);
        attr_t ia = i == d->cursor ? fw_attr(FW_S_SELECTED) : a;
        fw_draw_text(win, top + 1 + i, left + 1, width - 2, d->choices[i],
                     strlen(d->choices[i]), ia, true);
        wattrset(win, a);
        mvwaddch(win, top + 1 + i, left + width - 1, ACS_VLINE);
    }
    mvwaddch(win, top + d->count + 1, left, ACS_LLCORNER);
    whline(win, ACS_HLINE, width - 2);
    mvwaddch(win, top + d->count + 1, left + width - 1, ACS_LRCORNER);
    wattrset(win, A_NORMAL);
    w->cur_y = top + 1 + d->cursor;
    w->cur_x = left + 1;
}

static bool busy(const fw_widget *w)
{
    return ((const fw_dropdown *)w)->open;
}

/* A commit while the list is open keeps the value that was chosen. */
static int settle(fw_widget *w)
{
    ((fw_dropdown *)w)->open = false;
    return FW_HANDLED;
}

static const fw_widget_ops ops = { .draw = draw, .overlay = draw_open_list,
                                   .key = key, .busy = busy, .settle = settle };

fw_widget *fw_dropdown_new(const char *label, const char *help,
                           const char *const *choices, int count, int value)
{
    fw_dropdown *d = calloc(1, sizeof *d);
    if (!d)
        abort();
    fw_widget_init(&d->base, &ops, label, help);
    d->choices = choices;
    d->count = count;
    d->value = value >= 0 && value < count ? value : 0;
    return &d->base;
}

int fw_dropdown_value(const fw_widget *w)
{
    return ((const fw_dropdown *)w)->value;
}

void fw_dropdown_set(fw_widget *w, int value)
{
    fw_dropdown *d = (fw_dropdown *)w;
    if (value >= 0 && value < d->count)
        d->value = value;
}

bool fw_dropdown_select(fw_widget *w, const char *label)
{
    fw_dropdown *d = (fw_dropdown *)w;
    for (int i = 0; i < d->count; i++)
        if (strcmp(d->choices[i], label) == 0) {
            d->value = i;
            return true;
        }
    return false;
}

bool fw_dropdown_is_open(const fw_widget *w)
{
    return ((const fw_dropdown *)w)->open;
}
