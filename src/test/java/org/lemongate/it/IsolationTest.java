package org.lemongate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.ImapTestClient;

/**
 * Design invariant 5: a session of one user reaches only that user's data, whatever the command,
 * even for users whose names differ only in case or by a domain, all logged in at once.
 */
class IsolationTest {
  private static final List<String> USERS = List.of("carol", "Carol", "carol@example.org");

  @TempDir
  static Path storeDir;
  static DovecotPop3 dovecot;
  static GatewayFixture gateway;
  static final Map<String, ImapTestClient> sessions = new LinkedHashMap<>();

  @BeforeAll
  static void start() throws Exception {
    dovecot = DovecotPop3.start();
    gateway = GatewayFixture.start(dovecot, storeDir);
    for (int u = 0; u < USERS.size(); u++) {
      String user = USERS.get(u);
      dovecot.addUser(user, "pw" + u);
      for (int m = 0; m <= u; m++) {
        dovecot.deliver(user, "Subject: for " + user + " #" + m + "\n\nsecret of " + user + "\n");
      }
    }
    for (int u = 0; u < USERS.size(); u++) {
      ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort);
      client.login(USERS.get(u), "pw" + u);
      sessions.put(USERS.get(u), client);
    }
    for (int u = 0; u < USERS.size(); u++) {
      awaitMessages(sessions.get(USERS.get(u)), u + 1);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    for (ImapTestClient client : sessions.values()) {
      client.close();
    }
    gateway.close();
    dovecot.close();
  }

  private static void awaitMessages(ImapTestClient client, int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      String status = client.command("STATUS INBOX (MESSAGES)").requireOk().untagged().get(0).text();
      if (status.contains("MESSAGES " + count + ")")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the first sync did not bring " + count + " messages");
  }

  /** Every answer a user gets, to every kind of command, names only that user's mail. */
  @Test
  void noCommandOfOneUserSeesAnotherUsersData() throws Exception {
    for (int u = 0; u < USERS.size(); u++) {
      String user = USERS.get(u);
      ImapTestClient client = sessions.get(user);
      List<String> answers = new ArrayList<>();
      for (String command : List.of("SELECT INBOX", "FETCH 1:* (FLAGS ENVELOPE BODY[TEXT])",
          "UID FETCH 1:100 (BODY.PEEK[])", "SEARCH TEXT secret", "UID SEARCH ALL", "STORE 1 +FLAGS ($Mine" + u + ")",
          "COPY 1 Archive", "STATUS Archive (MESSAGES)", "LIST \"\" *")) {
        answers.add(withLiterals(client.command(command).requireOk()));
      }

      String all = String.join("\n", answers);
      assertThat(all).as("answers to %s", user).contains("secret of " + user);
      for (String other : USERS) {
        if (!other.equals(user)) {
          assertThat(all).as("answers to %s", user).doesNotContain("for " + other + " #")
              .doesNotContain("secret of " + other + "\r");
        }
      }
      assertThat(answers.get(7)).contains("MESSAGES 1)");
    }
    // What one user changed did not change the others: each sees only its own keyword.
    for (int u = 0; u < USERS.size(); u++) {
      String flags = sessions.get(USERS.get(u)).command("FETCH 1:* FLAGS").requireOk().toString();
      for (int v = 0; v < USERS.size(); v++) {
        if (v == u) {
          assertThat(flags).contains("$Mine" + v);
        } else {
          assertThat(flags).doesNotContain("$Mine" + v);
        }
      }
    }
  }

  /** The answer's lines and the bytes of its literals. */
  private static String withLiterals(ImapTestClient.Result result) {
    StringBuilder text = new StringBuilder(result.toString());
    for (ImapTestClient.Response response : result.untagged()) {
      for (byte[] literal : response.literals()) {
        text.append('\n').append(new String(literal, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return text.toString();
  }

  /** An expunge by one user neither removes nor announces anything in another user's session. */
  @Test
  void anExpungeStaysWithItsUser() throws Exception {
    ImapTestClient upper = sessions.get("Carol");
    ImapTestClient lower = sessions.get("carol");
    upper.command("SELECT INBOX").requireOk();
    lower.command("SELECT INBOX").requireOk();

    upper.command("STORE 1 +FLAGS.SILENT (\\Deleted)").requireOk();
    upper.command("EXPUNGE").requireOk();
    ImapTestClient.Result noop = lower.command("NOOP").requireOk();

    assertThat(noop.untagged()).noneMatch(response -> response.text().contains("EXPUNGE"));
    assertThat(lower.command("STATUS INBOX (MESSAGES)").requireOk().untagged().get(0).text())
        .contains("MESSAGES 1)");
  }
}
