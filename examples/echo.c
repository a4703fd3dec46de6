/* echo.c - copies stdin to stdout byte for byte (binary safe, any size). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static unsigned char buf[64 * 1024];

static int write_all(const unsigned char *p, size_t n) {
    while (n > 0) {
        ssize_t w = write(STDOUT_FILENO, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int main(void) {
    for (;;) {
        ssize_t r = read(STDIN_FILENO, buf, sizeof buf);
        if (r == 0) return 0;
        if (r < 0) {
            if (errno == EINTR) continue;
            fprintf(stderr, "echo: read failed: %s\n", strerror(errno));
            return 1;
        }
        if (write_all(buf, (size_t)r) != 0) {
            fprintf(stderr, "echo: write failed: %s\n", strerror(errno));
            return 1;
        }
    }
}
