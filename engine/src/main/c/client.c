/*
 * berth-shim attach SOCKET [--tty] [--stdin] [--control PATH] — an attach client (for the CLI's
 * `run -it` and `attach`), speaking the monitor's protocol of attach.c.
 *
 * Relays the socket to stdout — without --tty demultiplexing the frames to stdout (stream 1) and
 * stderr (stream 2), with --tty raw — and, with --stdin, its stdin to the socket, shutting the
 * socket's write side at stdin's EOF (the monitor closes the container's stdin with stdin-once).
 * With --tty and a terminal on stdin, that terminal is in raw mode while attached (restored at
 * the end and on SIGTERM/SIGINT/SIGHUP/SIGQUIT); with --tty and --control, the window size goes to the
 * control socket at the start and on every SIGWINCH. Exits 0 when the monitor closes the
 * connection (the container has ended: its exit file is written by then), 125 when it cannot
 * connect, 128+N when signal N ended it.
 */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static int connect_unix(const char *path) {
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof a.sun_path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  strcpy(a.sun_path, path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  if (connect(fd, (struct sockaddr *)&a, sizeof a) < 0) {
    int e = errno;
    close(fd);
    errno = e;
    return -1;
  }
  return fd;
}

static void send_size(int control) {
  struct winsize ws;
  if (control < 0 || (ioctl(1, TIOCGWINSZ, &ws) < 0 && ioctl(0, TIOCGWINSZ, &ws) < 0)) return;
  char line[48];
  int n = snprintf(line, sizeof line, "resize %u %u\n", ws.ws_row, ws.ws_col);
  if (send(control, line, (size_t)n, MSG_NOSIGNAL) < 0) { /* the monitor is gone: nothing to resize */ }
}

/* Docker's frames: 8-byte header (stream, 0, 0, 0, big-endian length), then the payload. */
struct demux {
  unsigned char header[8];
  size_t have;     /* header bytes read */
  size_t left;     /* payload bytes still to come */
  int out;         /* where the payload goes */
};

static void demux(struct demux *d, const char *p, size_t n) {
  while (n) {
    if (d->left == 0) {
      d->header[d->have++] = (unsigned char)*p++;
      n--;
      if (d->have == 8) {
        d->have = 0;
        d->left = (size_t)d->header[4] << 24 | (size_t)d->header[5] << 16 | (size_t)d->header[6] << 8 | d->header[7];
        d->out = d->header[0] == 2 ? 2 : 1;
      }
      continue;
    }
    size_t k = n < d->left ? n : d->left;
    if (write_all_fd(d->out, p, k) < 0) { /* our output is gone: the rest is dropped */ }
    p += k;
    n -= k;
    d->left -= k;
  }
}

int client_main(int argc, char **argv) {
  const char *socket_path = NULL, *control_path = NULL;
  int tty = 0, with_stdin = 0;
  for (int i = 0; i < argc; i++) {
    if (!strcmp(argv[i], "--tty")) tty = 1;
    else if (!strcmp(argv[i], "--stdin")) with_stdin = 1;
    else if (!strcmp(argv[i], "--control") && i + 1 < argc) control_path = argv[++i];
    else if (argv[i][0] != '-' && !socket_path) socket_path = argv[i];
    else socket_path = NULL, i = argc;
  }
  if (!socket_path) {
    fprintf(stderr, "usage: berth-shim attach SOCKET [--tty] [--stdin] [--control PATH]\n");
    return EXIT_SETUP;
  }
  int sock = connect_unix(socket_path);
  if (sock < 0) {
    fprintf(stderr, "berth-shim attach: connect %s: %s (is the container running with an attach socket?)\n",
            socket_path, strerror(errno));
    return EXIT_SETUP;
  }
  int control = tty && control_path ? connect_unix(control_path) : -1;
  sigset_t mask;
  sigemptyset(&mask);
  int sigs[] = {SIGWINCH, SIGTERM, SIGINT, SIGHUP, SIGQUIT};
  for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) sigaddset(&mask, sigs[i]);
  sigprocmask(SIG_BLOCK, &mask, NULL);
  int sigfd = signalfd(-1, &mask, SFD_CLOEXEC);
  sigset_t pipemask;
  sigemptyset(&pipemask);
  sigaddset(&pipemask, SIGPIPE);
  sigprocmask(SIG_BLOCK, &pipemask, NULL);
  int raw = tty && with_stdin && isatty(0) && terminal_raw(0) == 0;
  send_size(control);

  struct demux d = {0};
  char buf[16384];
  int in_open = with_stdin, code = 0;
  for (;;) {
    struct pollfd pfd[3] = {{sock, POLLIN, 0}, {in_open ? 0 : -1, POLLIN, 0}, {sigfd, POLLIN, 0}};
    if (poll(pfd, 3, -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (pfd[0].revents) {
      ssize_t r = read(sock, buf, sizeof buf);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) break; /* the monitor closed: the container has ended */
      if (tty) write_all_fd(1, buf, (size_t)r);
      else demux(&d, buf, (size_t)r);
    }
    if (pfd[1].revents) {
      ssize_t r = read(0, buf, sizeof buf);
      if (r > 0) {
        if (write_all_fd(sock, buf, (size_t)r) < 0) in_open = 0;
      } else if (r == 0 || (errno != EINTR && errno != EAGAIN)) {
        in_open = 0;
        shutdown(sock, SHUT_WR); /* EOF for the container with stdin-once */
      }
    }
    if (pfd[2].revents) {
      struct signalfd_siginfo si;
      if (read(sigfd, &si, sizeof si) != sizeof si) continue;
      if (si.ssi_signo == SIGWINCH) {
        send_size(control);
        continue;
      }
      code = 128 + (int)si.ssi_signo;
      break;
    }
  }
  if (raw) terminal_restore();
  return code;
}
