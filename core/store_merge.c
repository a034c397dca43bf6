/* A commit that found the file changed by someone else: merged with their
 * change (config_merge.c) and written only when nothing is in conflict,
 * or when the user chose our version of the partners in conflict. */
#include "store_impl.h"
#include "i18n.h"
#include "config_merge.h"
#include "store_tree.h"

#include <string.h>

void xf_store_base(const xf_store *s, xf_config *out)
{
    xf_config_init(out);
    xf_tree_read_model(&s->cf, out);
}

/* One attempt: XF_AGAIN when the file changed once more meanwhile. */
enum { XF_AGAIN = -1 };

/* A deleted file is no change to each partner: merged, it would drop
 * every partner but the one being edited. It is one conflict about the
 * whole file; overwriting writes our whole version. */
static void gone(const xf_store *s, const xf_config *cand, bool ours_wins,
                 xf_merge *m)
{
    *m = (xf_merge){ 0 };
    xf_config_init(&m->out);
    if (ours_wins) {
        xf_config_free(&m->out);
        xf_config_copy(&m->out, cand);
        return;
    }
    m->conflicts = 1;
    xf_changes_add(&m->theirs, s->path, _("the file"), _("there"), _("deleted"));
}

static int merge_once(xf_store *s, const xf_config *base,
                      const xf_config *cand, bool ours_wins, xf_merge *m,
                      xf_err *err)
{
    xf_store now; /* the file as it is: s stays as read until we write */
    int st = xf_store_open(&now, s->path, 0, err);
    if (st != XF_OK) { /* their file does not parse: nothing to merge, and
                          m must still be something the caller can free */
        xf_store_close(&now);
        *m = (xf_merge){ 0 };
        xf_config_init(&m->out);
        return st;
    }
    if (s->exists && !now.exists) {
        gone(s, cand, ours_wins, m);
        xf_store_close(&now);
        if (!ours_wins) {
            xf_errf(err, _("%s was deleted by someone else since it was read"),
                    s->path);
            return XF_ERR_CONFLICT;
        }
        s->exists = false; /* writes the whole file anew */
        return xf_store_commit(s, &m->out, true, err);
    }
    xf_config_merge(base, cand, &now.model, ours_wins, m);
    if (m->taken[0]) {
        xf_errf(err, "%s", m->taken);
        st = XF_ERR_INVALID;
    } else if (m->conflicts && !ours_wins) {
        xf_errf(err, _("%s was changed by someone else since it was read"),
                s->path);
        st = XF_ERR_CONFLICT;
    } else if ((st = xf_store_reload(s, err)) == XF_OK) {
        if (memcmp(s->digest, now.digest, sizeof now.digest) != 0)
            st = XF_AGAIN;
        else
            st = xf_store_commit(s, &m->out, false, err);
    }
    xf_store_close(&now);
    return st;
}

xf_status xf_store_merge(xf_store *s, const xf_config *cand, bool ours_wins,
                         xf_merge *m, xf_err *err)
{
    int st = XF_AGAIN;
    xf_config base; /* as first read, also when we must read again */
    xf_store_base(s, &base);
    for (int tries = 0; st == XF_AGAIN || (st == XF_ERR_CONFLICT &&
                                           !m->conflicts); tries++) {
        if (tries)
            xf_merge_free(m);
        if (tries == 3) {
            *m = (xf_merge){ 0 };
            xf_config_init(&m->out);
            xf_errf(err, _("%s keeps changing: nothing was saved; try again"),
                    s->path);
            st = XF_ERR_CONFLICT;
            break;
        }
        st = merge_once(s, &base, cand, ours_wins, m, err);
    }
    xf_config_free(&base);
    return (xf_status)st;
}
