#include "draft.h"
#include "core/strlist.h"

#include <errno.h>
#include <libconfig.h>
#include <limits.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void mkdirs(char *dir)
{
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    mkdir(dir, 0700);
}

char *xf_draft_path(const char *config_path)
{
    char real[PATH_MAX], *out = NULL;
    if (!realpath(config_path, real))
        snprintf(real, sizeof real, "%s", config_path);
    unsigned char md[32];
    unsigned int n = 32;
    EVP_Digest(real, strlen(real), md, &n, EVP_sha256(), NULL);
    const char *state = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    char dir[PATH_MAX];
    if (state && *state)
        snprintf(dir, sizeof dir, "%s/xmppfed", state);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.local/state/xmppfed", home);
    else {
        if (asprintf(&out, "%s.draft", real) < 0)
            abort();
        return out;
    }
    mkdirs(dir);
    if (asprintf(&out, "%s/draft-%02x%02x%02x%02x%02x%02x.conf", dir, md[0],
                 md[1], md[2], md[3], md[4], md[5]) < 0)
        abort();
    return out;
}

bool xf_draft_save(const char *config_path, const char *orig,
                   char *const texts[XF_F_COUNT])
{
    config_t cf;
    config_init(&cf);
    config_setting_t *root = config_root_setting(&cf);
    config_setting_set_string(config_setting_add(root, "file", CONFIG_TYPE_STRING),
                              config_path);
    config_setting_set_string(config_setting_add(root, "partner", CONFIG_TYPE_STRING),
                              orig);
    config_setting_t *form = config_setting_add(root, "form", CONFIG_TYPE_GROUP);
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        config_setting_set_string(config_setting_add(form, xf_field_key(f),
                                                     CONFIG_TYPE_STRING),
                                  texts[f] ? texts[f] : "");
    char *path = xf_draft_path(config_path);
    mode_t old = umask(077); /* a draft may say more than the file's mode */
    bool ok = config_write_file(&cf, path) == CONFIG_TRUE;
    umask(old);
    free(path);
    config_destroy(&cf);
    return ok;
}

bool xf_draft_load(const char *config_path, char **orig,
                   char *texts[XF_F_COUNT])
{
    char *path = xf_draft_path(config_path);
    config_t cf;
    config_init(&cf);
    const char *o = NULL;
    bool ok = config_read_file(&cf, path) == CONFIG_TRUE &&
              config_lookup_string(&cf, "partner", &o) == CONFIG_TRUE;
    for (xf_field f = 0; f < XF_F_COUNT; f++) {
        const char *t = NULL;
        char key[64];
        snprintf(key, sizeof key, "form.%s", xf_field_key(f));
        if (ok)
            config_lookup_string(&cf, key, &t);
        texts[f] = xf_strdup(t ? t : "");
    }
    *orig = xf_strdup(o ? o : "");
    config_destroy(&cf);
    free(path);
    return ok;
}

void xf_draft_discard(const char *config_path)
{
    char *path = xf_draft_path(config_path);
    unlink(path);
    free(path);
}

static void free_texts(char *orig, char *texts[XF_F_COUNT])
{
    free(orig);
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        free(texts[f]);
}

void xf_draft_offer(xf_app *app)
{
    char *orig, *texts[XF_F_COUNT];
    if (!xf_draft_load(app->store.path, &orig, texts)) {
        free_texts(orig, texts);
        return;
    }
    char text[512];
    snprintf(text, sizeof text,
             "The last session ended (the connection dropped) while a form "
             "had unsaved changes: %s%s.\n\n(o) open it again\n(d) discard "
             "it\n(l) later: keep it for the next start",
             *orig ? "partner " : "a new partner",
             *orig ? orig : "");
    int c = fw_dialog(NULL, NULL, "A draft was kept", text, "odl\033");
    if (c == 'o') {
        long index = *orig ? xf_config_find(&app->store.model, orig) : -1;
        xf_edit_screen(app, index, texts);
        if (!fw_hangup)
            xf_draft_discard(app->store.path);
    } else if (c == 'd') {
        xf_draft_discard(app->store.path);
    }
    free_texts(orig, texts);
}
