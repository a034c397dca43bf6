/* A list of short strings edited in place: Up/Down select, Enter edits the
 * selected entry (or adds one on the last row), Enter again keeps the
 * edit, Esc drops it, Delete removes the entry. An entry edited to empty
 * is removed. */
#ifndef FW_LISTFIELD_H
#define FW_LISTFIELD_H

#include "textbuf.h"
#include "widget.h"

typedef struct fw_listfield {
    fw_widget base;
    char **items;
    int count;
    int sel;       /* 0..count; count is the "add" row */
    int top;       /* first row shown */
    int visible;   /* rows shown at most */
    bool editing;
    fw_textbuf edit;
    size_t max_bytes;
} fw_listfield;

fw_widget *fw_listfield_new(const char *label, const char *help,
                            int visible, size_t max_bytes);
void fw_listfield_add(fw_widget *w, const char *item);
void fw_listfield_clear(fw_widget *w);
int fw_listfield_count(const fw_widget *w);
const char *fw_listfield_item(const fw_widget *w, int i);

#endif
