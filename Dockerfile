# One image for every vendsync app; the command picks which (ingest, mapper or sink).
# Build the jar first: mvn -B -DskipTests package -pl cli -am
# The production jar (module cli) has no demo, embedded broker, commercetools mock or Vend simulator: those live in
# module demo's own jar, which never goes into this image.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 vendsync
COPY cli/target/vendsync.jar /opt/vendsync/vendsync.jar
USER 10001
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/vendsync/vendsync.jar"]
