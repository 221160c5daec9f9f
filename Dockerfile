# Switchboard image, built from the Maven build. The same image runs a Switchboard node or, with
# SWITCHBOARD_ROLE=emulator, the standalone ACS emulator (see docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY processes processes
# The image has no npm and needs no Camunda Modeler plugin, so the plugin zip is not built here.
RUN mvn -B -q -DskipTests -DmodelerPlugin.skip=true package

FROM eclipse-temurin:17-jre
RUN useradd --system --home /app switchboard
WORKDIR /app
COPY --from=build /build/target/switchboard-*.jar /app/switchboard.jar
COPY deploy/entrypoint.sh /app/entrypoint.sh
USER switchboard
EXPOSE 8080 8443
ENTRYPOINT ["/app/entrypoint.sh"]
