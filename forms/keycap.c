#include "keycap.h"

#include <wchar.h>

/* The two layouts key by key, unshifted then shifted: position i of one
 * string is the same key cap as position i of the other. */
static const wchar_t latin[] =
    L"qwertyuiop[]asdfghjkl;'zxcvbnm,./`"
    L"QWERTYUIOP{}ASDFGHJKL:\"ZXCVBNM<>?~";
static const wchar_t russian[] =
    L"йцукенгшщзхъфывапролджэячсмитьбю.ё"
    L"ЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ,Ё";

_Static_assert(sizeof latin == sizeof russian, "one key cap for each");

int fw_keycap_latin(int ch)
{
    if (ch <= 0)
        return ch;
    const wchar_t *at = wcschr(russian, (wchar_t)ch);
    return at ? (int)latin[at - russian] : ch;
}

fw_key fw_key_command(fw_key k)
{
    if (!k.fn)
        k.ch = fw_keycap_latin(k.ch);
    return k;
}
