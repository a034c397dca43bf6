/* A curses screen for the drawing tests of forms/: it writes to /dev/null
 * (no terminal), and rows are read back as UTF-8. Included by one test
 * file each (static functions, after cmocka.h). */
#ifndef XF_TEST_SCREEN_H
#define XF_TEST_SCREEN_H

#include <curses.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

static SCREEN *screen;
static FILE *screen_out, *screen_in;

/* A cmocka group set-up: UTF-8, so that the marker of a cut is "…". */
static inline int screen_up(void **state)
{
    (void)state;
    setlocale(LC_ALL, "C.UTF-8");
    screen_out = fopen("/dev/null", "w");
    screen_in = fopen("/dev/null", "r");
    if (!screen_out || !screen_in)
        return -1;
    screen = newterm("xterm-256color", screen_out, screen_in);
    return screen ? 0 : -1;
}

static inline int screen_down(void **state)
{
    (void)state;
    endwin();
    delscreen(screen);
    fclose(screen_out);
    fclose(screen_in);
    return 0;
}

/* The text of row y of win, as UTF-8. */
static inline const char *row_text(WINDOW *win, int y)
{
    static char out[128 * MB_LEN_MAX + 1];
    wchar_t w[128] = { 0 };
    mvwinnwstr(win, y, 0, w, getmaxx(win) < 127 ? getmaxx(win) : 127);
    if (wcstombs(out, w, sizeof out) == (size_t)-1)
        return "(not text)";
    return out;
}

/* main's result: the tests, then the drawing tests on the screen. */
#define run_with_screen(name, tests, drawing)                             \
    (cmocka_run_group_tests_name(name, tests, NULL, NULL) +               \
     cmocka_run_group_tests_name(name " drawing", drawing, screen_up,     \
                                 screen_down))

#endif
