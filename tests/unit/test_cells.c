/* Layout in terminal cells, not bytes: text in another script (Cyrillic
 * takes two bytes a cell, CJK three bytes for two cells) wraps, aligns
 * and fits as English does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "forms/button.h"
#include "forms/dialog.h"
#include "forms/dropdown.h"
#include "forms/form.h"
#include "forms/keybar.h"
#include "forms/listfield.h"
#include "forms/textbuf.h"
#include "forms/textfield.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cells(const char *s, int n) { return fw_text_width(s, (size_t)n); }

/* Every line fits in width cells, ends on a character, no text is lost
 * or doubled, and a line is only broken where the next word would not
 * fit on it. */
static void check_wrap(const char *text, int width, int want_lines)
{
    const char *starts[32];
    int lens[32];
    int n = fw_dialog_wrap(text, width, starts, lens, 32);
    assert_int_equal(n, want_lines);
    const char *p = text;
    for (int i = 0; i < n; i++) {
        assert_true(cells(starts[i], lens[i]) <= width);
        assert_ptr_equal(starts[i], p); /* nothing skipped but a blank */
        p = starts[i] + lens[i];
        assert_true(*p == '\0' || *p == ' ' || *p == '\n');
        if (*p == ' ') { /* the next word would not have fitted */
            const char *next = p + 1, *end = strpbrk(next, " \n");
            int word = end ? (int)(end - next) : (int)strlen(next);
            assert_true(cells(starts[i], lens[i]) + 1 + cells(next, word) > width);
        }
        if (*p)
            p++;
    }
    assert_int_equal(*p, '\0');
}

static void test_dialog_wraps_in_cells(void **state)
{
    (void)state;
    /* 20 cells: the old byte count broke Cyrillic at 10 */
    check_wrap("Удалить партнера fabrikam.com и все его параметры?", 20, 3);
    check_wrap("Remove partner fabrikam.com and all its settings?", 20, 3);
    /* wide characters: two cells each */
    check_wrap("東京 東京東京 東京", 8, 3);
    check_wrap("первая строка\n\n(y) да   (n) нет", 30, 3);
}

static void test_dialog_cuts_a_word_wider_than_the_box(void **state)
{
    (void)state;
    const char *starts[8];
    int lens[8];
    const char *t = "абвгдеёжзийклмнопрст"; /* 20 cells, 40 bytes */
    int n = fw_dialog_wrap(t, 8, starts, lens, 8);
    assert_int_equal(n, 3);
    assert_int_equal(cells(starts[0], lens[0]), 8);
    assert_int_equal(lens[0], 16); /* on a character, never inside one */
    assert_int_equal(cells(starts[2], lens[2]), 4);
}

/* The labels' column is as wide as the widest label in cells, and a
 * label is right-aligned in it by its cells. */
static void test_form_label_column_in_cells(void **state)
{
    (void)state;
    fw_form f;
    fw_form_init(&f, NULL, NULL);
    fw_form_add(&f, fw_textfield_new("Описание партнера", NULL, "", 0));
    fw_form_add(&f, fw_textfield_new("Домен", NULL, "", 0));
    fw_form_add(&f, fw_button_new("Сохранить", NULL));
    assert_int_equal(f.label_width, 17);
    fw_form_free(&f);
}

/* Drawing: screen_up, screen_down and row_text. */
#include "screen.h"

/* A form drawn with Cyrillic labels: labels right-aligned against one
 * column, fields after it, buttons side by side in their own cells. */
static void test_form_draws_cyrillic_aligned(void **state)
{
    (void)state;
    WINDOW *win = newwin(5, 40, 0, 0);
    fw_form f;
    fw_form_init(&f, NULL, NULL);
    fw_form_add(&f, fw_textfield_new("Тип", NULL, "x", 0));
    fw_form_add(&f, fw_textfield_new("Домен", NULL, "y", 0));
    fw_form_add(&f, fw_button_new("Да", NULL));
    fw_form_add(&f, fw_button_new("Нет", NULL));
    fw_form_draw(&f, win, 0, 0, 5, 40);
    /* label_width is 12 at least: "Тип" ends at column 12 */
    assert_memory_equal(row_text(win, 0), "         Тип  x", strlen("         Тип  x"));
    assert_memory_equal(row_text(win, 1), "       Домен  y", strlen("       Домен  y"));
    assert_memory_equal(row_text(win, 3), "              < Да >  < Нет >",
                        strlen("              < Да >  < Нет >"));
    fw_form_free(&f);
    delwin(win);
}

/* The hint of a list field's empty row is the caller's words. */
static void test_listfield_hint_is_the_callers(void **state)
{
    (void)state;
    WINDOW *win = newwin(3, 30, 0, 0);
    fw_widget *w = fw_listfield_new("Домены", NULL, 3, 0);
    fw_listfield_set_hint(w, "(Enter — добавить)");
    w->ops->draw(w, win, 0, 0, 30, true);
    assert_memory_equal(row_text(win, 0), "(Enter — добавить)",
                        strlen("(Enter — добавить)"));
    fw_widget_free(w);
    delwin(win);
}

/* A drop-down is as wide as its longest choice in cells. */
static void test_dropdown_width_in_cells(void **state)
{
    (void)state;
    static const char *const choices[] = { "Да", "Нет" };
    WINDOW *win = newwin(1, 30, 0, 0);
    fw_widget *w = fw_dropdown_new("Выбор", NULL, choices, 2, 0);
    w->ops->draw(w, win, 0, 0, 30, false);
    assert_memory_equal(row_text(win, 0), "[Да   ]  ", strlen("[Да   ]  "));
    fw_widget_free(w);
    delwin(win);
}

/* Wrapped text that needs more lines than it has is marked where it is
 * cut, as a clipped value is, never cut silently. */
static void test_wrapped_text_cut_is_marked(void **state)
{
    (void)state;
    WINDOW *win = newwin(3, 20, 0, 0);
    int n = fw_draw_wrapped(win, 0, 0, 20, 2, "Справка о поле, которая длиннее "
                            "двух строк экрана", 0);
    assert_int_equal(n, 2);
    assert_string_equal(row_text(win, 0), "Справка о поле,     ");
    assert_string_equal(row_text(win, 1), "которая длиннее дву…");
    /* text that fits is drawn whole, without a marker */
    werase(win);
    fw_draw_wrapped(win, 0, 0, 20, 2, "Справка о поле", 0);
    assert_string_equal(row_text(win, 0), "Справка о поле      ");
    delwin(win);
}

/* The key bar in cells: whole labels with a blank after each key when
 * they fit; else the blank goes first (the key's style sets it off);
 * then the longest labels are cut at a stem, with no marker: every key
 * stays listed. */
static void test_keybar_fits_in_cells(void **state)
{
    (void)state;
    static const fw_keyhint h[] = {
        { "n", "Новый" }, { "d", "Удал" }, { "q", "Выход" },
    };
    static const struct { int cols; const char *row; } want[] = {
        { 24, "n Новый d Удал q Выход  " },
        { 22, "n Новый d Удал q Выход" },
        { 21, "nНовый dУдал qВыход  " },
        { 16, "nНов dУдал qВыхо" },
        { 10, "nН dУд qВы" },
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        WINDOW *win = newwin(1, want[i].cols, 0, 0);
        fw_keybar_draw(win, 0, h, 3);
        assert_string_equal(row_text(win, 0), want[i].row);
        delwin(win);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dialog_wraps_in_cells),
        cmocka_unit_test(test_dialog_cuts_a_word_wider_than_the_box),
        cmocka_unit_test(test_form_label_column_in_cells),
    };
    const struct CMUnitTest drawing[] = {
        cmocka_unit_test(test_form_draws_cyrillic_aligned),
        cmocka_unit_test(test_listfield_hint_is_the_callers),
        cmocka_unit_test(test_dropdown_width_in_cells),
        cmocka_unit_test(test_wrapped_text_cut_is_marked),
        cmocka_unit_test(test_keybar_fits_in_cells),
    };
    return run_with_screen("cells", tests, drawing);
}
