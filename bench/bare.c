/* The baselines of make bench: what libconfig alone costs on a partner
 * file, so that each xmppfed figure can be printed beside the least any
 * tool built on libconfig could do.
 *   bare walk FILE        parse, then visit every partner's settings
 *   bare save FILE DOMAIN parse, change one partner's description, write
 *                         a temporary file, fsync, rename, fsync the folder
 */
#include <fcntl.h>
#include <libconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int parse(config_t *cf, const char *path)
{
    config_init(cf);
    config_set_options(cf, CONFIG_OPTION_SEMICOLON_SEPARATORS);
    if (!config_read_file(cf, path)) {
        fprintf(stderr, "bare: %s:%d: %s\n", path, config_error_line(cf),
                config_error_text(cf));
        return -1;
    }
    return 0;
}

/* Touches every value so that the walk cannot be skipped. */
static size_t walk(const config_setting_t *list)
{
    size_t sum = 0;
    int n = config_setting_length(list);
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = config_setting_get_elem(list, i);
        int m = config_setting_length(g);
        for (int j = 0; j < m; j++) {
            const config_setting_t *s = config_setting_get_elem(g, j);
            const char *t = config_setting_get_string(s);
            sum += t ? strlen(t) : (size_t)config_setting_get_int(s);
            for (int k = 0; k < config_setting_length(s); k++) {
                t = config_setting_get_string_elem(s, k);
                sum += t ? strlen(t) : 0;
            }
        }
    }
    return sum;
}

static int save(config_t *cf, const char *path, const char *domain)
{
    config_setting_t *list = config_lookup(cf, "partners");
    int n = list ? config_setting_length(list) : 0;
    for (int i = 0; i < n; i++) {
        config_setting_t *g = config_setting_get_elem(list, i);
        const char *d;
        if (config_setting_lookup_string(g, "domain", &d) && !strcmp(d, domain)) {
            config_setting_t *s = config_setting_get_member(g, "description");
            if (!s)
                s = config_setting_add(g, "description", CONFIG_TYPE_STRING);
            config_setting_set_string(s, "changed by bare");
            break;
        }
    }
    char tmp[4096], dir[4096];
    snprintf(tmp, sizeof tmp, "%s.bare-XXXXXX", path);
    int fd = mkstemp(tmp);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    if (!f)
        return -1;
    config_write(cf, f);
    if (fflush(f) != 0 || fsync(fd) != 0 || fclose(f) != 0 ||
        rename(tmp, path) != 0)
        return -1;
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 3 || (strcmp(argv[1], "walk") && strcmp(argv[1], "save")) ||
        (!strcmp(argv[1], "save") && argc < 4)) {
        fprintf(stderr, "usage: bare walk FILE | bare save FILE DOMAIN\n");
        return 2;
    }
    config_t cf;
    if (parse(&cf, argv[2]) != 0)
        return 1;
    int rc = 0;
    if (!strcmp(argv[1], "walk")) {
        config_setting_t *list = config_lookup(&cf, "partners");
        printf("%zu\n", list ? walk(list) : 0);
    } else {
        rc = save(&cf, argv[2], argv[3]) != 0;
    }
    config_destroy(&cf);
    return rc;
}
