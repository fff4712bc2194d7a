/* The session: who is logged in (from the real Unix login), the database,
 * the configuration and the clock. */
#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "core.h"

static time_t clock_system(void *ctx)
{
	(void)ctx;
	return time(NULL);
}

int session_open_db(struct session *s, const struct config *cfg,
		    const char *db_path, bool create)
{
	int rc, from = 0, to = 0;

	memset(s, 0, sizeof *s);
	s->cfg = cfg;
	s->clock = clock_system;
	rc = db_open(&s->db, db_path, create ? DB_OPEN_CREATE : 0);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no database at %s. Create one with "
				 "'bosak init'."),
			       db_path);
	if (rc == DB_READONLY)
		return err_set(&s->err, ERR_READONLY,
			       _("The database %s cannot be written (check its "
				 "permissions)."),
			       db_path);
	if (rc == DB_BUSY)
		return err_set(&s->err, rc,
			       _("The database %s is held by another program "
				 "(a demo load or a restore?); try again when it "
				 "is done."),
			       db_path);
	if (rc)
		return err_set(&s->err, rc,
			       _("The database %s could not be opened."), db_path);
	rc = db_migrate(s->db, &from, &to);
	if (rc == DB_NEWER) {
		err_set(&s->err, ERR_VERSION,
			_("The database %s has schema version %d, but this bosak "
			  "knows only up to %d. Use a newer bosak."),
			db_path, from, db_schema_latest());
		db_close(&s->db);
		return ERR_VERSION;
	}
	if (rc) {
		err_from_db(&s->err, rc);
		db_close(&s->db);
		return rc;
	}
	return 0;
}

void session_close(struct session *s)
{
	db_close(&s->db);
}

void session_action_begin(struct session *s)
{
	if (s->db)
		db_action_begin(s->db);
}

void session_idle(struct session *s)
{
	if (s->db)
		db_idle(s->db);
}

const char *session_unix_login(void)
{
	struct passwd *pw = getpwuid(getuid());
	return pw ? pw->pw_name : "";
}

enum role role_from_name(const char *name)
{
	static const struct {
		const char *name;
		enum role r;
	} t[] = {{"desk", ROLE_DESK},
		 {"caseworker", ROLE_CASEWORKER},
		 {"allocation", ROLE_ALLOCATION},
		 {"supervisor", ROLE_SUPERVISOR},
		 {"admin", ROLE_ADMIN}};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (name && strcmp(name, t[i].name) == 0)
			return t[i].r;
	return 0;
}

const char *role_label(enum role r)
{
	switch (r) {
	case ROLE_DESK: return _("service desk");
	case ROLE_CASEWORKER: return _("caseworker");
	case ROLE_ALLOCATION: return _("allocation group");
	case ROLE_SUPERVISOR: return _("supervisor");
	case ROLE_ADMIN: return _("administrator");
	}
	return "";
}

int session_login_as(struct session *s, const char *login)
{
	int rc;
	size_t i;

	s->roles = 0;
	s->nmembers = 0;
	s->nglass = 0; /* a broken glass is the user's, for one session */
	rc = db_staff_get(s->db, login, &s->me);
	if (rc == DB_NOTFOUND || (rc == 0 && !s->me.active)) {
		memset(&s->me, 0, sizeof s->me);
		return err_set(&s->err, ERR_DENIED,
			       _("'%s' is not a registered active user of bosak. "
				 "An administrator registers you with: bosak admin "
				 "user add %s \"FULL NAME\""),
			       login, login);
	}
	if (rc)
		return err_from_db(&s->err, rc);
	rc = db_members_of(s->db, s->me.id, s->member, SESSION_MAX_MEMBERS,
			   &s->nmembers);
	if (rc)
		return err_from_db(&s->err, rc);
	for (i = 0; i < s->nmembers; i++)
		s->roles |= role_from_name(s->member[i].role);
	return 0;
}

int session_login(struct session *s)
{
	const char *login = session_unix_login();

	if (!*login)
		return err_set(&s->err, ERR_DENIED,
			       _("Your Unix user has no name; bosak cannot tell "
				 "who you are."));
	return session_login_as(s, login);
}

time_t session_now(const struct session *s)
{
	return s->clock(s->clock_ctx);
}

day_t session_today(const struct session *s)
{
	char iso[DB_DATE];
	session_today_iso(s, iso);
	return date_days(iso);
}

/* Today is the server's local date (the municipality's), while
 * timestamps are UTC: a case received at 00:30 in Oslo is received today. */
void session_today_iso(const struct session *s, char out[DB_DATE])
{
	time_t t = session_now(s);
	struct tm tm;

	localtime_r(&t, &tm);
	snprintf(out, DB_DATE, "%04d-%02d-%02d", (tm.tm_year + 1900) % 10000,
		 (tm.tm_mon + 1) % 100, tm.tm_mday % 100);
}

void session_now_ts(const struct session *s, char out[DB_TS])
{
	date_timestamp(session_now(s), out);
}

bool session_has_role(const struct session *s, enum role r)
{
	return (s->roles & r) != 0;
}

bool session_in_unit(const struct session *s, int64_t unit_id, unsigned roles)
{
	size_t i;

	for (i = 0; i < s->nmembers; i++)
		if (s->member[i].unit_id == unit_id &&
		    (roles == 0 || (role_from_name(s->member[i].role) & roles)))
			return true;
	return false;
}

const char *session_unit_name(const struct session *s)
{
	return s->nmembers ? s->member[0].unit_name : "";
}
