/*
 * Pseudo-terminals as runc's console socket does them (BRIEF 1.1): the pty is opened inside the
 * container, from its own devpts instance, after /dev/pts is mounted, and the master travels to
 * the monitor over a unix socketpair (SCM_RIGHTS). Also the caller's terminal in raw mode.
 */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

/* Opens /dev/ptmx (a symlink to pts/ptmx inside a container) and unlocks its slave. */
int pty_open(char *err, size_t errlen) {
  int master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (master < 0) {
    snprintf(err, errlen, "open /dev/ptmx: %s", strerror(errno));
    return -1;
  }
  int unlock = 0;
  if (ioctl(master, TIOCSPTLCK, &unlock) < 0) {
    snprintf(err, errlen, "unlock the pty (TIOCSPTLCK): %s", strerror(errno));
    close(master);
    return -1;
  }
  return master;
}

/*
 * The caller (a session leader without a terminal) opens the slave through the master
 * (TIOCGPTPEER: no path to race on), gives it to `owner`, makes it its controlling terminal and
 * its stdin/out/err.
 */
int pty_make_controlling(int master, uid_t owner, char *err, size_t errlen) {
  int slave = ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
  if (slave < 0) {
    snprintf(err, errlen, "open the pty's slave (TIOCGPTPEER): %s", strerror(errno));
    return -1;
  }
  /* the terminal belongs to the user the command runs as (group tty stays), as with a login */
  if (fchown(slave, owner, (gid_t)-1) < 0) {
    snprintf(err, errlen, "chown the pty's slave to %u: %s", owner, strerror(errno));
    close(slave);
    return -1;
  }
  if (ioctl(slave, TIOCSCTTY, 0) < 0) {
    snprintf(err, errlen, "make the pty the controlling terminal (TIOCSCTTY): %s", strerror(errno));
    close(slave);
    return -1;
  }
  for (int fd = 0; fd < 3; fd++) {
    if (dup2(slave, fd) < 0) {
      snprintf(err, errlen, "dup2 the pty's slave to %d: %s", fd, strerror(errno));
      close(slave);
      return -1;
    }
  }
  if (slave > 2) close(slave);
  return 0;
}

int send_fd(int sock, int fd) {
  char byte = 'm';
  struct iovec iov = {&byte, 1};
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } u;
  memset(&u, 0, sizeof u);
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  memcpy(CMSG_DATA(c), &fd, sizeof fd);
  ssize_t n;
  do n = sendmsg(sock, &msg, MSG_NOSIGNAL);
  while (n < 0 && errno == EINTR);
  return n == 1 ? 0 : -1;
}

/* Receives one fd (close-on-exec); -1 with errno, or ENODATA when the peer sent none. */
int recv_fd(int sock) {
  char byte;
  struct iovec iov = {&byte, 1};
  union {
    char buf[CMSG_SPACE(sizeof(int))];
    struct cmsghdr align;
  } u;
  struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf, .msg_controllen = sizeof u.buf};
  ssize_t n;
  do n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
  while (n < 0 && errno == EINTR);
  if (n < 0) return -1;
  struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
  if (n == 0 || !c || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) {
    errno = ENODATA;
    return -1;
  }
  int fd;
  memcpy(&fd, CMSG_DATA(c), sizeof fd);
  return fd;
}

int set_winsize(int fd, unsigned rows, unsigned cols) {
  struct winsize ws = {.ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols};
  return ioctl(fd, TIOCSWINSZ, &ws);
}

static struct termios saved_termios;
static int raw_fd = -1;

int terminal_raw(int fd) {
  struct termios t;
  if (tcgetattr(fd, &t) < 0) return -1;
  saved_termios = t;
  cfmakeraw(&t); /* the container's pty does the \n → \r\n itself */
  if (tcsetattr(fd, TCSADRAIN, &t) < 0) return -1;
  raw_fd = fd;
  return 0;
}

void terminal_restore(void) {
  if (raw_fd >= 0) tcsetattr(raw_fd, TCSADRAIN, &saved_termios);
  raw_fd = -1;
}

int write_all_fd(int fd, const void *p, size_t n) {
  const char *c = p;
  while (n) {
    ssize_t w = write(fd, c, n);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0 && errno == EAGAIN) {
      struct pollfd pfd = {fd, POLLOUT, 0};
      poll(&pfd, 1, -1);
      continue;
    }
    if (w <= 0) return -1;
    c += w;
    n -= (size_t)w;
  }
  return 0;
}
