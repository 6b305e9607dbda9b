# Build: docker build -t lemongate .
# Run:   docker run -p 1143:1143 -p 1993:1993 -v lemongate-data:/data lemongate --pop pop.example.org:995 --pop-tls implicit
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q -ntp dependency:go-offline
COPY src src
RUN mvn -B -q -ntp package -DskipTests

# glibc base: RocksDB and netty-tcnative are JNI libraries built against glibc.
FROM eclipse-temurin:17-jre
RUN useradd --system --home-dir /data lemongate && mkdir -p /data /etc/lemongate && chown lemongate /data
COPY --from=build /src/target/lemongate.jar /opt/lemongate/lemongate.jar
COPY conf/lemongate.yaml /etc/lemongate/lemongate.yaml
USER lemongate
WORKDIR /data
VOLUME /data
ENV LEMONGATE_STORE_PATH=/data/store
ENTRYPOINT ["java", "-XX:+UseZGC", "-jar", "/opt/lemongate/lemongate.jar", "--config", "/etc/lemongate/lemongate.yaml"]
