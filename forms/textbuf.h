/* The editing state of a one-line text field, without a terminal: UTF-8
 * text, a cursor that moves by character, and the horizontal scroll that
 * keeps the cursor visible when wide characters take two columns. */
#ifndef FW_TEXTBUF_H
#define FW_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

typedef struct fw_textbuf {
    char *text;    /* UTF-8, NUL-terminated */
    size_t len;    /* bytes */
    size_t cursor; /* byte offset, always on a character boundary (as
                    * fw_draw_text decodes: a stray byte is a character) */
    size_t scroll; /* byte offset of the first character shown */
    size_t max;    /* most bytes accepted, 0 for no limit */
} fw_textbuf;

void fw_textbuf_init(fw_textbuf *b, const char *text, size_t max);
void fw_textbuf_free(fw_textbuf *b);
void fw_textbuf_set(fw_textbuf *b, const char *text); /* cursor to the end */

/* Inserts one character at the cursor; false if it does not fit or is a
 * control character (those are never typed into a field). */
bool fw_textbuf_insert(fw_textbuf *b, wchar_t c);
/* True for a character a field takes: a code point, no control. */
bool fw_text_char(wchar_t c);
bool fw_textbuf_backspace(fw_textbuf *b);
bool fw_textbuf_delete(fw_textbuf *b);
void fw_textbuf_left(fw_textbuf *b);
void fw_textbuf_right(fw_textbuf *b);
void fw_textbuf_home(fw_textbuf *b);
void fw_textbuf_end(fw_textbuf *b);
bool fw_textbuf_clear(fw_textbuf *b);

/* Terminal columns of the n bytes at s (control characters count 2, as
 * they are drawn ^X). */
int fw_text_width(const char *s, size_t n);
/* Moves scroll so that the cursor fits in a field of width columns, and
 * back as far as the end of the text allows, so that a wider field (after
 * a resize) is filled; returns the cursor's column inside the field,
 * always below width (at least 2). */
int fw_textbuf_fit(fw_textbuf *b, int width);

#endif
