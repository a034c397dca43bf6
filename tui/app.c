/* The editor: start-up, the shared state and the commit flow. */
#include "app.h"
#include "cli.h"
#include "draft.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <term.h>
#include <unistd.h>

void xf_app_message(xf_app *app, fw_style style, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->msg, sizeof app->msg, fmt, ap);
    va_end(ap);
    app->msg_style = style;
    if (style == FW_S_OK && app->applied[0]) {
        size_t len = strlen(app->msg);
        snprintf(app->msg + len, sizeof app->msg - len, "; %s", app->applied);
        app->msg_style = app->applied_style;
    }
    app->applied[0] = '\0';
}

void xf_app_applied(xf_app *app)
{
    char msg[sizeof app->applied + 8];
    xf_apply_state st = xf_after_save(&app->store, msg, sizeof msg);
    /* "Saved; " is the screen's part of the message */
    const char *tail = st == XF_APPLY_NONE ? "" : msg + strlen("Saved; ");
    size_t n = strnlen(tail, sizeof app->applied - 1);
    memcpy(app->applied, tail, n);
    app->applied[n] = '\0';
    app->applied_style = st == XF_APPLY_FAILED ? FW_S_ERROR : FW_S_OK;
}

void xf_app_set_test(xf_app *app, const char *domain, const char *verdict)
{
    for (size_t i = 0; i < app->ntests; i++)
        if (!strcasecmp(app->tests[i].domain, domain)) {
            snprintf(app->tests[i].verdict, sizeof app->tests[i].verdict,
                     "%s", verdict);
            return;
        }
    xf_last_test *t = realloc(app->tests, (app->ntests + 1) * sizeof *t);
    if (!t)
        abort();
    app->tests = t;
    t[app->ntests].domain = xf_strdup(domain);
    snprintf(t[app->ntests].verdict, sizeof t->verdict, "%s", verdict);
    app->ntests++;
}

const char *xf_app_get_test(const xf_app *app, const char *domain)
{
    for (size_t i = 0; i < app->ntests; i++)
        if (!strcasecmp(app->tests[i].domain, domain))
            return app->tests[i].verdict;
    return NULL;
}

static void restore(xf_config *model, xf_config *backup)
{
    xf_config_free(model);
    *model = *backup;
}

/* Someone else changed the file: the user chooses. Returns the status of
 * the save, or XF_ERR_CONFLICT when nothing was written. */
static xf_status resolve_conflict(xf_app *app, xf_config *backup,
                                  fw_redraw_fn redraw, void *ctx, xf_err *err)
{
    xf_store *s = &app->store;
    int c = fw_dialog(redraw, ctx, "The file was changed",
                      "Someone else changed the file since it was read.\n\n"
                      "(r) reload it: your change is not saved yet, the form "
                      "stays open\n(o) overwrite their change with the list "
                      "as you see it\n(c) cancel", "roc\033");
    if (c == 'o')
        return xf_store_save(s, true, err);
    if (c == 'r' && xf_store_reload(s, err) == XF_OK) {
        xf_app_message(app, FW_S_WARNING, "Reloaded %s: commit again to "
                       "apply your change", s->path);
    } else if (c == 'r') {
        xf_app_message(app, FW_S_ERROR, "%s", err->msg);
    } else {
        restore(&s->model, backup); /* the model as it was before */
        *backup = (xf_config){ 0 };
        xf_app_message(app, FW_S_WARNING, "Not saved");
    }
    return XF_ERR_CONFLICT;
}

bool xf_app_commit(xf_app *app, long index, xf_partner *p,
                   fw_redraw_fn redraw, void *ctx)
{
    xf_store *s = &app->store;
    xf_config backup;
    xf_config_copy(&backup, &s->model);
    if (p)
        xf_config_put(&s->model, index, p);
    else
        xf_config_remove(&s->model, (size_t)index);
    xf_err err;
    xf_status st = xf_store_save(s, false, &err);
    if (st == XF_ERR_CONFLICT) {
        st = resolve_conflict(app, &backup, redraw, ctx, &err);
        if (st == XF_ERR_CONFLICT) { /* the dialog said what happened */
            xf_config_free(&backup);
            return false;
        }
    }
    if (st == XF_ERR_LOCKED || st == XF_ERR_CONFLICT)
        restore(&s->model, &backup); /* nothing was written */
    else
        xf_config_free(&backup); /* saved, or reset to the file by the store */
    if (st != XF_OK)
        xf_app_message(app, FW_S_ERROR, "%s", err.msg);
    else
        xf_app_applied(app);
    return st == XF_OK;
}

/* The editor needs a terminal it knows; say so plainly instead of letting
 * curses fail with "Error opening terminal". */
static bool have_terminal(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        xf_say("the editor needs a terminal (for ssh: ssh -t); without one, "
               "use the commands: xmppfed --help");
        return false;
    }
    int e = 0;
    const char *term = getenv("TERM");
    if (!term || !*term || setupterm(term, STDOUT_FILENO, &e) != OK) {
        xf_say("the terminal type '%s' is not known here; set TERM (e.g. "
               "TERM=xterm-256color or TERM=vt100)", term ? term : "");
        return false;
    }
    del_curterm(cur_term);
    return true;
}

int xf_tui_run(const char *path)
{
    xf_app app = { 0 };
    xf_err err;
    if (!have_terminal())
        return XF_EXIT_USAGE;
    xf_status st;
    /* a file that does not parse: edit it or restore FILE.bak, visudo's way */
    while ((st = xf_store_open(&app.store, path, 0, &err)) == XF_ERR_SYNTAX &&
           xf_edit_repair(path, err.msg))
        xf_store_close(&app.store);
    if (st != XF_OK) {
        xf_say("%s", err.msg);
        xf_store_close(&app.store);
        return XF_EXIT_FAIL;
    }
    size_t errors = xf_diags_count(&app.store.diags, XF_DIAG_ERROR);
    if (errors)
        xf_app_message(&app, FW_S_ERROR, "%zu error%s in the file ('xmppfed "
                       "check' lists them): kept as they are until you edit "
                       "them", errors, errors == 1 ? "" : "s");
    xf_term_start();
    xf_draft_offer(&app);
    if (!fw_hangup)
        xf_list_screen(&app);
    xf_term_stop();
    xf_store_close(&app.store);
    for (size_t i = 0; i < app.ntests; i++)
        free(app.tests[i].domain);
    free(app.tests);
    return fw_hangup ? 129 : XF_EXIT_OK;
}
