#include "dropdown.h"
#include "popup.h"
#include "textbuf.h"

#include <stdlib.h>
#include <string.h>

/* A button that shows the value and opens a pop-up list over the form. */
typedef struct fw_dropdown {
    fw_widget base;
    const char *const *choices;
    int count;
    int value;
    bool open;
    fw_popup pop; /* while open */
} fw_dropdown;

static int cycle(fw_dropdown *d, int step)
{
    d->value = (d->value + step + d->count) % d->count;
    return FW_CHANGED;
}

static int key_open(fw_dropdown *d, fw_key k)
{
    int r = fw_popup_key(&d->pop, k);
    if (r == FW_HANDLED)
        return FW_HANDLED; /* an open list keeps every key to itself */
    d->open = false;       /* Esc, Tab: the value as it was */
    int chosen = fw_popup_selected(&d->pop);
    if (r == FW_ACTIVATED && chosen >= 0 && chosen != d->value) {
        d->value = chosen;
        return FW_CHANGED;
    }
    return FW_HANDLED;
}

static int key(fw_widget *w, fw_key k)
{
    fw_dropdown *d = (fw_dropdown *)w;
    if (d->open)
        return key_open(d, k);
    if (fw_key_is(k, '\n') || fw_key_is(k, '\r') || fw_key_fn(k, KEY_ENTER)) {
        d->open = true;
        fw_popup_init(&d->pop, d->choices, d->count, d->value);
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
    for (int i = 0; i < d->count; i++) { /* in cells: any script */
        int cells = fw_text_width(d->choices[i], strlen(d->choices[i]));
        if (cells > longest)
            longest = cells;
    }
    int inner = longest + 1 < width - 2 ? longest + 1 : width - 2;
    fw_draw_str(win, y, x, 1, "[", a);
    fw_draw_clipped(win, y, x + 1, inner, d->choices[d->value],
                    strlen(d->choices[d->value]), a, true);
    fw_draw_str(win, y, x + 1 + inner, 2, focused ? "v]" : " ]", a);
    w->cur_y = focused ? y : -1;
    w->cur_x = focused ? x + 1 : -1;
}

/* The open list, drawn last over the form, below the field (above it
 * when there is no room). */
static void draw_open_list(fw_widget *w, WINDOW *win)
{
    fw_dropdown *d = (fw_dropdown *)w;
    if (!d->open)
        return;
    fw_popup_draw(&d->pop, win, w->at_y, w->at_x);
    getyx(win, w->cur_y, w->cur_x);
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

int fw_dropdown_highlighted(const fw_widget *w)
{
    const fw_dropdown *d = (const fw_dropdown *)w;
    int c = d->open ? fw_popup_selected(&d->pop) : -1;
    return c >= 0 ? c : d->value;
}
