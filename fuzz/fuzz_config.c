/* The configuration file as anyone may have written it: loaded, validated,
 * changed a little and saved (in a private temporary folder), then read
 * back. Invariants: no memory error or leak (ASan); a save that says it
 * worked wrote a file that parses and reads back as the model that was
 * saved; a save that failed left the file byte for byte as it was.
 * Input: one byte that picks the change, then the file. */
#include "core/config.h"
#include "core/store.h"
#include "fuzz.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[64], path[96];

/* A folder of its own for each input, emptied and removed after it, so
 * that nothing is left when libFuzzer stops between two inputs. */
static void make_dir(void)
{
    /* tmpfs when there is one: a save calls fsync twice */
    snprintf(dir, sizeof dir, "%s/xf-fuzz-config-XXXXXX",
             access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    if (!mkdtemp(dir))
        abort();
    snprintf(path, sizeof path, "%s/partners.conf", dir);
}

static void remove_dir(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            unlinkat(dirfd(d), e->d_name, 0);
    if (d)
        closedir(d);
    rmdir(dir);
}

static void change(xf_config *c, uint8_t how)
{
    xf_err err;
    switch (how % 6) {
    case 1:
        if (c->n)
            xf_config_remove(c, (how / 6) % c->n);
        break;
    case 2: {
        xf_partner *p = xf_partner_new();
        if (xf_partner_set(p, XF_F_DOMAIN, "fuzz-new.example", &err) &&
            xf_config_find(c, p->domain) < 0)
            xf_config_put(c, -1, p);
        else
            xf_partner_free(p);
        break;
    }
    case 3:
        for (size_t i = 0; i < c->n; i++)
            xf_partner_set(c->v[i], XF_F_DESCRIPTION, "edited — 東京", &err);
        break;
    case 4:
        xf_gateway_set(&c->gw, XF_G_TEST_TIMEOUT, "42", &err);
        xf_gateway_set(&c->gw, XF_G_LOCAL_DOMAIN, "fuzz.example", &err);
        break;
    case 5:
        if (c->n) {
            xf_partner_set(c->v[0], XF_F_TLS, "optional", &err);
            xf_partner_set(c->v[0], XF_F_PROXY, "gw.fuzz.example:5270", &err);
            xf_partner_set(c->v[0], XF_F_LIMIT, "", &err);
        }
        break;
    default:
        break; /* saved as it is */
    }
}

static bool same_config(const xf_config *a, const xf_config *b)
{
    if (a->n != b->n)
        return false;
    for (xf_gfield f = 0; f < XF_G_COUNT; f++)
        if (!xf_def_equal(xf_gateway_field(f), &a->gw, &b->gw))
            return false;
    for (size_t i = 0; i < a->n; i++)
        if (!xf_partner_equal(a->v[i], b->v[i]))
            return false;
    return true;
}

static void write_input(const uint8_t *d, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(d, 1, n, f) != n || fclose(f) != 0)
        abort();
}

static void save_and_read_back(xf_store *s)
{
    char *before, *after;
    size_t blen, alen;
    bool exists;
    xf_err err;
    if (xf_read_file(path, &before, &blen, &exists, &err) != XF_OK)
        abort();
    xf_config saved;
    xf_config_copy(&saved, xf_store_model(s));
    xf_status st = xf_store_save(s, false, &err);
    xf_store *back = xf_store_new();
    xf_status rst = xf_store_open(back, path, 0, &err);
    REQUIRE(rst == XF_OK, "after a save (status %d), the file does not "
            "read back: %s", st, err.msg);
    REQUIRE(st != XF_OK || same_config(&saved, xf_store_model(back)),
            "the file read back is not the model saved");
    if (st != XF_OK) {
        REQUIRE(xf_read_file(path, &after, &alen, &exists, &err) == XF_OK &&
                alen == blen && memcmp(after, before, blen) == 0,
                "a refused save (status %d) changed the file", st);
        free(after);
    }
    xf_store_free(back);
    xf_config_free(&saved);
    free(before);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* libconfig reads any file an @include names (a FIFO, /dev/zero):
     * that is the include's business, not the loader's */
    if (size < 1 || memmem(data, size, "@include", 8))
        return 0;
    make_dir();
    write_input(data + 1, size - 1);
    xf_store *s = xf_store_new();
    xf_err err;
    if (xf_store_open(s, path, 0, &err) == XF_OK) {
        xf_diags d = { 0 };
        xf_config_validate(xf_store_model(s), &d);
        REQUIRE(xf_diags_count(&d, XF_DIAG_ERROR) <= d.n, "diagnostics count");
        xf_diags_free(&d);
        change(xf_store_model(s), data[0]);
        save_and_read_back(s);
    }
    xf_store_free(s);
    remove_dir();
    return 0;
}
