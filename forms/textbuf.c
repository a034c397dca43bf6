#include "textbuf.h"

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

bool fw_textbuf_insert(fw_textbuf *b, wchar_t c)
{
    uint8_t enc[6];
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c > 0x10ffff)
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

/* Byte length of the character before / at the offset. */
static size_t prev_len(const fw_textbuf *b, size_t at)
{
    const uint8_t *s = (const uint8_t *)b->text;
    ucs4_t c;
    const uint8_t *p = u8_prev(&c, s + at, s);
    return p ? (size_t)(s + at - p) : (at ? 1 : 0);
}

static size_t next_len(const fw_textbuf *b, size_t at)
{
    if (at >= b->len)
        return 0;
    int n = u8_mblen((const uint8_t *)b->text + at, b->len - at);
    return n > 0 ? (size_t)n : 1;
}

static void cut(fw_textbuf *b, size_t at, size_t n)
{
    memmove(b->text + at, b->text + at + n, b->len - at - n + 1);
    b->len -= n;
}

bool fw_textbuf_backspace(fw_textbuf *b)
{
    size_t n = prev_len(b, b->cursor);
    if (!n)
        return false;
    b->cursor -= n;
    cut(b, b->cursor, n);
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

void fw_textbuf_left(fw_textbuf *b) { b->cursor -= prev_len(b, b->cursor); }
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
        ucs4_t c;
        int len = u8_mbtoucr(&c, u + i, n - i);
        if (len <= 0) {
            w += 4; /* drawn as \xNN */
            i++;
            continue;
        }
        int cw = uc_width(c, "UTF-8");
        w += c < 0x20 || c == 0x7f ? 2 : cw < 0 ? 6 : cw;
        i += (size_t)len;
    }
    return w;
}

int fw_textbuf_fit(fw_textbuf *b, int width)
{
    if (width < 2)
        width = 2;
    if (b->scroll > b->cursor)
        b->scroll = b->cursor;
    /* keep one column free at the right for the cursor itself */
    while (fw_text_width(b->text + b->scroll, b->cursor - b->scroll) > width - 1)
        b->scroll += next_len(b, b->scroll);
    return fw_text_width(b->text + b->scroll, b->cursor - b->scroll);
}
