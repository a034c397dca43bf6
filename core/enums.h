/* The fixed value sets of SPEC section 1 and their spellings. Input is
 * case-insensitive and takes the cmdlet spellings too (PublicVerified,
 * NotSupported, $true); output always uses the spec's spelling. */
#ifndef XF_ENUMS_H
#define XF_ENUMS_H

#include "fields.h"

#include <stdbool.h>

typedef enum {
    XF_TYPE_FEDERATED,
    XF_TYPE_PUBLIC_VERIFIED,
    XF_TYPE_PUBLIC_UNVERIFIED,
    XF_TYPE_COUNT
} xf_ptype;

typedef enum {
    XF_MODE_REQUIRED,
    XF_MODE_OPTIONAL,
    XF_MODE_NOT_SUPPORTED,
    XF_MODE_COUNT
} xf_mode;

/* The choices of each set, in enum order: id (the spec's spelling),
 * label, help. */
extern const xf_choice xf_ptype_choices[XF_TYPE_COUNT];
extern const xf_choice xf_mode_choices[XF_MODE_COUNT];
extern const xf_choice xf_bool_choices[2]; /* true, false */

/* The index of the choice s spells (case-insensitive, cmdlet spellings
 * too), or -1. */
int xf_choice_parse(const xf_choice *choices, int n, const char *s);

const char *xf_ptype_name(xf_ptype t);
const char *xf_mode_name(xf_mode m);
const char *xf_bool_name(bool b);

/* Each returns false when the text is no spelling of a value. */
bool xf_ptype_parse(const char *s, xf_ptype *out);
bool xf_mode_parse(const char *s, xf_mode *out);
bool xf_bool_parse(const char *s, bool *out);

#endif
