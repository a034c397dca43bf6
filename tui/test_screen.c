#include "app.h"
void xf_test_screen(xf_app *app, const xf_partner *const *partners, size_t n) { (void)partners; (void)n; xf_app_message(app, FW_S_WARNING, "test view: not built yet"); }
