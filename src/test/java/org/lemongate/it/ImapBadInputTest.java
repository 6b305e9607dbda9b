package org.lemongate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.ImapTestClient;

/**
 * Malformed and hostile input: each gets a clear answer, the session goes on where the RFC allows,
 * and the server keeps serving everyone else. Limits are set low here so they are easy to reach.
 */
class ImapBadInputTest {
  @TempDir
  static Path storeDir;
  static DovecotPop3 dovecot;
  static GatewayFixture gateway;
  /** A session of another user that must stay served whatever the others send. */
  static ImapTestClient bystander;

  @BeforeAll
  static void start() throws IOException {
    dovecot = DovecotPop3.start();
    dovecot.addUser("mallory", "pw");
    dovecot.addUser("bystander", "pw");
    dovecot.addUser("crowd", "pw");
    dovecot.deliver("mallory", "Subject: one\n\n1\n");
    gateway = GatewayFixture.start(dovecot, storeDir, Map.of(
        "imap.max-sessions", "8",
        "imap.max-sessions-per-user", "2",
        "imap.login-timeout-seconds", "5",
        "imap.limits.line-bytes", "8192"));
    bystander = ImapTestClient.connect("127.0.0.1", gateway.imapPort);
    bystander.login("bystander", "pw");
  }

  @AfterAll
  static void stop() throws IOException {
    bystander.close();
    gateway.close();
    dovecot.close();
  }

  private static ImapTestClient loggedIn() throws IOException {
    ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort);
    client.login("mallory", "pw");
    client.command("SELECT INBOX").requireOk();
    return client;
  }

  static Stream<Arguments> malformedCommands() {
    String megabyte = "x".repeat(1024 * 1024);
    return Stream.of(
        Arguments.of("unbalanced parenthesis", "a1 FETCH 1 (FLAGS UID\r\n", "a1 BAD .*"),
        Arguments.of("closing parenthesis too many", "a1 FETCH 1 (FLAGS))\r\n", "a1 BAD .*"),
        Arguments.of("invalid sequence set", "a1 FETCH 0:x FLAGS\r\n", "a1 BAD .*"),
        Arguments.of("sequence set with a comma only", "a1 STORE , +FLAGS (\\Seen)\r\n", "a1 BAD .*"),
        Arguments.of("unknown command", "a1 FROBNICATE\r\n", "a1 BAD .*"),
        Arguments.of("missing tag", " NOOP\r\n", "\\* BAD .*|.* BAD .*"),
        Arguments.of("NUL byte in a line", "a1 NOOP\0 x\r\n", "a1 BAD .*"),
        Arguments.of("bare CR", "a1 NO\rOP\r\n", "a1 BAD .*"),
        Arguments.of("line of a megabyte", "a1 SEARCH SUBJECT " + megabyte + "\r\n", "a1 BAD \\[TOOBIG\\].*"),
        Arguments.of("nesting too deep", "a1 SEARCH " + "(".repeat(200) + "ALL" + ")".repeat(200) + "\r\n",
            "a1 BAD .*"),
        Arguments.of("huge synchronising literal", "a1 APPEND INBOX {50000000000}\r\n", "a1 (NO|BAD) \\[TOOBIG\\].*"),
        Arguments.of("non-synchronising literal over LITERAL-", "a1 APPEND INBOX {5000+}\r\n" + "y".repeat(5000)
            + "\r\n", "a1 BAD \\[TOOBIG\\].*"),
        Arguments.of("command of the wrong state", "a1 LOGIN mallory pw\r\n", "a1 BAD .*"),
        Arguments.of("flag that may not be stored", "a1 STORE 1 +FLAGS (\\Recent)\r\n", "a1 BAD .*"),
        Arguments.of("date that does not exist", "a1 SEARCH SINCE 31-Feb-2026x\r\n", "a1 BAD .*"),
        Arguments.of("bad modified UTF-7", "a1 CREATE \"&Jjo\"\r\n", "a1 (BAD|NO) .*"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedCommands")
  void aMalformedCommandGetsAReasonAndTheSessionGoesOn(String what, String bytes, String answer) throws Exception {
    try (ImapTestClient client = loggedIn()) {
      client.send(bytes.getBytes(StandardCharsets.ISO_8859_1));
      String line = client.readLine();
      assertThat(line).as(what).matches(answer);
      assertThat(line.length()).as("a reason is given").isGreaterThan(8);

      client.command("NOOP").requireOk();
      bystander.command("NOOP").requireOk();
    }
  }

  @Test
  void beforeLoginAFewBadCommandsEndTheSession() throws Exception {
    try (ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
      client.sendLine("a1 FETCH 1 FLAGS");
      client.sendLine("a2 BLAH");
      client.sendLine("a3 ((");
      assertThat(client.readLine()).startsWith("a1 BAD");
      assertThat(client.readLine()).startsWith("a2 BAD");
      assertThat(client.readLine()).startsWith("a3 BAD");
      assertThat(client.readLine()).startsWith("* BYE").contains("invalid");
    }
    bystander.command("NOOP").requireOk();
  }

  @Test
  void beforeLoginLinesAreShort() throws Exception {
    try (ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
      client.sendLine("a1 LOGIN " + "u".repeat(5000) + " pw");
      assertThat(client.readLine()).matches("a1 BAD \\[TOOBIG\\].*");
      client.login("mallory", "pw");
    }
  }

  @Test
  void aClientThatNeverLogsInIsDisconnected() throws Exception {
    try (ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
      client.setTimeout(Duration.ofSeconds(10));
      assertThat(client.readLine()).startsWith("* BYE").contains("Login timeout");
    }
  }

  /**
   * Failed logins from one address are answered ever more slowly, and an unknown user gets exactly
   * the answer of a wrong password, so neither reveals which user names exist.
   */
  @Test
  void failedLoginsAreAnsweredEverMoreSlowlyAndAlike() throws Exception {
    try (ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
      String[] logins = {"LOGIN mallory wrong", "LOGIN nobody-here pw", "LOGIN mallory wrong-again"};
      String[] answers = new String[logins.length];
      long[] millis = new long[logins.length];
      for (int i = 0; i < logins.length; i++) {
        long start = System.nanoTime();
        String tagged = client.command(logins[i]).tagged().text();
        millis[i] = (System.nanoTime() - start) / 1_000_000;
        answers[i] = tagged.substring(tagged.indexOf(' '));
      }
      assertThat(answers[0]).isEqualTo(" NO [AUTHENTICATIONFAILED] Authentication failed");
      assertThat(answers).containsOnly(answers[0]);
      assertThat(millis[2]).isGreaterThan(millis[0]).isGreaterThanOrEqualTo(900);
    }
  }

  @Test
  void aSaslAuthorizationIdentityOfAnotherUserIsRefused() throws Exception {
    try (ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
      String asBystander = java.util.Base64.getEncoder().encodeToString(
          "bystander\0mallory\0pw".getBytes(StandardCharsets.UTF_8));
      assertThat(client.command("AUTHENTICATE PLAIN " + asBystander).tagged().text())
          .contains("NO [AUTHORIZATIONFAILED]");
    }
  }

  @Test
  void sessionsPerUserAndInTotalAreCapped() throws Exception {
    try (ImapTestClient first = ImapTestClient.connect("127.0.0.1", gateway.imapPort);
         ImapTestClient second = ImapTestClient.connect("127.0.0.1", gateway.imapPort);
         ImapTestClient third = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
      first.login("crowd", "pw");
      second.login("crowd", "pw");
      assertThat(third.command("LOGIN crowd pw").tagged().text()).contains("NO [LIMIT]");
    }
    java.util.List<ImapTestClient> many = new java.util.ArrayList<>();
    try {
      String refused = null;
      for (int i = 0; i < 10 && refused == null; i++) {
        ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort);
        many.add(client);
        if (client.greeting().startsWith("* BYE")) {
          refused = client.greeting();
        }
      }
      assertThat(refused).as("a connection over the total cap").isNotNull().contains("[LIMIT]");
    } finally {
      for (ImapTestClient client : many) {
        client.close();
      }
    }
    bystander.command("NOOP").requireOk();
  }
}
