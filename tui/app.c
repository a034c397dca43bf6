/* The editor: start-up, the shared state and the commit flow. */
#include "app.h"
#include "core/after_save.h"
#include "core/config_merge.h"
#include "core/domain.h"
#include "core/i18n.h"
#include "core/partner_diff.h"
#include "core/say.h"
#include "core/visible.h"
#include "draft.h"
#include "tui.h"
#include "forms/textbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <term.h>
#include <unistd.h>

static bool domain_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

/* Messages from core name a domain as stored (its A-label): the status
 * line shows it as every screen does, "münchen.example (xn--...)". One
 * already in brackets is left as it is. */
static void name_domains(char *msg, size_t cap)
{
    char out[sizeof ((xf_app *)0)->msg];
    size_t o = 0;
    for (const char *s = msg; *s && o + 1 < sizeof out;) {
        const char *end = s;
        while (domain_char(*end))
            end++;
        char *tok = end > s ? strndup(s, (size_t)(end - s)) : NULL;
        if (end > s && !tok)
            abort();
        char *named = tok && strstr(tok, "xn--") && (s == msg || s[-1] != '(')
                      ? xf_app_domain(tok) : NULL;
        int n = named ? snprintf(out + o, sizeof out - o, "%s", named)
                : end > s ? snprintf(out + o, sizeof out - o, "%.*s",
                                     (int)(end - s), s)
                          : snprintf(out + o, sizeof out - o, "%c", *s);
        o = o + (size_t)n < sizeof out ? o + (size_t)n : sizeof out - 1;
        s = end > s ? end : s + 1;
        free(tok);
        free(named);
    }
    out[o] = '\0';
    snprintf(msg, cap, "%s", out);
    xf_utf8_trim_cut(msg); /* a name in letters may have made it too long */
}

void xf_app_message(xf_app *app, fw_style style, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (vsnprintf(app->msg, sizeof app->msg, fmt, ap) >= (int)sizeof app->msg)
        xf_utf8_trim_cut(app->msg); /* cut in a letter: a stray \xNN */
    va_end(ap);
    if (strstr(app->msg, "xn--"))
        name_domains(app->msg, sizeof app->msg);
    app->msg_style = style;
    if (style == FW_S_OK && app->applied[0]) {
        size_t len = strlen(app->msg);
        if (snprintf(app->msg + len, sizeof app->msg - len, "; %s",
                     app->applied) >= (int)(sizeof app->msg - len))
            xf_utf8_trim_cut(app->msg);
        app->msg_style = app->applied_style;
    }
    app->applied[0] = '\0';
}

/* The status area: the last two lines above the key bar. A message
 * that needs more waits for xf_app_message_show, which opens it in a
 * dialog, so no part of it is ever cut off. */
#define MSG_ROWS 2

static bool message_fits(const xf_app *app)
{
    return fw_wrapped_rows(COLS, app->msg) <= MSG_ROWS;
}

void xf_app_draw_message(const xf_app *app)
{
    if (!app->msg[0])
        return;
    int rows = fw_wrapped_rows(COLS, app->msg);
    if (rows > MSG_ROWS)
        rows = MSG_ROWS;
    int y = LINES - 1 - rows;
    if (y < 1)
        y = 1;
    for (int r = y; r < LINES - 1; r++) {
        move(r, 0);
        clrtoeol();
    }
    fw_draw_wrapped(stdscr, y, 0, COLS, rows, app->msg, fw_attr(app->msg_style));
}

void xf_app_message_clear(xf_app *app)
{
    app->msg[0] = '\0';
}

bool xf_app_key_refused(xf_app *app, fw_key k)
{
    if (!fw_key_fn(k, FW_KEY_UNDECODABLE))
        return false;
    const char *codeset = nl_langinfo(CODESET);
    if (strcmp(codeset, "UTF-8") == 0) /* the terminal is the other one */
        xf_app_message(app, FW_S_WARNING, "%s", _("The terminal sent a "
                       "character that is not UTF-8, the locale's character "
                       "set: set the terminal to UTF-8"));
    else
        xf_app_message(app, FW_S_WARNING, _("This terminal's locale (%s) "
                       "cannot encode that character; a UTF-8 locale can"),
                       codeset);
    return true;
}

void xf_app_message_show(xf_app *app, fw_redraw_fn redraw, void *ctx)
{
    if (!app->msg[0] || message_fits(app) || fw_hangup)
        return;
    char text[sizeof app->msg + 32];
    snprintf(text, sizeof text, "%s\n\n%s", app->msg, _("(Enter) close"));
    const char *title = app->msg_style == FW_S_ERROR ? _("Error")
                        : app->msg_style == FW_S_WARNING ? _("Warning")
                                                         : _("Message");
    app->msg[0] = '\0'; /* read in full: it is not shown again */
    fw_dialog(redraw, ctx, title, text, "\r\n \033");
}

char *xf_app_shown_domain(const char *alabel)
{
    return fw_utf8_terminal() ? xf_domain_display(alabel) : xf_strdup(alabel);
}

char *xf_app_domain(const char *alabel)
{
    char *u = xf_app_shown_domain(alabel), *both = NULL;
    if (!strcmp(u, alabel))
        return u;
    if (asprintf(&both, "%s (%s)", u, alabel) < 0)
        abort();
    free(u);
    return both;
}

void xf_app_applied(xf_app *app)
{
    /* "" for XF_APPLY_NONE; a long output cut before a letter */
    xf_apply_state st = xf_after_save(app->store, app->applied,
                                      sizeof app->applied);
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

/* A value of a field as the form shows it: a choice by its label. */
static const char *shown_value(const xf_field_def *def, const char *id)
{
    int i = def ? xf_def_choice_find(def, id) : -1;
    return i >= 0 ? xf_choice_label(&def->choices[i]) : id;
}

/* A value in at most cap - 1 bytes: a long one (a description, a list
 * of domains) ends in … after its last whole letter, so that the change
 * it stands beside (a security setting) still fits in the dialog. */
static const char *brief(const char *s, char *out, size_t cap)
{
    if (strlen(s) < cap)
        return s;
    size_t keep = cap - sizeof "…"; /* room for the marker and the NUL */
    memcpy(out, s, keep);
    out[keep] = '\0';
    xf_utf8_trim_cut(out);
    strcat(out, "…");
    return out;
}

/* The changes in the form's words (its labels and choice labels), a line
 * each, at most max (then "…"), the partner named first when
 * with_partner; the file's ids are for the change log. */
static void change_lines(const xf_changes *c, size_t max, bool with_partner,
                         char *buf, size_t cap)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < c->n && len < cap; i++) {
        const xf_field_def *def = NULL;
        for (xf_field f = 0; !def && f < XF_F_COUNT; f++)
            if (!strcmp(xf_partner_field(f)->key, c->v[i].setting))
                def = xf_partner_field(f);
        char old_buf[80], neu_buf[80];
        const char *old = brief(shown_value(def, c->v[i].old), old_buf,
                                sizeof old_buf),
                   *neu = brief(shown_value(def, c->v[i].neu), neu_buf,
                                sizeof neu_buf);
        int n = i == max ? snprintf(buf + len, cap - len, "…\n")
                : snprintf(buf + len, cap - len, "%s%s%s: %s \u2192 %s\n",
                           with_partner ? c->v[i].partner : "",
                           with_partner ? ": " : "",
                           def ? xf_def_label(def) : c->v[i].setting,
                           *old ? old : "\"\"", *neu ? neu : "\"\"");
        if (n < 0 || i == max)
            break;
        len += (size_t)n;
    }
    xf_utf8_trim_cut(buf); /* cut in a letter: never a stray \xNN */
}

/* Someone else changed a partner we changed too: their change is shown,
 * and the user chooses. Only that partner is at stake: every other change
 * of theirs is kept and every other change of ours goes through. */
static int ask_conflict(const xf_merge *m, fw_redraw_fn redraw, void *ctx)
{
    char theirs[1000], text[1600];
    change_lines(&m->theirs, 8, true, theirs, sizeof theirs);
    /* TRANSLATORS: the answers are the keys r, o and c in any language */
    snprintf(text, sizeof text, ngettext("Someone else changed the file "
             "since it was read, and changed this the same as you:\n\n%s\n"
             "(r) reload: drop your change there, keep theirs\n(o) overwrite: "
             "your version of it (only that one)\n(c) cancel: nothing is saved",
             "Someone else changed the file since it was read, and changed "
             "these the same as you:\n\n%s\n(r) reload: drop your change "
             "there, keep theirs\n(o) overwrite: your version of them (only "
             "those)\n(c) cancel: nothing is saved", m->conflicts), theirs);
    return fw_dialog(redraw, ctx, _("The file was changed"), text, "roc\033");
}

/* The choice was reload or cancel: nothing is written. A reload also
 * ends the form, so that a later commit never writes its old values. */
static xf_status after_conflict(xf_app *app, int choice, xf_err *err)
{
    xf_store *s = app->store;
    if (choice != 'r') {
        xf_errf(err, _("%s was changed by someone else; commit again to "
                "choose once more"), xf_store_path(s));
        return XF_ERR_CONFLICT;
    }
    xf_status st = xf_store_reload(s, err);
    if (st != XF_OK)
        return st;
    app->reloaded = true;
    xf_app_message(app, FW_S_WARNING, _("Reloaded %s: their change is shown, "
                   "yours was not saved"), xf_store_path(s));
    return XF_ERR_CONFLICT;
}

/* The file changed since it was read: merged, and the user is asked only
 * about partners both sides changed. */
static xf_status resolve(xf_app *app, const xf_config *next,
                         fw_redraw_fn redraw, void *ctx, xf_err *err)
{
    xf_merge m;
    xf_status st = xf_store_merge(app->store, next, false, &m, err);
    if (st == XF_ERR_CONFLICT && m.conflicts) {
        int choice = ask_conflict(&m, redraw, ctx);
        xf_merge_free(&m);
        if (choice != 'o')
            return after_conflict(app, choice, err);
        st = xf_store_merge(app->store, next, true, &m, err);
        app->overwrote = st == XF_OK;
    }
    if (st == XF_OK)
        app->merged = true;
    xf_merge_free(&m);
    return st;
}

/* The save failed: the model is what the file holds (the store kept it
 * or read it again), so that no screen shows a change that is not in
 * the file. */
static void not_saved(xf_app *app, const xf_err *err, bool reloaded)
{
    if (reloaded) /* the user chose to drop it: nothing to ask at q */
        return;
    snprintf(app->unsaved, sizeof app->unsaved, "%s", err->msg);
    xf_app_message(app, FW_S_ERROR, _("Not saved: %s"), err->msg);
}

/* "Saved X" goes on: with the change someone else made meanwhile. */
static void say_merged(xf_app *app)
{
    char tail[sizeof app->applied];
    snprintf(tail, sizeof tail, "%s", app->applied);
    if (!tail[0])
        app->applied_style = FW_S_OK;
    snprintf(app->applied, sizeof app->applied, "%s%s%.600s",
             app->overwrote ? _("overwrote the change someone else made "
                                "to it meanwhile")
                            : _("merged with the change someone else made "
                                "meanwhile"), tail[0] ? "; " : "", tail);
}

bool xf_app_save(xf_app *app, xf_config *next,
                 fw_redraw_fn redraw, void *ctx)
{
    xf_store *s = app->store;
    xf_config before, wanted; /* for u: the change as the user made it */
    xf_config_copy(&before, xf_store_model(s));
    xf_config_copy(&wanted, next);
    app->reloaded = app->merged = app->overwrote = false;
    xf_err err;
    xf_status st = xf_store_commit(s, next, false, &err);
    if (st == XF_ERR_CONFLICT)
        st = resolve(app, next, redraw, ctx, &err);
    xf_config_free(next);
    if (st != XF_OK) {
        xf_config_free(&before);
        xf_config_free(&wanted);
        not_saved(app, &err, app->reloaded);
        return false;
    }
    xf_undo_keep(app, &before, &wanted);
    app->unsaved[0] = '\0';
    xf_app_applied(app); /* after_save, told with the screen's "Saved" */
    if (app->merged)
        say_merged(app);
    return true;
}

/* A change of type, TLS, SASL or dialback is shown before it is written. */
static bool review(xf_app *app, long index, const xf_partner *p,
                   fw_redraw_fn redraw, void *ctx)
{
    const xf_config *now = xf_store_cmodel(app->store);
    const xf_partner *old = index >= 0 ? now->v[index] : NULL;
    if (!p || !xf_diff_security(old, p))
        return true;
    xf_changes c = { 0 };
    xf_diff_partner(&c, old, p);
    char diff[2400], text[2800]; /* 10 lines of two brief values */
    change_lines(&c, 10, false, diff, sizeof diff);
    xf_changes_free(&c);
    /* TRANSLATORS: the answers are the keys y and n in any language */
    snprintf(text, sizeof text, _("This changes the security settings of "
             "%s:\n\n%s\n(y) commit   (n) back to the form"), old->domain, diff);
    if (fw_dialog(redraw, ctx, _("Review the change"), text, "yn\033") == 'y')
        return true;
    xf_app_message(app, FW_S_WARNING, _("Not saved: back to the form"));
    return false;
}

bool xf_app_commit(xf_app *app, long index, xf_partner *p,
                   fw_redraw_fn redraw, void *ctx)
{
    if (!review(app, index, p, redraw, ctx)) {
        xf_partner_free(p);
        app->reloaded = false;
        return false;
    }
    xf_config next;
    xf_config_copy(&next, xf_store_model(app->store));
    if (p)
        xf_config_put(&next, index, p);
    else
        xf_config_remove(&next, (size_t)index);
    return xf_app_save(app, &next, redraw, ctx);
}

bool xf_app_poll(xf_app *app)
{
    xf_store *s = app->store;
    if (!xf_store_changed_on_disk(s))
        return false;
    xf_store *now = xf_store_new(); /* read aside first: a file that */
    xf_err err; /* does not parse now must not replace the settings shown */
    xf_status st = xf_store_open(now, xf_store_path(s), 0, &err);
    xf_store_free(now);
    if (st == XF_OK)
        st = xf_store_reload(s, &err);
    if (st != XF_OK) {
        xf_app_message(app, FW_S_ERROR, _("%s was changed on disk and cannot "
                       "be read: %s"), xf_store_path(s), err.msg);
        return false;
    }
    xf_app_message(app, FW_S_WARNING, _("Changed on disk by someone else: "
                   "the list shows the file as it is now"));
    return true;
}

bool xf_app_may_quit(xf_app *app, fw_redraw_fn redraw, void *ctx)
{
    if (!app->unsaved[0])
        return true;
    char text[800];
    snprintf(text, sizeof text, _("The last change was not saved: %s\n\nThe "
             "file is as it was before that change.\n\n(y) quit anyway   "
             "(n) back"), app->unsaved);
    return fw_dialog(redraw, ctx, _("Quit?"), text, "yn\033") == 'y';
}

const char *xf_last_cells(const char *s, int width)
{
    const char *tail = s + strlen(s);
    while (tail > s) {
        const char *prev = tail - 1;
        while (prev > s && (*prev & 0xc0) == 0x80) /* not inside a character */
            prev--;
        if (fw_text_width(prev, strlen(prev)) > width)
            break;
        tail = prev;
    }
    return tail;
}

void xf_app_draw_title(const xf_app *app, const char *title)
{
    fw_draw_text(stdscr, 0, 0, COLS, "", 0, fw_attr(FW_S_TITLE), true);
    int len = fw_draw_clipped(stdscr, 0, 0, COLS, title, strlen(title),
                              fw_attr(FW_S_TITLE), false); /* cut: marked */
    const char *note = app->readonly, *rest = strchr(note, ' ');
    int room = COLS - len;
    attr_t a = fw_attr(FW_S_ERROR) | A_REVERSE;
    if (!*note || room <= 0)
        return;
    if (fw_text_width(note, strlen(note)) <= room || !rest || room < 20) {
        fw_draw_str(stdscr, 0, len, room, note, a);
        return;
    }
    /* "read-only: ..." and the end, which says what to do */
    int x = len + fw_draw_text(stdscr, 0, len, room, note, (size_t)(rest - note),
                               a, false);
    x += fw_draw_str(stdscr, 0, x, COLS - x, " ...", a);
    const char *tail = xf_last_cells(note, COLS - x);
    fw_draw_str(stdscr, 0, x, COLS - x, tail, a);
}

const char *xf_pgettext(const char *ctx, const char *msgid)
{
    char key[256];
    int n = snprintf(key, sizeof key, "%s\004%s", ctx, msgid);
    if (n < 0 || (size_t)n >= sizeof key)
        return gettext(msgid);
    const char *t = gettext(key);
    return t == key ? msgid : t; /* gettext gives its argument back */
}

void xf_keybar_draw(const fw_keyhint *hints, int n)
{
    fw_keyhint shown[32];
    if (n > 32)
        n = 32;
    for (int i = 0; i < n; i++)
        shown[i] = (fw_keyhint){ hints[i].key,
                                  xf_pgettext("key bar", hints[i].label) };
    fw_keybar_draw(stdscr, LINES - 1, shown, n);
}

/* Why the folder (made in its parent when missing) cannot take the new
 * file, FILE.bak and FILE.lock; NULL when it can. */
static const char *folder_problem(const char *dir)
{
    if (faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0)
        return NULL;
    return errno == EROFS ? _("is on a read-only file system")
           : geteuid() ? _("is not writable; run with sudo")
                       : _("is not writable");
}

/* FILE.lock is there but cannot be opened (a folder, a link, no right):
 * every save would fail at "cannot create lock file". NULL when it can. */
static const char *lock_problem(const char *lock)
{
    struct stat st;
    if (lstat(lock, &st) != 0)
        return NULL; /* made at the first save: the folder decides */
    if (!S_ISREG(st.st_mode))
        return S_ISDIR(st.st_mode) ? _("it is a folder")
               : S_ISLNK(st.st_mode) ? _("it is a symbolic link")
                                     : _("it is not a regular file");
    int fd = open(lock, O_RDWR | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return strerror(errno);
    close(fd);
    return NULL;
}

/* A save writes FILE.lock, a temporary file and FILE.bak in the folder,
 * and keeps the file's owner and mode: say before anyone types when it
 * cannot, or when the file is marked read-only. */
static void check_writable(xf_app *app)
{
    const xf_store *s = app->store;
    char *copy = xf_strdup(xf_store_real(s)), *lock = NULL;
    char *dir = dirname(copy); /* a missing folder is made in its parent */
    struct stat st;
    if (stat(dir, &st) != 0 && errno == ENOENT)
        dir = dirname(dir);
    if (asprintf(&lock, "%s.lock", xf_store_real(s)) < 0)
        abort();
    const char *why = folder_problem(dir);
    if (why)
        snprintf(app->readonly, sizeof app->readonly, _("read-only: %s %s"),
                 dir, why);
    else if ((why = lock_problem(lock)))
        snprintf(app->readonly, sizeof app->readonly, _("read-only: the lock "
                 "file %s cannot be created (%s)"), lock, why);
    else if (stat(xf_store_real(s), &st) == 0 && geteuid() != 0 &&
             st.st_uid != geteuid()) /* its owner could not be kept */
        snprintf(app->readonly, sizeof app->readonly, _("read-only: %s is "
                 "not writable; run with sudo"), xf_store_real(s));
    else if (stat(xf_store_real(s), &st) == 0 && !(st.st_mode & 0222))
        snprintf(app->readonly, sizeof app->readonly, _("read-only: %s is "
                 "read-only (mode %04o); a save replaces it, keeping the mode"),
                 xf_store_real(s), (unsigned)(st.st_mode & 07777));
    free(lock);
    free(copy);
}

/* The terminal is gone. When its session leader exits, the kernel sends
 * SIGHUP and SIGCONT to the process group that had it; a SIGCONT cancels
 * any stop, among them the one LeakSanitizer's tracer needs at exit (the
 * sanitizer build then spins for ever). Out of that group, none comes. */
static void leave_lost_terminal(void)
{
    if (setsid() < 0) {
        /* a group leader (a shell's job) stays: nothing worse than before */
    }
}

/* The editor needs a terminal it knows; say so plainly instead of letting
 * curses fail with "Error opening terminal". */
static bool have_terminal(void)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        xf_say("%s", _("the editor needs a terminal (for ssh: ssh -t); "
               "without one, use the commands: xmppfed --help"));
        return false;
    }
    int e = 0;
    const char *term = getenv("TERM");
    if (!term || !*term || setupterm(term, STDOUT_FILENO, &e) != OK) {
        xf_say(_("the terminal type '%s' is not known here; set TERM (e.g. "
               "TERM=xterm-256color or TERM=vt100)"), term ? term : "");
        return false;
    }
    /* TERM=dumb (an editor's shell buffer, a serial console): no cursor
     * addressing, so curses would show a blank or garbled screen */
    char *cup = tigetstr("cup");
    bool full_screen = cup && cup != (char *)-1 && *cup;
    del_curterm(cur_term);
    if (!full_screen) {
        xf_say(_("the terminal type '%s' cannot show the editor (it cannot "
               "move the cursor); set TERM (e.g. TERM=xterm-256color or "
               "TERM=vt100), or use the commands: xmppfed --help"), term);
        return false;
    }
    return true;
}

/* A syntax error comes with the token of its line (core/store.c). */
static xf_status open_file(xf_app *app, const char *path, xf_err *err)
{
    return xf_store_open(app->store, path, 0, err); /* hinted in core */
}

int xf_tui_run(const char *path, xf_repair_fn repair)
{
    xf_app app = { 0 };
    xf_err err;
    if (!have_terminal())
        return XF_EXIT_USAGE;
    app.store = xf_store_new();
    xf_status st;
    /* a file that does not parse: edit it or restore FILE.bak, visudo's way */
    while ((st = open_file(&app, path, &err)) == XF_ERR_SYNTAX &&
           repair && repair(path, err.msg))
        xf_store_close(app.store);
    if (st != XF_OK) {
        xf_say("%s", err.msg);
        xf_store_free(app.store);
        return XF_EXIT_FAIL;
    }
    size_t errors = xf_diags_count(xf_store_diags(app.store), XF_DIAG_ERROR);
    if (errors)
        xf_app_message(&app, FW_S_ERROR, ngettext("%zu error in the file "
                       "('xmppfed check' lists it): kept as it is until you "
                       "edit it", "%zu errors in the file ('xmppfed check' "
                       "lists them): kept as they are until you edit them",
                       errors), errors);
    check_writable(&app);
    xf_term_start();
    xf_draft_offer(&app);
    if (!fw_hangup)
        xf_list_screen(&app);
    xf_term_stop();
    if (app.kept[0]) /* after a hang-up, nobody reads it: that is fine */
        fprintf(stderr, "xmppfed: %s\n", app.kept);
    if (xf_term_exit_status() == 129)
        leave_lost_terminal();
    xf_undo_free(&app);
    xf_store_free(app.store);
    for (size_t i = 0; i < app.ntests; i++)
        free(app.tests[i].domain);
    free(app.tests);
    return xf_term_exit_status();
}
