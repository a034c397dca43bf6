#define XF_TLS_LIB_SELF
#include "tls_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define XF_STR_(x) #x
#define XF_STR(x) XF_STR_(x)
/* The soname follows the major version from OpenSSL 3 on: libssl.so.3.
 * It brings libcrypto.so.3, where dlsym on its handle looks as well. */
#define SSL_SONAME "libssl.so." XF_STR(OPENSSL_VERSION_MAJOR)

static struct xf_tls_lib lib;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void *need(void *h, const char *name)
{
    void *f = dlsym(h, name);
    if (!f) {
        fprintf(stderr, "xmppfed: %s: %s\n", SSL_SONAME, dlerror());
        exit(1);
    }
    return f;
}

static void load(void)
{
    /* never closed: the library stays until the exit, as if linked */
    void *h = dlopen(SSL_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        fprintf(stderr, "xmppfed: %s\n", dlerror());
        exit(1);
    }
#define XF_TLS_GET(f) *(void **)&lib.f = need(h, #f);
    XF_TLS_FUNCS(XF_TLS_GET)
#undef XF_TLS_GET
}

const struct xf_tls_lib *xf_tls_lib(void)
{
    pthread_once(&once, load);
    return &lib;
}
