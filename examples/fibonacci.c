/* fibonacci.c - prints fib(N) for N from argv[1] (default 10).
 *
 * fib(0) = 0, fib(1) = 1. The result is an unsigned 64-bit integer, so the
 * largest N accepted is 93; anything that is not a whole number in 0..93 is
 * rejected with a message on stderr and exit code 2. */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#define FIB_MAX_N 93u

int main(int argc, char **argv) {
    unsigned long long n = 10;

    if (argc > 1) {
        const char *s = argv[1];
        char *end = NULL;
        if (!isdigit((unsigned char)s[0])) {
            fprintf(stderr, "fibonacci: not a number: '%s'\n", s);
            return 2;
        }
        errno = 0;
        n = strtoull(s, &end, 10);
        if (*end != '\0') {
            fprintf(stderr, "fibonacci: not a number: '%s'\n", s);
            return 2;
        }
        if (errno == ERANGE || n > FIB_MAX_N) {
            fprintf(stderr, "fibonacci: %s is too large (fib(n) fits in 64 bits only for n <= %u)\n",
                    s, FIB_MAX_N);
            return 2;
        }
    }

    uint64_t a = 0, b = 1;
    for (unsigned long long i = 0; i < n; i++) {
        uint64_t next = a + b;
        a = b;
        b = next;
    }
    printf("fib(%llu) = %" PRIu64 "\n", n, a);
    return 0;
}
