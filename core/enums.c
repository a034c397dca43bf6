#include "enums.h"
#include "i18n.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

const xf_choice xf_ptype_choices[XF_TYPE_COUNT] = {
    { "federated", N_("federated"),
      N_("a trusted connection with another deployment of the same kind of "
      "server") },
    { "public-verified", N_("public-verified"),
      N_("the provider verifies its users; they may add our users as contacts, "
      "and invitations go both ways") },
    { "public-unverified", N_("public-unverified"),
      N_("no verified status between the two deployments; a remote user can "
      "add our user only after our user has invited them") },
};

const xf_choice xf_mode_choices[XF_MODE_COUNT] = {
    { "required", N_("required"), NULL },
    { "optional", N_("optional"), NULL },
    { "not-supported", N_("not-supported"), NULL },
};

const xf_choice xf_bool_choices[2] = {
    { "true", N_("true"), NULL },
    { "false", N_("false"), NULL },
};

const char *xf_ptype_name(xf_ptype t)
{
    return t < XF_TYPE_COUNT ? xf_ptype_choices[t].id : "?";
}

const char *xf_mode_name(xf_mode m)
{
    return m < XF_MODE_COUNT ? xf_mode_choices[m].id : "?";
}

const char *xf_bool_name(bool b)
{
    return xf_bool_choices[b ? 0 : 1].id;
}

/* Folds "Public-Verified", "PublicVerified" and "public_verified" to one
 * key, so the spec's and the cmdlets' spellings compare equal. */
static void fold(const char *s, char *out, size_t cap)
{
    size_t n = 0;
    for (; *s && n + 1 < cap; s++) {
        if (*s == '-' || *s == '_' || *s == ' ')
            continue;
        out[n++] = (char)tolower((unsigned char)*s);
    }
    out[n] = '\0';
}

int xf_choice_parse(const xf_choice *choices, int count, const char *s)
{
    char key[32], cand[32];
    if (!s || strlen(s) >= sizeof key)
        return -1;
    for (int i = 0; i < count; i++) /* the file's usual spelling: no folding */
        if (strcmp(s, choices[i].id) == 0)
            return i;
    fold(s, key, sizeof key);
    for (int i = 0; i < count; i++) {
        fold(choices[i].id, cand, sizeof cand);
        if (strcmp(key, cand) == 0)
            return i;
    }
    return -1;
}

bool xf_ptype_parse(const char *s, xf_ptype *out)
{
    int i = xf_choice_parse(xf_ptype_choices, XF_TYPE_COUNT, s);
    if (i < 0)
        return false;
    *out = (xf_ptype)i;
    return true;
}

bool xf_mode_parse(const char *s, xf_mode *out)
{
    int i = xf_choice_parse(xf_mode_choices, XF_MODE_COUNT, s);
    if (i < 0)
        return false;
    *out = (xf_mode)i;
    return true;
}

bool xf_bool_parse(const char *s, bool *out)
{
    static const char *const yes[] = { "$true", "true", "yes", "1", "on" };
    static const char *const no[] = { "$false", "false", "no", "0", "off" };
    if (!s)
        return false;
    for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
        if (strcasecmp(s, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(s, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    return false;
}
