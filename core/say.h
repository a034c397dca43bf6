/* What the program says on stderr, and its exit statuses: shared by the
 * commands (cli/) and the editor (tui/), which know nothing of each other. */
#ifndef XF_SAY_H
#define XF_SAY_H

#include <stdarg.h>
#include <stdio.h>

enum { XF_EXIT_OK = 0, XF_EXIT_FAIL = 1, XF_EXIT_USAGE = 2 };

/* Messages: "xmppfed: ..." on stderr. */
void xf_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints fmt to f through xf_visible: what it quotes (a value from the
 * file, an argument) cannot reach the terminal raw. */
void xf_vprint_visible(FILE *f, const char *fmt, va_list ap);

#endif
