# The stocksync image the Helm chart (helm/stocksync) runs: `java -jar /app/stocksync.jar <role>`.
# Build the jar first, then the image:
#   mvn -q -DskipTests package && docker build -t stocksync/stocksync:0.1.0 .
FROM eclipse-temurin:17-jre

# A fixed, unprivileged user: the chart's security context runs as 10001:10001 with
# runAsNonRoot and a read-only root filesystem (/tmp is an emptyDir there).
RUN groupadd --system --gid 10001 stocksync \
 && useradd --system --uid 10001 --gid stocksync --home-dir /app --no-create-home --shell /usr/sbin/nologin stocksync

WORKDIR /app
COPY app/target/stocksync.jar /app/stocksync.jar

USER 10001:10001
# 8080: gateway API, /health/*, /metrics (http.port); 9090: workers' /health/* and /metrics (monitoring.port)
EXPOSE 8080 9090
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/stocksync.jar"]
CMD ["--help"]
