/* The hash of a file's bytes that tells a save whether the file changed
 * since it was read (and a written file from what was meant): a change
 * detector, not a cryptographic digest. Nothing stores it; no adversary
 * chooses both texts (whoever can write the file can just change it).
 * XXH3-128 rather than SHA-256: OpenSSL 3's digest set-up (providers,
 * openssl.cnf) cost every command about 2.4 MiB and milliseconds before
 * reading a byte. */
#ifndef XF_FILE_HASH_H
#define XF_FILE_HASH_H

#include <stddef.h>

/* 32 bytes: the 128-bit hash, then the length; the rest zero. */
#define XF_HASH_LEN 32

typedef struct xf_hash xf_hash;

xf_hash *xf_hash_new(void);
void xf_hash_update(xf_hash *h, const void *data, size_t len);
/* The hash of everything given to h; frees h. */
void xf_hash_final(xf_hash *h, unsigned char out[XF_HASH_LEN]);
/* The hash of one buffer: the same as new, update, final. */
void xf_hash_of(const void *data, size_t len, unsigned char out[XF_HASH_LEN]);

#endif
