/* A form: labelled widgets in focus order, buttons on one row, a help line
 * for the focused widget, and a validation hook called on every change. */
#ifndef FW_FORM_H
#define FW_FORM_H

#include "widget.h"

typedef struct fw_form fw_form;
/* Called after a widget changed its value. */
typedef void (*fw_change_fn)(fw_form *f, int index, void *ctx);

struct fw_form {
    fw_widget **w;
    int n, cap;
    int focus;
    int top;          /* first row shown when the form is taller than room */
    int label_width;
    int activated;    /* the button of the last FW_FORM_BUTTON */
    fw_change_fn on_change;
    void *ctx;
    /* a bracketed paste coming in: text so far, a blank pending (from a
     * Tab or newline: kept between words, dropped at the ends), and
     * whether some of it did not fit */
    bool pasting, paste_text, paste_blank, paste_cut;
};

/* FW_FORM_CUT: a paste ended and some of it did not fit in the field. */
enum { FW_FORM_NONE, FW_FORM_COMMIT, FW_FORM_CANCEL, FW_FORM_BUTTON,
       FW_FORM_CUT };

void fw_form_init(fw_form *f, fw_change_fn on_change, void *ctx);
void fw_form_free(fw_form *f);
int fw_form_add(fw_form *f, fw_widget *w); /* returns its index */
fw_widget *fw_form_widget(const fw_form *f, int i);
fw_widget *fw_form_focused(const fw_form *f);
void fw_form_set_focus(fw_form *f, int i);
/* True while a widget keeps keys to itself (an open list, an edit). */
bool fw_form_busy(const fw_form *f);

/* Tab/Down next (and Enter where the widget takes none: a text field),
 * Shift-Tab/Up previous, Ctrl-S/F10 commit, Esc cancel; everything else
 * goes to the focused widget first. Between the markers of a bracketed
 * paste, characters are text for the focused widget, never keys. */
int fw_form_key(fw_form *f, fw_key k);
/* Draws in the rectangle; returns the rows used. */
int fw_form_draw(fw_form *f, WINDOW *win, int y, int x, int height, int width);
/* Puts the terminal cursor where the focused widget wants it. */
void fw_form_place_cursor(const fw_form *f, WINDOW *win);

bool fw_is_button(const fw_widget *w);

#endif
