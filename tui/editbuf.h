/*
 * editbuf: the text of one input field as wide characters, with a cursor
 * and a horizontal scroll offset.  Pure: no curses, so that every editing
 * rule is unit-tested without a terminal (tests/test_editbuf.c).
 *
 * The limit is in UTF-8 bytes, not characters, because the text ends up
 * in fixed-size record fields (person_rec.given[129] holds 128 bytes: 64
 * letters æ, 128 letters a).  Widths are terminal columns (wcwidth): a
 * CJK letter takes two, a combining accent none.
 */
#ifndef BOSAK_EDITBUF_H
#define BOSAK_EDITBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

#define EDITBUF_MAX 512 /* characters; any byte limit below this fits */

struct editbuf {
	wchar_t text[EDITBUF_MAX + 1]; /* always 0-terminated */
	size_t len;                    /* characters */
	size_t cur;                    /* cursor: 0..len, before text[cur] */
	size_t max_bytes;              /* UTF-8 bytes allowed, without the 0 */
	size_t scroll;                 /* first character shown */
};

/* An empty buffer taking at most max_bytes of UTF-8. */
void editbuf_init(struct editbuf *b, size_t max_bytes);
void editbuf_clear(struct editbuf *b);

/* Inserts at the cursor; false (nothing changed) for a control character
 * or when the text would grow past max_bytes. */
bool editbuf_insert(struct editbuf *b, wchar_t c);
/* Each returns whether anything changed. */
bool editbuf_delete_back(struct editbuf *b);
bool editbuf_delete_forward(struct editbuf *b);
bool editbuf_kill_end(struct editbuf *b);
bool editbuf_left(struct editbuf *b);
bool editbuf_right(struct editbuf *b);
bool editbuf_home(struct editbuf *b);
bool editbuf_end(struct editbuf *b);
bool editbuf_word_left(struct editbuf *b);
bool editbuf_word_right(struct editbuf *b);

/* Replaces the text by UTF-8 s, cursor at the end.  Returns 0, or -1 when
 * s is not well-formed UTF-8 or too long: then as much as fits of the
 * well-formed start is kept, so that nothing typed is silently lost. */
int editbuf_set(struct editbuf *b, const char *s);
/* The text as UTF-8 into out (size bytes, always terminated). */
void editbuf_get(const struct editbuf *b, char *out, size_t size);
/* UTF-8 bytes the text takes. */
size_t editbuf_bytes(const struct editbuf *b);

/* Terminal columns of a character (0 for combining marks, 2 for wide
 * letters; an unprintable one counts 1 so that the cursor never lies). */
int editbuf_char_width(wchar_t c);
/* Columns of the whole text. */
int editbuf_width(const struct editbuf *b);
/* Adjusts scroll so that the cursor is visible in a field of cols columns
 * (cols >= 2), keeping the text put when it can. */
void editbuf_scroll(struct editbuf *b, int cols);
/* Column of the cursor inside the field after editbuf_scroll. */
int editbuf_cursor_col(const struct editbuf *b);

/* UTF-8 helpers shared with the screens: one code point from s (len
 * bytes), returning its length or 0 for a malformed sequence; and the
 * encoding of c into out[4], returning its length (0 if not encodable). */
size_t utf8_decode(const char *s, size_t len, wchar_t *c);
size_t utf8_encode(wchar_t c, char out[4]);

#endif
