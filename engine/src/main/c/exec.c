/*
 * berth-shim exec BUNDLE_DIR — runs a process inside a running container, as `runc exec` does
 * (BRIEF 1.1, nsexec's join_namespaces): BUNDLE_DIR/spec has `target-pid PID` (the container's
 * PID 1 on the host) and arg, env, cwd, user, groups, caps, no-new-privs, seccomp, rlimit,
 * cgroup, tty (see spec.c).
 *
 * The shim opens /proc/PID/ns/{user,ipc,uts,net,cgroup,pid,mnt} first (so they all belong to
 * one process), moves its future children into the container's PID namespace (setns affects
 * children only) and forks; it writes the child into the cgroup.procs files before the child
 * goes on; the child joins the user (if the container has its own), ipc, uts, net, cgroup and
 * last the mount namespace, then takes the steps of a container's last stage: setsid, tty,
 * rlimits, the executable looked up in the container, seccomp, user and capabilities,
 * no_new_privs, cwd, close-on-exec from fd 3 up, exec. The shim stays as its parent in the
 * foreground, forwards SIGTERM/SIGINT/SIGHUP/SIGQUIT/SIGUSR1/SIGUSR2 and exits with its code
 * (128+N when signal N killed it; 125 the exec could not be set up, 126 cannot execute, 127 not
 * found; the reason on stderr, prefixed "berth-shim exec: ").
 *
 * Without tty the process uses the shim's stdin/stdout/stderr as they are. With tty it gets a
 * pty of the container's own devpts (/dev/ptmx opened after joining the mount namespace, the
 * master sent back over a socketpair); the shim relays its stdin → the master → its stdout,
 * puts its own stdin in raw mode when that is a terminal (restored at the end) and passes its
 * window size on at the start and on SIGWINCH. It ends once the process has exited and its pty
 * is closed by every holder (a background job that keeps the terminal keeps the exec, as with
 * Docker). Exec into a paused (frozen) container would hang in the frozen cgroup: refuse it first.
 */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static const struct {
  const char *name;
  int type;
} namespaces[] = {
    /* the user namespace first: the others may be owned by it; mnt last: it changes what paths mean */
    {"user", CLONE_NEWUSER}, {"ipc", CLONE_NEWIPC}, {"uts", CLONE_NEWUTS}, {"net", CLONE_NEWNET},
    {"cgroup", CLONE_NEWCGROUP}, {"pid", CLONE_NEWPID}, {"mnt", CLONE_NEWNS},
};
#define NNS (sizeof namespaces / sizeof *namespaces)

static const int forwarded[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGUSR1, SIGUSR2};

static int failx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int failx(const char *fmt, ...) {
  char msg[2048];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  fprintf(stderr, "berth-shim exec: %s\n", msg);
  return EXIT_SETUP;
}

/* The target must be the PID 1 of a PID namespace below ours: a reused PID is refused. */
static int check_target(pid_t pid, char *err, size_t errlen) {
  char path[64], line[256];
  snprintf(path, sizeof path, "/proc/%d/status", pid);
  FILE *f = fopen(path, "re");
  if (!f) {
    snprintf(err, errlen, "the container is not running: no process %d (%s)", pid, strerror(errno));
    return -1;
  }
  int ok = 0, zombie = 0;
  while (fgets(line, sizeof line, f)) {
    if (!strncmp(line, "State:", 6) && strchr(line, 'Z')) zombie = 1;
    if (strncmp(line, "NSpid:", 6)) continue;
    char *last = NULL, *save, *tok = strtok_r(line + 6, " \t\n", &save);
    int fields = 0;
    for (; tok; tok = strtok_r(NULL, " \t\n", &save), fields++) last = tok;
    ok = fields >= 2 && last && !strcmp(last, "1");
  }
  fclose(f);
  if (zombie) {
    snprintf(err, errlen, "the container is not running: its PID 1 (%d) has exited", pid);
    return -1;
  }
  if (!ok) {
    snprintf(err, errlen, "process %d is not a container's PID 1 (not PID 1 of a child PID namespace): the container is not running", pid);
    return -1;
  }
  return 0;
}

static int same_ns(int fd, const char *name) {
  char self[64];
  struct stat a, b;
  snprintf(self, sizeof self, "/proc/self/ns/%s", name);
  return fstat(fd, &a) == 0 && stat(self, &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}


#define CFAIL(...) fail(errfd, EXIT_SETUP, __VA_ARGS__)

static void exec_child(struct spec *s, int *nsfd, int syncfd, int errfd, int consolefd) __attribute__((noreturn));
static void exec_child(struct spec *s, int *nsfd, int syncfd, int errfd, int consolefd) {
  char go;
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) _exit(EXIT_SETUP);
  if (read(syncfd, &go, 1) != 1) _exit(EXIT_SETUP); /* the shim died, or could not join the cgroups */
  for (size_t i = 0; i < NNS; i++) {
    if (nsfd[i] < 0 || namespaces[i].type == CLONE_NEWPID) continue; /* pid: the shim did it for us */
    if (setns(nsfd[i], namespaces[i].type) < 0)
      CFAIL("join the container's %s namespace (setns): %s", namespaces[i].name, strerror(errno));
    close(nsfd[i]);
  }
  if (setsid() < 0) CFAIL("setsid: %s", strerror(errno));
  char err[1024];
  if (consolefd >= 0) {
    int master = pty_open(err, sizeof err);
    if (master < 0 || pty_make_controlling(master, s->uid, err, sizeof err) < 0) CFAIL("tty: %s", err);
    if (send_fd(consolefd, master) < 0) CFAIL("send the pty master to the shim: %s", strerror(errno));
    close(master);
    close(consolefd);
  }
  if (apply_rlimits(s, err, sizeof err) < 0) CFAIL("%s", err);
  char buf[4096];
  const char *path = find_executable(s, buf, sizeof buf, errfd);
  if (!s->no_new_privs && s->seccomp_filter && seccomp_load(s, err, sizeof err) < 0) CFAIL("%s", err);
  if (apply_user_and_caps(s, err, sizeof err) < 0) CFAIL("%s", err);
  if (s->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) CFAIL("prctl PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
  if (s->no_new_privs && s->seccomp_filter && seccomp_load(s, err, sizeof err) < 0) CFAIL("%s", err);
  if (s->cwd && chdir(s->cwd) < 0) CFAIL("chdir %s: %s", s->cwd, strerror(errno));
  /* a change of credentials cleared the parent-death signal: set again, then make sure the shim lives */
  if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) < 0) CFAIL("prctl PR_SET_PDEATHSIG: %s", strerror(errno));
  struct pollfd alive = {syncfd, 0, 0};
  if (poll(&alive, 1, 0) > 0 && (alive.revents & POLLHUP)) _exit(EXIT_SETUP);
  if (syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) CFAIL("close_range: %s", strerror(errno));
  exec_command(s, path, errfd);
}

static void pass_winsize(int from, int master) {
  struct winsize ws;
  if (ioctl(from, TIOCGWINSZ, &ws) == 0) ioctl(master, TIOCSWINSZ, &ws);
}

int exec_main(const char *bundle) {
  char path[4096], err[2048];
  snprintf(path, sizeof path, "%s/spec", bundle);
  struct spec s;
  if (spec_read(path, &s, 1, err, sizeof err) < 0 || seccomp_read(&s, err, sizeof err) < 0 ||
      check_target(s.target_pid, err, sizeof err) < 0)
    return failx("%s", err);
  int nsfd[NNS];
  for (size_t i = 0; i < NNS; i++) {
    char p[64];
    snprintf(p, sizeof p, "/proc/%d/ns/%s", s.target_pid, namespaces[i].name);
    nsfd[i] = open(p, O_RDONLY | O_CLOEXEC);
    if (nsfd[i] < 0) return failx("open %s: %s (the container is not running?)", p, strerror(errno));
    if (same_ns(nsfd[i], namespaces[i].name)) { /* the host's (e.g. no user namespace, --network host) */
      close(nsfd[i]);
      nsfd[i] = -1;
    }
  }
  /* checked again now that the namespaces are held: the PID may have ended (and been reused) meanwhile */
  if (check_target(s.target_pid, err, sizeof err) < 0) return failx("%s", err);
  int sync[2], report[2], console[2] = {-1, -1};
  if (pipe2(sync, O_CLOEXEC) || pipe2(report, O_CLOEXEC) ||
      (s.tty && socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, console)))
    return failx("pipe: %s", strerror(errno));
  sigset_t mask, pipemask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGCHLD);
  sigaddset(&mask, SIGWINCH);
  for (size_t i = 0; i < sizeof forwarded / sizeof *forwarded; i++) sigaddset(&mask, forwarded[i]);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
  sigemptyset(&pipemask);
  sigaddset(&pipemask, SIGPIPE);
  sigprocmask(SIG_BLOCK, &pipemask, NULL);
  for (size_t i = 0; i < NNS; i++)
    if (namespaces[i].type == CLONE_NEWPID && nsfd[i] >= 0 && setns(nsfd[i], CLONE_NEWPID) < 0)
      return failx("join the container's pid namespace (setns): %s", strerror(errno));
  pid_t pid = fork();
  if (pid < 0)
    return failx("fork into the container's PID namespace: %s%s", strerror(errno),
                 errno == ENOMEM ? " (the container has ended)" : "");
  if (pid == 0) {
    close(sync[1]);
    close(report[0]);
    close(sigfd);
    if (console[0] >= 0) close(console[0]);
    exec_child(&s, nsfd, sync[0], report[1], console[1]);
  }
  close(sync[0]);
  close(report[1]);
  if (console[1] >= 0) close(console[1]);
  for (size_t i = 0; i < NNS; i++)
    if (nsfd[i] >= 0) close(nsfd[i]);

  char pidtext[24];
  snprintf(pidtext, sizeof pidtext, "%d\n", pid);
  for (size_t i = 0; i < s.cgroups.n; i++) {
    if (write_text(s.cgroups.v[i], pidtext) < 0) {
      int e = errno;
      kill(pid, SIGKILL);
      waitpid(pid, NULL, 0);
      return failx("join the cgroup %s: %s", s.cgroups.v[i], strerror(e));
    }
  }
  if (write(sync[1], "g", 1) != 1) { /* the child died: reaped below */ }
  /* EOF: exec'd (close-on-exec); else a code and a message */
  char msg[2048 + sizeof(int)];
  ssize_t n = 0;
  for (ssize_t r; (size_t)n < sizeof msg - 1 && (r = read(report[0], msg + n, sizeof msg - 1 - (size_t)n)) != 0;) {
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) break;
    n += r;
  }
  close(report[0]);
  int start_code = 0;
  if (n >= (ssize_t)sizeof(int)) {
    memcpy(&start_code, msg, sizeof(int));
    msg[n] = 0;
    fprintf(stderr, "berth-shim exec: %s\n", msg + sizeof(int));
  }
  int master = -1;
  if (!start_code && s.tty) {
    master = recv_fd(console[0]);
    if (master < 0) {
      fprintf(stderr, "berth-shim exec: receive the tty's master: %s\n", strerror(errno));
      kill(pid, SIGKILL);
      start_code = EXIT_SETUP;
    }
  }
  if (console[0] >= 0) close(console[0]);
  int raw = 0;
  if (master >= 0) {
    if (isatty(0)) {
      pass_winsize(0, master);
      raw = terminal_raw(0) == 0;
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
  }
  int status = 0, exited = 0, in_open = master >= 0;
  char buf[16384];
  while (!exited || master >= 0) {
    struct pollfd pfd[3] = {{sigfd, POLLIN, 0}, {master, POLLIN, 0}, {in_open ? 0 : -1, POLLIN, 0}};
    if (poll(pfd, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    struct signalfd_siginfo si;
    /* signals first: a resize that happened before some input reaches the pty before that input */
    if (pfd[0].revents && read(sigfd, &si, sizeof si) == sizeof si) {
      if (si.ssi_signo == SIGWINCH) {
        if (master >= 0 && isatty(0)) pass_winsize(0, master);
      } else if (si.ssi_signo != SIGCHLD) {
        if (!exited) kill(pid, (int)si.ssi_signo);
      } else {
        int st;
        pid_t w;
        while ((w = waitpid(-1, &st, WNOHANG)) > 0)
          if (w == pid) exited = 1, status = st;
      }
    }
    if (pfd[1].revents) {
      ssize_t r = read(master, buf, sizeof buf);
      if (r > 0) {
        if (write_all_fd(1, buf, (size_t)r) < 0) { /* our stdout is gone: the output is dropped */ }
      } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) { /* EIO: every slave closed */
        close(master);
        master = -1;
        in_open = 0;
      }
    }
    if (pfd[2].revents) {
      ssize_t r = read(0, buf, sizeof buf);
      if (r > 0 && master >= 0) write_all_fd(master, buf, (size_t)r);
      else if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) in_open = 0;
    }
  }
  if (raw) terminal_restore();
  if (!exited) waitpid(pid, &status, 0);
  if (start_code) return start_code;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
