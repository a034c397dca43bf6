/* The hash that tells a save whether the file changed since it was read
 * (core/file_hash.c): equal for equal bytes, however they are fed,
 * different for a change of one byte or of the length. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/file_hash.h"

#include <string.h>

static const char text[] =
    "version = 1;\npartners = (\n  { domain = \"a.example\"; tls = \"required\"; }\n);\n";

static void test_pieces_hash_as_one(void **state)
{
    (void)state;
    unsigned char whole[XF_HASH_LEN], pieces[XF_HASH_LEN];
    xf_hash_of(text, strlen(text), whole);
    xf_hash *h = xf_hash_new();
    for (size_t at = 0, step = 1; at < strlen(text); at += step, step = step * 2 + 1) {
        size_t n = strlen(text) - at < step ? strlen(text) - at : step;
        xf_hash_update(h, text + at, n);
    }
    xf_hash_final(h, pieces);
    assert_memory_equal(whole, pieces, XF_HASH_LEN);
}

static void test_one_byte_changes_it(void **state)
{
    (void)state;
    unsigned char a[XF_HASH_LEN], b[XF_HASH_LEN];
    char copy[sizeof text];
    xf_hash_of(text, strlen(text), a);
    for (size_t i = 0; i < strlen(text); i++) {
        memcpy(copy, text, sizeof text);
        copy[i] ^= 0x20;
        xf_hash_of(copy, strlen(text), b);
        assert_memory_not_equal(a, b, XF_HASH_LEN);
    }
}

static void test_length_changes_it(void **state)
{
    (void)state;
    unsigned char empty[XF_HASH_LEN], nul[XF_HASH_LEN], nul2[XF_HASH_LEN];
    xf_hash_of("", 0, empty);
    xf_hash_of("\0", 1, nul);
    xf_hash_of("\0\0", 2, nul2);
    assert_memory_not_equal(empty, nul, XF_HASH_LEN);
    assert_memory_not_equal(nul, nul2, XF_HASH_LEN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pieces_hash_as_one),
        cmocka_unit_test(test_one_byte_changes_it),
        cmocka_unit_test(test_length_changes_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
