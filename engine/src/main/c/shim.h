/* berth-shim: the one native helper of berth (see spec.c for the spec format). */
#ifndef BERTH_SHIM_H
#define BERTH_SHIM_H

#include <stddef.h>
#include <stdint.h>
#include <poll.h>
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

/* A bind (source set) or a tmpfs (source NULL), mounted in the spec's order (parents first). */
struct user_mount {
  char *source, *target, *options;
  int readonly;
  unsigned long propagation; /* MS_PRIVATE, MS_SHARED, MS_SLAVE, maybe | MS_REC; 0: as it comes */
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
  struct strlist sysctl_keys, sysctl_values; /* kernel.shmmax, net.ipv4.ip_forward, ... and what to write */
  struct user_mount *mounts;
  size_t nmounts;
  uint64_t shm_size;
  struct strlist cgroups;     /* cgroup.procs files the container joins before it runs */
  char *net;                  /* "host", "none" or a netns path */
  int init;
  char *log, *exit_file, *pid_file, *shim_pid_file;
  int open_stdin, stdin_once, tty;
  char *attach;               /* the attach socket's path, or NULL */
  char *control;              /* the control socket's path (resize), or NULL */
  long attach_wait_ms;        /* > 0: hold the container before exec until a client attaches */
  pid_t target_pid;           /* exec: the container's PID 1 on the host */
};

/* spec.c; exec: target-pid instead of rootfs */
int spec_read(const char *path, struct spec *s, int exec, char *err, size_t errlen);
int cap_by_name(const char *name);

/* log.c */
void format_time(char *buf, size_t len);
struct log_stream {
  const char *name; /* "stdout" / "stderr" */
  int fd;           /* read end, -1 at EOF */
  int id;           /* 1 stdout, 2 stderr: the attach stream number */
  void (*tap)(int id, const char *p, size_t n); /* sees every byte read (attach), or NULL */
  size_t used;
  char buf[16384];
};
void log_drain(struct log_stream *st, int logfd);
void log_flush(struct log_stream *st, int logfd);
int write_file_atomic(const char *path, const char *data, size_t len, int durable);
int write_text(const char *path, const char *text);
void json_string(char **out, size_t *cap, size_t *len, const char *s, size_t n);

/* container.c: runs in the cloned child; never returns. errfd gets the failure report; consolefd
 * (tty) gets the pty master; with attach-wait the child reports "held" (code 0) and waits on syncfd. */
void container_main(struct spec *s, int syncfd, int errfd, int netfd, int consolefd) __attribute__((noreturn));
const char *find_executable(const struct spec *s, char *buf, size_t len, int errfd);
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

/* tty.c: pseudo-terminals, fd passing, raw mode */
int pty_open(char *err, size_t errlen);                 /* /dev/ptmx of the current mount ns: the master */
int pty_make_controlling(int master, uid_t owner, char *err, size_t errlen); /* setsid'd caller: slave → 0/1/2, ctty */
int send_fd(int sock, int fd);
int recv_fd(int sock);
int set_winsize(int fd, unsigned rows, unsigned cols);
int terminal_raw(int fd);                               /* 0: raw now, restored by terminal_restore */
void terminal_restore(void);
int write_all_fd(int fd, const void *p, size_t n);      /* blocking; -1 on error */

/* attach.c: the monitor's attach and control sockets (one monitor per process) */
int attach_listen(const struct spec *s, char *err, size_t errlen);
void attach_set_stdin(int fd, int once, int is_tty);    /* where clients' bytes go, or -1 */
void attach_set_master(int master);                     /* tty: resize target */
void attach_output(int stream, const char *p, size_t n);
size_t attach_pollfds(struct pollfd *pfd, size_t max);
void attach_handle(const struct pollfd *pfd, size_t n);
int attach_backlogged(void);                            /* a client is behind: stop reading output */
void attach_drop_stuck(long now_ms);                    /* drops a backlogged client that took nothing for 10 s */
unsigned long attach_connections(void);                 /* clients ever accepted */
void attach_finish(void);                               /* flush, close every client, unlink the sockets */
#define ATTACH_MAX_FDS 80

/* exec.c: berth-shim exec BUNDLE_DIR */
int exec_main(const char *bundle);
/* client.c: berth-shim attach SOCKET [--tty] [--stdin] [--control PATH] */
int client_main(int argc, char **argv);

#endif
