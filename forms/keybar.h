/* The key bar at the bottom of a screen, as data: keys and what they do. */
#ifndef FW_KEYBAR_H
#define FW_KEYBAR_H

#include "widget.h"

typedef struct fw_keyhint {
    const char *key;
    const char *label;
} fw_keyhint;

void fw_keybar_draw(WINDOW *win, int y, const fw_keyhint *hints, int n);

#endif
