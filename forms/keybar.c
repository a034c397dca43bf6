#include "keybar.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#define FW_KEYBAR_MAX 32
#define FW_LABEL_MIN 3 /* "Ga…": still tells the key from its neighbours */

/* Terminal cells of a UTF-8 label (labels are our own text, printable). */
static int cells(const char *s)
{
    mbstate_t st = { 0 };
    int w = 0;
    wchar_t wc;
    size_t n, len = strlen(s);
    while (len && (n = mbrtowc(&wc, s, len, &st)) != 0) {
        if (n == (size_t)-1 || n == (size_t)-2) {
            w++, s++, len--; /* a stray byte: drawn as one cell */
            memset(&st, 0, sizeof st);
            continue;
        }
        int cw = wcwidth(wc);
        w += cw > 0 ? cw : 0;
        s += n, len -= n;
    }
    return w;
}

/* Every key is listed: when the bar is too narrow the longest labels are
 * cut first (ending with a marker), as htop's function bar keeps its keys.
 * Only below FW_LABEL_MIN a hint is left out, from the end. */
static void fit(const fw_keyhint *h, int n, int cols, int *lw)
{
    int total = 0;
    for (int i = 0; i < n; i++) {
        lw[i] = cells(h[i].label);
        total += cells(h[i].key) + 1 + lw[i] + 1;
    }
    total--; /* no blank after the last hint */
    while (total > cols) {
        int longest = -1;
        for (int i = 0; i < n; i++)
            if (lw[i] > FW_LABEL_MIN && (longest < 0 || lw[i] > lw[longest]))
                longest = i;
        if (longest < 0)
            return;
        lw[longest]--, total--;
    }
}

void fw_keybar_draw(WINDOW *win, int y, const fw_keyhint *hints, int n)
{
    int cols = getmaxx(win), x = 0, lw[FW_KEYBAR_MAX];
    if (n > FW_KEYBAR_MAX)
        n = FW_KEYBAR_MAX;
    fit(hints, n, cols, lw);
    for (int i = 0; i < n && x < cols; i++) {
        int kw = cells(hints[i].key), last = i == n - 1;
        if (x + kw + 1 + lw[i] + !last > cols)
            break; /* a hint is shown whole or not at all */
        x += fw_draw_str(win, y, x, cols - x, hints[i].key, fw_attr(FW_S_KEY));
        x += fw_draw_str(win, y, x, cols - x, " ", fw_attr(FW_S_KEYTEXT));
        x += fw_draw_clipped(win, y, x, lw[i], hints[i].label,
                             strlen(hints[i].label), fw_attr(FW_S_KEYTEXT),
                             false);
        if (x < cols)
            x += fw_draw_str(win, y, x, 1, " ", 0);
    }
    if (x < cols)
        fw_draw_text(win, y, x, cols - x, "", 0, fw_attr(FW_S_KEYTEXT), true);
}
