/* The container's log, as Docker's json-file driver writes it: {"log":"hi\n","stream":"stdout","time":"…Z"}. */
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/*
 * RFC 3339 with nanoseconds, UTC: 2026-11-28T14:00:00.123456789Z. The date is computed here
 * (Hinnant's civil_from_days) rather than by gmtime_r, whose first call loads glibc's time zone
 * code: the monitor's loop stays on a few pages (see drop_startup_code in main.c).
 */
void format_time(char *buf, size_t len) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  long long secs = ts.tv_sec, days = secs / 86400, rem = secs % 86400;
  if (rem < 0) rem += 86400, days--;
  long long z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097;
  long long doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
  long long day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9;
  long long year = yoe + era * 400 + (month <= 2);
  snprintf(buf, len, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%09ldZ", year, month, day, rem / 3600, rem / 60 % 60,
           rem % 60, ts.tv_nsec);
}

static void put(char **out, size_t *cap, size_t *len, const char *s, size_t n) {
  if (*len + n + 1 > *cap) {
    size_t c = (*len + n + 1) * 2;
    char *p = realloc(*out, c);
    if (!p) return; /* out of memory: the entry is cut short rather than the monitor dying */
    *out = p;
    *cap = c;
  }
  memcpy(*out + *len, s, n);
  *len += n;
  (*out)[*len] = 0;
}

/* Length of the valid UTF-8 sequence at s (1-4), or 0 if it is not valid. */
static size_t utf8_len(const unsigned char *s, size_t n) {
  size_t need;
  if (s[0] < 0x80) return 1;
  if (s[0] >= 0xc2 && s[0] <= 0xdf) need = 2;
  else if (s[0] >= 0xe0 && s[0] <= 0xef) need = 3;
  else if (s[0] >= 0xf0 && s[0] <= 0xf4) need = 4;
  else return 0;
  if (n < need) return 0;
  for (size_t i = 1; i < need; i++)
    if ((s[i] & 0xc0) != 0x80) return 0;
  if (need == 3 && ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))) return 0;
  if (need == 4 && ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))) return 0;
  return need;
}

/* Appends s as a JSON string; invalid UTF-8 becomes U+FFFD, as Go's encoder (Docker) does. */
void json_string(char **out, size_t *cap, size_t *len, const char *s, size_t n) {
  put(out, cap, len, "\"", 1);
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < n;) {
    unsigned char c = u[i];
    char esc[8];
    if (c == '"' || c == '\\') {
      esc[0] = '\\';
      esc[1] = (char)c;
      put(out, cap, len, esc, 2);
      i++;
    } else if (c < 0x20) {
      const char *e = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : NULL;
      if (e) put(out, cap, len, e, 2);
      else {
        snprintf(esc, sizeof esc, "\\u%04x", c);
        put(out, cap, len, esc, 6);
      }
      i++;
    } else {
      size_t k = utf8_len(u + i, n - i);
      if (k) put(out, cap, len, s + i, k);
      else put(out, cap, len, "\\ufffd", 6);
      i += k ? k : 1;
    }
  }
  put(out, cap, len, "\"", 1);
}

static void write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      return; /* a full disk must not stop the container: the entry is lost, as with Docker */
    }
    p += w;
    n -= (size_t)w;
  }
}

static void emit(const struct log_stream *st, int logfd, const char *text, size_t n) {
  if (logfd < 0 || n == 0) return;
  char *out = NULL, t[48];
  size_t cap = 0, len = 0;
  format_time(t, sizeof t);
  put(&out, &cap, &len, "{\"log\":", 7);
  json_string(&out, &cap, &len, text, n);
  put(&out, &cap, &len, ",\"stream\":\"", 11);
  put(&out, &cap, &len, st->name, strlen(st->name));
  put(&out, &cap, &len, "\",\"time\":\"", 10);
  put(&out, &cap, &len, t, strlen(t));
  put(&out, &cap, &len, "\"}\n", 3);
  if (out) write_all(logfd, out, len); /* one write: O_APPEND keeps lines whole */
  free(out);
}

/* Emits every complete line in the buffer, and a full buffer as a partial entry (no "\n"). */
static void emit_lines(struct log_stream *st, int logfd) {
  size_t start = 0;
  for (size_t i = 0; i < st->used; i++) {
    if (st->buf[i] == '\n') {
      emit(st, logfd, st->buf + start, i + 1 - start);
      start = i + 1;
    }
  }
  if (start == 0 && st->used == sizeof st->buf) {
    /* a line longer than 16 KiB is split; a UTF-8 sequence cut at the end goes to the next part */
    size_t k = st->used;
    while (k > 0 && st->used - k < 3 && (st->buf[k - 1] & 0xc0) == 0x80) k--;
    start = (k > 0 && (unsigned char)st->buf[k - 1] >= 0xc0) ? k - 1 : st->used;
    if (start == 0) start = st->used;
    emit(st, logfd, st->buf, start);
  }
  memmove(st->buf, st->buf + start, st->used - start);
  st->used -= start;
}

/* Reads what is available on the stream's pipe; marks EOF by fd = -1. */
void log_drain(struct log_stream *st, int logfd) {
  ssize_t r = read(st->fd, st->buf + st->used, sizeof st->buf - st->used);
  if (r < 0 && (errno == EINTR || errno == EAGAIN)) return;
  if (r <= 0) {
    close(st->fd);
    st->fd = -1;
    log_flush(st, logfd);
    return;
  }
  if (st->tap) st->tap(st->id, st->buf + st->used, (size_t)r);
  st->used += (size_t)r;
  emit_lines(st, logfd);
}

void log_flush(struct log_stream *st, int logfd) {
  emit_lines(st, logfd);
  emit(st, logfd, st->buf, st->used);
  st->used = 0;
}

/* Writes text to an existing file (a cgroup.procs file): 0, or -1 with errno. */
int write_text(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  ssize_t n = write(fd, text, strlen(text));
  int saved = errno;
  close(fd);
  errno = saved;
  return n == (ssize_t)strlen(text) ? 0 : -1;
}

/*
 * Writes path.tmp and renames it over path, so a reader sees the whole file or none. durable: fsync
 * first (the exit status); pid files skip it — they mean nothing after the machine's crash, and the
 * fsync cost ~2 ms on every start's path.
 */
int write_file_atomic(const char *path, const char *data, size_t len, int durable) {
  char tmp[4096];
  if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
    errno = ENAMETOOLONG;
    return -1;
  }
  int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return -1;
  ssize_t w = write(fd, data, len);
  int saved = errno;
  if (w != (ssize_t)len || (durable && fsync(fd) < 0)) {
    close(fd);
    unlink(tmp);
    errno = w < 0 ? saved : EIO;
    return -1;
  }
  close(fd);
  return rename(tmp, path);
}
