/* The store's write path: no lock file left behind, the lock still keeps
 * writers apart when it is removed, and FILE.bak is never a second copy
 * of FILE when a save is killed half way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scratch.h"

#include "core/store_impl.h" /* tests the store from inside */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64], path[128], lock[160], bak[160];

static const char gen0[] = "version = 1;\npartners = ( );\n# gen0\n";
static const char gen1[] =
    "version = 1;\n# gen1\npartners = (\n  { domain = \"a.example\"; }\n);\n";

#include "files.h"

static int setup(void **state)
{
    (void)state;
    scratch_make(dir, "storew");
    snprintf(path, sizeof path, "%s/partners.conf", dir);
    snprintf(lock, sizeof lock, "%s.lock", path);
    snprintf(bak, sizeof bak, "%s.bak", path);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove(dir);
}

static xf_status add_partner(const char *domain)
{
    xf_store s;
    xf_status st = xf_store_open(&s, path, XF_STORE_LOCK, NULL);
    if (st == XF_OK) {
        xf_partner *p = xf_partner_new();
        xf_partner_set(p, XF_F_DOMAIN, domain, NULL);
        xf_config_put(&s.model, -1, p);
        st = xf_store_save(&s, false, NULL);
    }
    xf_store_close(&s);
    return st;
}

static void test_no_lock_file_left(void **state)
{
    (void)state;
    write_text(path, gen1);
    assert_int_equal(add_partner("b.example"), XF_OK);
    assert_int_equal(access(lock, F_OK), -1);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, XF_STORE_LOCK, NULL), XF_OK);
    assert_int_equal(access(lock, F_OK), 0); /* while held, it is there */
    xf_store_close(&s);
    assert_int_equal(access(lock, F_OK), -1);
}

/* Many writers at once, each taking the lock, adding one partner and
 * letting go (which removes the lock file): none may lose another's
 * partner, none may fail. */
static void test_concurrent_writers(void **state)
{
    (void)state;
    enum { WRITERS = 8, EACH = 6 };
    write_text(path, gen1);
    fflush(NULL);
    pid_t kids[WRITERS];
    for (int w = 0; w < WRITERS; w++) {
        kids[w] = fork();
        assert_true(kids[w] >= 0);
        if (kids[w] == 0) {
            for (int i = 0; i < EACH; i++) {
                char d[64];
                snprintf(d, sizeof d, "w%d-%d.example", w, i);
                if (add_partner(d) != XF_OK)
                    _exit(1);
            }
            _exit(0);
        }
    }
    for (int w = 0; w < WRITERS; w++) {
        int status;
        waitpid(kids[w], &status, 0);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 0);
    }
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    assert_int_equal(s.model.n, 1 + WRITERS * EACH);
    xf_store_close(&s);
    assert_int_equal(access(lock, F_OK), -1);
}

static void die_now(void) { _exit(0); }

/* Killed between its two renames, a save leaves the new file and the
 * generation before it as .bak: never the same file twice. */
static void test_killed_save_keeps_previous_bak(void **state)
{
    (void)state;
    write_text(path, gen1);
    write_text(bak, gen0);
    fflush(NULL);
    pid_t kid = fork();
    assert_true(kid >= 0);
    if (kid == 0) {
        xf_store_between_renames = die_now;
        add_partner("b.example");
        _exit(3);
    }
    int status;
    waitpid(kid, &status, 0);
    assert_int_equal(WEXITSTATUS(status), 0); /* it did stop in between */
    char *b = slurp(bak), *f = slurp(path);
    assert_string_equal(b, gen0);
    assert_non_null(strstr(f, "b.example"));
    free(b);
    free(f);
    /* the next save cleans up and moves the generations on */
    assert_int_equal(add_partner("c.example"), XF_OK);
    b = slurp(bak);
    assert_non_null(strstr(b, "b.example"));
    assert_null(strstr(b, "c.example"));
    free(b);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_no_lock_file_left),
        T(test_concurrent_writers),
        T(test_killed_save_keeps_previous_bak),
    };
    return cmocka_run_group_tests_name("store_write", tests, NULL, NULL);
}
