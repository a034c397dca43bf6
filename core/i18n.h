/* Languages (SPEC section 8): what a person reads goes through gettext,
 * text domain "xmppfed"; what a program reads (--json, --format, the
 * file) never does. */
#ifndef XF_I18N_H
#define XF_I18N_H

#include <libintl.h>

#define XF_TEXTDOMAIN "xmppfed"

/* _() translates now; N_() only marks a constant for xgettext, to be
 * translated with _() where it is shown (matrix reasons stay English in
 * the table the unit test compares with the spec's TSV). */
#define _(s) gettext(s)
#define N_(s) (s)

/* The locale from the environment for messages and character types, but
 * LC_NUMERIC stays "C": numbers in machine output never change. The
 * catalogue is looked for under $XMPPFED_LOCALEDIR when set (the build
 * tree's build/locale for the tests), else under the installed LOCALEDIR. */
void xf_i18n_init(void);
/* For output a program reads (--json, --format other than text): from now
 * on every message, the C library's too (strerror), is the English one, so
 * that a reason or a message in it is the same in every language. Call it
 * before any thread starts. */
void xf_i18n_machine(void);

#endif
