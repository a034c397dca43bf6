#include "draft.h"
#include "core/draft_text.h"
#include "core/i18n.h"
#include "core/safefile.h"
#include "core/strlist.h"

#include <libgen.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "core/tls_lib.h" /* last: see there */

/* The name of the draft of real (the resolved path): predictable, so
 * that the next start finds it; safe because its folder is private. */
static char *hashed_name(const char *real)
{
    unsigned char md[32];
    unsigned int n = 32;
    EVP_Digest(real, strlen(real), md, &n, EVP_sha256(), NULL);
    char *out;
    if (asprintf(&out, "draft-%02x%02x%02x%02x%02x%02x.conf", md[0], md[1],
                 md[2], md[3], md[4], md[5]) < 0)
        abort();
    return out;
}

int xf_draft_dir(const char *config_path, char **name, xf_err *err)
{
    char real[PATH_MAX], dir[PATH_MAX];
    if (!realpath(config_path, real))
        snprintf(real, sizeof real, "%s", config_path);
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    if (state && *state == '/') { /* the spec ignores relative paths */
        snprintf(dir, sizeof dir, "%s/xmppfed", state);
        *name = hashed_name(real);
    } else if (home && *home) {
        snprintf(dir, sizeof dir, "%s/.local/state/xmppfed", home);
        *name = hashed_name(real);
    } else {
        char *a = xf_strdup(real), *b = xf_strdup(real);
        snprintf(dir, sizeof dir, "%s", dirname(a));
        if (asprintf(name, "%s.draft", basename(b)) < 0)
            abort();
        free(a);
        free(b);
    }
    int fd = xf_private_dir_open(dir, err);
    if (fd < 0) {
        free(*name);
        *name = NULL;
    }
    return fd;
}

static const char *text_key(xf_draft_kind kind, int i)
{
    return kind == XF_DRAFT_GATEWAY ? xf_gfield_key((xf_gfield)i)
                                    : xf_field_key((xf_field)i);
}

static int text_count(xf_draft_kind kind)
{
    return kind == XF_DRAFT_GATEWAY ? XF_G_COUNT : XF_F_COUNT;
}

/* The draft as text. */
static char *render(const char *config_path, const xf_draft *d, size_t *len)
{
    xf_draft_text t = {
        .file = (char *)config_path, .partner = d->orig,
        .kind = d->kind == XF_DRAFT_GATEWAY ? "gateway" : "partner",
    };
    for (int i = 0; i < text_count(d->kind); i++) {
        xf_strlist_push(&t.keys, text_key(d->kind, i));
        xf_strlist_push(&t.values, d->texts[i] ? d->texts[i] : "");
    }
    char *buf = xf_draft_text_render(&t, len);
    xf_strlist_clear(&t.keys);
    xf_strlist_clear(&t.values);
    return buf;
}

bool xf_draft_save(const char *config_path, const xf_draft *d, xf_err *err)
{
    char *name;
    int dfd = xf_draft_dir(config_path, &name, err);
    if (dfd < 0)
        return false;
    size_t len;
    char *text = render(config_path, d, &len);
    bool ok = xf_private_write(dfd, name, text, len, err);
    free(text);
    free(name);
    close(dfd);
    return ok;
}

/* Fills d from the parsed draft; false when it is not one. */
static bool parse(const xf_draft_text *t, xf_draft *d)
{
    const char *kind = t->kind ? t->kind : "partner";
    if (!t->partner || (strcmp(kind, "partner") && strcmp(kind, "gateway")))
        return false;
    d->kind = !strcmp(kind, "gateway") ? XF_DRAFT_GATEWAY : XF_DRAFT_PARTNER;
    d->orig = xf_strdup(t->partner);
    for (int i = 0; i < text_count(d->kind); i++) {
        const char *v = xf_draft_text_get(t, text_key(d->kind, i));
        d->texts[i] = xf_strdup(v ? v : "");
    }
    return true;
}

int xf_draft_load(const char *config_path, xf_draft *d, xf_err *err)
{
    *d = (xf_draft){ 0 };
    char *name, *data;
    size_t len;
    int dfd = xf_draft_dir(config_path, &name, err);
    if (dfd < 0)
        return 0; /* nothing of ours can be there */
    bool trusted = xf_private_read(dfd, name, &data, &len, err);
    close(dfd);
    int found = 0;
    if (!trusted) {
        found = -1;
    } else if (data) {
        xf_draft_text t;
        found = xf_draft_text_parse(data, &t) && parse(&t, d);
        if (!found)
            xf_errf(err, "%s: not a draft", name);
        found = found ? 1 : -1;
        xf_draft_text_free(&t);
    }
    free(data);
    free(name);
    return found;
}

void xf_draft_free(xf_draft *d)
{
    free(d->orig);
    for (int i = 0; i < XF_DRAFT_TEXTS; i++)
        free(d->texts[i]);
    *d = (xf_draft){ 0 };
}

void xf_draft_discard(const char *config_path)
{
    char *name;
    xf_err err;
    int dfd = xf_draft_dir(config_path, &name, &err);
    if (dfd < 0)
        return;
    unlinkat(dfd, name, 0); /* removes a link itself, never its target */
    free(name);
    close(dfd);
}

static void describe(const xf_draft *d, char *buf, size_t size)
{
    if (d->kind == XF_DRAFT_GATEWAY)
        snprintf(buf, size, "%s", _("the gateway settings"));
    else if (*d->orig)
        snprintf(buf, size, _("partner %s"), d->orig);
    else
        snprintf(buf, size, "%s", _("a new partner"));
}

void xf_draft_keep(xf_app *app, const xf_draft *d)
{
    char what[300];
    describe(d, what, sizeof what);
    xf_err err;
    if (xf_draft_save(xf_store_path(app->store), d, &err))
        snprintf(app->kept, sizeof app->kept, _("the unsaved changes to %s "
                 "are kept as a draft; it is offered at the next start"), what);
    else
        snprintf(app->kept, sizeof app->kept, _("the unsaved changes to %s "
                 "are lost: no draft could be kept (%s)"), what, err.msg);
}

/* Opens the draft in its form; it is dropped once the user has left the
 * form (saved or not), kept when the editor ends again first. */
static void open_draft(xf_app *app, const xf_draft *d)
{
    if (d->kind == XF_DRAFT_GATEWAY) {
        xf_gateway_screen(app, d->texts);
    } else {
        long index = *d->orig ? xf_config_find(xf_store_cmodel(app->store),
                                               d->orig) : -1;
        xf_edit_screen(app, index, d->texts);
    }
    if (!fw_hangup)
        xf_draft_discard(xf_store_path(app->store));
}

void xf_draft_offer(xf_app *app)
{
    xf_draft d;
    xf_err err;
    char *name;
    int dfd = xf_draft_dir(xf_store_path(app->store), &name, &err);
    if (dfd < 0) { /* said now, not when a hang-up leaves nobody to read it */
        if (!app->msg[0])
            xf_app_message(app, FW_S_WARNING, _("No drafts: %s"), err.msg);
        return;
    }
    close(dfd);
    free(name);
    int found = xf_draft_load(xf_store_path(app->store), &d, &err);
    if (found < 0)
        xf_app_message(app, FW_S_WARNING, _("A draft was ignored: %s"), err.msg);
    if (found <= 0)
        return;
    char what[300], text[1000];
    describe(&d, what, sizeof what);
    /* TRANSLATORS: the answers are the keys o, d and l in any language */
    snprintf(text, sizeof text,
             _("A form had unsaved changes when the last session ended (the "
             "connection dropped, or it was interrupted):\n\n%s\n\n"
             "(o) open it again\n(d) discard it\n(l) later: keep it for the "
             "next start"), what);
    int c = fw_dialog(NULL, NULL, _("A draft was kept"), text, "odl\033");
    if (c == 'o')
        open_draft(app, &d);
    else if (c == 'd')
        xf_draft_discard(xf_store_path(app->store));
    xf_draft_free(&d);
}
