/* args-env.c - prints every argument as argv[i]=VALUE, then every
 * environment variable as env NAME=VALUE, in the order the host gave them. */
#include <stdio.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++) printf("argv[%d]=%s\n", i, argv[i]);
    for (char **e = environ; e != NULL && *e != NULL; e++) printf("env %s\n", *e);
    return 0;
}
