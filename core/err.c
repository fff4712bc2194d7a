/* Errors: one table (errors.h) gives every code its default sentence. */
#include <stdarg.h>
#include <string.h>

#include "core.h"

_Static_assert((int)ERR_NOTFOUND == (int)DB_NOTFOUND && (int)ERR_CONFLICT == (int)DB_CONFLICT &&
		       (int)ERR_DB == (int)DB_ERROR && (int)ERR_BUSY == (int)DB_BUSY &&
		       (int)ERR_FULL == (int)DB_FULL && (int)ERR_READONLY == (int)DB_READONLY &&
		       (int)ERR_NOMEM == (int)DB_NOMEM && (int)ERR_IO == (int)DB_IO &&
		       (int)ERR_VERSION == (int)DB_NEWER,
	       "db and core codes must agree");

const char *err_default(int code)
{
	switch (code) {
#define X(name, value, text) \
	case name:           \
		return _(text);
		ERR_TABLE(X)
#undef X
	case ERR_OK:
		return "";
	}
	return _("Something went wrong.");
}

__attribute__((format(printf, 4, 0))) static int
err_vset(struct err *e, int code, const char *field, const char *fmt,
	 va_list ap)
{
	if (!e)
		return code;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	if (fmt)
		vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	else
		snprintf(e->msg, sizeof e->msg, "%s", err_default(code));
	return code;
}

int err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, code, NULL, fmt, ap);
	va_end(ap);
	return code;
}

int err_set_field(struct err *e, int code, const char *field, const char *fmt,
		  ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_vset(e, code, field, fmt, ap);
	va_end(ap);
	return code;
}

int err_from_db(struct err *e, int db_rc)
{
	if (db_rc == DB_OK)
		return 0;
	if (e) {
		e->code = db_rc;
		e->field[0] = '\0';
		snprintf(e->msg, sizeof e->msg, "%s", err_default(db_rc));
	}
	return db_rc;
}

void err_clear(struct err *e)
{
	memset(e, 0, sizeof *e);
}
