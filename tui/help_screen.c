/* Help: every key of every screen. */
#include "app.h"
#include "forms/keybar.h"

#include <string.h>

static const char *const lines[] = {
    "PARTNER LIST",
    "  Up/Down, j/k       move            PgUp/PgDn, Home/End   page, first, last",
    "  n                  new partner     Enter, e              edit the partner",
    "  d, Delete          remove (asks; y confirms)",
    "  t                  test the partner   T   test all partners",
    "  /                  filter by domain or description as you type;",
    "                     Enter keeps the filter, Esc clears it",
    "  g                  gateway settings   F1, ?   this help   q   quit",
    "",
    "EDIT FORM",
    "  Tab, Down          next field      Shift-Tab, Up         previous field",
    "  Enter              on a drop-down: open the list; Up/Down move, Enter",
    "                     takes the choice, Esc leaves it unchanged",
    "  Left/Right, Space  on a drop-down: cycle the value without opening it",
    "  Additional domains Enter adds or edits an entry, Delete removes it",
    "  Text fields        Left/Right, Home/End, Backspace, Delete, Ctrl-U clears;",
    "                     Enter goes to the next field; pasted text stays text",
    "  Ctrl-S, F10        commit (write the file now) from any field",
    "  Esc                cancel (asks when something changed)",
    "",
    "TEST VIEW",
    "  Esc                cancel a running test; any key closes when done",
    "",
    "The form shows the matrix verdict and the expected authentication live.",
    "If the connection drops, or on Ctrl-C, a form's unsaved changes are kept",
    "as a draft and offered on the next start. See man xmppfed.",
};

static const fw_keyhint keys[] = { { "Up/Down", "Scroll" },
                                   { "any other key", "Back" } };

static const int nlines = (int)(sizeof lines / sizeof *lines);

static void draw(void *ctx)
{
    int *topp = ctx, room = LINES - 3 > 0 ? LINES - 3 : 0;
    if (*topp > nlines - room) /* grown (a resize): fill the window */
        *topp = nlines > room ? nlines - room : 0;
    int top = *topp;
    erase();
    fw_draw_text(stdscr, 0, 0, COLS, " xmppfed help", 13, fw_attr(FW_S_TITLE),
                 true);
    for (int i = 0; i < LINES - 3 && top + i < nlines; i++)
        fw_draw_str(stdscr, 2 + i, 1, COLS - 2, lines[top + i],
                    lines[top + i][0] != ' ' ? A_BOLD : 0);
    fw_keybar_draw(stdscr, LINES - 1, keys, 2);
    curs_set(0);
}

void xf_help_screen(void)
{
    int top = 0;
    for (;;) {
        fw_key k = fw_read_key(draw, &top);
        if (fw_key_fn(k, KEY_DOWN) && top + LINES - 3 < nlines)
            top++;
        else if (fw_key_fn(k, KEY_UP) && top > 0)
            top--;
        else if (!fw_key_fn(k, KEY_DOWN) && !fw_key_fn(k, KEY_UP))
            return;
    }
}
