/*
 * The bundle spec: BUNDLE_DIR/spec, written by Java (dev.berth.engine.runtime.shim.ShimSpec).
 *
 * One directive per line: KEY<TAB>ARG<TAB>ARG...  Inside an argument, a backslash escapes:
 * "\t" tab, "\n" newline, "\\" backslash (nothing else). Empty lines are ignored; an unknown
 * key is an error (the two sides must agree). Repeatable directives are marked (*).
 *
 *   rootfs      DIR                 where the root filesystem is mounted, inside the container's
 *                                   own mount namespace (never in the host's mount table)
 *   lower       DIR            (*)  overlay lower layer, top layer first; without any `lower`,
 *                                   DIR of `rootfs` is used as it is (bind-mounted onto itself)
 *   upper       DIR                 overlay upper (writable) dir
 *   work        DIR                 overlay work dir (same filesystem as upper)
 *   readonly-rootfs                 mount the root filesystem read-only
 *   hostname    NAME
 *   arg         ARG            (*)  the command and its arguments, in order (at least one)
 *   env         NAME=VALUE     (*)  the command's whole environment; PATH from here finds arg 0
 *   cwd         DIR                 working directory (created if missing); default /
 *   user        UID  GID
 *   groups      GID...              supplementary groups (none: no line, or a line with no GIDs)
 *   caps        SET  CAP...         SET is effective|permitted|inheritable|bounding|ambient;
 *                                   CAP names like CAP_CHOWN or chown; a set without a line is empty
 *   no-new-privs                    set PR_SET_NO_NEW_PRIVS
 *   seccomp     FILE                raw struct sock_filter array (8 bytes each, host byte order),
 *                                   loaded last before exec (before the capability drop when
 *                                   no-new-privs is off, since loading then needs CAP_SYS_ADMIN)
 *   rlimit      NAME SOFT HARD (*)  NAME like RLIMIT_NOFILE or nofile; values decimal or
 *                                   `unlimited`; raising a hard limit without CAP_SYS_RESOURCE fails
 *   masked      PATH           (*)  container path hidden: a file gets /dev/null over it, a dir
 *                                   a read-only empty tmpfs; missing paths are skipped
 *   readonly    PATH           (*)  container path bind-mounted read-only onto itself; missing: skipped
 *   sysctl      KEY  VALUE     (*)  written to /proc/sys/KEY (dots as slashes) in the container's namespaces
 *   bind        SRC  DST  ro|rw (*) host file or dir SRC mounted at container path DST (created)
 *   tmpfs       DST  OPTIONS   (*)  a tmpfs at container path DST with mount data OPTIONS (may be empty)
 *   shm-size    BYTES               size of /dev/shm (default 64 MiB, as Docker)
 *   cgroup      PROCS_FILE     (*)  a cgroup.procs file the container's PID 1 is written to before
 *                                   it may run (one per v1 hierarchy, or one for v2)
 *   net         none|host|PATH      none: a new empty network namespace; host: the shim's;
 *                                   PATH: join that namespace (e.g. /run/netns/x or /proc/PID/ns/net)
 *   init                            PID 1 is the shim's init: it runs the command as PID 2,
 *                                   reaps zombies and forwards signals
 *   log         FILE                stdout/stderr as JSON lines (Docker's json-file format)
 *   exit        FILE                written atomically when the container has exited:
 *                                   {"exitCode":N,"signal":S,"finishedAt":"RFC3339Nano"[,"error":"..."]}
 *   pid         FILE                the container PID 1's host PID, written once it may run
 *   shim-pid    FILE                the monitor's own PID (useful with -d)
 *
 * Interactive (see attach.c for the socket protocols):
 *   stdin                           the container's stdin is a pipe the monitor writes (attached
 *                                   clients' bytes), not /dev/null
 *   stdin-once                      when an attached client shuts down its write side, the
 *                                   container's stdin is closed (EOF), as `docker run -i`; no
 *                                   effect with tty (a raw terminal sends its own ^D)
 *   tty                             the container gets a pseudo-terminal of its own devpts instance
 *                                   (/dev/pts/0 inside) as stdin/stdout/stderr and controlling tty;
 *                                   the monitor holds the master; output is logged as "stdout"
 *   attach      PATH                the monitor listens on a unix stream socket at PATH (mode 0600):
 *                                   every client gets all output (framed without tty, raw with it)
 *                                   and its bytes go to stdin (with stdin or tty)
 *   control     PATH                a unix stream socket (mode 0600) taking lines
 *                                   "resize ROWS COLS\n" (TIOCSWINSZ on the tty's master)
 *   attach-wait MILLIS              with attach: the container is set up, then held before exec
 *                                   (before seccomp and the capability drop) until the first client
 *                                   connects or MILLIS have passed; -d answers 0 once the sockets
 *                                   listen and the container is held
 *
 * berth-shim exec BUNDLE_DIR reads the same format (see exec.c): `target-pid PID` instead of
 * rootfs, and arg, env, cwd, user, groups, caps, no-new-privs, seccomp, rlimit, cgroup, tty, exit.
 *   target-pid  PID                 the container's PID 1 on the host: its namespaces are joined
 */
#include "shim.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mount.h>
#include <sys/resource.h>

static const char *const cap_names[] = {
    "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID",
    "SETPCAP", "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW",
    "IPC_LOCK", "IPC_OWNER", "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT",
    "SYS_ADMIN", "SYS_BOOT", "SYS_NICE", "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD",
    "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP", "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG",
    "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF", "CHECKPOINT_RESTORE",
};

int cap_by_name(const char *name) {
  if (strncasecmp(name, "CAP_", 4) == 0) name += 4;
  for (size_t i = 0; i < sizeof cap_names / sizeof *cap_names; i++)
    if (strcasecmp(name, cap_names[i]) == 0) return (int)i;
  return -1;
}

static const struct {
  const char *name;
  int resource;
} rlimit_names[] = {
    {"CPU", RLIMIT_CPU},         {"FSIZE", RLIMIT_FSIZE},     {"DATA", RLIMIT_DATA},
    {"STACK", RLIMIT_STACK},     {"CORE", RLIMIT_CORE},       {"RSS", RLIMIT_RSS},
    {"NPROC", RLIMIT_NPROC},     {"NOFILE", RLIMIT_NOFILE},   {"MEMLOCK", RLIMIT_MEMLOCK},
    {"AS", RLIMIT_AS},           {"LOCKS", RLIMIT_LOCKS},     {"SIGPENDING", RLIMIT_SIGPENDING},
    {"MSGQUEUE", RLIMIT_MSGQUEUE}, {"NICE", RLIMIT_NICE},     {"RTPRIO", RLIMIT_RTPRIO},
    {"RTTIME", RLIMIT_RTTIME},
};

/* Unescapes in place; returns -1 on a bad escape. */
static int unescape(char *s) {
  char *w = s;
  for (char *r = s; *r; r++) {
    if (*r != '\\') {
      *w++ = *r;
      continue;
    }
    r++;
    if (*r == 't') *w++ = '\t';
    else if (*r == 'n') *w++ = '\n';
    else if (*r == '\\') *w++ = '\\';
    else return -1;
  }
  *w = 0;
  return 0;
}

static void *grow(void *p, size_t n, size_t size) {
  void *q = realloc(p, n * size);
  if (!q) {
    fprintf(stderr, "berth-shim: out of memory reading the spec\n");
    exit(EXIT_SETUP);
  }
  return q;
}

static void push(struct strlist *l, char *v) {
  l->v = grow(l->v, l->n + 2, sizeof *l->v);
  l->v[l->n++] = v;
  l->v[l->n] = NULL;
}

static int parse_u64(const char *s, uint64_t *out) {
  if (strcmp(s, "unlimited") == 0 || strcmp(s, "-1") == 0) {
    *out = RLIM_INFINITY;
    return 0;
  }
  char *end;
  errno = 0;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno || end == s || *end || *s == '-') return -1;
  *out = v;
  return 0;
}

static int parse_id(const char *s, unsigned *out) {
  uint64_t v;
  if (parse_u64(s, &v) || v > 0xfffffffeULL) return -1;
  *out = (unsigned)v;
  return 0;
}

#define BAD(...) do { snprintf(err, errlen, __VA_ARGS__); goto fail; } while (0)

int spec_read(const char *path, struct spec *s, int exec, char *err, size_t errlen) {
  memset(s, 0, sizeof *s);
  s->shm_size = 64ULL << 20;
  FILE *f = fopen(path, "re");
  if (!f) {
    snprintf(err, errlen, "open %s: %s", path, strerror(errno));
    return -1;
  }
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int lineno = 0;
  while ((len = getline(&line, &cap, f)) >= 0) {
    lineno++;
    if (len > 0 && line[len - 1] == '\n') line[--len] = 0;
    if (len == 0) continue;
    char *a[64];
    int n = 0;
    for (char *p = line, *tok; (tok = strsep(&p, "\t"));) {
      if (n == 64) BAD("%s:%d: more than 63 arguments", path, lineno);
      if (unescape(tok)) BAD("%s:%d: bad escape (only \\t \\n \\\\)", path, lineno);
      a[n++] = strdup(tok);
    }
    const char *k = a[0];
    int args = n - 1;
#define NEED(c) do { if (args != (c)) BAD("%s:%d: %s takes %d argument(s), got %d", path, lineno, k, c, args); } while (0)
    if (!strcmp(k, "rootfs")) { NEED(1); s->rootfs = a[1]; }
    else if (!strcmp(k, "lower")) { NEED(1); push(&s->lower, a[1]); }
    else if (!strcmp(k, "upper")) { NEED(1); s->upper = a[1]; }
    else if (!strcmp(k, "work")) { NEED(1); s->work = a[1]; }
    else if (!strcmp(k, "readonly-rootfs")) { NEED(0); s->readonly_rootfs = 1; }
    else if (!strcmp(k, "hostname")) { NEED(1); s->hostname = a[1]; }
    else if (!strcmp(k, "arg")) { NEED(1); push(&s->args, a[1]); }
    else if (!strcmp(k, "env")) { NEED(1); push(&s->env, a[1]); }
    else if (!strcmp(k, "cwd")) { NEED(1); s->cwd = a[1]; }
    else if (!strcmp(k, "user")) {
      NEED(2);
      if (parse_id(a[1], &s->uid) || parse_id(a[2], &s->gid)) BAD("%s:%d: bad uid/gid", path, lineno);
    } else if (!strcmp(k, "groups")) {
      s->groups = grow(s->groups, (size_t)args + 1, sizeof *s->groups);
      for (int i = 1; i < n; i++)
        if (parse_id(a[i], &s->groups[i - 1])) BAD("%s:%d: bad gid '%s'", path, lineno, a[i]);
      s->ngroups = (size_t)args;
    } else if (!strcmp(k, "caps")) {
      if (args < 1) BAD("%s:%d: caps needs a set name", path, lineno);
      static const char *const sets[] = {"effective", "permitted", "inheritable", "bounding", "ambient"};
      int set = -1;
      for (int i = 0; i < CAP_SETS; i++)
        if (!strcmp(a[1], sets[i])) set = i;
      if (set < 0) BAD("%s:%d: unknown capability set '%s'", path, lineno, a[1]);
      s->has_caps[set] = 1;
      for (int i = 2; i < n; i++) {
        int c = cap_by_name(a[i]);
        if (c < 0) BAD("%s:%d: unknown capability '%s'", path, lineno, a[i]);
        s->caps[set] |= 1ULL << c;
      }
    } else if (!strcmp(k, "no-new-privs")) { NEED(0); s->no_new_privs = 1; }
    else if (!strcmp(k, "seccomp")) { NEED(1); s->seccomp = a[1]; }
    else if (!strcmp(k, "rlimit")) {
      NEED(3);
      const char *name = a[1];
      if (!strncasecmp(name, "RLIMIT_", 7)) name += 7;
      int res = -1;
      for (size_t i = 0; i < sizeof rlimit_names / sizeof *rlimit_names; i++)
        if (!strcasecmp(name, rlimit_names[i].name)) res = (int)i;
      if (res < 0) BAD("%s:%d: unknown rlimit '%s'", path, lineno, a[1]);
      s->rlimits = grow(s->rlimits, s->nrlimits + 1, sizeof *s->rlimits);
      struct rlimit_spec *r = &s->rlimits[s->nrlimits++];
      r->resource = rlimit_names[res].resource;
      r->name = rlimit_names[res].name;
      if (parse_u64(a[2], &r->soft) || parse_u64(a[3], &r->hard)) BAD("%s:%d: bad rlimit value", path, lineno);
      if (r->soft > r->hard) BAD("%s:%d: rlimit %s: soft limit above the hard limit", path, lineno, a[1]);
    } else if (!strcmp(k, "masked")) { NEED(1); push(&s->masked, a[1]); }
    else if (!strcmp(k, "readonly")) { NEED(1); push(&s->readonly, a[1]); }
    else if (!strcmp(k, "sysctl")) {
      NEED(2);
      if (strchr(a[1], '/') || strstr(a[1], "..")) BAD("%s:%d: bad sysctl name '%s'", path, lineno, a[1]);
      push(&s->sysctl_keys, a[1]);
      push(&s->sysctl_values, a[2]);
    }
    else if (!strcmp(k, "bind")) {
      if (n != 4 && n != 5) BAD("%s:%d: bind takes SRC DST ro|rw [PROPAGATION]", path, lineno);
      if (strcmp(a[3], "ro") && strcmp(a[3], "rw")) BAD("%s:%d: bind mode must be ro or rw", path, lineno);
      unsigned long prop = 0;
      if (n == 5) {
        static const struct { const char *name; unsigned long flags; } modes[] = {
          {"private", MS_PRIVATE}, {"rprivate", MS_PRIVATE | MS_REC}, {"shared", MS_SHARED},
          {"rshared", MS_SHARED | MS_REC}, {"slave", MS_SLAVE}, {"rslave", MS_SLAVE | MS_REC}};
        for (size_t i = 0; i < sizeof modes / sizeof *modes; i++)
          if (!strcmp(a[4], modes[i].name)) prop = modes[i].flags;
        if (!prop) BAD("%s:%d: unknown propagation '%s'", path, lineno, a[4]);
      }
      s->mounts = grow(s->mounts, s->nmounts + 1, sizeof *s->mounts);
      s->mounts[s->nmounts++] = (struct user_mount){a[1], a[2], NULL, !strcmp(a[3], "ro"), prop};
    } else if (!strcmp(k, "tmpfs")) {
      NEED(2);
      s->mounts = grow(s->mounts, s->nmounts + 1, sizeof *s->mounts);
      s->mounts[s->nmounts++] = (struct user_mount){NULL, a[1], a[2], 0, 0};
    } else if (!strcmp(k, "shm-size")) {
      NEED(1);
      if (parse_u64(a[1], &s->shm_size) || s->shm_size == 0) BAD("%s:%d: bad shm-size", path, lineno);
    } else if (!strcmp(k, "cgroup")) { NEED(1); push(&s->cgroups, a[1]); }
    else if (!strcmp(k, "net")) { NEED(1); s->net = a[1]; }
    else if (!strcmp(k, "init")) { NEED(0); s->init = 1; }
    else if (!strcmp(k, "log")) { NEED(1); s->log = a[1]; }
    else if (!strcmp(k, "exit")) { NEED(1); s->exit_file = a[1]; }
    else if (!strcmp(k, "pid")) { NEED(1); s->pid_file = a[1]; }
    else if (!strcmp(k, "shim-pid")) { NEED(1); s->shim_pid_file = a[1]; }
    else if (!strcmp(k, "stdin")) { NEED(0); s->open_stdin = 1; }
    else if (!strcmp(k, "stdin-once")) { NEED(0); s->stdin_once = 1; }
    else if (!strcmp(k, "tty")) { NEED(0); s->tty = 1; }
    else if (!strcmp(k, "attach")) { NEED(1); s->attach = a[1]; }
    else if (!strcmp(k, "control")) { NEED(1); s->control = a[1]; }
    else if (!strcmp(k, "attach-wait")) {
      NEED(1);
      uint64_t v;
      if (parse_u64(a[1], &v) || v == 0 || v > 86400000ULL) BAD("%s:%d: attach-wait takes 1 to 86400000 milliseconds", path, lineno);
      s->attach_wait_ms = (long)v;
    } else if (!strcmp(k, "target-pid")) {
      NEED(1);
      unsigned v;
      if (parse_id(a[1], &v) || v < 2 || v > 0x3fffffff) BAD("%s:%d: bad target-pid '%s'", path, lineno, a[1]);
      s->target_pid = (pid_t)v;
    }
    else BAD("%s:%d: unknown directive '%s'", path, lineno, k);
#undef NEED
  }
  free(line);
  fclose(f);
  if (exec && !s->target_pid) { snprintf(err, errlen, "%s: no target-pid directive (whose namespaces to join)", path); return -1; }
  if (!exec && !s->rootfs) { snprintf(err, errlen, "%s: no rootfs directive", path); return -1; }
  if (s->attach_wait_ms && !s->attach) { snprintf(err, errlen, "%s: attach-wait needs an attach socket", path); return -1; }
  if (s->lower.n && (!s->upper || !s->work)) { snprintf(err, errlen, "%s: an overlay needs upper and work", path); return -1; }
  if (!s->args.n) { snprintf(err, errlen, "%s: no arg directive (nothing to run)", path); return -1; }
  if (!s->net) s->net = "host";
  return 0;
fail:
  free(line);
  fclose(f);
  return -1;
}
