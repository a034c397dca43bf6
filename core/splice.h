/* Saving a file by splicing its text: settings and partners the save does
 * not change keep their bytes as written, comments and layout included;
 * only the spans of changed ones are replaced with libconfig's rendering
 * of them (in the file's indentation), new ones are added at the end of
 * their section. The result is parsed again and must read back to exactly
 * the tree to be saved, else the caller writes the tree as libconfig
 * renders it. Internal to the store. */
#ifndef XF_SPLICE_H
#define XF_SPLICE_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct xf_splice xf_splice;

/* Before the tree is changed: marks each top-level setting and each of
 * their elements with its place, and renders the tree as it is. */
xf_splice *xf_splice_begin(config_t *cf);
/* After: the new text of the file whose text was orig (the text the tree
 * was read from), or false when it cannot be made. Once only. */
bool xf_splice_make(xf_splice *sp, config_t *cf, const char *orig,
                    size_t olen, char **out, size_t *outlen);
/* Whether text parses (with cf's options) to exactly the tree cf: a
 * spliced text that does not is never written. */
bool xf_splice_verify(config_t *cf, const char *text);
void xf_splice_free(xf_splice *sp);

/* Whether two trees hold the same settings, names, types and values. */
bool xf_splice_same_tree(const config_setting_t *a, const config_setting_t *b);

#endif
