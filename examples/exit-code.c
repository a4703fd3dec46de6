/* exit-code.c - exits with the code in argv[1] (default 3), after saying so
 * on stderr. A code that is not a whole number in 0..255 is rejected with
 * exit code 2. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long code = 3;

    if (argc > 1) {
        const char *s = argv[1];
        char *end = NULL;
        if (!isdigit((unsigned char)s[0])) {
            fprintf(stderr, "exit-code: not an exit code in 0..255: '%s'\n", s);
            return 2;
        }
        code = strtol(s, &end, 10);
        if (*end != '\0' || code > 255) {
            fprintf(stderr, "exit-code: not an exit code in 0..255: '%s'\n", s);
            return 2;
        }
    }

    fprintf(stderr, "exiting with %ld\n", code);
    return (int)code;
}
