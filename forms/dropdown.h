/* A drop-down: a value from a fixed list of choices. Enter opens a pop-up
 * list over the form (fw_popup: arrows move, Enter takes, Esc leaves the
 * value unchanged);
 * Left/Right/Space cycle without opening it. The choice is an index; the
 * labels are only for display. */
#ifndef FW_DROPDOWN_H
#define FW_DROPDOWN_H

#include "widget.h"

fw_widget *fw_dropdown_new(const char *label, const char *help,
                           const char *const *choices, int count, int value);
int fw_dropdown_value(const fw_widget *w);
void fw_dropdown_set(fw_widget *w, int value);
/* Chooses the choice whose label is label; false (unchanged) if none. */
bool fw_dropdown_select(fw_widget *w, const char *label);
bool fw_dropdown_is_open(const fw_widget *w);
/* The choice highlighted in the open list, else the value: what a help
 * line describes. */
int fw_dropdown_highlighted(const fw_widget *w);

#endif
