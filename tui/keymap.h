/*
 * keymap: actions are data.  One table names every action of the
 * interface with its default keys, the short label of the key bar and the
 * sentence of the `?` help; the INI file's [keys] section rebinds them.
 * The key bar, the help screen and bosak(1)'s key list come from it.
 *
 * A key is an int: a character (L'q', L'æ', 12 for Ctrl-L, '\n' for
 * Enter, 27 for Esc) or KEYMAP_FN + a curses KEY_* code for a function
 * key.  keyname_parse() and keyname_show() are pure and need no terminal.
 */
#ifndef BOSAK_KEYMAP_H
#define BOSAK_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "../core/core.h"

#define KEYMAP_FN 0x1000000
#define KEYMAP_MAX_KEYS 6

#define ACTION_TABLE(X)                                                       \
	X(A_UP, "up", "Up k", NULL, N_("Move up one line"))                   \
	X(A_DOWN, "down", "Down j", NULL, N_("Move down one line"))           \
	X(A_PGUP, "pgup", "PgUp", NULL, N_("Move up one page"))               \
	X(A_PGDN, "pgdn", "PgDn", NULL, N_("Move down one page"))             \
	X(A_HOME, "home", "Home g", NULL, N_("Go to the first line"))         \
	X(A_END, "end", "End G", NULL, N_("Go to the last line"))             \
	X(A_OPEN, "open", "Enter", N_("Open"), N_("Open the chosen line"))    \
	X(A_BACK, "back", "q Esc", N_("Back"), N_("Go back to the previous screen")) \
	X(A_QUIT, "quit", "q Q", N_("Quit"), N_("Quit bosak"))                \
	X(A_SEARCH, "search", "/", N_("Search"),                              \
	  N_("Search for a case by name, ID number or case number"))         \
	X(A_FILTER, "filter", "/", N_("Filter"),                              \
	  N_("Show only the lines that contain a text"))                     \
	X(A_NEW_INTAKE, "new_intake", "n", N_("New application"),             \
	  N_("Register a new application (intake)"))                         \
	X(A_HELP, "help", "? F1", N_("Help"), N_("Show every key of this screen")) \
	X(A_REDRAW, "redraw", "C-l", NULL, N_("Repaint the screen"))          \
	X(A_NEXT_FIELD, "next_field", "Tab Down Enter", N_("Next field"),    \
	  N_("Go to the next field (the field is checked)"))                 \
	X(A_PREV_FIELD, "prev_field", "S-Tab Up", NULL,                       \
	  N_("Go to the previous field"))                                     \
	X(A_NEXT_SECTION, "next_section", "PgDn", NULL,                       \
	  N_("Go to the next section of the form"))                           \
	X(A_PREV_SECTION, "prev_section", "PgUp", NULL,                       \
	  N_("Go to the previous section of the form"))                       \
	X(A_SAVE, "save", "C-w F2", N_("Save"), N_("Save and register"))      \
	X(A_TOGGLE, "toggle", "Space", N_("Choose"),                          \
	  N_("Tick a box or choose the next value"))                          \
	X(A_CHAR_LEFT, "char_left", "Left", NULL,                             \
	  N_("Move left in the field, or the previous value of a choice"))    \
	X(A_CHAR_RIGHT, "char_right", "Right", NULL,                          \
	  N_("Move right in the field, or the next value of a choice"))       \
	X(A_LINE_START, "line_start", "Home C-a", NULL,                       \
	  N_("Go to the start of the field"))                                 \
	X(A_LINE_END, "line_end", "End C-e", NULL, N_("Go to the end of the field")) \
	X(A_DEL_BACK, "del_back", "Backspace", NULL,                          \
	  N_("Delete the character before the cursor"))                       \
	X(A_DEL_FORWARD, "del_forward", "Del C-d", NULL,                      \
	  N_("Delete the character under the cursor"))                        \
	X(A_KILL_END, "kill_end", "C-k", NULL,                                \
	  N_("Delete from the cursor to the end of the field"))               \
	X(A_CLEAR_FIELD, "clear_field", "C-u", NULL, N_("Empty the field"))   \
	X(A_NOTE, "note", "a", N_("Note"), N_("Add a note to the journal"))   \
	X(A_INTERIM, "interim", "i", N_("Interim reply"),                     \
	  N_("Record that an interim reply was sent, and write the letter"))  \
	X(A_RECEIPT, "receipt", "r", N_("Receipt"),                           \
	  N_("Print the receipt for the applicant, or save it to a file"))    \
	X(A_DELETE, "delete", "d", N_("Delete"), N_("Delete the chosen draft")) \
	X(A_YES, "yes", "j y", N_("Yes"), N_("Answer yes"))                   \
	X(A_NO, "no", "n Esc", N_("No"), N_("Answer no"))                     \
	X(A_ACCEPT, "accept", "Enter", N_("OK"), N_("Accept the text"))       \
	X(A_CANCEL, "cancel", "Esc C-g", N_("Cancel"), N_("Cancel"))         \
	X(A_BREAK_GLASS, "break_glass", "C-o F9", N_("Break the glass"),      \
	  N_("Open a case outside your access, for a reason you state: "     \
	     "logged and shown to the supervisor"))                          \
	X(A_REVIEWED, "reviewed", "m", N_("Reviewed"),                        \
	  N_("Mark the opening as reviewed"))          \
	/* referral.c / plan.c screens */                                      \
	X(A_REFER, "refer", "h", N_("Refer"),                                 \
	  N_("Refer the case to another unit or partner, for a service or a " \
	     "transfer of responsibility"))                                    \
	X(A_REFERRALS, "referrals", "v", N_("Referrals"),                     \
	  N_("Show the case's referrals and their answers"))                  \
	X(A_PLAN, "plan", "p", N_("Plan"),                                    \
	  N_("Open the person's individual plan, or start one"))              \
	X(A_ACCEPT_REFERRAL, "accept_referral", "a", N_("Accept"),            \
	  N_("Accept the referral and choose who takes it"))                  \
	X(A_DECLINE, "decline", "d", N_("Decline"),                           \
	  N_("Decline the referral with a coded reason and a text"))          \
	X(A_ASK, "ask", "s", N_("Ask"),                                       \
	  N_("Ask the sender a question; the referral waits for the answer")) \
	X(A_REPLY, "reply", "s", N_("Reply"),                                 \
	  N_("Answer the receiving unit's question"))                         \
	X(A_WITHDRAW, "withdraw", "w", N_("Withdraw"),                        \
	  N_("Withdraw the referral, with a reason, while it is unanswered")) \
	X(A_ESCALATE, "escalate", "f", N_("To the forum"),                    \
	  N_("Put the referral on the housing forum's agenda"))               \
	X(A_CONCLUDE, "conclude", "c", N_("Conclude"),                        \
	  N_("Record the forum's conclusion: which unit takes the "           \
	     "responsibility, and why"))                                       \
	X(A_EDIT, "edit", "e", N_("Edit"),                                    \
	  N_("Change the plan; saving makes a new version"))                  \
	X(A_ACTIVATE, "activate", "t", N_("Activate"),                        \
	  N_("Make the plan active, or hear what it still lacks"))            \
	X(A_VERSIONS, "versions", "v", N_("Versions"),                        \
	  N_("Earlier versions of the plan, to read and compare"))            \
	X(A_COMPARE, "compare", "c", N_("Compare"),                           \
	  N_("Compare the chosen version with the current one"))              \
	X(A_PRINT, "print", "p", N_("Print"),                                 \
	  N_("Print the plan for the person and the participants, or save "   \
	     "it to a file"))                                                  \
	/* allocation, dwelling, decision and lease screens (issue 5) */       \
	X(A_HANDOVER, "handover", "o", N_("Hand over"),                       \
	  N_("Hand the case over to the allocation group with a summary "     \
	     "note; refused while the checklist lacks something"))            \
	X(A_RETURN, "return", "t", N_("Return"),                              \
	  N_("Return the case to the responsible unit for more information, " \
	     "with the reason"))                                               \
	X(A_DECIDE, "decide", "b", N_("Decide"),                              \
	  N_("Write the decision: the form, then the letter to review, then " \
	     "issue it"))                                                      \
	X(A_MATCH, "match", "m", N_("Match"),                                 \
	  N_("The meeting view: the vacant dwellings that suit the case, or " \
	     "the queued cases that suit the dwelling"))                       \
	X(A_DECISIONS, "decisions", "D", N_("Decisions"),                     \
	  N_("The case's decisions with their letters as issued, and its "    \
	     "appeals"))                                                       \
	X(A_DOCUMENTS, "documents", "c", N_("Documents"),                     \
	  N_("Mark the checklist's documents received, missing or not "       \
	     "needed"))                                                        \
	X(A_LEASE, "lease", "l", N_("Lease"),                                 \
	  N_("Make the lease of an accepted dwelling, or see, review or end " \
	     "the case's lease"))                                              \
	X(A_APPEAL, "appeal", "K", N_("Appeal"),                              \
	  N_("Register an appeal against the decision, with the day it was "  \
	     "received"))                                                      \
	X(A_FORWARD, "forward", "f", N_("Uphold"),                            \
	  N_("Uphold the decision and forward the appeal to the appeal "      \
	     "body"))                                                          \
	X(A_APPEAL_OUTCOME, "appeal_outcome", "u", N_("Outcome"),             \
	  N_("Record the appeal body's outcome"))                             \
	X(A_DELIVERED, "delivered", "M", N_("Delivered"),                     \
	  N_("Record the day the decision reached the applicant; the appeal " \
	     "deadline runs from it"))                                         \
	X(A_REPRINT, "reprint", "p", N_("Print"),                             \
	  N_("Print the letter as it was issued, byte for byte, or save it "  \
	     "to a file"))                                                     \
	X(A_PREVIEW, "preview", "C-w F2", N_("Letter"),                       \
	  N_("Compose the decision letter from the form, to review before "   \
	     "it is issued"))                                                  \
	X(A_ISSUE, "issue", "C-w F2", N_("Issue"),                            \
	  N_("Issue the decision as shown: it is stored and never changes "   \
	     "again"))                                                         \
	X(A_FILTER_TRACK, "filter_track", "t", N_("Track"),                   \
	  N_("Show only cases of one track: dwelling, assistance, both, or "  \
	     "all"))                                                           \
	X(A_FILTER_SIZE, "filter_size", "s", N_("Size"),                      \
	  N_("Show only households of one size: 1, 2, 3 to 4, 5 or more "     \
	     "persons, or all"))                                               \
	X(A_FILTER_NEEDS, "filter_needs", "f", N_("Needs"),                   \
	  N_("Show only cases with one need: adapted, staffed, follow-up, or " \
	     "all"))                                                           \
	X(A_NEW_DWELLING, "new_dwelling", "n", N_("New"),                     \
	  N_("Add a dwelling to the register"))                               \
	X(A_FILTER_STATUS, "filter_status", "s", N_("Status"),                \
	  N_("Show only vacant, let or maintenance dwellings, or all"))       \
	X(A_END_LEASE, "end_lease", "x", N_("End lease"),                     \
	  N_("The tenant has moved out: end the lease; the dwelling is "      \
	     "vacant from that day"))                                          \
	X(A_REVIEW, "review", "r", N_("Review"),                              \
	  N_("Record the lease review's outcome: the private market, buying " \
	     "the dwelling, or the end of the tenancy"))                       \
	X(A_WHO_LOOKED, "who_looked", "w", N_("Who looked"),                  \
	  N_("Show who has looked at the chosen case (the access log)"))      \
	X(A_PERSON_LOG, "person_log", "W", N_("Whole person"),                \
	  N_("Switch the access log between this case and everything about " \
	     "the person"))                                                    \
	/* the housing instruments panel (issue 8) */                          \
	X(A_INSTRUMENTS, "instruments", "I", N_("Instruments"),               \
	  N_("The housing instruments panel: every instrument considered "    \
	     "together for the household"))                                   \
	X(A_INSTR_NEXT, "instrument_next", "Space Right", N_("Next state"),   \
	  N_("Move the chosen instrument along: to be applied for, applied "  \
	     "(today, at the handling unit), granted"))                        \
	X(A_INSTR_NOT_RELEVANT, "instrument_not_relevant", "x",               \
	  N_("Not relevant"),                                                  \
	  N_("The chosen instrument is considered and not relevant: give the " \
	     "reason"))                                                        \
	X(A_INSTR_APPLIED, "instrument_applied", "d", N_("Applied on"),       \
	  N_("The chosen instrument was applied for on a day you give"))       \
	X(A_INSTR_REFUSED, "instrument_refused", "f", N_("Refused"),          \
	  N_("The application for the chosen instrument was refused"))         \
	X(A_INSTR_SEND, "instrument_send", "h", N_("Send"),                   \
	  N_("Send the chosen instrument to the unit that handles it as a "   \
	     "referral for a service, in one step (consent rules apply)"))     \
	X(A_INSTR_NOTE, "instrument_note", "e", N_("Note"),                   \
	  N_("Write or change the chosen instrument's note"))                  \
	X(A_INSTR_RESET, "instrument_reset", "u", N_("Not considered"),       \
	  N_("Set the chosen instrument back to not yet considered, to "      \
	     "correct a mistake"))

enum action {
	A_NONE = 0,
#define X(id, name, keys, label, help) id,
	ACTION_TABLE(X)
#undef X
	A__COUNT
};

struct action_def {
	const char *name;  /* the [keys] name */
	const char *keys;  /* default key names, space-separated */
	const char *label; /* key bar label (untranslated), NULL: not on it */
	const char *help;  /* the `?` sentence (untranslated) */
};
/* Indexed by enum action; [A_NONE] is empty. */
extern const struct action_def action_table[A__COUNT];

struct keymap {
	int key[A__COUNT][KEYMAP_MAX_KEYS];
	int nkeys[A__COUNT];
};

/* One key name -> code.  Accepts: a single character ("q", "æ", "/"),
 * Enter Esc Tab S-Tab Space Backspace Del Ins Up Down Left Right Home End
 * PgUp PgDn F1..F12, and Ctrl-letter as C-l, ^L or Ctrl-L.  Named keys are
 * case-insensitive, a single letter is not ("q" and "Q" differ).  Returns
 * 0, or -1 with the reason in why. */
int keyname_parse(const char *name, int *code, char *why, size_t why_size);
/* The name a person reads for a code ("Enter", "Ctrl-W", "æ", "F2"). */
void keyname_show(int code, char *out, size_t size);
/* "up" -> A_UP; A_NONE when unknown. */
enum action action_from_name(const char *name);

void keymap_defaults(struct keymap *km);
/* Binds names (space-separated) to act, replacing its keys.  Other
 * actions keep theirs: where two actions of one screen share a key, the
 * screen's first wins (so `n` is "no" in a question, "new" at home).  -1
 * with the reason in why. */
int keymap_bind(struct keymap *km, enum action act, const char *names,
		char *why, size_t why_size);
/* The [keys] section of the configuration over the defaults.  -1 with
 * "[keys] action = 'keys': reason" in why for an unknown action, a bad
 * key name, or one key given to two actions. */
int keymap_load(struct keymap *km, const struct config *cfg, char *why,
		size_t why_size);
/* The first of acts (a screen's actions, in its order) that key is bound
 * to; A_NONE if none. */
enum action keymap_lookup(const struct keymap *km, int key,
			  const enum action *acts, size_t n);
bool keymap_has(const struct keymap *km, enum action act, int key);
/* The key names of an action joined by ", " ("q, Esc"). */
void keymap_keys_text(const struct keymap *km, enum action act, char *out,
		      size_t size);

/* Input normalisation: Return and KEY_ENTER become '\n', the three
 * spellings of backspace become KEYMAP_FN + KEY_BACKSPACE. */
int key_normalise(int code);

#endif
