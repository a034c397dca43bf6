#include "button.h"
#include "form.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

static int key(fw_widget *w, fw_key k)
{
    (void)w;
    if (fw_key_is(k, '\n') || fw_key_is(k, '\r') || fw_key_fn(k, KEY_ENTER) ||
        fw_key_is(k, ' '))
        return FW_ACTIVATED | FW_HANDLED;
    return FW_IGNORED;
}

static void draw(fw_widget *w, WINDOW *win, int y, int x, int width,
                 bool focused)
{
    char text[256];
    snprintf(text, sizeof text, "< %s >", w->label);
    fw_draw_str(win, y, x, width, text,
                fw_attr(focused ? FW_S_BUTTON_FOCUS : FW_S_BUTTON));
    w->cur_y = focused ? y : -1;
    w->cur_x = focused ? x + 2 : -1;
}

static const fw_widget_ops ops = { .draw = draw, .key = key };

bool fw_is_button(const fw_widget *w)
{
    return w && w->ops == &ops;
}

fw_widget *fw_button_new(const char *label, const char *help)
{
    fw_widget *w = calloc(1, sizeof *w);
    if (!w)
        abort();
    fw_widget_init(w, &ops, label, help);
    return w;
}
