#include "i18n.h"
#include "matrix.h"

#include <stdio.h>
#include <string.h>

#define R XF_MODE_REQUIRED
#define O XF_MODE_OPTIONAL
#define N XF_MODE_NOT_SUPPORTED
#define SASL XF_METHOD_SASL_TLS
#define TLSDB XF_METHOD_TLS_DIALBACK
#define TCPDB XF_METHOD_TCP_DIALBACK

/* N_(): the English stays in the table (as in the spec's TSV); whoever
 * shows a reason to a person translates it with _(). */
static const char SASL_NEEDS_TLS[] =
    N_("SASL needs TLS: set TLS to required or optional, or SASL to not-supported");
static const char TLS_OPTIONAL[] =
    N_("SASL needs TLS; with TLS only optional a session negotiation can fail");
static const char NO_METHOD[] =
    N_("no authentication method is left: enable SASL or dialback");

/* Restated from negotiation-matrix.tsv, row for row; a unit test compares. */
static const xf_matrix_row rows[] = {
    { R, R, true, XF_VERDICT_WARNING, SASL,
      N_("dialback never runs when both TLS and SASL are required") },
    { R, R, false, XF_VERDICT_OK, SASL, NULL },
    { O, R, true, XF_VERDICT_WARNING, SASL | TLSDB | TCPDB, TLS_OPTIONAL },
    { O, R, false, XF_VERDICT_WARNING, SASL, TLS_OPTIONAL },
    { N, R, true, XF_VERDICT_ERROR, 0, SASL_NEEDS_TLS },
    { N, R, false, XF_VERDICT_ERROR, 0, SASL_NEEDS_TLS },
    { R, O, true, XF_VERDICT_OK, SASL | TLSDB, NULL },
    { R, O, false, XF_VERDICT_OK, SASL, NULL },
    { O, O, true, XF_VERDICT_WARNING, SASL | TLSDB | TCPDB, TLS_OPTIONAL },
    { O, O, false, XF_VERDICT_WARNING, SASL, TLS_OPTIONAL },
    { N, O, true, XF_VERDICT_ERROR, 0, SASL_NEEDS_TLS },
    { N, O, false, XF_VERDICT_ERROR, 0, SASL_NEEDS_TLS },
    { R, N, true, XF_VERDICT_OK, TLSDB, NULL },
    { R, N, false, XF_VERDICT_ERROR, 0, NO_METHOD },
    { O, N, true, XF_VERDICT_OK, TLSDB | TCPDB, NULL },
    { O, N, false, XF_VERDICT_ERROR, 0, NO_METHOD },
    { N, N, true, XF_VERDICT_OK, TCPDB,
      N_("dialback over plain TCP is the only method: the weakest trust") },
    { N, N, false, XF_VERDICT_ERROR, 0, NO_METHOD },
};

const xf_matrix_row *xf_matrix_rows(size_t *count)
{
    *count = sizeof rows / sizeof *rows;
    return rows;
}

const xf_matrix_row *xf_matrix_lookup(xf_mode tls, xf_mode sasl, bool dialback)
{
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
        if (rows[i].tls == tls && rows[i].sasl == sasl &&
            rows[i].dialback == dialback)
            return &rows[i];
    return NULL;
}

const char *xf_verdict_name(xf_verdict v)
{
    static const char *const names[] = { "ok", "warning", "error" };
    return v <= XF_VERDICT_ERROR ? names[v] : "?";
}

/* Each method bit's id (CLI, JSON) and its words for the form. */
static const struct {
    unsigned bit;
    const char *id, *label;
} methods_named[] = {
    { SASL, "sasl-over-tls", N_("SASL over TLS") },
    { TLSDB, "tls-dialback", N_("dialback over TLS") },
    { TCPDB, "tcp-dialback", N_("dialback over TCP") },
};

static const char *method_text(unsigned method, bool label)
{
    for (size_t i = 0; i < sizeof methods_named / sizeof *methods_named; i++)
        if (methods_named[i].bit == method)
            return label ? _(methods_named[i].label) : methods_named[i].id;
    return "?";
}

const char *xf_method_name(unsigned method)
{
    return method_text(method, false);
}

static char *format(unsigned methods, const char *sep, bool label, char *buf,
                    size_t cap)
{
    size_t n = 0;
    buf[0] = '\0';
    for (unsigned bit = 1; bit <= TCPDB; bit <<= 1) {
        if (!(methods & bit))
            continue;
        n += (size_t)snprintf(buf + n, n < cap ? cap - n : 0, "%s%s",
                              n ? sep : "", method_text(bit, label));
    }
    if (!methods)
        snprintf(buf, cap, "%s", label ? _("none") : "none");
    return buf;
}

char *xf_methods_format(unsigned methods, const char *sep, char *buf, size_t cap)
{
    return format(methods, sep, false, buf, cap);
}

char *xf_methods_labels(unsigned methods, const char *sep, char *buf,
                        size_t cap)
{
    return format(methods, sep, true, buf, cap);
}
