#include "i18n.h"

#include <locale.h>
#include <stdlib.h>

#ifndef XF_LOCALEDIR
#define XF_LOCALEDIR "/usr/local/share/locale"
#endif

void xf_i18n_init(void)
{
    setlocale(LC_ALL, "");
    /* "%f" and the like would print "0,5" under ru_RU: never in output */
    setlocale(LC_NUMERIC, "C");
    const char *dir = getenv("XMPPFED_LOCALEDIR");
    bindtextdomain(XF_TEXTDOMAIN, dir && *dir ? dir : XF_LOCALEDIR);
    textdomain(XF_TEXTDOMAIN);
}

void xf_i18n_machine(void)
{
    /* gettext ignores $LANGUAGE under the C locale, and glibc's own
     * messages (strerror, gai_strerror) follow LC_MESSAGES as well */
    setlocale(LC_MESSAGES, "C");
}
