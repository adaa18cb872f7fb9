/*
 * seccomp-exec FILTER PROGRAM [ARG...]: installs the classic BPF seccomp filter stored in FILTER
 * (struct sock_filter array, 8 bytes an instruction, as berth's SeccompCompiler writes it), then
 * execs PROGRAM. A stand-in for berth-shim's seccomp step in berth's tests. Exit 125 on its own errors.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_INSNS 4096

static int fail(const char *call, const char *path)
{
    fprintf(stderr, "seccomp-exec: %s(%s): %s\n", call, path, strerror(errno));
    return 125;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s FILTER PROGRAM [ARG...]\n", argv[0]);
        return 125;
    }
    int fd = open(argv[1], O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail("open", argv[1]);
    struct stat st;
    if (fstat(fd, &st) < 0)
        return fail("fstat", argv[1]);
    if (st.st_size <= 0 || st.st_size % sizeof(struct sock_filter) != 0
        || st.st_size > (off_t) (MAX_INSNS * sizeof(struct sock_filter))) {
        fprintf(stderr, "seccomp-exec: %s: %lld bytes is not a filter of 1..%d instructions\n", argv[1],
                (long long) st.st_size, MAX_INSNS);
        return 125;
    }
    struct sock_filter *insns = malloc(st.st_size);
    if (insns == NULL)
        return fail("malloc", argv[1]);
    for (off_t done = 0; done < st.st_size;) {
        ssize_t n = read(fd, (char *) insns + done, st.st_size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return fail("read", argv[1]);
        done += n;
    }
    close(fd);
    struct sock_fprog prog = { .len = (unsigned short) (st.st_size / sizeof(struct sock_filter)), .filter = insns };
    /* Without CAP_SYS_ADMIN the kernel requires no_new_privs; as root it is set too, as docker run would with NNP. */
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
        return fail("prctl(PR_SET_NO_NEW_PRIVS)", argv[1]);
    if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog) < 0)
        return fail("prctl(PR_SET_SECCOMP)", argv[1]);
    execv(argv[2], argv + 2);
    return fail("execv", argv[2]);
}
