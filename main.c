/* xmppfed [-f FILE] [COMMAND [ARG...]]: the global options, then the
 * editor (tui/) or a command (cli/). The only file that knows both. */
#include "cli/cli.h"
#include "core/i18n.h"
#include "core/store.h"
#include "tui/tui.h"

#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* In parts, so that a translator meets one section at a time; the part
 * with %s names the default file. */
static const char *const usage_parts[] = {
    N_("Usage: xmppfed [-f FILE] [--no-apply] [COMMAND [ARG...]]\n"
    "Manage the XMPP federated partners of an edge server.\n"
    "With no command, opens the interactive editor.\n"),
    N_("Commands:\n"
    "  list [--type T] [--tls M] [--sasl M] [--json]\n"
    "                             all partners, one a line; --type, --tls and\n"
    "                             --sasl list only those with that value\n"
    "  show DOMAIN [--json]       every setting of one partner\n"
    "  add DOMAIN [OPTIONS]       add a partner (refused if the domain is taken)\n"
    "  set DOMAIN [OPTIONS]       change a partner\n"
    "  remove DOMAIN              delete a partner\n"
    "  check [--strict] [--json]  validate the whole file; --strict: warnings\n"
    "                             (unknown settings too) fail as well; --json:\n"
    "                             the problems as a JSON array (severity, line,\n"
    "                             partner, setting, message)\n"
    "  test [DOMAIN...] [--all] [TEST OPTIONS]\n"
    "                             test-connect to partners over TLS\n"
    "  gateway [OPTIONS] [--json] show or change the gateway settings\n"
    "  edit                       edit the file in $VISUAL/$EDITOR/vi, as visudo:\n"
    "                             a private copy, checked before it is saved\n"
    "  import lync FILE.csv [--dry-run] [--skip-invalid]\n"
    "                             partners from Get-CsXmppAllowedPartner |\n"
    "                             Export-Csv (UTF-8 or UTF-16)\n"
    "  import lync-gateway FILE.csv [--dry-run]\n"
    "                             gateway settings from\n"
    "                             Get-CsXmppGatewayConfiguration | Export-Csv\n"
    "  export powershell          New-CsXmppAllowedPartner commands for the list\n"
    "  log [DOMAIN] [--json]      the change log (FILE.log): who changed which\n"
    "                             setting when, old and new value\n"),
    N_("Options of add and set:\n"),   /* then the field table's lines */
    N_("Options of test:\n"
    "  --all                      every partner in the file\n"
    "  --timeout SECONDS          for the whole test of one partner\n"
    "  --dns HOST[:PORT]          DNS server for the SRV and address lookups\n"
    "  --ca-file PEM              trusted CAs for the partner's certificate\n"
    "  --cert PEM, --key PEM      our certificate, offered for SASL EXTERNAL\n"
    "  --from DOMAIN              our domain, sent as 'from'\n"
    "  --jobs N                   partners tested at the same time\n"
    "  --json                     one JSON array with an object per partner\n"
    "  --format FORMAT            text | json | nagios | prometheus (monitoring;\n"
    "                             nagios exits 0/1/2/3 OK/WARNING/CRITICAL/UNKNOWN)\n"
    "  --output FILE              write to FILE atomically (textfile collector)\n"
    "  --warn-days N              WARN when a certificate expires in fewer days\n"
    "                             (default: the gateway's cert_warn_days, 14)\n"),
    N_("Options of gateway:\n"),       /* then the field table's lines */
    N_("Global options:\n"
    "  -f, --file FILE            the partner file (default: $XMPPFED_CONFIG,\n"
    "                             else %s)\n"
    "      --no-apply             save without running the after_save command\n"
    "  -h, --help                 this help\n"
    "      --version              the version\n"),
    N_("Values are case-insensitive; the cmdlet spellings (PublicVerified,\n"
    "NotSupported, $true) are accepted too.\n"
    "list, show and check fail on a file that does not exist; add (and\n"
    "gateway with options) creates it.\n"
    "Exit status: 0 success (warnings on stderr), 1 refused or failed (list\n"
    "and show: a value in error, shown marked '!'; check --strict: a warning),\n"
    "2 bad usage (or the editor without a terminal), 3 test --format nagios:\n"
    "UNKNOWN (the file cannot be read); the editor: 129 its terminal hung\n"
    "up or went away, 130 Ctrl-C, 143 SIGTERM (a form's changes are kept\n"
    "as a draft).\n"
    "See xmppfed(1) and xmppfed.conf(5).\n"),
};

/* The options of add, set and gateway come from the field table. */
static void usage(void)
{
    for (size_t i = 0; i < sizeof usage_parts / sizeof *usage_parts; i++) {
        if (i)
            fputc('\n', stdout);
        if (strstr(usage_parts[i], "%s"))
            printf(_(usage_parts[i]), XF_DEFAULT_PATH);
        else
            fputs(_(usage_parts[i]), stdout);
        if (!strcmp(usage_parts[i], "Options of add and set:\n"))
            xf_cli_help_partner_options(stdout);
        else if (!strcmp(usage_parts[i], "Options of gateway:\n"))
            xf_cli_help_gateway_options(stdout);
    }
}

static const struct {
    const char *name;
    xf_command_fn fn;
} commands[] = {
    { "list", xf_cmd_list },   { "show", xf_cmd_show },
    { "add", xf_cmd_add },     { "set", xf_cmd_set },
    { "remove", xf_cmd_remove }, { "check", xf_cmd_check },
    { "test", xf_cmd_test },   { "gateway", xf_cmd_gateway },
    { "edit", xf_cmd_edit },   { "import", xf_cmd_import },
    { "export", xf_cmd_export }, { "log", xf_cmd_log },
};

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        { "file", required_argument, NULL, 'f' },
        { "help", no_argument, NULL, 'h' },
        { "version", no_argument, NULL, 'V' },
        { "no-apply", no_argument, NULL, 'A' },
        { 0 },
    };
    xf_i18n_init();
    /* a partner that hangs up mid-write is a finding, not a reason to die:
     * OpenSSL writes with write(), which would raise SIGPIPE */
    signal(SIGPIPE, SIG_IGN);
    const char *file = NULL;
    int c;
    /* "+": stop at the command, whose options are its own. */
    while ((c = xf_getopt(NULL, argc, argv, "+f:h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': file = optarg; break;
        case 'h': usage(); return XF_EXIT_OK;
        case 'A': xf_no_apply = true; break;
        case 'V': printf("xmppfed %s\n", XF_VERSION); return XF_EXIT_OK;
        default: return XF_EXIT_USAGE; /* xf_getopt has said why */
        }
    }
    if (file && !*file) /* a script's empty variable: never the default */
        return xf_usage_error(NULL, _("-f: the file name is empty"));
    const char *path = xf_store_default_path(file);
    if (optind >= argc)
        return xf_tui_run(path, xf_edit_repair);
    const char *cmd = argv[optind];
    if (xf_cli_machine_output(argc - optind, argv + optind))
        xf_i18n_machine();
    if (!strcmp(cmd, "list") || !strcmp(cmd, "show") || !strcmp(cmd, "check"))
        xf_store_free_at_exit(); /* they read one store, then exit */
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(cmd, commands[i].name) == 0)
            return commands[i].fn(path, argc - optind, argv + optind);
    if (!strcmp(cmd, "help"))
        return usage(), XF_EXIT_OK;
    return xf_usage_error(NULL, _("unknown command '%s'"), cmd);
}
