/* Command keys under another keyboard layout: with the Russian layout
 * active, the key that bears 'n' sends 'т'. Where a key is a command (not
 * text typed into a field), the letter on the same key cap is taken for
 * the Latin one, as vim's 'langmap' does. */
#ifndef FW_KEYCAP_H
#define FW_KEYCAP_H

#include "widget.h"

/* The character of the US (QWERTY) layout on the key that sends ch in the
 * standard Russian (ЙЦУКЕН) layout, in the same case (т -> n, Т -> N,
 * ю -> '.', Ю -> '>'). The two keys where that layout has ASCII
 * punctuation map too: '.' -> '/' and ',' -> '?'. Any other ch as is. */
int fw_keycap_latin(int ch);

/* k read as a command: a character key through fw_keycap_latin; function
 * keys as they are. */
fw_key fw_key_command(fw_key k);

#endif
