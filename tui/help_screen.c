/* Help: every key of every screen. */
#include "app.h"
#include "core/i18n.h"
#include "forms/keybar.h"
#include "forms/listbox.h"

#include <stdlib.h>
#include <string.h>

/* The help in blocks, one a section: a translation keeps each block's
 * lines together and aligns them in its own words; each line must fit
 * in 78 columns. Translated and split into lines when shown. */
static const char *const blocks[] = {
    /* TRANSLATORS: the help screen, one section a message: keep the
     * lines under 79 columns, the key names as they are */
    N_("PARTNER LIST\n"
       "  Up/Down, j/k       move            PgUp/PgDn, Home/End   page, first, last\n"
       "  n                  new partner     Enter, e              edit the partner\n"
       "  d, Delete          remove (asks)    u   undo the last change (a new save)\n"
       "  t   test the partner   T   test all   l   the last test's log\n"
       "  /                  filter by domain or description as you type;\n"
       "                     Enter keeps the filter, Esc clears it\n"
       "  F6, >              sort by a column, or back to the order in the file\n"
       "  g                  gateway settings   F1, ?   this help   q   quit"),
    N_("EDIT FORM\n"
       "  Tab, Down          next field      Shift-Tab, Up         previous field\n"
       "  Enter              on a drop-down: open the list; Up/Down move, Enter\n"
       "                     takes the choice, Esc leaves it unchanged\n"
       "  Left/Right, Space  on a drop-down: cycle the value without opening it\n"
       "  Additional domains Enter adds or edits an entry, Delete removes it\n"
       "  Text fields        Left/Right, Home/End, Backspace, Delete, Ctrl-U clears;\n"
       "                     Enter goes to the next field; pasted text stays text\n"
       "  Ctrl-S, F10        commit (write the file now) from any field\n"
       "  Esc                cancel (asks when something changed)\n"
       "  F1                 this help\n"
       "  !                  after a label: the field's value is not valid; the\n"
       "                     line under the form says why"),
    N_("GATEWAY SETTINGS\n"
       "  Tab, Shift-Tab     next, previous field\n"
       "  Ctrl-S, F10        commit        Esc   cancel       F1   this help"),
    N_("TEST VIEW\n"
       "  Esc                cancel a running test; when done, Up/Down, PgUp/PgDn\n"
       "                     scroll and any other key closes (Esc, Enter)"),
    N_("MESSAGES\n"
       "  The line above the keys says what the last key did; the next key\n"
       "  clears it. A longer message opens in a box: Enter closes it.\n"
       "  Domains show as written (Unicode); where the stored A-label matters\n"
       "  (messages, dialogs, the test) it follows in brackets.\n"
       "  Below 60x15 the editor asks for a bigger terminal; q, Esc, F10 leave."),
    N_("KEYBOARD\n"
       "  With the Russian layout on, every command key and answer works through\n"
       "  the letter on the same key (т is n, е is t, й is q, н answers y); text\n"
       "  fields and the filter take Cyrillic as text. A character the locale\n"
       "  cannot encode (Cyrillic under LANG=C) is refused with a beep and a\n"
       "  message."),
    N_("LIST COLUMNS\n"
       "  DB                 dialback (yes/no) in a narrow terminal\n"
       "  Test               the last verdict (PASS, WARN, FAIL) of this session;\n"
       "                     sorted by it, failed tests come first\n"
       "  !                  the partner has an error (red: a value the file got\n"
       "                     wrong, or TLS/SASL/dialback that cannot work) or a\n"
       "                     warning (yellow); open it to see which\n"
       "  …                  a value cut to fit (~ without UTF-8)\n"
       "  ↑ ↓                more rows above or below (^ v without UTF-8)\n"
       "  1 of 4 partners    the header while a filter is on"),
    N_("The form shows the matrix verdict and the expected authentication live.\n"
       "A security change is shown before it is written; changes made meanwhile\n"
       "are merged (asked only for the same partner). Log: xmppfed log DOMAIN.\n"
       "If the connection drops, or on Ctrl-C, a form's unsaved changes are kept\n"
       "as a draft and offered on the next start. See man xmppfed."),
};

static const fw_keyhint keys[] = { { "Up/Down", NC_("key bar", "Scroll") },
                                   { "PgUp/PgDn", NC_("key bar", "Page") },
                                   /* TRANSLATORS: a key name */
                                   { N_("any other key"), NC_("key bar", "Back") } };

/* The help's lines: the blocks translated, split at newlines, with an
 * empty line between blocks; the text stays in the catalogue. */
typedef struct help_text {
    char *buf;
    const char **lines;
    int n;
} help_text;

static void help_make(help_text *h)
{
    size_t nb = sizeof blocks / sizeof *blocks, len = 1, cap = 1;
    for (size_t b = 0; b < nb; b++)
        len += strlen(_(blocks[b])) + 2;
    h->buf = malloc(len);
    if (!h->buf)
        abort();
    h->buf[0] = '\0';
    for (size_t b = 0; b < nb; b++) {
        if (b)
            strcat(h->buf, "\n\n"); /* a blank line between sections */
        strcat(h->buf, _(blocks[b]));
    }
    for (const char *p = h->buf; *p; p++)
        cap += *p == '\n';
    h->lines = malloc(cap * sizeof *h->lines);
    if (!h->lines)
        abort();
    h->n = 0;
    for (char *p = h->buf, *nl; p; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        h->lines[h->n++] = p;
    }
}

static void draw_line(void *ctx, WINDOW *win, int y, int x, int width, int i,
                      bool selected)
{
    const help_text *h = ctx;
    const char *l = h->lines[i];
    (void)selected;
    fw_draw_clipped(win, y, x, width, l, strlen(l),
                    l[0] && l[0] != ' ' ? A_BOLD : 0, false);
}

/* The key names are words here ("any other key"): translated too. */
static void help_keybar(void)
{
    fw_keyhint shown[sizeof keys / sizeof *keys];
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        shown[i] = (fw_keyhint){ _(keys[i].key),
                                  xf_pgettext("key bar", keys[i].label) };
    fw_keybar_draw(stdscr, LINES - 1, shown, sizeof keys / sizeof *keys);
}

static void draw(void *ctx)
{
    fw_listbox *view = ctx;
    if (xf_term_too_small())
        return;
    erase();
    const char *title = _(" xmppfed help");
    fw_draw_text(stdscr, 0, 0, COLS, title, strlen(title), fw_attr(FW_S_TITLE),
                 true);
    fw_listbox_draw(view, stdscr, 2, 1, LINES - 3 > 0 ? LINES - 3 : 0,
                    COLS - 2);
    help_keybar();
    curs_set(0);
}

void xf_help_screen(void)
{
    help_text h;
    help_make(&h);
    fw_listbox view;
    fw_listbox_init(&view, draw_line, &h, true);
    fw_listbox_set_count(&view, h.n);
    for (;;) {
        fw_key k = fw_read_key(draw, &view);
        if (k.ch != FW_KEY_HANGUP && xf_term_too_small()) {
            if (xf_term_quit_key(k)) /* nothing to see: only leaving acts */
                break;
            continue;
        }
        if (k.ch == FW_KEY_HANGUP || !fw_listbox_key(&view, k))
            break;
    }
    free(h.lines);
    free(h.buf);
}
