/* The main of a fuzz target built without libFuzzer (gcc, sanitizers):
 * runs every file named on the command line, or found in a folder named
 * there, through LLVMFuzzerTestOneInput, each in a child process so that
 * one crash does not hide the others. A crash, a sanitizer report, an
 * abort() of an invariant or a hang (10 s) fails that input.
 * Usage: replay-TARGET FILE|DIR...   Prints "N passed, N failed". */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

#define HANG_SECONDS 10
#define INPUT_MAX (1u << 20) /* libFuzzer's inputs are far smaller */

static int passed, failed;

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *buf = malloc(INPUT_MAX);
    *len = buf ? fread(buf, 1, INPUT_MAX, f) : 0;
    fclose(f);
    return buf;
}

/* In the child: the same calls libFuzzer makes, then a normal exit so
 * that LeakSanitizer looks at what is left. */
static void run_child(const char *path, int argc, char **argv)
{
    alarm(HANG_SECONDS);
    if (LLVMFuzzerInitialize)
        LLVMFuzzerInitialize(&argc, &argv);
    size_t len = 0;
    uint8_t *data = slurp(path, &len);
    if (!data) {
        fprintf(stderr, "%s: %s\n", path, strerror(errno));
        _exit(3);
    }
    /* a copy of the exact size, so that ASan sees a read past the end */
    uint8_t *copy = malloc(len ? len : 1);
    memcpy(copy, data, len);
    free(data);
    LLVMFuzzerTestOneInput(copy, len);
    free(copy);
    exit(0);
}

static void run_one(const char *path, int argc, char **argv)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0)
        run_child(path, argc, argv);
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0) {
        passed++;
        printf("  ok   %s\n", path);
    } else {
        failed++;
        if (WIFSIGNALED(st))
            printf("  FAIL %s: killed by signal %d%s\n", path, WTERMSIG(st),
                   WTERMSIG(st) == SIGALRM ? " (hang)" : "");
        else
            printf("  FAIL %s: exit status %d\n", path, WEXITSTATUS(st));
    }
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void run_path(const char *path, int argc, char **argv)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return; /* no crash reproducers yet: nothing to replay */
    if (!S_ISDIR(st.st_mode)) {
        run_one(path, argc, argv);
        return;
    }
    struct dirent **names;
    int n = scandir(path, &names, NULL, by_name);
    for (int i = 0; i < n; i++) {
        char *full;
        if (names[i]->d_name[0] != '.' && /* README, .gitkeep: not inputs */
            strcmp(names[i]->d_name, "README") != 0 &&
            asprintf(&full, "%s/%s", path, names[i]->d_name) >= 0) {
            if (stat(full, &st) == 0 && S_ISREG(st.st_mode))
                run_one(full, argc, argv);
            free(full);
        }
        free(names[i]);
    }
    free(names);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|DIR...\n", argv[0]);
        return 2;
    }
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    for (int i = 1; i < argc; i++)
        run_path(argv[i], 1, argv);
    printf("%s: %d passed, %d failed\n", name, passed, failed);
    return failed ? 1 : 0;
}
