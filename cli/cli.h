/* The non-interactive commands (SPEC section 4) and what they share. */
#ifndef XF_CLI_H
#define XF_CLI_H

#include "core/after_save.h"
#include "core/fields.h"
#include "core/say.h"
#include "core/store.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>

typedef int (*xf_command_fn)(const char *path, int argc, char **argv);

int xf_cmd_list(const char *path, int argc, char **argv);
int xf_cmd_show(const char *path, int argc, char **argv);
int xf_cmd_add(const char *path, int argc, char **argv);
int xf_cmd_set(const char *path, int argc, char **argv);
int xf_cmd_remove(const char *path, int argc, char **argv);
int xf_cmd_check(const char *path, int argc, char **argv);
int xf_cmd_gateway(const char *path, int argc, char **argv);
int xf_cmd_test(const char *path, int argc, char **argv);
int xf_cmd_edit(const char *path, int argc, char **argv);
int xf_cmd_import(const char *path, int argc, char **argv);
int xf_cmd_export(const char *path, int argc, char **argv);
int xf_cmd_log(const char *path, int argc, char **argv);
/* Before the editor starts, for a file that does not parse (main.c hands
 * it to xf_tui_run): prints the error and asks what now: edit it (as
 * 'edit' does), restore FILE.bak when that parses, or exit. True when the
 * file was replaced. */
bool xf_edit_repair(const char *path, const char *syntax_error);

/* The --help lines of the options of add and set, and of gateway: made
 * from the field table. */
void xf_cli_help_partner_options(FILE *out);
void xf_cli_help_gateway_options(FILE *out);
/* One option of --help: "  HEAD" padded to its column (in terminal
 * cells, so that a translated argument keeps it), then text, whose "\n"
 * continue it in the same column. */
void xf_cli_help_line(FILE *out, const char *head, const char *text);
/* "--option ARG" of a field, the argument translated. */
void xf_cli_option_head(const xf_field_def *def, char *buf, size_t cap);

/* A usage error: "xmppfed: CMD: message", then "Try 'xmppfed --help'.";
 * returns XF_EXIT_USAGE. cmd NULL: no command named. */
int xf_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* getopt_long for cmd (NULL: the global options) that reports a bad
 * option through xf_usage_error and then returns '?'. A leading '+' in
 * shortopts stops at the first argument, as for getopt_long. */
struct option;
int xf_getopt(const char *cmd, int argc, char **argv, const char *shortopts,
              const struct option *longopts, int *index);

/* True when the command line asks for output a program reads (--json,
 * --format other than text): main.c then keeps every message English. */
bool xf_cli_machine_output(int argc, char **argv);
/* Opens the store for reading (lock false) or for a change (lock true):
 * reports a syntax error as FILE:LINE (nothing can be changed then), and
 * for a change the values in error, which it leaves as they are. Returns
 * XF_EXIT_OK or the exit status to return. */
int xf_cli_open(xf_store *s, const char *path, bool lock);
/* Saves, printing what went wrong, then applies the change (after_save);
 * returns the exit status. */
int xf_cli_save(xf_store *s);
/* Finds the partner named on the command line (IDN accepted). */
long xf_cli_find(const xf_store *s, const char *domain, bool primary_only);
/* "error", "warning" or "note". */
const char *xf_severity_name(xf_severity s);
/* Prints a diagnostic as "error: FILE:LINE: message". */
void xf_cli_print_diag(FILE *f, const char *path, const xf_diag *d);
/* A refused option value on stderr ("--OPTION 'VALUE': why; nothing was
 * changed"); returns the exit status. */
int xf_cli_option_refused(const char *name, const char *arg, const xf_err *err);

/* xf_after_save for the commands: prints its message on stderr when there
 * is a command; returns XF_EXIT_FAIL when it failed (the change stays
 * saved). */
int xf_cli_after_save(const xf_store *s);

/* The partner as a JSON object. A value in error is given as its text in
 * the file and named in the "errors" object (setting -> message), which is
 * always there; text that is not UTF-8 is given escaped and named too. */
json_t *xf_partner_json(const xf_partner *p);
/* A JSON string of s; escaped (xf_visible) and *not_utf8 set when s is not
 * UTF-8, which jansson would refuse. Never NULL. */
json_t *xf_json_text(const char *s, bool *not_utf8);
#define XF_NOT_UTF8 "not valid UTF-8: shown with \\xNN escapes"
#define XF_POLICY_UNKNOWN "tls, sasl or dialback is in error: no verdict"
/* Prints and frees j; returns the exit status (j NULL: a failure). */
int xf_json_print(json_t *j);

#endif
