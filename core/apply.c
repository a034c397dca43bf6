#include "apply.h"
#include "i18n.h"
#include "strlist.h"
#include "visible.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* --- splitting --------------------------------------------------------- */

static void push_word(xf_strlist *w, char *buf, size_t *len)
{
    buf[*len] = '\0';
    xf_strlist_push(w, buf);
    *len = 0;
}

char **xf_words_split(const char *line, xf_err *err)
{
    xf_strlist w = { 0 };
    char *buf = malloc(strlen(line) + 1);
    size_t len = 0;
    bool in_word = false;
    char quote = 0;
    if (!buf)
        abort();
    for (const char *p = line; *p; p++) {
        if (quote == '\'' && *p != '\'') {
            buf[len++] = *p;
        } else if (quote == '"' && *p == '\\' && p[1] && strchr("\"\\$`", p[1])) {
            buf[len++] = *++p;
        } else if (quote && *p == quote) {
            quote = 0;
        } else if (quote) {
            buf[len++] = *p;
        } else if (*p == '\'' || *p == '"') {
            quote = *p;
            in_word = true;
        } else if (*p == '\\' && p[1]) {
            buf[len++] = *++p;
            in_word = true;
        } else if (*p == ' ' || *p == '\t' || *p == '\n') {
            if (in_word)
                push_word(&w, buf, &len);
            in_word = false;
        } else {
            buf[len++] = *p;
            in_word = true;
        }
    }
    if (in_word && !quote)
        push_word(&w, buf, &len);
    free(buf);
    if (quote || !w.n) {
        xf_errf(err, "%s", !quote ? _("no command")
                : quote == '"' ? _("unbalanced double quote")
                               : _("unbalanced single quote"));
        xf_strlist_clear(&w);
        return NULL;
    }
    xf_strlist_push(&w, ""); /* room for the terminating NULL */
    free(w.v[w.n - 1]);
    w.v[w.n - 1] = NULL;
    return w.v;
}

void xf_words_free(char **words)
{
    for (size_t i = 0; words && words[i]; i++)
        free(words[i]);
    free(words);
}

/* --- running ----------------------------------------------------------- */

int xf_apply_timeout(void)
{
    const char *env = getenv("XMPPFED_APPLY_TIMEOUT");
    int t;
    return env && xf_parse_int(env, 1, 3600, &t) ? t : XF_APPLY_TIMEOUT;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* In the child: the output goes to the pipe; exec failures too. */
static void child(char **argv, int out)
{
    /* a session of its own: no controlling terminal to prompt on (the
     * editor's screen is ours), and a process group to stop as a whole */
    setsid();
    signal(SIGPIPE, SIG_DFL); /* we ignore it; the command should not */
    int null = open("/dev/null", O_RDONLY);
    if (null >= 0)
        dup2(null, STDIN_FILENO);
    dup2(out, STDOUT_FILENO);
    dup2(out, STDERR_FILENO);
    execvp(argv[0], argv);
    dprintf(STDERR_FILENO, "cannot run %s: %s", argv[0], strerror(errno));
    _exit(127);
}

/* Reads the output until EOF or the deadline; keeps the first bytes. */
static void collect(int fd, double deadline, xf_apply *r, size_t *len)
{
    char sink[512];
    for (;;) {
        double left = deadline - now_s();
        if (left <= 0)
            return;
        struct pollfd p = { .fd = fd, .events = POLLIN };
        int n = poll(&p, 1, (int)(left * 1000) + 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        size_t room = sizeof r->output - 1 - *len;
        ssize_t got = read(fd, room ? r->output + *len : sink,
                           room ? room : sizeof sink);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return;
        if (room)
            *len += (size_t)got;
    }
}

/* Waits for the child until the deadline, then stops its whole group. */
static int reap(pid_t pid, double deadline, bool *timed_out)
{
    int status = 0;
    while (waitpid(pid, &status, WNOHANG) == 0) {
        if (now_s() >= deadline) {
            *timed_out = true;
            kill(-pid, SIGTERM);
            for (int i = 0; i < 50 && waitpid(pid, &status, WNOHANG) == 0; i++)
                nanosleep(&(struct timespec){ 0, 20000000 }, NULL);
            kill(-pid, SIGKILL);
            waitpid(pid, &status, 0);
            return status;
        }
        nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
    }
    return status;
}

bool xf_apply_run(const char *cmdline, const char *path, int timeout_s,
                  xf_apply *r)
{
    *r = (xf_apply){ .exit_status = -1, .timeout_s = timeout_s };
    xf_err err;
    char **argv = xf_words_split(cmdline, &err);
    if (!argv) {
        snprintf(r->output, sizeof r->output, "%s", err.msg);
        return false;
    }
    size_t n = 0;
    while (argv[n])
        n++;
    char **full = realloc(argv, (n + 2) * sizeof *full);
    if (!full)
        abort();
    full[n] = xf_strdup(path);
    full[n + 1] = NULL;
    int pipefd[2];
    pid_t pid = -1;
    if (pipe2(pipefd, O_CLOEXEC) == 0 && (pid = fork()) == 0)
        child(full, pipefd[1]);
    if (pid < 0) {
        snprintf(r->output, sizeof r->output, _("cannot start: %s"),
                 strerror(errno));
        xf_words_free(full);
        return false;
    }
    close(pipefd[1]);
    r->started = true;
    double deadline = now_s() + timeout_s;
    size_t len = 0;
    collect(pipefd[0], deadline, r, &len);
    close(pipefd[0]);
    r->output[len] = '\0';
    if (len == sizeof r->output - 1) /* the first bytes only: maybe cut */
        xf_utf8_trim_cut(r->output);
    int status = reap(pid, deadline, &r->timed_out);
    if (WIFEXITED(status) && !r->timed_out)
        r->exit_status = WEXITSTATUS(status);
    else if (WIFSIGNALED(status))
        r->signal = WTERMSIG(status);
    xf_words_free(full);
    return r->exit_status == 0;
}

/* The output on one line: trimmed, line breaks as " | ", made visible. */
static char *one_line(const char *out)
{
    size_t len = strlen(out);
    while (len && strchr(" \t\r\n", out[len - 1]))
        len--;
    char *flat = malloc(len * 3 + 1), *q = flat;
    if (!flat)
        abort();
    for (size_t i = 0; i < len; i++) {
        if (out[i] == '\n') {
            memcpy(q, " | ", 3);
            q += 3;
        } else if (out[i] != '\r') {
            *q++ = out[i];
        }
    }
    *q = '\0';
    char *vis = xf_visible(flat);
    free(flat);
    return vis;
}

void xf_apply_describe(const xf_apply *r, const char *cmdline, char *buf,
                       size_t cap)
{
    char how[96];
    char *cmd = xf_visible(cmdline), *out = one_line(r->output);
    if (!r->started)
        snprintf(how, sizeof how, "%s", _("could not be run"));
    else if (r->timed_out)
        snprintf(how, sizeof how, _("failed (still running after %d s: "
                 "stopped)"), r->timeout_s);
    else if (r->signal)
        snprintf(how, sizeof how, _("failed (killed by signal %d)"), r->signal);
    else if (r->exit_status != 0)
        snprintf(how, sizeof how, _("failed (exit %d)"), r->exit_status);
    else
        snprintf(how, sizeof how, "%s", _("done"));
    int n = snprintf(buf, cap, "`%s` %s%s%s", cmd, how, *out ? ": " : "",
                     out);
    if (cap && n >= 0 && (size_t)n >= cap) /* cut at cap: maybe in a letter */
        xf_utf8_trim_cut(buf);
    free(cmd);
    free(out);
}
