/* Replacing a file so that a reader never sees it half written: for the
 * output of `test --output`, read by node_exporter's textfile collector
 * or a monitoring agent at any moment. */
#ifndef XF_ATOMIC_WRITE_H
#define XF_ATOMIC_WRITE_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

/* Writes data to a temporary file in path's folder (".NAME.XXXXXX", which
 * the textfile collector ignores: it reads *.prom only), flushes it and
 * renames it over path. A new file gets mode 0644 less the umask, an
 * existing one keeps its mode. On failure path is untouched, err says why. */
bool xf_write_atomic(const char *path, const char *data, size_t len,
                     xf_err *err);

#endif
