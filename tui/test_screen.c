/* The test view: the probe runs in a thread, the steps appear as they
 * happen, then the verdict; Esc cancels a running test cleanly. Testing
 * all partners shows a progress bar and fills the list's Test column. */
#include "app.h"
#include "core/domain.h"
#include "core/i18n.h"
#include "core/probe.h"
#include "forms/keybar.h"
#include "forms/listbox.h"
#include "forms/textbuf.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct line {
    char *text;
    fw_style style;
} line;

/* The lines of one partner's test: the steps and the verdict. */
typedef struct test_log {
    line *v;
    size_t n;
} test_log;

typedef struct test_view {
    xf_app *app;
    xf_partner **ps;
    bool *configured;
    size_t n;
    xf_probe_result *results;
    xf_probe_opts opts;
    pthread_mutex_t mu;
    line *lines;
    size_t nlines, done;
    test_log *jobs;   /* each partner's own lines, kept for 'l' in the list */
    fw_listbox log; /* follows the end until a key scrolls it */
    bool finished;
    atomic_bool cancel; /* read by the probing threads */
    pthread_t thread;
} test_view;

static const fw_keyhint running_keys[] = {
    { "Esc", NC_("key bar", "Cancel") },
};
static const fw_keyhint done_keys[] = {
    { "Up/Down", NC_("key bar", "Scroll") },
    { "Esc/Enter", NC_("key bar", "Close") },
};

static fw_style step_style(xf_step_status s)
{
    return s == XF_STEP_FAIL ? FW_S_ERROR : s == XF_STEP_WARN ? FW_S_WARNING
           : s == XF_STEP_OK ? FW_S_OK : FW_S_NORMAL;
}

static fw_style outcome_style(xf_outcome o)
{
    return o == XF_FAIL ? FW_S_ERROR : o == XF_WARN ? FW_S_WARNING : FW_S_OK;
}

static void push(test_log *l, fw_style st, const char *text)
{
    line *v = realloc(l->v, (l->n + 1) * sizeof *v);
    if (!v)
        abort();
    l->v = v;
    v[l->n].text = xf_strdup(text);
    v[l->n++].style = st;
}

static void log_free(test_log *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i].text);
    free(l->v);
    *l = (test_log){ 0 };
}

/* Under the lock: adds a line to the partner's own log, and to the view
 * when shown. */
static void add_line(test_view *v, size_t job, bool shown, fw_style st,
                     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void add_line(test_view *v, size_t job, bool shown, fw_style st,
                     const char *fmt, ...)
{
    char *text;
    va_list ap;
    va_start(ap, fmt);
    if (vasprintf(&text, fmt, ap) < 0)
        abort();
    va_end(ap);
    push(&v->jobs[job], st, text);
    if (shown) {
        test_log all = { v->lines, v->nlines };
        push(&all, st, text);
        v->lines = all.v;
        v->nlines = all.n;
    }
    free(text);
}

static void on_step(void *ctx, size_t job, const xf_step *s)
{
    test_view *v = ctx;
    pthread_mutex_lock(&v->mu);
    /* many partners: their verdicts on the screen, not every step */
    add_line(v, job, v->n == 1, step_style(s->status), "  %-8s %s", s->name,
             s->text);
    pthread_mutex_unlock(&v->mu);
}

static void on_done(void *ctx, size_t job, const xf_probe_result *r)
{
    test_view *v = ctx;
    pthread_mutex_lock(&v->mu);
    char *line = xf_verdict_line(r), *dom = xf_app_domain(r->domain);
    size_t skip = strlen(r->domain); /* the line starts "DOMAIN: " */
    if (strncmp(line, r->domain, skip))
        dom[0] = '\0', skip = 0;
    add_line(v, job, true, outcome_style(r->outcome), "%s%s", dom,
             line + skip);
    free(dom);
    free(line);
    if (!r->configured && r->suggestion)
        add_line(v, job, true, FW_S_NORMAL, _("  (not saved yet: %s)"),
                 r->suggestion);
    v->done++;
    pthread_mutex_unlock(&v->mu);
}

static void *worker(void *arg)
{
    test_view *v = arg;
    xf_probe_all((const xf_partner *const *)v->ps, v->configured, v->n,
                 &v->opts, 16, v->results);
    pthread_mutex_lock(&v->mu);
    v->finished = true;
    pthread_mutex_unlock(&v->mu);
    return NULL;
}

static void draw_progress(const test_view *v, int y)
{
    char label[160];
    snprintf(label, sizeof label, _(" %zu/%zu done%s"), v->done, v->n,
             v->finished ? "" : atomic_load(&v->cancel) ? _(", cancelling...")
                                                        : "");
    int width = COLS - 2 - fw_text_width(label, strlen(label)) - 2;
    if (width < 4)
        width = 4;
    int fill = v->n ? (int)((size_t)width * v->done / v->n) : width;
    move(y, 1);
    addch('[');
    for (int i = 0; i < width; i++)
        addch(i < fill ? ('#' | fw_attr(FW_S_OK)) : '.');
    addch(']');
    fw_draw_str(stdscr, y, width + 3, COLS - width - 3, label, 0);
}

static void draw_line(void *ctx, WINDOW *win, int y, int x, int width, int i,
                      bool selected)
{
    const test_view *v = ctx;
    (void)selected;
    fw_draw_wrapped(win, y, x, width, fw_wrapped_rows(width, v->lines[i].text),
                    v->lines[i].text, fw_attr(v->lines[i].style));
}

static int line_rows(void *ctx, int i, int width)
{
    const test_view *v = ctx;
    return fw_wrapped_rows(width, v->lines[i].text);
}

static void draw(void *ctx)
{
    test_view *v = ctx;
    if (xf_term_too_small())
        return;
    pthread_mutex_lock(&v->mu);
    erase();
    char title[300];
    if (v->n == 1) {
        char *shown = xf_app_domain(v->ps[0]->domain);
        snprintf(title, sizeof title, _(" Test connection: %s"), shown);
        free(shown);
    }
    else
        snprintf(title, sizeof title, _(" Test all partners (%zu)"), v->n);
    fw_draw_text(stdscr, 0, 0, COLS, title, strlen(title), fw_attr(FW_S_TITLE), true);
    draw_progress(v, 1);
    fw_listbox_set_count(&v->log, (int)v->nlines);
    fw_listbox_draw(&v->log, stdscr, 3, 1, LINES - 5 > 0 ? LINES - 5 : 0,
                    COLS - 2);
    if (!v->finished)
        fw_draw_str(stdscr, LINES - 2, 1, COLS - 2, _("testing... Esc cancels"),
                    fw_attr(FW_S_DIM));
    if (v->finished)
        xf_keybar_draw(done_keys, 2);
    else
        xf_keybar_draw(running_keys, 1);
    curs_set(0);
    pthread_mutex_unlock(&v->mu);
}

static bool finished(test_view *v)
{
    pthread_mutex_lock(&v->mu);
    bool f = v->finished;
    pthread_mutex_unlock(&v->mu);
    return f;
}

static void setup(test_view *v, xf_app *app, const xf_partner *const *ps,
                  size_t n)
{
    const xf_gateway *gw = &xf_store_model(app->store)->gw;
    *v = (test_view){ .app = app, .n = n };
    fw_listbox_init(&v->log, draw_line, v, true);
    v->log.item_rows = line_rows;
    v->log.follow = true;
    v->ps = calloc(n, sizeof *v->ps);
    v->configured = calloc(n, sizeof *v->configured);
    v->results = calloc(n, sizeof *v->results);
    v->jobs = calloc(n, sizeof *v->jobs);
    if (!v->ps || !v->configured || !v->results || !v->jobs)
        abort();
    for (size_t i = 0; i < n; i++) {
        v->ps[i] = xf_partner_dup(ps[i]);
        v->configured[i] = true;
    }
    xf_probe_opts_gateway(&v->opts, gw);
    v->opts.cancel = &v->cancel;
    v->opts.on_step = on_step;
    v->opts.on_done = on_done;
    v->opts.ctx = v;
    pthread_mutex_init(&v->mu, NULL);
}

/* The last test of each partner in this session, for 'l' in the list. */
static struct kept_log {
    char *domain;
    test_log log;
} *kept;
static size_t nkept;

static struct kept_log *find_kept(const char *domain)
{
    for (size_t i = 0; i < nkept; i++)
        if (!strcasecmp(kept[i].domain, domain))
            return &kept[i];
    return NULL;
}

/* Takes the lines of the partner's test as its last one. */
static void keep_log(const char *domain, test_log *l)
{
    struct kept_log *k = find_kept(domain);
    if (!k) {
        struct kept_log *more = realloc(kept, (nkept + 1) * sizeof *more);
        if (!more)
            abort();
        kept = more;
        k = &kept[nkept++];
        *k = (struct kept_log){ .domain = xf_strdup(domain) };
    }
    log_free(&k->log);
    k->log = *l;
    *l = (test_log){ 0 };
}

static void teardown(test_view *v)
{
    for (size_t i = 0; i < v->n; i++) {
        /* a cancelled test says nothing about the partner */
        if (!atomic_load(&v->cancel) &&
            xf_config_find(xf_store_cmodel(v->app->store),
                           v->ps[i]->domain) >= 0) {
            xf_app_set_test(v->app, v->ps[i]->domain,
                            xf_outcome_name(v->results[i].outcome));
            keep_log(v->ps[i]->domain, &v->jobs[i]);
        }
        log_free(&v->jobs[i]);
        xf_probe_result_free(&v->results[i]);
        xf_partner_free(v->ps[i]);
    }
    for (size_t i = 0; i < v->nlines; i++)
        free(v->lines[i].text);
    free(v->lines);
    free(v->ps);
    free(v->configured);
    free(v->results);
    free(v->jobs);
    pthread_mutex_destroy(&v->mu);
}

/* Keys once the test is over; false to close. */
static bool done_key(test_view *v, fw_key k)
{
    pthread_mutex_lock(&v->mu);
    bool stay = fw_listbox_key(&v->log, k) != FW_IGNORED;
    pthread_mutex_unlock(&v->mu);
    return stay;
}

void xf_test_screen(xf_app *app, const xf_partner *const *ps, size_t n)
{
    test_view v;
    setup(&v, app, ps, n);
    if (pthread_create(&v.thread, NULL, worker, &v) != 0) {
        xf_app_message(app, FW_S_ERROR, "%s", _("cannot start the test"));
        teardown(&v);
        return;
    }
    for (;;) {
        draw(&v);
        refresh();
        fw_key k = fw_getkey(100); /* redraw as the steps come in */
        bool over = finished(&v);
        if (k.ch == FW_KEY_HANGUP || (!over && fw_key_is(k, FW_ESC)))
            atomic_store(&v.cancel, true); /* every wait in the probe sees it within 100 ms */
        if (k.ch == FW_KEY_HANGUP || (atomic_load(&v.cancel) && over))
            break;
        if (over && k.ch != FW_KEY_NONE && !fw_key_fn(k, KEY_RESIZE) &&
            !done_key(&v, k))
            break;
    }
    pthread_join(v.thread, NULL);
    if (atomic_load(&v.cancel))
        xf_app_message(app, FW_S_WARNING, "%s", _("Test cancelled"));
    teardown(&v);
}

typedef struct details {
    const char *domain;
    const test_log *log;
    fw_listbox box;
} details;

static void draw_kept_line(void *ctx, WINDOW *win, int y, int x, int width,
                           int i, bool selected)
{
    const details *d = ctx;
    const line *l = &d->log->v[i];
    (void)selected;
    fw_draw_wrapped(win, y, x, width, fw_wrapped_rows(width, l->text),
                    l->text, fw_attr(l->style));
}

static int kept_line_rows(void *ctx, int i, int width)
{
    const details *d = ctx;
    return fw_wrapped_rows(width, d->log->v[i].text);
}

static void draw_details(void *ctx)
{
    details *d = ctx;
    erase();
    char title[300], *shown = xf_app_shown_domain(d->domain);
    snprintf(title, sizeof title, _(" Last test: %s"), shown);
    free(shown);
    fw_draw_text(stdscr, 0, 0, COLS, title, strlen(title), fw_attr(FW_S_TITLE),
                 true);
    fw_listbox_draw(&d->box, stdscr, 2, 1, LINES - 4 > 0 ? LINES - 4 : 0,
                    COLS - 2);
    xf_keybar_draw(done_keys, 2);
    curs_set(0);
}

bool xf_test_details(xf_app *app, const char *domain)
{
    (void)app;
    const struct kept_log *k = find_kept(domain);
    if (!k)
        return false;
    details d = { .domain = domain, .log = &k->log };
    fw_listbox_init(&d.box, draw_kept_line, &d, true);
    d.box.item_rows = kept_line_rows;
    fw_listbox_set_count(&d.box, (int)k->log.n);
    for (;;) {
        fw_key k2 = fw_read_key(draw_details, &d);
        if (k2.ch == FW_KEY_HANGUP || !fw_listbox_key(&d.box, k2))
            return true;
    }
}
