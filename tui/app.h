/* The editor's state shared by its screens. */
#ifndef XF_APP_H
#define XF_APP_H

#include "core/store.h"
#include "forms/dialog.h"
#include "forms/keybar.h"
#include "forms/widget.h"

#include <stdbool.h>

/* The last test of a partner, for the list's column. */
typedef struct xf_last_test {
    char *domain;
    char verdict[8]; /* "PASS", "WARN", "FAIL" */
} xf_last_test;

typedef struct xf_app {
    xf_store *store;
    char msg[1024];   /* room for a message in Russian: 2 bytes a letter */
    fw_style msg_style;
    xf_last_test *tests;
    size_t ntests;
    /* after a commit: whether the change was applied (after_save), added
     * by the next xf_app_message of style FW_S_OK, the screen's "Saved" */
    char applied[768];
    fw_style applied_style;
    char readonly[512]; /* why a save cannot work, for the headers; "" */
    char unsaved[600];  /* the last change a failed save lost; "" */
    char kept[1024];    /* said on the terminal at the end: a draft kept */
    bool reloaded;      /* the last commit met a conflict and the user
                           chose reload: a form closes */
    bool merged;        /* the last save merged someone else's change */
    bool overwrote;     /* ... and replaced theirs to the same partner (o) */
    /* u: the last committed change, as the model before it and the model
     * the user wanted; valid while the store's gen is undo_gen */
    bool has_undo;
    unsigned long undo_gen;
    xf_config undo_before, undo_wanted;
} xf_app;

/* Sets the status line; a success message also tells what became of the
 * last commit's after_save command. */
void xf_app_message(xf_app *app, fw_style style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Draws the message in the status area above the key bar, wrapped over
 * at most two lines. */
void xf_app_draw_message(const xf_app *app);
/* A message belongs to the moment it was said: each screen clears it
 * when the next key comes, before that key acts. */
void xf_app_message_clear(xf_app *app);
/* A key the locale's codeset cannot decode (FW_KEY_UNDECODABLE): says so
 * and returns true; the key does nothing else. */
bool xf_app_key_refused(xf_app *app, fw_key k);
/* After a key acted: a message longer than the status area opens in a
 * dialog over what redraw draws, then is gone. */
void xf_app_message_show(xf_app *app, fw_redraw_fn redraw, void *ctx);
/* A domain as the screens show it: the Unicode form where the locale can
 * draw it, else the A-label (the same name: under LANG=C curses would draw
 * each letter as '?', and a form would read the '?' back). A new string. */
char *xf_app_shown_domain(const char *alabel);
/* A domain in a message, a dialog or a title: the Unicode form, and the
 * A-label (as stored, as DNS and the file know it) in brackets after it
 * when the two differ. A new string. */
char *xf_app_domain(const char *alabel);
/* After a save: runs after_save (xf_after_save) and keeps its account for
 * the next success message. */
void xf_app_applied(xf_app *app);
void xf_app_set_test(xf_app *app, const char *domain, const char *verdict);
const char *xf_app_get_test(const xf_app *app, const char *domain);

/* Commits next (taken) as the candidate model: the model becomes it only
 * once the file is written. When someone else changed the file, the two
 * are merged and the user is asked only about partners both changed
 * (reload / overwrite / cancel; reload sets app->reloaded, and a form
 * then closes). Returns true when saved; otherwise the model is the file
 * as it is and the message says why. */
bool xf_app_save(xf_app *app, xf_config *next,
                 fw_redraw_fn redraw, void *ctx);
/* Puts p at index (-1 new; p NULL removes index) and saves: xf_app_save.
 * A change of type, TLS, SASL or dialback is shown as a diff and asked
 * first. */
bool xf_app_commit(xf_app *app, long index, xf_partner *p,
                   fw_redraw_fn redraw, void *ctx);
/* Keeps the change just saved for u (takes both: they are left empty,
 * not to be freed). */
void xf_undo_keep(xf_app *app, xf_config *before, xf_config *wanted);
/* u: undoes the last committed change by a new save, unless the file was
 * changed by someone else since; the message says what happened. */
void xf_undo(xf_app *app);
void xf_undo_free(xf_app *app);
/* The idle check of the key loop: true when the file changed on disk and
 * the model was read again (the message says so). */
bool xf_app_poll(xf_app *app);

/* q: true to quit; asks first when the last change could not be saved. */
bool xf_app_may_quit(xf_app *app, fw_redraw_fn redraw, void *ctx);
/* A key bar's label, marked for xgettext with its context: the catalogue
 * has short forms for the bar apart from the same words elsewhere. */
#define NC_(ctx, s) (s)
/* pgettext: msgid translated in ctx, else msgid. */
const char *xf_pgettext(const char *ctx, const char *msgid);
/* The key bar on the last line, its labels (marked NC_("key bar", ...))
 * translated. */
void xf_keybar_draw(const fw_keyhint *hints, int n);
/* The end of s that takes at most width terminal cells, from a character
 * boundary: a long path shown as "..." and its end. */
const char *xf_last_cells(const char *s, int width);
/* The title bar of a screen, and the read-only warning after it. */
void xf_app_draw_title(const xf_app *app, const char *title);

/* Terminal: set up curses, colour unless NO_COLOR, and the handlers that
 * restore the terminal on every exit. A hang-up, a lost terminal, Ctrl-C
 * (SIGINT) and SIGTERM set fw_hangup: every screen unwinds, a form keeps
 * its draft. */
void xf_term_start(void);
void xf_term_stop(void);
/* Below XF_MIN_COLS x XF_MIN_LINES no screen fits: draws "terminal too
 * small" instead and returns true; every screen draws nothing else then
 * and ignores the keys but the quit keys, until the terminal grows. */
enum { XF_MIN_COLS = 60, XF_MIN_LINES = 15 };
bool xf_term_too_small(void);
/* q (under a Russian layout too), Esc or F10: what a too small terminal
 * still obeys, so that it is never a trap. */
bool xf_term_quit_key(fw_key k);
/* The editor's exit status: 0, 129 after a hang-up or a lost terminal,
 * 128 + the signal after SIGINT or SIGTERM. */
int xf_term_exit_status(void);

/* Screens. Each returns when the user leaves it. */
void xf_list_screen(xf_app *app);
/* Edits partner index (-1 new). draft_texts, when not NULL, holds the
 * text of each field from a kept draft. Returns true if it saved. */
bool xf_edit_screen(xf_app *app, long index, char *const *draft_texts);
/* draft_texts, when not NULL, holds the text of each gateway field. */
void xf_gateway_screen(xf_app *app, char *const *draft_texts);
void xf_help_screen(void);
/* Tests the partners (or one not saved, p), showing the steps live. */
void xf_test_screen(xf_app *app, const xf_partner *const *partners, size_t n);
/* The log of the last test of domain in this session, as the test view
 * showed it; false when it was not tested. */
bool xf_test_details(xf_app *app, const char *domain);

#endif
