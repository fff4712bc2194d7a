/* The action table and key names: parsing, display, rebinding from the
 * INI [keys] section, and which action a key means on a screen. */
#include <curses.h>
#include <locale.h>
#include <string.h>

#include "testlib.h"
#include "../tui/keymap.h"

static int parse(const char *name)
{
	char why[256] = "";
	int code = -999;
	if (keyname_parse(name, &code, why, sizeof why))
		return -1;
	return code;
}

static void test_parse_names(void **state)
{
	assert_int_equal(parse("q"), 'q');
	assert_int_equal(parse("Q"), 'Q');
	assert_int_equal(parse("/"), '/');
	assert_int_equal(parse("æ"), 0xE6);
	assert_int_equal(parse("Å"), 0xC5);
	assert_int_equal(parse("Enter"), '\n');
	assert_int_equal(parse("enter"), '\n');
	assert_int_equal(parse("Esc"), 27);
	assert_int_equal(parse("Tab"), '\t');
	assert_int_equal(parse("S-Tab"), KEYMAP_FN + KEY_BTAB);
	assert_int_equal(parse("Space"), ' ');
	assert_int_equal(parse("Up"), KEYMAP_FN + KEY_UP);
	assert_int_equal(parse("PgDn"), KEYMAP_FN + KEY_NPAGE);
	assert_int_equal(parse("pageup"), KEYMAP_FN + KEY_PPAGE);
	assert_int_equal(parse("F2"), KEYMAP_FN + KEY_F(2));
	assert_int_equal(parse("f12"), KEYMAP_FN + KEY_F(12));
	assert_int_equal(parse("C-l"), 12);
	assert_int_equal(parse("^L"), 12);
	assert_int_equal(parse("Ctrl-w"), 23);
	assert_int_equal(parse("C-h"), KEYMAP_FN + KEY_BACKSPACE);
	assert_int_equal(parse("C-m"), '\n');
	/* F with a letter is a word, not F-key: refused */
	assert_int_equal(parse("Fx"), -1);
}

static void test_parse_refused(void **state)
{
	char why[256];
	int code;

	assert_int_equal(keyname_parse("", &code, why, sizeof why), -1);
	assert_int_equal(keyname_parse("foo", &code, why, sizeof why), -1);
	assert_non_null(strstr(why, "'foo'"));
	assert_int_equal(keyname_parse("F13", &code, why, sizeof why), -1);
	assert_int_equal(keyname_parse("F0", &code, why, sizeof why), -1);
	assert_int_equal(keyname_parse("C-", &code, why, sizeof why), -1);
	assert_int_equal(keyname_parse("C-ab", &code, why, sizeof why), -1);
	assert_int_equal(keyname_parse("C-1", &code, why, sizeof why), -1);
	/* the terminal takes these; say so rather than bind a dead key */
	assert_int_equal(keyname_parse("C-s", &code, why, sizeof why), -1);
	assert_non_null(strstr(why, "Ctrl-S"));
	assert_int_equal(keyname_parse("^C", &code, why, sizeof why), -1);
	assert_int_equal(keyname_parse("C-z", &code, why, sizeof why), -1);
	/* bad UTF-8, two letters, a control byte */
	assert_int_equal(keyname_parse("\xC3", &code, why, sizeof why), -1);
	assert_int_equal(keyname_parse("ab", &code, why, sizeof why), -1);
	assert_int_equal(keyname_parse("\x01", &code, why, sizeof why), -1);
}

static void test_names_round_trip(void **state)
{
	char name[32];
	keyname_show('\n', name, sizeof name);
	assert_string_equal(name, "Enter");
	keyname_show(23, name, sizeof name);
	assert_string_equal(name, "Ctrl-W");
	keyname_show(KEYMAP_FN + KEY_F(2), name, sizeof name);
	assert_string_equal(name, "F2");
	keyname_show(0xF8, name, sizeof name);
	assert_string_equal(name, "ø");
	keyname_show(KEYMAP_FN + KEY_BTAB, name, sizeof name);
	assert_string_equal(name, "S-Tab");
	/* every name shown parses back to its code */
	for (int a = 1; a < A__COUNT; a++) {
		struct keymap km;
		keymap_defaults(&km);
		for (int k = 0; k < km.nkeys[a]; k++) {
			keyname_show(km.key[a][k], name, sizeof name);
			assert_int_equal(parse(name), km.key[a][k]);
		}
	}
}

static void test_defaults_complete(void **state)
{
	struct keymap km;
	char why[256];
	int code;

	keymap_defaults(&km);
	for (int a = 1; a < A__COUNT; a++) {
		char copy[128];
		/* every default key name in the table parses */
		snprintf(copy, sizeof copy, "%s", action_table[a].keys);
		for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "))
			assert_int_equal(keyname_parse(w, &code, why, sizeof why), 0);
		assert_true(km.nkeys[a] > 0);
		assert_non_null(action_table[a].help);
		assert_int_equal(action_from_name(action_table[a].name), a);
	}
	assert_true(keymap_has(&km, A_REDRAW, 12));
	assert_true(keymap_has(&km, A_SAVE, 23));
	assert_true(keymap_has(&km, A_SAVE, KEYMAP_FN + KEY_F(2)));
	/* no default uses Ctrl-S: many terminals eat it */
	for (int a = 1; a < A__COUNT; a++)
		assert_false(keymap_has(&km, (enum action)a, 19));
}

static void test_lookup_order(void **state)
{
	struct keymap km;
	const enum action home[] = {A_QUIT, A_SEARCH, A_NEW_INTAKE};
	const enum action ask[] = {A_YES, A_NO};
	const enum action list[] = {A_UP, A_DOWN, A_BACK};

	keymap_defaults(&km);
	assert_int_equal(keymap_lookup(&km, 'n', home, 3), A_NEW_INTAKE);
	assert_int_equal(keymap_lookup(&km, 'n', ask, 2), A_NO);
	assert_int_equal(keymap_lookup(&km, 'j', ask, 2), A_YES);
	assert_int_equal(keymap_lookup(&km, 'j', list, 3), A_DOWN);
	assert_int_equal(keymap_lookup(&km, 27, list, 3), A_BACK);
	assert_int_equal(keymap_lookup(&km, 'x', list, 3), A_NONE);
}

static void add_key(struct config *cfg, const char *action, const char *names)
{
	snprintf(cfg->key_action[cfg->nkeys], sizeof cfg->key_action[0], "%s",
		 action);
	snprintf(cfg->key_names[cfg->nkeys], sizeof cfg->key_names[0], "%s",
		 names);
	cfg->nkeys++;
}

static void test_load_rebinds(void **state)
{
	struct config cfg;
	struct keymap km;
	char why[512] = "";

	memset(&cfg, 0, sizeof cfg);
	add_key(&cfg, "search", "s F3");
	add_key(&cfg, "quit", "x");
	assert_int_equal(keymap_load(&km, &cfg, why, sizeof why), 0);
	assert_true(keymap_has(&km, A_SEARCH, 's'));
	assert_true(keymap_has(&km, A_SEARCH, KEYMAP_FN + KEY_F(3)));
	assert_false(keymap_has(&km, A_SEARCH, '/'));
	assert_false(keymap_has(&km, A_QUIT, 'q'));
	/* others keep their defaults */
	assert_true(keymap_has(&km, A_FILTER, '/'));
}

static void test_load_refuses(void **state)
{
	struct config cfg;
	struct keymap km;
	char why[512];

	memset(&cfg, 0, sizeof cfg);
	add_key(&cfg, "serch", "s");
	assert_int_equal(keymap_load(&km, &cfg, why, sizeof why), -1);
	assert_non_null(strstr(why, "serch"));

	memset(&cfg, 0, sizeof cfg);
	add_key(&cfg, "search", "s Shift");
	assert_int_equal(keymap_load(&km, &cfg, why, sizeof why), -1);
	assert_non_null(strstr(why, "'Shift'"));
	assert_non_null(strstr(why, "search"));

	memset(&cfg, 0, sizeof cfg);
	add_key(&cfg, "search", "s");
	add_key(&cfg, "note", "t s");
	assert_int_equal(keymap_load(&km, &cfg, why, sizeof why), -1);
	assert_non_null(strstr(why, "search"));

	memset(&cfg, 0, sizeof cfg);
	add_key(&cfg, "save", "C-s");
	assert_int_equal(keymap_load(&km, &cfg, why, sizeof why), -1);

	memset(&cfg, 0, sizeof cfg);
	add_key(&cfg, "save", "a b c d e f g");
	assert_int_equal(keymap_load(&km, &cfg, why, sizeof why), -1);
}

static void test_keys_text(void **state)
{
	struct keymap km;
	char out[128];
	keymap_defaults(&km);
	keymap_keys_text(&km, A_BACK, out, sizeof out);
	assert_string_equal(out, "q, Esc");
	keymap_keys_text(&km, A_SAVE, out, sizeof out);
	assert_string_equal(out, "Ctrl-W, F2");
}

static void test_normalise(void **state)
{
	assert_int_equal(key_normalise('\r'), '\n');
	assert_int_equal(key_normalise(KEYMAP_FN + KEY_ENTER), '\n');
	assert_int_equal(key_normalise(127), KEYMAP_FN + KEY_BACKSPACE);
	assert_int_equal(key_normalise(8), KEYMAP_FN + KEY_BACKSPACE);
	assert_int_equal(key_normalise('a'), 'a');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_names),
		cmocka_unit_test(test_parse_refused),
		cmocka_unit_test(test_names_round_trip),
		cmocka_unit_test(test_defaults_complete),
		cmocka_unit_test(test_lookup_order),
		cmocka_unit_test(test_load_rebinds),
		cmocka_unit_test(test_load_refuses),
		cmocka_unit_test(test_keys_text),
		cmocka_unit_test(test_normalise),
	};
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C.utf8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
