/* Terminal hygiene: the terminal is restored on every exit, normal or not. */
#include "app.h"
#include "core/i18n.h"
#include "forms/keycap.h"
#include "forms/paste.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t active;
/* SIGINT or SIGTERM, once received: the exit status says which. */
static volatile sig_atomic_t stop_signal;

/* For the fatal-signal handler, which may call only async-signal-safe
 * functions (not endwin): the terminal's modes from before curses, and
 * the sequences that leave the full-screen mode, rendered at start. */
static struct termios shell_modes;
static bool have_shell_modes;
static char reset_seq[256];
static size_t reset_len;

static const int fatal_signals[] = { SIGQUIT, SIGSEGV, SIGBUS, SIGFPE,
                                     SIGILL, SIGABRT };
#define NFATAL (sizeof fatal_signals / sizeof *fatal_signals)
static struct sigaction previous[NFATAL]; /* AddressSanitizer's, say */

static int append_reset(int c)
{
    if (reset_len < sizeof reset_seq)
        reset_seq[reset_len++] = (char)c;
    return c;
}

static void append_cap(const char *name)
{
    char *seq = tigetstr(name);
    if (seq && seq != (char *)-1 && *seq)
        tputs(seq, 1, append_reset);
}

/* What xf_term_stop sends, with the padding already applied by tputs:
 * bracketed paste off, attributes off, the cursor to the last line (a
 * row past the end: terminals stop at the last, and the size may have
 * changed since) and that line cleared, the cursor shown, the keypad and
 * the shell's screen back. */
static void prepare_reset(void)
{
    reset_len = 0;
    char *bd = tigetstr("BD");
    tputs(bd && bd != (char *)-1 && *bd ? bd : fw_paste_off, 1, append_reset);
    append_cap("sgr0");
    char *cup = tigetstr("cup");
    if (cup && cup != (char *)-1)
        tputs(tiparm(cup, 999, 0), 1, append_reset);
    append_cap("el");
    append_cap("cnorm");
    append_cap("rmkx");
    append_cap("rmcup");
}

/* Async-signal-safe: write() and tcsetattr() only. */
static void give_terminal_back(void)
{
    if (!active)
        return;
    active = 0;
    if (reset_len && write(STDOUT_FILENO, reset_seq, reset_len) < 0) {
        /* nothing to do: the terminal may be gone */
    }
    if (have_shell_modes)
        tcsetattr(STDIN_FILENO, TCSANOW, &shell_modes);
}

/* A fatal signal: give the terminal back, then hand the signal on to the
 * handler that was there before (AddressSanitizer's report), or die of
 * it, so that the exit status and any core dump tell the truth. */
static void on_fatal(int sig, siginfo_t *info, void *uctx)
{
    give_terminal_back();
    struct sigaction *old = NULL;
    for (size_t i = 0; i < NFATAL; i++)
        if (fatal_signals[i] == sig)
            old = &previous[i];
    bool chain = old && (old->sa_flags & SA_SIGINFO
                         ? old->sa_sigaction != NULL
                         : old->sa_handler != SIG_DFL &&
                           old->sa_handler != SIG_IGN);
    if (chain) {
        sigaction(sig, old, NULL);
        if (old->sa_flags & SA_SIGINFO)
            old->sa_sigaction(sig, info, uctx);
        else
            old->sa_handler(sig);
        return; /* a fault happens again, now under the old handler */
    }
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    raise(sig); /* delivered when this handler returns */
}

/* The terminal went away: every loop unwinds; a form keeps its draft. */
static void on_hangup(int sig)
{
    (void)sig;
    fw_hangup = 1;
}

/* Ctrl-C or SIGTERM: the editor ends as on a hang-up, nothing lost. A
 * second one, when the first is not heard (a long wait), ends it now. */
static void on_interrupt(int sig, siginfo_t *info, void *uctx)
{
    if (stop_signal) {
        on_fatal(sig, info, uctx);
        return;
    }
    stop_signal = sig;
    fw_hangup = 1;
}

static void install(int sig, void (*fn)(int), struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, old);
}

static void install_info(int sig, void (*fn)(int, siginfo_t *, void *),
                         struct sigaction *old)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, old);
}

int xf_term_exit_status(void)
{
    return stop_signal ? 128 + stop_signal : fw_hangup ? 129 : 0;
}

/* Keys as terminals actually send them: ssh clients, tmux and screen send
 * xterm/VT220 sequences whatever the terminfo entry of $TERM says (vt100
 * has no Shift-Tab, Delete, Insert or PgUp/PgDn, and its F6 and F10 are
 * ESC O u and ESC O x, which no terminal in use sends).
 * A sequence curses does not know arrives as Esc and then as typed text:
 * Shift-Tab would close a form. Only sequences terminfo leaves free are
 * added, so an entry that knows better keeps its meaning. */
static void define_keys(void)
{
    static const struct { const char *seq; int key; } alias[] = {
        { "\033[1~", KEY_HOME }, { "\033[7~", KEY_HOME }, { "\033[H", KEY_HOME },
        { "\033OH", KEY_HOME },  { "\033[4~", KEY_END },  { "\033[8~", KEY_END },
        { "\033[F", KEY_END },   { "\033OF", KEY_END },
        { "\033[Z", KEY_BTAB },  { "\033[2~", KEY_IC },   { "\033[3~", KEY_DC },
        { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
        { "\033[A", KEY_UP },    { "\033[B", KEY_DOWN },  { "\033[C", KEY_RIGHT },
        { "\033[D", KEY_LEFT },  { "\033OA", KEY_UP },    { "\033OB", KEY_DOWN },
        { "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
        { "\033OP", KEY_F(1) },  { "\033[11~", KEY_F(1) }, { "\033[[A", KEY_F(1) },
        { "\033[17~", KEY_F(6) }, { "\033[21~", KEY_F(10) },
    };
    for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
        if (key_defined(alias[i].seq) == 0)
            define_key(alias[i].seq, alias[i].key);
}

void xf_term_start(void)
{
    have_shell_modes = tcgetattr(STDIN_FILENO, &shell_modes) == 0;
    for (size_t i = 0; i < NFATAL; i++)
        install_info(fatal_signals[i], on_fatal, &previous[i]);
    install_info(SIGINT, on_interrupt, NULL);
    install_info(SIGTERM, on_interrupt, NULL);
    install(SIGHUP, on_hangup, NULL);
    install(SIGPIPE, SIG_IGN, NULL);
    /* Unicode box drawing in a UTF-8 locale: ssh clients such as PuTTY
     * often mangle the alternate character set */
    const char *cs = nl_langinfo(CODESET);
    if (cs && !strcmp(cs, "UTF-8"))
        setenv("NCURSES_NO_UTF8_ACS", "1", 0);
    if (!getenv("ESCDELAY"))
        set_escdelay(25); /* Esc is a key here, not the start of a sequence */
    initscr();
    prepare_reset();
    active = 1;
    atexit(xf_term_stop);
    cbreak();
    /* Ctrl-S commits: take it back from XON/XOFF flow control (endwin
     * gives the terminal its own settings back) */
    struct termios t;
    if (tcgetattr(STDIN_FILENO, &t) == 0) {
        t.c_iflag &= ~(tcflag_t)IXON;
        tcsetattr(STDIN_FILENO, TCSANOW, &t);
        def_prog_mode();
    }
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    define_keys();
    fw_paste_enable();
    const char *no_color = getenv("NO_COLOR");
    fw_theme_init(!(no_color && *no_color));
}

bool xf_term_too_small(void)
{
    if (COLS >= XF_MIN_COLS && LINES >= XF_MIN_LINES)
        return false;
    char text[200];
    snprintf(text, sizeof text, _("terminal too small (needs %dx%d); q quits"),
             XF_MIN_COLS, XF_MIN_LINES);
    erase();
    int rows = fw_wrapped_rows(COLS, text);
    fw_draw_wrapped(stdscr, LINES > rows ? (LINES - rows) / 2 : 0, 0, COLS,
                    LINES, text, A_BOLD);
    curs_set(0);
    return true;
}

bool xf_term_quit_key(fw_key k)
{
    k = fw_key_command(k);
    return fw_key_is(k, 'q') || fw_key_is(k, FW_ESC) ||
           fw_key_fn(k, KEY_F(10));
}

void xf_term_stop(void)
{
    if (active) {
        active = 0;
        curs_set(1);
        fw_paste_disable();
        endwin();
    }
}
