/*
 * Letters from templates in conf/letters: {{name}} placeholders filled from
 * the case.  Every standard text lives in the templates and the
 * configuration, never in C (legal references change).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core.h"

#define TEMPLATE_MAX (64 * 1024)

static char *read_template(struct session *s, const char *name)
{
	char path[4400];
	FILE *fp;
	char *buf;
	size_t n;

	if (strchr(name, '/'))
		snprintf(path, sizeof path, "%s", name);
	else
		snprintf(path, sizeof path, "%s/%s", s->cfg->template_dir, name);
	fp = fopen(path, "r");
	if (!fp) {
		err_set(&s->err, ERR_IO,
			_("The letter template %s cannot be read."), path);
		return NULL;
	}
	buf = malloc(TEMPLATE_MAX + 1);
	if (!buf) {
		fclose(fp);
		err_from_db(&s->err, DB_NOMEM);
		return NULL;
	}
	n = fread(buf, 1, TEMPLATE_MAX, fp);
	buf[n] = '\0';
	fclose(fp);
	if (n == TEMPLATE_MAX || !utf8_valid(buf, n)) {
		free(buf);
		err_set(&s->err, ERR_IO,
			_("The letter template %s is too large or not UTF-8."),
			path);
		return NULL;
	}
	return buf;
}

/* Appends to a growing buffer; false when out of memory. */
static bool put(char **out, size_t *len, size_t *cap, const char *p, size_t n)
{
	if (*len + n + 1 > *cap) {
		size_t ncap = (*len + n + 1) * 2;
		char *q = realloc(*out, ncap);
		if (!q)
			return false;
		*out = q;
		*cap = ncap;
	}
	memcpy(*out + *len, p, n);
	*len += n;
	(*out)[*len] = '\0';
	return true;
}

static const struct letter_var *find_var(const struct letter_var *vars,
					 size_t n, const char *name, size_t len)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (strlen(vars[i].name) == len &&
		    strncmp(vars[i].name, name, len) == 0)
			return &vars[i];
	return NULL;
}

static int unknown_field(struct session *s, const char *tpl_name,
			 const char *name, size_t len)
{
	return err_set(&s->err, ERR_INVAL,
		       _("The letter template %s has an unknown field {{%.*s}}; "
			 "no letter was made."),
		       tpl_name, (int)(len > 40 ? 40 : len), name);
}

/* A line that is only "{{#name}}" or "{{/name}}": its kind and name. */
static char block_marker(const char *line, size_t len, const char **name,
			 size_t *nlen)
{
	while (len && (line[len - 1] == ' ' || line[len - 1] == '\r'))
		len--;
	if (len < 6 || strncmp(line, "{{", 2) != 0 ||
	    strncmp(line + len - 2, "}}", 2) != 0 ||
	    (line[2] != '#' && line[2] != '/'))
		return 0;
	*name = line + 3;
	*nlen = len - 5;
	return line[2];
}

/* Substitutes {{name}} in one line. */
static int fill_line(struct session *s, const char *tpl_name,
		     const char *line, size_t len, const struct letter_var *vars,
		     size_t nvars, char **out, size_t *olen, size_t *cap)
{
	const char *p = line, *end = line + len;

	while (p < end) {
		const char *open = strstr(p, "{{"), *close;
		const struct letter_var *v;
		if (!open || open >= end)
			break;
		close = strstr(open, "}}");
		if (!close || close >= end)
			break;
		if (!put(out, olen, cap, p, (size_t)(open - p)))
			return ERR_NOMEM;
		v = find_var(vars, nvars, open + 2, (size_t)(close - open - 2));
		if (!v)
			return unknown_field(s, tpl_name, open + 2,
					     (size_t)(close - open - 2));
		if (!put(out, olen, cap, v->value, strlen(v->value)))
			return ERR_NOMEM;
		p = close + 2;
	}
	return put(out, olen, cap, p, (size_t)(end - p)) ? 0 : ERR_NOMEM;
}

#define BLOCK_DEPTH 8

int letter_fill(struct session *s, const char *template_name,
		const struct letter_var *vars, size_t nvars, char **out)
{
	char *tpl = read_template(s, template_name);
	const char *line, *name;
	size_t olen = 0, cap = 0, nlen;
	int depth = 0, skipping = 0, rc = 0;

	*out = NULL;
	if (!tpl)
		return s->err.code;
	if (!put(out, &olen, &cap, "", 0)) {
		rc = ERR_NOMEM;
		goto done;
	}
	for (line = tpl; *line && !rc;) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) + 1 : strlen(line);
		size_t body = nl ? len - 1 : len;
		char kind = block_marker(line, body, &name, &nlen);

		if (kind == '#') {
			const struct letter_var *v =
				find_var(vars, nvars, name, nlen);
			if (!v)
				rc = unknown_field(s, template_name, name, nlen);
			else if (depth == BLOCK_DEPTH)
				rc = err_set(&s->err, ERR_INVAL,
					     _("The letter template %s nests "
					       "blocks too deep."),
					     template_name);
			else if (skipping || !*v->value)
				skipping++;
			if (!rc)
				depth++;
		} else if (kind == '/') {
			if (depth == 0)
				rc = err_set(&s->err, ERR_INVAL,
					     _("The letter template %s closes a "
					       "block it never opened."),
					     template_name);
			else {
				depth--;
				if (skipping)
					skipping--;
			}
		} else if (!skipping) {
			rc = fill_line(s, template_name, line, len, vars, nvars,
				       out, &olen, &cap);
		}
		line += len;
	}
	if (!rc && depth)
		rc = err_set(&s->err, ERR_INVAL,
			     _("The letter template %s leaves a block open."),
			     template_name);
done:
	free(tpl);
	if (rc) {
		free(*out);
		*out = NULL;
		if (rc == ERR_NOMEM)
			err_from_db(&s->err, DB_NOMEM);
	}
	return rc;
}

/* Through the print command.  Its own output (a request id, "lpr: not
 * found") would be written over the screen, so it goes nowhere: the exit
 * status tells what happened.  A command that ends without reading must
 * not end us with SIGPIPE. */
static int print_text(struct session *s, const char *text, size_t n)
{
	char cmd[sizeof s->cfg->print_command + 32];
	struct sigaction ign, old;
	FILE *fp;
	int status;

	if (!*s->cfg->print_command)
		return err_set(&s->err, ERR_IO, "%s",
			       _("No print command is set; give a file name."));
	snprintf(cmd, sizeof cmd, "exec >/dev/null 2>&1\n%s",
		 s->cfg->print_command);
	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGPIPE, &ign, &old);
	fp = user_popen(cmd, "w");
	if (!fp) {
		sigaction(SIGPIPE, &old, NULL);
		return err_set(&s->err, ERR_IO,
			       _("The print command '%s' cannot be started."),
			       s->cfg->print_command);
	}
	fwrite(text, 1, n, fp);
	status = pclose(fp);
	sigaction(SIGPIPE, &old, NULL);
	if (status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 127)
		return err_set(&s->err, ERR_IO,
			       _("The print command '%s' was not found; ask an "
				 "administrator, or give a file name."),
			       s->cfg->print_command);
	if (status != 0)
		return err_set(&s->err, ERR_IO,
			       _("The print command '%s' failed."),
			       s->cfg->print_command);
	return 0;
}

int letter_output(struct session *s, const char *text, const char *path)
{
	size_t n = strlen(text);

	if (path) {
		/* with the user's own rights, never over an existing file */
		int fd = user_open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
		ssize_t w;
		if (fd < 0)
			return err_set(&s->err, ERR_IO,
				       errno == EEXIST
					       ? _("%s exists already; choose "
						   "another file name.")
					       : _("%s cannot be written."),
				       path);
		w = write(fd, text, n);
		if (close(fd) != 0 || w != (ssize_t)n) {
			unlink(path);
			return err_set(&s->err, ERR_IO,
				       _("%s could not be written in full."),
				       path);
		}
		return 0;
	}
	return print_text(s, text, n);
}

int letter_output_check(struct session *s, const char *path)
{
	char dir[4096];
	const char *slash;

	if (!path) {
		if (!*s->cfg->print_command)
			return err_set(&s->err, ERR_IO, "%s",
				       _("No print command is set; give a file "
					 "name."));
		return 0;
	}
	/* access(2) asks with the real user's rights, as user_open writes */
	if (access(path, F_OK) == 0)
		return err_set(&s->err, ERR_IO,
			       _("%s exists already; choose another file name."),
			       path);
	slash = strrchr(path, '/');
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s",
			 slash == path ? 1 : (int)(slash - path), path);
	if (access(dir, W_OK | X_OK) != 0)
		return err_set(&s->err, ERR_IO, _("%s cannot be written."), path);
	return 0;
}

/* The values every letter about a case may use. */
struct case_letter {
	char municipality[129], number[12], received[DB_DATE], today[DB_DATE];
	char name[300], address[400], unit[129], caseworker[129];
	char expected[DB_DATE], reason[600], missing[1024], law_admin[257];
	char appeal_body[257], appeal_weeks[8];
	struct letter_var v[16];
	size_t n;
};

static void add(struct case_letter *l, const char *name, const char *value)
{
	l->v[l->n].name = name;
	l->v[l->n].value = value;
	l->n++;
}

static int case_letter_init(struct session *s, const struct case_rec *c,
			    struct case_letter *l)
{
	struct person_rec p;
	int rc;

	memset(l, 0, sizeof *l);
	if ((rc = db_person_get(s->db, c->applicant_id, &p)))
		return err_from_db(&s->err, rc);
	snprintf(l->municipality, sizeof l->municipality, "%s",
		 s->cfg->municipality);
	snprintf(l->number, sizeof l->number, "%s", c->number);
	date_show(c->received, l->received);
	{
		char iso[DB_DATE];
		session_today_iso(s, iso);
		date_show(iso, l->today);
	}
	snprintf(l->name, sizeof l->name, "%s %s", p.given, p.family);
	/* the address block: name and postal address, never the ID number
	 * (it would show in the envelope window) */
	{
		size_t n = (size_t)snprintf(l->address, sizeof l->address,
					    "%s %s", p.given, p.family);
		if (*p.address && n < sizeof l->address)
			n += (size_t)snprintf(l->address + n,
					      sizeof l->address - n, "\n%s",
					      p.address);
		if ((*p.postcode || *p.city) && n < sizeof l->address)
			snprintf(l->address + n, sizeof l->address - n,
				 "\n%s%s%s", p.postcode, *p.postcode ? " " : "",
				 p.city);
	}
	snprintf(l->unit, sizeof l->unit, "%s", c->unit_name);
	snprintf(l->caseworker, sizeof l->caseworker, "%s", c->caseworker_name);
	snprintf(l->law_admin, sizeof l->law_admin, "%s", s->cfg->law_admin);
	snprintf(l->appeal_body, sizeof l->appeal_body, "%s",
		 s->cfg->appeal_body_allocation);
	snprintf(l->appeal_weeks, sizeof l->appeal_weeks, "%d",
		 s->cfg->appeal_weeks);
	add(l, "municipality", l->municipality);
	add(l, "case_number", l->number);
	add(l, "received", l->received);
	add(l, "today", l->today);
	add(l, "applicant_name", l->name);
	add(l, "address_block", l->address);
	add(l, "unit", l->unit);
	add(l, "caseworker", l->caseworker);
	add(l, "law_admin", l->law_admin);
	add(l, "appeal_body", l->appeal_body);
	add(l, "appeal_weeks", l->appeal_weeks);
	add(l, "expected_date", l->expected);
	add(l, "reason", l->reason);
	add(l, "missing", l->missing);
	return 0;
}

bool case_interim_due(struct session *s, const struct case_rec *c)
{
	day_t received = date_days(c->received);
	int st = case_status_from_name(c->status);

	if (*c->interim_sent || received == DAY_NONE)
		return false;
	if (st != CS_REGISTERED && st != CS_ASSESSMENT && st != CS_HANDED_OVER &&
	    st != CS_RETURNED)
		return false;
	return session_today(s) >=
	       received + s->cfg->interim_days - s->cfg->interim_warn_days;
}

bool case_can_interim(struct session *s, const struct case_rec *c)
{
	return session_in_unit(s, c->unit_id, ROLE_CASEWORKER);
}

int case_interim_check(struct session *s, const char *reason,
		       const char *expected_iso)
{
	if (!reason || !*reason || strlen(reason) > 500)
		return err_set_field(&s->err, ERR_INVAL, "reason",
				     _("Give the reason for the delay (at most "
				       "500 bytes)."));
	if (!expected_iso || date_days(expected_iso) == DAY_NONE ||
	    date_days(expected_iso) <= session_today(s))
		return err_set_field(&s->err, ERR_INVAL, "expected",
				     _("The expected date must be a real date "
				       "after today."));
	return 0;
}

int case_interim_record(struct session *s, int64_t case_id, int version,
			const char *reason, const char *expected_iso,
			char **letter)
{
	struct case_rec c;
	struct case_letter l;
	char now[DB_TS], today[DB_DATE], text[900];
	int rc;

	*letter = NULL;
	if ((rc = case_interim_check(s, reason, expected_iso)))
		return rc;
	if ((rc = case_open(s, case_id, &c)))
		return rc;
	if (!case_can_interim(s, &c))
		return err_set(&s->err, ERR_DENIED,
			       _("Only a caseworker of the responsible unit "
				 "sends an interim reply."));
	if ((rc = case_letter_init(s, &c, &l)) ||
	    (rc = case_missing(s, case_id, l.missing, sizeof l.missing)))
		return rc;
	snprintf(l.reason, sizeof l.reason, "%s", reason);
	date_show(expected_iso, l.expected);
	if ((rc = letter_fill(s, s->cfg->tpl_interim, l.v, l.n, letter)))
		return rc;
	session_now_ts(s, now);
	session_today_iso(s, today);
	snprintf(text, sizeof text, "interim reply sent; expected %s: %s",
		 expected_iso, reason);
	rc = db_case_interim(s->db, case_id, version, today, expected_iso,
			     s->me.id, now, text);
	if (rc) {
		free(*letter);
		*letter = NULL;
		if (rc == DB_CONFLICT)
			return err_set(&s->err, ERR_CONFLICT,
				       _("Someone else changed case %s after you "
					 "opened it. Open it again to see their "
					 "change."),
				       c.number);
		return err_from_db(&s->err, rc);
	}
	return 0;
}

int case_receipt(struct session *s, int64_t case_id, char **text)
{
	struct case_rec c;
	struct case_letter l;
	int rc;

	*text = NULL;
	if ((rc = case_open(s, case_id, &c)) ||
	    (rc = case_letter_init(s, &c, &l)) ||
	    (rc = case_missing(s, case_id, l.missing, sizeof l.missing)))
		return rc;
	{
		char iso[DB_DATE];
		date_iso(date_days(c.received) + s->cfg->interim_days, iso);
		date_show(iso, l.expected);
	}
	return letter_fill(s, s->cfg->tpl_receipt, l.v, l.n, text);
}
