/* files.c - exercises the guest's writable in-memory directory, which the
 * host preopens as "/". wasi-libc resolves absolute paths against the
 * preopen named "/", so "/input.txt" means input.txt in that directory.
 *
 *   1. reads /input.txt and prints its content uppercased (ASCII letters);
 *      exits 1 with a message on stderr if it cannot be opened;
 *   2. writes /output.txt containing "written by wasm\n";
 *   3. reads /output.txt back and prints it. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char message[] = "written by wasm\n";

int main(void) {
    FILE *in = fopen("/input.txt", "rb");
    if (in == NULL) {
        fprintf(stderr, "files: cannot open /input.txt: %s\n", strerror(errno));
        return 1;
    }
    int ch;
    while ((ch = fgetc(in)) != EOF) putchar(toupper(ch));
    if (ferror(in)) {
        fprintf(stderr, "files: error reading /input.txt\n");
        return 1;
    }
    fclose(in);

    FILE *out = fopen("/output.txt", "wb");
    if (out == NULL) {
        fprintf(stderr, "files: cannot create /output.txt: %s\n", strerror(errno));
        return 1;
    }
    if (fwrite(message, 1, sizeof message - 1, out) != sizeof message - 1 || fclose(out) != 0) {
        fprintf(stderr, "files: cannot write /output.txt: %s\n", strerror(errno));
        return 1;
    }

    FILE *back = fopen("/output.txt", "rb");
    if (back == NULL) {
        fprintf(stderr, "files: cannot reopen /output.txt: %s\n", strerror(errno));
        return 1;
    }
    char text[64];
    size_t n = fread(text, 1, sizeof text, back);
    fclose(back);
    fwrite(text, 1, n, stdout);
    return 0;
}
