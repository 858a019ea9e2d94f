# One image for every process of the production shape; docker-compose.yml picks the main class per service.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:21-jre
WORKDIR /app
COPY --from=build /src/gateway-http/target/lib/ /app/lib/
COPY --from=build /src/gateway-http/target/gateway-http-*.jar /app/lib/
COPY --from=build /src/batch-worker/target/lib/ /app/lib/
COPY --from=build /src/batch-worker/target/batch-worker-*.jar /app/lib/
COPY --from=build /src/embedded/target/lib/ /app/lib/
COPY --from=build /src/embedded/target/embedded-*.jar /app/lib/
COPY fixtures/ /app/fixtures/
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-cp", "/app/lib/*"]
