#include "dialog.h"
#include "keycap.h"
#include "paste.h"
#include "textbuf.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Bytes of the first line of the len bytes at p in width cells: back to
 * the last blank that fits, else cut on a character (a word wider than
 * the box); at least one character. */
static int line_bytes(const char *p, int len, int width)
{
    int fit = (int)fw_text_prefix(p, (size_t)len, width);
    if (fit == len)
        return len;
    int cut = fit;
    while (cut > 0 && p[cut] != ' ')
        cut--;
    if (cut > 0)
        return cut;
    if (!fit) /* one character wider than the box: on a line of its own */
        while (++fit < len && ((unsigned char)p[fit] & 0xC0) == 0x80)
            ;
    return fit;
}

int fw_dialog_wrap(const char *text, int width, const char **starts,
                   int *lens, int max)
{
    int n = 0;
    const char *p = text;
    while (*p && n < max) {
        const char *nl = strchr(p, '\n');
        int len = line_bytes(p, nl ? (int)(nl - p) : (int)strlen(p), width);
        starts[n] = p;
        lens[n++] = len;
        p += len;
        if (*p == ' ' || *p == '\n')
            p++;
    }
    return n;
}

static void draw(const char *title, const char *text)
{
    int rows = LINES, cols = COLS;
    int width = cols - 4 < 64 ? cols - 4 : 64;
    if (width < 10)
        width = 10;
    const char *starts[32];
    int lens[32];
    int n = fw_dialog_wrap(text, width - 4, starts, lens, 32);
    int h = n + 4, top = (rows - h) / 2, left = (cols - width) / 2;
    attr_t a = fw_attr(FW_S_POPUP);
    fw_draw_box(stdscr, top, left, h, width, a);
    fw_draw_str(stdscr, top, left + 2, width - 4, title, a | A_BOLD);
    for (int i = 0; i < n; i++)
        fw_draw_text(stdscr, top + 2 + i, left + 2, width - 4, starts[i],
                     (size_t)lens[i], a, false);
    wattrset(stdscr, A_NORMAL);
    curs_set(0);
}

typedef struct dialog {
    fw_redraw_fn redraw;
    void *ctx;
    const char *title, *text;
} dialog;

static void draw_over(void *arg)
{
    const dialog *d = arg;
    if (d->redraw)
        d->redraw(d->ctx);
    else
        erase();
    draw(d->title, d->text);
}

int fw_dialog(fw_redraw_fn redraw, void *ctx, const char *title,
              const char *text, const char *keys)
{
    dialog d = { redraw, ctx, title, text };
    bool pasting = false; /* pasted text never answers a question */
    for (;;) {
        fw_key k = fw_read_key(draw_over, &d);
        if (k.ch == FW_KEY_HANGUP)
            return FW_KEY_HANGUP;
        if (k.fn)
            pasting = k.ch == FW_KEY_PASTE_BEGIN;
        if (k.fn || pasting)
            continue;
        int c = fw_keycap_latin(k.ch); /* y/n under a Russian layout too */
        c = c < 128 ? tolower(c) : c;
        if (c == '\r')
            c = '\n';
        if (c > 0 && c < 128 && strchr(keys, c))
            return c;
    }
}
