#include "cli.h"
int xf_cmd_edit(const char *path, int argc, char **argv) { (void)path; (void)argc; (void)argv; return 2; }
