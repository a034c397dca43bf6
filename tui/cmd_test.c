#include "cli.h"
int xf_cmd_test(const char *path, int argc, char **argv) { (void)path; (void)argc; (void)argv; xf_say("test: not built yet"); return XF_EXIT_FAIL; }
int xf_tui_run(const char *path) { (void)path; xf_say("editor: not built yet"); return XF_EXIT_FAIL; }
