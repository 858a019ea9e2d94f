# Shared by the scripts in bin/: finds a JDK 21+ and runs Maven with it.
# The machine's default java may be older; JAVA_HOME wins when it is new enough.

java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /opt/java/* "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    local major; major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 21 ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

use_jdk() {
  local jdk
  if ! jdk=$(find_jdk); then
    echo "No JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm). Install one, e.g. Temurin 21+, and set JAVA_HOME." >&2
    exit 1
  fi
  export JAVA_HOME="$jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
  # Maven 3.8's bundled Guava warns on JDK 24+; the flag that silences it does not exist before 24.
  if [ "$(java_major "$jdk" | cut -d. -f1)" -ge 24 ]; then
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
}

# Flags for our own JVMs: JDK 24+ warns about Kafka's and Netty's use of sun.misc.Unsafe unless told to allow it.
jvm_flags() {
  if [ "$(java_major "$JAVA_HOME" | cut -d. -f1)" -ge 24 ]; then
    echo "--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
  fi
}

project_root() { cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd; }

mvn_quiet() { mvn -B -q -e -Dstyle.color=never "$@"; }
