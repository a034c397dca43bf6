#include "visible.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

char *xf_visible_n(const char *s, size_t len)
{
    char *out = malloc(len * 6 + 1); /* \u0085 is the longest: 6 per byte */
    if (!out)
        abort();
    size_t o = 0;
    const uint8_t *u = (const uint8_t *)s;
    for (size_t i = 0; i < len;) {
        ucs4_t c;
        int n = u8_mbtoucr(&c, u + i, len - i);
        if (n < 0) {
            o += (size_t)sprintf(out + o, "\\x%02X", u[i]);
            i++;
            continue;
        }
        if (c < 0x20)
            o += (size_t)sprintf(out + o, "^%c", (char)(c + '@'));
        else if (c == 0x7f)
            o += (size_t)sprintf(out + o, "^?");
        else if (c >= 0x80 && c <= 0x9f)
            o += (size_t)sprintf(out + o, "\\u%04X", (unsigned)c);
        else {
            memcpy(out + o, u + i, (size_t)n);
            o += (size_t)n;
        }
        i += (size_t)n;
    }
    out[o] = '\0';
    return out;
}

char *xf_visible(const char *s)
{
    return xf_visible_n(s ? s : "", s ? strlen(s) : 0);
}
