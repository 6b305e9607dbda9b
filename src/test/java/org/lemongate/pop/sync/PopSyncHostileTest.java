package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;
import static org.lemongate.testing.Await.failureOf;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.PopConfig;
import org.lemongate.events.Addresses;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.PopRecord;
import org.lemongate.testing.LogCapture;
import org.lemongate.testing.ScriptedPop3Server;
import org.lemongate.testing.ScriptedReply;

/**
 * A hostile POP server (design invariant 7): for each misbehaviour, the sync of its user fails with
 * a clear reason in the log, the store stays consistent, and a user of another, healthy server keeps
 * syncing meanwhile.
 */
class PopSyncHostileTest {
  private static final String MALLORY = "mallory@evil.example";
  private static final String ALICE = "alice@good.example";

  @TempDir
  Path storeDir;

  /** Runs one hostile case against Mallory's server and asserts the common outcome. */
  private void hostileCase(UnaryOperator<ScriptedPop3Server.Builder> misbehaviour, String expectedReason)
      throws Exception {
    try (ScriptedPop3Server good = ScriptedPop3Server.builder().user(ALICE, "pw")
        .message(ALICE, "Subject: hi\n\nhello\n").start();
         ScriptedPop3Server evil = misbehaviour.apply(ScriptedPop3Server.builder().user(MALLORY, "pw")
             .message(MALLORY, "u1", "Subject: one\n\n1\n")
             .message(MALLORY, "u2", "Subject: two\n\n2\n")
             .message(MALLORY, "u3", "Subject: three\n\n3\n")).start();
         LogCapture log = new LogCapture()) {
      PopConfig pop = new PopConfig(Duration.ofHours(1), Duration.ofSeconds(1), Duration.ZERO, 64L << 20,
          good.backend(), Map.of("good.example", good.backend(), "evil.example", evil.backend()));
      try (SyncFixture gateway = new SyncFixture(storeDir, pop)) {
        await(gateway.login(ALICE, "pw"));
        gateway.sync(ALICE);
        // The login succeeds; the sync it starts meets the misbehaviour.
        await(gateway.login(MALLORY, "pw"));

        assertThat(PopSyncDovecotTest.waitFor(() -> log.lines().stream().anyMatch(line -> line.startsWith("WARN")
            && line.contains(MALLORY) && line.contains(expectedReason)), Duration.ofSeconds(15)))
            .as("a warning naming %s and \"%s\" in %s", MALLORY, expectedReason, log.lines()).isTrue();
        good.deliver(ALICE, "u-new", "Subject: still syncing\n\nyes\n");
        assertThat(gateway.sync(ALICE).downloaded()).isEqualTo(1);
        StoreConsistency.check(gateway.store, MALLORY);
        StoreConsistency.check(gateway.store, ALICE);
        assertThat(evil.commands()).noneMatch(line -> line.startsWith("DELE"));
        assertThat(gateway.downloadMemoryHeld()).as("download memory still held after the failure").isZero();
      }
    }
  }

  @Test
  void aMultiLineAnswerWithoutItsTerminatingDot() throws Exception {
    hostileCase(b -> b.on("UIDL", ScriptedReply.unterminated()), "did not answer");
  }

  @Test
  void aTenMegabyteLine() throws Exception {
    hostileCase(b -> b.on("RETR 2", ScriptedReply.endlessLine(10L * 1024 * 1024)), "line");
  }

  @Test
  void aConnectionDroppedInTheMiddleOfRetr() throws Exception {
    hostileCase(b -> b.on("RETR 2", ScriptedReply.truncated(30)), "closed the connection");
  }

  @Test
  void duplicateUidls() throws Exception {
    hostileCase(b -> b.on("UIDL", ScriptedReply.raw("+OK\r\n1 u1\r\n2 u1\r\n3 u3\r\n.\r\n")), "the same unique-id");
  }

  @Test
  void aMessageCountThatChangesBetweenListAndUidl() throws Exception {
    hostileCase(b -> b.on("UIDL", ScriptedReply.raw("+OK\r\n1 u1\r\n2 u2\r\n3 u3\r\n4 u4\r\n.\r\n")),
        "listed 3 messages in answer to LIST but 4 in answer to UIDL");
  }

  /** STAT goes out together with LIST and UIDL; its count must still agree with theirs. */
  @Test
  void aStatThatCountsOtherMessagesThanTheListing() throws Exception {
    hostileCase(b -> b.on("STAT", ScriptedReply.raw("+OK 2 40\r\n")), "STAT counts 2 messages but LIST lists 3");
  }

  @Test
  void aServerThatNeverAnswers() throws Exception {
    hostileCase(b -> b.on("LIST", ScriptedReply.silence()), "did not answer");
  }

  /** -ERR to QUIT: the server did not commit the deletion, so it stays pending and is retried. */
  @Test
  void anErrorToQuitKeepsTheDeletionPending() throws Exception {
    try (ScriptedPop3Server evil = ScriptedPop3Server.builder().user(MALLORY, "pw")
        .message(MALLORY, "u1", "Subject: one\n\n1\n").message(MALLORY, "u2", "Subject: two\n\n2\n")
        .on("QUIT", ScriptedReply.line("-ERR [SYS/TEMP] disk full")).start();
         LogCapture log = new LogCapture();
         SyncFixture gateway = new SyncFixture(storeDir, evil.backend(), Duration.ofHours(1))) {
      await(gateway.login(MALLORY, "pw"));
      failureOf(gateway.vertx.eventBus().request(Addresses.POP_SYNC, MALLORY));
      StoreConsistency.check(gateway.store, MALLORY);
      assertThat(gateway.inbox(MALLORY)).hasSize(2);
      await(gateway.store.expunge(MALLORY, MailboxRecord.INBOX_ID, List.of(1L)));

      failureOf(gateway.vertx.eventBus().request(Addresses.POP_SYNC, MALLORY));
      evil.awaitSessionsEnded();

      assertThat(evil.commands()).contains("DELE 1");
      assertThat(evil.uids(MALLORY)).containsExactly("u1", "u2");
      assertThat(await(gateway.store.popRecords(MALLORY)).get("u1").state()).isEqualTo(PopRecord.State.DELETE_PENDING);
      assertThat(log.lines()).anyMatch(line -> line.startsWith("WARN") && line.contains("disk full"));
    }
  }
}
