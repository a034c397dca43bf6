/* The gateway section as a test's options: the editor tests with them,
 * the test command starts from them and lets its options override. */
#include "config.h"
#include "probe.h"

void xf_probe_opts_gateway(xf_probe_opts *o, const xf_gateway *gw)
{
    *o = (xf_probe_opts){
        .from = gw->local_domain, .ca_file = gw->ca_file,
        .cert = gw->certificate, .key = gw->key,
        .dns = gw->dns_server, .timeout_ms = gw->test_timeout * 1000,
        .warn_days = gw->cert_warn_days,
    };
}
