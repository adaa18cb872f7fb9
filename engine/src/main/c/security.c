/* rlimits, seccomp, user/groups and capabilities: the last steps before exec (BRIEF 9.5). */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static const char *limit_text(uint64_t v, char *buf, size_t len) {
  if (v == RLIM_INFINITY) return "unlimited";
  snprintf(buf, len, "%llu", (unsigned long long)v);
  return buf;
}

int apply_rlimits(const struct spec *s, char *err, size_t errlen) {
  for (size_t i = 0; i < s->nrlimits; i++) {
    const struct rlimit_spec *r = &s->rlimits[i];
    struct rlimit want = {r->soft, r->hard}, have;
    if (setrlimit(r->resource, &want) == 0) continue;
    int e = errno;
    char a[24], b[24], c[24];
    getrlimit(r->resource, &have);
    if (e == EPERM && r->hard > have.rlim_max) {
      snprintf(err, errlen,
               "setrlimit RLIMIT_%s soft=%s hard=%s: the hard limit is above berthd's own hard limit %s and raising"
               " it needs CAP_SYS_RESOURCE, which berthd lacks here (give a hard limit of at most %s)",
               r->name, limit_text(r->soft, a, sizeof a), limit_text(r->hard, b, sizeof b),
               limit_text(have.rlim_max, c, sizeof c), c);
    } else {
      snprintf(err, errlen, "setrlimit RLIMIT_%s soft=%s hard=%s: %s", r->name, limit_text(r->soft, a, sizeof a),
               limit_text(r->hard, b, sizeof b), strerror(e));
    }
    return -1;
  }
  return 0;
}

int seccomp_read(struct spec *s, char *err, size_t errlen) {
  if (!s->seccomp) return 0;
  int fd = open(s->seccomp, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0) {
    snprintf(err, errlen, "open the seccomp filter %s: %s", s->seccomp, strerror(errno));
    return -1;
  }
  size_t size = (size_t)st.st_size;
  if (size == 0 || size % sizeof(struct sock_filter) || size / sizeof(struct sock_filter) > BPF_MAXINSNS) {
    snprintf(err, errlen, "seccomp filter %s: %zu bytes is not 1 to %d struct sock_filter of %zu bytes", s->seccomp,
             size, BPF_MAXINSNS, sizeof(struct sock_filter));
    close(fd);
    return -1;
  }
  s->seccomp_filter = malloc(size);
  if (!s->seccomp_filter || read(fd, s->seccomp_filter, size) != (ssize_t)size) {
    snprintf(err, errlen, "read the seccomp filter %s: %s", s->seccomp, strerror(errno));
    close(fd);
    return -1;
  }
  close(fd);
  s->seccomp_len = (unsigned short)(size / sizeof(struct sock_filter));
  return 0;
}

int seccomp_load(const struct spec *s, char *err, size_t errlen) {
  struct sock_fprog prog = {.len = s->seccomp_len, .filter = s->seccomp_filter};
  if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0) return 0;
  snprintf(err, errlen, "seccomp SECCOMP_SET_MODE_FILTER %s: %s%s", s->seccomp, strerror(errno),
           errno == EINVAL ? " (the kernel rejected the BPF program)" : "");
  return -1;
}

static int last_cap(void) {
  int fd = open("/proc/sys/kernel/cap_last_cap", O_RDONLY | O_CLOEXEC);
  char buf[16] = {0};
  int n = fd >= 0 ? (int)read(fd, buf, sizeof buf - 1) : -1;
  if (fd >= 0) close(fd);
  return n > 0 ? atoi(buf) : CAP_LAST_CAP;
}

/* runc's finalizeNamespace: bounding set, keep caps across setuid, ids, capset, ambient. */
int apply_user_and_caps(const struct spec *s, char *err, size_t errlen) {
  int last = last_cap();
  for (int c = 0; c <= last; c++) {
    if (s->caps[CAP_BOUNDING] & (1ULL << c)) continue;
    if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) < 0 && errno != EINVAL) {
      snprintf(err, errlen, "prctl PR_CAPBSET_DROP %d: %s", c, strerror(errno));
      return -1;
    }
  }
  if (prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) < 0) {
    snprintf(err, errlen, "prctl PR_SET_KEEPCAPS: %s", strerror(errno));
    return -1;
  }
  if (setgroups(s->ngroups, s->groups) < 0) {
    snprintf(err, errlen, "setgroups (%zu groups): %s", s->ngroups, strerror(errno));
    return -1;
  }
  if (setresgid(s->gid, s->gid, s->gid) < 0) {
    snprintf(err, errlen, "setresgid %u: %s", s->gid, strerror(errno));
    return -1;
  }
  if (setresuid(s->uid, s->uid, s->uid) < 0) {
    snprintf(err, errlen, "setresuid %u: %s", s->uid, strerror(errno));
    return -1;
  }
  prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
  struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
  struct __user_cap_data_struct data[2];
  for (int i = 0; i < 2; i++) {
    data[i].effective = (uint32_t)(s->caps[CAP_EFFECTIVE] >> (32 * i));
    data[i].permitted = (uint32_t)(s->caps[CAP_PERMITTED] >> (32 * i));
    data[i].inheritable = (uint32_t)(s->caps[CAP_INHERITABLE] >> (32 * i));
  }
  if (syscall(SYS_capset, &hdr, data) < 0) {
    snprintf(err, errlen, "capset: %s (effective and inheritable must be within permitted and bounding)",
             strerror(errno));
    return -1;
  }
  if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) < 0 && errno != EINVAL) {
    snprintf(err, errlen, "prctl PR_CAP_AMBIENT_CLEAR_ALL: %s", strerror(errno));
    return -1;
  }
  for (int c = 0; c <= last; c++) {
    if (!(s->caps[CAP_AMBIENT] & (1ULL << c))) continue;
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_RAISE, c, 0, 0) < 0) {
      snprintf(err, errlen, "prctl PR_CAP_AMBIENT_RAISE %d: %s (ambient needs the cap permitted and inheritable)",
               c, strerror(errno));
      return -1;
    }
  }
  return 0;
}
