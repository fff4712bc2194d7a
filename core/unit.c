/* Administration of units, staff and memberships. */
#include <stdlib.h>
#include <string.h>

#include "core.h"

static const struct {
	const char *kind;
	const char *label;
} unit_kinds[] = {
	{"desk", N_("service desk")},
	{"nav", N_("NAV")},
	{"property", N_("property")},
	{"health", N_("health and care")},
	{"child", N_("child and family")},
	{"refugee", N_("refugee services")},
	{"mental", N_("mental health and substance abuse")},
	{"allocation", N_("allocation group")},
	{"forum", N_("housing forum")},
	{"external", N_("external partner")},
};

bool unit_kind_valid(const char *kind)
{
	size_t i;
	for (i = 0; i < sizeof unit_kinds / sizeof unit_kinds[0]; i++)
		if (kind && strcmp(kind, unit_kinds[i].kind) == 0)
			return true;
	return false;
}

const char *unit_kind_label(const char *kind)
{
	size_t i;
	for (i = 0; i < sizeof unit_kinds / sizeof unit_kinds[0]; i++)
		if (kind && strcmp(kind, unit_kinds[i].kind) == 0)
			return _(unit_kinds[i].label);
	return kind ? kind : "";
}

static bool code_valid(const char *code)
{
	size_t n = strlen(code);
	const char *p;

	if (n == 0 || n > 16)
		return false;
	for (p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

static bool login_valid(const char *login)
{
	size_t n = strlen(login);
	const char *p;

	if (n == 0 || n > 64)
		return false;
	for (p = login; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		      *p == '.'))
			return false;
	return true;
}

static int require_admin(struct session *s)
{
	if (!session_has_role(s, ROLE_ADMIN))
		return err_set(&s->err, ERR_DENIED,
			       _("Only an administrator can change units and "
				 "users."));
	return 0;
}

static int name_check(struct session *s, const char *name, size_t max)
{
	if (!name || !*name || strlen(name) > max ||
	    !utf8_valid(name, strlen(name)))
		return err_set(&s->err, ERR_INVAL,
			       _("A name must be 1 to %zu bytes of UTF-8 text."),
			       max);
	return 0;
}

int unit_add(struct session *s, const char *code, const char *name,
	     const char *kind)
{
	int rc;

	if ((rc = require_admin(s)))
		return rc;
	if (!code_valid(code))
		return err_set(&s->err, ERR_INVAL,
			       _("A unit code is 1 to 16 letters A-Z, digits, "
				 "'-' or '_': '%s' is not."),
			       code);
	if ((rc = name_check(s, name, 128)))
		return rc;
	if (!unit_kind_valid(kind))
		return err_set(&s->err, ERR_INVAL,
			       _("Unknown unit kind '%s'. Accepted: desk, nav, "
				 "property, health, child, refugee, mental, "
				 "allocation, forum, external."),
			       kind);
	rc = db_unit_add(s->db, code, name, kind, NULL);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("A unit with code '%s' already exists."), code);
	return err_from_db(&s->err, rc);
}

int unit_find(struct session *s, const char *code, struct unit_rec *out)
{
	int rc = db_unit_get(s->db, code, out);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no unit with code '%s'."), code);
	return err_from_db(&s->err, rc);
}

int unit_list(struct session *s, struct unit_rec **out, size_t *n)
{
	return err_from_db(&s->err, db_unit_list(s->db, out, n));
}

int staff_add(struct session *s, const char *login, const char *name)
{
	char now[DB_TS];
	int rc;

	if ((rc = require_admin(s)))
		return rc;
	if (!login_valid(login))
		return err_set(&s->err, ERR_INVAL,
			       _("'%s' is not a valid Unix login name."), login);
	if ((rc = name_check(s, name, 128)))
		return rc;
	session_now_ts(s, now);
	rc = db_staff_add(s->db, login, name, now, NULL);
	if (rc == DB_CONFLICT)
		return err_set(&s->err, ERR_CONFLICT,
			       _("The user '%s' is already registered."), login);
	return err_from_db(&s->err, rc);
}

static int grant_args(struct session *s, const char *login,
		      const char *unit_code, const char *role,
		      struct staff_rec *st, struct unit_rec *u)
{
	int rc;

	if ((rc = require_admin(s)))
		return rc;
	if (!role_from_name(role))
		return err_set(&s->err, ERR_INVAL,
			       _("Unknown role '%s'. Accepted: desk, caseworker, "
				 "allocation, supervisor, admin."),
			       role);
	rc = db_staff_get(s->db, login, st);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("There is no user '%s'. Register it with: bosak "
				 "admin user add %s \"FULL NAME\""),
			       login, login);
	if (rc)
		return err_from_db(&s->err, rc);
	return unit_find(s, unit_code, u);
}

int staff_grant(struct session *s, const char *login, const char *unit_code,
		const char *role)
{
	struct staff_rec st;
	struct unit_rec u;
	int rc = grant_args(s, login, unit_code, role, &st, &u);

	if (rc)
		return rc;
	return err_from_db(&s->err, db_member_add(s->db, st.id, u.id, role));
}

int staff_revoke(struct session *s, const char *login, const char *unit_code,
		 const char *role)
{
	struct staff_rec st;
	struct unit_rec u;
	int rc = grant_args(s, login, unit_code, role, &st, &u);

	if (rc)
		return rc;
	if (st.id == s->me.id && strcmp(role, "admin") == 0)
		return err_set(&s->err, ERR_INVAL,
			       _("You cannot take the administrator role from "
				 "yourself; another administrator must."));
	rc = db_member_remove(s->db, st.id, u.id, role);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND,
			       _("%s does not have the role %s in %s."), login,
			       role, u.code);
	return err_from_db(&s->err, rc);
}

/* Who works where is for those who answer for it: an administrator sees
 * every user; a supervisor the users with a role in a unit they
 * supervise, and of those only the roles in such units (what a user does
 * elsewhere is that unit's business).  Anyone else is refused, with a
 * sentence that names nobody, and nothing is logged: the list holds no
 * client's data, so there is no access-log row to write. */
int staff_list(struct session *s, struct staff_line **out, size_t *n)
{
	struct staff_rec *st = NULL;
	size_t ns = 0, i, j, kept = 0;
	bool all = session_has_role(s, ROLE_ADMIN);
	int rc;

	*out = NULL;
	*n = 0;
	err_clear(&s->err);
	if (!all && !session_has_role(s, ROLE_SUPERVISOR))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only an administrator or a supervisor can "
				 "list the users."));
	if ((rc = db_staff_list(s->db, &st, &ns)))
		return err_from_db(&s->err, rc);
	*out = calloc(ns ? ns : 1, sizeof **out);
	if (!*out) {
		free(st);
		return err_from_db(&s->err, DB_NOMEM);
	}
	for (i = 0; i < ns; i++) {
		struct member_rec m[SESSION_MAX_MEMBERS];
		size_t nm = 0, shown = 0;
		struct staff_line *l = &(*out)[kept];
		size_t len = 0;

		memset(l, 0, sizeof *l);
		l->staff = st[i];
		if ((rc = db_members_of(s->db, st[i].id, m, SESSION_MAX_MEMBERS,
					&nm))) {
			free(st);
			free(*out);
			*out = NULL;
			return err_from_db(&s->err, rc);
		}
		for (j = 0; j < nm && len < sizeof l->roles; j++) {
			if (!all &&
			    !session_in_unit(s, m[j].unit_id, ROLE_SUPERVISOR))
				continue;
			len += (size_t)snprintf(l->roles + len,
						sizeof l->roles - len, "%s%s:%s",
						shown++ ? ", " : "",
						m[j].unit_code, m[j].role);
		}
		if (all || shown)
			kept++;
	}
	*n = kept;
	free(st);
	return 0;
}

int admin_bootstrap(struct session *s, const char *login, const char *name)
{
	int64_t n = 0, sid = 0, uid = 0;
	char now[DB_TS];
	int rc;

	if ((rc = db_staff_count(s->db, &n)))
		return err_from_db(&s->err, rc);
	if (n > 0)
		return err_set(&s->err, ERR_CONFLICT,
			       _("The database already has users; an "
				 "administrator adds more with 'bosak admin user "
				 "add'."));
	if (!login_valid(login))
		return err_set(&s->err, ERR_INVAL,
			       _("'%s' is not a valid Unix login name."), login);
	session_now_ts(s, now);
	if ((rc = db_unit_get(s->db, "ADM", &(struct unit_rec){0})) ==
	    DB_NOTFOUND)
		rc = db_unit_add(s->db, "ADM", _("Administration"), "desk", &uid);
	if (rc)
		return err_from_db(&s->err, rc);
	if (!uid) {
		struct unit_rec u;
		if ((rc = db_unit_get(s->db, "ADM", &u)))
			return err_from_db(&s->err, rc);
		uid = u.id;
	}
	if ((rc = db_staff_add(s->db, login, name, now, &sid)) ||
	    (rc = db_member_add(s->db, sid, uid, "admin")))
		return err_from_db(&s->err, rc);
	return session_login_as(s, login);
}
