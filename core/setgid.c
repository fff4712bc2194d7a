/*
 * Running setgid bosak: the database is reachable only through the program.
 *
 * `make install` installs bosak setgid to the group bosak, and `bosak admin
 * setup` makes the data directory 2770 root:bosak and the database 0660 in
 * that group.  No caseworker is in the group, so the sqlite3 tool run by a
 * caseworker cannot even enter the directory; only the program, whose
 * effective group is bosak, can, and it asks access control about every
 * read and logs it.
 *
 * A setgid program runs with rights its user does not have, so it must not
 * let the user steer them:
 *
 * - Identity is the real uid (session_login uses getuid()).
 * - The environment is reduced to the few variables bosak reads (terminal,
 *   language, time zone), each checked, and PATH is fixed: nothing in it
 *   can point the program (SQLite's TMPDIR, ncurses' TERMINFO, the shell
 *   of the print command) at files of the user's choosing.
 * - The database and the configuration come from the system configuration
 *   file; -c and --db are for administrators, and then the group is left
 *   for good (setgid_drop) before the other file is read (tui/cli.c).
 * - Files the program reads or writes for the user (letters, receipts,
 *   imports, backups) are opened with the user's own rights: the effective
 *   group is the user's own while open(2) runs (user_open), and the print
 *   command is started without the group.  The database's files stay open
 *   across that moment, so storage never notices.
 *
 * The process stays undumpable (the kernel's rule for set-id programs), so
 * the user cannot read the open database through /proc or a debugger.
 */
#define _GNU_SOURCE /* setresgid */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "core.h"

static bool active;
static gid_t group;

bool setgid_active(void)
{
	return active;
}

/* A value the program may take from the user's environment: short, and
 * only characters that name a terminal type, a locale or a zone. */
static bool env_value_ok(const char *name, const char *v)
{
	size_t n = strlen(v);

	if (n == 0 || n > 64)
		return false;
	for (const char *p = v; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("._-+@:,", c))
			continue;
		/* Europe/Oslo; glibc reads zones only below its own
		 * directory for a set-id program, and ".." is refused here */
		if (c == '/' && strcmp(name, "TZ") == 0 && !strstr(v, ".."))
			continue;
		return false;
	}
	if (strcmp(name, "COLUMNS") == 0 || strcmp(name, "LINES") == 0)
		return strspn(v, "0123456789") == n && n <= 4;
	return true;
}

static const char *const env_keep[] = {
	"TERM",        "LANG",    "LANGUAGE", "LC_ALL",   "LC_CTYPE",
	"LC_MESSAGES", "LC_TIME", "LC_COLLATE", "LC_NUMERIC", "TZ",
	"NO_COLOR",    "COLUMNS", "LINES",
};
#define NKEEP (sizeof env_keep / sizeof env_keep[0])

void setgid_sanitise_env(void)
{
	char value[NKEEP][65];
	bool have[NKEEP];
	size_t i;

	for (i = 0; i < NKEEP; i++) {
		const char *v = getenv(env_keep[i]);
		have[i] = v && env_value_ok(env_keep[i], v);
		if (have[i])
			snprintf(value[i], sizeof value[i], "%s", v);
	}
	clearenv();
	for (i = 0; i < NKEEP; i++)
		if (have[i])
			setenv(env_keep[i], value[i], 1);
	setenv("PATH", "/usr/bin:/bin", 1);
}

void setgid_init(void)
{
	mode_t old;

	active = getegid() != getgid();
	if (!active)
		return;
	group = getegid();
	setgid_sanitise_env();
	/* whatever the program itself creates stays out of reach of others;
	 * SQLite gives its -wal and -shm the database's own mode anyway */
	old = umask(0);
	umask(old | 007);
}

int setgid_drop(void)
{
	gid_t g = getgid();

	if (!active)
		return 0;
	/* real, effective and saved: the group cannot be taken back */
	if (setresgid(g, g, g) != 0)
		return -1;
	active = false;
	return 0;
}

/* While the user's own file is opened the effective group is the user's. */
static int lower(void)
{
	return active ? setegid(getgid()) : 0;
}

static void raise_again(void)
{
	int saved = errno;
	/* cannot fail: the saved set-group-ID is the group */
	if (active && setegid(group) != 0)
		abort();
	errno = saved;
}

int setgid_lower(void)
{
	return lower();
}

void setgid_raise(void)
{
	raise_again();
}

int user_open(const char *path, int flags, unsigned mode)
{
	int fd;

	if (lower() != 0)
		return -1;
	fd = open(path, flags | O_CLOEXEC, (mode_t)mode);
	raise_again();
	return fd;
}

FILE *user_fopen(const char *path, const char *mode)
{
	int flags, fd;
	FILE *fp;

	switch (mode[0]) {
	case 'r': flags = O_RDONLY; break;
	case 'w': flags = O_WRONLY | O_CREAT | O_TRUNC; break;
	case 'a': flags = O_WRONLY | O_CREAT | O_APPEND; break;
	default: errno = EINVAL; return NULL;
	}
	if (strchr(mode, '+'))
		flags = (flags & ~O_ACCMODE) | O_RDWR;
	if (strchr(mode, 'x'))
		flags |= O_EXCL;
	fd = user_open(path, flags, 0666);
	if (fd < 0)
		return NULL;
	fp = fdopen(fd, mode);
	if (!fp)
		close(fd);
	return fp;
}

FILE *user_popen(const char *command, const char *mode)
{
	FILE *fp;

	/* The child is forked without the group; exec makes its saved
	 * group its effective one, so the group is gone for it. */
	if (lower() != 0)
		return NULL;
	fp = popen(command, mode);
	raise_again();
	return fp;
}
