#include "draft_text.h"

#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add_string(config_setting_t *parent, const char *key,
                       const char *value)
{
    config_setting_set_string(config_setting_add(parent, key,
                                                 CONFIG_TYPE_STRING),
                              value ? value : "");
}

char *xf_draft_text_render(const xf_draft_text *t, size_t *len)
{
    config_t cf;
    config_init(&cf);
    config_setting_t *root = config_root_setting(&cf);
    add_string(root, "file", t->file);
    add_string(root, "kind", t->kind);
    add_string(root, "partner", t->partner);
    config_setting_t *form = config_setting_add(root, "form", CONFIG_TYPE_GROUP);
    for (size_t i = 0; i < t->keys.n; i++)
        add_string(form, t->keys.v[i], t->values.v[i]);
    char *buf = NULL;
    FILE *f = open_memstream(&buf, len);
    if (!f)
        abort();
    config_write(&cf, f);
    fclose(f);
    config_destroy(&cf);
    return buf;
}

static char *dup_member(const config_t *cf, const char *key)
{
    const char *v = NULL;
    return config_lookup_string(cf, key, &v) == CONFIG_TRUE ? xf_strdup(v)
                                                            : NULL;
}

bool xf_draft_text_parse(const char *data, xf_draft_text *t)
{
    *t = (xf_draft_text){ 0 };
    config_t cf;
    config_init(&cf);
    bool ok = config_read_string(&cf, data) == CONFIG_TRUE;
    if (ok) {
        t->file = dup_member(&cf, "file");
        t->kind = dup_member(&cf, "kind");
        t->partner = dup_member(&cf, "partner");
        const config_setting_t *form = config_lookup(&cf, "form");
        int n = form && config_setting_is_group(form)
                    ? config_setting_length(form) : 0;
        for (int i = 0; i < n; i++) {
            const config_setting_t *s = config_setting_get_elem(form, (unsigned)i);
            const char *v = config_setting_get_string(s);
            if (!v)
                continue; /* not a string: as if missing */
            xf_strlist_push(&t->keys, config_setting_name(s));
            xf_strlist_push(&t->values, v);
        }
    }
    config_destroy(&cf);
    return ok;
}

const char *xf_draft_text_get(const xf_draft_text *t, const char *key)
{
    for (size_t i = 0; i < t->keys.n; i++)
        if (strcmp(t->keys.v[i], key) == 0)
            return t->values.v[i];
    return NULL;
}

void xf_draft_text_free(xf_draft_text *t)
{
    free(t->file);
    free(t->kind);
    free(t->partner);
    xf_strlist_clear(&t->keys);
    xf_strlist_clear(&t->values);
    *t = (xf_draft_text){ 0 };
}
