/* Backup through SQLite's online backup API (db_backup). */
#include <fcntl.h>
#include <unistd.h>

#include "core.h"

static int backup_write(struct session *s, const char *dest)
{
	struct db *copy = NULL;
	int rc, fd;

	/* Create the file ourselves, exclusively: never overwrite a backup,
	 * and the copy is owned by the user who asked for it. */
	fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return err_set(&s->err, ERR_IO,
			       _("%s cannot be created (does it exist "
				 "already?)."),
			       dest);
	close(fd);
	rc = db_backup(s->db, dest);
	if (rc) {
		unlink(dest);
		return err_set(&s->err, rc,
			       _("The backup to %s failed; nothing was kept."),
			       dest);
	}
	rc = db_open(&copy, dest, 0);
	if (rc || !db_integrity_ok(copy)) {
		db_close(&copy);
		return err_set(&s->err, ERR_IO,
			       _("The backup %s did not pass the integrity "
				 "check."),
			       dest);
	}
	db_close(&copy);
	return 0;
}

int backup_to(struct session *s, const char *dest)
{
	int rc;

	if (!session_has_role(s, ROLE_ADMIN))
		return err_set(&s->err, ERR_DENIED,
			       _("Only an administrator can take a backup."));
	/* The copy is written with the rights of the user who asked for it
	 * (installed setgid: never the group's, so that it cannot land in
	 * the data directory or over the database); the database's own
	 * files are open already. */
	if (setgid_lower() != 0)
		return err_set(&s->err, ERR_IO, _("%s cannot be created."), dest);
	rc = backup_write(s, dest);
	setgid_raise();
	return rc;
}
