/* The interactive editor's entry point, for main.c. */
#ifndef XF_TUI_H
#define XF_TUI_H

#include <stdbool.h>

/* Offered a file that does not parse before the editor starts: true when
 * it was replaced (try again), false to give up. The command line owns
 * this (visudo's flow), so main.c hands it in. */
typedef bool (*xf_repair_fn)(const char *path, const char *syntax_error);

/* Runs the editor on path; returns the exit status. */
int xf_tui_run(const char *path, xf_repair_fn repair);

#endif
