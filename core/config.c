/*
 * The configuration file (bosak.ini, see bosak.ini(5)).
 *
 * The file is read once at start into struct config.  Every value is read
 * as a string and checked here against a documented range: a typo must
 * stop the program with a sentence naming the file, section, key and
 * value, never fall back silently to a default.  Unknown sections and keys
 * are errors for the same reason.
 *
 * libiniparser does the parsing, but it prints to stderr, truncates long
 * lines with a message and says nothing about where a syntax error is, so
 * the file is first scanned here (size, UTF-8, line length, syntax) to give
 * the administrator a line number; iniparser's verdict is the fallback.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <iniparser/iniparser.h>

#include "core.h"

#ifndef BOSAK_SYSCONFDIR
#define BOSAK_SYSCONFDIR "/usr/local/etc"
#endif

/* iniparser 4.1 reads lines into 1024-byte buffers; stay well below. */
#define CFG_MAX_LINE 1000
/* A configuration file is a few kilobytes; anything this big is a mistake. */
#define CFG_MAX_FILE (256 * 1024)
/* Values quoted in messages are cut here so the message keeps its end. */
#define CFG_SHOWN 64

enum kind {
	K_TEXT,  /* 1..size-1 bytes of printable UTF-8 */
	K_PATH,  /* like text; relative to the file's directory */
	K_FILE,  /* a file name inside the letters directory */
	K_INT,   /* decimal whole number in [min, max] */
	K_BOOL,
	K_LANG,  /* nb nn en */
	K_UNIT,  /* a unit code or "" */
	K_CHECKS, /* handover checklist words, into HI_* bits */
	K_INSTR, /* an instrument's handling unit: a code, "" or "none" */
};

struct key_def {
	const char *section;
	const char *key;
	enum kind kind;
	size_t off;
	size_t size;
	int min, max;
};

#define FIELD_SIZE(f) sizeof(((struct config *)0)->f)
#define TEXT(s, k, f) { s, k, K_TEXT, offsetof(struct config, f), FIELD_SIZE(f), 0, 0 }
#define PATH(s, k, f) { s, k, K_PATH, offsetof(struct config, f), FIELD_SIZE(f), 0, 0 }
#define FILE_(s, k, f) { s, k, K_FILE, offsetof(struct config, f), FIELD_SIZE(f), 0, 0 }
#define INT(s, k, f, lo, hi) { s, k, K_INT, offsetof(struct config, f), sizeof(int), lo, hi }
#define INSTR(k, i) { "instruments", k, K_INSTR, \
		      offsetof(struct config, instrument_unit[i]), \
		      FIELD_SIZE(instrument_unit[i]), 0, 0 }
#define UNIT(k, i) { "intake", k, K_UNIT, offsetof(struct config, default_unit[i]), \
		     FIELD_SIZE(default_unit[i]), 0, 0 }

/* The order is the order of bosak.ini and of bosak.ini(5). */
static const struct key_def keys[] = {
	TEXT("municipality", "name", municipality),
	PATH("database", "path", db_path),
	{ "interface", "language", K_LANG, offsetof(struct config, language),
	  FIELD_SIZE(language), 0, 0 },
	TEXT("interface", "print_command", print_command),
	INT("deadlines", "interim_days", interim_days, 1, 90),
	INT("deadlines", "interim_warn_days", interim_warn_days, 0, 89),
	INT("deadlines", "referral_days", referral_days, 1, 90),
	INT("deadlines", "appeal_weeks", appeal_weeks, 1, 12),
	INT("deadlines", "late_appeal_days", late_appeal_days, 0, 365),
	INT("leases", "months", lease_months, 1, 120),
	INT("leases", "months_children", lease_months_children, 1, 120),
	INT("leases", "min_months", lease_min_months, 1, 120),
	INT("leases", "review_months", review_months, 1, 24),
	INT("retention", "years", retention_years, 1, 50),
	INT("retention", "draft_days", draft_days, 1, 3650),
	INT("priority", "homeless", w_homeless, 0, 1000),
	INT("priority", "children", w_children, 0, 1000),
	INT("priority", "health", w_health, 0, 1000),
	INT("priority", "discharge", w_discharge, 0, 1000),
	INT("priority", "waiting_month", w_waiting_month, 0, 1000),
	TEXT("appeal", "allocation", appeal_body_allocation),
	TEXT("appeal", "assistance", appeal_body_assistance),
	TEXT("law", "allocation", law_allocation),
	TEXT("law", "assistance", law_assistance),
	TEXT("law", "admin", law_admin),
	TEXT("law", "lease", law_lease),
	PATH("letters", "dir", template_dir),
	FILE_("letters", "decision", tpl_decision),
	FILE_("letters", "interim", tpl_interim),
	FILE_("letters", "receipt", tpl_receipt),
	FILE_("letters", "plan", tpl_plan),
	{ "demo", "allow_synthetic_ids", K_BOOL,
	  offsetof(struct config, allow_synthetic_nid), sizeof(bool), 0, 0 },
	/* the order of enum situation */
	UNIT("temporary", SIT_TEMPORARY),
	UNIT("relatives", SIT_RELATIVES),
	UNIT("institution", SIT_INSTITUTION),
	UNIT("rough", SIT_ROUGH),
	UNIT("eviction", SIT_EVICTION),
	UNIT("unsuitable", SIT_UNSUITABLE),
	UNIT("not_renewable", SIT_NOT_RENEWABLE),
	UNIT("adequate", SIT_ADEQUATE),
	{ "handover", "checklist", K_CHECKS,
	  offsetof(struct config, handover_checks), sizeof(unsigned), 0, 0 },
	/* the order of instrument.c's table */
	INSTR("housing_allowance", 0),
	INSTR("start_loan", 1),
	INSTR("grant_establishment", 2),
	INSTR("grant_adaptation", 3),
	INSTR("deposit", 4),
	INSTR("municipal_allowance", 5),
	INSTR("debt_advice", 6),
	INSTR("follow_up", 7),
	INSTR("municipal_dwelling", 8),
	INSTR("private_market", 9),
	{ "instruments", "required", K_BOOL,
	  offsetof(struct config, instruments_required), sizeof(bool), 0, 0 },
};
#define NKEYS (sizeof keys / sizeof keys[0])

_Static_assert(CFG_INSTRUMENTS == 10, "one [instruments] key per instrument");
_Static_assert(SIT__COUNT == CFG_SITUATIONS,
	       "one [intake] key per housing situation");

/* [keys] has free key names (actions), so it is not in the table. */
static const char keys_section[] = "keys";

static const char *const sections[] = {
	"municipality", "database", "interface", "deadlines", "leases",
	"retention", "priority", "appeal", "law", "letters", "demo",
	"intake", "handover", "instruments", keys_section,
};
#define NSECTIONS (sizeof sections / sizeof sections[0])

const char *config_system_path(void)
{
	return BOSAK_SYSCONFDIR "/bosak/bosak.ini";
}

void config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	snprintf(cfg->municipality, sizeof cfg->municipality, "%s",
		 "Eksempel kommune");
	snprintf(cfg->db_path, sizeof cfg->db_path, "%s",
		 "/var/lib/bosak/bosak.db");
	snprintf(cfg->language, sizeof cfg->language, "%s", "nb");
	snprintf(cfg->print_command, sizeof cfg->print_command, "%s", "lpr");
	cfg->interim_days = 30;
	cfg->interim_warn_days = 7;
	cfg->referral_days = 14;
	cfg->appeal_weeks = 3;
	cfg->late_appeal_days = 365;
	cfg->lease_months = 36;
	cfg->lease_months_children = 36;
	cfg->lease_min_months = 36;
	cfg->review_months = 6;
	cfg->retention_years = 10;
	cfg->draft_days = 90;
	cfg->w_homeless = 40;
	cfg->w_children = 20;
	cfg->w_health = 20;
	cfg->w_discharge = 10;
	cfg->w_waiting_month = 1;
	/* Today's bodies and legal references; the municipality changes them
	 * in the file when the law changes, the program is not rebuilt. */
	snprintf(cfg->appeal_body_allocation,
		 sizeof cfg->appeal_body_allocation, "%s",
		 "Klagenemnda i kommunen");
	snprintf(cfg->appeal_body_assistance,
		 sizeof cfg->appeal_body_assistance, "%s", "Statsforvalteren");
	snprintf(cfg->law_allocation, sizeof cfg->law_allocation, "%s",
		 "kommunens forskrift om tildeling av kommunal bolig");
	snprintf(cfg->law_assistance, sizeof cfg->law_assistance, "%s",
		 "lov om kommunenes ansvar på det boligsosiale feltet "
		 "(boligsosialloven) § 6");
	snprintf(cfg->law_admin, sizeof cfg->law_admin, "%s",
		 "forvaltningsloven");
	snprintf(cfg->law_lease, sizeof cfg->law_lease, "%s",
		 "husleieloven § 11-1");
	snprintf(cfg->template_dir, sizeof cfg->template_dir, "%s",
		 BOSAK_SYSCONFDIR "/bosak/letters");
	snprintf(cfg->tpl_decision, sizeof cfg->tpl_decision, "%s",
		 "decision.nb.txt");
	snprintf(cfg->tpl_interim, sizeof cfg->tpl_interim, "%s",
		 "interim.nb.txt");
	snprintf(cfg->tpl_receipt, sizeof cfg->tpl_receipt, "%s",
		 "receipt.nb.txt");
	snprintf(cfg->tpl_plan, sizeof cfg->tpl_plan, "%s", "plan.nb.txt");
	cfg->allow_synthetic_nid = false;
	cfg->handover_checks = HI_ALL;
	/* every instrument is handled by the case's own unit until the
	 * file names the units; a municipal housing allowance only where
	 * the municipality has one */
	snprintf(cfg->instrument_unit[5], sizeof cfg->instrument_unit[5],
		 "%s", "none");
	cfg->instruments_required = false;
}

/* ------------------------------------------------------------ text checks */

/* Length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid:
 * no overlong forms, no surrogates, nothing above U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned long cp;

	if (n == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

/* Printable UTF-8 without control characters: what may be shown on a
 * terminal and printed in a letter. */
static bool text_printable(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s);

	while (n > 0) {
		size_t len = utf8_seq(p, n);
		if (len == 0 || (len == 1 && (*p < 0x20 || *p == 0x7f)))
			return false;
		p += len;
		n -= len;
	}
	return true;
}

/* A value as it is quoted back in a message: control characters and bad
 * bytes become '?' (the message goes to a terminal) and a long value is
 * cut at a character boundary with an ellipsis. */
static void text_shown(const char *s, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), o = 0;
	const size_t room = size - sizeof "…";

	while (n > 0) {
		size_t len = utf8_seq(p, n);
		if (len == 0 || (len == 1 && (*p < 0x20 || *p == 0x7f)))
			len = 0;
		if (o + (len ? len : 1) > room) {
			memcpy(out + o, "…", sizeof "…" - 1);
			o += sizeof "…" - 1;
			break;
		}
		if (len == 0) {
			out[o++] = '?';
			len = 1;
		} else {
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
		n -= len;
	}
	out[o] = '\0';
}

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		*--end = '\0';
	return s;
}

/* -------------------------------------------------------------- messages */

struct loader {
	struct config *cfg;
	const char *file; /* as given, for messages */
	struct err *e;
};

static int fail_value(struct loader *l, const char *section, const char *key,
		      const char *value, const char *accepted)
{
	char sec[CFG_SHOWN], k[CFG_SHOWN], v[CFG_SHOWN];

	text_shown(section, sec, sizeof sec);
	text_shown(key, k, sizeof k);
	text_shown(value, v, sizeof v);
	return err_set(l->e, ERR_CONFIG, _("%s: [%s] %s = '%s': accepted: %s"),
		       l->file, sec, k, v, accepted);
}

static int fail_range(struct loader *l, const struct key_def *d,
		      const char *value, int min, int max, const char *why)
{
	char accepted[256];

	if (why)
		snprintf(accepted, sizeof accepted,
			 _("a whole number from %d to %d (%s)"), min, max, why);
	else
		snprintf(accepted, sizeof accepted,
			 _("a whole number from %d to %d"), min, max);
	return fail_value(l, d->section, d->key, value, accepted);
}

/* "a, b, c" of the keys of one section, for "unknown key" messages. */
static void section_keys(const char *section, char *out, size_t size)
{
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < NKEYS && o < size; i++) {
		if (strcmp(keys[i].section, section) != 0)
			continue;
		o += (size_t)snprintf(out + o, size - o, "%s%s", o ? ", " : "",
				      keys[i].key);
	}
}

static void section_list(char *out, size_t size)
{
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < NSECTIONS && o < size; i++)
		o += (size_t)snprintf(out + o, size - o, "%s[%s]",
				      o ? " " : "", sections[i]);
}

/* ---------------------------------------------------------- value parsing */

static int parse_int(const char *s, int *out)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > 1000000000L)
			return -1;
	}
	*out = (int)v;
	return 0;
}

static int parse_bool(const char *s, bool *out)
{
	static const char *const yes[] = { "yes", "true", "1", "ja" };
	static const char *const no[] = { "no", "false", "0", "nei" };
	size_t i;

	for (i = 0; i < sizeof yes / sizeof yes[0]; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = true;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = false;
			return 0;
		}
	}
	return -1;
}

/* "identity household, consent" -> HI_* bits; "" is no item at all. */
static int parse_checks(const char *s, unsigned *out)
{
	char buf[256], *p, *save = NULL;

	*out = 0;
	if (strlen(s) >= sizeof buf)
		return -1;
	memcpy(buf, s, strlen(s) + 1);
	for (p = strtok_r(buf, " ,\t", &save); p;
	     p = strtok_r(NULL, " ,\t", &save)) {
		unsigned bit = handover_item_from_name(p);
		if (!bit)
			return -1;
		*out |= bit;
	}
	return 0;
}

static bool unit_code_valid(const char *s)
{
	size_t n = 0;

	for (; *s; s++, n++) {
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	}
	return n <= 16;
}

/* A relative path is taken from the directory of the configuration file,
 * so that a file and its letters can be moved together. */
static int resolve_path(const char *file, const char *value, char *out,
			size_t size)
{
	const char *slash = strrchr(file, '/');
	int n;

	if (value[0] == '/' || !slash)
		n = snprintf(out, size, "%s", value);
	else
		n = snprintf(out, size, "%.*s/%s", (int)(slash - file), file,
			     value);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

static int apply_text(struct loader *l, const struct key_def *d,
		      const char *value)
{
	char *field = (char *)l->cfg + d->off;
	char accepted[256];

	if (*value && strlen(value) < d->size && text_printable(value)) {
		if (d->kind == K_TEXT) {
			memcpy(field, value, strlen(value) + 1);
			return 0;
		}
		if (resolve_path(l->file, value, field, d->size) == 0)
			return 0;
	}
	if (d->kind == K_PATH)
		snprintf(accepted, sizeof accepted,
			 _("a path of 1 to %d bytes (relative to the "
			   "configuration file's directory unless it starts "
			   "with /)"),
			 (int)d->size - 1);
	else
		snprintf(accepted, sizeof accepted,
			 _("text of 1 to %d bytes without control characters "
			   "(æ, ø and å count as two bytes)"),
			 (int)d->size - 1);
	return fail_value(l, d->section, d->key, value, accepted);
}

static int apply_file_name(struct loader *l, const struct key_def *d,
			   const char *value)
{
	char *field = (char *)l->cfg + d->off;
	char accepted[256];

	if (*value && strlen(value) < d->size && text_printable(value) &&
	    !strchr(value, '/') && strcmp(value, ".") != 0 &&
	    strcmp(value, "..") != 0) {
		memcpy(field, value, strlen(value) + 1);
		return 0;
	}
	snprintf(accepted, sizeof accepted,
		 _("a file name of 1 to %d bytes in the letters directory, "
		   "without /"),
		 (int)d->size - 1);
	return fail_value(l, d->section, d->key, value, accepted);
}

static int apply_value(struct loader *l, const struct key_def *d,
		       const char *raw)
{
	/* longer than any field: a value cut here is still refused */
	char buf[4200];
	char *value;
	void *field = (char *)l->cfg + d->off;
	int n;

	snprintf(buf, sizeof buf, "%s", raw);
	value = trim(buf);
	switch (d->kind) {
	case K_TEXT:
	case K_PATH:
		return apply_text(l, d, value);
	case K_FILE:
		return apply_file_name(l, d, value);
	case K_INT:
		if (parse_int(value, &n) != 0 || n < d->min || n > d->max)
			return fail_range(l, d, value, d->min, d->max, NULL);
		memcpy(field, &n, sizeof n);
		return 0;
	case K_BOOL: {
		bool b;
		if (parse_bool(value, &b) != 0)
			return fail_value(l, d->section, d->key, value,
					  _("yes, no, true, false, 1, 0, ja "
					    "or nei"));
		memcpy(field, &b, sizeof b);
		return 0;
	}
	case K_LANG:
		if (strcasecmp(value, "nb") != 0 &&
		    strcasecmp(value, "nn") != 0 &&
		    strcasecmp(value, "en") != 0)
			return fail_value(l, d->section, d->key, value,
					  _("nb (bokmål), nn (nynorsk) or en "
					    "(English)"));
		((char *)field)[0] = (char)(value[0] | 0x20);
		((char *)field)[1] = (char)(value[1] | 0x20);
		((char *)field)[2] = '\0';
		return 0;
	case K_CHECKS: {
		unsigned bits = 0;
		if (parse_checks(value, &bits) != 0)
			return fail_value(l, d->section, d->key, value,
					  _("the words identity, household, "
					    "income, situation and consent, "
					    "separated by spaces or commas, or "
					    "nothing"));
		memcpy(field, &bits, sizeof bits);
		return 0;
	}
	case K_INSTR:
		if (!unit_code_valid(value))
			return fail_value(l, d->section, d->key, value,
					  _("the code of the unit that handles "
					    "the instrument (up to 16 letters "
					    "A-Z, digits, - or _), nothing for "
					    "the case's responsible unit, or "
					    "none where it is not offered"));
		memcpy(field, value, strlen(value) + 1);
		return 0;
	case K_UNIT:
		if (!unit_code_valid(value))
			return fail_value(l, d->section, d->key, value,
					  _("a unit code of up to 16 letters "
					    "A-Z, digits, - or _, or nothing "
					    "for the registering user's own "
					    "unit"));
		memcpy(field, value, strlen(value) + 1);
		return 0;
	}
	return 0;
}

/* [keys] action = key names: stored as written; tui's keymap knows the
 * actions and key names and reports what it does not know. */
static int apply_binding(struct loader *l, const char *action,
			 const char *names)
{
	struct config *cfg = l->cfg;
	char accepted[256];
	int i;

	for (i = 0; i < cfg->nkeys; i++)
		if (strcmp(cfg->key_action[i], action) == 0)
			break;
	if (i == cfg->nkeys && cfg->nkeys >= CFG_MAX_KEYS) {
		snprintf(accepted, sizeof accepted,
			 _("at most %d key bindings"), CFG_MAX_KEYS);
		return fail_value(l, keys_section, action, names, accepted);
	}
	if (*action == '\0' || strlen(action) >= sizeof cfg->key_action[0] ||
	    !text_printable(action)) {
		snprintf(accepted, sizeof accepted,
			 _("an action name of 1 to %d bytes"),
			 (int)sizeof cfg->key_action[0] - 1);
		return fail_value(l, keys_section, action, names, accepted);
	}
	if (strlen(names) >= sizeof cfg->key_names[0] ||
	    !text_printable(names)) {
		snprintf(accepted, sizeof accepted,
			 _("key names of at most %d bytes in all"),
			 (int)sizeof cfg->key_names[0] - 1);
		return fail_value(l, keys_section, action, names, accepted);
	}
	memcpy(cfg->key_action[i], action, strlen(action) + 1);
	memcpy(cfg->key_names[i], names, strlen(names) + 1);
	if (i == cfg->nkeys)
		cfg->nkeys++;
	return 0;
}

static bool section_known(const char *name)
{
	size_t i;

	for (i = 0; i < NSECTIONS; i++)
		if (strcmp(sections[i], name) == 0)
			return true;
	return false;
}

static int fail_section(struct loader *l, const char *name)
{
	char shown[CFG_SHOWN], list[512];

	text_shown(name, shown, sizeof shown);
	section_list(list, sizeof list);
	return err_set(l->e, ERR_CONFIG,
		       _("%s: [%s]: unknown section; accepted: %s"), l->file,
		       shown, list);
}

static const struct key_def *key_find(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].section, section) == 0 &&
		    strcmp(keys[i].key, key) == 0)
			return &keys[i];
	return NULL;
}

/* One dictionary entry: "section" (value NULL) or "section:key". */
static int apply_entry(struct loader *l, const char *entry, const char *value)
{
	char section[CFG_MAX_LINE + 24];
	const struct key_def *d;
	const char *colon, *key;
	char list[512];

	if (!value)
		return section_known(entry) ? 0 : fail_section(l, entry);
	colon = strchr(entry, ':');
	if (!colon)
		return 0; /* iniparser never stores a key without a section */
	snprintf(section, sizeof section, "%.*s", (int)(colon - entry), entry);
	key = colon + 1;
	if (section[0] == '\0') {
		char k[CFG_SHOWN], v[CFG_SHOWN];
		text_shown(key, k, sizeof k);
		text_shown(value, v, sizeof v);
		return err_set(l->e, ERR_CONFIG,
			       _("%s: %s = '%s': not under a [section]; "
				 "put it under the section it belongs to"),
			       l->file, k, v);
	}
	if (!section_known(section))
		return fail_section(l, section);
	if (strcmp(section, keys_section) == 0)
		return apply_binding(l, key, value);
	if ((d = key_find(section, key)))
		return apply_value(l, d, value);
	section_keys(section, list, sizeof list);
	{
		char k[CFG_SHOWN], v[CFG_SHOWN];
		text_shown(key, k, sizeof k);
		text_shown(value, v, sizeof v);
		return err_set(l->e, ERR_CONFIG,
			       _("%s: [%s] %s = '%s': unknown key; accepted "
				 "keys in [%s]: %s"),
			       l->file, section, k, v, section, list);
	}
}

/* Rules between keys: checked after the whole file, so the order of the
 * keys in the file does not matter. */
static int check_relations(struct loader *l)
{
	const struct config *c = l->cfg;
	char v[16];

	if (c->interim_warn_days >= c->interim_days) {
		snprintf(v, sizeof v, "%d", c->interim_warn_days);
		return fail_range(l, key_find("deadlines", "interim_warn_days"),
				  v, 0, c->interim_days - 1,
				  _("less than interim_days"));
	}
	if (c->lease_months < c->lease_min_months) {
		snprintf(v, sizeof v, "%d", c->lease_months);
		return fail_range(l, key_find("leases", "months"), v,
				  c->lease_min_months, 120,
				  _("at least min_months"));
	}
	if (c->lease_months_children < c->lease_min_months) {
		snprintf(v, sizeof v, "%d", c->lease_months_children);
		return fail_range(l, key_find("leases", "months_children"), v,
				  c->lease_min_months, 120,
				  _("at least min_months"));
	}
	if (c->review_months >= c->lease_min_months) {
		snprintf(v, sizeof v, "%d", c->review_months);
		return fail_range(l, key_find("leases", "review_months"), v, 1,
				  c->lease_min_months - 1,
				  _("less than min_months"));
	}
	return 0;
}

/* ------------------------------------------------------------ the file */

static int fail_line(struct loader *l, unsigned long line, const char *why)
{
	return err_set(l->e, ERR_CONFIG, _("%s: line %lu: %s"), l->file, line,
		       why);
}

static int fail_long(struct loader *l, unsigned long line)
{
	char why[128];

	snprintf(why, sizeof why, _("the line is longer than %d bytes"),
		 CFG_MAX_LINE);
	return fail_line(l, line, why);
}

/* One logical line (continuations joined, both ends stripped) in
 * iniparser's grammar: empty, # or ; comment, [section], key = value. */
static int scan_logical(struct loader *l, unsigned long line, const char *s,
			size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0 || s[0] == '#' || s[0] == ';')
		return 0;
	if (s[0] == '[') {
		size_t i;
		for (i = 1; s[len - 1] == ']' && i + 1 < len; i++)
			if (s[i] != ' ' && s[i] != '\t')
				return 0;
		return fail_line(l, line,
				 _("a section name in [ ] was expected"));
	}
	if (s[0] == '=')
		return fail_line(l, line, _("the key name before = is missing"));
	if (memchr(s, '=', len))
		return 0;
	return fail_line(l, line,
			 _("expected [section], key = value, or a comment "
			   "starting with # or ;"));
}

/* Checks what iniparser would stumble over or misreport, with a line
 * number: NUL bytes, bad UTF-8, a byte-order mark, over-long lines, lines
 * that are neither section, key nor comment. */
static int scan_text(struct loader *l, const char *buf, size_t size)
{
	char logical[CFG_MAX_LINE + 1];
	size_t llen = 0, pos = 0;
	unsigned long line = 0, first = 0;

	if (size >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		return fail_line(l, 1,
				 _("the file starts with a byte-order mark; "
				   "save it as UTF-8 without BOM"));
	while (pos < size) {
		const char *start = buf + pos;
		const char *nl = memchr(start, '\n', size - pos);
		size_t len = nl ? (size_t)(nl - start) : size - pos;
		size_t i;

		pos += len + (nl ? 1 : 0);
		line++;
		if (memchr(start, '\0', len))
			return fail_line(l, line, _("contains a NUL byte"));
		for (i = 0; i < len;) {
			size_t n = utf8_seq((const unsigned char *)start + i,
					    len - i);
			if (n == 0)
				return fail_line(l, line,
						 _("not valid UTF-8 text"));
			i += n;
		}
		if (len > CFG_MAX_LINE)
			return fail_long(l, line);
		while (len > 0 && (start[len - 1] == '\r' ||
				   start[len - 1] == ' ' ||
				   start[len - 1] == '\t'))
			len--;
		if (llen == 0)
			first = line;
		if (llen + len > CFG_MAX_LINE)
			return fail_long(l, first);
		memcpy(logical + llen, start, len);
		llen += len;
		/* a trailing backslash continues the value on the next line */
		if (llen > 0 && logical[llen - 1] == '\\') {
			llen--;
			continue;
		}
		if (scan_logical(l, first, logical, llen) != 0)
			return ERR_CONFIG;
		llen = 0;
	}
	if (llen > 0 && scan_logical(l, first, logical, llen) != 0)
		return ERR_CONFIG;
	return 0;
}

/* 1 when the file does not exist, 0 when it was read and scanned. */
static int scan_file(struct loader *l)
{
	struct stat st;
	FILE *fp;
	char *buf;
	size_t n;
	int rc;

	if (stat(l->file, &st) != 0) {
		if (errno == ENOENT)
			return 1;
		return err_set(l->e, ERR_CONFIG, _("%s: cannot be read: %s"),
			       l->file, strerror(errno));
	}
	if (!S_ISREG(st.st_mode))
		return err_set(l->e, ERR_CONFIG, _("%s: not a regular file"),
			       l->file);
	if (st.st_size > CFG_MAX_FILE)
		return err_set(l->e, ERR_CONFIG,
			       _("%s: larger than %d bytes; is it the "
				 "configuration file?"),
			       l->file, CFG_MAX_FILE);
	fp = fopen(l->file, "rb");
	if (!fp)
		return err_set(l->e, ERR_CONFIG, _("%s: cannot be read: %s"),
			       l->file, strerror(errno));
	buf = malloc(CFG_MAX_FILE + 1);
	if (!buf) {
		fclose(fp);
		return err_set(l->e, ERR_NOMEM, "%s", err_default(ERR_NOMEM));
	}
	n = fread(buf, 1, CFG_MAX_FILE + 1, fp);
	if (ferror(fp))
		rc = err_set(l->e, ERR_CONFIG, _("%s: cannot be read: %s"),
			     l->file, strerror(errno));
	else if (n > CFG_MAX_FILE)
		rc = err_set(l->e, ERR_CONFIG,
			     _("%s: larger than %d bytes; is it the "
			       "configuration file?"),
			     l->file, CFG_MAX_FILE);
	else
		rc = scan_text(l, buf, n);
	free(buf);
	fclose(fp);
	return rc;
}

/* iniparser would print to stderr, under the curses screen; our own scan
 * has already said what is wrong. */
static int ini_silent(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

static int apply_dictionary(struct loader *l, const dictionary *d)
{
	ssize_t i;
	int rc;

	/* The dictionary keeps the file's order, so the first mistake in the
	 * file is the one reported; the public iterators would also skip
	 * keys written before any section. */
	for (i = 0; i < d->size; i++) {
		if (!d->key[i])
			continue;
		rc = apply_entry(l, d->key[i], d->val[i]);
		if (rc != 0)
			return rc;
	}
	return check_relations(l);
}

int config_load(struct config *cfg, const char *path, struct err *e)
{
	struct loader l = { cfg, path, e };
	struct err local;
	dictionary *d;
	int rc;

	if (!l.e)
		l.e = &local;
	if (!path || !*path)
		path = l.file = config_system_path();
	config_defaults(cfg);
	if (strlen(path) >= sizeof cfg->path)
		return err_set(l.e, ERR_CONFIG,
			       _("The configuration file's name is longer "
				 "than %d bytes."),
			       (int)sizeof cfg->path - 1);
	rc = scan_file(&l);
	if (rc == 1) {
		snprintf(cfg->warning, sizeof cfg->warning,
			 _("%s not found; using built-in defaults"), path);
		return 0;
	}
	if (rc != 0)
		return rc;
	iniparser_set_error_callback(ini_silent);
	d = iniparser_load(path);
	if (!d)
		return err_set(l.e, ERR_CONFIG,
			       _("%s: cannot be read as an INI file"), path);
	rc = apply_dictionary(&l, d);
	iniparser_freedict(d);
	if (rc != 0) {
		/* nothing of a bad file is half-applied */
		config_defaults(cfg);
		return rc;
	}
	snprintf(cfg->path, sizeof cfg->path, "%s", path);
	cfg->from_file = true;
	return 0;
}
