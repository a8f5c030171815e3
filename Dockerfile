# One image, two programs: the service (default) and the trainer (`docker run IMAGE trainer --help`).
#
#   docker build -t convncf --build-arg GIT_COMMIT=$(git rev-parse HEAD) .
#   docker run -p 8080:8080 -v convncf-models:/models -e CONVNCF_SECURITY_API_KEY=... convncf
#
# RUNTIME_IMAGE may name a Java 21+ JRE (with the jdk.incubator.vector module) to enable the fused
# Vector API ConvNCF scorer, 2x faster than the DJL path that Java 17 uses at 100 candidates, 5x for one pair (docs/PERFORMANCE.md).
ARG BUILD_IMAGE=maven:3-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
# Dependencies first: this layer is rebuilt only when a pom changes.
COPY pom.xml ./
COPY model-store/pom.xml model-store/
COPY trainer/pom.xml trainer/
COPY service/pom.xml service/
RUN mkdir -p model-store/src/main/java trainer/src/main/java service/src/main/java \
 && mvn -B -q -DskipTests -Dmaven.main.skip -Dspring-boot.repackage.skip package \
 && rm -rf */target
COPY model-store/src model-store/src
COPY trainer/src trainer/src
COPY service/src service/src
# The build context has no .git (.dockerignore), so the build cannot find its commit by itself; give it
# as `--build-arg GIT_COMMIT=$(git rev-parse HEAD)` (and GIT_DIRTY=true for a tree with changes). It is
# written as the git.properties git-commit-id-maven-plugin writes in a checkout (the plugin is skipped
# here: without .git it would write an empty one over it): the trainer then records the commit in every
# result and model it produces, the service reports it under /actuator/info. Without it: "unknown".
ARG GIT_COMMIT=""
ARG GIT_DIRTY=false
RUN if [ -n "$GIT_COMMIT" ]; then \
      case "$GIT_COMMIT" in *[!0-9a-f]*) echo "GIT_COMMIT must be a commit id (hex), not '$GIT_COMMIT'" >&2; exit 1 ;; esac; \
      case "$GIT_DIRTY" in true|false) ;; *) echo "GIT_DIRTY must be true or false, not '$GIT_DIRTY'" >&2; exit 1 ;; esac; \
      mkdir -p trainer/src/main/resources/org/convncf/trainer \
      && printf 'git.commit.id=%s\ngit.commit.id.abbrev=%.7s\ngit.dirty=%s\n' "$GIT_COMMIT" "$GIT_COMMIT" "$GIT_DIRTY" \
         | tee service/src/main/resources/git.properties > trainer/src/main/resources/org/convncf/trainer/git.properties; \
    fi
RUN mvn -B -q -o -DskipTests -Dmaven.gitcommitid.skip=true package

FROM ${RUNTIME_IMAGE}
ARG GIT_COMMIT=""
LABEL org.opencontainers.image.title="convncf" \
      org.opencontainers.image.revision="${GIT_COMMIT}" \
      org.opencontainers.image.description="ConvNCF recommendation service and trainer (DJL/PyTorch, Spring Boot)" \
      org.opencontainers.image.licenses="Apache-2.0" \
      org.opencontainers.image.source="https://example.invalid/convncf"
# curl: the health check.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --no-create-home --home-dir /app convncf \
 && mkdir -p /models /data /opt/djl \
 && chown convncf:convncf /models /data
WORKDIR /app
COPY --from=build /src/service/target/service.jar /app/service.jar
COPY --from=build /src/trainer/target/trainer-cli.jar /app/trainer.jar
COPY docker/entrypoint.sh /app/entrypoint.sh
ENV DJL_CACHE_DIR=/opt/djl \
    CONVNCF_MODEL_STORE=/models \
    CONVNCF_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError"
# Extract the PyTorch natives (~430 MB) into the image once, at build time, instead of at every start.
RUN chmod 0755 /app/entrypoint.sh && /app/entrypoint.sh trainer engine && chmod -R a+rX /opt/djl
USER 10001:10001
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness >/dev/null || exit 1
ENTRYPOINT ["/app/entrypoint.sh"]
CMD ["service"]
