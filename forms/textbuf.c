#include "textbuf.h"
#include "widget.h" /* fw_char_hidden */

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

static char *dup_or_die(const char *s)
{
    char *d = strdup(s ? s : "");
    if (!d)
        abort();
    return d;
}

void fw_textbuf_init(fw_textbuf *b, const char *text, size_t max)
{
    *b = (fw_textbuf){ .max = max };
    fw_textbuf_set(b, text);
}

void fw_textbuf_free(fw_textbuf *b)
{
    free(b->text);
    b->text = NULL;
}

void fw_textbuf_set(fw_textbuf *b, const char *text)
{
    free(b->text);
    b->text = dup_or_die(text);
    b->len = strlen(b->text);
    b->cursor = b->len;
    b->scroll = 0;
}

bool fw_text_char(wchar_t c)
{
    return c >= 0x20 && !(c >= 0x7f && c <= 0x9f) && c <= 0x10ffff &&
           !(c >= 0xd800 && c <= 0xdfff);
}

bool fw_textbuf_insert(fw_textbuf *b, wchar_t c)
{
    uint8_t enc[6];
    if (!fw_text_char(c))
        return false;
    int n = u8_uctomb(enc, (ucs4_t)c, sizeof enc);
    if (n <= 0 || (b->max && b->len + (size_t)n > b->max))
        return false;
    char *t = realloc(b->text, b->len + (size_t)n + 1);
    if (!t)
        abort();
    memmove(t + b->cursor + n, t + b->cursor, b->len - b->cursor + 1);
    memcpy(t + b->cursor, enc, (size_t)n);
    b->text = t;
    b->len += (size_t)n;
    b->cursor += (size_t)n;
    return true;
}

/* Bytes of the character at the offset, decoded as fw_draw_text and
 * fw_text_width decode it: a byte that starts no valid sequence is a
 * character of its own. */
static size_t next_len(const fw_textbuf *b, size_t at)
{
    if (at >= b->len)
        return 0;
    ucs4_t c;
    int n = u8_mbtoucr(&c, (const uint8_t *)b->text + at, b->len - at);
    return n > 0 ? (size_t)n : 1;
}

/* The last character boundary at or before the offset. Characters only
 * exist by decoding forward from the first byte: when an edit joins stray
 * bytes into one character (\xc3 X \x82, X removed, is U+00C2), an offset
 * that was a boundary falls inside it, and no backward scan can tell. */
static size_t snap(const fw_textbuf *b, size_t at)
{
    size_t i = 0, n;
    while ((n = next_len(b, i)) && i + n <= at)
        i += n;
    return i;
}

static size_t prev_boundary(const fw_textbuf *b, size_t at)
{
    return at ? snap(b, at - 1) : 0;
}

static void cut(fw_textbuf *b, size_t at, size_t n)
{
    memmove(b->text + at, b->text + at + n, b->len - at - n + 1);
    b->len -= n;
    b->cursor = snap(b, at); /* the bytes around the cut may have joined */
}

bool fw_textbuf_backspace(fw_textbuf *b)
{
    size_t start = prev_boundary(b, b->cursor);
    if (start == b->cursor)
        return false;
    cut(b, start, b->cursor - start);
    return true;
}

bool fw_textbuf_delete(fw_textbuf *b)
{
    size_t n = next_len(b, b->cursor);
    if (!n)
        return false;
    cut(b, b->cursor, n);
    return true;
}

void fw_textbuf_left(fw_textbuf *b) { b->cursor = prev_boundary(b, b->cursor); }
void fw_textbuf_right(fw_textbuf *b) { b->cursor += next_len(b, b->cursor); }
void fw_textbuf_home(fw_textbuf *b) { b->cursor = 0; }
void fw_textbuf_end(fw_textbuf *b) { b->cursor = b->len; }

bool fw_textbuf_clear(fw_textbuf *b)
{
    if (!b->len)
        return false;
    fw_textbuf_set(b, "");
    return true;
}

int fw_text_width(const char *s, size_t n)
{
    int w = 0;
    const uint8_t *u = (const uint8_t *)s;
    for (size_t i = 0; i < n;) {
        if (u[i] >= 0x20 && u[i] < 0x7f) { /* printable ASCII: most text; */
            w++, i++;                       /* the list measures every row */
            continue;
        }
        ucs4_t c;
        int len = u8_mbtoucr(&c, u + i, n - i);
        if (len <= 0) {
            w += 4; /* drawn as \xNN */
            i++;
            continue;
        }
        int cw = uc_width(c, "UTF-8");
        w += c < 0x20 || c == 0x7f ? 2
             : fw_char_hidden(c) ? (c > 0xFFFF ? 10 : 6) /* \uXXXX */
             : cw < 0 ? 6 : cw;
        i += (size_t)len;
    }
    return w;
}

/* Invariants after it: cursor and scroll on boundaries, scroll <= cursor,
 * the cursor's column < width; and the view is full: scroll is as far
 * left as it can be with the end of the text still in view, so that a
 * field made wider (a resize) shows what it has room for. */
int fw_textbuf_fit(fw_textbuf *b, int width)
{
    if (width < 2)
        width = 2;
    b->cursor = snap(b, b->cursor);
    b->scroll = snap(b, b->scroll < b->cursor ? b->scroll : b->cursor);
    /* keep one column free at the right for the cursor itself; widths
     * add up character by character, so one pass is enough */
    int col = fw_text_width(b->text + b->scroll, b->cursor - b->scroll);
    while (col > width - 1) {
        size_t n = next_len(b, b->scroll);
        col -= fw_text_width(b->text + b->scroll, n);
        b->scroll += n;
    }
    int tail = fw_text_width(b->text + b->scroll, b->len - b->scroll);
    while (b->scroll > 0) {
        size_t p = prev_boundary(b, b->scroll);
        int w = fw_text_width(b->text + p, b->scroll - p);
        if (tail + w > width - 1)
            break;
        tail += w;
        col += w;
        b->scroll = p;
    }
    return col;
}
