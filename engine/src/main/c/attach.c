/*
 * The monitor's attach and control sockets (spec directives attach, control, stdin, tty).
 *
 * Attach socket (unix stream, mode 0600), any number of clients (up to MAX_CLIENTS at once):
 *   monitor → client: everything the container writes from the moment the client connected.
 *     Without tty, in Docker's multiplexed framing: byte 0 the stream (1 stdout, 2 stderr),
 *     3 zero bytes, a big-endian uint32 payload length, the payload. With tty: the raw bytes.
 *   client → monitor: bytes for the container's stdin (with stdin or tty; else discarded).
 *     A client's shutdown(SHUT_WR) closes the container's stdin when stdin-once is set (no tty).
 *   When the container has exited and its output is drained, the monitor writes the exit file,
 *   sends every client what is queued for it and closes the connections: clients see EOF and
 *   the exit file is there for them to read.
 *   A client that reads slowly holds the container's output back once 256 KiB are queued for
 *   it (as a blocked Docker attach does: `run … > file` loses nothing); signals are still
 *   forwarded meanwhile. A client that takes nothing at all for 10 s while held back is
 *   dropped, so that a stuck client cannot block the container for ever.
 * Control socket (unix stream, mode 0600): lines "resize ROWS COLS\n" set the tty's window size
 *   (TIOCSWINSZ on the master; before the master exists the last size is kept and applied).
 *   Each line is answered once done: "ok\n", or "error TEXT\n" (a client may ignore answers).
 *   At most 8 control connections at once; a line is at most 63 bytes.
 */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define MAX_CLIENTS 32
#define MAX_CONTROLS 8
#define HIGH_WATER (256 * 1024)
#define STUCK_MS 10000

struct client {
  int fd;
  int read_closed; /* the client shut down its write side */
  long stalled_at; /* when it last took nothing while backlogged (ms, monotonic), or 0 */
  char *q;         /* bytes queued for the client: q[off..len) */
  size_t off, len, cap;
};

struct control {
  int fd;
  size_t used;
  char line[64];
};

static int listen_fd = -1, control_fd = -1;
static const char *attach_path, *control_path;
static struct client clients[MAX_CLIENTS];
static size_t nclients;
static struct control controls[MAX_CONTROLS];
static size_t ncontrols;
static unsigned long accepted;
static int framed = 1;
static int stdin_fd = -1, stdin_once, stdin_tty;
static char *inbuf; /* INBUF bytes, allocated with a stdin: a monitor without one keeps no buffer */
#define INBUF 16384
static size_t in_off, in_len;
static int master_fd = -1;
static unsigned pending_rows, pending_cols;

static int listen_on(const char *path, char *err, size_t errlen) {
  struct sockaddr_un a = {.sun_family = AF_UNIX};
  if (strlen(path) >= sizeof a.sun_path) {
    snprintf(err, errlen, "socket path %s is longer than %zu bytes", path, sizeof a.sun_path - 1);
    return -1;
  }
  strcpy(a.sun_path, path);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) {
    snprintf(err, errlen, "socket (unix) for %s: %s", path, strerror(errno));
    return -1;
  }
  unlink(path); /* a stale socket of an earlier run */
  mode_t old = umask(0177);
  int r = bind(fd, (struct sockaddr *)&a, sizeof a);
  umask(old);
  if (r < 0 || listen(fd, 16) < 0) {
    snprintf(err, errlen, "%s %s: %s", r < 0 ? "bind" : "listen", path, strerror(errno));
    close(fd);
    return -1;
  }
  return fd;
}

int attach_listen(const struct spec *s, char *err, size_t errlen) {
  framed = !s->tty;
  if (s->attach) {
    if ((listen_fd = listen_on(s->attach, err, errlen)) < 0) return -1;
    attach_path = s->attach;
  }
  if (s->control) {
    if ((control_fd = listen_on(s->control, err, errlen)) < 0) return -1;
    control_path = s->control;
  }
  return 0;
}

void attach_set_stdin(int fd, int once, int is_tty) {
  stdin_fd = fd;
  in_off = in_len = 0; /* input pending for an earlier target is dropped with it */
  stdin_once = once;
  stdin_tty = is_tty;
  if (fd >= 0 && !inbuf && !(inbuf = malloc(INBUF))) fd = stdin_fd = -1; /* out of memory: input is dropped */
  if (fd >= 0) fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

void attach_set_master(int master) {
  master_fd = master;
  if (master >= 0 && pending_rows) set_winsize(master, pending_rows, pending_cols);
}

unsigned long attach_connections(void) {
  return accepted;
}

static void drop_client(size_t i) {
  close(clients[i].fd);
  free(clients[i].q);
  clients[i] = clients[--nclients];
}

/* Sends what is queued; 0 when the client can take more, -1 when it is gone. */
static int flush_client(struct client *c) {
  while (c->off < c->len) {
    ssize_t w = send(c->fd, c->q + c->off, c->len - c->off, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && errno == EAGAIN) return 0;
    if (w <= 0) return -1;
    c->off += (size_t)w;
    c->stalled_at = 0; /* progress */
  }
  c->off = c->len = 0;
  if (c->cap > 65536) { /* a burst's buffer is not kept */
    free(c->q);
    c->q = NULL;
    c->cap = 0;
  }
  return 0;
}

static int enqueue(struct client *c, const char *p, size_t n) {
  if (c->off && c->off == c->len) c->off = c->len = 0;
  if (c->len + n > c->cap) {
    if (c->off) {
      memmove(c->q, c->q + c->off, c->len - c->off);
      c->len -= c->off;
      c->off = 0;
    }
    if (c->len + n > c->cap) {
      size_t cap = c->len + n < 16384 ? 16384 : (c->len + n) * 2;
      char *q = realloc(c->q, cap);
      if (!q) return -1;
      c->q = q;
      c->cap = cap;
    }
  }
  memcpy(c->q + c->len, p, n);
  c->len += n;
  return 0;
}

void attach_output(int stream, const char *p, size_t n) {
  unsigned char h[8] = {(unsigned char)stream, 0, 0, 0, (unsigned char)(n >> 24), (unsigned char)(n >> 16),
                        (unsigned char)(n >> 8), (unsigned char)n};
  for (size_t i = 0; i < nclients;) {
    struct client *c = &clients[i];
    if ((framed && enqueue(c, (const char *)h, sizeof h) < 0) || enqueue(c, p, n) < 0 || flush_client(c) < 0) {
      drop_client(i);
      continue;
    }
    i++;
  }
}

int attach_backlogged(void) {
  for (size_t i = 0; i < nclients; i++)
    if (clients[i].len - clients[i].off >= HIGH_WATER) return 1;
  return 0;
}

void attach_drop_stuck(long now_ms) {
  for (size_t i = 0; i < nclients;) {
    struct client *c = &clients[i];
    if (c->len - c->off < HIGH_WATER) c->stalled_at = 0;
    else if (!c->stalled_at) c->stalled_at = now_ms;
    if (c->stalled_at && now_ms - c->stalled_at >= STUCK_MS) {
      drop_client(i);
      continue;
    }
    i++;
  }
}

static void close_stdin(void) {
  if (stdin_fd >= 0 && !stdin_tty) close(stdin_fd);
  stdin_fd = -1;
  in_off = in_len = 0;
}

/* Writes the pending stdin bytes as far as the container takes them. */
static void flush_stdin(void) {
  while (in_off < in_len && stdin_fd >= 0) {
    ssize_t w = write(stdin_fd, inbuf + in_off, in_len - in_off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && errno == EAGAIN) return;
    if (w <= 0) { /* the container closed its stdin (EPIPE) or its tty went away: input is dropped */
      close_stdin();
      return;
    }
    in_off += (size_t)w;
  }
  in_off = in_len = 0;
}

size_t attach_pollfds(struct pollfd *pfd, size_t max) {
  size_t n = 0;
  if (n < max && listen_fd >= 0) pfd[n++] = (struct pollfd){listen_fd, POLLIN, 0};
  if (n < max && control_fd >= 0) pfd[n++] = (struct pollfd){control_fd, POLLIN, 0};
  int take_input = in_off == in_len;
  for (size_t i = 0; i < nclients && n < max; i++) {
    short ev = 0;
    if (!clients[i].read_closed && take_input) ev |= POLLIN;
    if (clients[i].len > clients[i].off) ev |= POLLOUT;
    pfd[n++] = (struct pollfd){clients[i].fd, ev, 0};
  }
  for (size_t i = 0; i < ncontrols && n < max; i++) pfd[n++] = (struct pollfd){controls[i].fd, POLLIN, 0};
  if (n < max && stdin_fd >= 0 && in_off < in_len) pfd[n++] = (struct pollfd){stdin_fd, POLLOUT, 0};
  return n;
}

static void accept_clients(void) {
  for (;;) {
    int fd = accept4(listen_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) return;
    if (nclients == MAX_CLIENTS) {
      close(fd);
      continue;
    }
    accepted++;
    clients[nclients++] = (struct client){.fd = fd};
  }
}

static void accept_controls(void) {
  for (;;) {
    int fd = accept4(control_fd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
    if (fd < 0) return;
    if (ncontrols == MAX_CONTROLS) {
      close(fd);
      continue;
    }
    controls[ncontrols++] = (struct control){.fd = fd};
  }
}

/* A decimal number up to 65535 followed by `end`; the rest after it in *rest. (No sscanf: it would
   bring glibc's scanf and float parsers, some 70 KiB, into every monitor's memory.) */
static int parse_dim(const char *p, char end, unsigned *out, const char **rest) {
  unsigned v = 0;
  const char *start = p;
  for (; *p >= '0' && *p <= '9' && v <= 65535; p++) v = v * 10 + (unsigned)(*p - '0');
  if (p == start || v > 65535 || *p != end) return -1;
  *out = v;
  *rest = p + (end ? 1 : 0);
  return 0;
}

static void control_line(int fd, const char *line) {
  unsigned rows, cols;
  char answer[128] = "ok\n";
  const char *p = line;
  if (strncmp(p, "resize ", 7) || parse_dim(p + 7, ' ', &rows, &p) < 0 || parse_dim(p, 0, &cols, &p) < 0) {
    snprintf(answer, sizeof answer, "error unknown request (want: resize ROWS COLS)\n");
  } else {
    pending_rows = rows;
    pending_cols = cols;
    if (master_fd >= 0 && set_winsize(master_fd, rows, cols) < 0)
      snprintf(answer, sizeof answer, "error TIOCSWINSZ: %s\n", strerror(errno));
  }
  if (send(fd, answer, strlen(answer), MSG_NOSIGNAL | MSG_DONTWAIT) < 0) { /* an answer nobody reads */ }
}

/* Reads a control connection's lines; 0 while open, -1 at its end. */
static int read_control(struct control *c) {
  ssize_t r = read(c->fd, c->line + c->used, sizeof c->line - 1 - c->used);
  if (r < 0 && (errno == EINTR || errno == EAGAIN)) return 0;
  if (r <= 0) return -1;
  c->used += (size_t)r;
  c->line[c->used] = 0;
  char *start = c->line, *nl;
  while ((nl = strchr(start, '\n'))) {
    *nl = 0;
    control_line(c->fd, start);
    start = nl + 1;
  }
  c->used -= (size_t)(start - c->line);
  memmove(c->line, start, c->used);
  if (c->used == sizeof c->line - 1) c->used = 0; /* an overlong line is nonsense: dropped */
  return 0;
}

/* Reads a client's bytes into the stdin buffer; -1 when the client is gone. */
static int read_client(struct client *c) {
  static char discard[512];
  ssize_t r = read(c->fd, stdin_fd >= 0 ? inbuf : discard, stdin_fd >= 0 ? INBUF : sizeof discard);
  if (r < 0 && (errno == EINTR || errno == EAGAIN)) return 0;
  if (r < 0) return -1;
  if (r == 0) {
    c->read_closed = 1;
    if (stdin_once && !stdin_tty) close_stdin();
    return 0;
  }
  if (stdin_fd < 0) return 0; /* no stdin: discarded */
  in_off = 0;
  in_len = (size_t)r;
  flush_stdin();
  return 0;
}

void attach_handle(const struct pollfd *pfd, size_t n) {
  for (size_t k = 0; k < n; k++) {
    short re = pfd[k].revents;
    int fd = pfd[k].fd;
    if (!re) continue;
    if (fd == listen_fd) {
      accept_clients();
    } else if (fd == control_fd) {
      accept_controls();
    } else if (fd == stdin_fd && (re & (POLLOUT | POLLERR | POLLHUP))) {
      flush_stdin();
    } else {
      for (size_t i = 0; i < nclients; i++) {
        struct client *c = &clients[i];
        if (c->fd != fd) continue;
        int gone = (re & POLLOUT) && flush_client(c) < 0;
        if (!gone && (re & POLLIN) && in_off == in_len) gone = read_client(c) < 0;
        if (!gone && (re & (POLLERR | POLLHUP)) && !(re & POLLIN)) gone = 1;
        if (gone) drop_client(i);
        break;
      }
      for (size_t i = 0; i < ncontrols; i++) {
        if (controls[i].fd != fd) continue;
        if (read_control(&controls[i]) < 0) {
          close(controls[i].fd);
          controls[i] = controls[--ncontrols];
        }
        break;
      }
    }
  }
}

void attach_finish(void) {
  if (listen_fd >= 0) {
    close(listen_fd);
    unlink(attach_path);
    listen_fd = -1;
  }
  if (control_fd >= 0) {
    close(control_fd);
    unlink(control_path);
    control_fd = -1;
  }
  for (size_t i = 0; i < ncontrols; i++) close(controls[i].fd);
  ncontrols = 0;
  /* what is queued is delivered; a client that takes nothing for 10 s is dropped */
  for (size_t i = 0; i < nclients;) {
    struct client *c = &clients[i];
    while (c->len > c->off) {
      struct pollfd p = {c->fd, POLLOUT, 0};
      if (poll(&p, 1, 10000) <= 0 || flush_client(c) < 0) break;
    }
    shutdown(c->fd, SHUT_RDWR);
    drop_client(i);
  }
}
