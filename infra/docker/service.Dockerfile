# syntax=docker/dockerfile:1
# One image recipe for all five services: docker build --build-arg SERVICE=gateway-service -f infra/docker/service.Dockerfile .
# The build stage is the same for every SERVICE, so BuildKit builds the reactor once and each image only copies
# its own executable jar.

FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
COPY contracts/ contracts/
COPY test-support/ test-support/
COPY service-kit/ service-kit/
COPY servlet-kit/ servlet-kit/
COPY gateway-service/ gateway-service/
COPY credential-service/ credential-service/
COPY metadata-service/ metadata-service/
COPY callback-service/ callback-service/
COPY console-service/ console-service/
# The reactor reads the pom of every module the root pom lists, also of modules it does not build
# (infra/local-stack's DockerBuildContextTest replays this stage and fails when one is missing).
COPY infra/local-stack/pom.xml infra/local-stack/pom.xml
COPY acceptance-tests/pom.xml acceptance-tests/pom.xml
COPY bench/pom.xml bench/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests \
      -pl gateway-service,credential-service,metadata-service,callback-service,console-service -am package

FROM eclipse-temurin:17-jre
ARG SERVICE
RUN command -v curl > /dev/null \
    || (apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*)
RUN useradd --system --uid 10001 uplink
WORKDIR /app
COPY --from=build /src/${SERVICE}/target/${SERVICE}-*-exec.jar /app/service.jar
USER uplink
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
# Exec form: the JVM is PID 1 and receives SIGTERM itself, so graceful shutdown runs.
ENTRYPOINT ["java", "-jar", "/app/service.jar"]
