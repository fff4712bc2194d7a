/* libFuzzer target: any bytes as key names of the [keys] section.
 * Needs tui/keymap.c, tui/editbuf.c.
 *
 * The input is split at newlines into "action = key names" lines, the way
 * config.c hands the [keys] section to keymap_load; the first line is
 * also given to keyname_parse on its own.  Besides not crashing:
 *   - an accepted name shows as a name that parses back to the same key
 *     (what bosak(1) and the `?` help print can be typed into bosak.ini);
 *   - a refusal always says why, in a terminated sentence;
 *   - keymap_load either accepts every line or names the line it refused,
 *     and never leaves an action with more keys than it can hold. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../tui/keymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_name(const char *name)
{
	char why[256], shown[32], why2[256];
	int code = -1, again = -1;

	memset(why, 'x', sizeof why);
	if (keyname_parse(name, &code, why, sizeof why) != 0) {
		if (!memchr(why, '\0', sizeof why) || why[0] == '\0')
			abort();
		return;
	}
	if (code < 0)
		abort();
	keyname_show(code, shown, sizeof shown);
	if (!memchr(shown, '\0', sizeof shown) || shown[0] == '\0')
		abort();
	if (shown[0] == '#')
		return; /* a function key without a name: shown, not typed */
	if (keyname_parse(shown, &again, why2, sizeof why2) != 0 ||
	    again != code)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct config cfg;
	static struct keymap km;
	char *text = malloc(size + 1), *line, *save = NULL;
	char why[512];

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	/* the first line alone, as one key name */
	{
		char first[80];
		size_t n = strcspn(text, "\n");
		if (n < sizeof first) {
			memcpy(first, text, n);
			first[n] = '\0';
			check_name(first);
		}
	}

	memset(&cfg, 0, sizeof cfg);
	for (line = strtok_r(text, "\n", &save);
	     line && cfg.nkeys < CFG_MAX_KEYS;
	     line = strtok_r(NULL, "\n", &save)) {
		char *eq = strchr(line, '=');
		if (!eq)
			continue;
		*eq = '\0';
		snprintf(cfg.key_action[cfg.nkeys],
			 sizeof cfg.key_action[0], "%s", line);
		snprintf(cfg.key_names[cfg.nkeys], sizeof cfg.key_names[0],
			 "%s", eq + 1);
		cfg.nkeys++;
	}
	memset(why, 'x', sizeof why);
	if (keymap_load(&km, &cfg, why, sizeof why) != 0) {
		if (!memchr(why, '\0', sizeof why) || why[0] == '\0')
			abort();
	}
	for (int a = 0; a < A__COUNT; a++)
		if (km.nkeys[a] < 0 || km.nkeys[a] > KEYMAP_MAX_KEYS)
			abort();
	free(text);
	return 0;
}
