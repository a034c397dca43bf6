/* The editor's state shared by its screens. */
#ifndef XF_APP_H
#define XF_APP_H

#include "core/store.h"
#include "forms/dialog.h"
#include "forms/widget.h"

#include <stdbool.h>

/* The last test of a partner, for the list's column. */
typedef struct xf_last_test {
    char *domain;
    char verdict[8]; /* "PASS", "WARN", "FAIL" */
} xf_last_test;

typedef struct xf_app {
    xf_store store;
    char msg[512];
    fw_style msg_style;
    xf_last_test *tests;
    size_t ntests;
    /* after a commit: whether the change was applied (after_save), added
     * by the next xf_app_message of style FW_S_OK, the screen's "Saved" */
    char applied[384];
    fw_style applied_style;
} xf_app;

/* Sets the status line; a success message also tells what became of the
 * last commit's after_save command. */
void xf_app_message(xf_app *app, fw_style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* After a save: runs after_save (xf_after_save) and keeps its account for
 * the next success message. */
void xf_app_applied(xf_app *app);
void xf_app_set_test(xf_app *app, const char *domain, const char *verdict);
const char *xf_app_get_test(const xf_app *app, const char *domain);

/* Puts p at index (-1 new; p NULL removes index) and saves, asking the user
 * what to do when someone else changed the file. Returns true when saved;
 * otherwise the message says why and the model is the file's. */
bool xf_app_commit(xf_app *app, long index, xf_partner *p,
                   fw_redraw_fn redraw, void *ctx);

/* Terminal: set up curses, colour unless NO_COLOR, and the handlers that
 * restore the terminal on every exit. */
void xf_term_start(void);
void xf_term_stop(void);

/* Screens. Each returns when the user leaves it. */
void xf_list_screen(xf_app *app);
/* Edits partner index (-1 new). draft_texts, when not NULL, holds the
 * text of each field from a kept draft. Returns true if it saved. */
bool xf_edit_screen(xf_app *app, long index, char *const *draft_texts);
void xf_gateway_screen(xf_app *app);
void xf_help_screen(void);
/* Tests the partners (or one not saved, p), showing the steps live. */
void xf_test_screen(xf_app *app, const xf_partner *const *partners, size_t n);

#endif
