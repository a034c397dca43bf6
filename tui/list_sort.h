/* The partner list's order (htop's F6): by a column, or as in the file. */
#ifndef XF_LIST_SORT_H
#define XF_LIST_SORT_H

#include "app.h"

typedef enum {
    XF_SORT_FILE, XF_SORT_DOMAIN, XF_SORT_TYPE, XF_SORT_TLS, XF_SORT_SASL,
    XF_SORT_TEST, XF_SORT_COUNT
} xf_list_sort;

/* The labels of the sort pick, in xf_list_sort order. */
extern const char *const xf_sort_labels[XF_SORT_COUNT];

/* Sorts the n model indices in rows by the column; equal values keep the
 * file's order, so that a sort never shuffles what it does not order.
 * The rows must come in the model's order (as a filter makes them): the
 * file order is then left as it is, at no cost per key typed. */
void xf_sort_rows(const xf_app *app, xf_list_sort by, size_t *rows, size_t n);

#endif
