/* The gateway section as a test's options: the editor tests with them,
 * the test command starts from them and lets its options override. */
#include "config.h"
#include "probe.h"

void xf_probe_opts_gateway(xf_probe_opts *o, const xf_gateway *gw)
{
    *o = (xf_probe_opts){
        .from = gw->text[XF_G_LOCAL_DOMAIN], .ca_file = gw->text[XF_G_CA_FILE],
        .cert = gw->text[XF_G_CERTIFICATE], .key = gw->text[XF_G_KEY],
        .dns = gw->text[XF_G_DNS_SERVER], .timeout_ms = gw->test_timeout * 1000,
        .warn_days = gw->cert_warn_days,
    };
}
