package dev.berth.engine.api;

import java.util.List;

/** {@code docker exec} options: the command, extra environment, user, working directory, tty. */
public record ExecRequest(List<String> cmd, List<String> env, String user, String workingDir, boolean tty,
                          boolean privileged) {

    public ExecRequest {
        cmd = List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
        user = user == null ? "" : user;
        workingDir = workingDir == null ? "" : workingDir;
    }
}
