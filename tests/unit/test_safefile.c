/* Private files (the editor's drafts): nobody else can redirect a write
 * or plant what is read. Run as root, the tests also hand folders and
 * files to another user (uid 65534). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scratch.h"

#include "core/safefile.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64], sub[128], victim[128];
static const char secret[] = "the victim's own content\n";

static void write_text(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *p)
{
    static char buf[256];
    FILE *f = fopen(p, "r");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int setup(void **state)
{
    (void)state;
    scratch_make(dir, "safe");
    snprintf(sub, sizeof sub, "%s/state/xmppfed", dir);
    snprintf(victim, sizeof victim, "%s/victim", dir);
    write_text(victim, secret);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove(dir);
}

static void test_creates_private_folder(void **state)
{
    (void)state;
    xf_err err;
    int fd = xf_private_dir_open(sub, &err);
    assert_true(fd >= 0);
    close(fd);
    struct stat st;
    assert_int_equal(stat(sub, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0700);
}

static void test_refuses_folder_others_can_write(void **state)
{
    (void)state;
    xf_err err;
    char open_dir[128];
    snprintf(open_dir, sizeof open_dir, "%s/open", dir);
    assert_int_equal(mkdir(open_dir, 0700), 0);
    assert_int_equal(chmod(open_dir, 01777), 0);
    assert_int_equal(xf_private_dir_open(open_dir, &err), -1);
    assert_non_null(strstr(err.msg, "can be written by other users"));
    assert_int_equal(chmod(open_dir, 0720), 0); /* the group alone */
    assert_int_equal(xf_private_dir_open(open_dir, &err), -1);
}

static void test_refuses_folder_of_another_user(void **state)
{
    (void)state;
    if (geteuid() != 0)
        skip();
    xf_err err;
    int fd = xf_private_dir_open(sub, &err); /* creates it */
    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(chown(sub, 65534, 65534), 0);
    assert_int_equal(xf_private_dir_open(sub, &err), -1);
    assert_non_null(strstr(err.msg, "belongs to another user"));
}

static void test_refuses_folder_link(void **state)
{
    (void)state;
    xf_err err;
    char real[128], link[128];
    snprintf(real, sizeof real, "%s/real", dir);
    snprintf(link, sizeof link, "%s/link", dir);
    assert_int_equal(mkdir(real, 0700), 0);
    assert_int_equal(symlink(real, link), 0);
    assert_int_equal(xf_private_dir_open(link, &err), -1);
    assert_non_null(strstr(err.msg, "not a folder"));
}

/* The attack of issue 8: the predictable name planted as a link. */
static void test_write_replaces_planted_link(void **state)
{
    (void)state;
    xf_err err;
    int fd = xf_private_dir_open(sub, &err);
    assert_true(fd >= 0);
    char name[160];
    snprintf(name, sizeof name, "%s/draft.conf", sub);
    assert_int_equal(symlink(victim, name), 0);
    assert_true(xf_private_write(fd, "draft.conf", "mine\n", 5, &err));
    assert_string_equal(slurp(victim), secret);
    assert_string_equal(slurp(name), "mine\n");
    struct stat st;
    assert_int_equal(lstat(name, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 0777, 0600);
    /* no temporary file left beside it */
    DIR *d = opendir(sub);
    int entries = 0;
    for (struct dirent *e; (e = readdir(d));)
        entries += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(entries, 1);
    close(fd);
}

static void test_read_refuses_link_and_foreign_file(void **state)
{
    (void)state;
    xf_err err;
    int fd = xf_private_dir_open(sub, &err);
    assert_true(fd >= 0);
    char name[160], *data;
    size_t len;
    assert_true(xf_private_read(fd, "none.conf", &data, &len, &err));
    assert_null(data);
    snprintf(name, sizeof name, "%s/draft.conf", sub);
    assert_int_equal(symlink(victim, name), 0);
    assert_false(xf_private_read(fd, "draft.conf", &data, &len, &err));
    assert_null(data);
    assert_non_null(strstr(err.msg, "symbolic link"));
    unlink(name);
    write_text(name, "theirs\n");
    if (geteuid() == 0) {
        assert_int_equal(chown(name, 65534, 65534), 0);
        assert_false(xf_private_read(fd, "draft.conf", &data, &len, &err));
        assert_non_null(strstr(err.msg, "belongs to another user"));
        assert_int_equal(chown(name, 0, 0), 0);
    }
    assert_true(xf_private_read(fd, "draft.conf", &data, &len, &err));
    assert_string_equal(data, "theirs\n");
    assert_int_equal(len, 7);
    free(data);
    unlink(name);
    assert_int_equal(mkfifo(name, 0600), 0); /* must not hang */
    assert_false(xf_private_read(fd, "draft.conf", &data, &len, &err));
    assert_non_null(strstr(err.msg, "not a regular file"));
    close(fd);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_creates_private_folder),
        T(test_refuses_folder_others_can_write),
        T(test_refuses_folder_of_another_user),
        T(test_refuses_folder_link),
        T(test_write_replaces_planted_link),
        T(test_read_refuses_link_and_foreign_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
