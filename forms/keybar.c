#include "keybar.h"
#include "textbuf.h"

#include <string.h>

#define FW_KEYBAR_MAX 32

static int width_of(const char *s) { return fw_text_width(s, strlen(s)); }

/* How the hints share the row: gap is the blank between a key and its
 * label, lw each label's cells, and the result how many hints are shown. */
typedef struct layout {
    int gap, n, lw[FW_KEYBAR_MAX];
} layout;

static int total(const fw_keyhint *h, const layout *l)
{
    int t = -1; /* no blank after the last hint */
    for (int i = 0; i < l->n; i++)
        t += width_of(h[i].key) + l->gap + l->lw[i] + 1;
    return t;
}

/* Every key stays listed, as in htop's and mc's bars: when the labels do
 * not fit whole with a blank after each key, the blank goes first (the
 * key's own style sets it off from its label); then the longest labels
 * are cut, a cell at a time, down to one cell; only then are hints left
 * out, from the end. Labels are translated with short forms for the bar
 * (msgctxt "key bar"), so a cut stays rare. */
static void fit(const fw_keyhint *h, int n, int cols, layout *l)
{
    l->gap = 1, l->n = n;
    for (int i = 0; i < n; i++)
        l->lw[i] = width_of(h[i].label);
    int t = total(h, l);
    if (t <= cols)
        return;
    l->gap = 0, t -= n;
    while (t > cols) {
        int longest = 0;
        for (int i = 1; i < l->n; i++)
            if (l->lw[i] > l->lw[longest])
                longest = i;
        if (l->lw[longest] > 1)
            l->lw[longest]--, t--;
        else if (l->n > 1)
            l->n--, t = total(h, l);
        else
            return;
    }
}

void fw_keybar_draw(WINDOW *win, int y, const fw_keyhint *hints, int n)
{
    int cols = getmaxx(win), x = 0;
    layout l;
    if (n > FW_KEYBAR_MAX)
        n = FW_KEYBAR_MAX;
    fit(hints, n, cols, &l);
    for (int i = 0; i < l.n && x < cols; i++) {
        const char *label = hints[i].label;
        x += fw_draw_str(win, y, x, cols - x, hints[i].key, fw_attr(FW_S_KEY));
        if (l.gap)
            x += fw_draw_str(win, y, x, cols - x, " ", fw_attr(FW_S_KEYTEXT));
        /* a label is our own word, not a value: cut at a stem, no marker */
        size_t keep = fw_text_prefix(label, strlen(label), l.lw[i]);
        x += fw_draw_text(win, y, x, cols - x, label, keep,
                          fw_attr(FW_S_KEYTEXT), false);
        if (x < cols)
            x += fw_draw_str(win, y, x, 1, " ", 0);
    }
    if (x < cols)
        fw_draw_text(win, y, x, cols - x, "", 0, fw_attr(FW_S_KEYTEXT), true);
}
