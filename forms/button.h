/* A push button: Enter or Space activates it. */
#ifndef FW_BUTTON_H
#define FW_BUTTON_H

#include "widget.h"

fw_widget *fw_button_new(const char *label, const char *help);

#endif
