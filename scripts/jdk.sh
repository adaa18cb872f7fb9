# Sourced by ./berth, ./test, .ci/run and bench/: picks the JDK berth is built and run with.
# An existing JAVA_HOME is kept only if it is a JDK 25 or newer; otherwise Temurin 25.
# Reads $JAVA_HOME/release instead of running java: this runs on every ./berth start.

BERTH_DEFAULT_JDK=/usr/lib/jvm/temurin-25-jdk-amd64

berth_jdk_major() { # $1 = a JDK home; prints its feature version, or nothing
    local line
    [[ -r "$1/release" && -x "$1/bin/javac" ]] || return 0
    line=$(grep -m1 '^JAVA_VERSION=' "$1/release" 2>/dev/null) || return 0
    line=${line#JAVA_VERSION=\"}
    printf '%s\n' "${line%%[.\"]*}"
}

berth_select_jdk() {
    local major
    if [[ -n "${JAVA_HOME:-}" ]]; then
        major=$(berth_jdk_major "$JAVA_HOME")
        if [[ "$major" =~ ^[0-9]+$ ]] && (( major >= 25 )); then
            export JAVA_HOME
            return 0
        fi
    fi
    JAVA_HOME=$BERTH_DEFAULT_JDK
    export JAVA_HOME
    if [[ ! -x "$JAVA_HOME/bin/java" ]]; then
        echo "berth: needs JDK 25 or newer: set JAVA_HOME to one (looked for $BERTH_DEFAULT_JDK)" >&2
        return 1
    fi
}
