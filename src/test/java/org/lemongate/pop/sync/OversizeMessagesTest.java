package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.testing.ScriptedPop3Server;
import org.lemongate.testing.ScriptedReply;

/**
 * Messages over the size limit: INBOX shows a notice in their place (invariant 2 holds), they stay
 * on the server until the user deletes the notice, and a server whose LIST understates a size
 * cannot stop the sync at that message.
 */
class OversizeMessagesTest {
  private static final long LIMIT = 1L << 20;
  private static final String BIG = "Subject: the big one\nFrom: sender@example.org\n\n" + "x".repeat(70).concat("\n")
      .repeat(29_100);

  @TempDir
  Path storeDir;

  private static ScriptedPop3Server.Builder smallBigSmall() {
    return ScriptedPop3Server.builder().user("alice", "pw")
        .message("alice", "u1", "Subject: first\n\nsmall\n")
        .message("alice", "u2", BIG)
        .message("alice", "u3", "Subject: third\n\nsmall too\n");
  }

  private static SyncFixture gateway(Path storeDir, ScriptedPop3Server server) {
    return new SyncFixture(storeDir, server.backend().withMaxMessageBytes(LIMIT), Duration.ofHours(1));
  }

  /** How many messages INBOX holds; 0 before the first sync has made it. */
  private static int inboxSize(SyncFixture gateway) {
    try {
      return gateway.inbox("alice").size();
    } catch (RuntimeException noInboxYet) {
      return 0;
    }
  }

  private static String text(SyncFixture gateway, MessageRecord message) {
    return new String(gateway.body("alice", message), StandardCharsets.ISO_8859_1);
  }

  @Test
  void aMessageListedOverTheLimitIsShownAsANoticeAndDeletedOnlyWithIt() throws Exception {
    try (ScriptedPop3Server server = smallBigSmall().start(); SyncFixture gateway = gateway(storeDir, server)) {
      await(gateway.login("alice", "pw"));
      gateway.sync("alice");
      List<MessageRecord> inbox = gateway.inbox("alice");

      assertThat(inbox).hasSize(3);
      assertThat(text(gateway, inbox.get(0))).contains("Subject: first");
      assertThat(text(gateway, inbox.get(1))).contains("Subject: [Too large to show] the big one\r\n",
          "From: sender@example.org\r\n", "this one is 2.0 MB").hasSizeLessThan(4_000);
      assertThat(text(gateway, inbox.get(2))).contains("Subject: third");
      assertThat(server.commands()).contains("TOP 2 0").doesNotContain("RETR 2");

      assertThat(gateway.sync("alice")).isEqualTo(new SyncOutcome(0, 0, 0, 0, false));
      assertThat(server.uids("alice")).containsExactly("u1", "u2", "u3");

      await(gateway.store.expunge("alice", MailboxRecord.INBOX_ID, List.of(inbox.get(1).uid())));
      assertThat(gateway.sync("alice").deleted()).isEqualTo(1);
      server.awaitSessionsEnded();
      assertThat(server.uids("alice")).containsExactly("u1", "u3");
      StoreConsistency.check(gateway.store, "alice");
    }
  }

  @Test
  void aListingThatUnderstatesASizeCannotStopTheSyncThere() throws Exception {
    try (ScriptedPop3Server server = smallBigSmall()
             .on("LIST", ScriptedReply.raw("+OK 3 messages\r\n1 24\r\n2 3000\r\n3 28\r\n.\r\n")).start();
         SyncFixture gateway = gateway(storeDir, server)) {
      // The login's sync crosses the limit in RETR 2 and ends; the next one, at once, shows a notice.
      await(gateway.login("alice", "pw"));

      assertThat(PopSyncDovecotTest.waitFor(() -> inboxSize(gateway) == 3, Duration.ofSeconds(10)))
          .as("all three messages in INBOX").isTrue();
      List<MessageRecord> inbox = gateway.inbox("alice");
      assertThat(text(gateway, inbox.get(1))).contains("Subject: [Too large to show] the big one",
          "this one is over 1.0 MB");
      assertThat(text(gateway, inbox.get(2))).contains("Subject: third");
      assertThat(server.commands()).containsOnlyOnce("RETR 2");
      StoreConsistency.check(gateway.store, "alice");
    }
  }

  @Test
  void aServerWithoutTopStillGetsANotice() throws Exception {
    try (ScriptedPop3Server server = smallBigSmall().on("TOP", ScriptedReply.line("-ERR no TOP here")).start();
         SyncFixture gateway = gateway(storeDir, server)) {
      await(gateway.login("alice", "pw"));
      gateway.sync("alice");

      List<MessageRecord> inbox = gateway.inbox("alice");
      assertThat(inbox).hasSize(3);
      assertThat(text(gateway, inbox.get(1))).contains("Subject: [Too large to show] a message of 2.0 MB");
    }
  }

  @Test
  void aHeaderOverTheLimitToo() throws Exception {
    String endlessHeader = "+OK\r\n" + ("X-Pad: " + "p".repeat(990) + "\r\n").repeat(1_100) + ".\r\n";
    try (ScriptedPop3Server server = smallBigSmall()
             .on("LIST", ScriptedReply.raw("+OK 3 messages\r\n1 24\r\n2 3000\r\n3 28\r\n.\r\n"))
             .on("TOP 2 0", ScriptedReply.raw(endlessHeader)).start();
         SyncFixture gateway = gateway(storeDir, server)) {
      // RETR 2 crosses the limit, then TOP 2 0 does; the third sync makes the notice without the header.
      await(gateway.login("alice", "pw"));

      assertThat(PopSyncDovecotTest.waitFor(() -> inboxSize(gateway) == 3, Duration.ofSeconds(10)))
          .as("all three messages in INBOX").isTrue();
      List<MessageRecord> inbox = gateway.inbox("alice");
      assertThat(text(gateway, inbox.get(0))).contains("Subject: first");
      assertThat(text(gateway, inbox.get(1))).contains("Subject: [Too large to show] a message of over 1.0 MB");
      assertThat(server.commands()).containsOnlyOnce("RETR 2").containsOnlyOnce("TOP 2 0");
    }
  }
}
