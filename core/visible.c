#include "visible.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

bool xf_visible_hidden(unsigned c)
{
    /* Format characters that draw nothing yet reorder or hide text: the
     * bidi controls (U+202E makes "moc.evil" read "live.com"), zero-width
     * spaces, the BOM, tags. ZWJ and ZWNJ stay: scripts and emoji need
     * them. Line and paragraph separators break a line on some terminals. */
    if (c == 0x200C || c == 0x200D)
        return false;
    return uc_is_property_bidi_control(c) ||
           (uc_is_general_category(c, UC_CATEGORY_Cf) &&
            uc_is_property_default_ignorable_code_point(c)) ||
           c == 0x2028 || c == 0x2029;
}

int xf_visible_escape(unsigned c, char *buf, size_t cap)
{
    if (c < 0x20)
        return snprintf(buf, cap, "^%c", (char)(c + '@'));
    if (c == 0x7f)
        return snprintf(buf, cap, "^?");
    if ((c >= 0x80 && c <= 0x9f) || xf_visible_hidden(c))
        return snprintf(buf, cap, c > 0xFFFF ? "\\U%08X" : "\\u%04X", c);
    return 0;
}

char *xf_visible_n(const char *s, size_t len)
{
    size_t ascii = 0; /* printable ASCII, nearly every value: shown as is */
    while (ascii < len && s[ascii] >= 0x20 && s[ascii] < 0x7f)
        ascii++;
    char *out = malloc(ascii == len ? len + 1 : len * 6 + 1); /* \u0085 is
                                           the longest: 6 per byte */
    if (!out)
        abort();
    memcpy(out, s, ascii);
    size_t o = ascii;
    const uint8_t *u = (const uint8_t *)s;
    for (size_t i = ascii; i < len;) {
        ucs4_t c;
        int n = u8_mbtoucr(&c, u + i, len - i);
        if (n < 0) {
            o += (size_t)sprintf(out + o, "\\x%02X", u[i]);
            i++;
            continue;
        }
        int e = xf_visible_escape(c, out + o, 12);
        if (e > 0) {
            o += (size_t)e;
        } else {
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

void xf_utf8_trim_cut(char *s)
{
    size_t len = strlen(s), start = len;
    while (start > 0 && len - start < 3 &&
           ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0)
        return;
    ucs4_t c;
    start--; /* where the last character begins, if it is one */
    if (u8_mbtoucr(&c, (const uint8_t *)s + start, len - start) == -2)
        s[start] = '\0';
}
