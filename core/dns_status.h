/* What a c-ares status means to the person reading a test: our own words
 * for the statuses a lookup meets, through gettext; c-ares' own (English)
 * text only for the rare rest. */
#ifndef XF_DNS_STATUS_H
#define XF_DNS_STATUS_H

#include <stdbool.h>

const char *xf_dns_status_text(int status);

/* True when no DNS server answered at all (unreachable, timed out, or the
 * deadline came first), as opposed to a server answering with an error. */
bool xf_dns_status_no_answer(int status);

#endif
