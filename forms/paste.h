/* Bracketed paste: the terminal wraps pasted text in two markers, so that
 * a Tab or a newline inside it stays text and never moves focus, commits
 * or presses a button (see fw_form_key). */
#ifndef FW_PASTE_H
#define FW_PASTE_H

#include <curses.h>

/* The markers, as function keys from fw_getkey. */
enum { FW_KEY_PASTE_BEGIN = KEY_MAX + 1, FW_KEY_PASTE_END = KEY_MAX + 2 };

/* After initscr and keypad: asks the terminal for the markers (terminfo's
 * BE, PS and PE, else the xterm ones, which terminals that lack the mode
 * ignore). */
void fw_paste_enable(void);
/* Before endwin. */
void fw_paste_disable(void);
/* The bytes that turn the mode off, for a signal handler's write(2). */
extern const char fw_paste_off[];

#endif
