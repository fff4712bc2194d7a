/*
 * The action table, key names both ways, and rebinding from the INI file.
 * Only curses' KEY_* numbers are used here (no terminal), so the parser is
 * unit-tested and fuzzable on its own.
 */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "editbuf.h"
#include "keymap.h"

const struct action_def action_table[A__COUNT] = {
	[A_NONE] = {"", "", NULL, ""},
#define X(id, name, keys, label, help) [id] = {name, keys, label, help},
	ACTION_TABLE(X)
#undef X
};

struct named_key {
	const char *name; /* the name shown; parsed case-insensitively */
	int code;
};

/* The first name of a code is the one shown to the user. */
static const struct named_key named_keys[] = {
	{"Enter", '\n'},
	{"Return", '\n'},
	{"Esc", 27},
	{"Escape", 27},
	{"Tab", '\t'},
	{"S-Tab", KEYMAP_FN + KEY_BTAB},
	{"BackTab", KEYMAP_FN + KEY_BTAB},
	{"Space", ' '},
	{"Backspace", KEYMAP_FN + KEY_BACKSPACE},
	{"BS", KEYMAP_FN + KEY_BACKSPACE},
	{"Del", KEYMAP_FN + KEY_DC},
	{"Delete", KEYMAP_FN + KEY_DC},
	{"Ins", KEYMAP_FN + KEY_IC},
	{"Insert", KEYMAP_FN + KEY_IC},
	{"Up", KEYMAP_FN + KEY_UP},
	{"Down", KEYMAP_FN + KEY_DOWN},
	{"Left", KEYMAP_FN + KEY_LEFT},
	{"Right", KEYMAP_FN + KEY_RIGHT},
	{"Home", KEYMAP_FN + KEY_HOME},
	{"End", KEYMAP_FN + KEY_END},
	{"PgUp", KEYMAP_FN + KEY_PPAGE},
	{"PageUp", KEYMAP_FN + KEY_PPAGE},
	{"PgDn", KEYMAP_FN + KEY_NPAGE},
	{"PageDown", KEYMAP_FN + KEY_NPAGE},
};

/* Ctrl keys the terminal itself takes in cbreak mode: binding them would
 * make an action that can never fire. */
static const char *ctrl_taken(int c)
{
	switch (c) {
	case 'c' & 0x1f: return N_("Ctrl-C interrupts the program");
	case 'z' & 0x1f: return N_("Ctrl-Z suspends the program");
	case '\\' & 0x1f: return N_("Ctrl-\\ stops the program");
	case 's' & 0x1f:
	case 'q' & 0x1f:
		return N_("Ctrl-S and Ctrl-Q are flow control in many terminals");
	default: return NULL;
	}
}

static int ctrl_parse(const char *rest, int *code, char *why, size_t size)
{
	unsigned char c = (unsigned char)rest[0];
	const char *taken;

	if (c == '\0' || rest[1] != '\0') {
		snprintf(why, size, _("a Ctrl key is Ctrl and one letter, as C-l"));
		return -1;
	}
	if (c >= 'A' && c <= 'Z')
		c = (unsigned char)(c - 'A' + 'a');
	if (!((c >= 'a' && c <= 'z') || c == '[' || c == ']' || c == '\\' ||
	      c == '^' || c == '_')) {
		snprintf(why, size, _("there is no Ctrl key for '%s'"), rest);
		return -1;
	}
	*code = c & 0x1f;
	taken = ctrl_taken(*code);
	if (taken) {
		snprintf(why, size, "%s", _(taken));
		return -1;
	}
	*code = key_normalise(*code);
	return 0;
}

static int fkey_parse(const char *digits, int *code)
{
	int n = 0;
	if (!*digits || strlen(digits) > 2)
		return -1;
	for (const char *p = digits; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (n < 1 || n > 12)
		return -1;
	*code = KEYMAP_FN + KEY_F(n);
	return 0;
}

int keyname_parse(const char *name, int *code, char *why, size_t why_size)
{
	size_t i, len = strlen(name);
	wchar_t c;

	for (i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcasecmp(name, named_keys[i].name) == 0) {
			*code = named_keys[i].code;
			return 0;
		}
	if ((name[0] == 'F' || name[0] == 'f') && len > 1 &&
	    fkey_parse(name + 1, code) == 0)
		return 0;
	if (name[0] == '^' && len > 1)
		return ctrl_parse(name + 1, code, why, why_size);
	if ((name[0] == 'C' || name[0] == 'c') && len > 2 && name[1] == '-')
		return ctrl_parse(name + 2, code, why, why_size);
	if (strncasecmp(name, "Ctrl-", 5) == 0 || strncasecmp(name, "Ctrl+", 5) == 0)
		return ctrl_parse(name + 5, code, why, why_size);
	/* one printable character */
	if (len > 0 && utf8_decode(name, len, &c) == len && c > ' ' &&
	    c != 0x7F && !(c >= 0x80 && c < 0xA0)) {
		*code = (int)c;
		return 0;
	}
	snprintf(why, why_size,
		 _("'%s' is not a key name (a letter, Enter, Esc, Tab, S-Tab, "
		   "Space, Up, Down, Left, Right, Home, End, PgUp, PgDn, Del, "
		   "Backspace, F1-F12, C-x)"),
		 name);
	return -1;
}

void keyname_show(int code, char *out, size_t size)
{
	size_t i;
	char u[5];

	for (i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (named_keys[i].code == code) {
			snprintf(out, size, "%s", named_keys[i].name);
			return;
		}
	if (code >= KEYMAP_FN + KEY_F(1) && code <= KEYMAP_FN + KEY_F(12)) {
		snprintf(out, size, "F%d", code - KEYMAP_FN - KEY_F0);
		return;
	}
	if (code >= 0 && code < 0x20) {
		snprintf(out, size, "Ctrl-%c", (char)('@' + code));
		return;
	}
	if (code >= KEYMAP_FN) {
		snprintf(out, size, "#%d", code - KEYMAP_FN);
		return;
	}
	u[utf8_encode((wchar_t)code, u)] = '\0';
	snprintf(out, size, "%s", u);
}

enum action action_from_name(const char *name)
{
	for (int a = 1; a < A__COUNT; a++)
		if (strcmp(action_table[a].name, name) == 0)
			return (enum action)a;
	return A_NONE;
}

int key_normalise(int code)
{
	if (code == '\r' || code == KEYMAP_FN + KEY_ENTER)
		return '\n';
	if (code == 127 || code == 8)
		return KEYMAP_FN + KEY_BACKSPACE;
	return code;
}

/* Splits names on spaces and parses each into codes[]; the count, or -1. */
static int names_parse(const char *names, int codes[KEYMAP_MAX_KEYS],
		       char *why, size_t why_size)
{
	char word[65];
	int n = 0;
	const char *p = names;

	while (*p) {
		size_t len;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p)
			break;
		len = strcspn(p, " \t");
		if (len >= sizeof word) {
			snprintf(why, why_size, _("a key name is too long"));
			return -1;
		}
		if (n == KEYMAP_MAX_KEYS) {
			snprintf(why, why_size, _("at most %d keys per action"),
				 KEYMAP_MAX_KEYS);
			return -1;
		}
		memcpy(word, p, len);
		word[len] = '\0';
		if (keyname_parse(word, &codes[n], why, why_size))
			return -1;
		n++;
		p += len;
	}
	if (n == 0) {
		snprintf(why, why_size, _("no key given"));
		return -1;
	}
	return n;
}

int keymap_bind(struct keymap *km, enum action act, const char *names,
		char *why, size_t why_size)
{
	int codes[KEYMAP_MAX_KEYS];
	int n = names_parse(names, codes, why, why_size);

	if (n < 0)
		return -1;
	memcpy(km->key[act], codes, (size_t)n * sizeof codes[0]);
	km->nkeys[act] = n;
	return 0;
}

void keymap_defaults(struct keymap *km)
{
	char why[256];

	memset(km, 0, sizeof *km);
	for (int a = 1; a < A__COUNT; a++)
		if (keymap_bind(km, (enum action)a, action_table[a].keys, why,
				sizeof why))
			km->nkeys[a] = 0; /* the table is tested; never here */
}

/* One key given explicitly to two actions in the file is a mistake the
 * user should hear about, not a coin toss at run time. */
static int explicit_clash(const struct keymap *km, const struct config *cfg,
			  int upto, enum action act, char *why,
			  size_t why_size)
{
	for (int i = 0; i < upto; i++) {
		enum action other = action_from_name(cfg->key_action[i]);
		if (other == act)
			continue;
		for (int k = 0; k < km->nkeys[act]; k++)
			if (keymap_has(km, other, km->key[act][k])) {
				char name[32];
				keyname_show(km->key[act][k], name, sizeof name);
				snprintf(why, why_size,
					 _("[keys] %s: the key %s is also given "
					   "to %s"),
					 action_table[act].name, name,
					 action_table[other].name);
				return -1;
			}
	}
	return 0;
}

int keymap_load(struct keymap *km, const struct config *cfg, char *why,
		size_t why_size)
{
	char reason[256];

	keymap_defaults(km);
	for (int i = 0; i < cfg->nkeys; i++) {
		enum action act = action_from_name(cfg->key_action[i]);
		if (act == A_NONE) {
			snprintf(why, why_size,
				 _("[keys] %s: there is no such action; see "
				   "bosak(1) or press ? for the action names"),
				 cfg->key_action[i]);
			return -1;
		}
		if (keymap_bind(km, act, cfg->key_names[i], reason,
				sizeof reason)) {
			snprintf(why, why_size, "[keys] %s = '%s': %s",
				 cfg->key_action[i], cfg->key_names[i], reason);
			return -1;
		}
		if (explicit_clash(km, cfg, i, act, why, why_size))
			return -1;
	}
	return 0;
}

bool keymap_has(const struct keymap *km, enum action act, int key)
{
	for (int k = 0; k < km->nkeys[act]; k++)
		if (km->key[act][k] == key)
			return true;
	return false;
}

enum action keymap_lookup(const struct keymap *km, int key,
			  const enum action *acts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (keymap_has(km, acts[i], key))
			return acts[i];
	return A_NONE;
}

void keymap_keys_text(const struct keymap *km, enum action act, char *out,
		      size_t size)
{
	size_t used = 0;
	char name[32];

	if (size)
		out[0] = '\0';
	for (int k = 0; k < km->nkeys[act] && used < size; k++) {
		keyname_show(km->key[act][k], name, sizeof name);
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 k ? ", " : "", name);
	}
}
