/* json-transform.c - reads one JSON value from stdin and writes it back
 * pretty-printed with 2-space indentation (the layout of JavaScript's
 * JSON.stringify(value, null, 2)), followed by "\n".
 *
 * A small recursive-descent parser (RFC 8259 grammar). Strings and numbers
 * are copied verbatim, escapes included; only whitespace between tokens
 * changes. On invalid input nothing is written to stdout, "invalid JSON at
 * byte N" (N = 0-based offset of the first offending byte, or the input
 * length if the input ends too early) goes to stderr, and the exit code is 1.
 * Nesting deeper than MAX_DEPTH is refused the same way, so that hostile
 * input cannot overflow the guest's stack. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_DEPTH 512

typedef struct {
    unsigned char *data;
    size_t len, cap;
} buffer;

typedef struct {
    const unsigned char *s;
    size_t n, i;
    size_t err_at;
    const char *err_what;
    buffer out;
} parser;

static void die_oom(void) {
    fputs("json-transform: out of memory\n", stderr);
    exit(1);
}

static void buf_reserve(buffer *b, size_t extra) {
    if (b->len + extra <= b->cap) return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra) cap *= 2;
    unsigned char *d = realloc(b->data, cap);
    if (d == NULL) die_oom();
    b->data = d;
    b->cap = cap;
}

static void emit(parser *p, const void *bytes, size_t n) {
    buf_reserve(&p->out, n);
    memcpy(p->out.data + p->out.len, bytes, n);
    p->out.len += n;
}

static void emit_str(parser *p, const char *s) { emit(p, s, strlen(s)); }

static void emit_indent(parser *p, int level) {
    buf_reserve(&p->out, 1 + 2 * (size_t)level);
    p->out.data[p->out.len++] = '\n';
    memset(p->out.data + p->out.len, ' ', 2 * (size_t)level);
    p->out.len += 2 * (size_t)level;
}

static int fail(parser *p, size_t at, const char *what) {
    p->err_at = at;
    p->err_what = what;
    return -1;
}

static void skip_ws(parser *p) {
    while (p->i < p->n) {
        unsigned char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') break;
        p->i++;
    }
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int is_hex(unsigned char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int parse_string(parser *p) {
    size_t start = p->i;
    p->i++; /* opening quote */
    for (;;) {
        if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
        unsigned char c = p->s[p->i];
        if (c == '"') break;
        if (c < 0x20) return fail(p, p->i, "invalid JSON");
        if (c == '\\') {
            p->i++;
            if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
            switch (p->s[p->i]) {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
                break;
            case 'u':
                for (int k = 0; k < 4; k++) {
                    p->i++;
                    if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
                    if (!is_hex(p->s[p->i])) return fail(p, p->i, "invalid JSON");
                }
                break;
            default:
                return fail(p, p->i, "invalid JSON");
            }
        }
        p->i++;
    }
    p->i++; /* closing quote */
    emit(p, p->s + start, p->i - start);
    return 0;
}

static int parse_number(parser *p) {
    size_t start = p->i;
    if (p->s[p->i] == '-') p->i++;
    if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
    if (p->s[p->i] == '0') {
        p->i++;
    } else if (is_digit(p->s[p->i])) {
        while (p->i < p->n && is_digit(p->s[p->i])) p->i++;
    } else {
        return fail(p, p->i, "invalid JSON");
    }
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
        if (!is_digit(p->s[p->i])) return fail(p, p->i, "invalid JSON");
        while (p->i < p->n && is_digit(p->s[p->i])) p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-')) p->i++;
        if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
        if (!is_digit(p->s[p->i])) return fail(p, p->i, "invalid JSON");
        while (p->i < p->n && is_digit(p->s[p->i])) p->i++;
    }
    emit(p, p->s + start, p->i - start);
    return 0;
}

static int parse_literal(parser *p, const char *word) {
    for (size_t k = 0; word[k] != '\0'; k++, p->i++) {
        if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
        if (p->s[p->i] != (unsigned char)word[k]) return fail(p, p->i, "invalid JSON");
    }
    emit_str(p, word);
    return 0;
}

static int parse_value(parser *p, int depth);

static int parse_object(parser *p, int depth) {
    p->i++; /* { */
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == '}') {
        p->i++;
        emit_str(p, "{}");
        return 0;
    }
    emit_str(p, "{");
    for (;;) {
        skip_ws(p);
        if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
        if (p->s[p->i] != '"') return fail(p, p->i, "invalid JSON");
        emit_indent(p, depth + 1);
        if (parse_string(p) != 0) return -1;
        skip_ws(p);
        if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
        if (p->s[p->i] != ':') return fail(p, p->i, "invalid JSON");
        p->i++;
        emit_str(p, ": ");
        if (parse_value(p, depth + 1) != 0) return -1;
        skip_ws(p);
        if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
        if (p->s[p->i] == ',') {
            p->i++;
            emit_str(p, ",");
            continue;
        }
        if (p->s[p->i] == '}') {
            p->i++;
            emit_indent(p, depth);
            emit_str(p, "}");
            return 0;
        }
        return fail(p, p->i, "invalid JSON");
    }
}

static int parse_array(parser *p, int depth) {
    p->i++; /* [ */
    skip_ws(p);
    if (p->i < p->n && p->s[p->i] == ']') {
        p->i++;
        emit_str(p, "[]");
        return 0;
    }
    emit_str(p, "[");
    for (;;) {
        emit_indent(p, depth + 1);
        if (parse_value(p, depth + 1) != 0) return -1;
        skip_ws(p);
        if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
        if (p->s[p->i] == ',') {
            p->i++;
            emit_str(p, ",");
            continue;
        }
        if (p->s[p->i] == ']') {
            p->i++;
            emit_indent(p, depth);
            emit_str(p, "]");
            return 0;
        }
        return fail(p, p->i, "invalid JSON");
    }
}

static int parse_value(parser *p, int depth) {
    skip_ws(p);
    if (p->i >= p->n) return fail(p, p->n, "invalid JSON");
    unsigned char c = p->s[p->i];
    switch (c) {
    case '{':
    case '[':
        if (depth >= MAX_DEPTH) return fail(p, p->i, "JSON nested too deeply");
        return c == '{' ? parse_object(p, depth) : parse_array(p, depth);
    case '"':
        return parse_string(p);
    case 't':
        return parse_literal(p, "true");
    case 'f':
        return parse_literal(p, "false");
    case 'n':
        return parse_literal(p, "null");
    default:
        if (c == '-' || is_digit(c)) return parse_number(p);
        return fail(p, p->i, "invalid JSON");
    }
}

static int read_all(buffer *in) {
    for (;;) {
        buf_reserve(in, 64 * 1024);
        ssize_t r = read(STDIN_FILENO, in->data + in->len, in->cap - in->len);
        if (r == 0) return 0;
        if (r < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        in->len += (size_t)r;
    }
}

int main(void) {
    buffer in = {0};
    if (read_all(&in) != 0) {
        fprintf(stderr, "json-transform: read failed: %s\n", strerror(errno));
        return 1;
    }

    parser p = {0};
    p.s = in.data;
    p.n = in.len;
    int rc = parse_value(&p, 0);
    if (rc == 0) {
        skip_ws(&p);
        if (p.i < p.n) rc = fail(&p, p.i, "invalid JSON");
    }
    if (rc != 0) {
        fprintf(stderr, "%s at byte %zu\n", p.err_what, p.err_at);
        return 1;
    }

    emit_str(&p, "\n");
    if (fwrite(p.out.data, 1, p.out.len, stdout) != p.out.len || fflush(stdout) != 0) {
        fputs("json-transform: write failed\n", stderr);
        return 1;
    }
    return 0;
}
