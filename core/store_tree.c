#include "store_tree.h"
#include "i18n.h"
#include "domain.h"
#include "fields.h"
#include "partner_diff.h"
#include "splice.h"
#include "suggest.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE(s) ((int)config_setting_source_line(s))

/* The text of a scalar setting, as xf_partner_set takes it. */
static const char *scalar_text(const config_setting_t *s, char *buf,
                               size_t cap)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_STRING:
        return config_setting_get_string(s);
    case CONFIG_TYPE_BOOL:
        return config_setting_get_bool(s) ? "true" : "false";
    case CONFIG_TYPE_INT:
        snprintf(buf, cap, "%d", config_setting_get_int(s));
        return buf;
    case CONFIG_TYPE_INT64:
        snprintf(buf, cap, "%lld", config_setting_get_int64(s));
        return buf;
    case CONFIG_TYPE_FLOAT:
        snprintf(buf, cap, "%g", config_setting_get_float(s));
        return buf;
    default:
        return NULL;
    }
}

/* What stands for a value that is no single value, shown in its place. */
static const char *aggregate_text(const config_setting_t *s)
{
    return config_setting_is_group(s) ? "{ ... }"
           : config_setting_is_list(s) ? "( ... )" : "[ ... ]";
}

/* Reports a value in error and keeps it as it is in the file, to be shown
 * (escaped, marked) and left in the file, never replaced by a default. */
static void keep_bad(const config_setting_t *s, xf_field f, xf_partner *p,
                     const char *text, xf_diags *d, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void keep_bad(const config_setting_t *s, xf_field f, xf_partner *p,
                     const char *text, xf_diags *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *reason = NULL;
    if (vasprintf(&reason, fmt, ap) < 0)
        abort();
    va_end(ap);
    xf_diags_add(d, XF_DIAG_ERROR, LINE(s), "%s", reason);
    xf_partner_keep_bad(p, f, text, d->v[d->n - 1].msg, LINE(s));
    free(reason);
}

/* The common case without the join and split of read_additional: each
 * element a string that is one valid name, as xf_partner_set would take
 * them joined. False, p untouched, for anything else. */
static bool read_plain_additional(const config_setting_t *s, xf_partner *p)
{
    xf_strlist list = { 0 };
    for (int i = 0; i < config_setting_length(s); i++) {
        const char *t = config_setting_get_string_elem(s, i);
        char *name = t && *t && !strpbrk(t, ", \t\n")
                         ? xf_domain_normalize(t, NULL) : NULL;
        if (!name) {
            xf_strlist_clear(&list);
            return false;
        }
        xf_strlist_push_owned(&list, name);
    }
    xf_strlist_clear(&p->additional);
    p->additional = list;
    return true;
}

/* additional_domains: an array or list of strings. */
static void read_additional(const config_setting_t *s, xf_partner *p,
                            xf_diags *d)
{
    const char *key = xf_field_key(XF_F_ADDITIONAL);
    char buf[32];
    if (config_setting_is_array(s) && !xf_partner_in_error(p, XF_F_ADDITIONAL) &&
        read_plain_additional(s, p))
        return;
    if (!config_setting_is_aggregate(s) || config_setting_is_group(s)) {
        const char *t = scalar_text(s, buf, sizeof buf);
        if (t)
            xf_strlist_push(&p->additional, t);
        keep_bad(s, XF_F_ADDITIONAL, p, t ? t : aggregate_text(s), d,
                 _("%s: expected a list of strings, [ \"a.example\", ... ]"), key);
        return;
    }
    xf_strlist list = { 0 };
    char *why = NULL;
    for (int i = 0; i < config_setting_length(s); i++) {
        const char *t = config_setting_get_string_elem(s, i);
        if (!t && !why && asprintf(&why, _("%s: element %d is not a string"), key,
                                   i + 1) < 0)
            abort();
        xf_strlist_push(&list, t ? t : aggregate_text(
                                           config_setting_get_elem(s, i)));
    }
    char *joined = xf_strlist_join(&list, " "); /* one place checks domains */
    xf_err err;
    if (!why && !xf_partner_set(p, XF_F_ADDITIONAL, joined, &err)) {
        xf_err_prefix(&err, "%s", key);
        why = xf_strdup(err.msg);
    }
    if (why) {
        xf_strlist_clear(&p->additional);
        p->additional = list; /* kept as it is */
        list = (xf_strlist){ 0 };
        char *text = xf_strlist_join(&p->additional, ", ");
        keep_bad(s, XF_F_ADDITIONAL, p, text, d, "%s", why);
        free(text);
        free(why);
    }
    free(joined);
    xf_strlist_clear(&list);
}

static void read_field(const config_setting_t *s, xf_field f, xf_partner *p,
                       xf_diags *d)
{
    if (f == XF_F_ADDITIONAL) {
        read_additional(s, p, d);
        return;
    }
    char buf[32];
    const char *text = scalar_text(s, buf, sizeof buf);
    const char *key = xf_field_key(f);
    xf_err err;
    if (!text) {
        keep_bad(s, f, p, aggregate_text(s), d, _("%s: expected a single value"),
                 key);
    } else if (!xf_partner_set(p, f, text, &err)) {
        if (!(err.says & XF_SAYS_FIELD))
            xf_err_prefix(&err, "%s", key);
        keep_bad(s, f, p, text, d, "%s", err.msg);
    }
}

static const char *const top_keys[] = { "version", "gateway", "partners" };

/* Settings xmppfed does not know stay in the file, but a typo must not
 * pass for one of them: each is named, with the known name it is close
 * to. where: "in partner X", "in the gateway section", "at the top level". */
static void warn_unknown(const config_setting_t *g, const char *const *known,
                         size_t n, const char *where, xf_diags *d)
{
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(s);
        bool found = false;
        for (size_t k = 0; k < n && !found; k++)
            found = strcmp(name, known[k]) == 0;
        if (found)
            continue;
        const char *close = xf_suggest(name, known, n);
        if (close)
            xf_diags_add(d, XF_DIAG_WARNING, LINE(s), _("unknown setting '%s' "
                         "%s (did you mean '%s'?)"), name, where, close);
        else
            xf_diags_add(d, XF_DIAG_WARNING, LINE(s),
                         _("unknown setting '%s' %s"), name, where);
    }
}

static void warn_unknown_in_partner(const config_setting_t *g,
                                    const xf_partner *p, int index,
                                    xf_diags *d)
{
    const char *known[XF_F_COUNT];
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        known[f] = xf_field_key(f);
    char where[300];
    if (*p->domain)
        snprintf(where, sizeof where, _("in partner %s"), p->domain);
    else
        snprintf(where, sizeof where, _("in partner %d"), index + 1);
    warn_unknown(g, known, XF_F_COUNT, where, d);
}

/* The settings of group g by field, in one pass over its members:
 * config_setting_get_member compares names a character at a time through
 * strchr, which was a tenth of a load. The search for a name starts at
 * the field after the last one found: a file xmppfed wrote has them in
 * the table's order, one comparison each. False when a setting is no
 * field (to be named in a warning). */
static bool members_by_field(const config_setting_t *g,
                             const config_setting_t *at[XF_F_COUNT])
{
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        at[f] = NULL;
    bool all_known = true;
    unsigned next = 0;
    int n = config_setting_length(g);
    for (int i = 0; i < n; i++) {
        const config_setting_t *s = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(s);
        bool found = false;
        for (unsigned k = 0; name && !found && k < XF_F_COUNT; k++) {
            xf_field f = (xf_field)((next + k) % XF_F_COUNT);
            if (strcmp(name, xf_partner_fields[f].key) == 0) {
                at[f] = s;
                next = (unsigned)f + 1;
                found = true;
            }
        }
        all_known = all_known && found;
    }
    return all_known;
}

/* The partner in element index of the list, or NULL (and a diagnostic)
 * when the element is no group: it is no partner, and it stays in the file
 * untouched. */
static xf_partner *read_partner(const config_setting_t *g, int index,
                                xf_diags *d)
{
    if (!config_setting_is_group(g)) {
        xf_diags_add(d, XF_DIAG_ERROR, LINE(g), _("partners: element %d is not "
                     "a group { ... }"), index + 1);
        return NULL;
    }
    xf_partner *p = xf_partner_new();
    p->line = LINE(g);
    p->origin = index + 1;
    const config_setting_t *at[XF_F_COUNT];
    bool all_known = members_by_field(g, at);
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        if (at[f])
            read_field(at[f], f, p, d);
    if (!*p->domain && !xf_partner_in_error(p, XF_F_DOMAIN))
        keep_bad(g, XF_F_DOMAIN, p, "", d, _("partner %d has no domain"),
                 index + 1);
    if (!all_known)
        warn_unknown_in_partner(g, p, index, d);
    return p;
}

static void read_gateway(const config_setting_t *g, xf_gateway *gw,
                         xf_diags *d)
{
    if (!config_setting_is_group(g)) {
        xf_diags_add(d, XF_DIAG_ERROR, LINE(g), _("gateway: expected a group "
                     "{ ... }"));
        return;
    }
    const char *known[XF_G_COUNT];
    for (xf_gfield f = 0; f < XF_G_COUNT; f++) {
        known[f] = xf_gfield_key(f);
        const config_setting_t *s = config_setting_get_member(g, xf_gfield_key(f));
        if (!s)
            continue;
        char buf[32];
        const char *text = scalar_text(s, buf, sizeof buf);
        xf_err err;
        if (!text)
            xf_diags_add(d, XF_DIAG_ERROR, LINE(s), _("gateway: %s: expected a "
                         "single value"), xf_gfield_key(f));
        else if (!xf_gateway_set(gw, f, text, &err)) {
            xf_err_prefix(&err, "gateway: %s", xf_err_key(&err));
            xf_diags_add(d, XF_DIAG_ERROR, LINE(s), "%s", err.msg);
        }
    }
    warn_unknown(g, known, XF_G_COUNT, _("in the gateway section"), d);
}

/* The model from the tree; false when there is no list of partners to
 * validate. */
static bool read_tree(const config_t *cf, xf_config *model, xf_diags *d)
{
    const config_setting_t *root = config_root_setting(cf);
    warn_unknown(root, top_keys, sizeof top_keys / sizeof *top_keys,
                 _("at the top level"), d);
    const config_setting_t *v = config_setting_get_member(root, "version");
    if (v && (config_setting_type(v) != CONFIG_TYPE_INT ||
              config_setting_get_int(v) != 1))
        xf_diags_add(d, XF_DIAG_WARNING, LINE(v), _("version: this xmppfed "
                     "knows version 1; settings it does not know are kept"));
    const config_setting_t *g = config_setting_get_member(root, "gateway");
    if (g)
        read_gateway(g, &model->gw, d);
    const config_setting_t *list = config_setting_get_member(root, "partners");
    if (!list)
        return false;
    if (!config_setting_is_list(list) && !config_setting_is_array(list)) {
        xf_diags_add(d, XF_DIAG_ERROR, LINE(list), _("partners: expected a list "
                     "( { ... }, ... )"));
        return false;
    }
    for (int i = 0; i < config_setting_length(list); i++) {
        xf_partner *p = read_partner(config_setting_get_elem(list, i), i, d);
        if (p)
            xf_config_put(model, -1, p);
    }
    return true;
}

void xf_tree_read_model(const config_t *cf, xf_config *model)
{
    xf_diags ignored = { 0 };
    read_tree(cf, model, &ignored);
    xf_diags_free(&ignored);
}

void xf_tree_read(const config_t *cf, xf_config *model, xf_diags *d)
{
    if (read_tree(cf, model, d))
        xf_config_validate(model, d);
}

void xf_tree_count_problems(const config_t *cf, size_t *errors,
                            size_t *warnings)
{
    xf_config scratch;
    xf_diags d = { 0 };
    xf_config_init(&scratch);
    xf_tree_read(cf, &scratch, &d);
    *errors = xf_diags_count(&d, XF_DIAG_ERROR);
    *warnings = xf_diags_count(&d, XF_DIAG_WARNING);
    xf_diags_free(&d);
    xf_config_free(&scratch);
}

/* --- writing ----------------------------------------------------------- */

/* The member key of group g with type t, replacing one of another type. */
static config_setting_t *member(config_setting_t *g, const char *key, int t)
{
    config_setting_t *s = config_setting_get_member(g, key);
    if (s && config_setting_type(s) != t) {
        config_setting_remove(g, key);
        s = NULL;
    }
    return s ? s : config_setting_add(g, key, t);
}

/* Optional settings are written when they differ from the default or the
 * file had them already, so files stay short and nothing known vanishes. */
static bool wanted(config_setting_t *g, const char *key, bool non_default)
{
    return non_default || config_setting_get_member(g, key);
}

static void put_string(config_setting_t *g, const char *key, const char *v,
                       bool optional)
{
    if (optional && !wanted(g, key, *v))
        return;
    config_setting_set_string(member(g, key, CONFIG_TYPE_STRING), v);
}

static void put_list(config_setting_t *g, const char *key,
                     const xf_strlist *l)
{
    if (!wanted(g, key, l->n > 0))
        return;
    config_setting_remove(g, key);
    config_setting_t *a = config_setting_add(g, key, CONFIG_TYPE_ARRAY);
    for (size_t i = 0; i < l->n; i++)
        config_setting_set_string_elem(a, -1, l->v[i]);
}

/* An optional number is unset at 0 and then leaves the file; another is
 * written when it is not the default or the file had it. */
static void put_int(config_setting_t *g, const xf_field_def *def, int v)
{
    if (def->optional && !v)
        config_setting_remove(g, def->key);
    else if (def->optional || wanted(g, def->key, v != def->dflt))
        config_setting_set_int(member(g, def->key, CONFIG_TYPE_INT), v);
}

/* The setting of def as its value in obj says, in the file's types. */
static void write_value(config_setting_t *g, const xf_field_def *def,
                        const void *obj)
{
    bool b;
    switch (def->kind) {
    case XF_K_DOMAIN_LIST:
        put_list(g, def->key, xf_def_list(def, (void *)obj));
        break;
    case XF_K_CHOICE:
        put_string(g, def->key, xf_def_choice_id(def, obj), false);
        break;
    case XF_K_BOOL:
        b = XF_DEF_CBOOL(def, obj);
        if (!def->optional || wanted(g, def->key, b != (def->dflt != 0)))
            config_setting_set_bool(member(g, def->key, CONFIG_TYPE_BOOL), b);
        break;
    case XF_K_INT: put_int(g, def, XF_DEF_CINT(def, obj)); break;
    default: put_string(g, def->key, XF_DEF_CSTR(def, obj), def->optional);
    }
}

static bool differs(const xf_partner *p, const xf_partner *old, xf_field f)
{
    if (!old)
        return true;
    char *a = xf_partner_get(p, f), *b = xf_partner_get(old, f);
    bool d = strcmp(a, b) != 0;
    free(a);
    free(b);
    return d;
}

static void write_partner(config_setting_t *g, const xf_partner *p,
                          const xf_partner *old)
{
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        if (differs(p, old, f))
            write_value(g, xf_partner_field(f), p);
}

/* The section key of type GROUP or LIST, made when missing. An empty []
 * (how people write an empty list) becomes ( ). A section of another type
 * was reported when the file was read; it is not ours to rewrite, so a
 * change that needs it is refused. */
static config_setting_t *section(config_setting_t *root, const char *key,
                                 int type, xf_err *err)
{
    config_setting_t *s = config_setting_get_member(root, key);
    if (s && config_setting_is_array(s) && config_setting_length(s) == 0 &&
        type == CONFIG_TYPE_LIST) {
        config_setting_remove(root, key);
        s = NULL;
    }
    if (!s)
        return config_setting_add(root, key, type);
    if (config_setting_type(s) == type ||
        (type == CONFIG_TYPE_LIST && config_setting_is_array(s)))
        return s;
    xf_errf(err, _("'%s' on line %d is not a %s: fix it by hand first "
            "('xmppfed check'); nothing was written"), key, LINE(s),
            type == CONFIG_TYPE_GROUP ? "group { ... }" : "list ( ... )");
    return NULL;
}

static bool gateway_changed(const xf_gateway *gw, const xf_gateway *old)
{
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        if (!xf_def_equal(xf_gateway_field(f), gw, old))
            return true;
    return false;
}

static bool write_gateway(config_setting_t *root, const xf_gateway *gw,
                          const xf_gateway *old, xf_err *err)
{
    if (!gateway_changed(gw, old))
        return true;
    config_setting_t *g = section(root, "gateway", CONFIG_TYPE_GROUP, err);
    if (!g)
        return false;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        if (!xf_def_equal(xf_gateway_field(f), gw, old)) {
            write_value(g, xf_gateway_field(f), gw);
            xf_splice_touch(config_setting_get_member(g, xf_gfield_key(f)));
        }
    return true;
}

/* The tree is the file as read or last saved: what the model is compared
 * with, a partner at a time, so that no copy of the model is kept (at
 * 100,000 partners a copy cost a tenth of every load and as much memory
 * again). */

/* The partners list of the tree, or NULL when there is none to compare
 * with (none, or a section of another type: it held no partner). */
static config_setting_t *tree_list(config_setting_t *root)
{
    config_setting_t *l = config_setting_get_member(root, "partners");
    return l && (config_setting_is_list(l) || config_setting_is_array(l))
        ? l : NULL;
}

static bool is_partner(const config_setting_t *list, int origin)
{
    return list && origin > 0 && origin <= config_setting_length(list) &&
           config_setting_is_group(
               config_setting_get_elem(list, (unsigned)(origin - 1)));
}

/* The partner element origin (1-based) holds, read as a load reads it. */
static xf_partner *tree_partner(const config_setting_t *list, int origin)
{
    if (!is_partner(list, origin))
        return NULL;
    xf_diags ignored = { 0 };
    xf_partner *p = read_partner(
        config_setting_get_elem(list, (unsigned)(origin - 1)), origin - 1,
        &ignored);
    xf_diags_free(&ignored);
    return p;
}

/* Whether the strings of list s are those of l, in order. */
static bool same_strings(const config_setting_t *s, const xf_strlist *l)
{
    if (config_setting_is_group(s) || !config_setting_is_aggregate(s) ||
        (size_t)config_setting_length(s) != l->n)
        return false;
    for (size_t i = 0; i < l->n; i++) {
        const char *t = config_setting_get_string_elem(s, (int)i);
        if (!t || strcmp(t, l->v[i]) != 0)
            return false;
    }
    return true;
}

/* Whether setting s (NULL: missing, the default dflt) holds the value of
 * def in p exactly as the model holds it, in the type the writer gives. */
static bool value_as_model(const config_setting_t *s, const xf_field_def *def,
                           const xf_partner *p, const xf_partner *dflt)
{
    if (!s)
        return xf_def_equal(def, p, dflt);
    int t = config_setting_type(s);
    switch (def->kind) {
    case XF_K_DOMAIN_LIST:
        return same_strings(s, xf_def_list(def, (void *)p));
    case XF_K_CHOICE:
        return t == CONFIG_TYPE_STRING &&
               strcmp(config_setting_get_string(s),
                      xf_def_choice_id(def, p)) == 0;
    case XF_K_BOOL:
        return t == CONFIG_TYPE_BOOL &&
               config_setting_get_bool(s) == XF_DEF_CBOOL(def, p);
    case XF_K_INT:
        return t == CONFIG_TYPE_INT &&
               config_setting_get_int(s) == XF_DEF_CINT(def, p);
    default:
        return t == CONFIG_TYPE_STRING &&
               strcmp(config_setting_get_string(s), XF_DEF_CSTR(def, p)) == 0;
    }
}

/* Whether group g certainly reads as p, found without reading it (which
 * checks and normalises every value: at 100,000 partners that was a
 * tenth of a save): every value is in the file exactly as the model
 * holds it, so that reading gives it back. False when not sure (a value
 * in error, another spelling or type): then g is read and compared. */
static bool reads_as_model(const config_setting_t *g, const xf_partner *p,
                           const xf_partner *dflt)
{
    const config_setting_t *at[XF_F_COUNT];
    members_by_field(g, at);
    if (!at[XF_F_DOMAIN] || p->bad)
        return false; /* read as a value in error, or holds one */
    for (xf_field f = 0; f < XF_F_COUNT; f++)
        if (!value_as_model(at[f], xf_partner_field(f), p, dflt))
            return false;
    return true;
}

/* Whether p is element p->origin of list, the same as the model holds. */
static bool same_in_tree(const config_setting_t *list, const xf_partner *p,
                         const xf_partner *dflt)
{
    if (!is_partner(list, p->origin))
        return false;
    if (reads_as_model(config_setting_get_elem(list,
                                               (unsigned)(p->origin - 1)),
                       p, dflt))
        return true;
    xf_partner *old = tree_partner(list, p->origin);
    bool same = old && xf_partner_equal(p, old);
    xf_partner_free(old);
    return same;
}

/* The gateway as a load reads it from the tree. */
static void tree_gateway(const config_setting_t *root, xf_config *out)
{
    xf_config_init(out);
    const config_setting_t *g = config_setting_get_member(root, "gateway");
    xf_diags ignored = { 0 };
    if (g)
        read_gateway(g, &out->gw, &ignored);
    xf_diags_free(&ignored);
}

/* Stops at the first difference: a change is usually found at once. */
static bool partners_changed(config_setting_t *list, const xf_config *model)
{
    int n = list ? config_setting_length(list) : 0, partners = 0;
    for (int i = 1; i <= n; i++)
        partners += is_partner(list, i);
    if ((size_t)partners != model->n)
        return true;
    xf_partner *dflt = xf_partner_new();
    bool changed = false;
    for (size_t i = 0; i < model->n && !changed; i++)
        changed = !same_in_tree(list, model->v[i], dflt);
    xf_partner_free(dflt);
    return changed; /* as many, each the same: none was removed either */
}

bool xf_tree_changed(config_t *cf, const xf_config *model)
{
    config_setting_t *root = config_root_setting(cf);
    xf_config old;
    tree_gateway(root, &old);
    bool changed = gateway_changed(&model->gw, &old.gw) ||
                   partners_changed(tree_list(root), model);
    xf_config_free(&old);
    return changed;
}

/* Drops the partners the model no longer holds, highest index first so
 * that the lower ones stay valid; what was no partner stays. Returns the
 * map old index -> new index (-1: dropped). */
static int *drop_removed(config_setting_t *list, const xf_config *model)
{
    int n = config_setting_length(list);
    int *map = calloc((size_t)n + 1, sizeof *map); /* by origin */
    bool *kept = calloc((size_t)n + 1, sizeof *kept);
    bool *gone = calloc((size_t)n + 1, sizeof *gone);
    if (!map || !kept || !gone)
        abort();
    for (size_t i = 0; i < model->n; i++)
        if (is_partner(list, model->v[i]->origin))
            kept[model->v[i]->origin] = true;
    for (int i = 1; i <= n; i++)
        gone[i] = is_partner(list, i) && !kept[i];
    for (int i = n; i >= 1; i--)
        if (gone[i])
            config_setting_remove_elem(list, (unsigned)(i - 1));
    for (int i = 1, next = 0; i <= n; i++)
        map[i] = gone[i] ? -1 : next++;
    free(kept);
    free(gone);
    return map;
}

/* same (when known): by model index, whether the partner is in the tree
 * unchanged, so that it need not be read from the tree again. */
static void write_list(config_setting_t *list, xf_config *model,
                       const bool *same)
{
    int n = config_setting_length(list);
    int *map = drop_removed(list, model);
    for (size_t i = 0; i < model->n; i++) {
        xf_partner *p = model->v[i];
        int at = p->origin > 0 && p->origin <= n ? map[p->origin] : -1;
        if (same && same[i] && at >= 0) {
            p->origin = at + 1;
            continue;
        }
        xf_partner *old = at >= 0 ? tree_partner(list, at + 1) : NULL;
        if (old && xf_partner_equal(p, old)) {
            p->origin = at + 1; /* unchanged: its group stays as it is */
            xf_partner_free(old);
            continue;
        }
        config_setting_t *g = old
            ? config_setting_get_elem(list, (unsigned)at) : NULL;
        if (!g) { /* new: appended, so its index is the last one */
            g = config_setting_add(list, NULL, CONFIG_TYPE_GROUP);
            at = config_setting_length(list) - 1;
        }
        write_partner(g, p, old);
        xf_splice_touch(g); /* its text is rendered again */
        p->origin = at + 1;
        xf_partner_free(old);
    }
    free(map);
}

/* partners_changed from what xf_tree_diff found. */
static bool known_changed(config_setting_t *list, const xf_config *model,
                          const bool *same)
{
    for (size_t i = 0; i < model->n; i++)
        if (!same[i])
            return true; /* found at once, without a pass over the list */
    int n = list ? config_setting_length(list) : 0, partners = 0;
    for (int i = 1; i <= n; i++)
        partners += is_partner(list, i);
    return (size_t)partners != model->n;
}

static bool write_partners(config_setting_t *root, xf_config *model,
                           const bool *same, xf_err *err)
{
    config_setting_t *l = tree_list(root);
    if (same ? !known_changed(l, model, same) : !partners_changed(l, model))
        return true;
    config_setting_t *list = section(root, "partners", CONFIG_TYPE_LIST, err);
    if (list)
        write_list(list, model, same);
    return list != NULL;
}

/* The first setting under s that libconfig writes but cannot read back: a
 * number too large for a double, written as "inf". */
static const config_setting_t *unwritable(const config_setting_t *s)
{
    if (config_setting_type(s) == CONFIG_TYPE_FLOAT)
        return isfinite(config_setting_get_float(s)) ? NULL : s;
    if (!config_setting_is_aggregate(s))
        return NULL;
    int n = config_setting_length(s);
    for (int i = 0; i < n; i++) {
        const config_setting_t *bad = unwritable(config_setting_get_elem(s, i));
        if (bad)
            return bad;
    }
    return NULL;
}

bool xf_tree_check_writable(const config_t *cf, xf_err *err)
{
    const config_setting_t *bad = unwritable(config_root_setting(cf));
    if (bad)
        xf_errf(err, _("the number on line %d is too large to be written back: "
                "fix it by hand first; nothing was written"), LINE(bad));
    return !bad;
}

bool xf_tree_write(config_t *cf, xf_config *model, xf_err *err)
{
    return xf_tree_write_known(cf, model, NULL, err);
}

bool xf_tree_write_known(config_t *cf, xf_config *model, const bool *same,
                         xf_err *err)
{
    config_setting_t *root = config_root_setting(cf);
    if (!config_setting_get_member(root, "version"))
        config_setting_set_int(config_setting_add(root, "version",
                                                  CONFIG_TYPE_INT), 1);
    xf_config old;
    tree_gateway(root, &old);
    bool ok = write_gateway(root, &model->gw, &old.gw, err) &&
              write_partners(root, model, same, err);
    xf_config_free(&old);
    return ok;
}

void xf_tree_diff(config_t *cf, const xf_config *model, xf_changes *c,
                  bool *same)
{
    config_setting_t *root = config_root_setting(cf), *list = tree_list(root);
    xf_config old;
    tree_gateway(root, &old);
    xf_diff_gateway(c, &old.gw, &model->gw);
    xf_config_free(&old);
    int n = list ? config_setting_length(list) : 0;
    bool *kept = calloc((size_t)n + 1, sizeof *kept);
    if (!kept)
        abort();
    xf_partner *dflt = xf_partner_new();
    for (size_t i = 0; i < model->n; i++) {
        const xf_partner *p = model->v[i];
        if (is_partner(list, p->origin) &&
            reads_as_model(config_setting_get_elem(
                               list, (unsigned)(p->origin - 1)), p, dflt)) {
            kept[p->origin] = true;
            if (same)
                same[i] = true;
            continue;
        }
        xf_partner *t = tree_partner(list, p->origin);
        if (t)
            kept[p->origin] = true;
        bool equal = t && xf_partner_equal(t, p);
        if (!equal)
            xf_diff_partner(c, t, p);
        if (same)
            same[i] = equal;
        xf_partner_free(t);
    }
    xf_partner_free(dflt);
    for (int o = 1; o <= n; o++) {
        xf_partner *t = kept[o] ? NULL : tree_partner(list, o);
        if (t)
            xf_diff_partner(c, t, NULL);
        xf_partner_free(t);
    }
    free(kept);
}
