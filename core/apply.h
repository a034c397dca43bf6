/* Applying a saved change: the gateway's after_save command line, split
 * into words without a shell and run with the file's path as its last
 * argument, bounded by a timeout, its output kept to be shown. */
#ifndef XF_APPLY_H
#define XF_APPLY_H

#include "diag.h"

#include <stdbool.h>
#include <stddef.h>

#define XF_APPLY_TIMEOUT 30 /* seconds; XMPPFED_APPLY_TIMEOUT overrides */
#define XF_APPLY_OUTPUT 2048

/* Splits a command line into words the way a shell splits plain words:
 * blanks separate, '...' and "..." quote, a backslash escapes the next
 * character (inside "..." only before " \ $ `). Nothing is expanded: no
 * variables, globs or command substitution. Returns a NULL-terminated
 * array (free with xf_words_free), or NULL with err on an unbalanced
 * quote or a line without words. */
char **xf_words_split(const char *line, xf_err *err);
void xf_words_free(char **words);

typedef struct xf_apply {
    bool started;    /* false: it could not be run (output says why) */
    bool timed_out;  /* stopped after the timeout */
    int exit_status; /* when it exited; -1 otherwise */
    int signal;      /* the signal that ended it, 0 if none */
    int timeout_s;   /* the bound it ran under */
    char output[XF_APPLY_OUTPUT]; /* stdout and stderr, the first bytes */
} xf_apply;

/* Runs cmdline with path appended, stdin from /dev/null, in a process
 * group of its own so that a timeout stops its children too. True when it
 * exited with status 0. */
bool xf_apply_run(const char *cmdline, const char *path, int timeout_s,
                  xf_apply *r);
/* The timeout to use: XMPPFED_APPLY_TIMEOUT when valid, else the default. */
int xf_apply_timeout(void);
/* "`CMD` done", "`CMD` failed (exit 1): OUTPUT", ... on one line, output
 * made visible and its line breaks shown as " | ". */
void xf_apply_describe(const xf_apply *r, const char *cmdline, char *buf,
                       size_t cap);

#endif
