/* The machine formats of `test` for monitoring (SPEC section 8): a
 * Nagios/Monitoring Plugins status line, and the Prometheus text
 * exposition format for node_exporter's textfile collector. */
#ifndef XF_TEST_FORMAT_H
#define XF_TEST_FORMAT_H

#include "core/probe.h"

#include <stdio.h>
#include <time.h>

/* Monitoring Plugins exit codes, and the status word of each. */
enum { XF_NAGIOS_OK, XF_NAGIOS_WARNING, XF_NAGIOS_CRITICAL, XF_NAGIOS_UNKNOWN };

/* One status line with performance data, then a line per partner; returns
 * the exit code (OK, WARNING or CRITICAL). */
int xf_nagios_results(FILE *out, const xf_probe_result *r, size_t n,
                      int warn_days, long elapsed_ms);
/* "XMPPFED UNKNOWN - why": the check could not be made. */
int xf_nagios_unknown(FILE *out, const char *why);

/* The metrics of n results, tested at time now. */
void xf_prometheus_results(FILE *out, const xf_probe_result *r, size_t n,
                           int warn_days, time_t now);

#endif
