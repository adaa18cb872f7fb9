/*
 * syscall-probe [--i386] NR [ARG...]: makes one raw syscall and prints "ret errno". --i386 makes it
 * through int $0x80, the i386 ABI (seccomp_data.arch = AUDIT_ARCH_I386). A child created by a
 * fork-like clone exits at once. Numbers may be hex (0x...).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static long i386_syscall(long nr, long a, long b, long c)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
    return ret;
}

int main(int argc, char **argv)
{
    int i386 = argc > 1 && strcmp(argv[1], "--i386") == 0;
    int first = i386 ? 2 : 1;
    if (argc <= first) {
        fprintf(stderr, "usage: %s [--i386] NR [ARG...]\n", argv[0]);
        return 2;
    }
    long args[6] = { 0 };
    long nr = strtol(argv[first], NULL, 0);
    for (int i = first + 1; i < argc && i - first - 1 < 6; i++)
        args[i - first - 1] = (long) strtoull(argv[i], NULL, 0);
    pid_t self = getpid();
    long ret;
    int err = 0;
    if (i386) {
        ret = i386_syscall(nr, args[0], args[1], args[2]);
        if (ret < 0 && ret > -4096) {
            err = (int) -ret;
            ret = -1;
        }
    } else {
        errno = 0;
        ret = syscall(nr, args[0], args[1], args[2], args[3], args[4], args[5]);
        err = ret == -1 ? errno : 0;
    }
    if (ret == 0 && getpid() != self)
        _exit(0); /* the child of a fork-like clone */
    printf("%ld %d\n", ret, err);
    return 0;
}
