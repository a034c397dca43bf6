/* A value through its field's record: set from text (checked and
 * normalised), its text form, defaults, copy, compare. */
#include "fields.h"
#include "i18n.h"
#include "apply.h"
#include "domain.h"
#include "enums.h"
#include "strlist.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Splits on commas and white space; empty pieces are dropped. */
/* Each item is one domain: blanks around it are dropped (typed or pasted
 * with it), an empty one is skipped, and one with a blank or a comma
 * inside is refused as a domain, never split into two. */
static bool set_items(xf_strlist *slot, const xf_strlist *items, xf_err *err)
{
    xf_strlist list = { 0 };
    for (size_t i = 0; i < items->n; i++) {
        const char *t = items->v[i] + strspn(items->v[i], " \t\n");
        size_t len = strlen(t);
        while (len && strchr(" \t\n", t[len - 1]))
            len--;
        char *item = strndup(t, len), *d = NULL;
        if (!item)
            abort();
        if (*item && !(d = xf_domain_normalize(item, err))) {
            free(item);
            xf_strlist_clear(&list);
            return false;
        }
        if (d)
            xf_strlist_push(&list, d);
        free(d);
        free(item);
    }
    xf_strlist_clear(slot);
    *slot = list;
    return true;
}

/* The text form: domains separated by commas or blanks. */
static bool set_list(xf_strlist *slot, const char *text, xf_err *err)
{
    xf_strlist items = { 0 };
    char *copy = xf_strdup(text), *save = NULL;
    for (char *t = strtok_r(copy, ", \t\n", &save); t;
         t = strtok_r(NULL, ", \t\n", &save))
        xf_strlist_push(&items, t);
    free(copy);
    bool ok = set_items(slot, &items, err);
    xf_strlist_clear(&items);
    return ok;
}

bool xf_def_set_items(const xf_field_def *def, void *obj,
                      const xf_strlist *items, xf_err *err)
{
    return set_items(xf_def_list(def, obj), items, err);
}

/* Blanks around the number are no part of it (" 5 " typed or pasted is
 * 5) where empty means unset: blanks alone are empty then. The message
 * leaves the field's name to the caller, which puts it in front. */
static bool set_int(const xf_field_def *def, int *slot, const char *text,
                    xf_err *err)
{
    size_t start = 0, len = strlen(text);
    if (def->optional) {
        start = strspn(text, " \t");
        len -= start;
        while (len && (text[start + len - 1] == ' ' ||
                       text[start + len - 1] == '\t'))
            len--;
    }
    char *num = strndup(text + start, len);
    if (!num)
        abort();
    bool ok = def->optional && !len;
    if (ok)
        *slot = 0;
    else if (!(ok = xf_parse_int(num, def->min, def->max, slot)))
        xf_errc(err, XF_E_RANGE, XF_SAYS_VALUE, _("'%s' is not a number from "
                "%d to %d"), text, def->min, def->max);
    free(num);
    return ok;
}

static bool set_choice(const xf_field_def *def, void *obj, const char *text,
                       xf_err *err)
{
    bool b;
    int i = def->kind == XF_K_CHOICE
                ? xf_choice_parse(def->choices, def->n_choices, text) : -1;
    if (i >= 0)
        XF_DEF_CINT(def, obj) = i;
    else if (def->kind == XF_K_BOOL && xf_bool_parse(text, &b))
        XF_DEF_CBOOL(def, obj) = b;
    else {
        char ids[200];
        xf_def_choice_ids(def, ids, sizeof ids);
        xf_errc(err, XF_E_CHOICE, XF_SAYS_VALUE, _("'%s' is not one of %s"),
                text, ids);
        return false;
    }
    return true;
}

/* A command line that splits into words ("" for none). */
static char *command(const char *text, xf_err *err)
{
    char **words = *text ? xf_words_split(text, err) : NULL;
    if (*text && !words)
        return NULL;
    xf_words_free(words);
    return xf_strdup(text);
}

/* The new string value, or NULL with err filled. */
static char *string_value(const xf_field_def *def, const char *text,
                          xf_err *err)
{
    if (!*text && def->optional)
        return xf_strdup("");
    switch (def->kind) {
    case XF_K_DOMAIN: return xf_domain_normalize(text, err);
    case XF_K_HOSTPORT:
        return xf_hostport_normalize(text, NULL, &(int){ 0 }, err);
    case XF_K_COMMAND: return command(text, err);
    case XF_K_TEXT:
        return !def->check || def->check(text, err) ? xf_strdup(text) : NULL;
    default: return xf_strdup(text);
    }
}

bool xf_def_set(const xf_field_def *def, void *obj, const char *text,
                xf_err *err)
{
    switch (def->kind) {
    case XF_K_DOMAIN_LIST: return set_list(xf_def_list(def, obj), text, err);
    case XF_K_CHOICE:
    case XF_K_BOOL: return set_choice(def, obj, text, err);
    case XF_K_INT: return set_int(def, xf_def_int(def, obj), text, err);
    default:
        return xf_replace_str(xf_def_str(def, obj),
                              string_value(def, text, err));
    }
}

char *xf_def_get(const xf_field_def *def, const void *obj)
{
    char buf[16];
    switch (def->kind) {
    case XF_K_DOMAIN_LIST:
        return xf_strlist_join(xf_def_list(def, (void *)obj), ", ");
    case XF_K_CHOICE:
    case XF_K_BOOL: return xf_strdup(xf_def_choice_id(def, obj));
    case XF_K_INT:
        if (def->optional && !XF_DEF_CINT(def, obj))
            return xf_strdup("");
        snprintf(buf, sizeof buf, "%d", XF_DEF_CINT(def, obj));
        return xf_strdup(buf);
    default: return xf_strdup(XF_DEF_CSTR(def, obj));
    }
}

void xf_def_init(const xf_field_def *def, void *obj)
{
    switch (def->kind) {
    case XF_K_DOMAIN_LIST: *xf_def_list(def, obj) = (xf_strlist){ 0 }; break;
    case XF_K_BOOL: XF_DEF_CBOOL(def, obj) = def->dflt != 0; break;
    case XF_K_CHOICE:
    case XF_K_INT: XF_DEF_CINT(def, obj) = def->dflt; break;
    default: XF_DEF_CSTR(def, obj) = xf_strdup(""); break;
    }
}

void xf_def_free(const xf_field_def *def, void *obj)
{
    if (def->kind == XF_K_DOMAIN_LIST)
        xf_strlist_clear(xf_def_list(def, obj));
    else if (xf_kind_is_string(def->kind))
        free(XF_DEF_CSTR(def, obj));
}

/* dst's value is freed first: it must hold one (xf_def_init). */
void xf_def_copy(const xf_field_def *def, void *dst, const void *src)
{
    switch (def->kind) {
    case XF_K_DOMAIN_LIST:
        xf_strlist_clear(xf_def_list(def, dst));
        xf_strlist_copy(xf_def_list(def, dst), xf_def_list(def, (void *)src));
        break;
    case XF_K_BOOL: XF_DEF_CBOOL(def, dst) = XF_DEF_CBOOL(def, src); break;
    case XF_K_CHOICE:
    case XF_K_INT: XF_DEF_CINT(def, dst) = XF_DEF_CINT(def, src); break;
    default:
        xf_replace_str(xf_def_str(def, dst), xf_strdup(XF_DEF_CSTR(def, src)));
    }
}

bool xf_def_equal(const xf_field_def *def, const void *a, const void *b)
{
    switch (def->kind) {
    case XF_K_DOMAIN_LIST:
        return xf_strlist_equal(xf_def_list(def, (void *)a),
                                xf_def_list(def, (void *)b));
    case XF_K_BOOL: return XF_DEF_CBOOL(def, a) == XF_DEF_CBOOL(def, b);
    case XF_K_CHOICE:
    case XF_K_INT: return XF_DEF_CINT(def, a) == XF_DEF_CINT(def, b);
    default: return strcmp(XF_DEF_CSTR(def, a), XF_DEF_CSTR(def, b)) == 0;
    }
}
