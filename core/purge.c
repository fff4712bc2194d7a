/*
 * Retention: `bosak admin purge --before DATE [--dry-run]`.
 *
 * A closed case is kept for cfg->retention_years after it was closed, then
 * anonymised: names, ID numbers, contact details and free text go, the
 * counts reports need stay (db/purge.c says which columns).  DATE is the
 * day the retention is counted back from (normally today; never later),
 * so a case closed before DATE - years goes.
 *
 * Why the journal may be touched at all: the journal is append-only so
 * that no one can rewrite what happened to a case.  Retention is the law's
 * own exception (personal data is not kept longer than needed), and it is
 * made as narrow as a trigger can say: only while a purge run is inside
 * its own transaction, only for a closed case, only the text, and only to
 * cut it to a beginning of itself plus the marker "[anonymised]".  Who
 * wrote, when, what kind of entry, and that an entry existed all stay;
 * nothing is deleted.  The run itself is kept (purge_run: who, when, the
 * cut-off, how many), and every purged case gets a 'purge' journal entry.
 * Only an administrator runs it, and only through this function.
 *
 * Cases are purged in batches, one transaction each, so that the write
 * lock is never held long while caseworkers work; a batch is all or
 * nothing, and a run stopped half-way is simply run again.
 *
 * Intake drafts go too: what a desk worker typed about someone who may
 * never have applied, kept only so that nothing typed is lost.  A draft
 * nobody has changed for cfg->draft_days before DATE is deleted, in the
 * same batches, and the run's record counts them.  Its day of change
 * counts in full: a draft changed on DATE - draft_days stays, one changed
 * the day before goes (as a case closed on the cut-off day stays).
 */
#include <string.h>

#include "core.h"

#define PURGE_BATCH 64

/* The drafts, after the cases: listed (dry run) or deleted batch by
 * batch. */
static int purge_drafts(struct session *s, bool dry_run,
			void (*each)(void *ctx, const struct db_purge_draft *d),
			void *ctx, struct purge_result *res)
{
	struct db_purge_draft batch[PURGE_BATCH];
	int64_t ids[PURGE_BATCH], after = 0;
	size_t n, i;
	int rc;

	for (;;) {
		rc = db_purge_draft_candidates(s->db, res->draft_cutoff, after,
					       PURGE_BATCH, batch, &n);
		if (rc)
			return err_from_db(&s->err, rc);
		if (n == 0)
			return 0;
		for (i = 0; i < n; i++) {
			if (each)
				each(ctx, &batch[i]);
			ids[i] = batch[i].id;
		}
		after = batch[n - 1].id;
		if (dry_run) {
			res->drafts += (long)n;
			continue;
		}
		rc = db_purge_drafts(s->db, res->run_id, ids, n,
				     res->draft_cutoff, &res->drafts);
		if (rc)
			return err_set(&s->err, rc,
				       _("The purge stopped after %ld drafts: "
					 "%s Run it again to go on."),
				       res->drafts, err_default(rc));
	}
}

int purge_run(struct session *s, const char *before, bool dry_run,
	      void (*each)(void *ctx, const struct db_purge_case *c),
	      void (*each_draft)(void *ctx, const struct db_purge_draft *d),
	      void *ctx, struct purge_result *res)
{
	struct db_purge_case batch[PURGE_BATCH];
	int64_t ids[PURGE_BATCH], after = 0;
	char iso[DB_DATE], now[DB_TS], text[160];
	day_t day;
	size_t n, i;
	int rc;

	memset(res, 0, sizeof *res);
	err_clear(&s->err);
	if (!session_has_role(s, ROLE_ADMIN))
		return err_set(&s->err, ERR_DENIED,
			       _("Only an administrator can purge cases."));
	if (date_parse(before ? before : "", iso, &s->err))
		return ERR_INVAL;
	day = date_days(iso);
	if (day > session_today(s))
		return err_set(&s->err, ERR_INVAL,
			       _("The purge date cannot be later than today."));
	date_iso(date_add_months(day, -12 * s->cfg->retention_years),
		 res->cutoff);
	date_iso(day - s->cfg->draft_days, res->draft_cutoff);
	session_now_ts(s, now);
	if (!dry_run) {
		rc = db_purge_begin(s->db, s->me.id, now, iso, res->cutoff,
				    s->cfg->retention_years, res->draft_cutoff,
				    s->cfg->draft_days, &res->run_id);
		if (rc)
			return err_from_db(&s->err, rc);
	}
	snprintf(text, sizeof text,
		 "anonymised: closed before %s (retention %d years), run %lld",
		 res->cutoff, s->cfg->retention_years, (long long)res->run_id);
	for (;;) {
		rc = db_purge_candidates(s->db, res->cutoff, after, PURGE_BATCH,
					 batch, &n);
		if (rc)
			return err_from_db(&s->err, rc);
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			if (each)
				each(ctx, &batch[i]);
			ids[i] = batch[i].case_id;
			if (dry_run) {
				res->cases++;
				res->persons += batch[i].person_goes;
			}
		}
		after = batch[n - 1].case_id;
		if (dry_run)
			continue;
		rc = db_purge_cases(s->db, res->run_id, ids, n, res->cutoff,
				    s->me.id, now, text, &res->cases,
				    &res->persons);
		if (rc)
			return err_set(&s->err, rc,
				       _("The purge stopped after %ld cases: "
					 "%s Run it again to go on."),
				       res->cases, err_default(rc));
	}
	if ((rc = purge_drafts(s, dry_run, each_draft, ctx, res)))
		return rc;
	if (!dry_run && (rc = db_purge_finish(s->db, res->run_id, now)))
		return err_from_db(&s->err, rc);
	return 0;
}
