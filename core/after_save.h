/* After a save: the gateway's after_save command, run for the commands and
 * the editor alike. */
#ifndef XF_AFTER_SAVE_H
#define XF_AFTER_SAVE_H

#include "store.h"

#include <stdbool.h>
#include <stddef.h>

/* --no-apply sets it. */
extern bool xf_no_apply;
typedef enum {
    XF_APPLY_NONE,    /* no after_save command */
    XF_APPLY_SKIPPED, /* --no-apply */
    XF_APPLY_OK,
    XF_APPLY_FAILED,
} xf_apply_state;
/* Runs after_save after a successful save of s; msg says what happened
 * ("applying: `cmd` failed (exit 1): ..."), "" for XF_APPLY_NONE. The
 * caller says "Saved" in its own words before it. */
xf_apply_state xf_after_save(const xf_store *s, char *msg, size_t cap);

#endif
