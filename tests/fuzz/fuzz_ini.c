/* libFuzzer target: any bytes as bosak.ini.  config_load reads a path (so
 * does iniparser), so the input goes to one temporary file per process.
 * Needs core/config.c, core/err.c, core/i18n.c, core/text.c, -liniparser.
 *
 * Besides not crashing, it checks the contract: 0 means a valid struct
 * (strings terminated, numbers in range), anything else is ERR_CONFIG with
 * a message that names the file. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "../../core/core.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* config.c reads [allocation] handover checks by name through the
 * allocation module, which uses the database and is not linked into the
 * fuzz build: the same names here.  Weak: where allocation.c is linked
 * (tests/test_fuzz_regress.c) its own is used. */
unsigned handover_item_from_name(const char *name) __attribute__((weak));
unsigned handover_item_from_name(const char *name)
{
	static const struct {
		const char *name;
		unsigned item;
	} items[] = {{"identity", HI_IDENTITY}, {"household", HI_HOUSEHOLD},
		     {"income", HI_INCOME}, {"situation", HI_SITUATION},
		     {"consent", HI_CONSENT}};
	for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
		if (name && strcasecmp(name, items[i].name) == 0)
			return items[i].item;
	return 0;
}

static char path[64];

static void path_remove(void)
{
	if (path[0])
		unlink(path);
}

static int input_write(const uint8_t *data, size_t size)
{
	FILE *fp;

	if (!path[0]) {
		int fd;
		snprintf(path, sizeof path, "/tmp/bosak-fuzz-ini-XXXXXX");
		fd = mkstemp(path);
		if (fd < 0)
			abort();
		close(fd);
		atexit(path_remove);
	}
	fp = fopen(path, "wb");
	if (!fp)
		abort();
	if (size && fwrite(data, 1, size, fp) != size)
		abort();
	if (fclose(fp) != 0)
		abort();
	return 0;
}

static void check_terminated(const char *s, size_t size)
{
	if (!memchr(s, '\0', size))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config cfg;
	struct err e;
	int rc, i;

	input_write(data, size);
	memset(&e, 0, sizeof e);
	rc = config_load(&cfg, path, &e);
	if (rc == 0) {
		if (!cfg.from_file || cfg.nkeys < 0 || cfg.nkeys > CFG_MAX_KEYS)
			abort();
		if (cfg.interim_days < 1 || cfg.interim_days > 90 ||
		    cfg.interim_warn_days >= cfg.interim_days ||
		    cfg.appeal_weeks < 1 || cfg.appeal_weeks > 12 ||
		    cfg.lease_months < cfg.lease_min_months ||
		    cfg.review_months >= cfg.lease_min_months)
			abort();
		check_terminated(cfg.municipality, sizeof cfg.municipality);
		check_terminated(cfg.db_path, sizeof cfg.db_path);
		check_terminated(cfg.language, sizeof cfg.language);
		check_terminated(cfg.template_dir, sizeof cfg.template_dir);
		for (i = 0; i < CFG_SITUATIONS; i++)
			check_terminated(cfg.default_unit[i],
					 sizeof cfg.default_unit[i]);
		for (i = 0; i < cfg.nkeys; i++) {
			check_terminated(cfg.key_action[i],
					 sizeof cfg.key_action[i]);
			check_terminated(cfg.key_names[i],
					 sizeof cfg.key_names[i]);
		}
	} else {
		if (rc == ERR_NOMEM)
			return 0;
		if (rc != ERR_CONFIG || e.code != ERR_CONFIG ||
		    strncmp(e.msg, path, strlen(path)) != 0)
			abort();
	}
	return 0;
}
