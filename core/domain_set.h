/* A set of domain names compared without regard to ASCII case, each with
 * the index of the partner that holds it: the one-owner rule checked in
 * linear time. The names are borrowed, not copied. */
#ifndef XF_DOMAIN_SET_H
#define XF_DOMAIN_SET_H

#include <stdbool.h>
#include <stddef.h>

typedef struct xf_domain_set {
    struct xf_domain_slot *slot;
    size_t cap, n; /* cap: a power of two, at least twice n */
} xf_domain_set;

void xf_domain_set_init(xf_domain_set *s, size_t expect);
void xf_domain_set_free(xf_domain_set *s);
/* The owner of name, or -1. */
long xf_domain_set_get(const xf_domain_set *s, const char *name);
/* Adds name with its owner; when it is there already, leaves it and
 * returns false. */
bool xf_domain_set_put(xf_domain_set *s, const char *name, long owner);
/* Adds name with its owner unless it is there: returns the owner it had,
 * or -1 when it was added. One lookup for both. */
long xf_domain_set_add(xf_domain_set *s, const char *name, long owner);
/* Starts loading the slot of name into the cache: a set of a large list
 * is far bigger than the cache, and each lookup waited for memory. */
void xf_domain_set_prefetch(const xf_domain_set *s, const char *name);

#endif
