/*
 * Opening the file, migrations, transactions with retry, backup.
 *
 * Settings on every open: WAL (readers never block the writer), foreign
 * keys on, and durable commits: a decision reported as saved survives a
 * power loss.  That is synchronous=NORMAL plus db_tx's own sync of the WAL
 * after each commit (wal_sync), not synchronous=FULL: FULL syncs while the
 * write lock is held, so that with many sessions every writer queues
 * behind every other's fsync (3 ms each here: 200 saves at once wait
 * over a second).  Synced after the lock is released, the commits of many
 * processes share their fsyncs, and what is reported saved is on disk all
 * the same.  A write still busy after the busy wait is retried as a whole
 * transaction a few times before DB_BUSY reaches core.
 */
#include <errno.h>
#include <linux/futex.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "dbint.h"

extern const char *const db_migrations[];
extern const size_t db_migration_count;

#define BUSY_TIMEOUT_MS 5000
#define TX_TRIES 8

int db_schema_latest(void)
{
	return (int)db_migration_count;
}

const char *db_last_error(const struct db *db)
{
	return db ? db->errmsg : "";
}

unsigned long db_retries(const struct db *db)
{
	return db->retries;
}

int db_rc(struct db *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return DB_OK;
	default:
		break;
	}
	if (db && db->h)
		snprintf(db->errmsg, sizeof db->errmsg, "%s (%d)",
			 sqlite3_errmsg(db->h), rc);
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_FULL:
		return DB_FULL;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
		return DB_READONLY;
	case SQLITE_NOMEM:
		return DB_NOMEM;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		return DB_IO;
	case SQLITE_CONSTRAINT:
		return DB_CONFLICT;
	default:
		return DB_ERROR;
	}
}

static void writers_first(struct db *db);

sqlite3_stmt *db_prep(struct db *db, const char *sql)
{
	size_t i;
	sqlite3_stmt *st = NULL;
	int rc;

	if (db->after_commit && !db->in_tx) {
		db->after_commit = false;
		writers_first(db);
	}
	for (i = 0; i < db->nstmt; i++)
		if (db->stmt[i].sql == sql) {
			st = db->stmt[i].st;
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return st;
		}
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
				NULL);
	if (rc != SQLITE_OK) {
		db_rc(db, rc);
		return NULL;
	}
	if (db->nstmt < DB_STMT_CACHE) {
		db->stmt[db->nstmt].sql = sql;
		db->stmt[db->nstmt].st = st;
		db->nstmt++;
	} else {
		/* Cache full: a programming error worth seeing in tests. */
		snprintf(db->errmsg, sizeof db->errmsg, "statement cache full");
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

int db_step_long(struct db *db, sqlite3_stmt *st, long *n)
{
	int rc = sqlite3_step(st);

	*n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
}

int db_step_done(struct db *db, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	int out = rc == SQLITE_DONE ? DB_OK : db_rc(db, rc);
	sqlite3_reset(st);
	return out;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
}

void db_bind_opt(sqlite3_stmt *st, int i, const char *s)
{
	if (s && *s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

void db_col_text(sqlite3_stmt *st, int i, char *out, size_t size)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n;

	if (!t) {
		out[0] = '\0';
		return;
	}
	n = strlen((const char *)t);
	if (n >= size) {
		/* never cut a UTF-8 sequence in half */
		n = size - 1;
		while (n > 0 && (t[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(out, t, n);
	out[n] = '\0';
}

int64_t db_col_id(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL
		       ? 0
		       : sqlite3_column_int64(st, i);
}

void *db_grow(void **arr, size_t *cap, size_t *n, size_t elem)
{
	char *slot;

	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		void *p = realloc(*arr, ncap * elem);
		if (!p)
			return NULL;
		*arr = p;
		*cap = ncap;
	}
	slot = (char *)*arr + (*n)++ * elem;
	memset(slot, 0, elem);
	return slot;
}

int db_rows(struct db *db, sqlite3_stmt *st, size_t elem,
	    void (*read)(sqlite3_stmt *st, void *row), void **out, size_t *n)
{
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		void *row = db_grow(out, &cap, n, elem);
		if (!row) {
			rc = SQLITE_NOMEM;
			break;
		}
		read(st, row);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_DONE)
		return DB_OK;
	free(*out);
	*out = NULL;
	*n = 0;
	return rc == SQLITE_NOMEM ? DB_NOMEM : db_rc(db, rc);
}

static void backoff(struct db *db, unsigned attempt)
{
	/* 1, 2, 4 ... ms with jitter so that colliding writers spread out */
	struct timespec ts = {0, 0};
	long ms = (1L << (attempt < 7 ? attempt : 7)) + rand_r(&db->seed) % 8;
	ts.tv_nsec = ms * 1000000L;
	nanosleep(&ts, NULL);
}

/*
 * The page every process shares through the lock file (mmap): the group
 * sync's counters (wal_sync), the writers' queue and the WAL's size
 * (checkpoints).
 *
 * The queue: flock(2) is not fair.  A writer woken when the lock is let
 * go must still be scheduled before it can take it, and a writer arriving
 * at that moment takes it first; in a burst of two hundred saves the
 * early ones were overtaken again and again and waited three times as
 * long as the whole burst took.  So writers first draw a ticket and wait,
 * asleep on a futex of their own slot, until the ticket before theirs is
 * done: first come, first served, one wake-up per turn.  flock stays the
 * lock itself (the kernel lets it go when a process dies); the queue only
 * orders who asks for it.  A ticket whose process died is skipped after
 * one short wait (its pid is gone); a wait of a second gives up the order
 * and goes to flock and its alarm as before, so a stuck writer (Ctrl-Z)
 * can never hang the others.  More waiters than slots share slots, which
 * costs a spurious wake-up, nothing else.  Zeroed page = empty queue.
 * (Measured with 200 sessions saving at once: p99 121-165 ms with flock
 * alone, 108-113 ms with the queue; with only the next in line watching
 * and without mmap (db_open), 62-76 ms.)
 */
#define QUEUE_SLOTS 256
#define QUEUE_NAP_MS 10
#define QUEUE_GIVE_UP_MS 1000 /* a turn is a fraction of a millisecond */
#define QUEUE_SANE 65536      /* waiting sessions, at the very most */

struct wal_shared {
	uint64_t written, synced;   /* group sync: commits written, synced */
	uint32_t next, serving;     /* the next ticket; the one whose turn it is */
	uint32_t wake[QUEUE_SLOTS]; /* futex words, slot = ticket % SLOTS */
	int32_t pid[QUEUE_SLOTS];   /* who holds the ticket of the slot */
	uint32_t wal_pages;         /* the WAL's size after the last commit */
};

static void shared_map(struct db *db)
{
	struct stat st;
	void *p;

	db->shared = NULL;
	if (db->dirfd < 0 || fstat(db->dirfd, &st) != 0)
		return;
	if (st.st_size < (off_t)sizeof(struct wal_shared) &&
	    ftruncate(db->dirfd, 4096) != 0)
		return;
	p = mmap(NULL, sizeof(struct wal_shared), PROT_READ | PROT_WRITE,
		 MAP_SHARED, db->dirfd, 0);
	if (p != MAP_FAILED)
		db->shared = p;
}

#define LOAD(p) __atomic_load_n((p), __ATOMIC_SEQ_CST)

static bool turn_reached(uint32_t serving, uint32_t ticket)
{
	return (int32_t)(serving - ticket) >= 0; /* wraps around */
}

static void queue_wake(struct wal_shared *q, uint32_t ticket)
{
	uint32_t *w = &q->wake[ticket % QUEUE_SLOTS];

	__atomic_add_fetch(w, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, w, FUTEX_WAKE, INT32_MAX, NULL, NULL, 0);
}

/* The turn of `ticket` is over (done, or its process is gone): the next
 * ticket's turn begins, and the one after it is now next in line, the
 * waiter that watches the holder (queue_enter). */
static void queue_advance(struct wal_shared *q, uint32_t ticket)
{
	uint32_t t = ticket;

	if (__atomic_compare_exchange_n(&q->serving, &t, ticket + 1, false,
					__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		queue_wake(q, ticket + 1);
		queue_wake(q, ticket + 2);
	}
}

static bool pid_gone(int32_t pid)
{
	return pid > 0 && kill(pid, 0) != 0 && errno == ESRCH;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000L +
	       (now.tv_nsec - t0->tv_nsec) / 1000000L;
}

/*
 * Sleeps until the turn of ticket t comes (every ticket before it is
 * done), or until QUEUE_GIVE_UP_MS have passed since t0.
 *
 * Only the waiter next in line watches the holder: it naps QUEUE_NAP_MS
 * at a time and skips a ticket whose process is gone.  The others sleep
 * until they are woken, when they become next in line or their turn
 * comes (queue_advance wakes both), or until the give-up time.  When
 * every waiter woke every QUEUE_NAP_MS to look, two hundred waiters were
 * two hundred processes taking the processor from the one holding the
 * lock: in a burst of saves four turns in ten were preempted.
 */
static void queue_wait(struct wal_shared *q, uint32_t t,
		       const struct timespec *t0)
{
	for (;;) {
		uint32_t *w = &q->wake[t % QUEUE_SLOTS];
		uint32_t v = LOAD(w), s;
		long waited = ms_since(t0), nap_ms;
		struct timespec nap;
		int32_t holder;

		/* read after the futex word: a wake-up between the two
		 * changes the word, and FUTEX_WAIT returns at once */
		s = LOAD(&q->serving);
		if (turn_reached(s, t))
			return;
		if (waited >= QUEUE_GIVE_UP_MS)
			return; /* order given up; flock and its alarm decide */
		nap_ms = s + 1 == t ? QUEUE_NAP_MS : QUEUE_GIVE_UP_MS - waited;
		nap.tv_sec = nap_ms / 1000;
		nap.tv_nsec = nap_ms % 1000 * 1000000L;
		if (syscall(SYS_futex, w, FUTEX_WAIT, v, &nap, NULL, 0) == 0 ||
		    errno != ETIMEDOUT)
			continue;
		/* tickets nobody will give back: their processes are gone */
		while (!turn_reached(s = LOAD(&q->serving), t) &&
		       (holder = LOAD(&q->pid[s % QUEUE_SLOTS]),
			pid_gone(holder)))
			queue_advance(q, s);
	}
}

/* Draws a ticket and sleeps until its turn; false without a queue. */
static bool queue_enter(struct db *db)
{
	struct wal_shared *q = db->shared;
	struct timespec t0;
	uint32_t t, s;

	if (!q)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	t = __atomic_fetch_add(&q->next, 1, __ATOMIC_SEQ_CST);
	__atomic_store_n(&q->pid[t % QUEUE_SLOTS], (int32_t)getpid(),
			 __ATOMIC_SEQ_CST);
	db->ticket = t;
	/* more tickets ahead than there can be sessions: a page left in a
	 * state no run of the program makes; start the order afresh */
	s = LOAD(&q->serving);
	if ((int32_t)(t - s) > QUEUE_SANE)
		__atomic_compare_exchange_n(&q->serving, &s, t, false,
					    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
	queue_wait(q, t, &t0);
	return true;
}

/*
 * Writers first.  After its own save a session reads again what its
 * screen shows; in a burst of saves those reads took the processor from
 * the writer holding its turn, and every save behind it waited longer.
 * So after a commit the next statement prepared outside a transaction
 * first waits, asleep, until the saves queued at that moment are done:
 * it takes no ticket (nobody waits for it) and sleeps on the futex of
 * the first ticket not yet drawn.  With nobody queued it goes ahead at
 * once; a new action of the user's (db_action_begin) goes ahead too, so
 * a save's own checks never wait twice.  (200 sessions saving at once
 * and reading their screens again: p99 129-150 ms with the reads going
 * ahead, 65-90 ms with them waiting.)
 */
static void writers_first(struct db *db)
{
	struct wal_shared *q = db->shared;
	struct timespec t0;
	uint32_t t;

	if (!q)
		return;
	t = LOAD(&q->next);
	if (turn_reached(LOAD(&q->serving), t))
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	queue_wait(q, t, &t0);
}

void db_action_begin(struct db *db)
{
	db->after_commit = false;
}

static void queue_leave(struct db *db)
{
	queue_advance(db->shared, db->ticket);
}

/*
 * Writers take turns in the kernel, not by polling.  SQLite's write lock
 * has no queue: a writer that finds it taken sleeps and tries again, and
 * with hundreds of sessions the sleepers' retries eat the processor the
 * lock's holder needs.  So db_tx first takes flock(2) on the database's
 * lock file (DB-wlock), blocking: waiters sleep in
 * the kernel and one is woken when the lock is let go, right after the
 * commit (the fsync that follows is outside it).  flock is not the fcntl
 * locking SQLite uses, so the two never interfere; another program that
 * writes without it is still met by SQLite's own lock and busy_wait.
 * The wait is bounded by an alarm: a writer stopped inside its
 * transaction (Ctrl-Z) makes the others fall back to the busy wait and
 * its timeout, never hang.
 */
static int lock_open(const char *path)
{
	char lock[4200];
	int fd;

	/* Our own file beside the database, never the database or its -shm:
	 * closing any descriptor of a file drops the process's fcntl locks on
	 * it, SQLite's included.  One lock file per database, so databases
	 * that share a directory never wait for each other.  Made with the
	 * database's group (the data directory is setgid); where it cannot be
	 * made (a read-only directory) writers fall back to SQLite's lock. */
	if (!*path || strcmp(path, ":memory:") == 0 ||
	    strncmp(path, "file:", 5) == 0)
		return -1; /* no file of its own: SQLite's lock alone */
	snprintf(lock, sizeof lock, "%s-wlock", path);
	fd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660);
	if (fd < 0)
		fd = open(lock, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	return fd;
}

static void on_alarm(int sig)
{
	(void)sig; /* only to end the wait in flock with EINTR */
}

static bool writers_lock(struct db *db)
{
	struct sigaction sa, old;
	struct itimerval it, none;
	bool ok;

	if (db->dirfd < 0)
		return false;
	db->queued = queue_enter(db);
	if (flock(db->dirfd, LOCK_EX | LOCK_NB) == 0)
		return true;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm; /* no SA_RESTART: flock returns */
	sigemptyset(&sa.sa_mask);
	memset(&it, 0, sizeof it);
	memset(&none, 0, sizeof none);
	it.it_value.tv_sec = BUSY_TIMEOUT_MS / 1000;
	sigaction(SIGALRM, &sa, &old);
	setitimer(ITIMER_REAL, &it, NULL);
	ok = flock(db->dirfd, LOCK_EX) == 0;
	setitimer(ITIMER_REAL, &none, NULL);
	sigaction(SIGALRM, &old, NULL);
	return ok;
}

static void writers_unlock(struct db *db, bool locked)
{
	if (locked)
		flock(db->dirfd, LOCK_UN);
	if (db->queued)
		queue_leave(db);
	db->queued = false;
}

/* SQLite's own busy wait sleeps longer and longer (up to 100 ms a try),
 * so a writer that waited a little waits long after the lock is free.
 * The write lock is held for well under a millisecond: try again soon,
 * with jitter so that waiters spread out, for up to BUSY_TIMEOUT_MS. */
static int busy_wait(void *arg, int tries)
{
	struct db *db = arg;
	struct timespec now, nap = {0, 0};
	long us;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (tries == 0)
		db->busy_since = now;
	else if ((now.tv_sec - db->busy_since.tv_sec) * 1000L +
			 (now.tv_nsec - db->busy_since.tv_nsec) / 1000000L >
		 BUSY_TIMEOUT_MS)
		return 0;
	us = tries < 4 ? 100L << tries : 1000L;
	nap.tv_nsec = (us + rand_r(&db->seed) % 1000) * 1000L;
	nanosleep(&nap, NULL);
	return 1;
}

/*
 * Group sync.  A commit is durable once the WAL's frames are on disk, and
 * one fsync of the WAL carries every frame written before it began,
 * whoever wrote them.  The lock file holds two counters, shared by every
 * process through mmap: commits written (raised inside the writers' turn,
 * after COMMIT wrote the frames) and commits known synced.  After its
 * turn a writer whose commit is already covered by another's finished
 * sync returns at once; otherwise it notes how many commits were written
 * before it starts, syncs, and raises the synced count to that.  In a
 * burst of saves one sync serves many writers instead of each queueing
 * for its own.  Without the shared page (a read-only lock file, an
 * in-memory database) every writer syncs, as before.
 */

/* Inside the writers' turn, right after a successful COMMIT. */
static uint64_t shared_written(struct db *db)
{
	return db->shared ? __atomic_add_fetch(&db->shared->written, 1,
					       __ATOMIC_SEQ_CST)
			  : 0;
}

static int wal_sync(struct db *db, uint64_t mine)
{
	sqlite3_file *f = NULL;
	uint64_t upto = 0, seen;
	int rc;

	if (db->shared && mine &&
	    __atomic_load_n(&db->shared->synced, __ATOMIC_SEQ_CST) >= mine)
		return DB_OK; /* another's sync, begun after our frames */
	if (sqlite3_file_control(db->h, "main", SQLITE_FCNTL_JOURNAL_POINTER,
				 &f) != SQLITE_OK ||
	    !f || !f->pMethods)
		return DB_OK; /* no WAL (a rollback journal syncs itself) */
	if (db->shared)
		upto = __atomic_load_n(&db->shared->written, __ATOMIC_SEQ_CST);
	rc = f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
	if (rc != SQLITE_OK)
		return db_rc(db, rc);
	if (db->shared) {
		seen = __atomic_load_n(&db->shared->synced, __ATOMIC_SEQ_CST);
		while (seen < upto &&
		       !__atomic_compare_exchange_n(&db->shared->synced, &seen,
						    upto, false,
						    __ATOMIC_SEQ_CST,
						    __ATOMIC_SEQ_CST))
			;
	}
	return DB_OK;
}

/*
 * Checkpoints, off the writers' turn.  SQLite's automatic checkpoint runs
 * inside COMMIT, while db_tx still holds the writers' lock: every writer
 * waiting behind it waited for a thousand pages copied and a sync of the
 * database file, the worst latencies of a burst.  Here the commit only
 * notes the WAL's size; db_tx checkpoints after letting go of the lock,
 * PASSIVE (it never waits for readers or writers; if another process is
 * checkpointing it returns at once).  Commits made outside db_tx (the
 * migrations, the demo's bulk load) checkpoint here, as SQLite would.
 *
 * And off the user's wait.  A checkpoint after a commit is still part of
 * that save as its user waits for it, and in a burst it took 50-70 ms
 * (a thousand pages and a sync of the database file, beside two hundred
 * syncs of the WAL): the slowest saves of a burst were the ones that
 * checkpointed, or synced beside one.  So a process that has idle
 * moments (the terminal interface: the screen is drawn and its user
 * reads, db_idle) leaves checkpoints to them: it copies the WAL back
 * when the WAL has grown past WAL_CHECKPOINT_PAGES, nobody is waiting
 * for a turn or a sync, and its own user is not waiting for anything.
 * The WAL's size after each commit is on the shared page, so any
 * session may do it.  A process without idle moments (a command)
 * checkpoints after its commits as before, and so does every process
 * once the WAL passes WAL_CHECKPOINT_FORCE, in case nobody has been
 * idle.
 */
#define WAL_CHECKPOINT_PAGES 1000
#define WAL_CHECKPOINT_FORCE (4 * WAL_CHECKPOINT_PAGES)

static int wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
	struct db *db = arg;

	db->wal_pages = pages;
	if (db->shared)
		__atomic_store_n(&db->shared->wal_pages, (uint32_t)pages,
				 __ATOMIC_SEQ_CST);
	if (!db->in_tx && pages >= WAL_CHECKPOINT_PAGES)
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE,
					  NULL, NULL);
	return SQLITE_OK;
}

static void checkpoint_now(struct db *db)
{
	db->wal_pages = 0;
	if (db->shared)
		__atomic_store_n(&db->shared->wal_pages, 0, __ATOMIC_SEQ_CST);
	sqlite3_wal_checkpoint_v2(db->h, "main", SQLITE_CHECKPOINT_PASSIVE,
				  NULL, NULL);
}

/* After a commit in db_tx. */
static void wal_checkpoint(struct db *db)
{
	if (db->wal_pages >= (db->idle_checkpoints ? WAL_CHECKPOINT_FORCE
						   : WAL_CHECKPOINT_PAGES))
		checkpoint_now(db);
}

void db_idle(struct db *db)
{
	struct wal_shared *q = db->shared;
	uint32_t pages;

	db->idle_checkpoints = true;
	if (db->in_tx)
		return;
	pages = q ? LOAD(&q->wal_pages) : (uint32_t)db->wal_pages;
	if (pages < WAL_CHECKPOINT_PAGES)
		return;
	/* saves are waiting for a turn, or a saved commit for its sync: a
	 * checkpoint's writes and sync would make them wait longer (in a
	 * burst, one begun as the last turns ended held their syncs 60 ms) */
	if (q && (!turn_reached(LOAD(&q->serving), LOAD(&q->next)) ||
		  LOAD(&q->synced) < LOAD(&q->written)))
		return;
	checkpoint_now(db);
}

static int tx_once(struct db *db, int (*fn)(struct db *db, void *arg),
		   void *arg, bool *retry, uint64_t *mine);

int db_tx(struct db *db, int (*fn)(struct db *db, void *arg), void *arg)
{
	unsigned attempt;
	int rc = DB_BUSY;

	for (attempt = 0; attempt < TX_TRIES; attempt++) {
		bool retry = false;
		uint64_t mine = 0;
		db->in_tx = true;
		rc = tx_once(db, fn, arg, &retry, &mine);
		db->in_tx = false;
		if (rc == DB_OK) {
			rc = wal_sync(db, mine);
			wal_checkpoint(db);
			db->after_commit = true; /* writers first (db_prep) */
			return rc;
		}
		if (!retry)
			return rc;
		db->retries++;
		backoff(db, attempt);
	}
	return rc;
}

/* BEGIN and COMMIT from the statement cache: parsed once, not inside
 * every writer's turn.  Returns SQLite's code (SQLITE_OK when done). */
static int step_once(struct db *db, const char *sql)
{
	sqlite3_stmt *st = db_prep(db, sql);
	int rc;

	if (!st)
		return sqlite3_exec(db->h, sql, NULL, NULL, NULL);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* One attempt: the writers' turn, BEGIN IMMEDIATE, fn, COMMIT, the turn
 * given back.  *retry when the database was busy. */
static int tx_once(struct db *db, int (*fn)(struct db *db, void *arg),
		   void *arg, bool *retry, uint64_t *mine)
{
	bool locked = writers_lock(db);
	int src = step_once(db, "BEGIN IMMEDIATE");
	int rc;

	if (src != SQLITE_OK) {
		writers_unlock(db, locked);
		rc = db_rc(db, src);
		*retry = rc == DB_BUSY;
		return rc;
	}
	rc = fn(db, arg);
	if (rc == DB_OK) {
		src = step_once(db, "COMMIT");
		if (src == SQLITE_OK && locked)
			*mine = shared_written(db);
		writers_unlock(db, locked);
		if (src == SQLITE_OK)
			return DB_OK;
		rc = db_rc(db, src);
	}
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	writers_unlock(db, locked);
	*retry = rc == DB_BUSY;
	return rc;
}

int db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s",
			 msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return db_rc(db, rc) == DB_OK ? DB_ERROR : db_rc(db, rc);
	}
	return DB_OK;
}

static int pragma(struct db *db, const char *sql)
{
	return db_exec(db, sql);
}

/* SQLite says "cannot open" for a WAL database it cannot write (its -shm
 * cannot be made): tell the user what is wrong, the file or its file
 * system is read-only.  With the effective IDs, as the program opens. */
static bool read_only(const char *path)
{
	char wal[4096 + 8];
	struct statvfs vfs;

	if (statvfs(path, &vfs) == 0 && (vfs.f_flag & ST_RDONLY))
		return true;
	if (faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 &&
	    (errno == EACCES || errno == EROFS || errno == EPERM))
		return true;
	snprintf(wal, sizeof wal, "%s-shm", path);
	return faccessat(AT_FDCWD, wal, W_OK, AT_EACCESS) != 0 &&
	       (errno == EACCES || errno == EROFS);
}

int db_open(struct db **out, const char *path, int flags)
{
	struct stat st;
	struct db *db;
	int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
	int rc;

	*out = NULL;
	/* stat, not access(2): installed setgid, the directory is open to
	 * the program's group, not to the user who runs it */
	if (!(flags & DB_OPEN_CREATE) && stat(path, &st) != 0)
		return DB_NOTFOUND;
	if (flags & DB_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	db = calloc(1, sizeof *db);
	if (!db)
		return DB_NOMEM;
	snprintf(db->path, sizeof db->path, "%s", path);
	db->dirfd = lock_open(path);
	shared_map(db);
	/* the jitter differs between processes (rand() would not, unseeded) */
	db->seed = (unsigned)getpid() ^ (unsigned)time(NULL) ^
		   (unsigned)(uintptr_t)db;
	rc = sqlite3_open_v2(path, &db->h, oflags, NULL);
	if (rc != SQLITE_OK) {
		rc = db_rc(db, rc);
		db_close(&db);
		return read_only(path) ? DB_READONLY : rc == DB_OK ? DB_IO : rc;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, busy_wait, db);
	sqlite3_wal_hook(db->h, wal_hook, db); /* replaces the automatic one */
	/* A read-only file shows here first: WAL needs to write the header.
	 * No memory-mapped I/O: each time another process has committed,
	 * SQLite unmaps the whole file before the next transaction and every
	 * page touched faults back in.  With hundreds of sessions writing,
	 * that was a third of each writer's turn (BEGIN 0.11 ms against 0.04
	 * with read(2)); 200 sessions saving at once had a p99 of 88-103 ms
	 * with it and 62-76 ms without (in the bench of that day, which did
	 * not yet read the screen again after a save).  The screens' reads
	 * measured the same both ways (make bench). */
	if ((rc = pragma(db, "PRAGMA journal_mode=WAL")) ||
	    (rc = pragma(db, "PRAGMA synchronous=NORMAL")) ||
	    (rc = pragma(db, "PRAGMA foreign_keys=ON")) ||
	    (rc = pragma(db, "PRAGMA temp_store=MEMORY")) ||
	    (rc = pragma(db, "PRAGMA mmap_size=0"))) {
		db_close(&db);
		return read_only(path) ? DB_READONLY : rc;
	}
	*out = db;
	return DB_OK;
}

void db_close(struct db **pdb)
{
	struct db *db = *pdb;
	size_t i;

	if (!db)
		return;
	if (db->shared)
		munmap(db->shared, sizeof *db->shared);
	if (db->dirfd >= 0)
		close(db->dirfd);
	for (i = 0; i < db->nstmt; i++)
		sqlite3_finalize(db->stmt[i].st);
	if (db->h)
		sqlite3_close_v2(db->h);
	free(db);
	*pdb = NULL;
}

int db_user_version(struct db *db, int *version)
{
	sqlite3_stmt *st = db_prep(db, "PRAGMA user_version");
	int rc;

	if (!st)
		return DB_ERROR;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW)
		return db_rc(db, rc);
	*version = sqlite3_column_int(st, 0);
	sqlite3_reset(st);
	return DB_OK;
}

struct migrate_arg {
	int from;
	int target;
};

static int migrate_tx(struct db *db, void *p)
{
	struct migrate_arg *a = p;
	int v, rc;
	size_t i;
	char sql[64];

	/* Read the version again inside the write lock: another process may
	 * have migrated while we waited. */
	if ((rc = db_user_version(db, &v)))
		return rc;
	a->from = v;
	if (v > (int)db_migration_count)
		return DB_NEWER;
	for (i = (size_t)v; i < (size_t)a->target; i++) {
		if ((rc = db_exec(db, db_migrations[i])))
			return rc;
	}
	if (v >= a->target)
		return DB_OK;
	snprintf(sql, sizeof sql, "PRAGMA user_version=%d", a->target);
	return db_exec(db, sql);
}

int db_migrate(struct db *db, int *from, int *to)
{
	return db_migrate_to(db, (int)db_migration_count, from, to);
}

int db_migrate_to(struct db *db, int target, int *from, int *to)
{
	struct migrate_arg a = {0, target};
	int v, rc;

	if ((rc = db_user_version(db, &v)))
		return rc;
	if (v > (int)db_migration_count) {
		snprintf(db->errmsg, sizeof db->errmsg,
			 "database schema %d, program knows %zu", v,
			 db_migration_count);
		if (from)
			*from = v;
		return DB_NEWER;
	}
	if (target < 0 || target > (int)db_migration_count)
		return DB_ERROR;
	if (v >= target) {
		a.from = v;
	} else if ((rc = db_tx(db, migrate_tx, &a))) {
		if (from)
			*from = a.from;
		return rc;
	}
	if (from)
		*from = a.from;
	if (to)
		*to = v > target ? v : target;
	return DB_OK;
}

int db_backup(struct db *db, const char *dest_path)
{
	sqlite3 *dest = NULL;
	sqlite3_backup *b;
	int rc;

	rc = sqlite3_open_v2(dest_path, &dest,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close_v2(dest);
		return db_rc(db, rc) ? DB_IO : DB_IO;
	}
	b = sqlite3_backup_init(dest, "main", db->h, "main");
	if (!b) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s", sqlite3_errmsg(dest));
		sqlite3_close_v2(dest);
		return DB_IO;
	}
	/* One step copies everything inside one read transaction: a
	 * consistent snapshot even while others write (WAL). */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s", sqlite3_errstr(rc));
		sqlite3_close_v2(dest);
		return (rc & 0xff) == SQLITE_FULL ? DB_FULL : DB_IO;
	}
	rc = sqlite3_close_v2(dest);
	return rc == SQLITE_OK ? DB_OK : DB_IO;
}

int db_integrity_ok(struct db *db)
{
	sqlite3_stmt *st = NULL;
	int ok = 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st,
			       NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		ok = t && strcmp((const char *)t, "ok") == 0;
	}
	sqlite3_finalize(st);
	return ok;
}

int db_count(struct db *db, const char *table, int64_t *n)
{
	char sql[128];
	sqlite3_stmt *st = NULL;
	int rc;

	/* table names come from tests and the demo loader, never from users */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\"", table);
	rc = sqlite3_prepare_v2(db->h, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return db_rc(db, rc);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	rc = rc == SQLITE_ROW ? DB_OK : db_rc(db, rc);
	sqlite3_finalize(st);
	return rc;
}
