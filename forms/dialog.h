/* A modal message box that waits for one of a few keys. */
#ifndef FW_DIALOG_H
#define FW_DIALOG_H

#include "widget.h"

/* Shows text (lines split on '\n', wrapped) over what redraw draws, and
 * waits for a key in keys (case-insensitive; "\033" in keys allows Esc).
 * Returns that key in lower case, or FW_KEY_HANGUP. */
int fw_dialog(fw_redraw_fn redraw, void *ctx, const char *title,
              const char *text, const char *keys);

/* The lines of text in a box width terminal cells wide: split at each
 * '\n', and wrapped at spaces when a line is wider (a word wider than
 * the box is cut). Up to max lines, each as its start and its bytes. */
int fw_dialog_wrap(const char *text, int width, const char **starts,
                   int *lens, int max);

#endif
