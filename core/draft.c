/* Drafts: what a user typed and has not registered yet.  Only the owner
 * reads or changes a draft (db keys every statement on the staff id). */
#include <stdlib.h>
#include <string.h>

#include "core.h"

#define DRAFT_MAX (256 * 1024)

int draft_save(struct session *s, int64_t *id, const char *kind,
	       const char *title, const char *data)
{
	char now[DB_TS], t[161];

	if (strlen(data) > DRAFT_MAX)
		return err_set(&s->err, ERR_INVAL, _("The draft is too large."));
	text_copy(t, sizeof t, title ? title : "");
	session_now_ts(s, now);
	return err_from_db(&s->err, db_draft_save(s->db, s->me.id, id, kind, t,
						  data, now));
}

int draft_load(struct session *s, int64_t id, char **data)
{
	int rc = db_draft_load(s->db, s->me.id, id, data);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("The draft is gone."));
	return err_from_db(&s->err, rc);
}

int draft_list(struct session *s, struct draft_rec **out, size_t *n)
{
	struct db_draft_line *l = NULL;
	size_t i;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = db_draft_list(s->db, s->me.id, &l, n)))
		return err_from_db(&s->err, rc);
	*out = calloc(*n ? *n : 1, sizeof **out);
	if (!*out) {
		free(l);
		*n = 0;
		return err_from_db(&s->err, DB_NOMEM);
	}
	for (i = 0; i < *n; i++) {
		(*out)[i].id = l[i].id;
		memcpy((*out)[i].kind, l[i].kind, sizeof l[i].kind);
		memcpy((*out)[i].title, l[i].title, sizeof l[i].title);
		memcpy((*out)[i].updated_at, l[i].updated_at,
		       sizeof l[i].updated_at);
	}
	free(l);
	return 0;
}

int draft_delete(struct session *s, int64_t id)
{
	int rc = db_draft_delete(s->db, s->me.id, id);
	if (rc == DB_NOTFOUND)
		return err_set(&s->err, ERR_NOTFOUND, _("The draft is gone."));
	return err_from_db(&s->err, rc);
}
