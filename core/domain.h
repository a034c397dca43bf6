/* DNS names and host[:port] values: checking and normalising. */
#ifndef XF_DOMAIN_H
#define XF_DOMAIN_H

#include "diag.h"

#include <stdbool.h>

#define XF_DOMAIN_MAX 253
#define XF_LABEL_MAX 63

/* Checks a domain name and returns it in its stored form: A-label
 * (punycode), lower case. Internationalised names are converted with
 * libidn2. Returns NULL and fills err when the name is not valid. */
char *xf_domain_normalize(const char *in, xf_err *err);

/* The U-label form of a stored name for display; a copy of the input when
 * it has no punycode label or cannot be converted. */
char *xf_domain_display(const char *alabel);

/* "host" or "host:port", where host is a DNS name, an IPv4 address or an
 * IPv6 address in brackets. *port is 0 when none was given. Returns the
 * normalised text ("host" or "host:port"), or NULL with err filled. */
char *xf_hostport_normalize(const char *in, char **host, int *port,
                            xf_err *err);

#endif
