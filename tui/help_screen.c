/* Help: every key of every screen. */
#include "app.h"
#include "forms/keybar.h"
#include "forms/listbox.h"

#include <string.h>

static const char *const lines[] = {
    "PARTNER LIST",
    "  Up/Down, j/k       move            PgUp/PgDn, Home/End   page, first, last",
    "  n                  new partner     Enter, e              edit the partner",
    "  d, Delete          remove (asks)    u   undo the last change (a new save)",
    "  t   test the partner   T   test all   l   the last test's log",
    "  /                  filter by domain or description as you type;",
    "                     Enter keeps the filter, Esc clears it",
    "  F6, >              sort by a column, or back to the order in the file",
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
    "  F1                 this help",
    "  !                  after a label: the field's value is not valid; the",
    "                     line under the form says why",
    "",
    "GATEWAY SETTINGS",
    "  Tab, Shift-Tab     next, previous field",
    "  Ctrl-S, F10        commit        Esc   cancel       F1   this help",
    "",
    "TEST VIEW",
    "  Esc                cancel a running test; when done, Up/Down, PgUp/PgDn",
    "                     scroll and any other key closes (Esc, Enter)",
    "",
    "MESSAGES",
    "  The line above the keys says what the last key did; the next key",
    "  clears it. A longer message opens in a box: Enter closes it.",
    "  Domains show as written (Unicode); where the stored A-label matters",
    "  (messages, dialogs, the test) it follows in brackets.",
    "  Below 60x15 the editor asks for a bigger terminal.",
    "",
    "LIST COLUMNS",
    "  DB                 dialback (yes/no) in a narrow terminal",
    "  Test               the last verdict (PASS, WARN, FAIL) of this session;",
    "                     sorted by it, failed tests come first",
    "  !                  the partner has an error (red: a value the file got",
    "                     wrong, or TLS/SASL/dialback that cannot work) or a",
    "                     warning (yellow); open it to see which",
    "  …                  a value cut to fit (~ without UTF-8)",
    "  ↑ ↓                more rows above or below (^ v without UTF-8)",
    "  1 of 4 partners    the header while a filter is on",
    "",
    "The form shows the matrix verdict and the expected authentication live.",
    "A security change is shown before it is written; changes made meanwhile",
    "are merged (asked only for the same partner). Log: xmppfed log DOMAIN.",
    "If the connection drops, or on Ctrl-C, a form's unsaved changes are kept",
    "as a draft and offered on the next start. See man xmppfed.",
};

static const fw_keyhint keys[] = { { "Up/Down", "Scroll" },
                                   { "PgUp/PgDn", "Page" },
                                   { "any other key", "Back" } };

static const int nlines = (int)(sizeof lines / sizeof *lines);

static void draw_line(void *ctx, WINDOW *win, int y, int x, int width, int i,
                      bool selected)
{
    (void)ctx, (void)selected;
    fw_draw_str(win, y, x, width, lines[i], lines[i][0] != ' ' ? A_BOLD : 0);
}

static void draw(void *ctx)
{
    fw_listbox *view = ctx;
    if (xf_term_too_small())
        return;
    erase();
    fw_draw_text(stdscr, 0, 0, COLS, " xmppfed help", 13, fw_attr(FW_S_TITLE),
                 true);
    fw_listbox_draw(view, stdscr, 2, 1, LINES - 3 > 0 ? LINES - 3 : 0,
                    COLS - 2);
    fw_keybar_draw(stdscr, LINES - 1, keys, sizeof keys / sizeof *keys);
    curs_set(0);
}

void xf_help_screen(void)
{
    fw_listbox view;
    fw_listbox_init(&view, draw_line, NULL, true);
    fw_listbox_set_count(&view, nlines);
    for (;;) {
        fw_key k = fw_read_key(draw, &view);
        if (k.ch != FW_KEY_HANGUP && xf_term_too_small())
            continue; /* nothing to see: no key acts blind */
        if (k.ch == FW_KEY_HANGUP || !fw_listbox_key(&view, k))
            return;
    }
}
