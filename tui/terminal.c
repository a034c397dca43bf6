/* Terminal hygiene: the terminal is restored on every exit, normal or not. */
#include "app.h"
#include "forms/paste.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t active;

/* A fatal signal: give the terminal back, then die of the same signal so
 * that the exit status and any core dump tell the truth. */
static void on_fatal(int sig)
{
    if (active) {
        active = 0;
        endwin();
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void on_hangup(int sig)
{
    (void)sig;
    fw_hangup = 1; /* every loop unwinds; a form keeps its draft */
}

static void install(int sig, void (*fn)(int))
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

/* Keys as terminals actually send them: ssh clients, tmux and screen send
 * xterm/VT220 sequences whatever the terminfo entry of $TERM says (vt100
 * has no Shift-Tab, Delete, Insert or PgUp/PgDn, and its F10 is ESC O x).
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
        { "\033[21~", KEY_F(10) },
    };
    for (size_t i = 0; i < sizeof alias / sizeof *alias; i++)
        if (key_defined(alias[i].seq) == 0)
            define_key(alias[i].seq, alias[i].key);
}

void xf_term_start(void)
{
    static const int fatal[] = { SIGINT, SIGTERM, SIGQUIT, SIGSEGV, SIGBUS,
                                 SIGFPE, SIGILL, SIGABRT };
    for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
        install(fatal[i], on_fatal);
    install(SIGHUP, on_hangup);
    install(SIGPIPE, SIG_IGN);
    /* Unicode box drawing in a UTF-8 locale: ssh clients such as PuTTY
     * often mangle the alternate character set */
    const char *cs = nl_langinfo(CODESET);
    if (cs && !strcmp(cs, "UTF-8"))
        setenv("NCURSES_NO_UTF8_ACS", "1", 0);
    if (!getenv("ESCDELAY"))
        set_escdelay(25); /* Esc is a key here, not the start of a sequence */
    initscr();
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

void xf_term_stop(void)
{
    if (active) {
        active = 0;
        curs_set(1);
        fw_paste_disable();
        endwin();
    }
}
