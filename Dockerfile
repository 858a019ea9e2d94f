# syntax=docker/dockerfile:1
# One image for every process of the production shape: gateway-http, batch-worker and the simulated backend.
# docker-compose.yml and deployment/kubernetes/ name the main class as the container's command; see
# docs/DEPLOYMENT.md. The deployment module's tests check this file (mvn -pl deployment test).

# Pinned to a patch release of JDK 21 for repeatable builds; bump both on each Temurin update (security fixes).
ARG BUILD_IMAGE=maven:3.9.16-eclipse-temurin-21-noble
ARG RUNTIME_IMAGE=eclipse-temurin:21.0.12_8-jre-noble

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Every module's pom, before any source: Maven needs the whole reactor to plan even a partial build, and this
# layer and the next stay cached until a pom changes.
COPY pom.xml ./
COPY spi/pom.xml spi/
COPY adaptors/pom.xml adaptors/
COPY common/pom.xml common/
COPY gateway-http/pom.xml gateway-http/
COPY batch-worker/pom.xml batch-worker/
COPY simulated-backend/pom.xml simulated-backend/
COPY embedded-servers/pom.xml embedded-servers/
COPY test-support/pom.xml test-support/
COPY cli/pom.xml cli/
COPY dev-stack/pom.xml dev-stack/
COPY architecture/pom.xml architecture/
COPY bench/pom.xml bench/
COPY deployment/pom.xml deployment/
# Third-party dependencies and plugins into the BuildKit cache, which later builds reuse even when a pom changed.
# Our own modules are excluded: they do not exist before the package step builds them.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -pl gateway-http,batch-worker,simulated-backend -am \
        dependency:go-offline -DexcludeGroupIds=io.inferencegateway
COPY spi/src spi/src
COPY adaptors/src adaptors/src
COPY common/src common/src
COPY gateway-http/src gateway-http/src
COPY batch-worker/src batch-worker/src
COPY simulated-backend/src simulated-backend/src
# Only what the image runs (and what it depends on); tests run in CI, not in the image build.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests -pl gateway-http,batch-worker,simulated-backend -am package

FROM ${RUNTIME_IMAGE}
LABEL org.opencontainers.image.title="inference-gateway" \
      org.opencontainers.image.description="OpenAI-compatible inference gateway: gateway-http, batch-worker, simulated backend"
# A fixed numeric uid: Kubernetes can check runAsNonRoot only against a number, and volumes and secrets can be
# given to the same id (fsGroup) everywhere the image runs.
RUN groupadd --system --gid 10001 gateway \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --no-create-home --shell /usr/sbin/nologin gateway
# The health checks in docker-compose.yml call curl, which the Temurin Ubuntu images ship (adoptium/containers#255).
# Checked here so that a base image without it fails the build rather than every health check at run time.
RUN command -v curl >/dev/null
WORKDIR /app
# The code stays owned by root: the service user can read it but not rewrite it.
COPY --from=build /src/gateway-http/target/lib/ /app/lib/
COPY --from=build /src/gateway-http/target/gateway-http-*.jar /app/lib/
COPY --from=build /src/batch-worker/target/lib/ /app/lib/
COPY --from=build /src/batch-worker/target/batch-worker-*.jar /app/lib/
COPY --from=build /src/simulated-backend/target/lib/ /app/lib/
COPY --from=build /src/simulated-backend/target/simulated-backend-*.jar /app/lib/
# Demonstration fixtures (the simulated backend's models). Nothing loads them unless GATEWAY_FIXTURES names this
# directory: a production deployment mounts its own (deployment/kubernetes mounts a ConfigMap here).
COPY fixtures/ /app/fixtures/
# In a container the network namespace is the boundary: the default 127.0.0.1 would hide the ports from probes,
# from published ports and from the other containers.
ENV GATEWAY_HOST=0.0.0.0 \
    GATEWAY_WORKER_METRICS_HOST=0.0.0.0
USER 10001:10001
# gateway-http, batch-worker metrics and probes, simulated backend.
EXPOSE 8080 9400 8000
ENTRYPOINT ["java", "-cp", "/app/lib/*"]
