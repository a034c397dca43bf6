/* A list view (htop's Panel, nmtui's listbox): count items drawn one by
 * one through a callback, a selection or (as a viewer) only a scroll
 * position, Up/Down/j/k, PgUp/PgDn, Home/End, a mark in the last column
 * while items are hidden above (↑) or below (↓), "^"/"v" when the
 * terminal is not UTF-8. The position is clamped on every draw, so a
 * resize or a shorter list never leaves a page half empty. The items
 * belong to the caller: a filter is the caller's index map (fw_listbox_
 * filter builds one), the box only knows how many there are. */
#ifndef FW_LISTBOX_H
#define FW_LISTBOX_H

#include "widget.h"

/* Draws item i in width columns at y, x; selected when it is the
 * selection of a list that has one. */
typedef void (*fw_item_draw_fn)(void *ctx, WINDOW *win, int y, int x,
                                int width, int i, bool selected);
/* The rows item i takes at width (NULL: one row each). */
typedef int (*fw_item_rows_fn)(void *ctx, int i, int width);
/* True when item i passes the filter. */
typedef bool (*fw_item_match_fn)(void *ctx, int i);

typedef struct fw_listbox {
    fw_item_draw_fn draw_item;
    fw_item_rows_fn item_rows;
    void *ctx;
    int count;
    int sel;        /* -1 in a viewer */
    int top;        /* first item shown */
    int height, width; /* the rows and columns of the last draw */
    attr_t mark_attr; /* of the ↑/↓ marks; 0: bold */
    bool viewer;    /* no selection: the keys scroll */
    bool follow;    /* a viewer that keeps its last page in view (a log) */
} fw_listbox;

/* A list with a selection (viewer false) or a viewer that only scrolls. */
void fw_listbox_init(fw_listbox *l, fw_item_draw_fn draw, void *ctx,
                     bool viewer);
/* The number of items changed: the selection and the view are clamped. */
void fw_listbox_set_count(fw_listbox *l, int count);
void fw_listbox_select(fw_listbox *l, int i);
int fw_listbox_selected(const fw_listbox *l); /* -1 when empty or a viewer */
int fw_listbox_top(const fw_listbox *l);
/* Up/Down/j/k, PgUp/PgDn, Home/End: FW_HANDLED, else FW_IGNORED. A
 * viewer stops following the end once scrolled. */
int fw_listbox_key(fw_listbox *l, fw_key k);
/* Draws the items that fit in height rows and the marks of hidden ones;
 * returns the rows used. */
int fw_listbox_draw(fw_listbox *l, WINDOW *win, int y, int x, int height,
                    int width);
/* The marks alone, for a caller that draws its own rows (an edit in
 * place): above on row y, below on row y + height - 1. */
void fw_listbox_marks(const fw_listbox *l, WINDOW *win, int y, int x,
                      int height, int width, attr_t attr);
/* Fills map with the items 0..n-1 that match (all when match is NULL) and
 * sets the count; the selection stays on item keep when it still passes.
 * Returns the count. */
int fw_listbox_filter(fw_listbox *l, int *map, int n, fw_item_match_fn match,
                      void *ctx, int keep);

#endif
