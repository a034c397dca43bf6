#include "changelog.h"
#include "i18n.h"
#include "store.h"
#include "strlist.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

char *xf_changelog_path(const char *file)
{
    char *p = NULL;
    if (asprintf(&p, "%s.log", file) < 0)
        abort();
    return p;
}

char *xf_changelog_user(void)
{
    const char *u = getenv("SUDO_USER");
    if (!u || !*u)
        u = getenv("LOGNAME");
    if (u && *u)
        return xf_strdup(u);
    struct passwd *pw = getpwuid(getuid());
    if (pw)
        return xf_strdup(pw->pw_name);
    char id[32];
    snprintf(id, sizeof id, "%ld", (long)getuid());
    return xf_strdup(id);
}

/* A field of a line: the separators and the escape itself escaped. */
static void put_field(FILE *f, const char *s, char end)
{
    for (; *s; s++)
        switch (*s) {
        case '\\': fputs("\\\\", f); break;
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        default: fputc(*s, f);
        }
    fputc(end, f);
}

static char *format_entries(const xf_changes *c, size_t *len)
{
    char when[32], *buf = NULL, *user = xf_changelog_user();
    time_t now = time(NULL);
    struct tm tm;
    strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&now, &tm));
    FILE *f = open_memstream(&buf, len);
    if (!f)
        abort();
    for (size_t i = 0; i < c->n; i++) {
        const xf_change *ch = &c->v[i];
        put_field(f, when, '\t');
        put_field(f, user, '\t');
        put_field(f, ch->partner, '\t');
        put_field(f, ch->setting, '\t');
        put_field(f, ch->old, '\t');
        put_field(f, ch->neu, '\n');
    }
    fclose(f);
    free(user);
    return buf;
}

/* The log is as private as the file: its group and owner when we may. */
static void own_like(int fd, const char *file)
{
    struct stat st;
    if (stat(file, &st) == 0 && fchown(fd, st.st_uid, st.st_gid) != 0) {
        /* not root: the log stays ours, 0640 as created */
    }
}

bool xf_changelog_append(const char *file, const xf_changes *c, xf_err *err)
{
    if (!c->n)
        return true;
    size_t len;
    char *text = format_entries(c, &len), *path = xf_changelog_path(file);
    int fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0 && errno == ENOENT &&
        (fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW |
                   O_CLOEXEC, 0640)) >= 0)
        own_like(fd, file);
    bool ok = fd >= 0;
    size_t done = 0;
    while (ok && done < len) { /* one write: lines of two saves never mix */
        ssize_t w = write(fd, text + done, len - done);
        ok = w > 0;
        done += ok ? (size_t)w : 0;
    }
    if (!ok)
        xf_errf(err, _("the change log %s was not written: %s"), path,
                strerror(errno ? errno : EIO));
    if (fd >= 0 && close(fd) != 0 && ok) {
        xf_errf(err, _("the change log %s was not written: %s"), path,
                strerror(errno));
        ok = false;
    }
    free(path);
    free(text);
    return ok;
}

static char *take_field(char **p)
{
    char *out = *p, *w = *p, *r = *p;
    for (; *r && *r != '\t'; r++) {
        if (*r == '\\' && r[1]) {
            r++;
            *w++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r;
        } else
            *w++ = *r;
    }
    *p = *r ? r + 1 : r;
    *w = '\0';
    return xf_strdup(out);
}

static void add_line(xf_log *log, char *line)
{
    if (log->n == log->cap) {
        log->cap = log->cap ? 2 * log->cap : 16;
        if (!(log->v = realloc(log->v, log->cap * sizeof *log->v)))
            abort();
    }
    xf_log_entry *e = &log->v[log->n++];
    e->time = take_field(&line);
    e->user = take_field(&line);
    e->ch.partner = take_field(&line);
    e->ch.setting = take_field(&line);
    e->ch.old = take_field(&line);
    e->ch.neu = take_field(&line);
}

bool xf_changelog_read(const char *file, xf_log *log, bool *exists,
                       xf_err *err)
{
    char *path = xf_changelog_path(file), *data;
    size_t len;
    *log = (xf_log){ 0 };
    bool ok = xf_read_file(path, &data, &len, exists, err) == XF_OK;
    free(path);
    if (!ok || !*exists)
        return ok;
    for (char *line = data, *nl; *line; line = nl + 1) {
        nl = strchr(line, '\n');
        if (!nl)
            nl = line + strlen(line) - 1; /* a last line cut short */
        else
            *nl = '\0';
        if (*line)
            add_line(log, line);
        if (!nl[1])
            break;
    }
    free(data);
    return true;
}

void xf_log_free(xf_log *log)
{
    for (size_t i = 0; i < log->n; i++) {
        free(log->v[i].time);
        free(log->v[i].user);
        free(log->v[i].ch.partner);
        free(log->v[i].ch.setting);
        free(log->v[i].ch.old);
        free(log->v[i].ch.neu);
    }
    free(log->v);
    *log = (xf_log){ 0 };
}
