/* The widget layer's base: keys, styles, the widget interface and text
 * drawing. Knows nothing of XMPP. */
#ifndef FW_WIDGET_H
#define FW_WIDGET_H

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

/* A key: a character (fn false) or a curses KEY_* code (fn true). */
typedef struct fw_key {
    int ch;
    bool fn;
} fw_key;

#define FW_CTRL(c) ((c) & 0x1f)
#define FW_ESC 27
enum { FW_KEY_NONE = -1, FW_KEY_HANGUP = -2 };
/* A function key: a character the locale's codeset cannot decode (say
 * UTF-8 typed under LANG=C). fw_getkey has beeped and dropped its bytes;
 * the screen may say why. Never a lost terminal. */
enum { FW_KEY_UNDECODABLE = KEY_MAX + 3 }; /* after paste.h's markers */

/* Set from a SIGHUP handler, or by fw_getkey when the terminal is gone
 * (EOF or an error): every key read then returns FW_KEY_HANGUP, so each
 * loop can unwind and the application keep what it must. */
extern volatile sig_atomic_t fw_hangup;

/* Reads a key, waiting at most timeout_ms (-1 forever). */
fw_key fw_getkey(int timeout_ms);

typedef void (*fw_redraw_fn)(void *ctx);
/* The loop of every screen: draws with redraw, waits for a key, and on a
 * terminal resize (KEY_RESIZE) draws again. Returns the first real key,
 * or FW_KEY_HANGUP. */
fw_key fw_read_key(fw_redraw_fn redraw, void *ctx);
bool fw_key_is(fw_key k, int ch);     /* a character key */
bool fw_key_fn(fw_key k, int code);   /* a function key */

typedef enum {
    FW_S_NORMAL, FW_S_TITLE, FW_S_LABEL, FW_S_FIELD, FW_S_FIELD_FOCUS,
    FW_S_BUTTON, FW_S_BUTTON_FOCUS, FW_S_SELECTED, FW_S_POPUP, FW_S_ERROR,
    FW_S_WARNING, FW_S_OK, FW_S_DIM, FW_S_KEY, FW_S_KEYTEXT, FW_S_COUNT
} fw_style;

/* Colour when the terminal has it and color is true; else attributes. */
void fw_theme_init(bool color);
attr_t fw_attr(fw_style s);

/* Invisible format characters (bidi controls, zero-width spaces, BOM)
 * that fw_draw_text shows as \uXXXX like a control character. */
bool fw_char_hidden(unsigned c);
/* Draws n bytes of UTF-8 in at most width columns: control characters as
 * ^X in reverse, bad bytes as \xNN, invisible format characters as
 * \uXXXX, never raw. Pads with blanks to width when pad. Returns the
 * columns used. */
int fw_draw_text(WINDOW *win, int y, int x, int width, const char *s,
                 size_t n, attr_t attr, bool pad);
int fw_draw_str(WINDOW *win, int y, int x, int width, const char *s,
                attr_t attr);
/* fw_draw_text for text that may be cut: what does not fit in width is
 * replaced by a marker in the last column, "…" (or "~" when the terminal
 * is not UTF-8), so a cut value never passes for a whole one. */
int fw_draw_clipped(WINDOW *win, int y, int x, int width, const char *s,
                    size_t n, attr_t attr, bool pad);
/* The longest prefix of the n bytes at s, in whole characters, that
 * fw_draw_text draws in at most width columns: where text is cut or
 * wrapped by cells, not bytes. */
size_t fw_text_prefix(const char *s, size_t n, int width);
/* True when the terminal takes UTF-8 (else markers fall back to ASCII). */
bool fw_utf8_terminal(void);
/* A box with a line border, filled with attr: the one border drawing of
 * the widget layer (pop-up lists, dialogs). */
void fw_draw_box(WINDOW *win, int y, int x, int height, int width,
                 attr_t attr);
/* Draws s over at most max_lines lines, breaking at spaces; returns the
 * lines used. Text that needs more lines ends in the marker of
 * fw_draw_clipped on the last. */
int fw_draw_wrapped(WINDOW *win, int y, int x, int width, int max_lines,
                    const char *s, attr_t attr);
/* The lines fw_draw_wrapped would use with no limit: a view that scrolls
 * wrapped text measures its last page with it. */
int fw_wrapped_rows(int width, const char *s);

/* What a widget did with a key. */
enum { FW_IGNORED = 0, FW_HANDLED = 1, FW_CHANGED = 2, FW_ACTIVATED = 4,
       FW_CUT = 8 /* pasted text did not fit */ };

typedef struct fw_widget fw_widget;

typedef struct fw_widget_ops {
    void (*draw)(fw_widget *w, WINDOW *win, int y, int x, int width,
                 bool focused);
    /* Drawn last, over the whole form: an open drop-down's list. */
    void (*overlay)(fw_widget *w, WINDOW *win);
    int (*key)(fw_widget *w, fw_key k);
    int (*rows)(const fw_widget *w);
    void (*destroy)(fw_widget *w);
    /* True while the widget keeps keys to itself (Tab and Esc included). */
    bool (*busy)(const fw_widget *w);
    /* Before a commit: keep what is being typed; returns FW_CHANGED if the
     * value changed. */
    int (*settle)(fw_widget *w);
    /* One character of pasted text (never a key); a widget without it
     * ignores pastes, so that a paste never presses or cycles anything.
     * FW_CUT when the character did not fit. */
    int (*paste)(fw_widget *w, wchar_t c);
} fw_widget_ops;

struct fw_widget {
    const fw_widget_ops *ops;
    char *label;
    char *help;
    bool invalid;   /* set by a validation hook: the label shows it */
    int cur_y, cur_x; /* where the terminal cursor goes; -1 hides it */
    int at_y, at_x, width; /* where it was last drawn */
};

void fw_widget_init(fw_widget *w, const fw_widget_ops *ops, const char *label,
                    const char *help);
void fw_widget_free(fw_widget *w);
int fw_widget_rows(const fw_widget *w);

#endif
