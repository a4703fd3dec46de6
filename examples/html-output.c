/* html-output.c - prints markup; a correct UI shows it as literal text. */
#include <stdio.h>

int main(void) {
    fputs("<script>alert(\"pwned\")</script><b>bold</b>\n", stdout);
    return 0;
}
