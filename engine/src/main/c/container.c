/*
 * The container side, from clone to exec, in runc's and crun's order (BRIEF 1.1, 1.2, 9.5):
 * wait for the monitor (cgroups joined) → cgroupns → netns → private propagation → rootfs →
 * /proc /sys /dev /dev/pts /dev/shm /dev/mqueue → tmpfs and bind mounts → pivot_root →
 * read-only rootfs → cwd → readonly then masked paths → hostname → rlimits → seccomp (without
 * no_new_privs) → bounding set, ids, capset, ambient → no_new_privs → seccomp (with it) → exec.
 */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/close_range.h>
#include <linux/openat2.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

void fail(int errfd, int code, const char *fmt, ...) {
  char msg[2048];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(msg + sizeof(int), sizeof msg - sizeof(int), fmt, ap);
  va_end(ap);
  if (n < 0) n = 0;
  if ((size_t)n > sizeof msg - sizeof(int) - 1) n = (int)(sizeof msg - sizeof(int) - 1);
  memcpy(msg, &code, sizeof code);
  if (write(errfd, msg, sizeof(int) + (size_t)n) < 0) { /* the monitor is gone: nobody to tell */ }
  _exit(code);
}

#define FAIL(...) fail(errfd, EXIT_SETUP, __VA_ARGS__)

static int openat2_in_root(int rootfd, const char *path) {
  struct open_how how = {.flags = O_PATH | O_CLOEXEC, .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS};
  return (int)syscall(SYS_openat2, rootfd, path, &how, sizeof how);
}

/*
 * Opens a path of the container (O_PATH), resolving every symlink inside the rootfs so an image
 * cannot point a mount at the host; creates it (and its parents) as a dir or an empty file.
 */
static int open_in_root(int rootfd, const char *path, int create_file, int errfd) {
  int fd = openat2_in_root(rootfd, path);
  if (fd >= 0 || errno != ENOENT) {
    if (fd < 0) FAIL("open %s in the rootfs: %s", path, strerror(errno));
    return fd;
  }
  char parent[PATH_MAX];
  snprintf(parent, sizeof parent, "%s", path);
  size_t n = strlen(parent);
  while (n > 1 && parent[n - 1] == '/') parent[--n] = 0;
  char *slash = strrchr(parent, '/');
  const char *base = slash ? slash + 1 : parent;
  char base_copy[NAME_MAX + 1];
  snprintf(base_copy, sizeof base_copy, "%s", base);
  if (slash == parent) parent[1] = 0;
  else if (slash) *slash = 0;
  else snprintf(parent, sizeof parent, "/");
  int pfd = open_in_root(rootfd, parent, 0, errfd);
  if (create_file) {
    int f = openat(pfd, base_copy, O_CREAT | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (f < 0 && errno != EEXIST) FAIL("create %s in the rootfs: %s", path, strerror(errno));
    if (f >= 0) close(f);
  } else if (mkdirat(pfd, base_copy, 0755) < 0 && errno != EEXIST) {
    FAIL("mkdir %s in the rootfs: %s", path, strerror(errno));
  }
  close(pfd);
  fd = openat2_in_root(rootfd, path);
  if (fd < 0) FAIL("open %s in the rootfs: %s", path, strerror(errno));
  return fd;
}

/* Mounts onto a container path found by open_in_root, through its /proc/self/fd link. */
static void mount_in_root(int rootfd, const char *target, int is_file, const char *src, const char *type,
                          unsigned long flags, const char *data, int errfd) {
  int fd = open_in_root(rootfd, target, is_file, errfd);
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
  if (mount(src, proc, type, flags, data) < 0)
    FAIL("mount %s (%s) on %s: %s", src ? src : "", type ? type : "bind", target, strerror(errno));
  close(fd);
  if ((flags & MS_BIND) && (flags & MS_RDONLY)) {
    /* a bind ignores MS_RDONLY: remount the new mount, which only a fresh open reaches */
    fd = open_in_root(rootfd, target, is_file, errfd);
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    if (mount(NULL, proc, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | (flags & (MS_NOSUID | MS_NODEV | MS_NOEXEC)), NULL) < 0)
      FAIL("remount %s read-only: %s", target, strerror(errno));
    close(fd);
  }
}

/* Appends s; with escape, as overlayfs wants: it splits options at ',' and lowerdir at ':' unless a '\\' escapes them. */
static void append(char *buf, size_t len, size_t *at, const char *s, int escape) {
  for (; *s && *at + 2 < len; s++) {
    if (escape && (*s == '\\' || *s == ',' || *s == ':')) buf[(*at)++] = '\\';
    buf[(*at)++] = *s;
  }
  buf[*at] = 0;
}

static void mount_rootfs(const struct spec *s, int errfd) {
  if (!s->lower.n) {
    if (mount(s->rootfs, s->rootfs, NULL, MS_BIND | MS_REC, NULL) < 0)
      FAIL("bind-mount the rootfs %s onto itself: %s", s->rootfs, strerror(errno));
    return;
  }
  char opts[4096];
  size_t at = 0;
  append(opts, sizeof opts, &at, "lowerdir=", 0);
  for (size_t i = 0; i < s->lower.n; i++) {
    if (i) append(opts, sizeof opts, &at, ":", 0);
    append(opts, sizeof opts, &at, s->lower.v[i], 1);
  }
  append(opts, sizeof opts, &at, ",upperdir=", 0);
  append(opts, sizeof opts, &at, s->upper, 1);
  append(opts, sizeof opts, &at, ",workdir=", 0);
  append(opts, sizeof opts, &at, s->work, 1);
  if (at + 2 >= sizeof opts)
    FAIL("mount the overlay rootfs at %s: %zu layers make the options longer than a page (squash the image)",
         s->rootfs, s->lower.n);
  if (mount("overlay", s->rootfs, "overlay", 0, opts) < 0)
    FAIL("mount overlay on %s: %s (check `dmesg | grep overlay`; upper and work must share a filesystem)",
         s->rootfs, strerror(errno));
}

static void make_devices(int rootfd, int errfd) {
  static const struct { const char *name; unsigned major, minor; } devs[] = {
      {"null", 1, 3}, {"zero", 1, 5}, {"full", 1, 7}, {"random", 1, 8}, {"urandom", 1, 9}, {"tty", 5, 0}};
  static const struct { const char *target, *name; } links[] = {
      {"pts/ptmx", "ptmx"}, {"/proc/self/fd", "fd"}, {"/proc/self/fd/0", "stdin"},
      {"/proc/self/fd/1", "stdout"}, {"/proc/self/fd/2", "stderr"}, {"/proc/kcore", "core"}};
  int dev = open_in_root(rootfd, "/dev", 0, errfd);
  char proc[64];
  snprintf(proc, sizeof proc, "/proc/self/fd/%d", dev);
  int dfd = open(proc, O_DIRECTORY | O_RDONLY | O_CLOEXEC);
  if (dfd < 0) FAIL("open /dev of the container: %s", strerror(errno));
  for (size_t i = 0; i < sizeof devs / sizeof *devs; i++) {
    if (mknodat(dfd, devs[i].name, S_IFCHR | 0666, makedev(devs[i].major, devs[i].minor)) < 0)
      FAIL("mknod /dev/%s: %s", devs[i].name, strerror(errno));
    if (fchmodat(dfd, devs[i].name, 0666, 0) < 0) FAIL("chmod /dev/%s: %s", devs[i].name, strerror(errno));
  }
  for (size_t i = 0; i < sizeof links / sizeof *links; i++)
    if (symlinkat(links[i].target, dfd, links[i].name) < 0) FAIL("symlink /dev/%s: %s", links[i].name, strerror(errno));
  close(dfd);
  close(dev);
}

/*
 * A tmpfs: the generic flags among its options (ro, noexec, nosuid, nodev and their opposites) become
 * mount flags, the rest (size, mode, uid, gid, nr_inodes) is the tmpfs's own data.
 */
static void mount_tmpfs(int rootfd, const struct user_mount *m, int errfd) {
  unsigned long flags = MS_NOSUID | MS_NODEV;
  char data[1024] = "";
  size_t at = 0;
  const char *p = m->options ? m->options : "";
  while (*p) {
    const char *end = strchr(p, ',');
    size_t len = end ? (size_t)(end - p) : strlen(p);
    char opt[256];
    if (len >= sizeof opt) FAIL("tmpfs %s: option too long", m->target);
    memcpy(opt, p, len);
    opt[len] = 0;
    if (!strcmp(opt, "ro")) flags |= MS_RDONLY;
    else if (!strcmp(opt, "rw")) flags &= ~MS_RDONLY;
    else if (!strcmp(opt, "noexec")) flags |= MS_NOEXEC;
    else if (!strcmp(opt, "exec")) flags &= ~MS_NOEXEC;
    else if (!strcmp(opt, "nosuid")) flags |= MS_NOSUID;
    else if (!strcmp(opt, "suid")) flags &= ~MS_NOSUID;
    else if (!strcmp(opt, "nodev")) flags |= MS_NODEV;
    else if (!strcmp(opt, "dev")) flags &= ~MS_NODEV;
    else if (len) {
      if (at + len + 2 > sizeof data) FAIL("tmpfs %s: options too long", m->target);
      if (at) data[at++] = ',';
      memcpy(data + at, opt, len);
      at += len;
      data[at] = 0;
    }
    p += len + (end ? 1 : 0);
  }
  mount_in_root(rootfd, m->target, 0, "tmpfs", "tmpfs", flags, data, errfd);
}

static void mount_filesystems(const struct spec *s, int rootfd, int errfd) {
  const unsigned long nse = MS_NOSUID | MS_NODEV | MS_NOEXEC;
  mount_in_root(rootfd, "/proc", 0, "proc", "proc", nse, NULL, errfd);
  mount_in_root(rootfd, "/sys", 0, "sysfs", "sysfs", nse | MS_RDONLY, NULL, errfd);
  mount_in_root(rootfd, "/dev", 0, "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME, "mode=755,size=65536k", errfd);
  make_devices(rootfd, errfd);
  mount_in_root(rootfd, "/dev/pts", 0, "devpts", "devpts", MS_NOSUID | MS_NOEXEC,
                "newinstance,ptmxmode=0666,mode=0620,gid=5", errfd);
  char shm[64];
  snprintf(shm, sizeof shm, "mode=1777,size=%llu", (unsigned long long)s->shm_size);
  mount_in_root(rootfd, "/dev/shm", 0, "shm", "tmpfs", nse, shm, errfd);
  mount_in_root(rootfd, "/dev/mqueue", 0, "mqueue", "mqueue", nse, NULL, errfd);
  for (size_t i = 0; i < s->nmounts; i++) {
    const struct user_mount *m = &s->mounts[i];
    if (!m->source) {
      mount_tmpfs(rootfd, m, errfd);
      continue;
    }
    struct stat st;
    if (stat(m->source, &st) < 0) FAIL("bind mount source %s: %s", m->source, strerror(errno));
    mount_in_root(rootfd, m->target, !S_ISDIR(st.st_mode), m->source, NULL,
                  MS_BIND | MS_REC | (m->readonly ? MS_RDONLY : 0), NULL, errfd);
    if (m->propagation) {
      int fd = open_in_root(rootfd, m->target, !S_ISDIR(st.st_mode), errfd);
      char proc[64];
      snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
      if (mount(NULL, proc, NULL, m->propagation, NULL) < 0)
        FAIL("set the propagation of %s: %s", m->target, strerror(errno));
      close(fd);
    }
  }
}

static void pivot(const struct spec *s, int errfd) {
  if (chdir(s->rootfs) < 0) FAIL("chdir %s: %s", s->rootfs, strerror(errno));
  /* pivot_root(".", ".") stacks the old root on the new one; detaching "." then drops it (pivot_root(2)) */
  if (syscall(SYS_pivot_root, ".", ".") < 0) FAIL("pivot_root %s: %s", s->rootfs, strerror(errno));
  if (umount2(".", MNT_DETACH) < 0) FAIL("detach the old root: %s", strerror(errno));
  if (chdir("/") < 0) FAIL("chdir /: %s", strerror(errno));
  if (s->readonly_rootfs && mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY, NULL) < 0)
    FAIL("remount the rootfs read-only: %s", strerror(errno));
}

static unsigned long mount_flags_of(const char *path) {
  struct statvfs v;
  unsigned long f = 0;
  if (statvfs(path, &v) < 0) return 0;
  if (v.f_flag & ST_NOSUID) f |= MS_NOSUID;
  if (v.f_flag & ST_NODEV) f |= MS_NODEV;
  if (v.f_flag & ST_NOEXEC) f |= MS_NOEXEC;
  if (v.f_flag & ST_NOATIME) f |= MS_NOATIME;
  if (v.f_flag & ST_NODIRATIME) f |= MS_NODIRATIME;
  if (v.f_flag & ST_RELATIME) f |= MS_RELATIME;
  return f;
}

static void protect_paths(const struct spec *s, int errfd) {
  for (size_t i = 0; i < s->readonly.n; i++) {
    const char *p = s->readonly.v[i];
    if (mount(p, p, NULL, MS_BIND | MS_REC, NULL) < 0) {
      if (errno == ENOENT) continue;
      FAIL("bind %s onto itself (readonly path): %s", p, strerror(errno));
    }
    if (mount(NULL, p, NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | mount_flags_of(p), NULL) < 0)
      FAIL("remount %s read-only: %s", p, strerror(errno));
  }
  for (size_t i = 0; i < s->masked.n; i++) {
    const char *p = s->masked.v[i];
    struct stat st;
    if (stat(p, &st) < 0) {
      if (errno == ENOENT) continue;
      FAIL("stat %s (masked path): %s", p, strerror(errno));
    }
    int r = S_ISDIR(st.st_mode) ? mount("tmpfs", p, "tmpfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, "nr_blocks=1,nr_inodes=1")
                                : mount("/dev/null", p, NULL, MS_BIND, NULL);
    if (r < 0) FAIL("mask %s: %s", p, strerror(errno));
  }
}

/* Namespaced kernel parameters (--sysctl), written in the container's own namespaces before /proc/sys turns read-only. */
static void apply_sysctls(const struct spec *s, int errfd) {
  for (size_t i = 0; i < s->sysctl_keys.n; i++) {
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "/proc/sys/%s", s->sysctl_keys.v[i]);
    if (n < 0 || (size_t)n >= sizeof path) FAIL("sysctl %s: name too long", s->sysctl_keys.v[i]);
    for (char *c = path + strlen("/proc/sys/"); *c; c++)
      if (*c == '.') *c = '/';
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) FAIL("sysctl %s: open %s: %s", s->sysctl_keys.v[i], path, strerror(errno));
    const char *v = s->sysctl_values.v[i];
    if (write(fd, v, strlen(v)) != (ssize_t)strlen(v)) FAIL("sysctl %s=%s: %s", s->sysctl_keys.v[i], v, strerror(errno));
    close(fd);
  }
}

static void make_cwd(const struct spec *s, int errfd) {
  if (!s->cwd) return;
  char p[PATH_MAX];
  snprintf(p, sizeof p, "%s", s->cwd);
  for (char *c = p + 1;; c++) {
    if (*c == '/' || !*c) {
      char saved = *c;
      *c = 0;
      if (mkdir(p, 0755) < 0 && errno != EEXIST) FAIL("mkdir the working directory %s: %s", p, strerror(errno));
      *c = saved;
      if (!saved) break;
    }
  }
}

static void loopback_up(int errfd) {
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  struct ifreq ifr = {0};
  snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "lo");
  if (fd < 0 || ioctl(fd, SIOCGIFFLAGS, &ifr) < 0) FAIL("read the flags of lo: %s", strerror(errno));
  ifr.ifr_flags |= IFF_UP;
  if (ioctl(fd, SIOCSIFFLAGS, &ifr) < 0) FAIL("bring lo up: %s", strerror(errno));
  close(fd);
}

const char *find_executable(const struct spec *s, char *buf, size_t len, int errfd) {
  const char *name = s->args.v[0];
  if (strchr(name, '/')) return name;
  const char *path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  for (size_t i = 0; i < s->env.n; i++)
    if (!strncmp(s->env.v[i], "PATH=", 5)) path = s->env.v[i] + 5;
  int denied = 0;
  for (const char *p = path;; p = strchr(p, ':') + 1) {
    size_t n = strcspn(p, ":");
    snprintf(buf, len, "%.*s%s%s", (int)n, n ? p : ".", "/", name);
    struct stat st;
    if (stat(buf, &st) == 0 && S_ISREG(st.st_mode)) {
      if (access(buf, X_OK) == 0) return buf;
      denied = 1;
    }
    if (!p[n]) break;
  }
  if (denied) fail(errfd, EXIT_CANNOT_EXEC, "exec: \"%s\": permission denied", name);
  fail(errfd, EXIT_NOT_FOUND, "exec: \"%s\": executable file not found in $PATH", name);
}

void exec_command(const struct spec *s, const char *path, int errfd) {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, NULL);
  umask(022);
  execve(path, s->args.v, s->env.v ? s->env.v : (char *[]){NULL});
  int e = errno;
  if (e == ENOENT) fail(errfd, EXIT_NOT_FOUND, "exec: \"%s\": no such file or directory", path);
  if (e == EACCES || e == EPERM) fail(errfd, EXIT_CANNOT_EXEC, "exec: \"%s\": permission denied", path);
  fail(errfd, EXIT_CANNOT_EXEC, "exec: \"%s\": %s", path, strerror(e));
}

void container_main(struct spec *s, int syncfd, int errfd, int netfd, int consolefd) {
  char go;
  /*
   * The mounts and the rest of the setup run while the monitor moves this process into its cgroups
   * (on cgroup v1 the first cgroup.procs write waits for an RCU grace period, ~9 ms here): nothing
   * here forks or runs the command, which waits for the monitor's "g" below.
   */
  umask(0);
  if (setsid() < 0) FAIL("setsid: %s", strerror(errno));
  if (netfd >= 0) {
    if (setns(netfd, CLONE_NEWNET) < 0) FAIL("join the network namespace %s: %s", s->net, strerror(errno));
    close(netfd);
  }
  if (strcmp(s->net, "host")) loopback_up(errfd);
  if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0) FAIL("make / private: %s", strerror(errno));
  mount_rootfs(s, errfd);
  int rootfd = open(s->rootfs, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (rootfd < 0) FAIL("open the rootfs %s: %s", s->rootfs, strerror(errno));
  mount_filesystems(s, rootfd, errfd);
  close(rootfd);
  pivot(s, errfd);
  char err[1024];
  if (consolefd >= 0) {
    /* the pty of the container's own devpts, as runc's console socket (BRIEF 1.1) */
    int master = pty_open(err, sizeof err);
    if (master < 0 || pty_make_controlling(master, s->uid, err, sizeof err) < 0) FAIL("tty: %s", err);
    if (send_fd(consolefd, master) < 0) FAIL("send the pty master to the monitor: %s", strerror(errno));
    close(master);
    close(consolefd);
  }
  make_cwd(s, errfd);
  apply_sysctls(s, errfd);
  protect_paths(s, errfd);
  if (s->hostname && sethostname(s->hostname, strlen(s->hostname)) < 0)
    FAIL("sethostname %s: %s", s->hostname, strerror(errno));

  if (apply_rlimits(s, err, sizeof err) < 0) FAIL("%s", err);
  char buf[PATH_MAX];
  const char *path = find_executable(s, buf, sizeof buf, errfd);
  if (read(syncfd, &go, 1) != 1) _exit(EXIT_SETUP); /* in the cgroups now; or the monitor died before releasing us */
  /* after the cgroup join, so the namespace's root is the container's cgroup (BRIEF 9.2) */
  if (unshare(CLONE_NEWCGROUP) < 0 && errno != EINVAL) FAIL("unshare the cgroup namespace: %s", strerror(errno));
  if (s->attach_wait_ms) {
    /* attach-wait: set up, held before the security steps and exec until the monitor says go */
    int held = 0;
    if (write(errfd, &held, sizeof held) != sizeof held) _exit(EXIT_SETUP);
    if (read(syncfd, &go, 1) != 1) _exit(EXIT_SETUP);
  }
  close(syncfd);
  /* without no_new_privs, loading a filter needs CAP_SYS_ADMIN: load it before the drop */
  if (!s->no_new_privs && s->seccomp_filter && seccomp_load(s, err, sizeof err) < 0) FAIL("%s", err);
  if (apply_user_and_caps(s, err, sizeof err) < 0) FAIL("%s", err);
  if (s->no_new_privs && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) FAIL("prctl PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
  if (s->no_new_privs && s->seccomp_filter && seccomp_load(s, err, sizeof err) < 0) FAIL("%s", err);
  if (s->cwd && chdir(s->cwd) < 0) FAIL("chdir %s: %s", s->cwd, strerror(errno));
  /* nothing of the shim's may reach the command (CVE-2024-21626): close-on-exec from 3 up */
  if (syscall(SYS_close_range, 3, ~0U, CLOSE_RANGE_CLOEXEC) < 0) FAIL("close_range: %s", strerror(errno));
  if (s->init) run_init(s, path, errfd);
  exec_command(s, path, errfd);
}
