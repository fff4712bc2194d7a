/* The field buffer: editing, UTF-8 in and out, byte limits, widths and
 * horizontal scrolling, with æøå and double-width letters. */
#include <locale.h>
#include <string.h>

#include "testlib.h"
#include "../tui/editbuf.h"

static void type(struct editbuf *b, const wchar_t *s)
{
	while (*s)
		editbuf_insert(b, *s++);
}

static void assert_text(const struct editbuf *b, const char *want)
{
	char out[EDITBUF_MAX * 4 + 1];
	editbuf_get(b, out, sizeof out);
	assert_string_equal(out, want);
}

static void test_insert_and_move(void **state)
{
	struct editbuf b;
	editbuf_init(&b, 128);
	type(&b, L"Åse Ødegård");
	assert_text(&b, "Åse Ødegård");
	assert_int_equal(b.cur, 11);
	editbuf_home(&b);
	assert_int_equal(b.cur, 0);
	editbuf_right(&b);
	editbuf_insert(&b, L'æ');
	assert_text(&b, "Åæse Ødegård");
	editbuf_end(&b);
	assert_int_equal(b.cur, b.len);
	assert_false(editbuf_right(&b));
	editbuf_home(&b);
	assert_false(editbuf_left(&b));
}

static void test_delete(void **state)
{
	struct editbuf b;
	editbuf_init(&b, 128);
	type(&b, L"Bjørn");
	assert_true(editbuf_delete_back(&b));
	assert_text(&b, "Bjør");
	editbuf_home(&b);
	assert_false(editbuf_delete_back(&b));
	assert_true(editbuf_delete_forward(&b));
	assert_text(&b, "jør");
	editbuf_right(&b);
	assert_true(editbuf_kill_end(&b));
	assert_text(&b, "j");
	assert_false(editbuf_kill_end(&b));
	editbuf_end(&b);
	assert_false(editbuf_delete_forward(&b));
}

static void test_words(void **state)
{
	struct editbuf b;
	editbuf_init(&b, 128);
	type(&b, L"Kari Ødegård-Hansen");
	editbuf_word_left(&b);
	assert_int_equal(b.cur, 13); /* before Hansen */
	editbuf_word_left(&b);
	assert_int_equal(b.cur, 5); /* before Ødegård */
	editbuf_word_left(&b);
	assert_int_equal(b.cur, 0);
	assert_false(editbuf_word_left(&b));
	editbuf_word_right(&b);
	assert_int_equal(b.cur, 4);
	editbuf_word_right(&b);
	assert_int_equal(b.cur, 12);
}

static void test_byte_limit(void **state)
{
	struct editbuf b;
	editbuf_init(&b, 5);
	type(&b, L"æøå"); /* 6 bytes: only two letters fit */
	assert_text(&b, "æø");
	assert_int_equal(editbuf_bytes(&b), 4);
	assert_true(editbuf_insert(&b, L'a'));
	assert_false(editbuf_insert(&b, L'b'));
	assert_int_equal(editbuf_bytes(&b), 5);
}

static void test_control_refused(void **state)
{
	struct editbuf b;
	editbuf_init(&b, 32);
	assert_false(editbuf_insert(&b, L'\033'));
	assert_false(editbuf_insert(&b, L'\n'));
	assert_false(editbuf_insert(&b, 0x7F));
	assert_false(editbuf_insert(&b, 0x9B)); /* C1 CSI */
	assert_int_equal(b.len, 0);
}

static void test_set_get_utf8(void **state)
{
	struct editbuf b;
	char small[6];

	editbuf_init(&b, 128);
	assert_int_equal(editbuf_set(&b, "Bjørnstjerne 漢字"), 0);
	assert_int_equal(b.len, 15);
	assert_int_equal(b.cur, 15);
	assert_text(&b, "Bjørnstjerne 漢字");
	/* out too small: never cuts a character in half */
	editbuf_set(&b, "æøå");
	editbuf_get(&b, small, sizeof small);
	assert_string_equal(small, "æø");
	/* malformed input keeps the good start */
	assert_int_equal(editbuf_set(&b, "ab\xC3"), -1);
	assert_text(&b, "ab");
	assert_int_equal(editbuf_set(&b, "a\xED\xA0\x80"), -1); /* surrogate */
	assert_text(&b, "a");
	/* too long keeps what fits */
	editbuf_init(&b, 3);
	assert_int_equal(editbuf_set(&b, "abcd"), -1);
	assert_text(&b, "abc");
	/* pasted tabs become spaces */
	editbuf_init(&b, 32);
	editbuf_set(&b, "a\tb");
	assert_text(&b, "a b");
}

static void test_width(void **state)
{
	struct editbuf b;
	editbuf_init(&b, 128);
	editbuf_set(&b, "Åse");
	assert_int_equal(editbuf_width(&b), 3);
	editbuf_set(&b, "漢字a");
	assert_int_equal(editbuf_width(&b), 5);
	editbuf_set(&b, "e\xCC\x81"); /* e + combining acute */
	assert_int_equal(editbuf_width(&b), 1);
}

static void test_scroll(void **state)
{
	struct editbuf b;
	editbuf_init(&b, 256);
	/* 20 letters into a field of 10 columns: 9 shown and the cursor */
	type(&b, L"abcdefghijæøåklmnopq");
	editbuf_scroll(&b, 10);
	assert_int_equal(b.scroll, 11);
	assert_int_equal(editbuf_cursor_col(&b), 9);
	editbuf_home(&b);
	editbuf_scroll(&b, 10);
	assert_int_equal(b.scroll, 0);
	assert_int_equal(editbuf_cursor_col(&b), 0);
	/* moving right inside the view does not scroll */
	editbuf_right(&b);
	editbuf_right(&b);
	editbuf_scroll(&b, 10);
	assert_int_equal(b.scroll, 0);
	assert_int_equal(editbuf_cursor_col(&b), 2);
	/* deleting from the end pulls the text back in */
	editbuf_end(&b);
	editbuf_scroll(&b, 10);
	while (b.len > 5)
		editbuf_delete_back(&b);
	editbuf_scroll(&b, 10);
	assert_int_equal(b.scroll, 0);
	assert_int_equal(editbuf_cursor_col(&b), 5);
}

static void test_scroll_wide(void **state)
{
	struct editbuf b;
	editbuf_init(&b, 256);
	/* five double-width letters = 10 columns into a field of 6 */
	type(&b, L"漢字漢字漢");
	editbuf_scroll(&b, 6);
	/* at most 5 columns before the cursor: two wide letters */
	assert_int_equal(b.scroll, 3);
	assert_int_equal(editbuf_cursor_col(&b), 4);
	editbuf_left(&b);
	editbuf_scroll(&b, 6);
	assert_int_equal(b.scroll, 3);
	assert_int_equal(editbuf_cursor_col(&b), 2);
}

static void test_utf8_codec(void **state)
{
	char out[4];
	wchar_t c;
	assert_int_equal(utf8_encode(L'ø', out), 2);
	assert_int_equal(utf8_decode(out, 2, &c), 2);
	assert_int_equal(c, L'ø');
	assert_int_equal(utf8_encode(0x1F600, out), 4);
	assert_int_equal(utf8_decode(out, 4, &c), 4);
	assert_int_equal(c, 0x1F600);
	assert_int_equal(utf8_decode("\xC0\x80", 2, &c), 0); /* overlong */
	assert_int_equal(utf8_decode("\xE6", 1, &c), 0);     /* cut short */
	assert_int_equal(utf8_encode(0xD800, out), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_insert_and_move),
		cmocka_unit_test(test_delete),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_byte_limit),
		cmocka_unit_test(test_control_refused),
		cmocka_unit_test(test_set_get_utf8),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_scroll_wide),
		cmocka_unit_test(test_utf8_codec),
	};
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C.utf8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
