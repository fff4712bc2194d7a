/*
 * The application: a stack of screens in a frame, one key at a time.
 *
 * Signals: the handlers only set a flag; app_step acts on it between
 * keys.  SIGWINCH re-lays the frame; SIGHUP (the SSH connection dropped),
 * SIGTERM and SIGINT ask every open screen to keep what is typed (a
 * draft) and end the program cleanly with endwin().  We install our own
 * SIGWINCH handler before newterm, so ncurses leaves that signal to us.
 *
 * A crash (SIGSEGV, SIGABRT, SIGBUS, SIGFPE) must not leave the user's
 * terminal in raw mode on the alternate screen.  endwin() is not
 * async-signal-safe, so the crash handler does not call it: it restores
 * the termios saved before curses started (tcsetattr is async-signal-
 * safe), writes the terminal's own reset strings (sgr0, cnorm, rmkx,
 * rmcup) that were looked up at start, then re-raises the signal with the
 * default action so that the crash is still reported and dumped.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sysexits.h>
#include <term.h>
#include <termios.h>
#include <unistd.h>

#include "ui.h"

static volatile sig_atomic_t sig_winch;
static volatile sig_atomic_t sig_end; /* the ending signal, 0 if none */

static int crash_fd = -1;
static bool crash_tio_ok;
static struct termios crash_tio;
static char crash_seq[256];
static size_t crash_len;

static const int end_signals[] = {SIGHUP, SIGTERM, SIGINT};
static const int crash_signals[] = {SIGSEGV, SIGABRT, SIGBUS, SIGFPE};
static struct sigaction old_winch, old_end[3], old_crash[4];

static void on_winch(int sig)
{
	(void)sig;
	sig_winch = 1;
}

static void on_end(int sig)
{
	sig_end = sig;
}

static void on_crash(int sig)
{
	if (crash_fd >= 0) {
		if (crash_tio_ok)
			tcsetattr(crash_fd, TCSANOW, &crash_tio);
		if (write(crash_fd, crash_seq, crash_len) < 0) {
			/* nothing more can be done from here */
		}
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* No SA_RESTART: a signal interrupts the wait for a key at once. */
static void install(int sig, void (*fn)(int), struct sigaction *old)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, old);
}

static void signals_install(void)
{
	sig_winch = 0;
	sig_end = 0;
	install(SIGWINCH, on_winch, &old_winch);
	for (size_t i = 0; i < 3; i++)
		install(end_signals[i], on_end, &old_end[i]);
}

static void crash_prepare(FILE *out)
{
	static const char *const caps[] = {"sgr0", "cnorm", "rmkx", "rmcup"};
	crash_len = 0;
	for (size_t i = 0; i < sizeof caps / sizeof caps[0]; i++) {
		const char *s = tigetstr(caps[i]);
		size_t n;
		if (!s || s == (char *)-1)
			continue;
		n = strlen(s);
		if (crash_len + n + 2 >= sizeof crash_seq)
			break;
		memcpy(crash_seq + crash_len, s, n);
		crash_len += n;
	}
	memcpy(crash_seq + crash_len, "\r\n", 2);
	crash_len += 2;
	crash_fd = fileno(out);
	for (size_t i = 0; i < 4; i++)
		install(crash_signals[i], on_crash, &old_crash[i]);
}

static void signals_restore(void)
{
	sigaction(SIGWINCH, &old_winch, NULL);
	for (size_t i = 0; i < 3; i++)
		sigaction(end_signals[i], &old_end[i], NULL);
	for (size_t i = 0; i < 4; i++)
		sigaction(crash_signals[i], &old_crash[i], NULL);
	crash_fd = -1;
}

/* -------------------------------------------------------- messages */

__attribute__((format(printf, 3, 0)))
static void vmsg(struct app *a, bool error, const char *fmt, va_list ap)
{
	vsnprintf(a->msg, sizeof a->msg, fmt, ap);
	a->msg_error = error;
}

void app_msg(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(a, false, fmt, ap);
	va_end(ap);
}

void app_error(struct app *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vmsg(a, true, fmt, ap);
	va_end(ap);
}

/* ----------------------------------------------------------- stack */

struct screen *app_top(struct app *a)
{
	return a->depth > 0 ? a->stack[a->depth - 1] : NULL;
}

void app_push(struct app *a, struct screen *sc)
{
	if (!sc)
		return;
	if (a->depth == APP_MAX_DEPTH) {
		sc->ops->release(sc);
		app_error(a, "%s", _("Too many screens are open; go back first."));
		return;
	}
	sc->app = a;
	sc->dirty = true;
	a->stack[a->depth++] = sc;
}

void app_pop(struct app *a)
{
	struct screen *sc;
	if (a->depth == 0)
		return;
	sc = a->stack[--a->depth];
	sc->ops->release(sc);
	sc = app_top(a);
	if (!sc) {
		a->done = true;
		return;
	}
	if (sc->ops->resume)
		sc->ops->resume(sc);
	sc->dirty = true;
}

void app_replace(struct app *a, struct screen *sc)
{
	struct screen *old;
	if (!sc || a->depth == 0)
		return;
	old = a->stack[a->depth - 1];
	old->ops->release(old);
	sc->app = a;
	sc->dirty = true;
	a->stack[a->depth - 1] = sc;
}

static void save_all(struct app *a)
{
	for (int i = a->depth - 1; i >= 0; i--)
		if (a->stack[i]->ops->save)
			a->stack[i]->ops->save(a->stack[i]);
}

void app_quit(struct app *a)
{
	save_all(a);
	a->done = true;
}

/* ---------------------------------------------------------- prompt */

void app_prompt(struct app *a, struct screen *owner, const char *label,
		const char *initial, size_t max_bytes, prompt_done_fn done)
{
	struct prompt *p = &a->prompt;
	memset(p, 0, sizeof *p);
	p->active = true;
	p->owner = owner;
	p->done = done;
	snprintf(p->label, sizeof p->label, "%s", label);
	editbuf_init(&p->eb, max_bytes);
	editbuf_set(&p->eb, initial ? initial : "");
}

void app_confirm(struct app *a, struct screen *owner, const char *question,
		 confirm_done_fn answered)
{
	struct prompt *p = &a->prompt;
	memset(p, 0, sizeof *p);
	p->active = true;
	p->yesno = true;
	p->owner = owner;
	p->answered = answered;
	snprintf(p->label, sizeof p->label, "%s", question);
}

/* Printable keys type themselves in a text field; Space too, but it is
 * also shown in the key bar where it chooses a value. */
static bool key_printable(int key)
{
	return key >= 0x20 && key < KEYMAP_FN && key != 0x7F &&
	       !(key >= 0x80 && key < 0xA0);
}

bool ui_edit(struct editbuf *b, int key, enum action act)
{
	switch (act) {
	case A_CHAR_LEFT: return editbuf_left(b);
	case A_CHAR_RIGHT: return editbuf_right(b);
	case A_LINE_START: return editbuf_home(b);
	case A_LINE_END: return editbuf_end(b);
	case A_DEL_BACK: return editbuf_delete_back(b);
	case A_DEL_FORWARD: return editbuf_delete_forward(b);
	case A_KILL_END: return editbuf_kill_end(b);
	case A_CLEAR_FIELD:
		if (!b->len)
			return false;
		editbuf_clear(b);
		return true;
	case A_NONE:
		return key_printable(key) && editbuf_insert(b, (wchar_t)key);
	default: return false;
	}
}

const enum action ui_edit_actions[UI_EDIT_NACTIONS] = {
	A_CHAR_LEFT, A_CHAR_RIGHT, A_LINE_START, A_LINE_END, A_DEL_BACK,
	A_DEL_FORWARD, A_KILL_END, A_CLEAR_FIELD,
};

static void redraw_all(struct app *a);

/* An answer ends the question and the message that came with it (the
 * reason it was asked again); the answer may bring its own. */
static void prompt_end(struct app *a)
{
	a->prompt.active = false;
	a->prompt.owner->dirty = true;
	a->msg[0] = '\0';
	a->msg_error = false;
}

static void prompt_key(struct app *a, int key)
{
	struct prompt *p = &a->prompt;
	struct screen *owner = p->owner;
	enum action acts[UI_EDIT_NACTIONS + 4] = {A_ACCEPT, A_CANCEL, A_REDRAW,
						  A_HELP};
	enum action act;

	if (p->yesno) {
		static const enum action yn[] = {A_YES, A_NO, A_REDRAW, A_HELP};
		act = keymap_lookup(&a->km, key, yn, 4);
		if (act == A_YES || act == A_NO) {
			prompt_end(a);
			p->answered(owner, act == A_YES);
		} else if (act == A_REDRAW) {
			redraw_all(a);
		} else if (act == A_HELP) {
			app_push(a, help_new_prompt(a));
		}
		return;
	}
	memcpy(acts + 4, ui_edit_actions, sizeof ui_edit_actions);
	act = key_printable(key) ? A_NONE
				 : keymap_lookup(&a->km, key, acts,
						 sizeof acts / sizeof acts[0]);
	if (act == A_ACCEPT || act == A_CANCEL) {
		char text[EDITBUF_MAX * 4 + 1];
		editbuf_get(&p->eb, text, sizeof text);
		prompt_end(a);
		p->done(owner, act == A_ACCEPT ? text : NULL);
	} else if (act == A_REDRAW) {
		redraw_all(a);
	} else if (act == A_HELP) {
		app_push(a, help_new_prompt(a));
	} else if (ui_edit(&p->eb, key, act) && p->changed) {
		char text[EDITBUF_MAX * 4 + 1];
		editbuf_get(&p->eb, text, sizeof text);
		p->changed(owner, text);
	}
}

void app_action_keys(struct app *a, const struct screen *sc, enum action act,
		     char *out, size_t size, bool first_only)
{
	app_keys_text(a, !sc || sc->ops->text_input, act, out, size,
		      first_only);
}

void app_keys_text(struct app *a, bool text, enum action act, char *out,
		   size_t size, bool first_only)
{
	size_t used = 0;
	char name[32];

	out[0] = '\0';
	for (int k = 0; k < a->km.nkeys[act] && used < size; k++) {
		int code = a->km.key[act][k];
		/* in a form a letter types itself: not a key for an action */
		if (text && key_printable(code) && code != ' ')
			continue;
		keyname_show(code, name, sizeof name);
		used += (size_t)snprintf(out + used, size - used, "%s%s",
					 used ? ", " : "", name);
		if (first_only)
			break;
	}
}

/* -------------------------------------------------------- the loop */

static void redraw_all(struct app *a)
{
	struct screen *sc = app_top(a);
	clearok(curscr, TRUE);
	a->f.force = true;
	if (sc)
		sc->dirty = true;
}

static void relayout(struct app *a)
{
	frame_layout(&a->f);
	redraw_all(a);
}

void app_resized(struct app *a)
{
	struct winsize ws;
	if (ioctl(fileno(a->out), TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
	relayout(a);
}

/* While the window is too small nothing can be seen, so nothing is done
 * blind: not an answer to an open question, not a key of the screen.
 * Only Ctrl-L, and quitting (which keeps drafts) where the screen has
 * its quit key and no question is open. */
static void small_key(struct app *a, int key)
{
	struct screen *sc = app_top(a);
	enum action acts[UI_MAX_ACTIONS];
	size_t n;

	if (keymap_has(&a->km, A_REDRAW, key)) {
		redraw_all(a);
		return;
	}
	if (a->prompt.active || !sc || sc->ops->text_input)
		return;
	n = sc->ops->actions(sc, acts);
	if (keymap_lookup(&a->km, key, acts, n) == A_QUIT)
		app_quit(a);
}

static void dispatch(struct app *a, int key)
{
	struct screen *sc = app_top(a);
	enum action acts[UI_MAX_ACTIONS], act;
	size_t n;

	if (a->f.too_small) {
		small_key(a, key);
		return;
	}
	if (a->prompt.active) {
		prompt_key(a, key);
		return;
	}
	if (!sc)
		return;
	/* a message stays until the next key */
	a->msg[0] = '\0';
	a->msg_error = false;
	n = sc->ops->actions(sc, acts);
	act = sc->ops->text_input && key_printable(key)
		      ? A_NONE
		      : keymap_lookup(&a->km, key, acts, n);
	if (act == A_HELP) {
		app_push(a, help_new(a, sc));
		return;
	}
	if (act == A_REDRAW) {
		redraw_all(a);
		return;
	}
	sc->ops->key(sc, key, act);
}

static void handle_signals(struct app *a)
{
	if (sig_winch) {
		sig_winch = 0;
		app_resized(a);
		a->need_update = true;
	}
	if (sig_end) {
		a->exit_code = 128 + sig_end;
		sig_end = 0;
		save_all(a);
		a->done = true;
	}
}

/* The terminal went away without a signal (the pty closed): the same as
 * a hangup, or we would spin on end-of-file forever. */
static bool input_gone(struct app *a)
{
	struct pollfd p = {.fd = fileno(a->in), .events = POLLIN};
	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static int read_key(struct app *a, int timeout_ms)
{
	wint_t wc;
	int r;

	wtimeout(stdscr, timeout_ms);
	r = wget_wch(stdscr, &wc);
	if (r == ERR)
		return -1;
	if (r == KEY_CODE_YES) {
		if (wc == KEY_RESIZE)
			return KEY_RESIZE;
		return key_normalise(KEYMAP_FN + (int)wc);
	}
	return key_normalise((int)wc);
}

enum app_step_rc app_step(struct app *a, int timeout_ms)
{
	int key;

	handle_signals(a);
	if (a->done)
		return APP_DONE;
	set_term(a->term);
	if (a->need_update) {
		if (frame_update(a)) {
			doupdate();
			a->updates++;
		}
		a->need_update = false;
		session_idle(a->s); /* drawn: the user reads */
	}
	key = read_key(a, timeout_ms);
	if (key < 0) {
		if (!sig_end && !sig_winch && input_gone(a)) {
			a->exit_code = 128 + SIGHUP;
			save_all(a);
			a->done = true;
		}
		handle_signals(a);
		return a->done ? APP_DONE : APP_IDLE;
	}
	if (key == KEY_RESIZE) {
		relayout(a); /* ncurses has resized already */
	} else {
		session_action_begin(a->s);
		dispatch(a, key);
	}
	a->need_update = true;
	return a->done ? APP_DONE : APP_KEY;
}

int app_start(struct session *s, FILE *in, FILE *out, struct app **out_app)
{
	struct app *a;
	char why[512];
	const char *term = getenv("TERM");

	*out_app = NULL;
	a = calloc(1, sizeof *a);
	if (!a)
		return EX_OSERR;
	a->s = s;
	a->in = in;
	a->out = out;
	if (keymap_load(&a->km, s->cfg, why, sizeof why)) {
		fprintf(stderr, "bosak: %s\n", why);
		free(a);
		return EX_CONFIG;
	}
	crash_tio_ok = tcgetattr(fileno(out), &crash_tio) == 0;
	signals_install();
	a->term = newterm(NULL, out, in);
	if (!a->term) {
		signals_restore();
		fprintf(stderr,
			_("bosak: cannot use the terminal (TERM=%s); set TERM to "
			  "your terminal's type, for example xterm or vt100.\n"),
			term ? term : "");
		free(a);
		return EX_UNAVAILABLE;
	}
	set_term(a->term);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	/* A bare Esc means "back": do not make the user wait for it. */
	set_escdelay(25);
	crash_prepare(out);
	frame_init(&a->f, true);
	frame_layout(&a->f);
	wnoutrefresh(stdscr);
	app_push(a, home_new(a));
	a->need_update = true;
	*out_app = a;
	return 0;
}

int app_stop(struct app **ap)
{
	struct app *a = *ap;
	int code;

	if (!a)
		return 0;
	set_term(a->term);
	while (a->depth > 0) {
		struct screen *sc = a->stack[--a->depth];
		sc->ops->release(sc);
	}
	frame_release(&a->f);
	endwin();
	delscreen(a->term);
	signals_restore();
	code = a->exit_code;
	free(a->letter);
	free(a);
	*ap = NULL;
	return code;
}

int app_run(struct session *s, FILE *in, FILE *out)
{
	struct app *a;
	int rc = app_start(s, in, out, &a);

	if (rc)
		return rc;
	/* A second's timeout closes the small window between checking the
	 * flags and blocking in read(). */
	while (app_step(a, 1000) != APP_DONE)
		;
	rc = app_stop(&a);
	/* ended by a signal: the draft is saved; say so on the terminal */
	if (rc > 128 && rc - 128 != SIGHUP)
		fprintf(stderr, "%s\n",
			_("bosak: stopped; what was typed is kept as a draft."));
	return rc;
}

int app_main(struct session *s)
{
	return app_run(s, stdin, stdout);
}

/* ----------------------------------------------------------- tests */

void app_row_text(struct app *a, int y, char *out, size_t size)
{
	wchar_t buf[1024];
	int oy, ox, n, i;
	size_t o = 0;

	set_term(a->term);
	out[0] = '\0';
	getyx(newscr, oy, ox);
	n = mvwinnwstr(newscr, y, 0, buf, COLS < 1023 ? COLS : 1023);
	wmove(newscr, oy, ox);
	if (n == ERR)
		return;
	for (i = 0; i < n && buf[i]; i++) {
		char u[4];
		size_t k = utf8_encode(buf[i], u);
		if (o + k >= size)
			break;
		memcpy(out + o, u, k);
		o += k;
	}
	while (o > 0 && out[o - 1] == ' ')
		o--;
	out[o] = '\0';
}

unsigned long app_update_count(const struct app *a)
{
	return a->updates;
}

void app_cursor(struct app *a, int *y, int *x)
{
	set_term(a->term);
	getyx(curscr, *y, *x);
}
