#include "cli.h"
#include "app.h"
int xf_cmd_test(const char *path, int argc, char **argv) { (void)path; (void)argc; (void)argv; xf_say("test: not built yet"); return XF_EXIT_FAIL; }
void xf_test_screen(xf_app *app, const xf_partner *const *partners, size_t n) { (void)partners; (void)n; xf_app_message(app, FW_S_WARNING, "test: not built yet"); }
