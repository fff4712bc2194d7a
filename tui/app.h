/*
 * The terminal application as a set of steps, so that a test can run it
 * in-process on a pseudo-terminal: start it, feed keys, read the screen
 * back, stop it.  app_run() is the same steps in a loop.
 */
#ifndef BOSAK_APP_H
#define BOSAK_APP_H

#include <stdio.h>

#include "tui.h"

struct app;

enum app_step_rc {
	APP_IDLE, /* nothing arrived within the timeout */
	APP_KEY,  /* one key was handled */
	APP_DONE, /* the user quit or a signal ended the program */
};

/* Runs the interface on the terminal at in/out (newterm); returns a
 * sysexits code.  The keymap from the configuration is checked first:
 * a bad [keys] entry is printed to stderr and nothing is started. */
int app_run(struct session *s, FILE *in, FILE *out);

/* 0 and *out, or a sysexits code (a bad keymap, no terminal). */
int app_start(struct session *s, FILE *in, FILE *out, struct app **out_app);
/* Draws what changed (one doupdate), then waits up to timeout_ms for a
 * key (-1: forever) and handles it. */
enum app_step_rc app_step(struct app *a, int timeout_ms);
/* Ends curses on this terminal and frees everything; returns the exit
 * code. */
int app_stop(struct app **a);

/* For tests: the text of screen row y as the terminal shows it (after the
 * last update), UTF-8, trailing spaces removed. */
void app_row_text(struct app *a, int y, char *out, size_t size);
/* For tests: the terminal changed size (as SIGWINCH would report). */
void app_resized(struct app *a);
/* For tests: number of doupdate calls so far. */
unsigned long app_update_count(const struct app *a);
/* For tests: the cursor position on the terminal. */
void app_cursor(struct app *a, int *y, int *x);

#endif
