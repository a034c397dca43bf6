#include "paste.h"

#include <stdio.h>
#include <term.h>

const char fw_paste_off[] = "\033[?2004l";

static const char *cap(const char *name, const char *fallback)
{
    char *s = tigetstr(name);
    return s && s != (char *)-1 && *s ? s : fallback;
}

void fw_paste_enable(void)
{
    const char *begin = cap("PS", "\033[200~"), *end = cap("PE", "\033[201~");
    if (key_defined(begin) == 0)
        define_key(begin, FW_KEY_PASTE_BEGIN);
    if (key_defined(end) == 0)
        define_key(end, FW_KEY_PASTE_END);
    putp(cap("BE", "\033[?2004h"));
    fflush(stdout); /* putp writes through stdio, curses does not */
}

void fw_paste_disable(void)
{
    putp(cap("BD", fw_paste_off));
    fflush(stdout);
}
