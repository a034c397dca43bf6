/* A list of short strings edited in place: Up/Down select, Enter edits the
 * selected entry (or adds one on the last row), Enter again keeps the
 * edit, Esc drops it, Delete removes the entry. An entry edited to empty
 * is removed. The rows are a fw_listbox: marks of hidden entries above
 * and below, and no row left empty while entries are hidden. */
#ifndef FW_LISTFIELD_H
#define FW_LISTFIELD_H

#include "textbuf.h"
#include "widget.h"

fw_widget *fw_listfield_new(const char *label, const char *help,
                            int visible, size_t max_bytes);
/* The words on the empty last row while the field has the focus, such
 * as "(Enter to add)", in the caller's language; none by default. */
void fw_listfield_set_hint(fw_widget *w, const char *hint);
void fw_listfield_add(fw_widget *w, const char *item);
void fw_listfield_clear(fw_widget *w);
int fw_listfield_count(const fw_widget *w);
const char *fw_listfield_item(const fw_widget *w, int i);
/* The selected row (count is the "add" row) and the first row shown. */
int fw_listfield_selected(const fw_widget *w);
int fw_listfield_top(const fw_widget *w);

#endif
