package org.lemongate.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The raw IMAP test client against Dovecot's IMAP server. */
class ImapTestClientDovecotTest {
  static DovecotImap dovecot;
  private static int userCounter;

  @BeforeAll
  static void startDovecot() {
    dovecot = DovecotImap.start();
  }

  @AfterAll
  static void stopDovecot() {
    dovecot.close();
  }

  /** A fresh user per test, so tests do not see each other's mail. */
  private static String newUser() {
    String user = "user" + (++userCounter);
    dovecot.addUser(user, "pw-" + user);
    return user;
  }

  private static ImapTestClient loggedIn(String user) throws Exception {
    ImapTestClient imap = ImapTestClient.connect(DovecotImap.HOST, dovecot.imapPort());
    imap.login(user, "pw-" + user);
    return imap;
  }

  @Test
  void logsInSelectsAndReadsALiteralByteForByte() throws Exception {
    String user = newUser();
    dovecot.deliver(user, "Subject: hello\n\nfirst line\nsecond line\n");

    try (ImapTestClient imap = ImapTestClient.connect(DovecotImap.HOST, dovecot.imapPort())) {
      assertThat(imap.greeting()).startsWith("* OK ");
      imap.login(user, "pw-" + user);
      ImapTestClient.Result select = imap.command("SELECT INBOX").requireOk();
      ImapTestClient.Result fetch = imap.command("FETCH 1 BODY.PEEK[]").requireOk();

      assertThat(select.untagged("\\* 1 EXISTS")).hasSize(1);
      assertThat(fetch.untagged()).hasSize(1);
      ImapTestClient.Response message = fetch.untagged().get(0);
      String served = "Subject: hello\r\n\r\nfirst line\r\nsecond line\r\n";
      assertThat(message.text()).isEqualTo("* 1 FETCH (BODY[] {" + served.length() + "})");
      assertThat(new String(message.literal(0), StandardCharsets.UTF_8)).isEqualTo(served);
    }
  }

  /** Every byte but NUL, and CR and LF only as line ends (a server may store lines its own way). */
  @Test
  void sendsALiteralAndReadsItBackWithEveryByteIntact() throws Exception {
    String user = newUser();
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    message.writeBytes("Subject: bytes\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    for (int b = 1; b < 256; b++) {
      if (b != '\r' && b != '\n') {
        message.write(b);
      }
    }
    message.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));

    try (ImapTestClient imap = loggedIn(user)) {
      imap.commandWithLiteral("APPEND INBOX", message.toByteArray(), "").requireOk();
      imap.command("SELECT INBOX").requireOk();
      ImapTestClient.Result fetch = imap.command("FETCH 1 BODY.PEEK[]").requireOk();

      assertThat(fetch.untagged().get(0).literal(0)).isEqualTo(message.toByteArray());
    }
  }

  @Test
  void idleWakesUpWhenAMessageIsDeliveredToTheMaildir() throws Exception {
    String user = newUser();
    try (ImapTestClient imap = loggedIn(user)) {
      imap.command("SELECT INBOX").requireOk();
      imap.idle();

      dovecot.deliver(user, "Subject: news\n\nwhile you were idling\n");

      assertThat(imap.awaitUntagged("\\* 1 EXISTS", Duration.ofSeconds(10)).text()).isEqualTo("* 1 EXISTS");
      assertThat(imap.done().status()).isEqualTo("OK");
    }
  }

  @Test
  void startTlsAndImplicitTlsVerifyTheServerCertificate() throws Exception {
    String user = newUser();
    try (ImapTestClient imap = ImapTestClient.connect(DovecotImap.HOST, dovecot.imapPort())) {
      imap.startTls(dovecot.certificatePem());
      imap.login(user, "pw-" + user);
      assertThat(imap.transcript()).contains("-- TLS established");
    }
    try (ImapTestClient imap = ImapTestClient.connectTls(DovecotImap.HOST, dovecot.imapsPort(), dovecot.certificatePem())) {
      assertThat(imap.greeting()).startsWith("* OK ");
      imap.login(user, "pw-" + user);
    }
  }

  @Test
  void refusalsAreResultsAndRequireOkShowsTheAnswer() throws Exception {
    try (ImapTestClient imap = loggedIn(newUser())) {
      ImapTestClient.Result select = imap.command("SELECT no-such-mailbox");

      assertThat(select.status()).isEqualTo("NO");
      assertThatThrownBy(select::requireOk).isInstanceOf(AssertionError.class)
          .hasMessageStartingWith("expected OK, the server answered:\n  A2 NO ");
    }
  }

  @Test
  void rawBytesGoOutExactlyAndTheTranscriptShowsThemEscaped() throws Exception {
    try (ImapTestClient imap = loggedIn(newUser())) {
      imap.send("x1 NOOP\0\r\n".getBytes(StandardCharsets.US_ASCII));

      assertThat(imap.readResponse().text()).startsWith("x1 BAD ");
      assertThat(imap.transcript()).contains("C: x1 NOOP\\0\\r\\n");
    }
  }
}
