/* Where a diagnostic of the file stands: its partner and setting, for
 * check's report. The diagnostics carry a line and a message; the parsed
 * tree says which setting stands on that line. Here because the tree is
 * libconfig's and stays inside core/. */
#include "store_impl.h"

#include <string.h>

/* On a line with several settings, the one the message names ("tls: ...",
 * "unknown setting 'sals' ...") wins. */
static bool names(const char *msg, const char *name)
{
    size_t n = strlen(name);
    for (const char *at = strstr(msg, name); at; at = strstr(at + 1, name)) {
        bool quoted = at > msg && at[-1] == '\'' && at[n] == '\'';
        bool keyed = (at == msg || at[-1] == ' ') && at[n] == ':';
        if (quoted || keyed)
            return true;
    }
    return false;
}

/* The member of group g on line (NULL if none; any member when the group
 * itself does not start on that line and the message names none). */
static const char *member_at(const config_setting_t *g, int line,
                             const char *msg)
{
    const char *first = NULL;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        if ((int)config_setting_source_line(m) != line)
            continue;
        const char *name = config_setting_name(m);
        if (name && names(msg, name))
            return name;
        if (!first)
            first = name;
    }
    return (int)config_setting_source_line(g) == line ? NULL : first;
}

/* The last line of a setting: the largest line among its members. */
static int last_line(const config_setting_t *s)
{
    int last = (int)config_setting_source_line(s);
    for (int i = 0; config_setting_is_aggregate(s) &&
                    i < config_setting_length(s); i++) {
        int l = last_line(config_setting_get_elem(s, (unsigned)i));
        if (l > last)
            last = l;
    }
    return last;
}

typedef struct where {
    const xf_partner *partner;
    const char *setting;
} where;

static const xf_partner *partner_of(const xf_config *c, int origin)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i]->origin == origin)
            return c->v[i];
    return NULL;
}

static bool in_partners(const xf_store *s, const config_setting_t *list,
                        const xf_diag *d, where *w)
{
    for (int i = 0; i < config_setting_length(list); i++) {
        const config_setting_t *g = config_setting_get_elem(list, (unsigned)i);
        int first = (int)config_setting_source_line(g);
        if (d->line < first || d->line > last_line(g))
            continue;
        if (!config_setting_is_group(g)) {
            w->setting = "partners"; /* an element that is no partner */
            return true;
        }
        w->partner = partner_of(&s->model, i + 1);
        w->setting = member_at(g, d->line, d->msg);
        return true;
    }
    return false;
}

/* "gateway: ca_file ... cannot be read" has no line: the key is named. */
static const char *gateway_key_named(const char *msg)
{
    if (strncmp(msg, "gateway: ", 9) != 0)
        return NULL;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        size_t n = strlen(xf_gfield_key(f));
        if (!strncmp(msg + 9, xf_gfield_key(f), n) &&
            (msg[9 + n] == ' ' || msg[9 + n] == ':'))
            return xf_gfield_key(f);
    }
    return NULL;
}

static where locate(const xf_store *s, const xf_diag *d)
{
    where w = { NULL, NULL };
    const config_setting_t *root = config_root_setting(&s->cf);
    const config_setting_t *list = config_setting_get_member(root, "partners");
    const config_setting_t *gw = config_setting_get_member(root, "gateway");
    if (d->line <= 0) {
        w.setting = gateway_key_named(d->msg);
        return w;
    }
    if (list && config_setting_is_aggregate(list) && in_partners(s, list, d, &w))
        return w;
    if (gw && config_setting_is_group(gw) &&
        d->line >= (int)config_setting_source_line(gw) &&
        d->line <= last_line(gw))
        w.setting = member_at(gw, d->line, d->msg);
    if (!w.setting)
        w.setting = member_at(root, d->line, d->msg);
    return w;
}


void xf_store_locate(const xf_store *s, const xf_diag *d,
                     const xf_partner **partner, const char **setting)
{
    where w = locate(s, d);
    *partner = w.partner;
    *setting = w.setting;
}
