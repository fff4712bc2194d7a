/*
 * `bosak demo`: a realistic synthetic municipality for trying the program,
 * for later work and for the benchmark.
 *
 * Units as a Norwegian municipality has them, a few dozen staff (more for
 * a large population) with memberships in every role, N persons with
 * Norwegian names, synthetic ID numbers (month + 80) and addresses, and
 * for roughly 30% of them a case with a consistent history over the last
 * two years: intake, assessment, referrals, interim replies, handover,
 * decisions with letters, appeals, leases and closing, each with its
 * journal lines, deadlines, consents, checklist and access-log rows.
 *
 * Everything is decided here (core); db/demo.c only stores the rows, one
 * transaction per batch.  The output depends only on the seed, N and the
 * session's "today": the generator is a xorshift64* stream of our own
 * (never rand(), whose sequence differs between C libraries), and the
 * history is laid out person by person in the order of the received dates,
 * so that case numbers run in the order applications came in.
 *
 * The demo writes synthetic numbers directly; intake accepts them only
 * where the configuration says [demo] allow_synthetic_ids = yes.
 * Texts stored as data (journal notes, referral questions, decision
 * letters) are in Norwegian, as users of the municipality would write
 * them; legal references and appeal bodies come from the configuration.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core.h"

#define DEMO_BATCH_PERSONS 20000
#define DEMO_DAYS 730          /* the history covers the last two years */
#define DEMO_CASE_PERCENT 30   /* of persons have a case */
#define DEMO_MAX_PERSONS 5000000 /* about what the ID numbers of a birth
				    day allow */
#define NID_FIRST_DAY "1920-01-01" /* birth days counted from here */

/* ------------------------------------------------------------ the stream */

struct rng {
	uint64_t s;
};

static void rng_seed(struct rng *r, uint64_t seed)
{
	/* splitmix64 spreads any seed (0 too) over the state */
	uint64_t z = seed + 0x9E3779B97F4A7C15ull;
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	z ^= z >> 31;
	r->s = z ? z : 0x2545F4914F6CDD1Dull;
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t x = r->s;
	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545F4914F6CDD1Dull;
}

/* 0 .. n-1 */
static unsigned rng_below(struct rng *r, unsigned n)
{
	return n ? (unsigned)(((rng_next(r) >> 32) * (uint64_t)n) >> 32) : 0;
}

/* lo .. hi, both included; lo when hi < lo */
static int rng_range(struct rng *r, int lo, int hi)
{
	return hi <= lo ? lo : lo + (int)rng_below(r, (unsigned)(hi - lo + 1));
}

static bool rng_pct(struct rng *r, unsigned pct)
{
	return rng_below(r, 100) < pct;
}

static int rng_weighted(struct rng *r, const unsigned *w, int n)
{
	unsigned total = 0, x;
	int i;

	for (i = 0; i < n; i++)
		total += w[i];
	x = rng_below(r, total);
	for (i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[rng_below((r), (unsigned)NELEM(a))])

/* ------------------------------------------------------------- the data */

static const char *const given_names[] = {
	"Ørjan", "Åse", "Bjørn", "Øystein", "Sølvi", "Åsmund", "Kåre",
	"Jørgen", "Håkon", "Mari", "Kari", "Ola", "Nils", "Ingrid", "Sigrid",
	"Astrid", "Solveig", "Ragnhild", "Tone", "Trine", "Lars", "Per",
	"Kjell", "Knut", "Arne", "Terje", "Geir", "Svein", "Gunnar", "Anne",
	"Hilde", "Marit", "Randi", "Liv", "Berit", "Inger", "Eva", "Nora",
	"Emma", "Sofie", "Jonas", "Emil", "Magnus", "Henrik", "Sindre",
	"Vegard", "Torbjørn", "Bjørg", "Gøril", "Målfrid", "Ståle", "Pål",
	"Bård", "Frøydis", "Jørund", "Tormod", "Synnøve", "Åsne", "Dag",
	"Siri", "Aud", "Turid", "Marius", "Andreas", "Thea", "Ida",
	"Kristian", "Espen", "Øyvind", "Ragnar", "Linnéa", "Mette", "Camilla",
	"Stian", "Kjersti", "Hege", "Tor", "Åshild", "Sverre", "Eirik",
};

static const char *const family_names[] = {
	"Kjærstad", "Bråten", "Sæther", "Løvås", "Hansen", "Johansen",
	"Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
	"Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg",
	"Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl",
	"Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Jakobsen",
	"Moen", "Gundersen", "Iversen", "Strand", "Solberg", "Svendsen", "Eide",
	"Knutsen", "Martinsen", "Paulsen", "Bakken", "Kristoffersen",
	"Mathisen", "Lie", "Amundsen", "Rasmussen", "Lunde", "Solheim",
	"Berntsen", "Moe", "Bjørnstad", "Sæterdal", "Ødegård", "Åsheim",
	"Grønli", "Bøe", "Næss", "Røed", "Dæhli", "Skjærvø", "Fjæstad",
	"Håland", "Tveitå", "Østby", "Brøten", "Gjærde", "Løken", "Mæhlum",
	"Sætre", "Ås", "Øien", "Hågensen", "Vråle", "Nordbø", "Hovde",
};

/* a share of applicants came to Norway later in life */
static const char *const given_other[] = {
	"Ahmed", "Fatima", "Mohammed", "Amina", "Abdi", "Hodan", "Olena",
	"Oleksandr", "Piotr", "Agnieszka", "Tesfay", "Semhar", "Zahra",
	"Maryam", "Dragan", "José",
};

static const char *const family_other[] = {
	"Hassan", "Mohamed", "Abdullahi", "Kowalski", "Wiśniewski", "Nowak",
	"Shevchenko", "Kovalenko", "Tesfamariam", "Haile", "Rahimi",
	"Hosseini", "Šarić", "Müller", "Gómez", "Nguyen",
};

static const char *const languages_other[] = {
	"arabisk", "somali", "tigrinja", "ukrainsk", "polsk", "dari",
	"engelsk", "bosnisk",
};

static const char *const streets[] = {
	"Storgata", "Kirkegata", "Torggata", "Parkgata", "Strandgata",
	"Skolegata", "Grønnegata", "Løvstakkvegen", "Åsvegen", "Bjørkelia",
	"Furuvegen", "Granlia", "Sjøgata", "Brugata", "Kongens gate",
	"Vangsvegen", "Østre Torg", "Fjellvegen", "Søndre gate",
	"Nordre gate", "Lærkevegen", "Bekkelia", "Solbakken", "Myrvegen",
	"Tørvvegen", "Ringvegen", "Kløvervegen", "Ålivegen", "Hølvegen",
	"Bjørnstadvegen", "Ottestadvegen", "Grøndalsvegen", "Sætervegen",
	"Gjøvikvegen", "Hamarvegen", "Prestrudvegen", "Høgdavegen",
	"Elvevegen", "Blåklokkevegen", "Rådhusgata",
};

static const struct {
	const char *code, *city;
} places[] = {
	{"2315", "Hamar"},     {"2317", "Hamar"},   {"2318", "Hamar"},
	{"2319", "Hamar"},     {"2321", "Hamar"},   {"2322", "Ridabu"},
	{"2323", "Ingeberg"},  {"2325", "Hamar"},   {"2312", "Ottestad"},
	{"2340", "Løten"},     {"2380", "Brumunddal"}, {"2390", "Moelv"},
	{"2320", "Furnes"},    {"2345", "Ådalsbruk"},
};

static const char *const areas[] = {
	"Sentrum", "Furuberget", "Ajer", "Ottestad", "Ridabu",
	"Vang",    "Børstad",    "Hjellum", "Ingeberg", "Storhamar",
};

static const char *const notes[] = {
	"Samtale med søker på kontoret.",
	"Søker ringte og spurte om status i saken.",
	"Hjemmebesøk gjennomført; boligen er ikke egnet for rullestol.",
	"Søker har levert kopi av husleiekontrakt.",
	"Avtalt nytt møte om to uker.",
	"Søker ønsker bolig nær barnas skole.",
	"Kontakt med fastlege etter samtykke fra søker.",
	"Søker har fått informasjon om bostøtte og startlån.",
	"Tolk brukt i samtalen.",
	"Søker bor midlertidig hos søsteren sin.",
	"Varsel om utkastelse mottatt fra utleier.",
	"Søker møtte ikke til avtalt samtale; ny innkalling sendt.",
	"Økonomisk rådgivning avtalt med NAV.",
	"Søker takker ja til oppfølging i hjemmet.",
};

static const char *const needs_notes[] = {
	"",
	"",
	"Trenger bolig på bakkeplan eller med heis.",
	"Ønsker oppfølging i hjemmet de første månedene.",
	"Trenger hjelp med budsjett og gjeld.",
	"Rullestolbruker.",
	"Har hund.",
	"Trenger bolig nær skole og barnehage.",
	"Behov for bemannet bolig etter utskrivning.",
	"Ønsker ikke bolig i sentrum.",
};

/* ---------------------------------------------------------------- units */

enum demo_unit {
	U_SK, U_NAV, U_EIE, U_PO, U_BOF, U_LEV, U_PHR, U_TILD, U_BF, U_BBL,
	U_ADM, U__COUNT
};

static const struct {
	const char *code, *name, *kind;
} demo_units[U__COUNT] = {
	[U_SK] = {"SK", "Servicekontoret", "desk"},
	[U_NAV] = {"NAV", "NAV", "nav"},
	[U_EIE] = {"EIE", "Eiendom", "property"},
	[U_PO] = {"PO", "Pleie og omsorg", "health"},
	[U_BOF] = {"BOF", "Barn og familie", "child"},
	[U_LEV] = {"LEV", "Levekår og folkehelse", "refugee"},
	[U_PHR] = {"PHR", "Psykisk helse og rus", "mental"},
	[U_TILD] = {"TILD", "Tildelingsgruppen", "allocation"},
	[U_BF] = {"BF", "Boligforum", "forum"},
	[U_BBL] = {"BBL", "Boligbyggelaget", "external"},
	[U_ADM] = {"ADM", "Administrasjon", "desk"},
};

/* the units that can be responsible for a case, and referral targets */
static const enum demo_unit resp_units[] = {U_NAV, U_EIE, U_PO,
					    U_BOF, U_LEV, U_PHR};
static const enum demo_unit ref_units[] = {U_NAV, U_EIE, U_PO, U_BOF,
					   U_LEV, U_PHR, U_BBL};

static const struct {
	const char *asked, *reason;
} ref_text[U__COUNT] = {
	[U_NAV] = {"Økonomisk rådgivning og vurdering av depositumsgaranti.",
		   "Søker har husleierestanse og trenger hjelp med økonomien."},
	[U_EIE] = {"Vurdering av egnet kommunal bolig.",
		   "Søker trenger tilrettelagt bolig på bakkeplan."},
	[U_PO] = {"Vurdering av hjemmetjenester og bemannet bolig.",
		  "Søker klarer ikke å bo alene uten hjelp."},
	[U_BOF] = {"Støttekontakt og oppfølging av familien.",
		   "Familien har barn og bor trangt og usikkert."},
	[U_LEV] = {"Bosetting og oppfølging etter introduksjonsprogrammet.",
		   "Søker er nylig bosatt flyktning."},
	[U_PHR] = {"Oppfølging i hjemmet (booppfølging).",
		   "Søker har rusutfordringer og trenger tett oppfølging."},
	[U_BBL] = {"Formidling av leilighet i borettslag.",
		   "Søker kan leie på det private markedet med garanti."},
};

/* --------------------------------------------------------------- memory */

/* Text of one batch lives in an arena of 1 MiB blocks, reused batch after
 * batch: no pointer moves, one reset per batch. */
#define ARENA_BLOCK ((size_t)1 << 20)
struct block {
	struct block *next;
	size_t used;
	char data[];
};
struct arena {
	struct block *first, *cur;
};

#define VEC(T)                \
	struct {              \
		T *p;         \
		size_t n, cap; \
	}

struct staff_pool {
	size_t n;
	int64_t id[64];
	char name[64][129];
};

struct gen {
	struct session *s;
	const struct config *cfg;
	struct rng r;
	struct arena arena;
	bool oom;
	_Alignas(max_align_t) char scratch[512]; /* rows when memory ran out */

	day_t today;
	day_t first_day;
	long persons;
	long ncases;                 /* cases made so far */
	int64_t next_person, next_household, next_case, next_dwelling,
		next_referral, next_plan, next_decision, next_appeal,
		next_lease;
	long nleases;

	int64_t unit[U__COUNT];
	struct staff_pool cw[U__COUNT];  /* caseworkers */
	struct staff_pool sup[U__COUNT]; /* supervisors */
	struct staff_pool desk, alloc, admin;
	long nstaff;

	int seq_base;                /* year of seq[0] */
	long seq[4];                 /* last case number by year */
	unsigned short *serial;      /* next individual digits by birth day */
	size_t nserial;

	VEC(struct db_demo_person) person;
	VEC(struct db_demo_household) household;
	VEC(struct db_demo_member) member;
	VEC(struct db_demo_dwelling) dwelling;
	VEC(struct db_demo_case) kase;
	VEC(struct db_demo_consent) consent;
	VEC(struct db_demo_doc) doc;
	VEC(struct db_demo_journal) journal;
	VEC(struct db_demo_access) access;
	VEC(struct db_demo_referral) referral;
	VEC(struct db_demo_refmsg) refmsg;
	VEC(struct db_demo_forum) forum;
	VEC(struct db_demo_plan) plan;
	VEC(struct db_demo_participant) participant;
	VEC(struct db_demo_measure) measure;
	VEC(struct db_demo_revision) revision;
	VEC(struct db_demo_decision) decision;
	VEC(struct db_demo_appeal) appeal;
	VEC(struct db_demo_lease) lease;
	VEC(struct db_demo_deadline) deadline;
	VEC(struct db_demo_seq) seqrow;
};

_Static_assert(sizeof(struct db_demo_decision) <= 512 &&
		       sizeof(struct db_demo_referral) <= 512 &&
		       sizeof(struct db_demo_case) <= 512,
	       "the scratch row must hold any row");

static void *vec_grow(void *p, size_t *cap, size_t size, bool *oom)
{
	size_t ncap = *cap ? *cap * 2 : 256;
	void *np = realloc(p, ncap * size);

	if (!np) {
		*oom = true;
		return p;
	}
	*cap = ncap;
	return np;
}

/* A zeroed new row at the end of vector v (or scratch when out of memory,
 * which the batch then reports). */
#define PUSH(g, v)                                                           \
	(((v).n < (v).cap ||                                                 \
	  ((v).p = vec_grow((v).p, &(v).cap, sizeof *(v).p, &(g)->oom),      \
	   (v).n < (v).cap))                                                 \
		 ? (memset(&(v).p[(v).n], 0, sizeof *(v).p), &(v).p[(v).n++]) \
		 : (void *)memset((g)->scratch, 0, sizeof(g)->scratch))

static char *arena_alloc(struct gen *g, size_t n)
{
	struct arena *a = &g->arena;

	if (n > ARENA_BLOCK) {
		g->oom = true;
		return NULL;
	}
	if (!a->cur || a->cur->used + n > ARENA_BLOCK) {
		struct block *next = a->cur ? a->cur->next : a->first;
		if (!next) {
			next = malloc(sizeof *next + ARENA_BLOCK);
			if (!next) {
				g->oom = true;
				return NULL;
			}
			next->next = NULL;
			if (a->cur)
				a->cur->next = next;
			else
				a->first = next;
		}
		next->used = 0;
		a->cur = next;
	}
	char *p = a->cur->data + a->cur->used;
	a->cur->used += n;
	return p;
}

static const char *af(struct gen *g, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* printf into the batch's arena */
static const char *af(struct gen *g, const char *fmt, ...)
{
	char buf[4096];
	va_list ap;
	int n;
	char *p;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof buf)
		n = (int)sizeof buf - 1;
	p = arena_alloc(g, (size_t)n + 1);
	if (!p)
		return "";
	memcpy(p, buf, (size_t)n);
	p[n] = '\0';
	return p;
}

/* A small string builder for the texts made millions of times (times,
 * addresses, phone numbers): printf would be a tenth of the whole load. */
struct sb {
	size_t n;
	char buf[256];
};

static void sb_s(struct sb *b, const char *s)
{
	size_t len = strlen(s);

	if (len > sizeof b->buf - 1 - b->n)
		len = sizeof b->buf - 1 - b->n;
	memcpy(b->buf + b->n, s, len);
	b->n += len;
}

static void sb_c(struct sb *b, char c)
{
	if (b->n < sizeof b->buf - 1)
		b->buf[b->n++] = c;
}

/* v in decimal, at least width digits */
static void sb_u(struct sb *b, unsigned v, int width)
{
	char tmp[12];
	int n = 0;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v && n < (int)sizeof tmp);
	while (n < width && n < (int)sizeof tmp)
		tmp[n++] = '0';
	while (n > 0)
		sb_c(b, tmp[--n]);
}

static const char *sb_done(struct gen *g, struct sb *b)
{
	char *p = arena_alloc(g, b->n + 1);

	if (!p)
		return "";
	memcpy(p, b->buf, b->n);
	p[b->n] = '\0';
	return p;
}

static const char *dup_text(struct gen *g, const char *s)
{
	size_t n = strlen(s);
	char *p = arena_alloc(g, n + 1);

	if (!p)
		return "";
	memcpy(p, s, n + 1);
	return p;
}

static const char *iso(struct gen *g, day_t d)
{
	char buf[DB_DATE];

	if (d == DAY_NONE)
		return NULL;
	date_iso(d, buf);
	return dup_text(g, buf);
}

/* A timestamp on day d.  Events of one day follow the order of their
 * rank: rank k happens between 06:00 + 30k min and 06:29 + 30k min UTC
 * (office hours in Norway), so that journal order and row times agree. */
static const char *stamp(struct gen *g, day_t d, int rank)
{
	struct sb b = {0};
	char day[DB_DATE];
	unsigned minute = 360 + (unsigned)rank * 30 + rng_below(&g->r, 30);

	date_iso(d, day);
	sb_s(&b, day);
	sb_c(&b, 'T');
	sb_u(&b, minute / 60 % 24, 2);
	sb_c(&b, ':');
	sb_u(&b, minute % 60, 2);
	sb_c(&b, ':');
	sb_u(&b, rng_below(&g->r, 60), 2);
	sb_c(&b, 'Z');
	return sb_done(g, &b);
}

static void show(day_t d, char out[DB_DATE])
{
	char buf[DB_DATE];
	date_iso(d, buf);
	date_show(buf, out);
}

/* "Ødegård" -> "odegaard" for logins and e-mail addresses */
static void ascii_name(const char *in, char *out, size_t size)
{
	char folded[260];
	const char *p;
	size_t n = 0;

	text_fold(in, folded, sizeof folded);
	for (p = folded; *p && n + 3 < size; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 'a' && c <= 'z') {
			out[n++] = (char)c;
		} else if (strncmp(p, "æ", 2) == 0) {
			out[n++] = 'a';
			out[n++] = 'e';
			p++;
		} else if (strncmp(p, "ø", 2) == 0) {
			out[n++] = 'o';
			p++;
		} else if (strncmp(p, "å", 2) == 0) {
			out[n++] = 'a';
			out[n++] = 'a';
			p++;
		}
		/* anything else (space, hyphen, other scripts) is left out */
	}
	out[n] = '\0';
}

/* -------------------------------------------------------------- persons */

struct who {
	int64_t id;
	const char *given, *family, *address, *postcode, *city;
	day_t birth;
	bool foreign;
};

/* A synthetic number for the birth day, never used before in this run. */
static const char *make_nid(struct gen *g, day_t birth, bool dnr)
{
	char iso_b[DB_DATE], out[12];
	day_t base = date_days(NID_FIRST_DAY);
	size_t slot = (size_t)(birth - base) * 2 + (dnr ? 1 : 0);

	date_iso(birth, iso_b);
	if (birth < base || slot >= g->nserial)
		return NULL;
	/* each birth day has about 400 valid individual numbers; the serial
	 * moves past the one used, so numbers never repeat */
	while (g->serial[slot] < 500) {
		unsigned serial = g->serial[slot];
		if (nid_make_synthetic(iso_b, serial, dnr, out))
			return NULL;
		int individual = (out[6] - '0') * 100 + (out[7] - '0') * 10 +
				 (out[8] - '0');
		int lo = individual >= 500 ? 500 : 0;
		unsigned used = (unsigned)(individual - lo);
		if (used < serial) /* wrapped around: the day is full */
			return NULL;
		g->serial[slot] = (unsigned short)(used + 1);
		return dup_text(g, out);
	}
	return NULL;
}

static void make_address(struct gen *g, struct who *w)
{
	unsigned place = rng_below(&g->r, (unsigned)NELEM(places));
	int number = rng_range(&g->r, 1, 140);
	static const char *const letters[] = {"", "", "", "", "A", "B", "C"};

	struct sb b = {0};

	sb_s(&b, PICK(&g->r, streets));
	sb_c(&b, ' ');
	sb_u(&b, (unsigned)number, 1);
	sb_s(&b, PICK(&g->r, letters));
	w->address = sb_done(g, &b);
	w->postcode = places[place].code;
	w->city = places[place].city;
}

/* One person: returns false when no number could be made for the birth
 * day (the caller draws another). */
static bool make_person(struct gen *g, day_t created, int min_age,
			int max_age, struct who *w)
{
	struct db_demo_person *p;
	char buf[300], key1[300], key2[300], a1[64], a2[64];
	const char *nid;
	int age;

	memset(w, 0, sizeof *w);
	w->foreign = rng_pct(&g->r, 9);
	w->given = w->foreign ? PICK(&g->r, given_other) : PICK(&g->r, given_names);
	w->family = w->foreign ? PICK(&g->r, family_other)
			       : PICK(&g->r, family_names);
	/* most applicants are between 20 and 50 */
	age = rng_pct(&g->r, 70) ? rng_range(&g->r, min_age, 50 > max_age ? max_age : 50)
				 : rng_range(&g->r, min_age, max_age);
	/* of age when the application came in */
	w->birth = created - (day_t)age * 365 - (day_t)rng_below(&g->r, 365);
	nid = make_nid(g, w->birth, w->foreign && rng_pct(&g->r, 40));
	if (!nid)
		return false;
	make_address(g, w);
	w->id = g->next_person++;

	p = PUSH(g, g->person);
	p->id = w->id;
	p->nid = nid;
	p->given = w->given;
	p->family = w->family;
	p->birth = iso(g, w->birth);
	p->address = w->address;
	p->postcode = w->postcode;
	p->city = w->city;
	{
		struct sb b = {0};
		sb_c(&b, rng_pct(&g->r, 50) ? '4' : '9');
		sb_u(&b, rng_below(&g->r, 100), 2);
		sb_c(&b, ' ');
		sb_u(&b, rng_below(&g->r, 100), 2);
		sb_c(&b, ' ');
		sb_u(&b, rng_below(&g->r, 1000), 3);
		p->phone = sb_done(g, &b);
	}
	if (rng_pct(&g->r, 65)) {
		struct sb b = {0};
		ascii_name(w->given, a1, sizeof a1);
		ascii_name(w->family, a2, sizeof a2);
		/* example.com: a domain that can never reach anyone */
		sb_s(&b, a1);
		sb_c(&b, '.');
		sb_s(&b, a2);
		sb_u(&b, rng_below(&g->r, 100), 1);
		sb_s(&b, "@example.com");
		p->email = sb_done(g, &b);
	}
	if (w->foreign) {
		p->language = PICK(&g->r, languages_other);
		p->interpreter = rng_pct(&g->r, 60);
	} else {
		p->language = "norsk";
	}
	p->created_at = stamp(g, created, 0);
	snprintf(buf, sizeof buf, "%s %s", w->family, w->given);
	text_fold(buf, key1, sizeof key1);
	snprintf(buf, sizeof buf, "%s %s", w->given, w->family);
	text_fold(buf, key2, sizeof key2);
	p->key1 = dup_text(g, key1);
	p->key2 = dup_text(g, key2);
	return true;
}

/* ---------------------------------------------------------------- cases */

/* an event of a case's history, for its journal */
struct ev {
	day_t day;
	int rank;
	int64_t staff;
	const char *kind, *text, *at;
};

enum {
	RK_REGISTER, RK_ASSESS, RK_DOCS, RK_NOTE, RK_REFERRAL, RK_ANSWER,
	RK_INTERIM, RK_HANDOVER, RK_RETURN, RK_DECISION, RK_APPEAL,
	RK_REASSESS, RK_HOUSED, RK_CLOSE
};

struct kase {
	struct db_demo_case *row;
	struct who *who;
	int u;                       /* responsible unit */
	int64_t cw, desk;
	enum case_status st;
	const char *close_reason;
	day_t R, A, H, Ret, D, P, S, X, I, E, delivered, end;
	int adults, children;
	int rooms;
	enum situation sit;
	bool decided;
	/* consents to record (unit index, state) */
	size_t ncons;
	int cons_unit[8];
	const char *cons_state[8];
	size_t nev;
	struct ev ev[40];
};

/* A journal line of the case at the time a row of its own carries (at),
 * or at a new time of that day and rank (at NULL). */
static void event_at(struct gen *g, struct kase *k, const char *at, day_t day,
		     int rank, int64_t staff, const char *kind,
		     const char *text)
{
	struct ev *e;

	if (k->nev >= NELEM(k->ev) || day == DAY_NONE)
		return;
	e = &k->ev[k->nev++];
	e->day = day;
	e->rank = rank;
	e->staff = staff;
	e->kind = kind;
	e->text = text;
	e->at = at ? at : stamp(g, day, rank);
}

static void event(struct gen *g, struct kase *k, day_t day, int rank,
		  int64_t staff, const char *kind, const char *text)
{
	event_at(g, k, NULL, day, rank, staff, kind, text);
}

static int64_t pick_staff(struct gen *g, const struct staff_pool *p)
{
	return p->n ? p->id[rng_below(&g->r, (unsigned)p->n)] : 0;
}

static enum case_status pick_status(struct gen *g, int age)
{
	/* registered assessment handed_over returned granted waiting
	 * rejected appealed housed closed: older cases have come further */
	static const unsigned young[CS__COUNT] = {45, 40, 5, 5, 0,
						  0,  0,  0, 0, 5};
	static const unsigned month[CS__COUNT] = {10, 45, 20, 5, 3,
						  5,  5,  0, 2, 5};
	static const unsigned half[CS__COUNT] = {0, 20, 15, 5, 6,
						 15, 10, 4, 15, 10};
	static const unsigned old[CS__COUNT] = {0, 4, 3, 1, 2,
						14, 6, 3, 27, 40};
	const unsigned *w = age < 14 ? young : age < 45 ? month
				      : age < 180 ? half : old;
	return (enum case_status)rng_weighted(&g->r, w, CS__COUNT);
}

static enum situation pick_situation(struct gen *g)
{
	static const unsigned w[SIT__COUNT] = {22, 14, 8, 4, 18, 18, 10, 6};
	return (enum situation)rng_weighted(&g->r, w, SIT__COUNT);
}

static int pick_unit(struct gen *g, enum situation sit, bool foreign,
		     int children)
{
	if (foreign && rng_pct(&g->r, 45))
		return U_LEV;
	if (children > 0 && rng_pct(&g->r, 25))
		return U_BOF;
	switch (sit) {
	case SIT_INSTITUTION:
		return rng_pct(&g->r, 50) ? U_PHR : U_PO;
	case SIT_UNSUITABLE:
		return rng_pct(&g->r, 40) ? U_PO : rng_pct(&g->r, 50) ? U_EIE : U_NAV;
	case SIT_ROUGH:
		return rng_pct(&g->r, 50) ? U_PHR : U_NAV;
	case SIT_NOT_RENEWABLE:
		return rng_pct(&g->r, 50) ? U_EIE : U_NAV;
	default:
		return rng_pct(&g->r, 80) ? U_NAV : (int)PICK(&g->r, resp_units);
	}
}

/* Lays the history out: R <= A <= H <= D <= ... <= today, each step a
 * plausible number of days, squeezed when the case is young. */
static void timeline(struct gen *g, struct kase *k)
{
	day_t T = g->today;
	int dur[6], n = 0, sum = 0, avail = (int)(T - k->R), i;
	day_t *step[6];
	bool closing = k->st == CS_CLOSED;
	const char *cr = k->close_reason;
	bool decided = k->st == CS_GRANTED || k->st == CS_WAITING ||
		       k->st == CS_REJECTED || k->st == CS_APPEALED ||
		       k->st == CS_HOUSED ||
		       (closing && (!strcmp(cr, "housed") || !strcmp(cr, "rejected")));

	k->A = k->H = k->Ret = k->D = k->P = k->S = k->X = DAY_NONE;
	k->I = k->E = k->delivered = DAY_NONE;
	if (k->st != CS_REGISTERED && (!closing || decided || rng_pct(&g->r, 80))) {
		dur[n] = rng_range(&g->r, 0, 7);
		step[n++] = &k->A;
	}
	if (decided || k->st == CS_HANDED_OVER || k->st == CS_RETURNED) {
		dur[n] = rng_range(&g->r, 10, 90);
		step[n++] = &k->H;
	}
	if (k->st == CS_RETURNED) {
		dur[n] = rng_range(&g->r, 2, 20);
		step[n++] = &k->Ret;
	}
	if (decided) {
		dur[n] = rng_range(&g->r, 7, 60);
		step[n++] = &k->D;
	}
	if (k->st == CS_APPEALED) {
		dur[n] = rng_range(&g->r, 5, 30);
		step[n++] = &k->P;
	}
	if (k->st == CS_HOUSED || (closing && !strcmp(cr, "housed"))) {
		dur[n] = rng_range(&g->r, 7, 30);
		step[n++] = &k->S;
	}
	if (closing) {
		dur[n] = !strcmp(cr, "housed") ? rng_range(&g->r, 30, 300)
		       : !strcmp(cr, "rejected") ? rng_range(&g->r, 23, 60)
						 : rng_range(&g->r, 3, 90);
		step[n++] = &k->X;
	}
	for (i = 0; i < n; i++)
		sum += dur[i];
	day_t at = k->R;
	for (i = 0; i < n; i++) {
		int d = sum > avail ? (int)((long)dur[i] * avail / sum) : dur[i];
		at += d;
		*step[i] = at;
	}
	if (k->st == CS_GRANTED) {
		/* granted lately; the lease is signed, moving in soon */
		day_t recent = T - rng_range(&g->r, 0, 21);
		if (recent > k->D)
			k->D = recent;
		k->S = T + rng_range(&g->r, 1, 30);
	}
	if (k->D != DAY_NONE && k->D + 2 <= T)
		k->delivered = k->D + 2;
	if (k->st == CS_APPEALED && k->P < (k->delivered != DAY_NONE ? k->delivered : k->D))
		k->P = k->delivered != DAY_NONE ? k->delivered : k->D;
	if (k->P > T)
		k->P = T;
	k->decided = decided;
	k->end = closing ? k->X : T;
}

static const char *unit_code(int u)
{
	return demo_units[u].code;
}

static void deadline(struct gen *g, struct kase *k, const char *kind,
		     int64_t ref, int64_t unit, int64_t staff, day_t due,
		     day_t done, int done_rank)
{
	struct db_demo_deadline *d = PUSH(g, g->deadline);

	d->case_id = k->row->id;
	d->kind = kind;
	d->ref_id = ref;
	d->unit_id = unit;
	d->staff_id = staff;
	d->due = iso(g, due);
	/* a closed case owes nothing any more (as case_close does it) */
	if (done == DAY_NONE && k->st == CS_CLOSED)
		done = k->X;
	if (done != DAY_NONE && done > g->today)
		done = DAY_NONE;
	d->done_at = done == DAY_NONE ? NULL : stamp(g, done, done_rank);
}

static void add_consent(struct kase *k, int u, const char *state)
{
	size_t i;

	for (i = 0; i < k->ncons; i++)
		if (k->cons_unit[i] == u)
			return;
	if (k->ncons < NELEM(k->cons_unit)) {
		k->cons_unit[k->ncons] = u;
		k->cons_state[k->ncons++] = state;
	}
}

enum ref_mode { REF_ANY, REF_OPEN, REF_OVERDUE, REF_ANSWERED };

static void make_referral(struct gen *g, struct kase *k, enum ref_mode mode)
{
	struct db_demo_referral *r;
	day_t T = g->today, C, due;
	int to, from = k->u;
	bool transfer = rng_pct(&g->r, 10);
	day_t lo = k->A != DAY_NONE ? k->A : k->R, hi = k->end;
	int days = g->cfg->referral_days;

	if (hi < lo)
		hi = lo;
	do
		to = (int)PICK(&g->r, ref_units);
	while (to == k->u);
	if (mode == REF_OPEN) {
		C = T - rng_range(&g->r, 0, days - 1);
		if (C < lo)
			C = lo;
	} else if (mode == REF_OVERDUE) {
		C = T - days - rng_range(&g->r, 1, 30);
		if (C < lo)
			C = lo;
	} else {
		C = lo + rng_range(&g->r, 0, (int)(hi - lo));
	}
	due = C + days;
	if (transfer && to != U_BBL && rng_pct(&g->r, 50)) {
		/* an accepted transfer: the case came to its present unit */
		from = to;
		to = k->u;
	} else if (to == U_BBL) {
		transfer = false;
	}

	r = PUSH(g, g->referral);
	r->id = g->next_referral++;
	r->case_id = k->row->id;
	r->from_unit_id = g->unit[from];
	r->to_unit_id = g->unit[to];
	r->kind = transfer ? "transfer" : "service";
	r->asked = transfer ? "Overføring av ansvaret for saken."
			    : ref_text[to].asked;
	r->reason = ref_text[to].reason[0] ? ref_text[to].reason
					    : "Behov for samordnet hjelp.";
	if (rng_pct(&g->r, 92)) {
		r->basis = "consent";
		r->basis_note = "";
		add_consent(k, to, "given");
	} else {
		r->basis = "law";
		r->basis_note = "Fare for liv og helse; avklart med leder.";
	}
	r->deadline = iso(g, due);
	r->assigned_to = pick_staff(g, &g->cw[to]);
	r->created_by = k->cw;
	r->created_at = stamp(g, C, RK_REFERRAL);
	event_at(g, k, r->created_at, C, RK_REFERRAL, k->cw, "referral",
		 af(g, "referral to %s: %s", unit_code(to), r->asked));

	/* the answer */
	bool answered;
	if (mode == REF_OPEN || mode == REF_OVERDUE)
		answered = false;
	else if (mode == REF_ANSWERED)
		answered = true;
	else if (due < T)
		answered = rng_pct(&g->r, 80) || k->st == CS_CLOSED;
	else
		answered = rng_pct(&g->r, 35);
	if (transfer && from != k->u)
		answered = true; /* that is how the case got here */
	day_t ans = C + rng_range(&g->r, 1, days + 5);
	if (ans > T)
		ans = T;
	if (ans > hi && hi >= C)
		ans = hi;
	if (answered) {
		bool accept = (transfer && from != k->u) || rng_pct(&g->r, 75);
		int64_t by = r->assigned_to ? r->assigned_to : k->cw;
		r->status = accept ? "accepted" : "declined";
		r->answer_code = r->status;
		r->answer_text = accept ? "Vi tar saken og kontakter søker innen en uke."
					: "Søker fyller ikke vilkårene for tjenesten; "
					  "anbefaler kontakt med NAV.";
		r->answered_by = by;
		r->answered_at = stamp(g, ans, RK_ANSWER);
		struct db_demo_refmsg *m = PUSH(g, g->refmsg);
		m->referral_id = r->id;
		m->at = r->answered_at;
		m->staff_id = by;
		m->kind = "answer";
		m->text = r->answer_text;
		event_at(g, k, r->answered_at, ans, RK_ANSWER, by, "referral",
			 af(g, "referral to %s %s", unit_code(to), r->status));
	} else if (k->st == CS_CLOSED) {
		r->status = "withdrawn";
	} else if (mode == REF_ANY && due < T && rng_pct(&g->r, 20)) {
		/* disputed: raised in the housing forum */
		r->status = "forum";
		struct db_demo_forum *f = PUSH(g, g->forum);
		f->case_id = k->row->id;
		f->referral_id = r->id;
		f->raised_by = k->cw;
		f->raised_at = stamp(g, due, RK_ANSWER);
		f->why = "Uenighet om hvilken enhet som skal ha ansvaret.";
		if (rng_pct(&g->r, 50) && due + 14 <= T) {
			f->conclusion = "Ansvarlig enhet beholder saken; "
					"mottakende enhet bidrar med oppfølging.";
			f->resp_unit_id = g->unit[k->u];
			f->concluded_at = stamp(g, due + 14, RK_ANSWER);
		}
	} else if (mode == REF_ANY && rng_pct(&g->r, 15)) {
		r->status = "question";
		struct db_demo_refmsg *m = PUSH(g, g->refmsg);
		m->referral_id = r->id;
		m->at = stamp(g, ans, RK_ANSWER);
		m->staff_id = r->assigned_to ? r->assigned_to : k->cw;
		m->kind = "question";
		m->text = "Trenger samtykke til å innhente opplysninger fra "
			  "fastlegen.";
	} else {
		r->status = "open";
	}
	deadline(g, k, "referral", r->id, g->unit[to], r->assigned_to, due,
		 answered ? ans : DAY_NONE, RK_ANSWER);
}

static void make_plan(struct gen *g, struct kase *k)
{
	static const char *const goals[] = {
		"Egen leid bolig innen ett år.", "Mestre egen økonomi.",
		"Stabil boforhold og arbeid eller utdanning.",
		"Bo trygt med barna nær skolen.",
	};
	static const struct {
		const char *what;
		int u;
	} measures[] = {
		{"Booppfølging to ganger i uken", U_PHR},
		{"Økonomisk rådgivning", U_NAV},
		{"Hjemmetjenester", U_PO},
		{"Støttekontakt for barna", U_BOF},
		{"Norskopplæring og introduksjonsprogram", U_LEV},
		{"Tilrettelegging av bolig", U_EIE},
	};
	static const unsigned w[] = {60, 25, 10, 5};
	static const char *const states[] = {"active", "draft", "closed",
					     "declined"};
	struct db_demo_plan *p = PUSH(g, g->plan);
	day_t from = (k->A != DAY_NONE ? k->A : k->R) + rng_range(&g->r, 3, 30);
	int rev, i, nm;

	if (from > g->today)
		from = g->today;
	p->id = g->next_plan++;
	p->person_id = k->who->id;
	p->status = states[rng_weighted(&g->r, w, 4)];
	if (k->st == CS_CLOSED && !strcmp(p->status, "active"))
		p->status = "closed";
	p->coordinator_id = k->cw;
	p->goals = PICK(&g->r, goals);
	p->resources = "Godt nettverk i familien; motivert for endring.";
	p->needs = "Trenger hjelp til å finne og beholde egnet bolig.";
	p->contributions = "Søker møter til avtaler; familien hjelper med flytting.";
	p->period_from = iso(g, from);
	p->period_to = iso(g, date_add_months(from, 12));
	rev = 1 + (int)rng_below(&g->r, 3);
	day_t next = date_add_months(from, 3 * rev);
	p->next_evaluation = iso(g, next);
	if (strcmp(p->status, "draft") != 0)
		p->consent_date = iso(g, from);
	p->revision = rev;
	p->created_at = stamp(g, from, RK_NOTE);
	p->updated_at = p->created_at;

	struct db_demo_participant *pa = PUSH(g, g->participant);
	pa->plan_id = p->id;
	pa->kind = "person";
	pa->name = af(g, "%s %s", k->who->given, k->who->family);
	pa->may_see = "alt";
	pa->consent = 1;
	pa = PUSH(g, g->participant);
	pa->plan_id = p->id;
	pa->kind = "staff";
	pa->staff_id = k->cw;
	pa->unit_id = g->unit[k->u];
	pa->name = "koordinator";
	pa->may_see = "alt";
	pa->consent = 1;
	pa = PUSH(g, g->participant);
	pa->plan_id = p->id;
	pa->kind = "relative";
	pa->name = af(g, "%s %s", PICK(&g->r, given_names), k->who->family);
	{
		unsigned a = rng_below(&g->r, 100);
		unsigned b = rng_below(&g->r, 100);
		unsigned c = rng_below(&g->r, 1000);
		pa->contact = af(g, "9%02u %02u %03u", a, b, c);
	}
	pa->may_see = "mål og tiltak";
	pa->consent = 1;

	nm = 2 + (int)rng_below(&g->r, 2);
	for (i = 0; i < nm; i++) {
		int m = (int)rng_below(&g->r, (unsigned)NELEM(measures));
		struct db_demo_measure *me = PUSH(g, g->measure);
		me->plan_id = p->id;
		me->what = measures[(m + i) % (int)NELEM(measures)].what;
		me->extent = "Etter behov, minst en gang i uken";
		me->resp_unit_id = g->unit[measures[(m + i) % (int)NELEM(measures)].u];
		me->from = p->period_from;
		me->to = p->period_to;
		me->status = !strcmp(p->status, "draft") ? "planned"
			     : !strcmp(p->status, "active") ? "ongoing" : "done";
	}
	for (i = 1; i <= rev; i++) {
		day_t at = i == 1 ? from : date_add_months(from, 3 * (i - 1));
		if (at > g->today)
			at = g->today;
		struct db_demo_revision *r = PUSH(g, g->revision);
		r->plan_id = p->id;
		r->revision = i;
		r->at = stamp(g, at, RK_NOTE);
		r->staff_id = k->cw;
		r->snapshot = af(g, "{\"revision\":%d,\"status\":\"%s\","
				 "\"goals\":\"%s\",\"measures\":%d}",
				 i, p->status, p->goals, nm);
	}
	if (!strcmp(p->status, "active"))
		deadline(g, k, "evaluation", p->id, g->unit[k->u], k->cw, next,
			 DAY_NONE, RK_NOTE);
	event(g, k, from, RK_NOTE, k->cw, "plan",
	      af(g, "individual plan %s (revision %d)", p->status, rev));
}

static int64_t new_dwelling(struct gen *g, int rooms, unsigned needs,
			    const char *status, day_t vacant_from)
{
	struct db_demo_dwelling *d = PUSH(g, g->dwelling);
	int64_t id = g->next_dwelling++;
	unsigned ns = (unsigned)NELEM(streets);
	unsigned k = (unsigned)(id / (int64_t)(ns * 99));

	d->id = id;
	/* the id picks street, number and flat: addresses never repeat */
	d->address = af(g, "%s %u, H%02u%02u", streets[id % ns],
			(unsigned)(1 + (id / ns) % 99), 1 + k / 8, 1 + k % 8);
	d->area = PICK(&g->r, areas);
	d->rooms = rooms;
	d->size_m2 = 22 + rooms * 17 + (int)rng_below(&g->r, 16);
	d->floor = (needs & NEED_ADAPTED) ? 0 : (int)rng_below(&g->r, 5);
	d->lift = d->floor > 0 && rng_pct(&g->r, 50);
	d->adapted = (needs & NEED_ADAPTED) != 0;
	d->staffed = (needs & NEED_STAFFED) != 0;
	d->rent = 4500 + rooms * 1800 + (int)rng_below(&g->r, 16) * 100;
	d->status = status;
	d->vacant_from = iso(g, vacant_from);
	return id;
}

static const char *situation_phrase(enum situation s)
{
	static const char *const t[SIT__COUNT] = {
		"i midlertidig botilbud", "midlertidig hos familie eller venner",
		"i institusjon med forestående utskrivning", "uten sted å sove",
		"i bolig med fare for utkastelse", "i en bolig som ikke er egnet",
		"i en bolig med kontrakt som ikke kan fornyes",
		"i en egnet bolig",
	};
	return (unsigned)s < SIT__COUNT ? t[s] : "";
}

static void make_decision(struct gen *g, struct kase *k, int64_t dwelling)
{
	const struct config *cfg = g->cfg;
	struct db_demo_decision *d = PUSH(g, g->decision);
	bool assistance = !strcmp(k->row->track, "assistance");
	bool reject = k->st == CS_REJECTED || k->st == CS_APPEALED ||
		      (k->st == CS_CLOSED && !strcmp(k->close_reason, "rejected"));
	bool waiting = k->st == CS_WAITING;
	char rec[DB_DATE], dec[DB_DATE];
	int64_t by = assistance ? k->cw : pick_staff(g, &g->alloc);
	int months = k->children ? cfg->lease_months_children : cfg->lease_months;

	show(k->R, rec);
	show(k->D, dec);
	d->id = g->next_decision++;
	d->case_id = k->row->id;
	d->track = assistance ? "assistance" : "allocation";
	if (assistance)
		d->outcome = reject ? "assistance_rejected" : "assistance_granted";
	else
		d->outcome = reject ? "rejected" : waiting ? "granted_waiting"
							   : "granted_dwelling";
	d->dwelling_id = dwelling;
	if (!strcmp(d->outcome, "granted_dwelling"))
		d->conclusion = af(g, "Du får tildelt kommunal utleiebolig med "
				   "%d rom.", k->rooms);
	else if (!strcmp(d->outcome, "granted_waiting"))
		d->conclusion = "Du fyller vilkårene for kommunal utleiebolig og "
				"står på venteliste til egnet bolig er ledig.";
	else if (!strcmp(d->outcome, "rejected"))
		d->conclusion = "Søknaden om kommunal utleiebolig er avslått.";
	else if (!strcmp(d->outcome, "assistance_granted"))
		d->conclusion = "Du får individuell bistand til å skaffe og "
				"beholde en egnet bolig.";
	else
		d->conclusion = "Søknaden om individuell bistand er avslått.";
	d->rules = af(g, "%s; %s", assistance ? cfg->law_assistance
					      : cfg->law_allocation,
		      cfg->law_admin);
	d->facts = af(g, "Søker bor %s. Husstanden har %d voksne og %d barn. "
		      "Søknaden ble mottatt %s.",
		      situation_phrase(k->sit),
		      k->adults, k->children, rec);
	d->considerations =
		reject ? "Søker har mulighet til å skaffe bolig selv med "
			 "bostøtte og depositumsgaranti."
		       : "Søker er vanskeligstilt på boligmarkedet og kan ikke "
			 "skaffe bolig selv.";
	if (!reject && !assistance)
		d->granted = af(g, "Bolig med %d rom%s, leiekontrakt på %d "
				"måneder. Tildelingen faller bort dersom "
				"forutsetningene endres mens du venter.",
				k->rooms,
				(k->row->needs & NEED_ADAPTED)
					? " på bakkeplan eller med heis" : "",
				months);
	else if (!reject)
		d->granted = "Bistand fra kommunen til å finne bolig på det "
			     "private markedet og oppfølging i hjemmet.";
	if (reject)
		d->other_help = "Bostøtte, depositumsgaranti, økonomisk "
				"rådgivning og startlån er vurdert.";
	d->appeal_body = assistance ? cfg->appeal_body_assistance
				    : cfg->appeal_body_allocation;
	d->appeal_info = af(g, "Du kan klage innen %d uker fra du mottok "
			    "vedtaket. Klagen sendes kommunen og avgjøres av "
			    "%s. Du har rett til å se dokumentene i saken "
			    "(%s).",
			    cfg->appeal_weeks, d->appeal_body, cfg->law_admin);
	/* the frozen letter; the ID number is never in it */
	d->letter = af(g, "%s\n\nVEDTAK\nSak %s\n\n%s %s\n%s\n%s %s\n\n%s\n\n"
		       "Hjemmel: %s\n\nFakta: %s\n\nVurdering: %s\n\n%s%s\n\n"
		       "Klage: %s\n\nVedtatt %s.\n",
		       cfg->municipality, k->row->number, k->who->given,
		       k->who->family, k->who->address ? k->who->address : "",
		       k->who->postcode ? k->who->postcode : "",
		       k->who->city ? k->who->city : "", d->conclusion,
		       d->rules, d->facts, d->considerations,
		       d->granted ? d->granted : "",
		       d->other_help ? d->other_help : "", d->appeal_info, dec);
	d->facts_snapshot = af(g, "{\"situation\":\"%s\",\"adults\":%d,"
			       "\"children\":%d,\"needs\":%u,\"received\":\"%s\"}",
			       k->row->situation, k->adults, k->children,
			       k->row->needs, k->row->received);
	d->issued_by = by ? by : k->cw;
	d->issued_at = stamp(g, k->D, RK_DECISION);
	d->delivered = iso(g, k->delivered);
	event_at(g, k, d->issued_at, k->D, RK_DECISION, d->issued_by,
		 "decision", af(g, "decision: %s", d->outcome));

	/* the appeal period */
	if (reject) {
		day_t from = k->delivered != DAY_NONE ? k->delivered : k->D + 2;
		day_t due = from + cfg->appeal_weeks * 7;
		deadline(g, k, "appeal", d->id, g->unit[k->u], k->cw, due,
			 due < g->today ? due : DAY_NONE, RK_APPEAL);
	}
	if (k->st == CS_APPEALED) {
		struct db_demo_appeal *a = PUSH(g, g->appeal);
		day_t from = k->delivered != DAY_NONE ? k->delivered : k->D;
		a->id = g->next_appeal++;
		a->decision_id = d->id;
		a->received = iso(g, k->P);
		a->late = k->P > from + cfg->appeal_weeks * 7;
		day_t due = k->P + 21;
		if (rng_pct(&g->r, 60) || k->P + 5 > g->today) {
			a->status = "registered";
			deadline(g, k, "reassessment", a->id, g->unit[k->u],
				 k->cw, due, DAY_NONE, RK_REASSESS);
		} else {
			day_t re = k->P + rng_range(&g->r, 5, 20);
			if (re > g->today)
				re = g->today;
			a->status = "forwarded";
			a->reassessed_at = iso(g, re);
			deadline(g, k, "reassessment", a->id, g->unit[k->u],
				 k->cw, due, re, RK_REASSESS);
			event(g, k, re, RK_REASSESS, k->cw, "appeal",
			      af(g, "appeal upheld and forwarded to %s",
				 d->appeal_body));
		}
		event(g, k, k->P, RK_APPEAL, k->cw, "status",
		      af(g, "rejected -> appealed%s", a->late ? ": late" : ""));
	} else if (reject && rng_pct(&g->r, 8) && k->st == CS_CLOSED) {
		/* an appeal decided by the appeal body: upheld */
		struct db_demo_appeal *a = PUSH(g, g->appeal);
		day_t from = k->delivered != DAY_NONE ? k->delivered : k->D;
		day_t p = from + rng_range(&g->r, 3, 20);
		if (p > k->X)
			p = k->X;
		a->id = g->next_appeal++;
		a->decision_id = d->id;
		a->received = iso(g, p);
		a->status = "decided";
		a->reassessed_at = iso(g, p);
		a->body_outcome = "upheld";
		a->body_decided_at = iso(g, k->X);
	}
}

static void make_lease(struct gen *g, struct kase *k, int64_t dwelling)
{
	const struct config *cfg = g->cfg;
	struct db_demo_lease *l = PUSH(g, g->lease);
	int months = k->children ? cfg->lease_months_children : cfg->lease_months;
	bool shortl = rng_pct(&g->r, 10);
	day_t end, review;

	if (shortl) {
		/* shorter than the minimum: needs the ground and notice */
		months = 24;
		l->short_ground = af(g, "Boligen er avsatt til vanskeligstilte "
				     "(%s).", cfg->law_lease);
		day_t notice = k->S - rng_range(&g->r, 3, 10);
		l->notice_given = iso(g, notice < g->today ? notice : g->today);
	}
	end = date_add_months(k->S, months);
	review = date_add_months(end, -cfg->review_months);
	l->id = g->next_lease++;
	l->case_id = k->row->id;
	l->dwelling_id = dwelling;
	l->tenant_id = k->who->id;
	l->start = iso(g, k->S);
	l->end = iso(g, end);
	l->review = iso(g, review);
	l->status = "active";
	g->nleases++;
	deadline(g, k, "lease_review", l->id, g->unit[k->u], k->cw, review,
		 DAY_NONE, RK_HOUSED);
}

static void make_docs(struct gen *g, struct kase *k)
{
	static const char *const kinds[] = {"id", "income", "tax", "arrears"};
	size_t i;
	unsigned pct = k->st == CS_REGISTERED ? 35 : k->st == CS_ASSESSMENT ? 70 : 100;
	day_t until = k->H != DAY_NONE ? k->H : k->end;
	bool eviction = !strcmp(k->row->situation, "eviction");

	for (i = 0; i < NELEM(kinds) + 1; i++) {
		const char *kind = i < NELEM(kinds) ? kinds[i] : "discharge";
		if (i == NELEM(kinds) && strcmp(k->row->situation, "institution"))
			break;
		struct db_demo_doc *d = PUSH(g, g->doc);
		d->case_id = k->row->id;
		d->kind = kind;
		d->required = 1;
		if (!strcmp(kind, "arrears") && !eviction && pct == 100) {
			d->state = "not_needed";
		} else if (rng_pct(&g->r, pct)) {
			day_t at = k->R + rng_range(&g->r, 0, (int)(until - k->R));
			d->state = "received";
			d->received = iso(g, at);
		} else {
			d->state = "missing";
		}
	}
}

static const char *some_given(struct gen *g, bool foreign)
{
	return foreign ? PICK(&g->r, given_other) : PICK(&g->r, given_names);
}

static void make_household(struct gen *g, struct kase *k)
{
	static const unsigned cw[] = {60, 15, 13, 8, 4};
	struct db_demo_household *h = PUSH(g, g->household);
	struct db_demo_member *m;
	int i;

	h->id = g->next_household++;
	h->created_at = k->row->created_at;
	k->row->household_id = h->id;
	m = PUSH(g, g->member);
	m->household_id = h->id;
	m->person_id = k->who->id;
	m->relation = "applicant";
	m->birth = iso(g, k->who->birth);
	k->adults = 1;
	k->children = rng_weighted(&g->r, cw, 5);
	if (k->children == 4)
		k->children += (int)rng_below(&g->r, 3);
	if (rng_pct(&g->r, 30)) {
		m = PUSH(g, g->member);
		m->household_id = h->id;
		m->name = af(g, "%s %s", some_given(g, k->who->foreign),
			     k->who->family);
		m->relation = rng_pct(&g->r, 50) ? "spouse" : "partner";
		m->birth = iso(g, k->who->birth + rng_range(&g->r, -2000, 2000));
		k->adults++;
	} else if (rng_pct(&g->r, 4)) {
		m = PUSH(g, g->member);
		m->household_id = h->id;
		const char *given = PICK(&g->r, given_names);
		m->name = af(g, "%s %s", given, PICK(&g->r, family_names));
		m->relation = "other_adult";
		m->birth = iso(g, g->today - rng_range(&g->r, 18 * 365, 70 * 365));
		k->adults++;
	}
	for (i = 0; i < k->children; i++) {
		m = PUSH(g, g->member);
		m->household_id = h->id;
		m->name = af(g, "%s %s", some_given(g, k->who->foreign),
			     k->who->family);
		m->relation = "child";
		m->birth = iso(g, g->today - rng_range(&g->r, 30, 17 * 365));
	}
	int size = k->adults + k->children;
	k->rooms = size <= 1 ? 1 + (int)rng_below(&g->r, 2)
		 : size == 2 ? 2 : size <= 4 ? 3 : 4;
}

static void emit_journal(struct gen *g, struct kase *k)
{
	size_t i, j;

	/* insertion sort by time (ISO timestamps sort as text; the rank
	 * gave each kind of event its half hour): the journal is
	 * append-only, so its rows go in the order things happened */
	for (i = 1; i < k->nev; i++) {
		struct ev e = k->ev[i];
		for (j = i; j > 0 && strcmp(k->ev[j - 1].at, e.at) > 0; j--)
			k->ev[j] = k->ev[j - 1];
		k->ev[j] = e;
	}
	for (i = 0; i < k->nev; i++) {
		struct db_demo_journal *jr = PUSH(g, g->journal);
		jr->case_id = k->row->id;
		jr->staff_id = k->ev[i].staff;
		jr->at = k->ev[i].at;
		jr->kind = k->ev[i].kind;
		jr->text = k->ev[i].text;
	}
	k->row->updated_at = k->nev ? k->ev[k->nev - 1].at : k->row->created_at;
	k->row->version = (int)k->nev;
}

static void make_interim(struct gen *g, struct kase *k)
{
	const struct config *cfg = g->cfg;
	day_t due = k->R + cfg->interim_days;
	day_t warn = due - cfg->interim_warn_days;
	int64_t unit = g->unit[k->u];

	if (k->D != DAY_NONE && k->D <= due) {
		deadline(g, k, "interim", 0, unit, k->cw, due, k->D, RK_DECISION);
		return;
	}
	if (g->today >= warn && (k->st != CS_CLOSED || k->X > warn) &&
	    rng_pct(&g->r, 85)) {
		day_t last = due - 1 < g->today ? due - 1 : g->today;
		if (k->st == CS_CLOSED && last >= k->X)
			last = k->X - 1;
		if (last < k->R)
			last = k->R;
		k->I = rng_range(&g->r, (int)(warn < k->R ? k->R : warn), (int)last);
		if (k->I < k->R)
			k->I = k->R;
		k->E = k->I + rng_range(&g->r, 30, 60);
		k->row->interim_sent = iso(g, k->I);
		k->row->interim_expected = iso(g, k->E);
		char shown[DB_DATE];
		show(k->E, shown);
		deadline(g, k, "interim", 0, unit, k->cw, due, k->I, RK_INTERIM);
		deadline(g, k, "decision", 0, unit, k->cw, k->E, k->D, RK_DECISION);
		event(g, k, k->I, RK_INTERIM, k->cw, "interim",
		      af(g, "interim reply sent; decision expected %s", shown));
		return;
	}
	deadline(g, k, "interim", 0, unit, k->cw, due, k->D, RK_DECISION);
}

static void make_case(struct gen *g, struct who *w, day_t R)
{
	static const char *const reasons[] = {"housed", "withdrawn", "rejected",
					      "moved", "deceased"};
	static const unsigned rw[] = {35, 25, 20, 15, 5};
	struct kase *k = calloc(1, sizeof *k);
	struct db_demo_case *c;
	day_t T = g->today;
	long index = g->ncases++;
	int year, slot;
	size_t i;

	if (!k) {
		g->oom = true;
		return;
	}
	k->who = w;
	k->R = R;
	/* the first cases cover every status, so that even a small demo
	 * shows each of them; the rest follow their age */
	k->st = index < CS__COUNT ? (enum case_status)index
				  : pick_status(g, (int)(T - R));
	if (k->st == CS_CLOSED)
		k->close_reason = reasons[rng_weighted(&g->r, rw, 5)];

	c = PUSH(g, g->kase);
	k->row = c;
	c->id = g->next_case++;
	year = (int)strtol(iso(g, R), NULL, 10);
	slot = year - g->seq_base;
	if (slot < 0 || slot >= (int)NELEM(g->seq))
		slot = 0;
	c->number = af(g, "%04d-%06ld", year, ++g->seq[slot]);
	c->applicant_id = w->id;
	c->status = case_status_name(k->st);
	c->received = iso(g, R);
	enum situation sit = pick_situation(g);
	k->sit = sit;
	c->situation = situation_name(sit);
	c->created_at = stamp(g, R, RK_REGISTER);
	make_household(g, k);
	k->u = pick_unit(g, sit, w->foreign, k->children);
	c->unit_id = g->unit[k->u];
	k->cw = pick_staff(g, &g->cw[k->u]);
	k->desk = pick_staff(g, &g->desk);
	c->caseworker_id = k->cw;
	c->intake_unit_id = g->unit[U_SK];
	c->registered_by = k->desk;
	c->track = rng_pct(&g->r, 70) ? "dwelling" : rng_pct(&g->r, 50)
						       ? "assistance" : "both";
	if (!strcmp(c->track, "assistance") &&
	    (k->st == CS_WAITING || k->st == CS_HOUSED ||
	     (k->st == CS_CLOSED && !strcmp(k->close_reason, "housed"))))
		c->track = "dwelling";
	c->needs = rng_below(&g->r, 32);
	c->needs &= rng_below(&g->r, 32);
	if (k->u == U_PO)
		c->needs |= NEED_ADAPTED;
	if (k->u == U_PHR)
		c->needs |= NEED_FOLLOWUP;
	if (sit == SIT_EVICTION)
		c->needs |= NEED_ECONOMIC;
	c->needs_note = PICK(&g->r, needs_notes);
	c->income = rng_pct(&g->r, 65) ? (int64_t)rng_range(&g->r, 60, 480) * 1000 : -1;
	c->debt = rng_pct(&g->r, 45) ? (int64_t)rng_range(&g->r, 0, 400) * 1000 : -1;
	if (sit == SIT_INSTITUTION)
		c->discharge = iso(g, R + rng_range(&g->r, 10, 60));

	timeline(g, k);
	if (!strcmp(c->track, "assistance"))
		k->S = DAY_NONE; /* assistance, not a dwelling: no lease */
	c->decided_at = k->decided ? iso(g, k->D) : NULL;
	if (k->st == CS_CLOSED) {
		c->close_reason = k->close_reason;
		c->closed_at = iso(g, k->X);
	}

	/* the history, for the journal */
	event_at(g, k, c->created_at, R, RK_REGISTER, k->desk, "registered",
		 af(g, "registered; responsible unit %s", unit_code(k->u)));
	if (k->A != DAY_NONE)
		event(g, k, k->A, RK_ASSESS, k->cw, "status",
		      "registered -> assessment");
	if (k->H != DAY_NONE)
		event(g, k, k->H, RK_HANDOVER, k->cw, "status",
		      "assessment -> handed_over");
	if (k->Ret != DAY_NONE) {
		int64_t by = pick_staff(g, &g->alloc);
		event(g, k, k->Ret, RK_RETURN, by ? by : k->cw, "status",
		      "handed_over -> returned: mangler dokumentasjon på inntekt");
		deadline(g, k, "returned", 0, g->unit[k->u], k->cw,
			 k->Ret + 14, DAY_NONE, RK_RETURN);
	}
	if (k->decided) {
		const char *to = k->st == CS_APPEALED ? "rejected"
				 : k->st == CS_HOUSED ? "granted"
				 : k->st == CS_CLOSED
					 ? (!strcmp(k->close_reason, "housed")
						    ? "granted" : "rejected")
					 : c->status;
		int64_t by = pick_staff(g, &g->alloc);
		event(g, k, k->D, RK_DECISION, by ? by : k->cw, "status",
		      af(g, "handed_over -> %s", to));
	}
	if (k->S != DAY_NONE && k->S <= T)
		event(g, k, k->S, RK_HOUSED, k->cw, "status", "granted -> housed");
	if (k->X != DAY_NONE)
		event(g, k, k->X, RK_CLOSE, k->cw, "status",
		      af(g, "%s -> closed: %s",
			 !strcmp(k->close_reason, "housed") ? "housed"
			 : !strcmp(k->close_reason, "rejected") ? "rejected"
			 : k->H != DAY_NONE ? "handed_over"
			 : k->A != DAY_NONE ? "assessment" : "registered",
			 k->close_reason));
	int nnotes = (int)rng_below(&g->r, 3);
	for (i = 0; i < (size_t)nnotes; i++) {
		day_t day = R + rng_range(&g->r, 0, (int)(k->end - R));
		event(g, k, day, RK_NOTE, k->cw, "note", PICK(&g->r, notes));
	}

	/* referrals: the first cases have one of each kind */
	if (index == 1 || index == 2 || index == 3)
		make_referral(g, k, index == 1   ? REF_OPEN
				    : index == 2 ? REF_OVERDUE
						 : REF_ANSWERED);
	else if (k->A != DAY_NONE && rng_pct(&g->r, 25))
		make_referral(g, k, REF_ANY);
	if (k->A != DAY_NONE && rng_pct(&g->r, 5))
		make_referral(g, k, REF_ANY);

	/* consents: the responsible unit, the allocation group, maybe more */
	add_consent(k, k->u, "given");
	add_consent(k, U_TILD, "given");
	size_t extra = k->ncons; /* consents no referral rests on */
	if (rng_pct(&g->r, 40)) {
		int u = (int)PICK(&g->r, ref_units);
		add_consent(k, u, rng_pct(&g->r, 85) ? "given" : "refused");
	}
	for (i = 0; i < k->ncons; i++) {
		struct db_demo_consent *cn = PUSH(g, g->consent);
		cn->person_id = w->id;
		cn->unit_id = g->unit[k->cons_unit[i]];
		cn->scope = "case";
		cn->state = k->cons_state[i];
		cn->recorded_by = k->desk;
		cn->recorded_at = c->created_at;
		if (!strcmp(cn->state, "given")) {
			cn->given = c->received;
			if (i >= extra && rng_pct(&g->r, 10)) {
				cn->state = "withdrawn";
				cn->withdrawn = iso(g, k->end);
			}
		}
	}

	make_docs(g, k);
	make_interim(g, k);

	/* dwelling, decision, lease */
	int64_t dwelling = 0;
	if (k->S != DAY_NONE) {
		dwelling = new_dwelling(g, k->rooms, c->needs, "let", DAY_NONE);
		make_lease(g, k, dwelling);
	}
	if (k->decided)
		make_decision(g, k, dwelling);

	/* an individual plan for some with long-term needs */
	if (index < 4 || ((k->u == U_PHR || k->u == U_PO || k->u == U_BOF) &&
			  rng_pct(&g->r, 20)) ||
	    rng_pct(&g->r, 2))
		make_plan(g, k);

	/* who has read the case file */
	if (k->A != DAY_NONE) {
		struct db_demo_access *a = PUSH(g, g->access);
		a->staff_id = k->cw;
		a->person_id = w->id;
		a->case_id = c->id;
		a->at = stamp(g, k->A, RK_ASSESS);
		a->reason = "own";
		a->detail = "saksbehandling";
	}
	if (k->H != DAY_NONE && g->alloc.n) {
		struct db_demo_access *a = PUSH(g, g->access);
		a->staff_id = pick_staff(g, &g->alloc);
		a->person_id = w->id;
		a->case_id = c->id;
		a->at = stamp(g, k->H, RK_HANDOVER);
		a->reason = "allocation";
		a->detail = "tildelingsmøte";
	}
	emit_journal(g, k);
	free(k);
}

/* ---------------------------------------------------------- the batches */

#define RESET(v) ((v).n = 0)
#define FREE(v) (free((v).p), (v).p = NULL, (v).n = (v).cap = 0)
#define BATCH_ALL(X)                                                         \
	X(person) X(household) X(member) X(dwelling) X(kase) X(consent) X(doc) \
	X(journal) X(access) X(referral) X(refmsg) X(forum) X(plan)             \
	X(participant) X(measure) X(revision) X(decision) X(appeal) X(lease)    \
	X(deadline) X(seqrow)

static int flush(struct gen *g)
{
	struct db_demo_batch b = {0};
	int rc;

	if (g->oom)
		return err_set(&g->s->err, ERR_NOMEM, "%s",
			       err_default(ERR_NOMEM));
	b.nperson = g->person.n, b.person = g->person.p;
	b.nhousehold = g->household.n, b.household = g->household.p;
	b.nmember = g->member.n, b.member = g->member.p;
	b.ndwelling = g->dwelling.n, b.dwelling = g->dwelling.p;
	b.ncase = g->kase.n, b.kase = g->kase.p;
	b.nconsent = g->consent.n, b.consent = g->consent.p;
	b.ndoc = g->doc.n, b.doc = g->doc.p;
	b.njournal = g->journal.n, b.journal = g->journal.p;
	b.naccess = g->access.n, b.access = g->access.p;
	b.nreferral = g->referral.n, b.referral = g->referral.p;
	b.nrefmsg = g->refmsg.n, b.refmsg = g->refmsg.p;
	b.nforum = g->forum.n, b.forum = g->forum.p;
	b.nplan = g->plan.n, b.plan = g->plan.p;
	b.nparticipant = g->participant.n, b.participant = g->participant.p;
	b.nmeasure = g->measure.n, b.measure = g->measure.p;
	b.nrevision = g->revision.n, b.revision = g->revision.p;
	b.ndecision = g->decision.n, b.decision = g->decision.p;
	b.nappeal = g->appeal.n, b.appeal = g->appeal.p;
	b.nlease = g->lease.n, b.lease = g->lease.p;
	b.ndeadline = g->deadline.n, b.deadline = g->deadline.p;
	b.nseq = g->seqrow.n, b.seq = g->seqrow.p;
	rc = db_demo_load(g->s->db, &b);
	if (rc) {
		err_from_db(&g->s->err, rc);
		return rc;
	}
#define X(v) RESET(g->v);
	BATCH_ALL(X)
#undef X
	g->arena.cur = NULL;
	return 0;
}

static void gen_free(struct gen *g)
{
	struct block *b = g->arena.first, *next;

#define X(v) FREE(g->v);
	BATCH_ALL(X)
#undef X
	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	g->arena.first = g->arena.cur = NULL;
	free(g->serial);
	g->serial = NULL;
}

/* ----------------------------------------------------------- the staff */

static int ensure_unit(struct gen *g, int u)
{
	struct unit_rec rec;
	int rc = db_unit_get(g->s->db, demo_units[u].code, &rec);

	if (rc == DB_NOTFOUND)
		rc = db_unit_add(g->s->db, demo_units[u].code, demo_units[u].name,
				 demo_units[u].kind, &g->unit[u]);
	else if (rc == DB_OK)
		g->unit[u] = rec.id;
	return rc ? err_from_db(&g->s->err, rc) : 0;
}

static void pool_add(struct staff_pool *p, int64_t id, const char *name)
{
	if (p->n < NELEM(p->id)) {
		p->id[p->n] = id;
		text_copy(p->name[p->n], sizeof p->name[p->n], name);
		p->n++;
	}
}

/* A new staff member with a login made from the name ("kbraten"). */
static int add_staff(struct gen *g, int64_t *id, char name[129])
{
	char login[40], a1[64], a2[64], now[DB_TS];
	struct staff_rec known;
	int tries, rc;

	session_now_ts(g->s, now);
	for (tries = 0; tries < 50; tries++) {
		const char *given = PICK(&g->r, given_names);
		const char *family = PICK(&g->r, family_names);
		ascii_name(given, a1, sizeof a1);
		ascii_name(family, a2, sizeof a2);
		if (tries < 5)
			snprintf(login, sizeof login, "%c%.12s", a1[0], a2);
		else
			snprintf(login, sizeof login, "%c%.12s%d", a1[0], a2,
				 tries);
		if (db_staff_get(g->s->db, login, &known) != DB_NOTFOUND)
			continue; /* taken, by the demo or a real user */
		snprintf(name, 129, "%s %s", given, family);
		rc = db_staff_add(g->s->db, login, name, now, id);
		if (rc)
			return err_from_db(&g->s->err, rc);
		g->nstaff++;
		return 0;
	}
	return err_set(&g->s->err, ERR_CONFLICT, "%s",
		       _("Could not find a free login name for the demo staff."));
}

static int grant(struct gen *g, int64_t staff, int u, const char *role)
{
	return err_from_db(&g->s->err,
			   db_member_add(g->s->db, staff, g->unit[u], role));
}

static int make_staff(struct gen *g)
{
	/* per unit: caseworkers (or desk staff), and whether a supervisor;
	 * a large population gets more hands */
	static const struct {
		int u, base, per100k, sup;
	} plan[] = {
		{U_SK, 3, 2, 1},  {U_NAV, 6, 6, 1}, {U_EIE, 3, 2, 1},
		{U_PO, 3, 2, 1},  {U_BOF, 2, 1, 1}, {U_LEV, 2, 1, 0},
		{U_PHR, 2, 2, 1},
	};
	size_t i;
	int j, n, rc;
	int64_t id;
	char name[129];

	for (i = 0; i < NELEM(plan); i++) {
		int u = plan[i].u;
		n = plan[i].base + (int)(g->persons / 100000) * plan[i].per100k;
		if (n > 48)
			n = 48;
		for (j = 0; j < n; j++) {
			if ((rc = add_staff(g, &id, name)) ||
			    (rc = grant(g, id, u, u == U_SK ? "desk" : "caseworker")))
				return rc;
			pool_add(u == U_SK ? &g->desk : &g->cw[u], id, name);
		}
		if (plan[i].sup) {
			if ((rc = add_staff(g, &id, name)) ||
			    (rc = grant(g, id, u, "supervisor")))
				return rc;
			pool_add(&g->sup[u], id, name);
		}
	}
	/* the allocation group: property and NAV, as in the reports */
	for (j = 0; j < 2; j++) {
		if ((size_t)j < g->cw[U_EIE].n) {
			if ((rc = grant(g, g->cw[U_EIE].id[j], U_TILD, "allocation")))
				return rc;
			pool_add(&g->alloc, g->cw[U_EIE].id[j], g->cw[U_EIE].name[j]);
		}
		if ((size_t)j < g->cw[U_NAV].n) {
			if ((rc = grant(g, g->cw[U_NAV].id[j], U_TILD, "allocation")))
				return rc;
			pool_add(&g->alloc, g->cw[U_NAV].id[j], g->cw[U_NAV].name[j]);
		}
	}
	if (g->sup[U_EIE].n && (rc = grant(g, g->sup[U_EIE].id[0], U_TILD,
					   "supervisor")))
		return rc;
	/* the housing forum: one from each unit that has caseworkers */
	for (i = 0; i < NELEM(resp_units); i++) {
		const struct staff_pool *p = &g->cw[resp_units[i]];
		if (p->n && (rc = grant(g, p->id[p->n - 1], U_BF, "caseworker")))
			return rc;
	}
	/* someone at the desk is also a NAV caseworker (the housing contact) */
	if (g->desk.n && (rc = grant(g, g->desk.id[0], U_NAV, "caseworker")))
		return rc;
	/* and an administrator besides the one running this */
	if ((rc = add_staff(g, &id, name)) || (rc = grant(g, id, U_ADM, "admin")))
		return rc;
	pool_add(&g->admin, id, name);
	return 0;
}

/* ----------------------------------------------------------- the fill */

static void progress_line(FILE *fp, long done, long total, bool tty)
{
	if (!fp)
		return;
	fprintf(fp, _("demo: %ld of %ld persons"), done, total);
	fputs(tty ? "\r" : "\n", fp);
	fflush(fp);
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int fill(struct gen *g, const struct demo_opts *o, FILE *progress)
{
	long i, step = o->persons / 20 > DEMO_BATCH_PERSONS
			       ? o->persons / 20 : DEMO_BATCH_PERSONS;
	bool tty = progress && isatty(fileno(progress));
	long next_report = step, batch = 0;
	size_t u;
	int rc;

	for (u = 0; u < U__COUNT; u++)
		if ((rc = ensure_unit(g, (int)u)))
			return rc;
	if ((rc = make_staff(g)))
		return rc;

	for (i = 0; i < o->persons; i++) {
		/* received dates grow with i: case numbers follow them */
		day_t day = g->first_day +
			    (day_t)((int64_t)(DEMO_DAYS + 1) * i / o->persons);
		struct who w;
		int tries = 0;

		while (!make_person(g, day, 18, 90, &w))
			if (++tries > 20)
				return err_set(&g->s->err, ERR_INVAL, "%s",
					       _("Could not make a synthetic ID "
						 "number."));
		if (rng_pct(&g->r, DEMO_CASE_PERCENT))
			make_case(g, &w, day);
		if (++batch >= DEMO_BATCH_PERSONS) {
			if ((rc = flush(g)))
				return rc;
			batch = 0;
		}
		if (!o->quiet && i + 1 >= next_report && i + 1 < o->persons) {
			progress_line(progress, i + 1, o->persons, tty);
			next_report += step;
		}
	}

	/* the rest of the dwelling stock: vacant and under maintenance */
	long vacant = g->nleases / 12 + 4, maint = g->nleases / 40 + 2;
	for (i = 0; i < vacant + maint; i++) {
		int rooms = 1 + (int)rng_below(&g->r, 4);
		unsigned needs = rng_pct(&g->r, 15) ? NEED_ADAPTED : 0;
		if (i < vacant)
			new_dwelling(g, rooms, needs, "vacant",
				     g->today - rng_range(&g->r, 0, 90));
		else
			new_dwelling(g, rooms, needs, "maintenance", DAY_NONE);
	}
	for (u = 0; u < NELEM(g->seq); u++)
		if (g->seq[u]) {
			struct db_demo_seq *q = PUSH(g, g->seqrow);
			q->year = g->seq_base + (int)u;
			q->last = g->seq[u];
		}
	return flush(g);
}

int demo_fill(struct session *s, const struct demo_opts *o, FILE *progress)
{
	struct gen *g;
	struct timespec t0;
	int empty = 0, rc;
	char today[DB_DATE];
	FILE *out = o->quiet ? NULL : progress;

	if (!session_has_role(s, ROLE_ADMIN))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only an administrator can fill the database "
				 "with demo data."));
	if (o->persons < 0 || o->persons > DEMO_MAX_PERSONS)
		return err_set(&s->err, ERR_INVAL,
			       _("The number of persons must be between 0 and "
				 "%d."),
			       DEMO_MAX_PERSONS);
	if ((rc = db_demo_empty(s->db, &empty)))
		return err_from_db(&s->err, rc);
	if (!empty)
		return err_set(&s->err, ERR_CONFLICT, "%s",
			       _("The database already has persons, cases or "
				 "dwellings; demo data goes only into a new "
				 "database."));
	g = calloc(1, sizeof *g);
	if (!g)
		return err_from_db(&s->err, DB_NOMEM);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	g->s = s;
	g->cfg = s->cfg;
	g->persons = o->persons;
	rng_seed(&g->r, o->seed);
	g->today = session_today(s);
	g->first_day = g->today - DEMO_DAYS;
	session_today_iso(s, today);
	g->seq_base = (int)strtol(today, NULL, 10) - 2;
	g->next_person = g->next_household = g->next_case = 1;
	g->next_dwelling = g->next_referral = g->next_plan = 1;
	g->next_decision = g->next_appeal = g->next_lease = 1;
	g->nserial = (size_t)(g->today - date_days(NID_FIRST_DAY) + 1) * 2;
	g->serial = calloc(g->nserial, sizeof *g->serial);
	if (!g->serial) {
		free(g);
		return err_from_db(&s->err, DB_NOMEM);
	}

	if ((rc = err_from_db(&s->err, db_demo_fast(s->db, 1))) == 0) {
		rc = fill(g, o, progress);
		int rc2 = db_demo_fast(s->db, 0);
		if (!rc && rc2)
			rc = err_from_db(&s->err, rc2);
	}
	if (!rc && out) {
		if (isatty(fileno(out)))
			fputs("\n", out);
		fprintf(out,
			_("demo: %ld persons, %ld cases, %ld staff, %ld "
			  "dwellings in %.1f s.\n"),
			o->persons, g->ncases, g->nstaff, (long)(g->next_dwelling - 1),
			seconds_since(&t0));
		if (!s->cfg->allow_synthetic_nid)
			fprintf(out, "%s\n",
				_("demo: the ID numbers are synthetic; set "
				  "allow_synthetic_ids = yes in [demo] of the "
				  "configuration to register more at intake."));
	}
	gen_free(g);
	free(g);
	return rc;
}

int demo_login(struct session *s, const char *login)
{
	int rc = admin_bootstrap(s, login, login);

	if (rc != ERR_CONFLICT)
		return rc; /* an empty database: login is its administrator */
	err_clear(&s->err);
	if ((rc = session_login_as(s, login)))
		return rc;
	if (!session_has_role(s, ROLE_ADMIN))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only an administrator can fill the database "
				 "with demo data."));
	return 0;
}

int demo_is_empty(struct session *s, bool *empty)
{
	int e = 0, rc = db_demo_empty(s->db, &e);

	*empty = e != 0;
	return err_from_db(&s->err, rc);
}

int demo_register(struct session *s, const char *login)
{
	static const struct {
		const char *unit, *role;
	} roles[] = {
		{"SK", "desk"},         {"NAV", "caseworker"},
		{"NAV", "supervisor"},  {"TILD", "allocation"},
		{"ADM", "admin"},
	};
	struct staff_rec st;
	struct unit_rec u;
	char now[DB_TS];
	size_t i;
	int rc;

	if (!session_has_role(s, ROLE_ADMIN))
		return err_set(&s->err, ERR_DENIED, "%s",
			       _("Only an administrator can register users."));
	rc = db_staff_get(s->db, login, &st);
	if (rc == DB_NOTFOUND) {
		session_now_ts(s, now);
		rc = db_staff_add(s->db, login, login, now, &st.id);
	}
	if (rc)
		return err_from_db(&s->err, rc);
	for (i = 0; i < NELEM(roles); i++) {
		rc = db_unit_get(s->db, roles[i].unit, &u);
		if (rc == DB_NOTFOUND)
			return err_set(&s->err, ERR_NOTFOUND,
				       _("There is no unit %s; fill the "
					 "database with 'bosak demo' first."),
				       roles[i].unit);
		if (rc || (rc = db_member_add(s->db, st.id, u.id, roles[i].role)))
			return err_from_db(&s->err, rc);
	}
	return 0;
}
