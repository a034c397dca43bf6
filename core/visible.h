/* Text from the file or the network, made safe for a terminal: control
 * characters and invalid UTF-8 become visible escapes, never raw bytes. */
#ifndef XF_VISIBLE_H
#define XF_VISIBLE_H

#include <stddef.h>

/* A new string: ^X for C0 controls, ^? for DEL, \u0085 for C1 controls,
 * \xNN for bytes that are not UTF-8. */
char *xf_visible(const char *s);
/* The same for len bytes that need not end in NUL. */
char *xf_visible_n(const char *s, size_t len);

#endif
