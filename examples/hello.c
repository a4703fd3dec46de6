/* hello.c - the smallest WasmWiz sample: prints one greeting line. */
#include <stdio.h>

int main(void) {
    fputs("Hello, WasmWiz!\n", stdout);
    return 0;
}
