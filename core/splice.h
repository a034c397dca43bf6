/* Saving a file by splicing its text: settings and partners the save does
 * not change keep their bytes as written, comments and layout included;
 * only the changed ones are rendered by libconfig (each alone, in the
 * file's indentation) and put in place of their old text, new ones are
 * added at the end of their section. What is put together is proven
 * before it is offered (splice_check.c): else the caller writes the tree
 * as libconfig renders it. Internal to the store. */
#ifndef XF_SPLICE_H
#define XF_SPLICE_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct xf_splice xf_splice;

/* Before the tree is changed: marks each top-level setting and each of
 * their elements with its place, so that after the change the survivors
 * are known by it. */
xf_splice *xf_splice_begin(config_t *cf);
/* Says that s, a top-level setting or one of their elements, was changed
 * in place: the writer of the tree calls it for every setting it changes
 * (an element it adds or removes is known without it). A setting not
 * touched keeps its text. */
void xf_splice_touch(config_setting_t *s);
/* After: writes to f the new text of the file whose text was orig (the
 * text the tree was read from); false when it cannot be made (what f got
 * is then no file). Once only. */
bool xf_splice_write(xf_splice *sp, config_t *cf, const char *orig,
                     size_t olen, FILE *f);
/* Whether text, what xf_splice_write wrote (read back from where it
 * went), is proven to read back to the tree cf: a text that is not is
 * never put in place. Neither the file's text nor a second parse of the
 * whole is needed. */
bool xf_splice_proven(xf_splice *sp, config_t *cf, char *text, size_t len);
/* Both, in memory: the new text (to free()), or false. */
bool xf_splice_make(xf_splice *sp, config_t *cf, const char *orig,
                    size_t olen, char **out, size_t *outlen);
void xf_splice_free(xf_splice *sp);

/* For the tests: called on the text read back before it is checked, to
 * show that a wrong splice is caught. */
extern void (*xf_splice_tamper)(char *text, size_t len);

/* Whether text parses (with cf's options) to exactly the tree cf. */
bool xf_splice_verify(config_t *cf, const char *text);
/* Whether two trees hold the same settings, names, types and values. */
bool xf_splice_same_tree(const config_setting_t *a, const config_setting_t *b);

#endif
