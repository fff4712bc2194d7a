/*
 * The one table of error codes and their default sentences.  Each user-facing
 * sentence is marked with N_() so xgettext finds it; err_default() translates
 * it at run time.  Functions return 0 or one of these (negative) codes, and
 * fill struct err with a sentence the user can act on.
 */
#ifndef BOSAK_ERRORS_H
#define BOSAK_ERRORS_H

#define ERR_TABLE(X)                                                            \
	X(ERR_INVAL, -1, N_("The input is not valid."))                         \
	X(ERR_NOTFOUND, -2, N_("Not found."))                                   \
	X(ERR_DENIED, -3, N_("You do not have access to this."))                \
	X(ERR_CONFLICT, -4,                                                     \
	  N_("Someone else changed this record while you were working on it.")) \
	X(ERR_DB, -5, N_("The database could not complete the operation."))     \
	X(ERR_BUSY, -6,                                                         \
	  N_("The database is busy. Nothing was saved; please try again."))     \
	X(ERR_FULL, -7, N_("The disk is full. Nothing was saved."))             \
	X(ERR_READONLY, -8,                                                     \
	  N_("The database is read-only. Nothing was saved."))                  \
	X(ERR_NOMEM, -9, N_("Out of memory."))                                  \
	X(ERR_IO, -10, N_("A file could not be read or written."))              \
	X(ERR_CONFIG, -11, N_("The configuration is not valid."))              \
	X(ERR_VERSION, -12,                                                     \
	  N_("The database was made by a newer version of bosak."))

enum err_code {
	ERR_OK = 0,
#define X(code, value, text) code = value,
	ERR_TABLE(X)
#undef X
};

#endif
