/* Names the token of a syntax error, from the text of its line. */
#include "syntax_hint.h"
#include "i18n.h"
#include "visible.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '.' ||
           c == '*' || (unsigned char)c >= 0x80;
}

/* A value libconfig reads without quotes: a number or a boolean. */
static bool bare_value_ok(const char *w, size_t n)
{
    static const char *const ok[] = { "true", "false", "TRUE", "FALSE",
                                      "True", "False" };
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (strlen(ok[i]) == n && !strncmp(w, ok[i], n))
            return true;
    char *end, buf[64];
    if (n >= sizeof buf)
        return false;
    memcpy(buf, w, n);
    buf[n] = '\0';
    strtod(buf, &end);
    return end != buf && (*end == '\0' || *end == 'L');
}

static void quote_token(char *out, size_t n, const char *tok, size_t len,
                        bool needs_quotes)
{
    char *shown = xf_visible_n(tok, len > 40 ? 40 : len);
    if (needs_quotes)
        snprintf(out, n, _("near '%s': a text value needs quotes (\"%s\")"),
                 shown, shown);
    else
        snprintf(out, n, _("near '%s'"), shown);
    free(shown);
}

bool xf_syntax_hint(const char *line, size_t len, char *out, size_t n)
{
    const char *first = NULL;
    size_t first_len = 0;
    bool after_assign = false;
    for (size_t i = 0; i < len;) {
        char c = line[i];
        if (c == '#' || (c == '/' && i + 1 < len && line[i + 1] == '/'))
            break; /* the rest is a comment */
        if (isspace((unsigned char)c)) {
            i++;
            continue;
        }
        size_t j = i + 1;
        if (c == '"') { /* a string: skipped whole, escapes and all */
            while (j < len && line[j] != '"')
                j += line[j] == '\\' ? 2 : 1;
            j = j < len ? j + 1 : len;
        } else if (word_char(c)) {
            while (j < len && word_char(line[j]))
                j++;
            if (after_assign && !bare_value_ok(line + i, j - i)) {
                quote_token(out, n, line + i, j - i, true);
                return true;
            }
        }
        if (!first)
            first = line + i, first_len = j - i;
        /* a value follows '=' or ':', and each ',' of a list or array;
         * ';' and a group's brace end it */
        if (c == '=' || c == ':')
            after_assign = true;
        else if (c == ';' || c == '{' || c == '}')
            after_assign = false;
        i = j;
    }
    if (!first) {
        if (n)
            *out = '\0';
        return false;
    }
    quote_token(out, n, first, first_len, false);
    return true;
}

bool xf_syntax_hint_file(const char *path, int lineno, char *out, size_t n)
{
    if (n)
        *out = '\0';
    FILE *f = fopen(path, "r");
    if (!f || lineno < 1) {
        if (f)
            fclose(f);
        return false;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got = -1;
    for (int i = 0; i < lineno; i++)
        if ((got = getline(&line, &cap, f)) < 0)
            break;
    bool ok = got >= 0 && xf_syntax_hint(line, (size_t)got, out, n);
    free(line);
    fclose(f);
    return ok;
}
