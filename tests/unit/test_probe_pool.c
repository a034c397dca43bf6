/* The probe's thread pool: a thread that cannot be created is neither
 * waited for nor missed; the others do its share. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/probe.h"

#include <errno.h>
#include <stdatomic.h>

static int calls;          /* create calls, in the calling thread only */
static unsigned fail_mask; /* bit i set: the i-th create call fails */
static atomic_int ran;

static int flaky_create(pthread_t *t, const pthread_attr_t *a,
                        void *(*fn)(void *), void *arg)
{
    if (fail_mask & (1u << calls++))
        return EAGAIN; /* what RLIMIT_NPROC or a lack of memory gives */
    return pthread_create(t, a, fn, arg);
}

static void *count(void *arg)
{
    (void)arg;
    atomic_fetch_add(&ran, 1);
    return NULL;
}

static void run(int jobs, unsigned mask, int want)
{
    calls = 0;
    fail_mask = mask;
    atomic_store(&ran, 0);
    int got = xf_run_threads(jobs, count, NULL, flaky_create);
    assert_int_equal(got, want);
    assert_int_equal(atomic_load(&ran), want); /* all joined: none still to run */
    assert_int_equal(calls, jobs > 1 ? jobs - 1 : 0);
}

static void test_all_created(void **state)
{
    (void)state;
    run(1, 0, 1);
    run(4, 0, 4);
}

static void test_failure_in_the_middle(void **state)
{
    (void)state;
    run(4, 1u << 1, 3);          /* the second of three fails */
    run(8, 1u << 0 | 1u << 5, 6);
    run(5, 1u << 3, 4);          /* the last one fails */
}

static void test_none_created(void **state)
{
    (void)state;
    run(6, ~0u, 1); /* this thread alone does the work */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_created),
        cmocka_unit_test(test_failure_in_the_middle),
        cmocka_unit_test(test_none_created),
    };
    return cmocka_run_group_tests_name("probe_pool", tests, NULL, NULL);
}
