#include "widget.h"
#include "textbuf.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>
#include <unistd.h>
#include <wchar.h>

volatile sig_atomic_t fw_hangup;

/* After getch failed: is the terminal gone (EOF or an error, as when
 * the other end closed without a SIGHUP reaching us)? A blocking read
 * fails only then or on a signal; a timed one also on a timeout. */
static bool terminal_gone(int timeout_ms)
{
    if (timeout_ms < 0 && errno != EINTR)
        return true;
    struct pollfd p = { .fd = STDIN_FILENO, .events = POLLIN };
    return poll(&p, 1, 0) == 1 &&
           (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

/* The bytes of one key press arrive together; this is only a bound. */
#define FW_MB_WAIT_MS 100

static int next_byte(void)
{
    timeout(FW_MB_WAIT_MS);
    return getch();
}

/* After an undecodable byte: the bytes that continue it (10xxxxxx, as an
 * UTF-8 terminal sends them) are read and dropped, so that none is taken
 * for a key; the first other byte or key is left for the next read. */
static void drop_continuation(void)
{
    int c;
    while ((c = next_byte()) != ERR) {
        if (c < 0x80 || c > 0xbf) {
            ungetch(c);
            return;
        }
    }
}

/* A character from the terminal's bytes, decoded in the locale's codeset
 * here rather than by ncurses' get_wch: on bytes that the codeset cannot
 * decode get_wch keeps reading, swallowing the keys typed after them
 * into its buffer, and then fails with EILSEQ, which tells nothing of
 * where the character ended. Here it is one refused key. */
static fw_key decode(int c)
{
    char buf[MB_LEN_MAX];
    size_t n = 0;
    for (;;) {
        buf[n++] = (char)c;
        mbstate_t st = { 0 };
        wchar_t wc;
        size_t r = mbrtowc(&wc, buf, n, &st);
        if (r != (size_t)-1 && r != (size_t)-2)
            return (fw_key){ r ? (int)wc : 0, false };
        if (r == (size_t)-1 && n > 1)
            ungetch(c); /* may start a key of its own: looked at again */
        if (r == (size_t)-1 || n == sizeof buf || (c = next_byte()) == ERR)
            break;
        if (c > 0xff) { /* a function key cut the character short */
            ungetch(c);
            break;
        }
    }
    drop_continuation();
    beep();
    return (fw_key){ FW_KEY_UNDECODABLE, true };
}

fw_key fw_getkey(int timeout_ms)
{
    if (fw_hangup)
        return (fw_key){ FW_KEY_HANGUP, true };
    timeout(timeout_ms);
    errno = 0;
    int c = getch();
    if (c == ERR && !fw_hangup && terminal_gone(timeout_ms))
        fw_hangup = 1; /* ends like a hang-up, instead of spinning */
    if (fw_hangup)
        return (fw_key){ FW_KEY_HANGUP, true };
    if (c == ERR)
        return (fw_key){ FW_KEY_NONE, true };
    if (c > 0xff)
        return (fw_key){ c, true };
    return decode(c);
}

fw_key fw_read_key(fw_redraw_fn redraw, void *ctx)
{
    for (;;) {
        if (redraw)
            redraw(ctx);
        refresh();
        fw_key k = fw_getkey(-1);
        if (k.ch != FW_KEY_NONE && !(k.fn && k.ch == KEY_RESIZE))
            return k;
    }
}

bool fw_key_is(fw_key k, int ch) { return !k.fn && k.ch == ch; }
bool fw_key_fn(fw_key k, int code) { return k.fn && k.ch == code; }

static attr_t styles[FW_S_COUNT];

void fw_theme_init(bool color)
{
    static const struct { short fg, bg; attr_t extra, mono; } t[FW_S_COUNT] = {
        [FW_S_NORMAL] = { -1, -1, 0, 0 },
        [FW_S_TITLE] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
        [FW_S_LABEL] = { -1, -1, 0, 0 },
        [FW_S_FIELD] = { COLOR_WHITE, COLOR_BLUE, 0, A_UNDERLINE },
        [FW_S_FIELD_FOCUS] = { COLOR_BLACK, COLOR_WHITE, A_BOLD, A_REVERSE },
        [FW_S_BUTTON] = { -1, -1, A_BOLD, A_BOLD },
        [FW_S_BUTTON_FOCUS] = { COLOR_BLACK, COLOR_WHITE, A_BOLD, A_REVERSE },
        [FW_S_SELECTED] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
        [FW_S_POPUP] = { COLOR_BLACK, COLOR_WHITE, 0, 0 },
        [FW_S_ERROR] = { COLOR_RED, -1, A_BOLD, A_BOLD },
        [FW_S_WARNING] = { COLOR_YELLOW, -1, A_BOLD, A_BOLD },
        [FW_S_OK] = { COLOR_GREEN, -1, 0, 0 },
        [FW_S_DIM] = { -1, -1, A_DIM, A_DIM },
        [FW_S_KEY] = { -1, -1, A_BOLD, A_BOLD },
        [FW_S_KEYTEXT] = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
    };
    bool use = color && has_colors() && start_color() == OK;
    if (use)
        use_default_colors();
    for (int i = 0; i < FW_S_COUNT; i++) {
        if (use && (t[i].fg != -1 || t[i].bg != -1) && i < COLOR_PAIRS) {
            init_pair((short)(i + 1), t[i].fg, t[i].bg);
            styles[i] = COLOR_PAIR(i + 1) | t[i].extra;
        } else {
            styles[i] = use ? t[i].extra : t[i].mono;
        }
    }
}

attr_t fw_attr(fw_style s) { return s < FW_S_COUNT ? styles[s] : 0; }

bool fw_utf8_terminal(void)
{
    static int known = -1;
    if (known < 0)
        known = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    return known;
}

bool fw_char_hidden(unsigned c)
{
    /* the rule of xf_visible_hidden (core/visible.c), which forms/ may not
     * call: bidi controls and other invisible format characters, but not
     * the joiners that scripts and emoji need */
    if (c == 0x200C || c == 0x200D)
        return false;
    return uc_is_property_bidi_control(c) ||
           (uc_is_general_category(c, UC_CATEGORY_Cf) &&
            uc_is_property_default_ignorable_code_point(c)) ||
           c == 0x2028 || c == 0x2029;
}

/* One escape drawn in reverse so that it cannot pass for the text. */
static int draw_escape(WINDOW *win, const char *esc, int room, attr_t attr)
{
    int n = (int)strlen(esc);
    if (n > room)
        return -1;
    wattron(win, attr ^ A_REVERSE);
    waddstr(win, esc);
    wattrset(win, attr);
    return n;
}

int fw_draw_text(WINDOW *win, int y, int x, int width, const char *s,
                 size_t n, attr_t attr, bool pad)
{
    int used = 0;
    const uint8_t *u = (const uint8_t *)s;
    wmove(win, y, x);
    wattrset(win, attr);
    for (size_t i = 0; i < n && used < width;) {
        ucs4_t c;
        int len = u8_mbtoucr(&c, u + i, n - i);
        char esc[12];
        int w;
        if (len <= 0 || c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) ||
            fw_char_hidden(c)) {
            if (len <= 0)
                snprintf(esc, sizeof esc, "\\x%02X", u[i]);
            else if (c < 0x20)
                snprintf(esc, sizeof esc, "^%c", (char)(c + '@'));
            else if (c == 0x7f)
                snprintf(esc, sizeof esc, "^?");
            else
                snprintf(esc, sizeof esc, c > 0xFFFF ? "\\U%08X" : "\\u%04X",
                         (unsigned)c);
            w = draw_escape(win, esc, width - used, attr);
            len = len <= 0 ? 1 : len;
        } else {
            w = uc_width(c, "UTF-8");
            if (w < 0)
                w = 1;
            if (used + w > width)
                break;
            if (c < 0x80)
                waddch(win, (chtype)c | attr);
            else if (fw_utf8_terminal())
                waddnstr(win, (const char *)u + i, len);
            else
                waddch(win, '?' | attr), w = 1;
        }
        if (w < 0)
            break;
        used += w;
        i += (size_t)len;
    }
    for (; pad && used < width; used++)
        waddch(win, ' ' | attr);
    wattrset(win, A_NORMAL);
    return used;
}

size_t fw_text_prefix(const char *s, size_t n, int width)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t i = 0;
    int used = 0;
    while (i < n) {
        ucs4_t c;
        int len = u8_mbtoucr(&c, u + i, n - i);
        size_t next = i + (len > 0 ? (size_t)len : 1);
        used += fw_text_width(s + i, next - i);
        if (used > width)
            break;
        i = next;
    }
    return i;
}

int fw_draw_clipped(WINDOW *win, int y, int x, int width, const char *s,
                    size_t n, attr_t attr, bool pad)
{
    if (width <= 0)
        return 0;
    if (fw_text_width(s, n) <= width)
        return fw_draw_text(win, y, x, width, s, n, attr, pad);
    size_t keep = fw_text_prefix(s, n, width - 1);
    int used = fw_draw_text(win, y, x, width - 1, s, keep, attr, false);
    wmove(win, y, x + used);
    wattrset(win, attr);
    if (fw_utf8_terminal())
        waddstr(win, "\xe2\x80\xa6" /* … */);
    else
        waddch(win, '~' | attr);
    used++;
    for (; pad && used < width; used++)
        waddch(win, ' ' | attr);
    wattrset(win, A_NORMAL);
    return used;
}

void fw_draw_box(WINDOW *win, int y, int x, int height, int width,
                 attr_t attr)
{
    if (height < 2 || width < 2)
        return;
    for (int r = 0; r < height; r++)
        fw_draw_text(win, y + r, x, width, "", 0, attr, true);
    wattrset(win, attr);
    mvwaddch(win, y, x, ACS_ULCORNER);
    whline(win, ACS_HLINE, width - 2);
    mvwaddch(win, y, x + width - 1, ACS_URCORNER);
    for (int r = 1; r < height - 1; r++) {
        mvwaddch(win, y + r, x, ACS_VLINE);
        mvwaddch(win, y + r, x + width - 1, ACS_VLINE);
    }
    mvwaddch(win, y + height - 1, x, ACS_LLCORNER);
    whline(win, ACS_HLINE, width - 2);
    mvwaddch(win, y + height - 1, x + width - 1, ACS_LRCORNER);
    wattrset(win, A_NORMAL);
}

int fw_draw_str(WINDOW *win, int y, int x, int width, const char *s,
                attr_t attr)
{
    return fw_draw_text(win, y, x, width, s ? s : "", s ? strlen(s) : 0,
                        attr, false);
}

/* Bytes of s that go on one line of width columns: the longest prefix
 * that fits, then back to a space unless this is the last line. */
static size_t wrap_cut(const char *s, size_t len, int width, bool last)
{
    if (fw_text_width(s, len) <= width)
        return len;
    size_t cut = 0;
    while (cut < len) {
        size_t next = cut + 1;
        while (next < len && ((unsigned char)s[next] & 0xC0) == 0x80)
            next++;
        if (fw_text_width(s, next) > width)
            break;
        cut = next;
    }
    size_t space = cut;
    while (space > 0 && s[space] != ' ')
        space--;
    return space > cut / 2 && !last ? space : cut;
}

/* Draws (when win) or only counts the lines of s wrapped at width. */
static int wrap_lines(WINDOW *win, int y, int x, int width, int max_lines,
                      const char *s, attr_t attr)
{
    int line = 0;
    size_t len = strlen(s);
    while (len && line < max_lines) {
        size_t cut = wrap_cut(s, len, width, line == max_lines - 1);
        if (!cut) /* a character wider than the line: on a line of its own */
            while (++cut < len && ((unsigned char)s[cut] & 0xC0) == 0x80)
                ;
        size_t next = cut;
        while (next < len && s[next] == ' ')
            next++;
        bool more = line == max_lines - 1 && next < len; /* cut off here */
        if (win && more)
            fw_draw_clipped(win, y + line, x, width, s, len, attr, false);
        else if (win)
            fw_draw_text(win, y + line, x, width, s, cut, attr, false);
        line++;
        cut = next;
        s += cut;
        len -= cut;
    }
    return line;
}

int fw_draw_wrapped(WINDOW *win, int y, int x, int width, int max_lines,
                    const char *s, attr_t attr)
{
    return win ? wrap_lines(win, y, x, width, max_lines, s, attr) : 0;
}

int fw_wrapped_rows(int width, const char *s)
{
    return wrap_lines(NULL, 0, 0, width, INT_MAX, s, 0);
}

static char *dup_or_null(const char *s)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        abort();
    return d;
}

void fw_widget_init(fw_widget *w, const fw_widget_ops *ops, const char *label,
                    const char *help)
{
    *w = (fw_widget){ .ops = ops, .cur_y = -1, .cur_x = -1 };
    w->label = dup_or_null(label);
    w->help = dup_or_null(help);
}

void fw_widget_free(fw_widget *w)
{
    if (!w)
        return;
    free(w->label);
    free(w->help);
    if (w->ops->destroy)
        w->ops->destroy(w);
    free(w);
}

int fw_widget_rows(const fw_widget *w)
{
    return w->ops->rows ? w->ops->rows(w) : 1;
}
