/* The text buffer of the form's fields, driven by key sequences: any
 * character a terminal can deliver (every wint_t, valid or not) and the
 * editing keys, on a starting text of arbitrary bytes (a description in
 * error is loaded as it is in the file), with the field drawn at any
 * width. Invariants, checked after every key: the text is len bytes with
 * no NUL inside; the cursor and the scroll are on character boundaries
 * (as the drawing splits the bytes: a valid UTF-8 sequence, else one
 * byte); the fit puts the cursor inside the field; nothing reads out of
 * bounds (ASan).
 *
 * Input: one byte of max length, then operations, one byte each with
 * their operands (see the enum). Bytes 0x20 and above are typed. */
#include "forms/textfield.h"
#include "fuzz.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

enum {
    OP_LEFT, OP_RIGHT, OP_HOME, OP_END, OP_BACKSPACE, OP_DC, OP_DEL_CHAR,
    OP_CTRL_H, OP_CTRL_U, OP_CTRL_A, OP_CTRL_E, OP_CTRL_D,
    OP_FIT,      /* 1 byte: width, as a signed number */
    OP_WCHAR,    /* 4 bytes: a wint_t, little-endian, as a character */
    OP_FNKEY,    /* 2 bytes: a function key code */
    OP_SET,      /* 1 byte n, then n bytes: the field's text replaced */
    OP_DRAW,     /* 1 byte: width; drawn into a window */
    OP_CONTROL,  /* 1 byte: a control character 0x00-0x1f typed */
    OP_COUNT
};

static WINDOW *pad; /* NULL when no terminal description was found */

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc, (void)argv;
    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    if (out && in && newterm("xterm", out, in)) {
        pad = newpad(1, 300);
        fw_theme_init(false);
    }
    return 0;
}

/* The character that starts at byte at, as fw_text_width sees it. */
static size_t char_len(const fw_textbuf *b, size_t at)
{
    ucs4_t c;
    int n = u8_mbtoucr(&c, (const uint8_t *)b->text + at, b->len - at);
    return n > 0 ? (size_t)n : 1;
}

static bool on_boundary(const fw_textbuf *b, size_t off)
{
    size_t at = 0;
    while (at < off)
        at += char_len(b, at);
    return at == off;
}

static void check(const fw_textbuf *b)
{
    REQUIRE(b->text && strlen(b->text) == b->len, "len %zu, text of %zu bytes",
            b->len, b->text ? strlen(b->text) : 0);
    REQUIRE(b->cursor <= b->len && on_boundary(b, b->cursor),
            "cursor at byte %zu of %zu, inside a character", b->cursor, b->len);
}

static void fit(fw_textbuf *b, int width)
{
    int col = fw_textbuf_fit(b, width);
    int w = width < 2 ? 2 : width;
    REQUIRE(b->scroll <= b->cursor && on_boundary(b, b->scroll),
            "scroll %zu, cursor %zu, at width %d", b->scroll, b->cursor, width);
    REQUIRE(col >= 0 && col <= w - 1, "cursor at column %d of a field of %d",
            col, width);
    REQUIRE(col == fw_text_width(b->text + b->scroll, b->cursor - b->scroll),
            "column %d is not the width before the cursor", col);
}

static void draw(fw_textbuf *b, int width)
{
    if (!pad || width < 1 || width > 290)
        return;
    fw_widget w = { 0 };
    fw_textbuf_draw(b, &w, pad, 0, 5, width, 0, true);
    REQUIRE(w.cur_x >= 5 && w.cur_x <= 5 + width - 1 + (width < 2),
            "drawn cursor at column %d of a field of %d", w.cur_x - 5, width);
}

static void key(fw_textbuf *b, int ch, bool fn)
{
    size_t before = b->len;
    fw_textbuf_key(b, (fw_key){ .ch = ch, .fn = fn });
    /* a text set from the file may be longer: typing never makes it so */
    REQUIRE(!b->max || b->len <= before || b->len <= b->max,
            "typed past the limit: %zu bytes of %zu", b->len, b->max);
}

static size_t op(fw_textbuf *b, const uint8_t *d, size_t n)
{
    static const int fn_of[] = { KEY_LEFT, KEY_RIGHT, KEY_HOME, KEY_END,
                                 KEY_BACKSPACE, KEY_DC };
    static const int ch_of[] = { 0x7f, 8, FW_CTRL('u'), FW_CTRL('a'),
                                 FW_CTRL('e'), FW_CTRL('d') };
    uint8_t o = d[0];
    if (o >= OP_COUNT) { /* typed: ASCII, and 0x80-0xff as U+0080-U+00FF */
        key(b, o, false);
        return 1;
    }
    if (o <= OP_DC) {
        key(b, fn_of[o], true);
        return 1;
    }
    if (o <= OP_CTRL_D) {
        key(b, ch_of[o - OP_DEL_CHAR], false);
        return 1;
    }
    if (o == OP_FIT || o == OP_DRAW || o == OP_CONTROL) {
        if (n < 2)
            return n;
        if (o == OP_FIT)
            fit(b, (int8_t)d[1]);
        else if (o == OP_DRAW)
            draw(b, d[1]);
        else
            key(b, d[1] & 0x1f, false);
        return 2;
    }
    if (o == OP_WCHAR) {
        if (n < 5)
            return n;
        uint32_t c = d[1] | d[2] << 8 | d[3] << 16 | (uint32_t)d[4] << 24;
        key(b, (int)c, false);
        return 5;
    }
    if (o == OP_FNKEY) {
        if (n < 3)
            return n;
        key(b, d[1] | d[2] << 8, true);
        return 3;
    }
    /* OP_SET */
    size_t len = n > 1 ? d[1] : 0;
    if (n < 2 + len)
        return n;
    char *t = strndup((const char *)d + 2, len);
    fw_textbuf_set(b, t);
    free(t);
    return 2 + len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    fw_textbuf b;
    fw_textbuf_init(&b, "", data[0] < 128 ? data[0] : 0);
    for (size_t i = 1; i < size;) {
        i += op(&b, data + i, size - i);
        check(&b);
        fit(&b, 26); /* what the form did at 80 columns, after each key */
    }
    fw_textbuf_free(&b);
    return 0;
}
