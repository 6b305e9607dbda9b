package org.lemongate.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.net.OpenSSLEngineOptions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.ImapTestClient;
import org.lemongate.testing.LogCapture;
import org.lemongate.testing.TestCertificate;

/**
 * TLS in front: IMAPS, STARTTLS, no passwords in clear text when the configuration says so, and the
 * command-injection class of CVE-2011-0411 (commands pipelined behind STARTTLS are dropped).
 */
class ImapTlsTest {
  @TempDir
  static Path storeDir;
  static DovecotPop3 dovecot;
  static GatewayFixture gateway;
  static final Path TRUSTED = TestCertificate.get().certificatePem();

  @BeforeAll
  static void start() {
    dovecot = DovecotPop3.start();
    dovecot.addUser("tls", "pw");
    gateway = GatewayFixture.start(dovecot, storeDir, Map.of(
        "imap.allow-cleartext", "false",
        "imap.certificate", TestCertificate.get().certificatePem().toString(),
        "imap.key", TestCertificate.get().privateKeyPem().toString()));
  }

  @AfterAll
  static void stop() {
    gateway.close();
    dovecot.close();
  }

  @Test
  void imapsServesWithOpenSslAndAcceptsPasswords() throws Exception {
    assertThat(OpenSSLEngineOptions.isAvailable()).as("netty-tcnative matches netty").isTrue();
    try (LogCapture log = new LogCapture();
         ImapTestClient client = ImapTestClient.connectTls("127.0.0.1", gateway.imapsPort, TRUSTED)) {
      assertThat(client.greeting()).contains("AUTH=PLAIN").doesNotContain("STARTTLS").doesNotContain("LOGINDISABLED");
      client.login("tls", "pw");
      assertThat(log.lines()).anyMatch(line -> line.contains("TLS with") && line.contains("OpenSsl"));
    }
  }

  @Test
  void plainPortRefusesPasswordsUntilStartTls() throws Exception {
    try (LogCapture log = new LogCapture();
         ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
      assertThat(client.greeting()).contains("STARTTLS").contains("LOGINDISABLED").doesNotContain("AUTH=PLAIN");
      assertThat(client.command("LOGIN tls pw").tagged().text()).contains("NO [PRIVACYREQUIRED]");
      assertThat(client.command("AUTHENTICATE PLAIN AHRscwBwdw==").tagged().text()).contains("NO [PRIVACYREQUIRED]");

      client.startTls(TRUSTED);

      ImapTestClient.Result capability = client.command("CAPABILITY").requireOk();
      assertThat(capability.untagged().get(0).text()).contains("AUTH=PLAIN").doesNotContain("STARTTLS")
          .doesNotContain("LOGINDISABLED");
      client.login("tls", "pw");
      assertThat(log.lines()).anyMatch(line -> line.contains("TLS with") && line.contains("OpenSsl"));
    }
  }

  /** Connections are spread over one server instance per event loop: STARTTLS must work on each. */
  @Test
  void startTlsWorksWhicheverEventLoopServesTheConnection() throws Exception {
    for (int i = 0; i < 12; i++) {
      try (ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
        client.startTls(TRUSTED);
        client.command("NOOP").requireOk();
      }
    }
  }

  /** Commands sent in clear text behind STARTTLS must not run, neither before nor after the handshake. */
  @Test
  void commandsPipelinedBehindStartTlsAreDropped() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", gateway.imapPort)) {
      socket.setSoTimeout(5000);
      InputStream in = socket.getInputStream();
      OutputStream out = socket.getOutputStream();
      readLine(in);
      out.write("a STARTTLS\r\nb LOGIN tls pw\r\nc CAPABILITY\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readLine(in)).startsWith("a OK");
      Thread.sleep(300);
      assertThat(in.available()).as("nothing answered in clear text after the OK").isZero();

      javax.net.ssl.SSLSocket tls = (javax.net.ssl.SSLSocket) trusting().createSocket(socket, "127.0.0.1",
          gateway.imapPort, true);
      tls.startHandshake();
      tls.setSoTimeout(2000);
      OutputStream secureOut = tls.getOutputStream();
      InputStream secureIn = tls.getInputStream();
      secureOut.write("d NOOP\r\n".getBytes(StandardCharsets.US_ASCII));
      secureOut.flush();
      String first = readLine(secureIn);
      assertThat(first).as("the injected b and c never ran").startsWith("d OK");
      secureOut.write("e LOGOUT\r\n".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static javax.net.ssl.SSLSocketFactory trusting() throws Exception {
    java.security.KeyStore trusted = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream pem = java.nio.file.Files.newInputStream(TRUSTED)) {
      trusted.setCertificateEntry("test", java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(pem));
    }
    javax.net.ssl.TrustManagerFactory factory = javax.net.ssl.TrustManagerFactory.getInstance(
        javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static String readLine(InputStream in) throws java.io.IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
