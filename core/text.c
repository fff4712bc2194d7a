/*
 * Small UTF-8 text helpers: the folded form of names that prefix search
 * compares, copying without cutting a character, trimming, and width in
 * terminal columns.
 */
#include <langinfo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "core.h"

/* One code point from s (at most len bytes); returns its length, or 0 for
 * a byte that does not start a well-formed sequence. */
static size_t text_decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		n = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

/* Letters of other scripts are kept as they are: lowering them would
 * depend on the locale, and the folded form is stored.
 *
 * U+00C0-U+00FF folded.  Norwegian letters stay (lowered); ä and ö become
 * æ and ø as Norwegian alphabetical order treats them; other accents go. */
static const char *const fold_latin1[64] = {
	"a", "a", "a", "a", "æ", "å", "æ", "c",  /* À Á Â Ã Ä Å Æ Ç */
	"e", "e", "e", "e", "i", "i", "i", "i",  /* È É Ê Ë Ì Í Î Ï */
	"d", "n", "o", "o", "o", "o", "ø", "×",  /* Ð Ñ Ò Ó Ô Õ Ö × */
	"ø", "u", "u", "u", "u", "y", "þ", "ss", /* Ø Ù Ú Û Ü Ý Þ ß */
	"a", "a", "a", "a", "æ", "å", "æ", "c",  /* à á â ã ä å æ ç */
	"e", "e", "e", "e", "i", "i", "i", "i",  /* è é ê ë ì í î ï */
	"d", "n", "o", "o", "o", "o", "ø", "÷",  /* ð ñ ò ó ô õ ö ÷ */
	"ø", "u", "u", "u", "u", "y", "þ", "y",  /* ø ù ú û ü ý þ ÿ */
};

/* U+0100-U+017F (the Latin Extended-A letters of Polish, Czech,
 * Lithuanian, Turkish, Hungarian... names) folded to their base letter.
 * '1' marks ĳ and '2' marks œ, which fold to two letters; ő and ű follow
 * ö and ü. */
static const char fold_ext_a[129] =
	"aaaaaaccccccccdd"  /* 0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď */
	"ddeeeeeeeeeegggg"  /* 0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ */
	"gggghhhhiiiiiiii"  /* 0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į */
	"ii11jjkkklllllll"  /* 0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ */
	"lllnnnnnnnnnoooo"  /* 0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ */
	"oo22rrrrrrssssss"  /* 0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş */
	"sstttttuuuuuuuuu"  /* 0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů */
	"uuuuwwyyyzzzzzzs"; /* 0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ */

static const char *text_fold_cp(uint32_t c, char one[2])
{
	if (c >= 'A' && c <= 'Z') {
		one[0] = (char)(c - 'A' + 'a');
		return one;
	}
	if (c >= 0xC0 && c <= 0xFF)
		return fold_latin1[c - 0xC0];
	if (c == 0x150 || c == 0x151)
		return "ø";
	if (c >= 0x100 && c <= 0x17F) {
		one[0] = fold_ext_a[c - 0x100];
		return one[0] == '1' ? "ij" : one[0] == '2' ? "oe" : one;
	}
	return NULL;
}

static bool text_is_space(uint32_t c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 ||
	       c == 0x202F;
}

struct fold_out {
	char *p;
	size_t left; /* room for bytes, the NUL excluded */
	size_t last; /* offset of the last letter written, for a mark */
	char *start;
};

static void fold_put(struct fold_out *o, const char *s, size_t n)
{
	if (n > o->left) {
		o->left = 0; /* never half a character, nor one after */
		return;
	}
	o->last = (size_t)(o->p - o->start);
	memcpy(o->p, s, n);
	o->p += n;
	o->left -= n;
}

/* Decomposed input (macOS writes å as a + ring above): rebuild the
 * Norwegian letters, drop every other combining mark. */
static void fold_mark(struct fold_out *o, uint32_t mark)
{
	static const struct {
		char base;
		uint32_t mark;
		const char *letter;
	} joins[] = {
		{'a', 0x30A, "å"}, /* ring above */
		{'a', 0x308, "æ"}, /* diaeresis, as ä */
		{'o', 0x308, "ø"}, /* diaeresis, as ö */
		{'o', 0x338, "ø"}, /* long solidus overlay */
	};
	size_t used = (size_t)(o->p - o->start);

	if (used == 0 || o->last + 1 != used)
		return; /* the mark does not follow a one-byte letter */
	for (size_t i = 0; i < sizeof joins / sizeof *joins; i++) {
		size_t n = strlen(joins[i].letter);
		if (o->start[o->last] != joins[i].base ||
		    mark != joins[i].mark || n > o->left + 1)
			continue;
		o->p--;
		o->left++;
		fold_put(o, joins[i].letter, n);
		return;
	}
}

void text_fold(const char *in, char *out, size_t size)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t len = strlen((const char *)s);
	struct fold_out o = {out, size ? size - 1 : 0, 0, out};
	bool space = false;

	if (size == 0)
		return;
	while (*s) {
		uint32_t c;
		size_t n = text_decode(s, len, &c);
		if (n == 0) { /* not UTF-8: skip the byte */
			s++;
			len--;
			continue;
		}
		s += n;
		len -= n;
		if (text_is_space(c)) {
			space = o.p != out; /* none at the start */
			continue;
		}
		if (c < 0x20 || c == 0x7F)
			continue;
		if (c >= 0x300 && c <= 0x36F) {
			fold_mark(&o, c);
			continue;
		}
		if (space)
			fold_put(&o, " ", 1);
		space = false;
		char one[2] = {0, 0};
		const char *f = text_fold_cp(c, one);
		if (f)
			fold_put(&o, f, strlen(f));
		else
			fold_put(&o, (const char *)s - n, n);
	}
	if (o.p > out && o.p[-1] == ' ')
		o.p--; /* the letter after it did not fit */
	*o.p = '\0';
}

/* Length of the UTF-8 sequence that starts with byte b (1 for a stray
 * continuation or invalid byte, which then counts as a character). */
static size_t text_seq_len(unsigned char b)
{
	if (b >= 0xF0 && b <= 0xF4)
		return 4;
	if (b >= 0xE0 && b <= 0xEF)
		return 3;
	if (b >= 0xC2 && b <= 0xDF)
		return 2;
	return 1;
}

void text_copy(char *dst, size_t size, const char *src)
{
	size_t n = 0;

	if (!dst || size == 0)
		return;
	src = src ? src : "";
	while (src[n]) {
		size_t k = text_seq_len((unsigned char)src[n]);
		size_t avail = strnlen(src + n, k);
		if (avail < k)
			k = avail; /* truncated at the end of src: copy as is */
		if (n + k > size - 1)
			break;
		n += k;
	}
	memmove(dst, src, n);
	dst[n] = '\0';
}

static bool text_space_byte(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

char *text_trim(char *s)
{
	size_t start = 0, end;

	if (!s)
		return s;
	while (text_space_byte(s[start]))
		start++;
	end = strlen(s + start) + start;
	while (end > start && text_space_byte(s[end - 1]))
		end--;
	/* Moved, not returned as an inner pointer: the caller may free s. */
	memmove(s, s + start, end - start);
	s[end - start] = '\0';
	return s;
}

int text_width(const char *s)
{
	mbstate_t st;
	size_t len = s ? strlen(s) : 0;
	int width = 0;

	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0) {
		/* Not a UTF-8 locale: one column per code point. */
		for (size_t i = 0; i < len; i++)
			width += ((unsigned char)s[i] & 0xC0) != 0x80;
		return width;
	}
	memset(&st, 0, sizeof st);
	while (len > 0) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, s, len, &st);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			/* A broken byte shows as one replacement column. */
			memset(&st, 0, sizeof st);
			width++;
			n = 1;
		} else {
			int w = wcwidth(wc);
			width += w > 0 ? w : 0;
		}
		s += n;
		len -= n;
	}
	return width;
}
