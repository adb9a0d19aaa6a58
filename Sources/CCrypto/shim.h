#ifndef RENKEI_CCRYPTO_SHIM_H
#define RENKEI_CCRYPTO_SHIM_H
#include <openssl/evp.h>

/// SHA-256 through OpenSSL's EVP interface (libcrypto, Debian: libssl-dev). Wrapped so Swift
/// sees plain functions rather than macros.
static inline EVP_MD_CTX *renkei_sha256_new(void) {
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    if (context != NULL && EVP_DigestInit_ex(context, EVP_sha256(), NULL) != 1) {
        EVP_MD_CTX_free(context);
        return NULL;
    }
    return context;
}

static inline int renkei_sha256_update(EVP_MD_CTX *context, const void *bytes, size_t count) {
    return EVP_DigestUpdate(context, bytes, count);
}

/// Writes the 32-byte digest to `out`; the context can then only be freed.
static inline int renkei_sha256_final(EVP_MD_CTX *context, unsigned char *out) {
    unsigned int length = 0;
    return EVP_DigestFinal_ex(context, out, &length) == 1 && length == 32;
}

static inline void renkei_sha256_free(EVP_MD_CTX *context) {
    EVP_MD_CTX_free(context);
}
#endif
