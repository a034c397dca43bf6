#include "say.h"
#include "visible.h"

#include <stdlib.h>

/* The core's messages are escaped already; escaping twice changes nothing. */
void xf_vprint_visible(FILE *f, const char *fmt, va_list ap)
{
    char *raw = NULL;
    if (vasprintf(&raw, fmt, ap) < 0)
        abort();
    char *vis = xf_visible(raw);
    fputs(vis, f);
    free(vis);
    free(raw);
}

void xf_say(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("xmppfed: ", stderr);
    xf_vprint_visible(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}
