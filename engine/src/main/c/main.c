/*
 * berth-shim [-d] BUNDLE_DIR — runs the container described by BUNDLE_DIR/spec (see spec.c)
 * and stays as its monitor (like conmon): holds its stdout/stderr and writes them to the log
 * file, forwards SIGTERM/SIGINT/SIGHUP/SIGQUIT/SIGUSR1/SIGUSR2 to its PID 1, reaps it and
 * writes the exit file. Exits with the container's exit code (125 when the shim failed, 126
 * when the command cannot be executed, 127 when it is not found; messages on stderr).
 * With -d the monitor detaches (double fork, new session) and the caller returns once the
 * command has been executed (0), or has failed to start (its code; the exit file is written
 * and the monitor gone by then).
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
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

static int write_text(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = write(fd, text, strlen(text));
  int saved = errno;
  close(fd);
  errno = saved;
  return n == (ssize_t)strlen(text) ? 0 : -1;
}

static void write_pid_file(const char *path, pid_t pid) {
  if (!path) return;
  char buf[24];
  int n = snprintf(buf, sizeof buf, "%d\n", pid);
  if (write_file_atomic(path, buf, (size_t)n) < 0)
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
  if (write_file_atomic(s->exit_file, out, (size_t)n) < 0)
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

int main(int argc, char **argv) {
  int detached = argc == 3 && !strcmp(argv[1], "-d");
  if (argc != 2 + detached || argv[1 + detached][0] == '-') {
    fprintf(stderr, "usage: berth-shim [-d] BUNDLE_DIR\n");
    return EXIT_SETUP;
  }
  char path[4096], err[2048];
  snprintf(path, sizeof path, "%s/spec", argv[1 + detached]);
  struct spec s;
  if (spec_read(path, &s, err, sizeof err) < 0 || seccomp_read(&s, err, sizeof err) < 0) {
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
  if (s.shim_pid_file) write_pid_file(s.shim_pid_file, getpid());

  int logfd = -1;
  if (s.log && (logfd = open(s.log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640)) < 0) {
    fprintf(stderr, "berth-shim: open the log file %s: %s\n", s.log, strerror(errno));
    report_ready(&readyfd, EXIT_SETUP);
    write_exit_file(&s, EXIT_SETUP, 0, "cannot open the log file");
    return EXIT_SETUP;
  }
  int out[2], errp[2], sync[2], report[2];
  if (pipe2(out, O_CLOEXEC) || pipe2(errp, O_CLOEXEC) || pipe2(sync, O_CLOEXEC) || pipe2(report, O_CLOEXEC)) {
    fprintf(stderr, "berth-shim: pipe: %s\n", strerror(errno));
    return EXIT_SETUP;
  }
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++) sigaddset(&mask, forwarded[i]);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sigfd = signalfd(-1, &mask, SFD_CLOEXEC);

  unsigned long flags = CLONE_NEWPID | CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | SIGCHLD;
  if (!strcmp(s.net, "none")) flags |= CLONE_NEWNET;
  /* fork-like clone (no new stack): the child continues here, alone, as the container's PID 1 */
  pid_t pid = (pid_t)syscall(SYS_clone, flags, 0, 0, 0, 0);
  if (pid < 0) {
    fprintf(stderr, "berth-shim: clone (new pid, mount, uts, ipc namespaces): %s\n", strerror(errno));
    report_ready(&readyfd, EXIT_SETUP);
    write_exit_file(&s, EXIT_SETUP, 0, "clone failed");
    return EXIT_SETUP;
  }
  if (pid == 0) {
    /* a container without its monitor would have nobody to log it or report its exit: it dies with it */
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) _exit(EXIT_SETUP); /* a monitor dead before this: the sync read fails */
    close(out[0]);
    close(errp[0]);
    close(sync[1]);
    close(report[0]);
    close(sigfd);
    if (logfd >= 0) close(logfd);
    int null = open("/dev/null", O_RDONLY);
    if (null < 0 || dup2(null, 0) < 0 || dup2(out[1], 1) < 0 || dup2(errp[1], 2) < 0)
      fail(report[1], EXIT_SETUP, "set up stdio: %s", strerror(errno));
    close(null);
    close(out[1]);
    close(errp[1]);
    container_main(&s, sync[0], report[1], netfd);
  }
  close(out[1]);
  close(errp[1]);
  close(sync[0]);
  close(report[1]);
  if (netfd >= 0) close(netfd);

  /* join the cgroups before the container may run, so all it starts is born inside (BRIEF 9.2) */
  char pidtext[24], setup_error[2048] = {0};
  snprintf(pidtext, sizeof pidtext, "%d\n", pid);
  for (size_t i = 0; i < s.cgroups.n; i++) {
    if (write_text(s.cgroups.v[i], pidtext) < 0) {
      snprintf(setup_error, sizeof setup_error, "join the cgroup %s: %s", s.cgroups.v[i], strerror(errno));
      break;
    }
  }
  int start_code = 0;
  if (setup_error[0]) {
    kill(pid, SIGKILL);
    start_code = EXIT_SETUP;
  } else {
    if (write(sync[1], "g", 1) != 1) { /* the child died: reaped below */ }
    /* EOF: the command was executed (close-on-exec); else a code and a message */
    char msg[2048 + sizeof(int)];
    ssize_t n = read_full(report[0], msg, sizeof msg - 1);
    if (n >= (ssize_t)sizeof(int)) {
      memcpy(&start_code, msg, sizeof(int));
      msg[n] = 0;
      snprintf(setup_error, sizeof setup_error, "%s", msg + sizeof(int));
    }
  }
  close(sync[1]);
  close(report[0]);
  if (setup_error[0]) fprintf(stderr, "berth-shim: %s\n", setup_error);
  else write_pid_file(s.pid_file, pid);
  /* a container that failed to start is reaped and its exit file written before -d returns */
  if (!start_code) report_ready(&readyfd, 0);

  struct log_stream streams[2] = {{.name = "stdout", .fd = out[0]}, {.name = "stderr", .fd = errp[0]}};
  int exited = 0, status = 0;
  while (!exited || streams[0].fd >= 0 || streams[1].fd >= 0) {
    struct pollfd pfd[3] = {{streams[0].fd, POLLIN, 0}, {streams[1].fd, POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(pfd, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (int i = 0; i < 2; i++)
      if (pfd[i].revents) log_drain(&streams[i], logfd);
    if (!pfd[2].revents) continue;
    struct signalfd_siginfo si;
    if (read(sigfd, &si, sizeof si) != sizeof si) continue;
    if (si.ssi_signo != SIGCHLD) {
      if (!exited) kill(pid, (int)si.ssi_signo);
      continue;
    }
    int st;
    pid_t w;
    while ((w = waitpid(-1, &st, WNOHANG)) > 0)
      if (w == pid) exited = 1, status = st;
  }
  for (int i = 0; i < 2; i++)
    if (streams[i].fd >= 0) log_flush(&streams[i], logfd);
  if (!exited) waitpid(pid, &status, 0);
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  int sig = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  write_exit_file(&s, start_code ? start_code : code, sig, setup_error);
  report_ready(&readyfd, start_code);
  return start_code ? start_code : code;
}
