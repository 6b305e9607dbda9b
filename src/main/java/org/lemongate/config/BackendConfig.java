package org.lemongate.config;

import java.nio.file.Path;
import java.time.Duration;

/**
 * One POP3 server the gateway passes users through to.
 *
 * @param host               server host name; also the name its certificate is checked against
 * @param port               TCP port
 * @param tls                how the connection is protected
 * @param verifyCertificates check the server's certificate chain and host name (on by default)
 * @param trust              PEM file of trusted certificates, or null for the JVM's default trust store
 * @param auth               which login command to use
 * @param connectTimeout     time allowed to open the TCP connection and finish the TLS handshake
 * @param commandTimeout     time allowed for any single response of the server
 * @param maxMessageBytes    a message larger than this is refused rather than downloaded
 */
public record BackendConfig(
    String host,
    int port,
    TlsMode tls,
    boolean verifyCertificates,
    Path trust,
    PopAuthMode auth,
    Duration connectTimeout,
    Duration commandTimeout,
    long maxMessageBytes) {

  public BackendConfig withAddress(String newHost, int newPort) {
    return new BackendConfig(newHost, newPort, tls, verifyCertificates, trust, auth,
        connectTimeout, commandTimeout, maxMessageBytes);
  }

  public BackendConfig withTrust(Path newTrust) {
    return new BackendConfig(host, port, tls, verifyCertificates, newTrust, auth,
        connectTimeout, commandTimeout, maxMessageBytes);
  }

  public BackendConfig withAuth(PopAuthMode newAuth) {
    return new BackendConfig(host, port, tls, verifyCertificates, trust, newAuth,
        connectTimeout, commandTimeout, maxMessageBytes);
  }

  public BackendConfig withMaxMessageBytes(long newMaxMessageBytes) {
    return new BackendConfig(host, port, tls, verifyCertificates, trust, auth,
        connectTimeout, commandTimeout, newMaxMessageBytes);
  }

  @Override
  public String toString() {
    return host + ":" + port + " (" + tls.name().toLowerCase() + ")";
  }
}
