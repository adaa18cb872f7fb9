/*
 * berth-shim [-d] BUNDLE_DIR — runs the container described by BUNDLE_DIR/spec (see spec.c)
 * and stays as its monitor (like conmon): holds its stdout/stderr and writes them to the log
 * file, forwards SIGTERM/SIGINT/SIGHUP/SIGQUIT/SIGUSR1/SIGUSR2 to its PID 1, reaps it and
 * writes the exit file. Exits with the container's exit code (125 when the shim failed, 126
 * when the command cannot be executed, 127 when it is not found; messages on stderr).
 * With -d the monitor detaches (double fork, new session) and the caller returns once the
 * command has been executed (0), or has failed to start (its code; the exit file is written
 * and the monitor gone by then); with attach-wait, once the attach socket listens and the
 * container is set up and held before exec (see spec.c), so that the caller can attach.
 *
 * Order with attach-wait (the container must lose no output, and -d must answer before anyone
 * can attach): sockets listen → shim-pid file → clone → cgroups → "g" → the child sets up
 * everything up to the security steps and reports "held" → pid file → -d answers 0 → the first
 * client connects (or attach-wait's MILLIS pass) → "x" → seccomp, capabilities, exec. A failure
 * up to "held" is -d's answer; one after it (rare: seccomp, capset) is only in the exit file.
 * A forwarded signal kills a held container (SIGKILL: exit 137; it never ran).
 *
 * berth-shim exec BUNDLE_DIR: run a process in a running container (exec.c).
 * berth-shim attach SOCKET [--tty] [--stdin] [--control PATH]: an attach client (client.c).
 */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};


static void write_pid_file(const char *path, pid_t pid) {
  if (!path) return;
  char buf[24];
  int n = snprintf(buf, sizeof buf, "%d\n", pid);
  if (write_file_atomic(path, buf, (size_t)n, 0) < 0)
    fprintf(stderr, "berth-shim: write pid file %s: %s\n", path, strerror(errno));
}

static void write_exit_file(const struct spec *s, int code, int sig, const char *error) {
  if (!s->exit_file) return;
  char t[48], *e = NULL;
  size_t ecap = 0, elen = 0;
  format_time(t, sizeof t);
  if (error && *error) json_string(&e, &ecap, &elen, error, strlen(error));
  size_t size = 256 + elen;
  char *out = malloc(size);
  if (!out) return;
  int n = snprintf(out, size, "{\"exitCode\":%d,\"signal\":%d,\"finishedAt\":\"%s\"%s%s}\n", code, sig, t,
                   e ? ",\"error\":" : "", e ? e : "");
  if (write_file_atomic(s->exit_file, out, (size_t)n, 1) < 0)
    fprintf(stderr, "berth-shim: write exit file %s: %s\n", s->exit_file, strerror(errno));
  free(out);
  free(e);
}

static ssize_t read_full(int fd, void *buf, size_t len) {
  size_t got = 0;
  while (got < len) {
    ssize_t r = read(fd, (char *)buf + got, len - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += (size_t)r;
  }
  return (ssize_t)got;
}

/* -d: the caller gets its answer over `ready` once the container runs or has failed. */
static int detach(void) {
  int ready[2];
  if (pipe2(ready, O_CLOEXEC) < 0) {
    perror("berth-shim: pipe");
    exit(EXIT_SETUP);
  }
  pid_t p = fork();
  if (p < 0) {
    perror("berth-shim: fork");
    exit(EXIT_SETUP);
  }
  if (p > 0) {
    close(ready[1]);
    int code;
    ssize_t r = read_full(ready[0], &code, sizeof code);
    waitpid(p, NULL, 0);
    exit(r == sizeof code ? code : EXIT_SETUP);
  }
  close(ready[0]);
  setsid();
  p = fork();
  if (p < 0) {
    perror("berth-shim: fork");
    exit(EXIT_SETUP);
  }
  if (p > 0) _exit(0);
  if (chdir("/") < 0) { /* only so the monitor pins no directory */ }
  return ready[1];
}

static void report_ready(int *readyfd, int code) {
  if (*readyfd < 0) return;
  if (write(*readyfd, &code, sizeof code) < 0) { /* the caller is gone */ }
  close(*readyfd);
  *readyfd = -1;
  int null = open("/dev/null", O_RDWR | O_CLOEXEC);
  if (null >= 0) {
    dup2(null, 0);
    dup2(null, 1);
    dup2(null, 2);
    close(null);
  }
}


extern char __executable_start[], etext[];

/*
 * The monitor's memory (BRIEF 7: ≤ 1 MiB a container) is mostly the code it ran once: spec parsing,
 * the clone, stdio. Its text pages are the binary's, never written: dropping them costs nothing
 * (the page cache keeps them) and the loop faults back in only what it uses.
 */
static void drop_startup_code(void) {
  long page = sysconf(_SC_PAGESIZE);
  uintptr_t start = (uintptr_t)__executable_start & ~(uintptr_t)(page - 1);
  uintptr_t end = ((uintptr_t)etext + (uintptr_t)page - 1) & ~(uintptr_t)(page - 1);
  if (madvise((void *)start, end - start, MADV_DONTNEED) < 0) { /* only memory is at stake */ }
}

/* What the child reported: EOF (it exec'd, or died), "held" (code 0), or a failure (code, message). */
enum report { REPORT_EOF, REPORT_HELD, REPORT_FAILED };

static enum report read_report(int fd, int *code, char *msg, size_t len) {
  ssize_t n = read_full(fd, code, sizeof *code);
  if (n < (ssize_t)sizeof *code) return REPORT_EOF;
  if (*code == 0) return REPORT_HELD;
  n = read_full(fd, msg, len - 1);
  msg[n > 0 ? n : 0] = 0;
  return REPORT_FAILED;
}

static long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

static void usage(void) {
  fprintf(stderr, "usage: berth-shim [-d] BUNDLE_DIR\n"
                  "       berth-shim exec BUNDLE_DIR\n"
                  "       berth-shim attach SOCKET [--tty] [--stdin] [--control PATH]\n");
}

int main(int argc, char **argv) {
  if (argc >= 2 && !strcmp(argv[1], "exec")) {
    if (argc != 3) {
      usage();
      return EXIT_SETUP;
    }
    return exec_main(argv[2]);
  }
  if (argc >= 2 && !strcmp(argv[1], "attach")) return client_main(argc - 2, argv + 2);
  int detached = argc == 3 && !strcmp(argv[1], "-d");
  if (argc != 2 + detached || argv[1 + detached][0] == '-') {
    usage();
    return EXIT_SETUP;
  }
  char path[4096], err[2048];
  snprintf(path, sizeof path, "%s/spec", argv[1 + detached]);
  struct spec s;
  if (spec_read(path, &s, 0, err, sizeof err) < 0 || seccomp_read(&s, err, sizeof err) < 0) {
    fprintf(stderr, "berth-shim: %s\n", err);
    return EXIT_SETUP;
  }
  int netfd = -1;
  if (strcmp(s.net, "host") && strcmp(s.net, "none") && (netfd = open(s.net, O_RDONLY | O_CLOEXEC)) < 0) {
    fprintf(stderr, "berth-shim: open the network namespace %s: %s\n", s.net, strerror(errno));
    return EXIT_SETUP;
  }
  int readyfd = detached ? detach() : -1;
  prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0);
  if ((s.attach || s.control) && attach_listen(&s, err, sizeof err) < 0) {
    fprintf(stderr, "berth-shim: attach: %s\n", err);
    report_ready(&readyfd, EXIT_SETUP);
    write_exit_file(&s, EXIT_SETUP, 0, err);
    return EXIT_SETUP;
  }
  if (s.shim_pid_file) write_pid_file(s.shim_pid_file, getpid());

  int logfd = -1;
  if (s.log && (logfd = open(s.log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0) {
    fprintf(stderr, "berth-shim: open the log file %s: %s\n", s.log, strerror(errno));
    report_ready(&readyfd, EXIT_SETUP);
    write_exit_file(&s, EXIT_SETUP, 0, "cannot open the log file");
    attach_finish();
    return EXIT_SETUP;
  }
  int out[2] = {-1, -1}, errp[2] = {-1, -1}, in[2] = {-1, -1}, console[2] = {-1, -1}, sync[2], report[2];
  if ((!s.tty && (pipe2(out, O_CLOEXEC) || pipe2(errp, O_CLOEXEC))) || (s.open_stdin && !s.tty && pipe2(in, O_CLOEXEC)) ||
      (s.tty && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, console)) || pipe2(sync, O_CLOEXEC) ||
      pipe2(report, O_CLOEXEC)) {
    fprintf(stderr, "berth-shim: pipe: %s\n", strerror(errno));
    return EXIT_SETUP;
  }
  sigset_t mask, pipemask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++) sigaddset(&mask, forwarded[i]);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
  /* a client or a stdin reader gone must be an EPIPE, not the monitor's death (blocked, not ignored:
     an ignored disposition would reach the container through exec) */
  sigemptyset(&pipemask);
  sigaddset(&pipemask, SIGPIPE);
  sigprocmask(SIG_BLOCK, &pipemask, NULL);

  unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
  if (!strcmp(s.net, "none")) flags |= CLONE_NEWNET;
  /* fork-like clone (no new stack): the child continues here, alone, as the container's PID 1 */
  pid_t pid = (pid_t)syscall(SYS_clone, flags, 0, 0, 0, 0);
  if (pid < 0) {
    fprintf(stderr, "berth-shim: clone (new pid, mount, uts, ipc namespaces): %s\n", strerror(errno));
    report_ready(&readyfd, EXIT_SETUP);
    write_exit_file(&s, EXIT_SETUP, 0, "clone failed");
    attach_finish();
    return EXIT_SETUP;
  }
  if (pid == 0) {
    /* a container without its monitor would have nobody to log it or report its exit: it dies with it */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) _exit(EXIT_SETUP); /* a monitor dead before this: the sync read fails */
    close(sync[1]);
    close(report[0]);
    close(sigfd);
    if (logfd >= 0) close(logfd);
    if (console[0] >= 0) close(console[0]);
    int null = open("/dev/null", O_RDWR);
    /* with tty, 0/1/2 become the pty's slave once /dev/pts is mounted */
    if (null < 0 || dup2(in[0] >= 0 ? in[0] : null, 0) < 0 || dup2(s.tty ? null : out[1], 1) < 0 ||
        dup2(s.tty ? null : errp[1], 2) < 0)
      fail(report[1], EXIT_SETUP, "set up stdio: %s", strerror(errno));
    close(null);
    for (int *fd = (int[]){out[0], out[1], errp[0], errp[1], in[0], in[1]}, i = 0; i < 6; i++)
      if (fd[i] >= 0) close(fd[i]);
    container_main(&s, sync[0], report[1], netfd, console[1]);
  }
  for (int *fd = (int[]){out[1], errp[1], in[0], console[1], sync[0], report[1], netfd}, i = 0; i < 7; i++)
    if (fd[i] >= 0) close(fd[i]);

  /* join the cgroups before the container may run, so all it starts is born inside (BRIEF 9.2) */
  char pidtext[24], setup_error[2048] = {0};
  snprintf(pidtext, sizeof pidtext, "%d\n", pid);
  for (size_t i = 0; i < s.cgroups.n; i++) {
    if (write_text(s.cgroups.v[i], pidtext) < 0) {
      if (errno == ESRCH) break; /* the child failed its setup (meanwhile): its report says why */
      snprintf(setup_error, sizeof setup_error, "join the cgroup %s: %s", s.cgroups.v[i], strerror(errno));
      break;
    }
  }
  int start_code = 0, held = 0, master = -1;
  if (setup_error[0]) {
    kill(pid, SIGKILL);
    start_code = EXIT_SETUP;
  } else {
    if (write(sync[1], "g", 1) != 1) { /* the child died: reaped below */ }
    /* EOF: the command was executed (close-on-exec); else "held", or a code and a message */
    enum report r = read_report(report[0], &start_code, setup_error, sizeof setup_error);
    held = r == REPORT_HELD;
    if (r != REPORT_FAILED && s.tty && (master = recv_fd(console[0])) < 0) {
      snprintf(setup_error, sizeof setup_error, "receive the tty's master from the container: %s", strerror(errno));
      kill(pid, SIGKILL);
      start_code = EXIT_SETUP;
      held = 0;
    }
  }
  if (console[0] >= 0) close(console[0]);
  if (!held) {
    close(sync[1]);
    close(report[0]);
  }
  if (setup_error[0]) fprintf(stderr, "berth-shim: %s\n", setup_error);
  else write_pid_file(s.pid_file, pid);
  /* a container that failed to start is reaped and its exit file written before -d returns */
  if (!start_code) report_ready(&readyfd, 0);

  struct log_stream streams[2] = {{.name = "stdout", .fd = s.tty ? master : out[0], .id = 1},
                                  {.name = "stderr", .fd = s.tty ? -1 : errp[0], .id = 2}};
  if (s.attach) streams[0].tap = streams[1].tap = attach_output;
  if (s.tty) {
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    attach_set_master(master);
  }
  if (s.open_stdin || s.tty) attach_set_stdin(s.tty ? master : in[1], s.stdin_once, s.tty);
  drop_startup_code();
  int interactive = s.attach || s.control || s.open_stdin || s.tty;
  long hold_until = held ? now_ms() + s.attach_wait_ms : 0;
  int exited = 0, status = 0;
  while (!exited || streams[0].fd >= 0 || streams[1].fd >= 0) {
    struct pollfd pfd[3 + ATTACH_MAX_FDS];
    short want = interactive && attach_backlogged() ? 0 : POLLIN; /* a client behind: the container waits */
    pfd[0] = (struct pollfd){streams[0].fd, want, 0};
    pfd[1] = (struct pollfd){streams[1].fd, want, 0};
    pfd[2] = (struct pollfd){sigfd, POLLIN, 0};
    size_t na = interactive ? attach_pollfds(pfd + 3, ATTACH_MAX_FDS) : 0;
    long timeout = held ? hold_until - now_ms() : -1;
    if (held) timeout = timeout > 0 ? timeout : 0;
    else if (!want) timeout = 1000; /* a client is behind: see whether it is stuck */
    if (poll(pfd, 3 + na, (int)timeout) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (!want) attach_drop_stuck(now_ms());
    for (int i = 0; i < 2; i++)
      if (pfd[i].revents) log_drain(&streams[i], logfd);
    if (s.tty && streams[0].fd < 0 && master >= 0) { /* the pty hung up: no more input either */
      master = -1;
      attach_set_stdin(-1, 0, 1);
      attach_set_master(-1);
    }
    if (na) attach_handle(pfd + 3, na);
    if (pfd[2].revents) {
      struct signalfd_siginfo si;
      if (read(sigfd, &si, sizeof si) == sizeof si) {
        if (si.ssi_signo != SIGCHLD) {
          /* a held PID 1 has no handlers, so the kernel would drop the signal: it never ran, it is killed */
          if (!exited) kill(pid, held ? SIGKILL : (int)si.ssi_signo);
        } else {
          int st;
          pid_t w;
          while ((w = waitpid(-1, &st, WNOHANG)) > 0)
            if (w == pid) exited = 1, status = st;
        }
      }
    }
    if (held && (exited || attach_connections() > 0 || now_ms() >= hold_until)) {
      held = 0;
      if (!exited && write(sync[1], "x", 1) == 1 &&
          read_report(report[0], &start_code, setup_error, sizeof setup_error) == REPORT_FAILED)
        fprintf(stderr, "berth-shim: %s\n", setup_error);
      if (start_code == 0) setup_error[0] = 0;
      close(sync[1]);
      close(report[0]);
    }
  }
  for (int i = 0; i < 2; i++)
    if (streams[i].fd >= 0) log_flush(&streams[i], logfd);
  if (!exited) waitpid(pid, &status, 0);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  write_exit_file(&s, start_code ? start_code : code, sig, setup_error);
  if (interactive) attach_finish(); /* after the exit file: a client that sees EOF finds it */
  report_ready(&readyfd, start_code);
  return start_code ? start_code : code;
}
