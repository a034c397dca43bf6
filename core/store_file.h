/* The file operations of a save, internal to the store: the new file
 * written beside the old one through a temporary name, the backup as a
 * hard link of the old file, and the temporary names a killed writer
 * left behind. */
#ifndef XF_STORE_FILE_H
#define XF_STORE_FILE_H

#include "diag.h"

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/* A temporary file beside target: ".NAME.XXXXXX", or ".NAME.bak.XXXXXX"
 * for the backup. */
typedef struct xf_tmpfile {
    char *path; /* NULL when none */
} xf_tmpfile;

/* Writes cf to a new temporary file beside target (mode and owner of
 * like, or 0640 when like is NULL), flushed to disk; at most max bytes.
 * Fills digest with the hash (file_hash.h) of what was written. */
bool xf_file_write_tmp(xf_tmpfile *t, const char *target, config_t *cf,
                       const struct stat *like, size_t max,
                       unsigned char digest[32], xf_err *err);
/* The same with the text to write instead of a tree. */
bool xf_file_write_tmp_text(xf_tmpfile *t, const char *target,
                            const char *text, size_t len,
                            const struct stat *like, size_t max,
                            unsigned char digest[32], xf_err *err);
/* The same with what emit writes to the stream it is given (false from
 * emit: the text could not be made, and nothing is kept). */
typedef bool (*xf_emit_fn)(FILE *f, void *arg);
bool xf_file_write_tmp_emit(xf_tmpfile *t, const char *target,
                            xf_emit_fn emit, void *arg,
                            const struct stat *like, size_t max,
                            unsigned char digest[32], xf_err *err);
/* A temporary copy of the file target as it is: a hard link where the
 * folder allows it, else a copy flushed to disk. */
bool xf_file_backup_tmp(xf_tmpfile *t, const char *target,
                        const struct stat *like, xf_err *err);
/* Renames t to final; t is then empty. */
bool xf_file_commit(xf_tmpfile *t, const char *final);
void xf_file_discard(xf_tmpfile *t);
void xf_file_sync_dir(const char *target);
/* Removes the temporary names of target left by a killed writer; only
 * for a writer holding the lock (no other can be writing them). */
void xf_file_remove_stale(const char *target);

/* A stream that reads fd (at most max bytes) and hashes what it reads,
 * so that a file is parsed and hashed in one pass, never held whole. */
typedef struct xf_reader {
    int fd;
    struct xf_hash *md;
    size_t len, max;
    int error; /* errno of a failed read; EFBIG past max */
    FILE *f;
} xf_reader;

FILE *xf_reader_open(xf_reader *r, int fd, size_t max);
/* Closes the stream and fd; the digest of what was read. False when a
 * read failed. */
bool xf_reader_close(xf_reader *r, unsigned char digest[32]);

/* The hash (file_hash.h) of a file read in pieces; *exists false when it is missing.
 * Refuses what is not a regular file or is larger than max. */
bool xf_file_digest(const char *path, size_t max, unsigned char digest[32],
                    bool *exists, xf_err *err);
/* Opens path for reading without blocking on a FIFO; checks that it is a
 * regular file of at most max bytes. -1 with err (errno ENOENT kept when
 * missing). */
int xf_file_open_regular(const char *path, size_t max, struct stat *st,
                         xf_err *err);

#endif
