/* bosak: entry point.  Pulls -c and --db out of the arguments wherever they
 * stand, then runs a subcommand or the terminal interface. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "tui.h"

/* The installed catalogue, or the one beside a binary run from the build
 * tree (./bosak finds build/locale, build/san/bosak finds build/san/locale). */
static const char *locale_dir(void)
{
	static char dir[PATH_MAX + 32];
	char exe[PATH_MAX];
	ssize_t n;
	char *slash;

	if (access(BOSAK_LOCALEDIR "/nb/LC_MESSAGES/bosak.mo", R_OK) == 0)
		return BOSAK_LOCALEDIR;
	n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return BOSAK_LOCALEDIR;
	exe[n] = '\0';
	slash = strrchr(exe, '/');
	if (slash)
		*slash = '\0';
	snprintf(dir, sizeof dir, "%s/build/locale", exe);
	if (access(dir, R_OK) == 0)
		return dir;
	snprintf(dir, sizeof dir, "%s/locale", exe);
	return access(dir, R_OK) == 0 ? dir : BOSAK_LOCALEDIR;
}

int main(int argc, char **argv)
{
	struct cli_opts o = {0};
	char *rest[256];
	int n = 0, i;
	bool dashdash = false;

	/* installed setgid: checked environment before anything reads it */
	setgid_init();
	o.localedir = locale_dir();
	i18n_init(NULL, o.localedir);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!dashdash && strcmp(a, "--") == 0) {
			dashdash = true;
			continue;
		}
		if (!dashdash && (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0 ||
				  strcmp(a, "--db") == 0)) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("bosak: %s needs a file name\n"), a);
				return EX_USAGE;
			}
			if (a[1] == 'c' || a[2] == 'c')
				o.config_path = argv[++i];
			else
				o.db_path = argv[++i];
			continue;
		}
		if (!dashdash && strncmp(a, "--db=", 5) == 0) {
			o.db_path = a + 5;
			continue;
		}
		if (!dashdash && strncmp(a, "--config=", 9) == 0) {
			o.config_path = a + 9;
			continue;
		}
		if (n >= (int)(sizeof rest / sizeof rest[0]) - 1) {
			fprintf(stderr, _("bosak: too many arguments\n"));
			return EX_USAGE;
		}
		rest[n++] = argv[i];
	}
	rest[n] = NULL;
	return cli_run(&o, n, rest);
}
