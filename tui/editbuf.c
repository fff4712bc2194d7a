/*
 * The field buffer: editing rules for one line of wide characters.  UTF-8
 * is decoded here by hand rather than with mbrtowc so that the buffer
 * behaves the same whatever LC_CTYPE the process happens to run under.
 */
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "editbuf.h"

size_t utf8_decode(const char *str, size_t len, wchar_t *c)
{
	static const unsigned long min[5] = {0, 0, 0x80, 0x800, 0x10000};
	const unsigned char *s = (const unsigned char *)str;
	unsigned long v;
	size_t n, i;

	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, v = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, v = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, v = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3F);
	}
	if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*c = (wchar_t)v;
	return n;
}

size_t utf8_encode(wchar_t wc, char out[4])
{
	unsigned long c = (unsigned long)wc;

	if (c < 0x80) {
		out[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		out[0] = (char)(0xC0 | c >> 6);
		out[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c >= 0xD800 && c <= 0xDFFF)
		return 0;
	if (c < 0x10000) {
		out[0] = (char)(0xE0 | c >> 12);
		out[1] = (char)(0x80 | (c >> 6 & 0x3F));
		out[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	if (c <= 0x10FFFF) {
		out[0] = (char)(0xF0 | c >> 18);
		out[1] = (char)(0x80 | (c >> 12 & 0x3F));
		out[2] = (char)(0x80 | (c >> 6 & 0x3F));
		out[3] = (char)(0x80 | (c & 0x3F));
		return 4;
	}
	return 0;
}

static size_t char_bytes(wchar_t c)
{
	char tmp[4];
	return utf8_encode(c, tmp);
}

void editbuf_init(struct editbuf *b, size_t max_bytes)
{
	memset(b, 0, sizeof *b);
	b->max_bytes = max_bytes;
}

void editbuf_clear(struct editbuf *b)
{
	b->len = b->cur = b->scroll = 0;
	b->text[0] = L'\0';
}

size_t editbuf_bytes(const struct editbuf *b)
{
	size_t i, n = 0;
	for (i = 0; i < b->len; i++)
		n += char_bytes(b->text[i]);
	return n;
}

/* Control characters would move the terminal's cursor behind our back. */
static bool insertable(wchar_t c)
{
	unsigned long v = (unsigned long)c;
	return v >= 0x20 && v != 0x7F && !(v >= 0x80 && v < 0xA0) &&
	       char_bytes(c) > 0;
}

bool editbuf_insert(struct editbuf *b, wchar_t c)
{
	if (!insertable(c) || b->len >= EDITBUF_MAX ||
	    editbuf_bytes(b) + char_bytes(c) > b->max_bytes)
		return false;
	memmove(&b->text[b->cur + 1], &b->text[b->cur],
		(b->len - b->cur + 1) * sizeof b->text[0]);
	b->text[b->cur++] = c;
	b->len++;
	return true;
}

bool editbuf_delete_back(struct editbuf *b)
{
	if (b->cur == 0)
		return false;
	b->cur--;
	return editbuf_delete_forward(b);
}

bool editbuf_delete_forward(struct editbuf *b)
{
	if (b->cur >= b->len)
		return false;
	memmove(&b->text[b->cur], &b->text[b->cur + 1],
		(b->len - b->cur) * sizeof b->text[0]);
	b->len--;
	return true;
}

bool editbuf_kill_end(struct editbuf *b)
{
	if (b->cur >= b->len)
		return false;
	b->len = b->cur;
	b->text[b->len] = L'\0';
	return true;
}

bool editbuf_left(struct editbuf *b)
{
	if (b->cur == 0)
		return false;
	b->cur--;
	return true;
}

bool editbuf_right(struct editbuf *b)
{
	if (b->cur >= b->len)
		return false;
	b->cur++;
	return true;
}

bool editbuf_home(struct editbuf *b)
{
	bool moved = b->cur != 0;
	b->cur = 0;
	return moved;
}

bool editbuf_end(struct editbuf *b)
{
	bool moved = b->cur != b->len;
	b->cur = b->len;
	return moved;
}

/* A word is a run of anything but spaces and punctuation, decided without
 * the locale: names like "Ødegård-Hansen" stop at the hyphen. */
static bool word_char(wchar_t c)
{
	unsigned long v = (unsigned long)c;
	if (v >= 0x80)
		return v != 0xA0; /* no-break space separates words too */
	return (v >= '0' && v <= '9') || (v >= 'a' && v <= 'z') ||
	       (v >= 'A' && v <= 'Z') || v == '_';
}

bool editbuf_word_left(struct editbuf *b)
{
	size_t start = b->cur;
	while (b->cur > 0 && !word_char(b->text[b->cur - 1]))
		b->cur--;
	while (b->cur > 0 && word_char(b->text[b->cur - 1]))
		b->cur--;
	return b->cur != start;
}

bool editbuf_word_right(struct editbuf *b)
{
	size_t start = b->cur;
	while (b->cur < b->len && !word_char(b->text[b->cur]))
		b->cur++;
	while (b->cur < b->len && word_char(b->text[b->cur]))
		b->cur++;
	return b->cur != start;
}

int editbuf_set(struct editbuf *b, const char *s)
{
	size_t len = strlen(s), i = 0, n;
	wchar_t c;
	int rc = 0;

	editbuf_clear(b);
	while (i < len) {
		n = utf8_decode(s + i, len - i, &c);
		if (n == 0) {
			rc = -1;
			break;
		}
		/* a tab or newline from a paste becomes a space */
		if (c == L'\t' || c == L'\n' || c == L'\r')
			c = L' ';
		if (!editbuf_insert(b, c)) {
			rc = -1;
			break;
		}
		i += n;
	}
	return rc;
}

void editbuf_get(const struct editbuf *b, char *out, size_t size)
{
	size_t i, o = 0, n;
	char tmp[4];

	if (size == 0)
		return;
	for (i = 0; i < b->len; i++) {
		n = utf8_encode(b->text[i], tmp);
		if (o + n >= size)
			break;
		memcpy(out + o, tmp, n);
		o += n;
	}
	out[o] = '\0';
}

int editbuf_char_width(wchar_t c)
{
	int w = wcwidth(c);
	if (w >= 0)
		return w;
	return 1;
}

static int span_width(const struct editbuf *b, size_t from, size_t to)
{
	int w = 0;
	for (size_t i = from; i < to; i++)
		w += editbuf_char_width(b->text[i]);
	return w;
}

int editbuf_width(const struct editbuf *b)
{
	return span_width(b, 0, b->len);
}

void editbuf_scroll(struct editbuf *b, int cols)
{
	/* One column stays free for the cursor after the last character. */
	int room = cols > 1 ? cols - 1 : 1;

	if (b->scroll > b->len)
		b->scroll = b->len;
	if (b->cur < b->scroll)
		b->scroll = b->cur;
	while (b->scroll < b->cur && span_width(b, b->scroll, b->cur) > room)
		b->scroll++;
	/* After deleting, pull the text back in rather than show empty room. */
	while (b->scroll > 0 &&
	       span_width(b, b->scroll - 1, b->len) <= room)
		b->scroll--;
}

int editbuf_cursor_col(const struct editbuf *b)
{
	return b->cur >= b->scroll ? span_width(b, b->scroll, b->cur) : 0;
}
