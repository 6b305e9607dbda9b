package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;
import static org.lemongate.testing.Await.failureOf;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.PopAuthMode;
import org.lemongate.config.PopConfig;
import org.lemongate.config.TlsMode;
import org.lemongate.demo.SampleMail;
import org.lemongate.pop.client.Pop3Exception;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.RawPop3;

/** The sync engine against a real Dovecot POP3 server. */
class PopSyncDovecotTest {
  static DovecotPop3 dovecot;

  @TempDir
  Path storeDir;
  SyncFixture gateway;
  private static int userCounter;

  @BeforeAll
  static void startDovecot() {
    dovecot = DovecotPop3.start();
  }

  @AfterAll
  static void stopDovecot() {
    dovecot.close();
  }

  @AfterEach
  void stopGateway() {
    if (gateway != null) {
      gateway.close();
    }
  }

  /** A fresh user per test, so tests do not see each other's mail. */
  private static String newUser() {
    String user = "user" + (++userCounter);
    dovecot.addUser(user, "pw-" + user);
    return user;
  }

  private static String lf(byte[] crlfMessage) {
    return new String(crlfMessage, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  private static String crlf(String text) {
    return text.replace("\r\n", "\n").replace("\n", "\r\n");
  }

  private void start(TlsMode tls, Duration poll) {
    gateway = new SyncFixture(storeDir, dovecot.backend(tls), poll);
  }

  @Test
  void initialSyncMirrorsARealisticMailboxByteForByte() {
    String user = newUser();
    SampleMail samples = new SampleMail(7);
    List<String> delivered = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      delivered.add(lf(samples.next()));
    }
    delivered.add(lf(samples.withAttachmentOf(5 * 1024 * 1024)));
    delivered.add("From: =?UTF-8?Q?Ren=C3=A9e?= <renee@example.org>\nSubject: Grüße, 你好\n"
        + "Content-Type: text/plain; charset=UTF-8\n\nnon-ASCII headers, raw and encoded\n");
    List<String> uidls = new ArrayList<>();
    for (String message : delivered) {
      uidls.add(dovecot.deliver(user, message));
    }
    start(TlsMode.NONE, Duration.ofMinutes(5));

    await(gateway.login(user, "pw-" + user));
    gateway.sync(user);

    List<MessageRecord> inbox = gateway.inbox(user);
    assertThat(inbox).extracting(MessageRecord::uidl).containsExactlyElementsOf(uidls);
    assertThat(inbox).extracting(MessageRecord::uid).isSorted().doesNotHaveDuplicates();
    for (int i = 0; i < inbox.size(); i++) {
      assertThat(new String(gateway.body(user, inbox.get(i)), StandardCharsets.UTF_8))
          .as("message %d", i).isEqualTo(crlf(delivered.get(i)));
    }
  }

  /**
   * Four users' first syncs at once, with download memory for less than one message of theirs:
   * every sync still completes (each may hold one message) and nothing stays held afterwards.
   */
  @Test
  void firstSyncsOfManyUsersAtOnceShareTheDownloadMemory() throws Exception {
    SampleMail samples = new SampleMail(11);
    Map<String, List<String>> uidls = new LinkedHashMap<>();
    for (int u = 0; u < 4; u++) {
      String user = newUser();
      List<String> delivered = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        delivered.add(dovecot.deliver(user, lf(samples.next())));
      }
      delivered.add(dovecot.deliver(user, lf(samples.withAttachmentOf(300 * 1024))));
      uidls.put(user, delivered);
    }
    gateway = new SyncFixture(storeDir, new PopConfig(Duration.ofMinutes(5), Duration.ofSeconds(1),
        Duration.ZERO, 64 * 1024, dovecot.backend(TlsMode.NONE), Map.of()));

    List<Future<JsonObject>> logins = uidls.keySet().stream()
        .map(user -> gateway.login(user, "pw-" + user)).toList();
    await(Future.all(logins));
    uidls.keySet().forEach(gateway::sync);

    for (Map.Entry<String, List<String>> user : uidls.entrySet()) {
      List<String> inbox = gateway.inbox(user.getKey()).stream().map(MessageRecord::uidl).toList();
      assertThat(inbox).containsExactlyInAnyOrderElementsOf(user.getValue());
      assertThat(inbox).as("UIDs in POP order").containsExactlyElementsOf(popOrder(user.getKey()));
    }
    assertThat(gateway.downloadMemoryHeld()).isZero();
  }

  /** The user's UIDLs in message-number order, as Dovecot lists them now. */
  private static List<String> popOrder(String user) throws java.io.IOException {
    try (RawPop3 raw = RawPop3.login(DovecotPop3.HOST, dovecot.pop3Port(), user, "pw-" + user)) {
      return new java.util.TreeMap<>(raw.uidl()).values().stream().toList();
    }
  }

  @Test
  void aNewMessageAppearsAfterTheNextPoll() throws Exception {
    String user = newUser();
    dovecot.deliver(user, "Subject: first\n\nhello\n");
    start(TlsMode.NONE, Duration.ofSeconds(1));
    await(gateway.login(user, "pw-" + user));
    gateway.sync(user);

    String uidl = dovecot.deliver(user, "Subject: second\n\nhello again\n");

    assertThat(waitFor(() -> gateway.inbox(user).size() == 2, Duration.ofSeconds(10))).isTrue();
    assertThat(gateway.inbox(user).get(1).uidl()).isEqualTo(uidl);
  }

  @Test
  void aMessageDeletedBehindOurBackDisappearsAndNothingIsDeleted() {
    String user = newUser();
    String first = dovecot.deliver(user, "Subject: one\n\n1\n");
    String second = dovecot.deliver(user, "Subject: two\n\n2\n");
    start(TlsMode.NONE, Duration.ofMinutes(5));
    await(gateway.login(user, "pw-" + user));
    gateway.sync(user);
    long modSeqBefore = await(gateway.store.mailbox(user, "INBOX")).highestModSeq();

    dovecot.delete(user, first);
    SyncOutcome outcome = gateway.sync(user);

    assertThat(outcome.vanished()).isEqualTo(1);
    assertThat(outcome.deleted()).isZero();
    assertThat(gateway.inbox(user)).extracting(MessageRecord::uidl).containsExactly(second);
    assertThat(await(gateway.store.changesSince(user, MailboxRecord.INBOX_ID, modSeqBefore)).vanished())
        .containsExactly(1L);
  }

  @Test
  void anExpungeInTheGatewayDeletesExactlyThatMessageFromDovecot() throws Exception {
    String user = newUser();
    List<String> uidls = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      uidls.add(dovecot.deliver(user, "Subject: message " + i + "\n\nbody " + i + "\n"));
    }
    start(TlsMode.NONE, Duration.ofMinutes(5));
    await(gateway.login(user, "pw-" + user));
    gateway.sync(user);

    await(gateway.store.expunge(user, MailboxRecord.INBOX_ID, List.of(3L)));
    SyncOutcome outcome = gateway.sync(user);

    assertThat(outcome.deleted()).isEqualTo(1);
    try (RawPop3 raw = RawPop3.login(DovecotPop3.HOST, dovecot.pop3Port(), user, "pw-" + user)) {
      assertThat(raw.uidl().values()).containsExactly(uidls.get(0), uidls.get(1), uidls.get(3), uidls.get(4));
    }
    assertThat(await(gateway.store.popRecords(user))).doesNotContainKey(uidls.get(2));
    assertThat(gateway.sync(user).deleted()).isZero();
  }

  @Test
  void aMessageOverTheLimitIsANoticeUntilTheUserDeletesIt() throws Exception {
    String user = newUser();
    String small = dovecot.deliver(user, "Subject: small\n\nhello\n");
    dovecot.deliver(user, "Subject: holiday photos\nFrom: ann@example.org\n\n"
        + ("p".repeat(76) + "\n").repeat(40_000));
    gateway = new SyncFixture(storeDir, dovecot.backend(TlsMode.NONE).withMaxMessageBytes(1L << 20),
        Duration.ofMinutes(5));
    await(gateway.login(user, "pw-" + user));
    gateway.sync(user);

    List<MessageRecord> inbox = gateway.inbox(user);
    assertThat(inbox).hasSize(2);
    assertThat(lf(gateway.body(user, inbox.get(1)))).contains("Subject: [Too large to show] holiday photos\n",
        "From: ann@example.org\n", "this one is 3.0 MB", "still on your mail server");
    assertThat(gateway.sync(user).tooBig()).as("the notice is made once").isZero();

    await(gateway.store.expunge(user, MailboxRecord.INBOX_ID, List.of(inbox.get(1).uid())));
    assertThat(gateway.sync(user).deleted()).isEqualTo(1);
    try (RawPop3 raw = RawPop3.login(DovecotPop3.HOST, dovecot.pop3Port(), user, "pw-" + user)) {
      assertThat(raw.uidl().values()).containsExactly(small);
    }
  }

  @Test
  void loginOverStlsWithTheCertificateTrusted() {
    String user = newUser();
    dovecot.deliver(user, "Subject: secret\n\nover TLS\n");
    start(TlsMode.STARTTLS, Duration.ofMinutes(5));

    await(gateway.login(user, "pw-" + user));

    assertThat(gateway.sync(user).downloaded() + gateway.inbox(user).size()).isPositive();
  }

  @Test
  void loginOverPop3sWithAuthPlain() {
    String user = newUser();
    gateway = new SyncFixture(storeDir, dovecot.backend(TlsMode.IMPLICIT).withAuth(PopAuthMode.PLAIN),
        Duration.ofMinutes(5));

    assertThat(await(gateway.login(user, "pw-" + user))).isNotNull();
  }

  @Test
  void anUntrustedCertificateFailsTheLoginAsATlsProblem() {
    String user = newUser();
    gateway = new SyncFixture(storeDir, dovecot.backend(TlsMode.IMPLICIT).withTrust(null), Duration.ofMinutes(5));

    Throwable failure = failureOf(gateway.login(user, "pw-" + user));

    assertThat(SyncFixture.failureKind(failure)).isEqualTo(Pop3Exception.Kind.TLS);
  }

  @Test
  void aWrongPasswordIsAnAuthenticationFailureNotAnOutage() {
    String user = newUser();
    start(TlsMode.NONE, Duration.ofMinutes(5));

    Throwable failure = failureOf(gateway.login(user, "wrong"));

    assertThat(SyncFixture.failureKind(failure)).isEqualTo(Pop3Exception.Kind.AUTH);
  }

  static boolean waitFor(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(50);
    }
    return condition.getAsBoolean();
  }

}
