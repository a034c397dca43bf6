/* The widget layer's editing logic, without a terminal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "forms/button.h"
#include "forms/dropdown.h"
#include "forms/form.h"
#include "forms/keycap.h"
#include "forms/listbox.h"
#include "forms/listfield.h"
#include "forms/popup.h"
#include "forms/paste.h"
#include "forms/textfield.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static fw_key ch(int c) { return (fw_key){ c, false }; }
static fw_key fn(int c) { return (fw_key){ c, true }; }

static void type(fw_widget *w, const wchar_t *s)
{
    for (; *s; s++)
        w->ops->key(w, ch((int)*s));
}

static void test_textbuf_multibyte(void **state)
{
    (void)state;
    fw_textbuf b;
    fw_textbuf_init(&b, "Zürich", 0);
    assert_int_equal(b.len, 7);
    assert_int_equal(b.cursor, 7);
    fw_textbuf_left(&b);
    fw_textbuf_left(&b);
    fw_textbuf_left(&b);
    fw_textbuf_left(&b); /* before 'r', after 'ü' */
    assert_int_equal(b.cursor, 3);
    assert_true(fw_textbuf_backspace(&b)); /* removes the two bytes of ü */
    assert_string_equal(b.text, "Zrich");
    assert_true(fw_textbuf_insert(&b, L'ü'));
    assert_string_equal(b.text, "Zürich");
    fw_textbuf_home(&b);
    assert_true(fw_textbuf_delete(&b));
    assert_string_equal(b.text, "ürich");
    assert_true(fw_textbuf_delete(&b));
    assert_string_equal(b.text, "rich");
    fw_textbuf_end(&b);
    assert_true(fw_textbuf_insert(&b, L'東'));
    assert_true(fw_textbuf_insert(&b, L'京'));
    assert_string_equal(b.text, "rich東京");
    assert_int_equal(fw_text_width(b.text, b.len), 8); /* wide: 2 each */
    fw_textbuf_left(&b);
    assert_true(fw_textbuf_backspace(&b));
    assert_string_equal(b.text, "rich京");
    assert_false(fw_textbuf_insert(&b, 0x1b)); /* no control characters */
    assert_true(fw_textbuf_clear(&b));
    assert_string_equal(b.text, "");
    assert_false(fw_textbuf_backspace(&b));
    fw_textbuf_free(&b);
}

static void test_textbuf_limit_and_scroll(void **state)
{
    (void)state;
    fw_textbuf b;
    fw_textbuf_init(&b, "", 4);
    assert_true(fw_textbuf_insert(&b, L'a'));
    assert_true(fw_textbuf_insert(&b, L'é'));
    assert_false(fw_textbuf_insert(&b, L'東')); /* 3 more bytes: over 4 */
    assert_true(fw_textbuf_insert(&b, L'b'));
    assert_int_equal(b.len, 4);
    fw_textbuf_free(&b);
    fw_textbuf_init(&b, "東京東京東京東京", 0); /* 16 columns */
    int col = fw_textbuf_fit(&b, 8);
    assert_true(col <= 7);
    assert_true(b.scroll > 0);
    assert_int_equal(b.scroll % 3, 0); /* on a character boundary */
    fw_textbuf_home(&b);
    assert_int_equal(fw_textbuf_fit(&b, 8), 0);
    assert_int_equal(b.scroll, 0);
    fw_textbuf_free(&b);
}

static void test_textfield_keys(void **state)
{
    (void)state;
    fw_widget *w = fw_textfield_new("Name", NULL, "ab", 0);
    assert_int_equal(w->ops->key(w, ch('c')), FW_CHANGED);
    assert_int_equal(w->ops->key(w, fn(KEY_LEFT)), FW_HANDLED);
    assert_int_equal(w->ops->key(w, fn(KEY_BACKSPACE)), FW_CHANGED);
    assert_string_equal(fw_textfield_text(w), "ac");
    assert_int_equal(w->ops->key(w, ch(FW_CTRL('u'))), FW_CHANGED);
    assert_string_equal(fw_textfield_text(w), "");
    assert_int_equal(w->ops->key(w, ch('\t')), FW_IGNORED);
    fw_widget_free(w);
}

/* Where the drawing code sees characters start: decoding forward from the
 * first byte, a byte that does not begin a valid sequence counts alone. */
static bool on_boundary(const char *s, size_t len, size_t at)
{
    size_t i = 0;
    while (i < at) {
        ucs4_t c;
        int n = u8_mbtoucr(&c, (const uint8_t *)s + i, len - i);
        i += n > 0 ? (size_t)n : 1;
    }
    return i == at;
}

static size_t boundary_before(const char *s, size_t len, size_t at)
{
    size_t b = 0;
    for (size_t i = 0; i < at; i++)
        if (on_boundary(s, len, i))
            b = i;
    return b;
}

/* Issue 8 item 14: Backspace joined \xc3 and \x82 into one character with
 * the cursor between its bytes; the scroll then passed the cursor. */
static void test_textbuf_backspace_joins_bytes(void **state)
{
    (void)state;
    fw_textbuf b;
    fw_textbuf_init(&b, "\xc3X\x82", 0);
    fw_textbuf_left(&b);
    assert_int_equal(b.cursor, 2);
    assert_true(fw_textbuf_backspace(&b));
    assert_string_equal(b.text, "\xc3\x82"); /* now one character: U+00C2 */
    assert_true(on_boundary(b.text, b.len, b.cursor));
    for (int width = 0; width < 8; width++) {
        int col = fw_textbuf_fit(&b, width);
        assert_true(b.scroll <= b.cursor);
        assert_true(col >= 0 && col < (width < 2 ? 2 : width));
    }
    /* the same join by Delete */
    fw_textbuf_set(&b, "\xc3X\x82");
    fw_textbuf_home(&b);
    fw_textbuf_right(&b);
    assert_int_equal(b.cursor, 1);
    assert_true(fw_textbuf_delete(&b));
    assert_true(on_boundary(b.text, b.len, b.cursor));
    assert_int_equal(fw_textbuf_fit(&b, 3), fw_text_width(b.text + b.scroll,
                                                          b.cursor - b.scroll));
    fw_textbuf_right(&b);
    assert_int_equal(b.cursor, b.len);
    fw_textbuf_free(&b);
}

/* Issue 8 item 7: a field made wider shows the text it has room for. */
static void test_textbuf_scroll_clamped_when_wider(void **state)
{
    (void)state;
    fw_textbuf b;
    fw_textbuf_init(&b, "東京東京東京東京", 0); /* 16 columns */
    fw_textbuf_fit(&b, 8);
    assert_true(b.scroll > 0);
    assert_int_equal(fw_textbuf_fit(&b, 40), 16);
    assert_int_equal(b.scroll, 0);
    /* wider, but not enough for all: the end fills the field */
    fw_textbuf_fit(&b, 4);
    fw_textbuf_fit(&b, 12);
    assert_int_equal(b.scroll, 9); /* 5 wide characters after it: 12 columns
                                     * would not leave the cursor its own */
    fw_textbuf_free(&b);
}

/* A small generator of its own: the same sequence on every libc. */
static uint32_t rnd_state = 20261127;
static uint32_t rnd(uint32_t n)
{
    rnd_state ^= rnd_state << 13;
    rnd_state ^= rnd_state >> 17;
    rnd_state ^= rnd_state << 5;
    return rnd_state % n;
}

/* Bytes that make hostile UTF-8: lead bytes, stray continuations,
 * overlong and surrogate starts, bytes never valid. */
static void random_bytes(char *s, size_t n)
{
    static const unsigned char pal[] = { 'a', 'Z', ' ', 0x01, 0x1b, 0x7f,
        0xc3, 0xc0, 0xe2, 0xe6, 0xed, 0xf0, 0xf4, 0xf8, 0xff, 0x80, 0x82,
        0x9f, 0xa0, 0xac, 0xbf };
    for (size_t i = 0; i < n; i++)
        s[i] = (char)pal[rnd(sizeof pal)];
    s[n] = '\0';
}

static fw_key random_key(void)
{
    static const int fns[] = { KEY_BACKSPACE, KEY_DC, KEY_LEFT, KEY_RIGHT,
                               KEY_HOME, KEY_END };
    static const int chars[] = { 0x7f, 8, FW_CTRL('d'), FW_CTRL('u'),
        FW_CTRL('a'), FW_CTRL('e'), 'x', 0xe9, 0x6771, 0x1f600, 0x85,
        0xd800, 0x110000, 0x301, 0x200b, 0x1b, '\t' };
    switch (rnd(3)) {
    case 0: return fn(fns[rnd(sizeof fns / sizeof *fns)]);
    case 1: return ch(chars[rnd(sizeof chars / sizeof *chars)]);
    default: return ch((int)rnd(0x110010)); /* any code a terminal gives */
    }
}

static void check_invariants(fw_textbuf *b, int width)
{
    int w = width < 2 ? 2 : width;
    assert_int_equal(strlen(b->text), b->len);
    assert_true(b->cursor <= b->len);
    assert_true(on_boundary(b->text, b->len, b->cursor));
    int col = fw_textbuf_fit(b, width);
    assert_true(on_boundary(b->text, b->len, b->scroll));
    assert_true(b->scroll <= b->cursor);
    assert_int_equal(col, fw_text_width(b->text + b->scroll,
                                        b->cursor - b->scroll));
    assert_true(col >= 0 && col <= w - 1);
    if (b->scroll > 0) { /* no room left for one more character before */
        size_t p = boundary_before(b->text, b->len, b->scroll);
        assert_true(fw_text_width(b->text + p, b->len - p) > w - 1);
    }
}

static void test_textbuf_random_keys_keep_invariants(void **state)
{
    (void)state;
    for (int round = 0; round < 3000; round++) {
        char init[33];
        random_bytes(init, rnd(sizeof init));
        size_t max = rnd(2) ? 0 : strlen(init) + rnd(8);
        fw_textbuf b;
        fw_textbuf_init(&b, init, max);
        for (int step = 0; step < 40; step++) {
            size_t before = b.len;
            fw_textbuf_key(&b, random_key());
            if (max && b.len > before)
                assert_true(b.len <= max);
            check_invariants(&b, (int)rnd(30));
        }
        fw_textbuf_free(&b);
    }
}

static const char *const modes[] = { "required", "optional", "not-supported" };

static void test_dropdown_choice_and_cancel(void **state)
{
    (void)state;
    fw_widget *w = fw_dropdown_new("TLS", NULL, modes, 3, 0);
    /* cycle without opening */
    assert_int_equal(w->ops->key(w, fn(KEY_RIGHT)), FW_CHANGED);
    assert_int_equal(fw_dropdown_value(w), 1);
    assert_int_equal(w->ops->key(w, ch(' ')), FW_CHANGED);
    assert_int_equal(fw_dropdown_value(w), 2);
    assert_int_equal(w->ops->key(w, fn(KEY_RIGHT)), FW_CHANGED);
    assert_int_equal(fw_dropdown_value(w), 0); /* wraps */
    assert_int_equal(w->ops->key(w, fn(KEY_LEFT)), FW_CHANGED);
    assert_int_equal(fw_dropdown_value(w), 2);
    /* open, move, Esc: unchanged */
    assert_int_equal(w->ops->key(w, ch('\n')), FW_HANDLED);
    assert_true(fw_dropdown_is_open(w));
    w->ops->key(w, fn(KEY_UP));
    w->ops->key(w, fn(KEY_UP));
    assert_int_equal(w->ops->key(w, ch(FW_ESC)), FW_HANDLED);
    assert_false(fw_dropdown_is_open(w));
    assert_int_equal(fw_dropdown_value(w), 2);
    /* open, move, Enter: taken */
    w->ops->key(w, ch('\n'));
    w->ops->key(w, fn(KEY_UP));
    assert_int_equal(w->ops->key(w, ch('\n')), FW_CHANGED);
    assert_int_equal(fw_dropdown_value(w), 1);
    /* an open list keeps Tab and arrows to itself */
    w->ops->key(w, ch('\n'));
    assert_int_equal(w->ops->key(w, fn(KEY_DOWN)), FW_HANDLED);
    assert_int_equal(w->ops->key(w, fn(KEY_DOWN)), FW_HANDLED);
    assert_int_equal(w->ops->key(w, fn(KEY_DOWN)), FW_HANDLED); /* stops */
    assert_int_equal(w->ops->key(w, ch('\n')), FW_CHANGED);
    assert_int_equal(fw_dropdown_value(w), 2);
    fw_widget_free(w);
}

static void test_listfield(void **state)
{
    (void)state;
    fw_widget *w = fw_listfield_new("Domains", NULL, 3, 0);
    fw_listfield_add(w, "a.example");
    assert_int_equal(fw_listfield_count(w), 1);
    /* down to the add row, type a new one, Enter keeps it */
    assert_int_equal(w->ops->key(w, fn(KEY_DOWN)), FW_HANDLED);
    assert_int_equal(w->ops->key(w, ch('\n')), FW_HANDLED);
    type(w, L"b.example");
    assert_int_equal(fw_listfield_count(w), 1); /* not until Enter */
    assert_int_equal(w->ops->key(w, ch('\n')), FW_CHANGED);
    assert_int_equal(fw_listfield_count(w), 2);
    assert_string_equal(fw_listfield_item(w, 1), "b.example");
    /* edit the first, Esc drops the edit */
    w->ops->key(w, fn(KEY_UP));
    w->ops->key(w, fn(KEY_UP));
    w->ops->key(w, ch('\n'));
    type(w, L"zzz");
    assert_int_equal(w->ops->key(w, ch(FW_ESC)), FW_HANDLED);
    assert_string_equal(fw_listfield_item(w, 0), "a.example");
    /* Delete removes; at the top edge Up is left to the form */
    assert_int_equal(w->ops->key(w, fn(KEY_DC)), FW_CHANGED);
    assert_int_equal(fw_listfield_count(w), 1);
    assert_int_equal(w->ops->key(w, fn(KEY_UP)), FW_IGNORED);
    fw_widget_free(w);
}

/* Typing on a selected entry starts a new one: no letter deletes (a
 * domain typed as "dev.example" on a selected entry lost that entry to
 * its 'd' and was saved as "ev.example"). */
static void test_listfield_letter_never_deletes(void **state)
{
    (void)state;
    fw_widget *w = fw_listfield_new("Domains", NULL, 3, 0);
    fw_listfield_add(w, "corp.example");
    fw_listfield_add(w, "it.example");
    /* the first entry selected, not edited: type a new domain */
    type(w, L"dev.example");
    assert_int_equal(w->ops->key(w, ch('\n')), FW_CHANGED);
    assert_int_equal(fw_listfield_count(w), 3);
    assert_string_equal(fw_listfield_item(w, 0), "corp.example");
    assert_string_equal(fw_listfield_item(w, 1), "it.example");
    assert_string_equal(fw_listfield_item(w, 2), "dev.example");
    fw_widget_free(w);
}

/* Issue 8 item 7: after a removal the box shows as many rows as it can. */
static void test_listfield_view_full_after_removal(void **state)
{
    (void)state;
    fw_widget *w = fw_listfield_new("Domains", NULL, 3, 0);
    for (int i = 0; i < 4; i++)
        fw_listfield_add(w, "x.example");
    for (int i = 0; i < 4; i++)
        w->ops->key(w, fn(KEY_DOWN)); /* the add row */
    assert_int_equal(fw_listfield_top(w), 2);
    w->ops->key(w, fn(KEY_UP));
    assert_int_equal(w->ops->key(w, fn(KEY_DC)), FW_CHANGED);
    /* entries 1, 2 and the add row: none of the three rows empty */
    assert_int_equal(fw_listfield_selected(w), 3);
    assert_int_equal(fw_listfield_top(w), 1);
    w->ops->key(w, fn(KEY_UP));
    w->ops->key(w, fn(KEY_DC)); /* two left: the box shows them all */
    assert_int_equal(fw_listfield_count(w), 2);
    assert_int_equal(fw_listfield_top(w), 0);
    fw_widget_free(w);
}

static void test_wrapped_rows(void **state)
{
    (void)state;
    assert_int_equal(fw_wrapped_rows(20, ""), 0);
    assert_int_equal(fw_wrapped_rows(20, "short"), 1);
    assert_int_equal(fw_wrapped_rows(4, "aaa bbb ccc"), 3);
    assert_int_equal(fw_wrapped_rows(5, "abcdefghij"), 2);
    /* a character wider than the line takes a line, never a loop */
    assert_int_equal(fw_wrapped_rows(1, "東京"), 2);
}

static int changes;
static void on_change(fw_form *f, int index, void *ctx)
{
    (void)f, (void)index, (void)ctx;
    changes++;
}

static void test_form_focus_and_commit(void **state)
{
    (void)state;
    fw_form f;
    fw_form_init(&f, on_change, NULL);
    fw_form_add(&f, fw_textfield_new("Domain", NULL, "", 0));
    fw_form_add(&f, fw_dropdown_new("TLS", NULL, modes, 3, 0));
    int ok = fw_form_add(&f, fw_button_new("Commit", NULL));
    fw_form_add(&f, fw_button_new("Cancel", NULL));
    changes = 0;
    assert_int_equal(fw_form_key(&f, ch('x')), FW_FORM_NONE);
    assert_int_equal(changes, 1);
    fw_form_key(&f, ch('\t'));
    assert_int_equal(f.focus, 1);
    fw_form_key(&f, fn(KEY_BTAB));
    assert_int_equal(f.focus, 0);
    fw_form_key(&f, fn(KEY_DOWN));
    assert_int_equal(f.focus, 1);
    /* an open drop-down keeps Esc: it closes the list, not the form */
    fw_form_key(&f, ch('\n'));
    assert_true(fw_form_busy(&f));
    assert_int_equal(fw_form_key(&f, ch(FW_ESC)), FW_FORM_NONE);
    assert_false(fw_form_busy(&f));
    fw_form_key(&f, fn(KEY_RIGHT));
    assert_int_equal(changes, 2);
    assert_int_equal(fw_form_key(&f, ch(FW_CTRL('s'))), FW_FORM_COMMIT);
    assert_false(fw_form_busy(&f));
    assert_int_equal(fw_form_key(&f, fn(KEY_F(10))), FW_FORM_COMMIT);
    fw_form_key(&f, ch('\t'));
    assert_int_equal(fw_form_key(&f, ch('\n')), FW_FORM_BUTTON);
    assert_int_equal(f.activated, ok);
    fw_form_key(&f, fn(KEY_RIGHT)); /* along the button row */
    assert_int_equal(f.focus, ok + 1);
    assert_int_equal(fw_form_key(&f, ch(FW_ESC)), FW_FORM_CANCEL);
    fw_form_free(&f);
}

/* Issue 13: Enter in a text field moves to the next field, as in nmtui;
 * the widgets that take Enter keep it. */
static void test_form_enter_in_text_field_moves_on(void **state)
{
    (void)state;
    fw_form f;
    fw_form_init(&f, NULL, NULL);
    fw_form_add(&f, fw_textfield_new("Domain", NULL, "", 0));
    fw_form_add(&f, fw_textfield_new("Description", NULL, "", 0));
    fw_form_add(&f, fw_dropdown_new("TLS", NULL, modes, 3, 0));
    int ok = fw_form_add(&f, fw_button_new("Commit", NULL));
    assert_int_equal(fw_form_key(&f, ch('\r')), FW_FORM_NONE);
    assert_int_equal(f.focus, 1);
    assert_int_equal(fw_form_key(&f, fn(KEY_ENTER)), FW_FORM_NONE);
    assert_int_equal(f.focus, 2);
    fw_form_key(&f, ch('\r')); /* the drop-down opens */
    assert_true(fw_form_busy(&f));
    assert_int_equal(f.focus, 2);
    fw_form_key(&f, ch('\r'));
    fw_form_key(&f, ch('\t'));
    assert_int_equal(fw_form_key(&f, ch('\r')), FW_FORM_BUTTON);
    assert_int_equal(f.activated, ok);
    fw_form_free(&f);
}

/* Issue 13: a bracketed paste is text, never keys. */
static int paste(fw_form *f, const char *s)
{
    fw_form_key(f, fn(FW_KEY_PASTE_BEGIN));
    for (; *s; s++)
        fw_form_key(f, ch((unsigned char)*s));
    return fw_form_key(f, fn(FW_KEY_PASTE_END));
}

static void test_form_paste_is_text(void **state)
{
    (void)state;
    fw_form f;
    fw_form_init(&f, on_change, NULL);
    fw_widget *t = fw_textfield_new("Domain", NULL, "", 8);
    fw_form_add(&f, t);
    fw_widget *d = fw_dropdown_new("TLS", NULL, modes, 3, 0);
    fw_form_add(&f, d);
    fw_widget *l = fw_listfield_new("Domains", NULL, 3, 0);
    fw_form_add(&f, l);
    int ok = fw_form_add(&f, fw_button_new("Commit", NULL));
    changes = 0;
    /* Tab and newlines: one blank between words, none at the ends */
    assert_int_equal(paste(&f, "\tab\t\tc\r\n"), FW_FORM_NONE);
    assert_string_equal(fw_textfield_text(t), "ab c");
    assert_int_equal(f.focus, 0);
    assert_true(changes > 0);
    /* past the limit: cut, and said */
    assert_int_equal(paste(&f, "12345678"), FW_FORM_CUT);
    assert_string_equal(fw_textfield_text(t), "ab c1234");
    assert_int_equal(paste(&f, "x"), FW_FORM_CUT);
    fw_form_key(&f, fn(KEY_END));
    /* a drop-down and a button ignore a paste: nothing cycles or fires */
    fw_form_set_focus(&f, 1);
    assert_int_equal(paste(&f, " \r "), FW_FORM_NONE);
    assert_int_equal(fw_dropdown_value(d), 0);
    fw_form_set_focus(&f, ok);
    assert_int_equal(paste(&f, "\r \r"), FW_FORM_NONE);
    assert_int_equal(f.focus, ok);
    /* the domains box: a new entry, kept with Enter */
    fw_form_set_focus(&f, 2);
    assert_int_equal(paste(&f, "new.example\n"), FW_FORM_NONE);
    assert_true(fw_form_busy(&f));
    fw_form_key(&f, ch('\r'));
    assert_int_equal(fw_listfield_count(l), 1);
    assert_string_equal(fw_listfield_item(l, 0), "new.example");
    /* a lost end marker: the next real key ends the paste and counts */
    fw_form_set_focus(&f, 0);
    fw_form_key(&f, fn(FW_KEY_PASTE_BEGIN));
    fw_form_key(&f, ch('\t'));
    assert_int_equal(f.focus, 0);
    fw_form_key(&f, fn(KEY_DOWN));
    assert_int_equal(f.focus, 1);
    fw_form_key(&f, ch('\t'));
    assert_int_equal(f.focus, 2);
    fw_form_free(&f);
}

static void test_commit_keeps_entry_being_typed(void **state)
{
    (void)state;
    fw_form f;
    fw_form_init(&f, on_change, NULL);
    fw_widget *l = fw_listfield_new("Domains", NULL, 3, 0);
    fw_form_add(&f, l);
    changes = 0;
    fw_form_key(&f, ch('\n'));
    type(l, L"typed.example");
    assert_true(fw_form_busy(&f));
    assert_int_equal(fw_form_key(&f, fn(KEY_F(10))), FW_FORM_COMMIT);
    assert_int_equal(fw_listfield_count(l), 1);
    assert_string_equal(fw_listfield_item(l, 0), "typed.example");
    assert_int_equal(changes, 1); /* the validation hook saw it */
    fw_form_free(&f);
}

/* Drawing: screen_up, screen_down and row_text. */
#include "screen.h"

static void test_draw_clipped_marks_the_cut(void **state)
{
    (void)state;
    WINDOW *win = newwin(4, 30, 0, 0);
    fw_draw_clipped(win, 0, 0, 10, "partner10.example.com", 21, 0, true);
    assert_string_equal(row_text(win, 0), "partner10…                    ");
    fw_draw_clipped(win, 1, 0, 10, "fits.com", 8, 0, true);
    assert_string_equal(row_text(win, 1), "fits.com                      ");
    fw_draw_clipped(win, 2, 0, 10, "exactly.10", 10, 0, true);
    assert_string_equal(row_text(win, 2), "exactly.10                    ");
    /* wide characters: the cut is on a character, the marker after it */
    assert_int_equal(fw_draw_clipped(win, 3, 0, 6, "東京東京", 12, 0, true), 6);
    assert_string_equal(row_text(win, 3), "東京…                         ");
    delwin(win);
}

static void test_listfield_marks_hidden_above(void **state)
{
    (void)state;
    WINDOW *win = newwin(3, 20, 0, 0);
    fw_widget *w = fw_listfield_new("Domains", NULL, 3, 0);
    for (int i = 0; i < 4; i++)
        fw_listfield_add(w, "x.example");
    w->ops->draw(w, win, 0, 0, 20, true);
    assert_int_equal(mvwinch(win, 0, 19) & A_CHARTEXT, ' ');
    assert_int_equal(mvwinch(win, 2, 19) & A_CHARTEXT, ACS_DARROW & A_CHARTEXT);
    for (int i = 0; i < 4; i++)
        w->ops->key(w, fn(KEY_DOWN));
    w->ops->draw(w, win, 0, 0, 20, true);
    assert_int_equal(mvwinch(win, 0, 19) & A_CHARTEXT, ACS_UARROW & A_CHARTEXT);
    assert_int_equal(mvwinch(win, 2, 19) & A_CHARTEXT, ' ');
    fw_widget_free(w);
    delwin(win);
}

/* Issue 8 item 7: a form drawn taller (a resize) leaves no row unused. */
static void test_form_scroll_clamped_when_taller(void **state)
{
    (void)state;
    WINDOW *win = newwin(20, 40, 0, 0);
    fw_form f;
    fw_form_init(&f, NULL, NULL);
    for (int i = 0; i < 8; i++)
        fw_form_add(&f, fw_textfield_new("Field", NULL, "", 0));
    fw_form_set_focus(&f, 7);
    assert_int_equal(fw_form_draw(&f, win, 0, 0, 3, 40), 3);
    assert_int_equal(f.top, 5);
    assert_int_equal(fw_form_draw(&f, win, 0, 0, 20, 40), 8);
    assert_int_equal(f.top, 0);
    fw_form_draw(&f, win, 0, 0, 6, 40);
    assert_int_equal(f.top, 2); /* rows 2..7: the last page, full */
    fw_form_free(&f);
    delwin(win);
}

/* Issue 10 step 2: one list box under every list. */
static int drawn[64];
static void record_item(void *ctx, WINDOW *win, int y, int x, int width,
                        int i, bool selected)
{
    (void)ctx, (void)win, (void)x, (void)width, (void)selected;
    drawn[y] = i;
}

static void test_listbox_select_page_and_clamp(void **state)
{
    (void)state;
    WINDOW *win = newwin(30, 20, 0, 0);
    fw_listbox l;
    fw_listbox_init(&l, record_item, NULL, false);
    fw_listbox_set_count(&l, 50);
    assert_int_equal(fw_listbox_draw(&l, win, 0, 0, 10, 20), 10);
    assert_int_equal(fw_listbox_key(&l, fn(KEY_NPAGE)), FW_HANDLED);
    assert_int_equal(fw_listbox_selected(&l), 10);
    fw_listbox_draw(&l, win, 0, 0, 10, 20);
    assert_int_equal(fw_listbox_top(&l), 1); /* the selection on the last row */
    assert_int_equal(drawn[9], 10);
    fw_listbox_key(&l, fn(KEY_END));
    fw_listbox_draw(&l, win, 0, 0, 10, 20);
    assert_int_equal(fw_listbox_top(&l), 40);
    /* taller (a resize): the last page is full, the selection shown */
    assert_int_equal(fw_listbox_draw(&l, win, 0, 0, 25, 20), 25);
    assert_int_equal(fw_listbox_top(&l), 25);
    assert_int_equal(drawn[24], 49);
    fw_listbox_set_count(&l, 5); /* shorter: the selection follows */
    assert_int_equal(fw_listbox_selected(&l), 4);
    assert_int_equal(fw_listbox_top(&l), 0);
    fw_listbox_key(&l, fn(KEY_HOME));
    assert_int_equal(fw_listbox_selected(&l), 0);
    assert_int_equal(fw_listbox_key(&l, ch('x')), FW_IGNORED);
    fw_listbox_set_count(&l, 0);
    assert_int_equal(fw_listbox_selected(&l), -1);
    assert_int_equal(fw_listbox_draw(&l, win, 0, 0, 10, 20), 0);
    delwin(win);
}

static void test_listbox_viewer_and_marks(void **state)
{
    (void)state;
    WINDOW *win = newwin(10, 20, 0, 0);
    fw_listbox l;
    fw_listbox_init(&l, record_item, NULL, true);
    fw_listbox_set_count(&l, 12);
    werase(win);
    fw_listbox_draw(&l, win, 0, 0, 5, 20);
    assert_int_equal(fw_listbox_selected(&l), -1);
    assert_int_equal(mvwinch(win, 0, 19) & A_CHARTEXT, ' ');
    assert_int_equal(mvwinch(win, 4, 19) & A_CHARTEXT, ACS_DARROW & A_CHARTEXT);
    for (int i = 0; i < 30; i++) /* scrolls no further than the last page */
        fw_listbox_key(&l, fn(KEY_DOWN));
    werase(win);
    fw_listbox_draw(&l, win, 0, 0, 5, 20);
    assert_int_equal(fw_listbox_top(&l), 7);
    assert_int_equal(mvwinch(win, 0, 19) & A_CHARTEXT, ACS_UARROW & A_CHARTEXT);
    assert_int_equal(mvwinch(win, 4, 19) & A_CHARTEXT, ' ');
    delwin(win);
}

static int two_rows(void *ctx, int i, int width)
{
    (void)ctx, (void)width;
    return i % 2 ? 2 : 1;
}

static void test_listbox_follows_wrapped_log(void **state)
{
    (void)state;
    WINDOW *win = newwin(10, 20, 0, 0);
    fw_listbox l;
    fw_listbox_init(&l, record_item, NULL, true);
    l.item_rows = two_rows;
    l.follow = true;
    fw_listbox_set_count(&l, 10); /* rows 1,2,1,2,...: 15 in all */
    assert_int_equal(fw_listbox_draw(&l, win, 0, 0, 6, 20), 6);
    assert_int_equal(fw_listbox_top(&l), 6); /* 6,7,8,9: 1+2+1+2 rows */
    fw_listbox_key(&l, fn(KEY_HOME));
    fw_listbox_draw(&l, win, 0, 0, 6, 20);
    assert_int_equal(fw_listbox_top(&l), 0);
    fw_listbox_set_count(&l, 11); /* no longer following: stays */
    fw_listbox_draw(&l, win, 0, 0, 6, 20);
    assert_int_equal(fw_listbox_top(&l), 0);
    delwin(win);
}

static bool odd(void *ctx, int i)
{
    (void)ctx;
    return i % 2;
}

static void test_listbox_filter_keeps_selection(void **state)
{
    (void)state;
    fw_listbox l;
    int map[10];
    fw_listbox_init(&l, record_item, NULL, false);
    assert_int_equal(fw_listbox_filter(&l, map, 10, odd, NULL, 7), 5);
    assert_int_equal(map[fw_listbox_selected(&l)], 7);
    assert_int_equal(fw_listbox_filter(&l, map, 10, NULL, NULL, 2), 10);
    assert_int_equal(fw_listbox_selected(&l), 2);
}

static void test_popup_pick(void **state)
{
    (void)state;
    static const char *const labels[] = { "a", "b", "c" };
    fw_popup p;
    fw_popup_init(&p, labels, 3, 1);
    assert_int_equal(fw_popup_key(&p, fn(KEY_DOWN)), FW_HANDLED);
    assert_int_equal(fw_popup_key(&p, fn(KEY_DOWN)), FW_HANDLED);
    assert_int_equal(fw_popup_selected(&p), 2);
    assert_int_equal(fw_popup_key(&p, ch('x')), FW_HANDLED); /* kept */
    assert_int_equal(fw_popup_key(&p, ch('\n')), FW_ACTIVATED);
    assert_int_equal(fw_popup_key(&p, ch(FW_ESC)), FW_CHANGED);
}

/* The Russian layout's letters are the command keys on their caps. */
static void test_keycap_russian_layout(void **state)
{
    (void)state;
    static const struct { int ru, latin; } same_cap[] = {
        { L'т', 'n' }, { L'в', 'd' }, { L'е', 't' }, { L'Е', 'T' },
        { L'г', 'u' }, { L'д', 'l' }, { L'п', 'g' }, { L'й', 'q' },
        { L'н', 'y' }, { L'Н', 'Y' }, { L'к', 'r' }, { L'щ', 'o' },
        { L'с', 'c' }, { L'я', 'z' }, { L'ё', '`' }, { L'Ю', '>' },
        { L'ж', ';' }, { L'э', '\'' }, { L'х', '[' }, { L'Ъ', '}' },
        { '.', '/' }, { ',', '?' },
    };
    for (size_t i = 0; i < sizeof same_cap / sizeof *same_cap; i++)
        assert_int_equal(fw_keycap_latin(same_cap[i].ru), same_cap[i].latin);
    /* the 33 letters, both cases: each on a key of its own */
    bool seen[128] = { false };
    for (int c = 0x410; c <= 0x44f; c++) {
        int l = fw_keycap_latin(c);
        assert_true(l > ' ' && l < 127);
        assert_false(seen[l]);
        seen[l] = true;
    }
    assert_false(seen[fw_keycap_latin(0x401)]); /* Ё */
    assert_false(seen[fw_keycap_latin(0x451)]); /* ё */
    /* Latin, other scripts and function keys as they are */
    assert_int_equal(fw_keycap_latin('n'), 'n');
    assert_int_equal(fw_keycap_latin(L'東'), L'東');
    assert_int_equal(fw_keycap_latin(0), 0);
    assert_int_equal(fw_key_command(fn(KEY_DOWN)).ch, KEY_DOWN);
    assert_true(fw_key_command(ch(L'т')).ch == 'n' &&
                !fw_key_command(ch(L'т')).fn);
}

/* A list takes j/k on the Russian layout (о/л); a text field the letters. */
static void test_keycap_list_not_text(void **state)
{
    (void)state;
    fw_listbox l;
    fw_listbox_init(&l, record_item, NULL, false);
    fw_listbox_set_count(&l, 5);
    assert_int_equal(fw_listbox_key(&l, ch(L'о')), FW_HANDLED);
    assert_int_equal(fw_listbox_selected(&l), 1);
    assert_int_equal(fw_listbox_key(&l, ch(L'л')), FW_HANDLED);
    assert_int_equal(fw_listbox_selected(&l), 0);
    fw_widget *t = fw_textfield_new("Domain", NULL, "", 0);
    type(t, L"тйн");
    assert_string_equal(fw_textfield_text(t), "тйн");
    fw_widget_free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_textbuf_multibyte),
        cmocka_unit_test(test_textbuf_limit_and_scroll),
        cmocka_unit_test(test_textbuf_backspace_joins_bytes),
        cmocka_unit_test(test_textbuf_scroll_clamped_when_wider),
        cmocka_unit_test(test_textbuf_random_keys_keep_invariants),
        cmocka_unit_test(test_textfield_keys),
        cmocka_unit_test(test_dropdown_choice_and_cancel),
        cmocka_unit_test(test_listfield),
        cmocka_unit_test(test_listfield_letter_never_deletes),
        cmocka_unit_test(test_listfield_view_full_after_removal),
        cmocka_unit_test(test_wrapped_rows),
        cmocka_unit_test(test_form_focus_and_commit),
        cmocka_unit_test(test_commit_keeps_entry_being_typed),
        cmocka_unit_test(test_form_enter_in_text_field_moves_on),
        cmocka_unit_test(test_form_paste_is_text),
        cmocka_unit_test(test_listbox_filter_keeps_selection),
        cmocka_unit_test(test_popup_pick),
        cmocka_unit_test(test_keycap_russian_layout),
        cmocka_unit_test(test_keycap_list_not_text),
    };
    const struct CMUnitTest drawing[] = {
        cmocka_unit_test(test_draw_clipped_marks_the_cut),
        cmocka_unit_test(test_listfield_marks_hidden_above),
        cmocka_unit_test(test_listbox_select_page_and_clamp),
        cmocka_unit_test(test_listbox_viewer_and_marks),
        cmocka_unit_test(test_listbox_follows_wrapped_log),
        cmocka_unit_test(test_form_scroll_clamped_when_taller),
    };
    return run_with_screen("forms", tests, drawing);
}
