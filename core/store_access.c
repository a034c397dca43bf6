/* What callers see of a store: the model and the state of the file, never
 * the parsed tree (which stays in core/, store_impl.h). */
#include "store_impl.h"
#include "store_tree.h"

xf_config *xf_store_model(xf_store *s) { return &s->model; }
const xf_config *xf_store_cmodel(const xf_store *s) { return &s->model; }
const char *xf_store_path(const xf_store *s) { return s->path; }
const char *xf_store_real(const xf_store *s) { return s->real; }
bool xf_store_exists(const xf_store *s) { return s->exists; }
const xf_diags *xf_store_diags(const xf_store *s) { return &s->diags; }
bool xf_store_unchanged(const xf_store *s) { return s->unchanged; }
unsigned long xf_store_gen(const xf_store *s) { return s->gen; }

const xf_err *xf_store_log_error(const xf_store *s)
{
    return s->log_failed ? &s->log_err : NULL;
}

void xf_store_count_problems(const xf_store *s, size_t *nerr, size_t *nwarn)
{
    if (s->diags_gen == s->gen) {
        *nerr = xf_diags_count(&s->diags, XF_DIAG_ERROR);
        *nwarn = xf_diags_count(&s->diags, XF_DIAG_WARNING);
    } else { /* the diagnostics are of an older read: count the tree */
        xf_tree_count_problems(&s->cf, nerr, nwarn);
    }
}
