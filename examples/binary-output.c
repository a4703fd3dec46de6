/* binary-output.c - writes the 256 bytes 0x00..0xFF to stdout (not UTF-8). */
#include <stdio.h>

int main(void) {
    unsigned char bytes[256];
    for (int i = 0; i < 256; i++) bytes[i] = (unsigned char)i;
    if (fwrite(bytes, 1, sizeof bytes, stdout) != sizeof bytes || fflush(stdout) != 0) {
        fputs("binary-output: write failed\n", stderr);
        return 1;
    }
    return 0;
}
