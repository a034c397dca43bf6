#include "keybar.h"

#include <string.h>

void fw_keybar_draw(WINDOW *win, int y, const fw_keyhint *hints, int n)
{
    int cols = getmaxx(win), x = 0;
    for (int i = 0; i < n && x < cols; i++) {
        int kw = (int)strlen(hints[i].key), lw = (int)strlen(hints[i].label) + 1;
        if (x + kw + lw + 1 > cols)
            break; /* a hint is shown whole or not at all */
        x += fw_draw_str(win, y, x, cols - x, hints[i].key, fw_attr(FW_S_KEY));
        x += fw_draw_str(win, y, x, cols - x, " ", fw_attr(FW_S_KEYTEXT));
        x += fw_draw_str(win, y, x, cols - x, hints[i].label,
                         fw_attr(FW_S_KEYTEXT));
        if (x < cols)
            x += fw_draw_str(win, y, x, 1, " ", 0);
    }
    if (x < cols)
        fw_draw_text(win, y, x, cols - x, "", 0, fw_attr(FW_S_KEYTEXT), true);
}
