/* Helpers shared by the cmocka tests: a fresh database in a temporary
 * directory, a session on it with a settable clock, and known users. */
#ifndef BOSAK_TESTLIB_H
#define BOSAK_TESTLIB_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "../core/core.h"

struct tenv {
	char dir[256];      /* a fresh temporary directory, removed at the end */
	char db_path[300];
	struct config cfg;
	struct session s;
	time_t now;         /* the session's clock reads this */
};

/* Creates the directory, the database, units NAV, EIE (property), SK
 * (service desk), TILD (allocation), HELSE (health) and staff:
 *   admin (admin of ADM), nav1 (NAV caseworker), nav2 (NAV caseworker),
 *   eie1 (EIE caseworker), desk1 (SK desk), tild1 (TILD allocation),
 *   sup1 (NAV supervisor), helse1 (HELSE caseworker)
 * and logs in as `login`.  Today is 2026-03-02 12:00 UTC unless changed. */
struct tenv *tenv_new(const char *login);
void tenv_free(struct tenv **t);
/* Logs in as another user on the same database. */
void tenv_login(struct tenv *t, const char *login);
void tenv_set_today(struct tenv *t, const char *iso);
/* Registers a case for a fresh synthetic person through core; returns id. */
/* Fails the test unless the n cases have n different applicants. */
void tenv_assert_own_people(struct tenv *t, const int64_t *cases, int n);
int64_t tenv_case(struct tenv *t, const char *given, const char *family,
		  const char *unit_code);

#endif
