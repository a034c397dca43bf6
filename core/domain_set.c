#include "domain_set.h"

#include <stdint.h>
#include <stdlib.h>
#include <strings.h>

struct xf_domain_slot {
    const char *name; /* NULL: empty */
    uint32_t tag;     /* high bits of the hash: most misses end here, */
    int32_t owner;    /* without reading the name (a cache miss) */
};

static uint64_t hash(const char *s) /* FNV-1a of the lower-cased bytes */
{
    uint64_t h = 14695981039346656037u;
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        h ^= c >= 'A' && c <= 'Z' ? c + 32u : c;
        h *= 1099511628211u;
    }
    return h ^ (h >> 29);
}

static void alloc_slots(xf_domain_set *s, size_t cap)
{
    s->slot = calloc(cap, sizeof *s->slot);
    if (!s->slot)
        abort();
    s->cap = cap;
    s->n = 0;
}

void xf_domain_set_init(xf_domain_set *s, size_t expect)
{
    size_t cap = 16;
    while (cap < expect * 2)
        cap *= 2;
    alloc_slots(s, cap);
}

void xf_domain_set_free(xf_domain_set *s)
{
    free(s->slot);
    *s = (xf_domain_set){ 0 };
}

/* The slot of name, or the empty slot where it would go. */
static struct xf_domain_slot *find(const xf_domain_set *s, const char *name,
                                   uint64_t h)
{
    size_t mask = s->cap - 1;
    uint32_t tag = (uint32_t)(h >> 32);
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const struct xf_domain_slot *e = &s->slot[i];
        if (!e->name || (e->tag == tag && strcasecmp(e->name, name) == 0))
            return &s->slot[i];
    }
}

long xf_domain_set_get(const xf_domain_set *s, const char *name)
{
    const struct xf_domain_slot *e = find(s, name, hash(name));
    return e->name ? e->owner : -1;
}

static void grow(xf_domain_set *s)
{
    xf_domain_set old = *s;
    alloc_slots(s, old.cap * 2);
    for (size_t i = 0; i < old.cap; i++)
        if (old.slot[i].name)
            *find(s, old.slot[i].name, hash(old.slot[i].name)) = old.slot[i];
    s->n = old.n;
    free(old.slot);
}

void xf_domain_set_prefetch(const xf_domain_set *s, const char *name)
{
    __builtin_prefetch(&s->slot[hash(name) & (s->cap - 1)]);
}

long xf_domain_set_add(xf_domain_set *s, const char *name, long owner)
{
    if ((s->n + 1) * 2 > s->cap)
        grow(s);
    uint64_t h = hash(name);
    struct xf_domain_slot *e = find(s, name, h);
    if (e->name)
        return e->owner;
    *e = (struct xf_domain_slot){ name, (uint32_t)(h >> 32), (int32_t)owner };
    s->n++;
    return -1;
}

bool xf_domain_set_put(xf_domain_set *s, const char *name, long owner)
{
    return xf_domain_set_add(s, name, owner) < 0;
}
