#include "file_hash.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Header-only: one library fewer to load at every start. */
#define XXH_INLINE_ALL
#include <xxhash.h>

struct xf_hash {
    XXH3_state_t st;
    uint64_t len;
};

xf_hash *xf_hash_new(void)
{
    /* the state asks for 64-byte alignment, more than malloc's */
    xf_hash *h = aligned_alloc(_Alignof(xf_hash), sizeof *h);
    if (!h || XXH3_128bits_reset(&h->st) != XXH_OK)
        abort();
    h->len = 0;
    return h;
}

void xf_hash_update(xf_hash *h, const void *data, size_t len)
{
    if (XXH3_128bits_update(&h->st, data, len) != XXH_OK)
        abort();
    h->len += len;
}

static void put(XXH128_hash_t v, uint64_t len, unsigned char out[XF_HASH_LEN])
{
    XXH128_canonical_t c;
    XXH128_canonicalFromHash(&c, v);
    memset(out, 0, XF_HASH_LEN);
    memcpy(out, c.digest, sizeof c.digest);
    for (int i = 0; i < 8; i++)
        out[16 + i] = (unsigned char)(len >> (8 * i));
}

void xf_hash_final(xf_hash *h, unsigned char out[XF_HASH_LEN])
{
    put(XXH3_128bits_digest(&h->st), h->len, out);
    free(h);
}

void xf_hash_of(const void *data, size_t len, unsigned char out[XF_HASH_LEN])
{
    put(XXH3_128bits(data, len), len, out);
}
