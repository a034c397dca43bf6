/* edit: the file in $VISUAL / $EDITOR / vi, visudo's way. The editor gets
 * a private copy (a 0700 folder of our own, the file created 0600 with
 * O_EXCL) while we hold the lock; on exit the copy goes through the checks
 * of 'check', and is saved through the store (atomic, FILE.bak, changes by
 * others detected) only when it passes or the user says so. No curses. */
#include "cli.h"
#include "core/fdio.h"
#include "core/i18n.h"
#include "core/apply.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* The private copy, removed on every exit, signals included. */
static char tmp_dir[4096], tmp_file[4096];

static void remove_copy(void)
{
    if (tmp_file[0])
        unlink(tmp_file);
    if (tmp_dir[0])
        rmdir(tmp_dir);
    tmp_file[0] = tmp_dir[0] = '\0';
}

static void on_fatal_signal(int sig)
{
    if (tmp_file[0])
        unlink(tmp_file); /* async-signal-safe, unlike remove_copy's [0]= */
    if (tmp_dir[0])
        rmdir(tmp_dir);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Makes the private copy holding data; the file keeps the base name so
 * that the editor knows its syntax. */
static bool make_copy(const char *path, const char *data, size_t len)
{
    const char *base = getenv("TMPDIR");
    snprintf(tmp_dir, sizeof tmp_dir, "%s/xmppfed-edit.XXXXXX",
             base && *base ? base : "/tmp");
    if (!mkdtemp(tmp_dir)) {
        xf_say(_("cannot make a private folder in %s: %s"),
               base && *base ? base : "/tmp", strerror(errno));
        tmp_dir[0] = '\0';
        return false;
    }
    char *copy = xf_strdup(path);
    int n = snprintf(tmp_file, sizeof tmp_file, "%s/%s", tmp_dir,
                     basename(copy));
    free(copy);
    if (n < 0 || (size_t)n >= sizeof tmp_file) {
        xf_say(_("the name of %s is too long"), path);
        remove_copy();
        return false;
    }
    int fd = open(tmp_file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                  O_CLOEXEC, 0600);
    bool ok = fd >= 0 && xf_write_all(fd, data, len);
    if (fd >= 0 && close(fd) != 0)
        ok = false;
    if (!ok) {
        xf_say(_("cannot write %s: %s"), tmp_file, strerror(errno));
        remove_copy();
    }
    return ok;
}

/* Runs the editor on the copy; true when it exited with status 0. While
 * it runs, Ctrl-C and Ctrl-\ are the editor's, as visudo has it. */
static bool run_editor(void)
{
    const char *ed = getenv("VISUAL");
    if (!ed || !*ed)
        ed = getenv("EDITOR");
    if (!ed || !*ed)
        ed = "vi";
    xf_err err;
    char **words = xf_words_split(ed, &err);
    if (!words) {
        xf_say(_("the editor '%s': %s"), ed, err.msg);
        return false;
    }
    size_t n = 0;
    while (words[n])
        n++;
    char **argv = realloc(words, (n + 2) * sizeof *argv);
    if (!argv)
        abort();
    argv[n] = tmp_file;
    argv[n + 1] = NULL;
    struct sigaction ign = { .sa_handler = SIG_IGN }, old_int, old_quit;
    sigaction(SIGINT, &ign, &old_int);
    sigaction(SIGQUIT, &ign, &old_quit);
    pid_t pid = fork();
    if (pid == 0) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        signal(SIGPIPE, SIG_DFL);
        execvp(argv[0], argv);
        fprintf(stderr, _("xmppfed: cannot run the editor %s: %s\n"), argv[0],
                strerror(errno));
        _exit(127);
    }
    int status = 0;
    while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    argv[n] = NULL; /* tmp_file is not ours to free */
    xf_words_free(argv);
    if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        xf_say(_("the editor %s failed (%s %d)"), ed,
               pid < 0 ? "fork" : WIFEXITED(status) ? "exit" : "signal",
               pid < 0 ? errno : WIFEXITED(status) ? WEXITSTATUS(status)
                                                   : WTERMSIG(status));
        return false;
    }
    return true;
}

/* What the checks found in the edited copy. */
typedef enum { CHECK_OK, CHECK_WARNINGS, CHECK_ERRORS, CHECK_SYNTAX } verdict;

/* Opens the copy as a store (the checks of 'check') and prints what it
 * finds under the name of the real file. t stays open for the save. */
static verdict check_copy(const char *path, xf_store *t)
{
    xf_err err;
    xf_status st = xf_store_open(t, tmp_file, 0, &err);
    if (st == XF_ERR_SYNTAX) {
        fprintf(stderr, _("error: %s:%d: %s\n"), path, err.line,
                xf_err_reason(&err));
        return CHECK_SYNTAX;
    }
    if (st != XF_OK) {
        xf_say("%s", err.msg);
        return CHECK_SYNTAX;
    }
    for (size_t i = 0; i < xf_store_diags(t)->n; i++)
        xf_cli_print_diag(stderr, path, &xf_store_diags(t)->v[i]);
    return xf_diags_count(xf_store_diags(t), XF_DIAG_ERROR)     ? CHECK_ERRORS
           : xf_diags_count(xf_store_diags(t), XF_DIAG_WARNING) ? CHECK_WARNINGS
                                                         : CHECK_OK;
}

/* visudo's question; returns 'e', 'x' or 'Q'. End of input is 'x'. */
static int what_now(verdict v)
{
    for (;;) {
        fprintf(stderr, _("What now? (e)dit again, e(x)it without saving%s "),
                v == CHECK_WARNINGS ? _(", (Q)uit and save anyway") : "");
        fflush(stderr);
        char line[64];
        if (!fgets(line, sizeof line, stdin)) {
            fputc('\n', stderr);
            return 'x';
        }
        int c = line[0];
        if (c == 'e' || c == 'x' || (c == 'Q' && v == CHECK_WARNINGS))
            return c;
        if (c == 'Q')
            fprintf(stderr, _("Only warnings can be saved anyway; fix the "
                    "errors, or exit without saving.\n"));
    }
}

/* Saves the copy checked in t through s, then applies it; the exit
 * status. When the save fails the copy is kept for the user. */
static int save_copy(xf_store *s, xf_store *t, const char *orig,
                     size_t orig_len, bool exists, bool *saved)
{
    char *text;
    size_t len;
    bool ex;
    xf_err err;
    if (xf_read_file(tmp_file, &text, &len, &ex, &err) != XF_OK || !ex) {
        xf_say("%s", ex ? err.msg : _("the edited copy is gone"));
        return XF_EXIT_FAIL;
    }
    bool ok = xf_store_adopt_text(s, t, text, orig, orig_len, exists);
    free(text);
    xf_status st = ok ? xf_store_save(s, false, &err) : XF_ERR_INVALID;
    if (st == XF_OK) {
        *saved = true;
        return xf_cli_after_save(s);
    }
    xf_say(_("%s; your edited copy is kept: %s"),
           ok ? err.msg : _("internal error: the checked copy does not parse"),
           tmp_file);
    tmp_file[0] = '\0'; /* not removed; nor is its folder */
    return XF_EXIT_FAIL;
}

/* The edit loop on the copy: editor, checks, question. Returns the exit
 * status; *saved tells whether the file was replaced. */
static int edit_loop(xf_store *s, const char *orig, size_t orig_len,
                     bool exists, bool *saved)
{
    for (;;) {
        if (!run_editor()) {
            xf_say(_("%s was left as it was"), xf_store_path(s));
            return XF_EXIT_FAIL;
        }
        char *now;
        size_t now_len;
        bool ex;
        xf_err err;
        if (xf_read_file(tmp_file, &now, &now_len, &ex, &err) != XF_OK ||
            !ex) { /* a copy the editor removed is no empty list */
            xf_say(_("%s; %s was left as it was"),
                   ex ? err.msg : _("the edited copy is gone"), xf_store_path(s));
            return XF_EXIT_FAIL;
        }
        bool same = ex && now_len == orig_len && !memcmp(now, orig, now_len);
        free(now);
        if (same) {
            xf_say(_("no change: %s was left as it was"), xf_store_path(s));
            return XF_EXIT_OK;
        }
        xf_store *t = xf_store_new();
        verdict v = check_copy(xf_store_path(s), t);
        int c = v == CHECK_OK ? 'Q' : what_now(v);
        int rc = XF_EXIT_OK;
        if (c == 'Q') {
            rc = save_copy(s, t, orig, orig_len, exists, saved);
        } else if (c == 'x') {
            xf_say(_("%s was left as it was"), xf_store_path(s));
            rc = XF_EXIT_FAIL;
        }
        xf_store_free(t);
        if (c != 'e')
            return rc;
    }
}

/* Edits the file at path under its lock: the whole visudo flow. */
static int edit_file(const char *path, bool *saved)
{
    xf_store *s = xf_store_new();
    xf_err err;
    *saved = false;
    xf_status st = xf_store_open(s, path, XF_STORE_LOCK, &err);
    /* a file that does not parse is what this command is for */
    if (st != XF_OK && st != XF_ERR_SYNTAX) {
        xf_say("%s", err.msg);
        xf_store_free(s);
        return XF_EXIT_FAIL;
    }
    char *orig;
    size_t orig_len;
    bool exists;
    int rc = XF_EXIT_FAIL;
    if (xf_read_file(xf_store_real(s), &orig, &orig_len, &exists, &err) != XF_OK)
        xf_say("%s", err.msg);
    else if (make_copy(path, orig ? orig : "", orig_len)) {
        struct sigaction sa = { .sa_handler = on_fatal_signal };
        sigaction(SIGHUP, &sa, NULL);
        sigaction(SIGTERM, &sa, NULL);
        rc = edit_loop(s, orig ? orig : "", orig_len, exists, saved);
        remove_copy();
    }
    free(orig);
    xf_store_free(s);
    return rc;
}

int xf_cmd_edit(const char *path, int argc, char **argv)
{
    if (argc > 1)
        return xf_usage_error("edit", _("unexpected argument '%s'"), argv[1]);
    bool saved;
    return edit_file(path, &saved);
}

/* --- a file that does not parse, found by the interactive editor ------- */

/* Does FILE.bak exist and parse? */
static bool backup_parses(const char *bak)
{
    if (access(bak, R_OK) != 0)
        return false;
    xf_store *b = xf_store_new();
    xf_err err;
    bool ok = xf_store_open(b, bak, 0, &err) == XF_OK;
    xf_store_free(b);
    return ok;
}

/* Replaces the broken file with FILE.bak, through the store: the broken
 * content becomes FILE.bak in turn, so nothing is lost. */
static bool restore_backup(const char *path, const char *bak)
{
    xf_store *s = xf_store_new(), *b = xf_store_new();
    xf_err err;
    char *cur = NULL, *text = NULL;
    size_t cur_len, len;
    bool ex, ok = false;
    xf_status st = xf_store_open(s, path, XF_STORE_LOCK, &err);
    if ((st == XF_OK || st == XF_ERR_SYNTAX) &&
        xf_read_file(xf_store_real(s), &cur, &cur_len, &ex, &err) == XF_OK &&
        xf_store_open(b, bak, 0, &err) == XF_OK) {
        if (xf_read_file(bak, &text, &len, &ex, &err) == XF_OK && text &&
            xf_store_adopt_text(s, b, text, cur, cur_len, cur != NULL))
            ok = xf_store_save(s, false, &err) == XF_OK;
    }
    if (!ok) {
        xf_say("%s", err.msg);
    } else {
        xf_say(_("restored %s from %s; the file that did not parse is now %s"),
               path, bak, bak);
        xf_cli_after_save(s);
    }
    free(cur);
    free(text);
    xf_store_free(s);
    xf_store_free(b);
    return ok;
}

bool xf_edit_repair(const char *path, const char *syntax_error)
{
    /* beside the file a symlink points to, where the store keeps it */
    char *real = realpath(path, NULL), *bak = NULL;
    if (asprintf(&bak, "%s.bak", real ? real : path) < 0)
        abort();
    free(real);
    bool can_restore = backup_parses(bak), changed = false;
    fprintf(stderr, "xmppfed: %s\n", syntax_error);
    for (;;) {
        if (can_restore)
            fprintf(stderr, _("What now? (e)dit the file, (r)estore %s (it "
                              "parses), e(x)it "), bak);
        else
            fputs(_("What now? (e)dit the file, e(x)it "), stderr);
        fflush(stderr);
        char line[64];
        int c = fgets(line, sizeof line, stdin) ? line[0] : 'x';
        if (c == 'e') {
            int rc = edit_file(path, &changed);
            if (changed || rc == XF_EXIT_OK)
                break;
        } else if (c == 'r' && can_restore) {
            changed = restore_backup(path, bak);
            break;
        } else if (c == 'x') {
            break;
        }
    }
    free(bak);
    return changed;
}
