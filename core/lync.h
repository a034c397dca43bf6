/* Lync Server 2013 and Skype for Business: the columns of
 * Get-CsXmppAllowedPartner | Export-Csv as partner fields, and
 * New-CsXmppAllowedPartner commands for a partner. */
#ifndef XF_LYNC_H
#define XF_LYNC_H

#include "config.h"
#include "csv.h"

/* The PowerShell that exports AdditionalDomains joined (Export-Csv writes
 * a list as its type name). */
extern const char xf_lync_export_hint[];

/* Where each cmdlet column stands in the CSV header (-1: absent). */
typedef struct xf_lync_map {
    long identity;
    long field[XF_F_COUNT]; /* by partner field; XF_F_DOMAIN unused */
} xf_lync_map;

/* Maps the header; false with err when Identity is missing. ignored
 * receives the names of the columns xmppfed has no use for. */
bool xf_lync_map_header(const xf_csv *c, xf_lync_map *m, xf_strlist *ignored,
                        xf_err *err);

/* The partner a row describes: the one already in cfg with that domain,
 * changed by the row's values, or a new one (*self -1). An empty value
 * leaves a choice field as it is and clears a text field. NULL with err
 * when a value breaks the rules of 'add'. */
xf_partner *xf_lync_row(const xf_csv *c, size_t row, const xf_lync_map *m,
                        const xf_config *cfg, long *self, xf_err *err);

/* A string in single quotes for PowerShell: every quote it knows (' and
 * the typographic ones) doubled. */
char *xf_ps_quote(const char *s);
/* One New-CsXmppAllowedPartner command recreating p. */
char *xf_lync_command(const xf_partner *p);

#endif
