/* One record per setting, for the partner fields and the gateway settings
 * alike: what get/set, the store, JSON, the command-line options and the
 * forms iterate, so that a setting is declared once. Choices are carried
 * by id (the file's spelling); a label only ever reaches the screen. */
#ifndef XF_FIELDS_H
#define XF_FIELDS_H

#include "diag.h"
#include "strlist.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    XF_K_TEXT,        /* free text (a checker may refine it) */
    XF_K_PATH,        /* a file name: warned about when unreadable */
    XF_K_COMMAND,     /* a command line that splits into words */
    XF_K_DOMAIN,      /* a domain, stored as an A-label */
    XF_K_HOSTPORT,    /* host or host:port */
    XF_K_DOMAIN_LIST, /* a list of domains */
    XF_K_CHOICE,      /* one of choices, stored as its index (an enum) */
    XF_K_BOOL,        /* true or false, its choices in that order */
    XF_K_INT,         /* a number from min to max */
} xf_kind;

typedef struct xf_choice {
    const char *id;    /* as in the file, on the command line, in JSON */
    const char *label; /* for the screen only (to be translated) */
    const char *help;  /* NULL: the field's */
} xf_choice;

typedef struct xf_field_def {
    const char *key;   /* the setting's name in the file and in JSON */
    const char *label; /* for the screen only */
    const char *help;
    xf_kind kind;
    size_t offset;     /* of the value in its struct */
    const xf_choice *choices; /* XF_K_CHOICE and XF_K_BOOL */
    int n_choices;
    int dflt;          /* choice index, 1/0 for a bool, or the number */
    int min, max;      /* XF_K_INT */
    int len;           /* the most characters a form field takes */
    /* May be empty (unset); written only when set or already in the file.
     * For XF_K_INT: empty is 0, "the gateway's default", never written. */
    bool optional;
    bool (*check)(const char *text, xf_err *err); /* XF_K_TEXT */
    const char *option;      /* the command-line option, without "--" */
    const char *option_arg;  /* its argument in --help */
    const char *option_help; /* its --help text ("\n" continues it) */
} xf_field_def;

/* The records of the partner fields and of the gateway settings are
 * xf_partner_field (partner.h) and xf_gateway_field (config.h). */

/* What a person reads of the table, in the language of the messages
 * (gettext): the key, the option and the choices' ids never change.
 * xf_def_option_help and xf_choice_help give NULL when there is none. */
const char *xf_def_label(const xf_field_def *def);
const char *xf_def_help(const xf_field_def *def);
const char *xf_def_option_arg(const xf_field_def *def);
const char *xf_def_option_help(const xf_field_def *def);
const char *xf_choice_label(const xf_choice *c);
const char *xf_choice_help(const xf_choice *c);

/* For what a person types on the command line: the id of the choice whose
 * label, in the language of the messages, is text (case aside), else text
 * itself. Never for the file, which means the same in every language. */
const char *xf_def_choice_typed(const xf_field_def *def, const char *text);

/* The value of def in the struct at obj. */
char **xf_def_str(const xf_field_def *def, void *obj);
int *xf_def_int(const xf_field_def *def, void *obj);
bool *xf_def_bool(const xf_field_def *def, void *obj);
xf_strlist *xf_def_list(const xf_field_def *def, void *obj);
#define XF_DEF_CSTR(def, obj) (*xf_def_str((def), (void *)(obj)))
#define XF_DEF_CINT(def, obj) (*xf_def_int((def), (void *)(obj)))
#define XF_DEF_CBOOL(def, obj) (*xf_def_bool((def), (void *)(obj)))

/* The id of the value of a choice or bool field. */
const char *xf_def_choice_id(const xf_field_def *def, const void *obj);
/* The ids of the choices, ", " between them. */
void xf_def_choice_ids(const xf_field_def *def, char *buf, size_t cap);
/* The index of the choice with id exactly id, or -1. */
int xf_def_choice_find(const xf_field_def *def, const char *id);

/* Sets the value of def in obj from text (checked, normalised); false
 * with err filled and obj unchanged. */
bool xf_def_set(const xf_field_def *def, void *obj, const char *text,
                xf_err *err);
/* Sets a domain list (XF_K_DOMAIN_LIST) from its entries, each one domain
 * as a form's list field holds them: an entry with a blank or a comma
 * inside is refused, never split. False with err filled, obj unchanged. */
bool xf_def_set_items(const xf_field_def *def, void *obj,
                      const xf_strlist *items, xf_err *err);
/* The text form of the value (what xf_def_set takes back). */
char *xf_def_get(const xf_field_def *def, const void *obj);
/* True for the kinds held as a string. */
bool xf_kind_is_string(xf_kind k);
/* The defaults into obj (strings "", lists empty). */
void xf_def_init(const xf_field_def *def, void *obj);
void xf_def_free(const xf_field_def *def, void *obj);
void xf_def_copy(const xf_field_def *def, void *dst, const void *src);
bool xf_def_equal(const xf_field_def *def, const void *a, const void *b);

#endif
