/* The text of a draft file (tui/draft.c keeps a form's unsaved text in
 * it): the file it belongs to, the kind of form, the partner, and each
 * setting's text by key, in libconfig's syntax. Here so that libconfig
 * stays inside core/. */
#ifndef XF_DRAFT_TEXT_H
#define XF_DRAFT_TEXT_H

#include "strlist.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct xf_draft_text {
    char *file, *kind, *partner; /* kind and partner: NULL when missing */
    xf_strlist keys, values;     /* the form's settings, in pairs */
} xf_draft_text;

/* The text of t, malloc'd, its length in *len. */
char *xf_draft_text_render(const xf_draft_text *t, size_t *len);
/* Parses data into t; false when it does not parse. */
bool xf_draft_text_parse(const char *data, xf_draft_text *t);
/* The value of key, or NULL. */
const char *xf_draft_text_get(const xf_draft_text *t, const char *key);
void xf_draft_text_free(xf_draft_text *t);

#endif
