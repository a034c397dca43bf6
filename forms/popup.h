/* A pop-up pick (nmtui's popup): a boxed list box over what redraw draws;
 * Up/Down/Home/End move, Enter takes, Esc leaves. The choice is an index;
 * the labels are only for display. */
#ifndef FW_POPUP_H
#define FW_POPUP_H

#include "listbox.h"

/* The box's place: below row y (above it when there is no room), at
 * column x, its list box on the labels. */
typedef struct fw_popup {
    const char *const *labels;
    int count;
    const char *title; /* on the top border; NULL (fw_popup_init) for none */
    fw_listbox box;
} fw_popup;

void fw_popup_init(fw_popup *p, const char *const *labels, int count,
                   int current);
/* Draws the box under (or over) the row y at column x; the cursor goes
 * to the highlighted label. */
void fw_popup_draw(fw_popup *p, WINDOW *win, int y, int x);
/* FW_ACTIVATED (Enter, Space: taken), FW_CHANGED (Esc, Tab: left), else
 * FW_HANDLED: a pop-up keeps every key to itself. */
int fw_popup_key(fw_popup *p, fw_key k);
int fw_popup_selected(const fw_popup *p);

/* Runs a pop-up titled title (NULL: none) over redraw until a choice
 * (its index) or Esc (-1). */
int fw_popup_run(fw_redraw_fn redraw, void *ctx, int y, int x,
                 const char *title, const char *const *labels, int count,
                 int current);

#endif
