/* The store: unknown settings survive, saves are atomic and durable, the
 * lock keeps two writers apart, changes by others are detected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/store.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char dir[64], path[128];

static const char sample[] =
    "# a comment libconfig will not keep\n"
    "version = 1;\n"
    "owner = \"netops\";               # unknown top-level setting\n"
    "gateway = {\n"
    "  local_domain = \"contoso.com\";\n"
    "  future_knob = 42;             # unknown gateway setting\n"
    "};\n"
    "partners = (\n"
    "  {\n"
    "    domain = \"fabrikam.com\";\n"
    "    partner_type = \"federated\";\n"
    "    tls = \"required\";\n"
    "    sasl = \"optional\";\n"
    "    dialback = true;\n"
    "    ticket = \"CHG-1234\";       # unknown partner setting\n"
    "    extra = { nested = [ 1, 2, 3 ]; };\n"
    "  },\n"
    "  {\n"
    "    domain = \"northwind.com\";\n"
    "    sasl = \"NotSupported\";\n"
    "    note = \"second\";\n"
    "  }\n"
    ");\n";

static void write_text(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *slurp(const char *p)
{
    char *data;
    size_t len;
    bool exists;
    assert_int_equal(xf_read_file(p, &data, &len, &exists, NULL), XF_OK);
    return data;
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/xf-store-XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/partners.conf", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[160];
    snprintf(cmd, sizeof cmd, "chmod -R u+w %s; rm -rf %s", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void test_missing_file_is_empty(void **state)
{
    (void)state;
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    assert_false(s.exists);
    assert_int_equal(s.model.n, 0);
    xf_partner *p = xf_partner_new();
    xf_partner_set(p, XF_F_DOMAIN, "fabrikam.com", NULL);
    xf_config_put(&s.model, -1, p);
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0640);
}

static void test_unknown_settings_survive(void **state)
{
    (void)state;
    write_text(path, sample);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
    assert_int_equal(s.model.n, 2);
    assert_int_equal(s.model.v[1]->sasl, XF_MODE_NOT_SUPPORTED);
    assert_int_equal(s.model.v[0]->line, 9);
    /* change the first, drop nothing; then add one */
    s.model.v[0]->dialback = false;
    xf_partner *p = xf_partner_new();
    xf_partner_set(p, XF_F_DOMAIN, "litware.net", NULL);
    xf_config_put(&s.model, -1, p);
    assert_int_equal(xf_store_save(&s, false, &err), XF_OK);
    xf_store_close(&s);
    char *text = slurp(path);
    assert_non_null(strstr(text, "owner = \"netops\""));
    assert_non_null(strstr(text, "future_knob = 42"));
    assert_non_null(strstr(text, "ticket = \"CHG-1234\""));
    assert_non_null(strstr(text, "nested = [ 1, 2, 3 ]"));
    assert_non_null(strstr(text, "note = \"second\""));
    assert_non_null(strstr(text, "dialback = false"));
    assert_non_null(strstr(text, "litware.net"));
    /* an untouched value keeps its spelling: only changes are written */
    assert_non_null(strstr(text, "sasl = \"NotSupported\""));
    free(text);
    /* the backup holds the old content, byte for byte */
    char bak[160];
    snprintf(bak, sizeof bak, "%s.bak", path);
    text = slurp(bak);
    assert_string_equal(text, sample);
    free(text);
}

static void test_remove_keeps_others_unknowns(void **state)
{
    (void)state;
    write_text(path, sample);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    xf_config_remove(&s.model, 0);
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    /* a second save from the same store must map partners right again;
     * a changed value is written in the spec's spelling */
    s.model.v[0]->keep_alive = false;
    s.model.v[0]->sasl = XF_MODE_REQUIRED;
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    char *text = slurp(path);
    assert_null(strstr(text, "fabrikam"));
    assert_null(strstr(text, "CHG-1234"));
    assert_non_null(strstr(text, "note = \"second\""));
    assert_non_null(strstr(text, "keep_alive = false"));
    assert_non_null(strstr(text, "sasl = \"required\""));
    free(text);
}

static void test_syntax_error_has_line(void **state)
{
    (void)state;
    write_text(path, "version = 1;\npartners = (\n  { domain = \"a.com\" \n  tls = ;\n);\n");
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_ERR_SYNTAX);
    char want[160];
    snprintf(want, sizeof want, "%s:4: ", path);
    if (strncmp(err.msg, want, strlen(want)) != 0)
        fail_msg("got '%s', want prefix '%s'", err.msg, want);
    xf_store_close(&s);
    write_text(path, "<html><body>not libconfig</body></html>\n");
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_ERR_SYNTAX);
    snprintf(want, sizeof want, "%s:1: ", path);
    assert_memory_equal(err.msg, want, strlen(want));
    xf_store_close(&s);
}

static void test_value_errors_have_lines(void **state)
{
    (void)state;
    write_text(path, "partners = (\n { domain = \"a.com\";\n   tls = \"maybe\"; },\n"
                     " { domain = \"b.com\"; additional_domains = [\"A.com\"]; }\n);\n");
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    assert_int_equal(xf_diags_count(&s.diags, XF_DIAG_ERROR), 2);
    assert_int_equal(s.diags.v[0].line, 3);
    assert_non_null(strstr(s.diags.v[0].msg, "maybe"));
    assert_non_null(strstr(s.diags.v[1].msg, "a.com"));
    xf_store_close(&s);
}

static void test_mode_and_owner_kept(void **state)
{
    (void)state;
    write_text(path, sample);
    assert_int_equal(chmod(path, 0604), 0);
    if (geteuid() == 0)
        assert_int_equal(chown(path, 65534, 65534), 0);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    s.model.v[0]->keep_alive = false;
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 07777, 0604);
    if (geteuid() == 0)
        assert_int_equal(st.st_uid, 65534);
}

/* Runs fn in a child; returns its exit status. */
static int in_child(int (*fn)(void))
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(fn());
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

static int save_with_limit(void)
{
    /* A file-size limit makes write() fail half-way, as a full disk does. */
    signal(SIGXFSZ, SIG_IGN);
    xf_store s;
    if (xf_store_open(&s, path, 0, NULL) != XF_OK)
        return 10;
    for (int i = 0; i < 40; i++) {
        char d[32];
        snprintf(d, sizeof d, "p%d.example.com", i);
        xf_partner *p = xf_partner_new();
        xf_partner_set(p, XF_F_DOMAIN, d, NULL);
        xf_config_put(&s.model, -1, p);
    }
    struct rlimit rl = { 1024, 1024 };
    setrlimit(RLIMIT_FSIZE, &rl);
    xf_err err;
    xf_status st = xf_store_save(&s, false, &err);
    xf_store_close(&s);
    return st == XF_ERR_IO && strstr(err.msg, "unchanged") ? 0 : 11;
}

static int count_entries(void)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "ls -A %s | wc -l", dir);
    FILE *f = popen(cmd, "r");
    int n = -1;
    if (f && fscanf(f, "%d", &n) != 1)
        n = -1;
    if (f)
        pclose(f);
    return n;
}

static void test_failed_write_leaves_file(void **state)
{
    (void)state;
    write_text(path, sample);
    assert_int_equal(in_child(save_with_limit), 0);
    char *text = slurp(path);
    assert_string_equal(text, sample);
    free(text);
    /* no temporary file is left behind: only the file, its .bak and lock */
    assert_true(count_entries() <= 3);
}

static int save_as_nobody(void)
{
    if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
        return 12;
    xf_store s;
    xf_err err;
    if (xf_store_open(&s, path, 0, &err) != XF_OK)
        return 13;
    s.model.v[0]->keep_alive = false;
    xf_status st = xf_store_save(&s, false, &err);
    xf_store_close(&s);
    return st != XF_OK && strstr(err.msg, "Permission denied") ? 0 : 14;
}

static void test_unwritable_folder(void **state)
{
    (void)state;
    write_text(path, sample);
    chmod(path, 0644);
    chmod(dir, 0755); /* readable by nobody, writable by root only */
    if (geteuid() != 0)
        chmod(dir, 0555);
    assert_int_equal(in_child(save_as_nobody), 0);
    char *text = slurp(path);
    assert_string_equal(text, sample);
    free(text);
}

static int hold_lock_then_exit(void)
{
    xf_store s;
    if (xf_store_open(&s, path, XF_STORE_LOCK, NULL) != XF_OK)
        return 20;
    sleep(2);
    xf_store_close(&s);
    return 0;
}

static void test_lock_contention(void **state)
{
    (void)state;
    write_text(path, sample);
    fflush(NULL);
    pid_t holder = fork();
    assert_true(holder >= 0);
    if (holder == 0)
        _exit(hold_lock_then_exit());
    char lock[160];
    snprintf(lock, sizeof lock, "%s.lock", path);
    /* wait (bounded) until the child holds the lock */
    for (int i = 0; i < 100; i++) {
        int fd = open(lock, O_RDWR);
        struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
        if (fd >= 0 && fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK) {
            close(fd);
            break;
        }
        if (fd >= 0)
            close(fd);
        usleep(20000);
    }
    xf_store s;
    xf_err err;
    xf_store_open(&s, path, 0, NULL);
    s.lock_wait = 0.2;
    assert_int_equal(xf_store_lock(&s, &err), XF_ERR_LOCKED);
    char pid[32];
    snprintf(pid, sizeof pid, "process %ld", (long)holder);
    if (!strstr(err.msg, pid))
        fail_msg("'%s' does not name %s", err.msg, pid);
    /* when the holder is done, the lock is ours after a wait */
    s.lock_wait = 10;
    assert_int_equal(xf_store_lock(&s, &err), XF_OK);
    int status;
    waitpid(holder, &status, 0);
    assert_int_equal(WEXITSTATUS(status), 0);
    xf_store_close(&s);
}

static void test_conflict_detected(void **state)
{
    (void)state;
    write_text(path, sample);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    /* someone else writes the file after we read it */
    write_text(path, "version = 1;\npartners = ( { domain = \"theirs.com\"; } );\n");
    s.model.v[0]->keep_alive = false;
    assert_int_equal(xf_store_save(&s, false, &err), XF_ERR_CONFLICT);
    assert_non_null(strstr(err.msg, "changed by someone else"));
    char *text = slurp(path);
    assert_non_null(strstr(text, "theirs.com"));
    free(text);
    /* the user chose to overwrite */
    assert_int_equal(xf_store_save(&s, true, &err), XF_OK);
    text = slurp(path);
    assert_null(strstr(text, "theirs.com"));
    free(text);
    /* a reload takes their version */
    write_text(path, "partners = ( { domain = \"theirs.com\"; } );\n");
    assert_int_equal(xf_store_reload(&s, &err), XF_OK);
    assert_string_equal(s.model.v[0]->domain, "theirs.com");
    xf_store_close(&s);
}

static void test_symlink_target_replaced(void **state)
{
    (void)state;
    char real[160], link[160];
    snprintf(real, sizeof real, "%s/real.conf", dir);
    snprintf(link, sizeof link, "%s/link.conf", dir);
    write_text(real, sample);
    assert_int_equal(symlink("real.conf", link), 0);
    xf_store s;
    assert_int_equal(xf_store_open(&s, link, 0, NULL), XF_OK);
    s.model.v[0]->keep_alive = false;
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    struct stat st;
    assert_int_equal(lstat(link, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    char *text = slurp(real);
    assert_non_null(strstr(text, "keep_alive = false"));
    free(text);
}

static void test_not_a_regular_file(void **state)
{
    (void)state;
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, dir, 0, &err), XF_ERR_IO);
    assert_non_null(strstr(err.msg, "not a regular file"));
    xf_store_close(&s);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_missing_file_is_empty),  T(test_unknown_settings_survive),
        T(test_remove_keeps_others_unknowns), T(test_syntax_error_has_line),
        T(test_value_errors_have_lines), T(test_mode_and_owner_kept),
        T(test_failed_write_leaves_file), T(test_unwritable_folder),
        T(test_lock_contention),        T(test_conflict_detected),
        T(test_symlink_target_replaced), T(test_not_a_regular_file),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
