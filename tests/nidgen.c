/* For the end-to-end scripts: prints a valid synthetic ID number (month +
 * 80, test data only) for a birth date.  Usage: nidgen YYYY-MM-DD [SERIAL] */
#include <stdio.h>
#include <stdlib.h>

#include "../core/core.h"

int main(int argc, char **argv)
{
	char nid[12];

	if (argc < 2 ||
	    nid_make_synthetic(argv[1], argc > 2 ? (unsigned)atoi(argv[2]) : 1,
			       false, nid)) {
		fprintf(stderr, "usage: nidgen YYYY-MM-DD [SERIAL]\n");
		return 64;
	}
	puts(nid);
	return 0;
}
