/* Between the libconfig tree of a file and the model: reading with
 * diagnostics, and writing back into the same tree so that settings we do
 * not know stay where they were. Internal to the store, but for
 * xf_tree_count_problems. */
#ifndef XF_STORE_TREE_H
#define XF_STORE_TREE_H

#include "config.h"
#include "diag.h"

#include <libconfig.h>

void xf_tree_read(const config_t *cf, xf_config *model, xf_diags *d);
/* The problems 'check' would report in the tree (the file as last read or
 * saved): for the editor's header, which must not go stale after a save. */
void xf_tree_count_problems(const config_t *cf, size_t *errors,
                            size_t *warnings);
/* The model alone, as xf_tree_read makes it, without the diagnostics. */
void xf_tree_read_model(const config_t *cf, xf_config *model);
/* Whether the model differs from the tree (the file as read or last
 * saved): false means a save has nothing to write. */
bool xf_tree_changed(config_t *cf, const xf_config *model);
/* Writes into the tree what differs from it: only changed fields of
 * changed partners are touched, so a value xmppfed could not read stays as
 * it was unless the user replaced it. False, with err, when a section to
 * change is of the wrong type (the tree may then be half written: the
 * caller reads the file again). */
bool xf_tree_write(config_t *cf, xf_config *model, xf_err *err);
/* The same, told by xf_tree_diff which partners are the same as in the
 * tree (same: by model index; NULL: not known), so that they are not
 * compared again. */
bool xf_tree_write_known(config_t *cf, xf_config *model, const bool *same,
                         xf_err *err);

/* Whether libconfig can read back what it would write of the tree (the
 * text is not parsed again: only numbers can fail, strings are escaped). */
bool xf_tree_check_writable(const config_t *cf, xf_err *err);

/* What writing model into the tree changes, setting by setting (the
 * change log): read a partner at a time, as xf_tree_changed reads, so
 * that no copy of the model is made. same (when not NULL, model->n
 * entries): whether each partner is in the tree unchanged, for
 * xf_tree_write_known. */
struct xf_changes;
void xf_tree_diff(config_t *cf, const xf_config *model, struct xf_changes *c,
                  bool *same);

#endif
