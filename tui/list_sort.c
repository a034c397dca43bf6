#include "list_sort.h"
#include "core/i18n.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* N_(): translated where the pick is shown */
const char *const xf_sort_labels[XF_SORT_COUNT] = {
    N_("File order"), N_("Domain"), N_("Type"), "TLS", "SASL", N_("Last test"),
};

typedef struct sort_item {
    size_t index; /* in the model */
    int key;      /* the column's value as a number; domains compare as text */
} sort_item;

/* Problems first: FAIL, WARN, PASS, then the partners not tested. */
static int test_key(const xf_app *app, const xf_partner *p)
{
    const char *t = xf_app_get_test(app, p->domain);
    return !t ? 3 : !strcmp(t, "FAIL") ? 0 : !strcmp(t, "WARN") ? 1 : 2;
}

static int column_key(const xf_app *app, xf_list_sort by, const xf_partner *p)
{
    switch (by) {
    case XF_SORT_TYPE: return (int)p->type;
    case XF_SORT_TLS: return (int)p->tls;
    case XF_SORT_SASL: return (int)p->sasl;
    case XF_SORT_TEST: return test_key(app, p);
    default: return 0; /* the file's order: by index alone */
    }
}

static int compare(const void *a, const void *b, void *ctx)
{
    const xf_config *c = ctx;
    const sort_item *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->key >= 0) /* a column sort: ties keep the file's order */
        return x->index < y->index ? -1 : x->index > y->index;
    int d = strcasecmp(c->v[x->index]->domain, c->v[y->index]->domain);
    return d ? d : (x->index < y->index ? -1 : x->index > y->index);
}

void xf_sort_rows(const xf_app *app, xf_list_sort by, size_t *rows, size_t n)
{
    const xf_config *c = xf_store_model(app->store);
    if (by == XF_SORT_FILE)
        return; /* rows made from the model are in its order already */
    sort_item *items = malloc((n + 1) * sizeof *items);
    if (!items)
        abort();
    for (size_t i = 0; i < n; i++) {
        const xf_partner *p = c->v[rows[i]];
        items[i] = (sort_item){ rows[i], by == XF_SORT_DOMAIN ? -1
                                         : column_key(app, by, p) };
    }
    qsort_r(items, n, sizeof *items, compare, (void *)c);
    for (size_t i = 0; i < n; i++)
        rows[i] = items[i].index;
    free(items);
}
