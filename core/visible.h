/* Text from the file or the network, made safe for a terminal: control
 * characters, invisible format characters and invalid UTF-8 become visible
 * escapes, never raw bytes. */
#ifndef XF_VISIBLE_H
#define XF_VISIBLE_H

#include <stdbool.h>
#include <stddef.h>

/* A new string: ^X for C0 controls, ^? for DEL, \u0085 for C1 controls and
 * the invisible format characters (bidi controls such as \u202E, zero-width
 * spaces, \uFEFF; \U000E0041 beyond the BMP), \xNN for bytes that are not
 * UTF-8. Everything else is copied as it is. */
char *xf_visible(const char *s);
/* The same for len bytes that need not end in NUL. */
char *xf_visible_n(const char *s, size_t len);

/* Drops a character cut short at the end of s, as snprintf or a bounded
 * read leaves it when the limit falls inside a letter (any but ASCII is
 * two bytes or more): shown, its first bytes would be a stray \xNN. */
void xf_utf8_trim_cut(char *s);

/* True for the invisible format characters escaped above. forms/ keeps a
 * copy of this rule (fw_char_hidden); a unit test checks they agree. */
bool xf_visible_hidden(unsigned c);
/* Writes the escape of code point c into buf (cap >= 12) and returns its
 * length, or 0 when c is shown as it is. */
int xf_visible_escape(unsigned c, char *buf, size_t cap);

#endif
