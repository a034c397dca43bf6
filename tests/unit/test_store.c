/* The store: unknown settings survive, saves are atomic and durable, the
 * lock keeps two writers apart, changes by others are detected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "scratch.h"

#include "core/store_impl.h" /* tests the store from inside */

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
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

#include "files.h"

static int setup(void **state)
{
    (void)state;
    scratch_make(dir, "store");
    snprintf(path, sizeof path, "%s/partners.conf", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return scratch_remove(dir);
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

/* A reload that meets a syntax error leaves a half-read tree: a save then
 * must not write it over the broken file (it looked unchanged). */
static void test_no_save_after_a_failed_reload(void **state)
{
    (void)state;
    write_text(path, sample);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    const char *broken = "version = 1;\npartners = ( { domain = \"b.example\"; }\n"
                         "  { oops } );\n";
    write_text(path, broken);
    assert_int_equal(xf_store_reload(&s, &err), XF_ERR_SYNTAX);
    assert_int_equal(xf_store_save(&s, false, &err), XF_ERR_SYNTAX);
    assert_int_equal(xf_store_save(&s, true, &err), XF_ERR_SYNTAX);
    char *text = slurp(path);
    assert_string_equal(text, broken);
    free(text);
    /* fixed by hand: a reload makes the store writable again */
    write_text(path, sample);
    assert_int_equal(xf_store_reload(&s, &err), XF_OK);
    s.model.v[0]->keep_alive = false;
    assert_int_equal(xf_store_save(&s, false, &err), XF_OK);
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


/* issue 8 item 6: nothing changed, nothing written, and it says so */
static void test_unchanged_save_writes_nothing(void **state)
{
    (void)state;
    write_text(path, sample);
    struct stat before, after;
    assert_int_equal(stat(path, &before), 0);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    assert_true(s.unchanged);
    /* a partner replaced by an equal copy is no change either */
    xf_config_put(&s.model, 0, xf_partner_dup(s.model.v[0]));
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    assert_true(s.unchanged);
    s.model.v[0]->keep_alive = false;
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    assert_false(s.unchanged);
    xf_store_close(&s);
    assert_int_equal(stat(path, &after), 0);
    assert_int_not_equal(before.st_ino, after.st_ino);
    /* the .bak is the first generation, the one before the real change */
    char bak[160];
    snprintf(bak, sizeof bak, "%s.bak", path);
    char *text = slurp(bak);
    assert_string_equal(text, sample);
    free(text);
}

/* The .bak is the old file itself, linked, not a rewrite of it. */
static void test_backup_is_old_file(void **state)
{
    (void)state;
    write_text(path, sample);
    struct stat old, bak_st;
    assert_int_equal(stat(path, &old), 0);
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    s.model.v[0]->keep_alive = false;
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    char bak[160];
    snprintf(bak, sizeof bak, "%s.bak", path);
    assert_int_equal(stat(bak, &bak_st), 0);
    assert_int_equal(bak_st.st_ino, old.st_ino);
    assert_int_equal(bak_st.st_nlink, 1);
}

/* issue 8 item 16: a save that fails keeps the previous generation */
static void test_failed_save_keeps_bak(void **state)
{
    (void)state;
    write_text(path, sample);
    char bak[160];
    snprintf(bak, sizeof bak, "%s.bak", path);
    write_text(bak, "# the generation before\n");
    assert_int_equal(in_child(save_with_limit), 0);
    char *text = slurp(bak);
    assert_string_equal(text, "# the generation before\n");
    free(text);
    text = slurp(path);
    assert_string_equal(text, sample);
    free(text);
}

/* issue 8 item 17: what a killed writer left is removed by the next */
static void test_stale_temporaries_removed(void **state)
{
    (void)state;
    write_text(path, sample);
    char stale1[200], stale2[200], other[200];
    snprintf(stale1, sizeof stale1, "%s/.partners.conf.Ab3xY9", dir);
    snprintf(stale2, sizeof stale2, "%s/.partners.conf.bak.q1W2e3", dir);
    snprintf(other, sizeof other, "%s/.partners.conf.notes", dir);
    write_text(stale1, "half a file");
    write_text(stale2, "half a backup");
    write_text(other, "not ours");
    xf_store s;
    assert_int_equal(xf_store_open(&s, path, 0, NULL), XF_OK);
    s.model.v[0]->keep_alive = false;
    assert_int_equal(xf_store_save(&s, false, NULL), XF_OK);
    xf_store_close(&s);
    assert_int_equal(access(stale1, F_OK), -1);
    assert_int_equal(access(stale2, F_OK), -1);
    assert_int_equal(access(other, F_OK), 0);
}

/* issue 8 item 18: a file with @include is read, never written */
static void test_include_refused(void **state)
{
    (void)state;
    char inc[160];
    snprintf(inc, sizeof inc, "%s/more.conf", dir);
    write_text(inc, "owner = \"netops\";\n");
    const char *text = "version = 1;\n  @include \"more.conf\"\n"
                       "partners = ( { domain = \"a.example\"; } );\n";
    write_text(path, text);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
    assert_int_equal(s.model.n, 1);
    s.model.v[0]->keep_alive = false;
    assert_int_equal(xf_store_save(&s, false, &err), XF_ERR_INVALID);
    assert_non_null(strstr(err.msg, "@include"));
    xf_store_close(&s);
    char *now = slurp(path);
    assert_string_equal(now, text);
    free(now);
}

static int open_fifo(void)
{
    alarm(5); /* a hang is a failure, not a stuck test run */
    xf_store s;
    xf_err err;
    xf_status st = xf_store_open(&s, path, 0, &err);
    xf_store_close(&s);
    return st == XF_ERR_IO && strstr(err.msg, "not a regular file") ? 0 : 30;
}

/* issue 8 item 19: a FIFO at the path is refused at once */
static void test_fifo_does_not_hang(void **state)
{
    (void)state;
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(in_child(open_fifo), 0);
}

/* issue 8 item 19: a symbolic link to nothing stays a link */
static void test_dangling_symlink_refused(void **state)
{
    (void)state;
    assert_int_equal(symlink("nowhere.conf", path), 0);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
    xf_partner *p = xf_partner_new();
    xf_partner_set(p, XF_F_DOMAIN, "fabrikam.com", NULL);
    xf_config_put(&s.model, -1, p);
    assert_int_not_equal(xf_store_save(&s, false, &err), XF_OK);
    assert_non_null(strstr(err.msg, "symbolic link to nowhere.conf"));
    xf_store_close(&s);
    struct stat st;
    assert_int_equal(lstat(path, &st), 0);
    assert_true(S_ISLNK(st.st_mode));
}

/* issue 9: one limit for reading and writing, far above real lists */
static void test_write_limit_is_read_limit(void **state)
{
    (void)state;
    assert_true(XF_FILE_MAX >= (size_t)200 << 20);
    write_text(path, sample);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
    s.max_bytes = strlen(sample) + 100; /* what the next read accepts */
    for (int i = 0; i < 20; i++) {
        char d[32];
        snprintf(d, sizeof d, "p%d.example.com", i);
        xf_partner *p = xf_partner_new();
        xf_partner_set(p, XF_F_DOMAIN, d, NULL);
        xf_config_put(&s.model, -1, p);
    }
    assert_int_equal(xf_store_save(&s, false, &err), XF_ERR_IO);
    assert_non_null(strstr(err.msg, "more than xmppfed reads"));
    xf_store_close(&s);
    char *now = slurp(path);
    assert_string_equal(now, sample);
    free(now);
    assert_true(count_entries() <= 3);
}

/* issue 9: a file of 10,000 partners loads, checks, saves, round-trips */
static void test_ten_thousand_partners(void **state)
{
    (void)state;
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("version = 1;\npartners = (\n", f);
    for (int i = 0; i < 10000; i++)
        fprintf(f, "  { domain = \"p%d.example.com\"; %s"
                "additional_domains = [ \"a.p%d.example.com\", \"b.p%d.example.com\" ]; "
                "tls = \"required\"; sasl = \"optional\"; dialback = true; keep = %d; }%s\n",
                i, i % 3 ? "description = \"Partner — one\"; " : "", i, i, i,
                i < 9999 ? "," : "");
    fputs(");\n", f);
    fclose(f);
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
    assert_int_equal(s.model.n, 10000);
    assert_int_equal(xf_diags_count(&s.diags, XF_DIAG_ERROR), 0);
    /* one clash is found and named, against the first owner */
    xf_partner *p = xf_partner_new();
    xf_partner_set(p, XF_F_DOMAIN, "b.p77.example.com", NULL);
    xf_config_put(&s.model, -1, p);
    xf_diags d = { 0 };
    xf_config_validate(&s.model, &d);
    assert_int_equal(xf_diags_count(&d, XF_DIAG_ERROR), 1);
    assert_non_null(strstr(d.v[0].msg, "already belongs to partner p77.example.com"));
    xf_diags_free(&d);
    /* change one, remove one, keep the new one: save and read back */
    s.model.v[5000]->dialback = false;
    xf_config_remove(&s.model, 10);
    assert_int_equal(xf_store_save(&s, false, &err), XF_OK);
    xf_store t;
    assert_int_equal(xf_store_open(&t, path, 0, &err), XF_OK);
    assert_int_equal(t.model.n, s.model.n);
    for (size_t i = 0; i < t.model.n; i++)
        assert_true(xf_partner_equal(t.model.v[i], s.model.v[i]));
    assert_int_equal(xf_diags_count(&t.diags, XF_DIAG_ERROR), 1);
    xf_store_close(&t);
    xf_store_close(&s);
    char *text = slurp(path);
    assert_non_null(strstr(text, "keep = 9999;")); /* unknowns survive */
    assert_null(strstr(text, "keep = 10;"));
    free(text);
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* issue 8 item 19: the cost of one partner's domains is linear (it was
 * 5.7 s for 40,000, quadratic) */
static void test_many_additional_domains(void **state)
{
    (void)state;
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("partners = ( { domain = \"big.example\"; additional_domains = [", f);
    for (int i = 0; i < 40000; i++)
        fprintf(f, "%s\"d%d.big.example\"", i ? ", " : " ", i);
    fputs(" ]; } );\n", f);
    fclose(f);
    double t0 = now_s();
    xf_store s;
    xf_err err;
    assert_int_equal(xf_store_open(&s, path, 0, &err), XF_OK);
    assert_int_equal(s.model.v[0]->additional.n, 40000);
    assert_int_equal(s.diags.n, 0);
    xf_strlist_push(&s.model.v[0]->additional, "D17.big.example");
    assert_false(xf_partner_check_domains(s.model.v[0], &err));
    assert_non_null(strstr(err.msg, "listed twice"));
    xf_store_close(&s);
    double took = now_s() - t0;
    if (took > 2.0)
        fail_msg("40,000 additional domains took %.2f s", took);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_missing_file_is_empty),  T(test_unknown_settings_survive),
        T(test_remove_keeps_others_unknowns), T(test_syntax_error_has_line),
        T(test_value_errors_have_lines), T(test_mode_and_owner_kept),
        T(test_failed_write_leaves_file), T(test_unwritable_folder),
        T(test_lock_contention),        T(test_conflict_detected), T(test_no_save_after_a_failed_reload),
        T(test_symlink_target_replaced), T(test_not_a_regular_file),
        T(test_unchanged_save_writes_nothing), T(test_backup_is_old_file),
        T(test_failed_save_keeps_bak),  T(test_stale_temporaries_removed),
        T(test_include_refused),        T(test_fifo_does_not_hang),
        T(test_dangling_symlink_refused), T(test_write_limit_is_read_limit),
        T(test_ten_thousand_partners),  T(test_many_additional_domains),
    };
    return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
