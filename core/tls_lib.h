/* OpenSSL loaded at its first use rather than at every start: the two
 * libraries cost each command about 1.6 MiB and a millisecond of
 * relocations, and only a test-connect (and the editor's draft name)
 * needs them. Include this header after every other, in each file that
 * calls OpenSSL: it turns each function that file calls into a pointer
 * filled by dlopen. A function not in the list below still links
 * directly, and the link fails (LDLIBS has no -lssl): add it here. */
#ifndef XF_TLS_LIB_H
#define XF_TLS_LIB_H

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#define XF_TLS_FUNCS(X)                                                     \
    X(ASN1_STRING_get0_data) X(ASN1_STRING_length) X(ASN1_TIME_diff)        \
    X(ASN1_TIME_to_tm) X(ERR_clear_error) X(ERR_error_string_n)             \
    X(ERR_get_error) X(EVP_Digest) X(EVP_sha256) X(GENERAL_NAMES_free)      \
    X(OBJ_obj2txt) X(OPENSSL_sk_num) X(OPENSSL_sk_value)                    \
    X(SSL_CIPHER_get_name) X(SSL_CTX_check_private_key) X(SSL_CTX_ctrl)     \
    X(SSL_CTX_free) X(SSL_CTX_load_verify_locations) X(SSL_CTX_new)         \
    X(SSL_CTX_set_default_verify_paths) X(SSL_CTX_set_verify)               \
    X(SSL_CTX_use_PrivateKey_file) X(SSL_CTX_use_certificate_chain_file)    \
    X(SSL_connect) X(SSL_ctrl) X(SSL_free) X(SSL_get0_alpn_selected)        \
    X(SSL_get1_peer_certificate) X(SSL_get_current_cipher)                  \
    X(SSL_get_error) X(SSL_get_verify_result) X(SSL_get_version) X(SSL_new) \
    X(SSL_read) X(SSL_set_alpn_protos) X(SSL_set_fd) X(SSL_shutdown)        \
    X(SSL_write) X(TLS_client_method) X(X509_check_host) X(X509_free)       \
    X(X509_get0_notAfter) X(X509_get_ext_d2i) X(X509_verify_cert_error_string)

struct xf_tls_lib {
#define XF_TLS_PTR(f) __typeof__(f) *f;
    XF_TLS_FUNCS(XF_TLS_PTR)
#undef XF_TLS_PTR
};

/* The functions, libssl loaded at the first call (thread-safe); exits
 * with a message when it cannot be loaded, as a missing library would
 * have stopped the start before. */
const struct xf_tls_lib *xf_tls_lib(void);

#ifndef XF_TLS_LIB_SELF
#define ASN1_STRING_get0_data (xf_tls_lib()->ASN1_STRING_get0_data)
#define ASN1_STRING_length (xf_tls_lib()->ASN1_STRING_length)
#define ASN1_TIME_diff (xf_tls_lib()->ASN1_TIME_diff)
#define ASN1_TIME_to_tm (xf_tls_lib()->ASN1_TIME_to_tm)
#define ERR_clear_error (xf_tls_lib()->ERR_clear_error)
#define ERR_error_string_n (xf_tls_lib()->ERR_error_string_n)
#define ERR_get_error (xf_tls_lib()->ERR_get_error)
#define EVP_Digest (xf_tls_lib()->EVP_Digest)
#define EVP_sha256 (xf_tls_lib()->EVP_sha256)
#define GENERAL_NAMES_free (xf_tls_lib()->GENERAL_NAMES_free)
#define OBJ_obj2txt (xf_tls_lib()->OBJ_obj2txt)
#define OPENSSL_sk_num (xf_tls_lib()->OPENSSL_sk_num)
#define OPENSSL_sk_value (xf_tls_lib()->OPENSSL_sk_value)
#define SSL_CIPHER_get_name (xf_tls_lib()->SSL_CIPHER_get_name)
#define SSL_CTX_check_private_key (xf_tls_lib()->SSL_CTX_check_private_key)
#define SSL_CTX_ctrl (xf_tls_lib()->SSL_CTX_ctrl)
#define SSL_CTX_free (xf_tls_lib()->SSL_CTX_free)
#define SSL_CTX_load_verify_locations (xf_tls_lib()->SSL_CTX_load_verify_locations)
#define SSL_CTX_new (xf_tls_lib()->SSL_CTX_new)
#define SSL_CTX_set_default_verify_paths (xf_tls_lib()->SSL_CTX_set_default_verify_paths)
#define SSL_CTX_set_verify (xf_tls_lib()->SSL_CTX_set_verify)
#define SSL_CTX_use_PrivateKey_file (xf_tls_lib()->SSL_CTX_use_PrivateKey_file)
#define SSL_CTX_use_certificate_chain_file (xf_tls_lib()->SSL_CTX_use_certificate_chain_file)
#define SSL_connect (xf_tls_lib()->SSL_connect)
#define SSL_ctrl (xf_tls_lib()->SSL_ctrl)
#define SSL_free (xf_tls_lib()->SSL_free)
#define SSL_get0_alpn_selected (xf_tls_lib()->SSL_get0_alpn_selected)
#define SSL_get1_peer_certificate (xf_tls_lib()->SSL_get1_peer_certificate)
#define SSL_get_current_cipher (xf_tls_lib()->SSL_get_current_cipher)
#define SSL_get_error (xf_tls_lib()->SSL_get_error)
#define SSL_get_verify_result (xf_tls_lib()->SSL_get_verify_result)
#define SSL_get_version (xf_tls_lib()->SSL_get_version)
#define SSL_new (xf_tls_lib()->SSL_new)
#define SSL_read (xf_tls_lib()->SSL_read)
#define SSL_set_alpn_protos (xf_tls_lib()->SSL_set_alpn_protos)
#define SSL_set_fd (xf_tls_lib()->SSL_set_fd)
#define SSL_shutdown (xf_tls_lib()->SSL_shutdown)
#define SSL_write (xf_tls_lib()->SSL_write)
#define TLS_client_method (xf_tls_lib()->TLS_client_method)
#define X509_check_host (xf_tls_lib()->X509_check_host)
#define X509_free (xf_tls_lib()->X509_free)
#define X509_get0_notAfter (xf_tls_lib()->X509_get0_notAfter)
#define X509_get_ext_d2i (xf_tls_lib()->X509_get_ext_d2i)
#define X509_verify_cert_error_string (xf_tls_lib()->X509_verify_cert_error_string)
#endif

#endif
