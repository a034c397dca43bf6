#include "dns_status.h"
#include "i18n.h"

#include <ares.h>
#include <stddef.h>

static const struct {
    int status;
    const char *text;
} words[] = {
    { ARES_ECONNREFUSED, N_("could not contact the DNS servers") },
    { ARES_ETIMEOUT, N_("the DNS server did not answer in time") },
    { ARES_ECANCELLED, N_("no answer before the deadline") },
    { ARES_ENOTFOUND, N_("the name was not found in DNS") },
    { ARES_ENODATA, N_("DNS has no record of this type for the name") },
    { ARES_ESERVFAIL, N_("the DNS server reported a failure (SERVFAIL)") },
    { ARES_EREFUSED, N_("the DNS server refused the query (REFUSED)") },
    { ARES_EFORMERR, N_("the DNS server could not read the query (FORMERR)") },
    { ARES_ENOTIMP, N_("the DNS server does not support the query (NOTIMP)") },
    { ARES_EBADRESP, N_("the DNS server sent a malformed answer") },
    { ARES_EBADNAME, N_("not a valid DNS name") },
    { ARES_EOF, N_("the DNS server closed the connection") },
    { ARES_EFILE, N_("cannot read the system's DNS settings") },
    { ARES_ENOMEM, N_("out of memory") },
    { ARES_ESERVICE, N_("unknown service") },
};

const char *xf_dns_status_text(int status)
{
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (words[i].status == status)
            return _(words[i].text);
    return ares_strerror(status);
}

bool xf_dns_status_no_answer(int status)
{
    return status == ARES_ECONNREFUSED || status == ARES_ETIMEOUT ||
           status == ARES_ECANCELLED;
}
