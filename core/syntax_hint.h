/* What a libconfig "syntax error" is about: libconfig names only the line,
 * so the token is guessed from that line's text. */
#ifndef XF_SYNTAX_HINT_H
#define XF_SYNTAX_HINT_H

#include <stdbool.h>
#include <stddef.h>

/* From the text of the line the parser stopped on (no newline needed),
 * writes "near 'TOKEN'" and, when the cause is plain (a bare word as a
 * value: tls = required), what to write instead. False (out "") when the
 * line holds nothing to name. */
bool xf_syntax_hint(const char *line, size_t len, char *out, size_t n);
/* Line lineno (from 1) of the file at path, hinted as above. */
bool xf_syntax_hint_file(const char *path, int lineno, char *out, size_t n);

#endif
