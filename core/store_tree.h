/* Between the libconfig tree of a file and the model: reading with
 * diagnostics, and writing back into the same tree so that settings we do
 * not know stay where they were. Internal to the store. */
#ifndef XF_STORE_TREE_H
#define XF_STORE_TREE_H

#include "config.h"
#include "diag.h"

#include <libconfig.h>

void xf_tree_read(const config_t *cf, xf_config *model, xf_diags *d);
void xf_tree_write(config_t *cf, xf_config *model);

#endif
