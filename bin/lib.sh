# Shared by the scripts in bin/: finds a JDK 21+ and runs Maven with it.
# The machine's default java may be older; JAVA_HOME wins when it is new enough.

# The JDK's release file answers without starting a JVM (a tenth of a second each, twice per script).
java_major() {
  local version=""
  [ -f "$1/release" ] && version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\).*/\1/p' "$1/release")
  [ -n "$version" ] || version=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  echo "$version"
}

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

# module_jar MODULE: the jar of MODULE's main classes that its package phase wrote (not its test jar).
module_jar() {
  local jar
  for jar in "$1"/target/"$1"-*.jar; do
    case "$jar" in *-tests.jar|*-sources.jar) ;; *) [ -f "$jar" ] && { echo "$jar"; return 0; } ;; esac
  done
  echo "No jar of $1 under $1/target: build it with mvn -DskipTests -pl $1 -am package" >&2
  return 1
}

# build_if_stale BUILT MODULE [UPSTREAM...]: packages MODULE (and what it depends on) unless BUILT (a path its build
# makes) exists and neither the root pom nor a pom or main source of MODULE or the UPSTREAM modules changed since
# the last build this function ran: a built tool starts without Maven. GATEWAY_SKIP_BUILD=1 skips the check too,
# once BUILT exists. Run from the project root.
build_if_stale() {
  local built=$1 module=$2; shift
  local stamp="$module/target/.built"
  if [ "${GATEWAY_SKIP_BUILD:-}" = "1" ] && [ -e "$built" ]; then return 0; fi
  if [ -f "$stamp" ] && [ -e "$built" ]; then
    local dirs=() dir
    for dir in "$@"; do dirs+=("$dir/pom.xml" "$dir/src/main"); done
    if [ -z "$(find pom.xml "${dirs[@]}" -newer "$stamp" -print -quit 2>/dev/null)" ]; then return 0; fi
  fi
  echo "Building $module..." >&2
  # Stamped with the time the build started: a source saved during the build is newer, and builds next time.
  mkdir -p "$module/target" && touch "$stamp.started"
  mvn_quiet -DskipTests -pl "$module" -am package >&2
  mv -f "$stamp.started" "$stamp"
}
