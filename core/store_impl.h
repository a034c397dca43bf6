/* The inside of xf_store: for core/store*.c and the few core files that
 * need the parsed tree. Never included outside core/ (tests excepted). */
#ifndef XF_STORE_IMPL_H
#define XF_STORE_IMPL_H

#include "store.h"

#include <libconfig.h>

struct xf_store {
    char *path;        /* as the user named it */
    char *real;        /* symlinks resolved: the file we replace */
    bool exists;       /* the file existed when read */
    unsigned char digest[32];
    config_t cf;       /* the parsed file, unknown settings included */
    xf_config model;
    xf_diags diags;    /* problems found in the file */
    int lock_fd;       /* -1 when not locked */
    double lock_wait;  /* seconds to wait for a busy lock */
    bool unchanged;    /* the last save found nothing to write */
    bool has_include;  /* the file uses @include: never written */
    bool unparsed;     /* the last read failed (syntax, I/O): the tree is
                          half read, so nothing is written until a read
                          succeeds */
    bool tree_replaced; /* cf is not the file as read (xmppfed edit): a
                           save writes it even with the model unchanged */
    size_t max_bytes;  /* XF_FILE_MAX: read and write limit */
    struct xf_file_id {  /* the file as last read or written, for the */
        bool exists;     /* cheap check of xf_store_changed_on_disk */
        dev_t dev;
        ino_t ino;
        off_t size;
        struct timespec mtime;
    } seen;
    bool log_failed;   /* the last save's change log was not written: */
    xf_err log_err;    /* why (the save itself stands) */
    unsigned long gen;       /* one more at every read and every save */
    unsigned long diags_gen; /* the gen that diags describe */
};

#endif
