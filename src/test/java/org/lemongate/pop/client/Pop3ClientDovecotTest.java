package org.lemongate.pop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.OpenSSLEngineOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lemongate.auth.Credentials;
import org.lemongate.config.BackendConfig;
import org.lemongate.config.PopAuthMode;
import org.lemongate.config.TlsMode;
import org.lemongate.pop.client.Pop3Exception.Kind;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.RawPop3;

/**
 * {@link Pop3Client} against a real Dovecot 2.3 POP3 server ({@link DovecotPop3}). Each test uses its own
 * user, so tests that delete cannot disturb the others. Messages are checked byte for byte against the
 * Maildir files, where Dovecot keeps them with LF line ends.
 */
class Pop3ClientDovecotTest {
  private static final AtomicInteger USERS = new AtomicInteger();
  private static Vertx vertx;
  private static DovecotPop3 dovecot;
  private static DovecotPop3 apopDovecot;
  private static final List<Throwable> escaped = new CopyOnWriteArrayList<>();
  private final List<Pop3Connector> connectors = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    vertx.exceptionHandler(escaped::add);
    dovecot = DovecotPop3.start();
    apopDovecot = DovecotPop3.startWithApop();
  }

  @AfterAll
  static void stop() {
    dovecot.stop();
    apopDovecot.stop();
    await(vertx.close());
  }

  @AfterEach
  void closeConnectors() {
    connectors.forEach(connector -> await(connector.close()));
    assertThat(escaped).as("exceptions thrown on the event loop").isEmpty();
  }

  @Test
  void theOpenSslEngineIsAvailable() {
    assertThat(OpenSSLEngineOptions.isAvailable()).as("netty-tcnative loaded").isTrue();
  }

  @Test
  void readsTheMaildropExactlyAsStored() {
    String user = newUser(dovecot);
    String plain = "From: a@example.org\nSubject: plain\n\nHello\n";
    String dotted = "Subject: dots\n\n.\n..\n.leading dot\n...three\nend.\n.\n";
    String fiveMegabytes = "Subject: big\n\n" + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!#\n".repeat(80 * 1024);
    List<String> uids = List.of(dovecot.deliver(user, plain), dovecot.deliver(user, dotted), dovecot.deliver(user, fiveMegabytes));
    Pop3Client client = login(dovecot.backend(TlsMode.NONE), user);

    assertThat(await(client.stat())).isEqualTo(new MaildropStatus(3, uids.stream().mapToLong(uid -> crlfSize(user, uid)).sum()));
    assertThat(await(client.list())).extracting(MessageSize::octets)
        .containsExactly(crlfSize(user, uids.get(0)), crlfSize(user, uids.get(1)), crlfSize(user, uids.get(2)));
    assertThat(await(client.uidl())).extracting(MessageUid::uid).containsExactlyElementsOf(uids);
    assertThat(await(client.scan())).extracting(MessageInfo::uid).containsExactlyElementsOf(uids);
    for (int n = 1; n <= 3; n++) {
      byte[] message = await(client.retr(n, 0, 64L << 20));
      assertThat(message).as("RETR %d", n).isEqualTo(storedWithCrlf(user, uids.get(n - 1)));
    }
    assertThat(new String(await(client.top(2, 1)), StandardCharsets.US_ASCII)).isEqualTo("Subject: dots\r\n\r\n.\r\n");
    assertThat(fiveMegabytes.length()).isGreaterThan(5_000_000);
    await(client.quit());
  }

  @Test
  void deleAndQuitRemoveOnlyThatMessage() throws IOException {
    String user = newUser(dovecot);
    List<String> uids = deliver(dovecot, user, 3);
    Pop3Client client = login(dovecot.backend(TlsMode.NONE), user);

    await(client.dele(2));
    await(client.quit());

    assertThat(dovecot.messages(user)).containsExactly(uids.get(0), uids.get(2));
    try (RawPop3 raw = RawPop3.login(DovecotPop3.HOST, dovecot.pop3Port(), user, "pw-" + user)) {
      assertThat(raw.uidl().values()).containsExactly(uids.get(0), uids.get(2));
    }
  }

  @Test
  void deleWithoutQuitRemovesNothing() throws IOException {
    String user = newUser(dovecot);
    List<String> uids = deliver(dovecot, user, 2);
    Pop3Client client = login(dovecot.backend(TlsMode.NONE), user);

    await(client.dele(1));
    await(client.dele(2));
    await(client.close());

    try (RawPop3 raw = RawPop3.login(DovecotPop3.HOST, dovecot.pop3Port(), user, "pw-" + user)) {
      assertThat(raw.uidl().values()).containsExactlyElementsOf(uids);
    }
    assertThat(dovecot.messages(user)).containsExactlyElementsOf(uids);
  }

  @Test
  void aMessageRemovedBehindTheServersBackIsGoneFromTheNextSession() {
    String user = newUser(dovecot);
    List<String> uids = deliver(dovecot, user, 2);
    await(login(dovecot.backend(TlsMode.NONE), user).quit());

    assertThat(dovecot.delete(user, uids.get(0))).isTrue();

    Pop3Client client = login(dovecot.backend(TlsMode.NONE), user);
    assertThat(await(client.uidl())).containsExactly(new MessageUid(1, uids.get(1)));
  }

  @Test
  void pipelinedRetrOfManyMessages() {
    String user = newUser(dovecot);
    List<String> uids = deliver(dovecot, user, 300);
    Pop3Client client = login(dovecot.backend(TlsMode.NONE), user);
    assertThat(client.capabilities().has("PIPELINING")).isTrue();

    List<Future<byte[]>> messages = IntStream.rangeClosed(1, uids.size()).mapToObj(n -> client.retr(n, 0, 1 << 20))
        .toList();

    for (int n = 1; n <= uids.size(); n++) {
      assertThat(await(messages.get(n - 1))).isEqualTo(storedWithCrlf(user, uids.get(n - 1)));
    }
  }

  @ParameterizedTest
  @EnumSource(value = PopAuthMode.class, names = {"AUTO", "USER", "PLAIN"})
  void logsInWith(PopAuthMode mode) {
    String user = newUser(dovecot);
    deliver(dovecot, user, 1);

    Pop3Client client = login(dovecot.backend(TlsMode.NONE).withAuth(mode), user);

    assertThat(await(client.stat()).messages()).isEqualTo(1);
    assertThat(client.state()).isEqualTo(Pop3Client.State.TRANSACTION);
  }

  @Test
  void logsInWithApop() {
    String user = newUser(apopDovecot);
    deliver(apopDovecot, user, 1);

    Pop3Client client = login(apopDovecot.backend(TlsMode.NONE).withAuth(PopAuthMode.APOP), user);

    assertThat(await(client.stat()).messages()).isEqualTo(1);
    assertThat(apopDovecot.log()).contains("user=<" + user + ">, method=APOP");
  }

  @Test
  void apopWithoutAGreetingTimestampFailsClearly() {
    String user = newUser(dovecot);
    Pop3Client client = connect(dovecot.backend(TlsMode.NONE).withAuth(PopAuthMode.APOP));

    Pop3Exception failure = failureOf(client.login(credentials(user)));

    assertThat(failure.kind()).isEqualTo(Kind.PROTOCOL);
    assertThat(failure).hasMessageContaining("no timestamp in its greeting");
  }

  @ParameterizedTest
  @EnumSource(value = PopAuthMode.class, names = {"USER", "PLAIN"})
  void aWrongPasswordIsAnAuthFailure(PopAuthMode mode) {
    String user = newUser(dovecot);
    Pop3Client client = connect(dovecot.backend(TlsMode.NONE).withAuth(mode));

    Pop3Exception failure = failureOf(client.login(new Credentials(user, "not-the-password")));

    assertThat(failure.kind()).isEqualTo(Kind.AUTH);
    assertThat(failure.getMessage()).contains(user).contains("[AUTH]").doesNotContain("not-the-password");
  }

  @ParameterizedTest
  @EnumSource(value = TlsMode.class, names = {"IMPLICIT", "STARTTLS"})
  void tlsWithTheCertificateTrustedAndTheHostNameVerified(TlsMode mode) {
    String user = newUser(dovecot);
    deliver(dovecot, user, 1);
    BackendConfig backend = dovecot.backend(mode);
    assertThat(backend.verifyCertificates()).isTrue();

    Pop3Client client = login(backend, user);

    assertThat(client.sslSession()).isNotNull();
    assertThat(client.sslSession().getClass().getName()).as("TLS engine").containsIgnoringCase("openssl");
    assertThat(await(client.retr(1, 0, 1 << 20))).isEqualTo(storedWithCrlf(user, dovecot.messages(user).get(0)));
    assertThat(dovecot.log()).contains("user=<" + user + ">").contains("TLS");
  }

  @ParameterizedTest
  @EnumSource(value = TlsMode.class, names = {"IMPLICIT", "STARTTLS"})
  void anUntrustedCertificateIsATlsFailure(TlsMode mode) {
    BackendConfig untrusted = dovecot.backend(mode).withTrust(null);

    Pop3Exception failure = failureOf(connector(untrusted).connect());

    assertThat(failure.kind()).isEqualTo(Kind.TLS);
    assertThat(failure.getMessage()).contains("certificate").contains(DovecotPop3.HOST + ":" + untrusted.port());
  }

  @Test
  void withoutVerificationAnyCertificateIsAccepted() {
    String user = newUser(dovecot);
    BackendConfig backend = dovecot.backend(TlsMode.IMPLICIT);
    BackendConfig unverified = new BackendConfig(backend.host(), backend.port(), TlsMode.IMPLICIT, false, null,
        PopAuthMode.AUTO, backend.connectTimeout(), backend.commandTimeout(), backend.maxMessageBytes());

    Pop3Client client = login(unverified, user);

    assertThat(client.sslSession()).isNotNull();
  }

  // ---- helpers

  private static String newUser(DovecotPop3 server) {
    String user = "user" + USERS.incrementAndGet();
    server.addUser(user, "pw-" + user);
    return user;
  }

  private static Credentials credentials(String user) {
    return new Credentials(user, "pw-" + user);
  }

  private static List<String> deliver(DovecotPop3 server, String user, int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(n -> server.deliver(user, "Subject: message " + n + "\nX-Number: " + n + "\n\nBody of " + n + ".\n"))
        .toList();
  }

  /** The Maildir file with CRLF line ends: what RETR must return. */
  private static byte[] storedWithCrlf(String user, String uid) {
    String stored = new String(dovecot.read(user, uid), StandardCharsets.UTF_8);
    return stored.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
  }

  private static long crlfSize(String user, String uid) {
    return storedWithCrlf(user, uid).length;
  }

  private Pop3Connector connector(BackendConfig backend) {
    Pop3Connector connector = Pop3Connector.create(vertx, backend);
    connectors.add(connector);
    return connector;
  }

  private Pop3Client connect(BackendConfig backend) {
    return await(connector(backend).connect());
  }

  private Pop3Client login(BackendConfig backend, String user) {
    Pop3Client client = connect(backend);
    await(client.login(credentials(user)));
    return client;
  }

  private static Pop3Exception failureOf(Future<?> future) {
    Throwable failure = org.lemongate.testing.Await.failureOf(future);
    assertThat(failure).isInstanceOf(Pop3Exception.class);
    return (Pop3Exception) failure;
  }
}
