/* A one-line text field, UTF-8 aware. */
#ifndef FW_TEXTFIELD_H
#define FW_TEXTFIELD_H

#include "textbuf.h"
#include "widget.h"

typedef struct fw_textfield {
    fw_widget base;
    fw_textbuf buf;
} fw_textfield;

fw_widget *fw_textfield_new(const char *label, const char *help,
                            const char *text, size_t max_bytes);
const char *fw_textfield_text(const fw_widget *w);
void fw_textfield_set(fw_widget *w, const char *text);
/* The editing keys shared with the list field's inline editor. */
int fw_textbuf_key(fw_textbuf *b, fw_key k);
/* One pasted character: FW_CHANGED, or FW_CUT when over the limit. */
int fw_textbuf_paste(fw_textbuf *b, wchar_t c);
void fw_textbuf_draw(fw_textbuf *b, fw_widget *w, WINDOW *win, int y, int x,
                     int width, attr_t attr, bool focused);

#endif
