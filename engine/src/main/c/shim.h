/* berth-shim: the one native helper of berth (see spec.c for the spec format). */
#ifndef BERTH_SHIM_H
#define BERTH_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Exit codes of the shim itself, as Docker's: 125 the runtime failed, 126 cannot execute, 127 not found. */
#define EXIT_SETUP 125
#define EXIT_CANNOT_EXEC 126
#define EXIT_NOT_FOUND 127

enum cap_set { CAP_EFFECTIVE, CAP_PERMITTED, CAP_INHERITABLE, CAP_BOUNDING, CAP_AMBIENT, CAP_SETS };

struct strlist {
  char **v; /* NULL-terminated */
  size_t n;
};

struct bind_mount {
  char *source, *target;
  int readonly;
};

struct tmpfs_mount {
  char *target, *options;
};

struct rlimit_spec {
  int resource;
  const char *name;
  uint64_t soft, hard;
};

struct spec {
  char *rootfs;               /* where the root filesystem is mounted (inside our mount namespace) */
  struct strlist lower;       /* overlay lower dirs, top first; empty: rootfs is a plain directory */
  char *upper, *work;
  int readonly_rootfs;
  char *hostname;
  struct strlist args, env;
  char *cwd;
  uid_t uid;
  gid_t gid;
  gid_t *groups;
  size_t ngroups;
  int has_caps[CAP_SETS];
  uint64_t caps[CAP_SETS];    /* bit masks by capability number */
  int no_new_privs;
  char *seccomp;
  void *seccomp_filter;       /* the file's contents, read by the monitor while host paths are visible */
  unsigned short seccomp_len; /* number of struct sock_filter */
  struct rlimit_spec *rlimits;
  size_t nrlimits;
  struct strlist masked, readonly;
  struct bind_mount *binds;
  size_t nbinds;
  struct tmpfs_mount *tmpfs;
  size_t ntmpfs;
  uint64_t shm_size;
  struct strlist cgroups;     /* cgroup.procs files the container joins before it runs */
  char *net;                  /* "host", "none" or a netns path */
  int init;
  char *log, *exit_file, *pid_file, *shim_pid_file;
};

/* spec.c */
int spec_read(const char *path, struct spec *s, char *err, size_t errlen);
int cap_by_name(const char *name);

/* log.c */
void format_time(char *buf, size_t len);
struct log_stream {
  const char *name; /* "stdout" / "stderr" */
  int fd;           /* read end, -1 at EOF */
  size_t used;
  char buf[16384];
};
void log_drain(struct log_stream *st, int logfd);
void log_flush(struct log_stream *st, int logfd);
int write_file_atomic(const char *path, const char *data, size_t len);
void json_string(char **out, size_t *cap, size_t *len, const char *s, size_t n);

/* container.c: runs in the cloned child; never returns. errfd gets the failure report. */
void container_main(struct spec *s, int syncfd, int errfd, int netfd) __attribute__((noreturn));
/* reports a failure to the monitor over errfd and exits with code */
void fail(int errfd, int code, const char *fmt, ...) __attribute__((noreturn, format(printf, 3, 4)));

/* security.c */
int apply_rlimits(const struct spec *s, char *err, size_t errlen);
int seccomp_read(struct spec *s, char *err, size_t errlen);
int seccomp_load(const struct spec *s, char *err, size_t errlen);
int apply_user_and_caps(const struct spec *s, char *err, size_t errlen);

/* init.c: PID 1 of the container with `init`; forks the command, reaps, forwards, exits with its status */
void run_init(const struct spec *s, const char *path, int errfd) __attribute__((noreturn));
void exec_command(const struct spec *s, const char *path, int errfd) __attribute__((noreturn));

#endif
