/*
 * The container's PID 1 with `init` (like tini, BRIEF 6.4): runs the command as its child,
 * forwards every signal to it, reaps every zombie (orphans are re-parented to PID 1), and exits
 * with the command's status (128+N if a signal N killed it).
 */
#define _GNU_SOURCE
#include "shim.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void run_init(const struct spec *s, const char *path, int errfd) {
  sigset_t all;
  sigfillset(&all);
  sigprocmask(SIG_SETMASK, &all, NULL);
  pid_t child = fork();
  if (child < 0) fail(errfd, EXIT_SETUP, "init: fork the command: %s", strerror(errno));
  if (child == 0) exec_command(s, path, errfd);
  close(errfd); /* the monitor sees EOF when the command has exec'd */
  for (;;) {
    siginfo_t info;
    int sig = sigwaitinfo(&all, &info);
    if (sig < 0) continue;
    if (sig != SIGCHLD) {
      kill(child, sig);
      continue;
    }
    int status;
    pid_t w;
    while ((w = waitpid(-1, &status, WNOHANG)) > 0) {
      if (w != child) continue;
      _exit(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    }
  }
}
