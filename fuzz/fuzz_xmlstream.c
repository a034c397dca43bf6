/* The XMPP stream reader fed arbitrary bytes in arbitrary chunks, as a
 * partner's server (or anything on the path) may send them. The first
 * four bytes seed the chunk sizes; the rest is the stream. Invariants: no
 * memory error (ASan); once bad, always bad; and the state read does not
 * depend on how the bytes were split: the whole input in one piece gives
 * the same answers as the chunks. */
#include "core/xmlstream.h"
#include "fuzz.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint32_t next(uint32_t *r)
{
    *r ^= *r << 13; /* xorshift32: any seed but 0 */
    *r ^= *r >> 17;
    *r ^= *r << 5;
    return *r;
}

/* Feeds like the probe does: stops at the first refusal. */
static xf_xmlstream *feed(const uint8_t *d, size_t n, uint32_t seed)
{
    static const size_t most[] = { 1, 2, 3, 7, 16, 64, 512, 4096 };
    xf_xmlstream *x = xf_xmlstream_new();
    uint32_t r = seed | 1;
    size_t cap = most[seed & 7];
    for (size_t at = 0; at < n;) {
        size_t len = seed ? 1 + next(&r) % cap : n;
        if (len > n - at)
            len = n - at;
        bool ok = xf_xmlstream_feed(x, (const char *)d + at, len);
        at += len;
        if (!ok) {
            REQUIRE(!xf_xmlstream_feed(x, "<a/>", 4) && xf_xmlstream_state(x)->bad,
                    "bad input forgotten");
            break;
        }
    }
    return x;
}

static bool same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_flags(const xf_stream_state *a, const xf_stream_state *b)
{
    return a->header == b->header && a->db_namespace == b->db_namespace &&
           a->features == b->features && a->starttls == b->starttls &&
           a->starttls_required == b->starttls_required &&
           a->dialback == b->dialback && a->proceed == b->proceed &&
           a->tls_failure == b->tls_failure &&
           a->sasl_success == b->sasl_success &&
           a->sasl_failure == b->sasl_failure && a->closed == b->closed;
}

static bool same_texts(const xf_stream_state *a, const xf_stream_state *b)
{
    return same_str(a->from, b->from) && same_str(a->id, b->id) &&
           same_str(a->version, b->version) &&
           same_str(a->sasl_condition, b->sasl_condition) &&
           same_str(a->error, b->error) && same_str(a->error_text, b->error_text);
}

static void compare(const xf_stream_state *a, const xf_stream_state *b)
{
    REQUIRE((a->bad == NULL) == (b->bad == NULL), "bad in chunks '%s', "
            "whole '%s'", a->bad ? a->bad : "", b->bad ? b->bad : "");
    REQUIRE(same_flags(a, b), "in chunks, other flags than whole");
    REQUIRE(same_texts(a, b), "in chunks, other texts than whole");
    REQUIRE(a->mechanisms.n == b->mechanisms.n, "mechanisms %zu / %zu",
            a->mechanisms.n, b->mechanisms.n);
    for (size_t i = 0; i < a->mechanisms.n; i++)
        REQUIRE(strcmp(a->mechanisms.v[i], b->mechanisms.v[i]) == 0,
                "mechanism '%s' / '%s'", a->mechanisms.v[i], b->mechanisms.v[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 || size - 4 > XF_STREAM_MAX)
        return 0; /* over the cap, the whole is refused at once */
    uint32_t seed = data[0] | data[1] << 8 | data[2] << 16 | (uint32_t)data[3] << 24;
    xf_xmlstream *chunked = feed(data + 4, size - 4, seed);
    xf_xmlstream *whole = feed(data + 4, size - 4, 0);
    compare(xf_xmlstream_state(chunked), xf_xmlstream_state(whole));
    xf_xmlstream_free(chunked);
    xf_xmlstream_free(whole);
    return 0;
}
