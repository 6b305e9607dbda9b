package org.lemongate.pop.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.PopConfig;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.PopRecord;
import org.lemongate.store.StoreResults.FlagMode;
import org.lemongate.testing.RawPop3;
import org.lemongate.testing.ScriptedPop3Server;
import org.lemongate.testing.ScriptedReply;

/**
 * The invariants of design.md that the sync engine carries, checked against a model over random
 * sequences of what users and other mail clients do.
 */
class PopSyncInvariantsTest {
  @TempDir
  Path storeDir;

  /**
   * Invariants 1, 2 and 4 under 200 random steps: deliveries, deletions by another POP client,
   * expunges and moves in the gateway, flag changes, syncs.
   */
  @Test
  void randomHistoriesNeverLoseDuplicateOrWronglyDeleteAnything() throws Exception {
    Random random = new Random(20261127);
    ScriptedPop3Server.Builder builder = ScriptedPop3Server.builder().user("alice", "pw");
    for (int i = 0; i < 10; i++) {
      builder.message("alice", "m" + i, "Subject: m" + i + "\n\nbody " + i + "\n");
    }
    int nextMessage = 10;
    try (ScriptedPop3Server server = builder.start();
         SyncFixture gateway = new SyncFixture(storeDir, server.backend(), Duration.ofHours(1))) {
      await(gateway.login("alice", "pw"));
      gateway.sync("alice");
      MailboxRecord archive = await(gateway.store.createMailbox("alice", "Archive", "\\Archive"));

      Set<String> expungedByUser = new HashSet<>();
      Set<String> removedByOthers = new HashSet<>();
      Set<Long> uidsSeen = new HashSet<>();
      long highestUidSeen = 0;
      long lastModSeq = 0;
      for (int step = 0; step < 200; step++) {
        List<MessageRecord> inbox = gateway.inbox("alice");
        switch (random.nextInt(6)) {
          case 0 -> server.deliver("alice", "m" + nextMessage, "Subject: m" + nextMessage + "\n\nbody "
              + "x".repeat(random.nextInt(200)) + nextMessage++ + "\n");
          case 1 -> {
            // Another POP client deletes a message; its QUIT is applied before the next step.
            server.awaitSessionsEnded();
            List<String> onServer = server.uids("alice");
            if (!onServer.isEmpty()) {
              int number = 1 + random.nextInt(onServer.size());
              try (RawPop3 other = RawPop3.login(ScriptedPop3Server.HOST, server.port(), "alice", "pw")) {
                other.command("DELE " + number);
              }
              server.awaitSessionsEnded();
              removedByOthers.add(onServer.get(number - 1));
            }
          }
          case 2 -> {
            if (!inbox.isEmpty()) {
              MessageRecord victim = inbox.get(random.nextInt(inbox.size()));
              await(gateway.store.expunge("alice", MailboxRecord.INBOX_ID, List.of(victim.uid())));
              expungedByUser.add(victim.uidl());
            }
          }
          case 3 -> {
            if (!inbox.isEmpty()) {
              MessageRecord moved = inbox.get(random.nextInt(inbox.size()));
              await(gateway.store.move("alice", MailboxRecord.INBOX_ID, List.of(moved.uid()), archive.id()));
              expungedByUser.add(moved.uidl());
            }
          }
          case 4 -> {
            if (!inbox.isEmpty()) {
              MessageRecord flagged = inbox.get(random.nextInt(inbox.size()));
              await(gateway.store.storeFlags("alice", MailboxRecord.INBOX_ID, List.of(flagged.uid()),
                  FlagMode.ADD, List.of("\\Deleted", "\\Seen"), null));
            }
          }
          default -> {
            server.awaitSessionsEnded();
            List<String> before = server.uids("alice");
            gateway.sync("alice");
            server.awaitSessionsEnded();
            List<String> after = server.uids("alice");

            // Invariant 1: whatever left the server was expunged by the user or removed by another client.
            Set<String> gone = new HashSet<>(before);
            gone.removeAll(after);
            assertThat(expungedByUser).as("step %d: deleted by the gateway", step).containsAll(gone);

            // Invariant 2: every message on the server is in INBOX exactly once, unless the user expunged it.
            Map<String, Integer> inInbox = new HashMap<>();
            List<MessageRecord> synced = gateway.inbox("alice");
            synced.forEach(m -> inInbox.merge(m.uidl(), 1, Integer::sum));
            for (String uid : after) {
              if (!expungedByUser.contains(uid)) {
                assertThat(inInbox.get(uid)).as("step %d: %s in INBOX", step, uid).isEqualTo(1);
              }
            }
            assertThat(after).as("step %d: INBOX holds only what the server has", step)
                .containsAll(inInbox.keySet());

            // Invariant 4: UIDs ascend and are never reused; MODSEQ only grows.
            for (MessageRecord message : synced) {
              if (uidsSeen.add(message.uid())) {
                assertThat(message.uid()).as("step %d: a new UID", step).isGreaterThan(highestUidSeen);
                highestUidSeen = message.uid();
              }
            }
            long modSeq = await(gateway.store.mailbox("alice", "INBOX")).highestModSeq();
            assertThat(modSeq).isGreaterThanOrEqualTo(lastModSeq);
            lastModSeq = modSeq;
            StoreConsistency.check(gateway.store, "alice");
          }
        }
      }
      assertThat(removedByOthers).isNotEmpty();
      assertThat(expungedByUser).isNotEmpty();
    }
  }

  @Test
  void withoutUidlIdenticalMessagesAreMirroredButNeverDeleted() throws Exception {
    try (ScriptedPop3Server server = ScriptedPop3Server.builder().uidl(false).user("alice", "pw")
        .message("alice", "Subject: same\n\nfirst copy\n")
        .message("alice", "Subject: same\n\nsecond copy, same headers\n")
        .message("alice", "Subject: unique\n\nonly one\n")
        .start();
         SyncFixture gateway = new SyncFixture(storeDir, server.backend(), Duration.ofHours(1))) {
      await(gateway.login("alice", "pw"));
      gateway.sync("alice");
      assertThat(gateway.inbox("alice")).hasSize(3);

      await(gateway.store.expunge("alice", MailboxRecord.INBOX_ID, List.of(1L, 3L)));
      SyncOutcome outcome = gateway.sync("alice");
      server.awaitSessionsEnded();

      assertThat(outcome.deleted()).isEqualTo(1);
      assertThat(server.commands()).contains("DELE 3").doesNotContain("DELE 1", "DELE 2");
      assertThat(server.uids("alice")).hasSize(2);
      assertThat(gateway.inbox("alice")).hasSize(1);
    }
  }

  /** A maildrop that suddenly lists nothing is believed only when a second listing says so too. */
  @Test
  void aSuddenlyEmptyMaildropIsExpungedOnlyOnceASecondListingConfirmsIt() throws Exception {
    ScriptedPop3Server.Builder builder = ScriptedPop3Server.builder().user("alice", "pw");
    for (int i = 0; i < 12; i++) {
      builder.message("alice", "m" + i, "Subject: " + i + "\n\nbody\n");
    }
    try (ScriptedPop3Server server = builder.start();
         SyncFixture gateway = new SyncFixture(storeDir, server.backend(), Duration.ofHours(1))) {
      await(gateway.login("alice", "pw"));
      gateway.sync("alice");
      server.awaitSessionsEnded();
      try (RawPop3 other = RawPop3.login(ScriptedPop3Server.HOST, server.port(), "alice", "pw")) {
        for (int i = 1; i <= 12; i++) {
          other.command("DELE " + i);
        }
      }
      server.awaitSessionsEnded();

      SyncOutcome first = gateway.sync("alice");
      assertThat(first.vanishHeldBack()).isTrue();
      assertThat(gateway.inbox("alice")).hasSize(12);

      SyncOutcome second = gateway.sync("alice");
      assertThat(second.vanishHeldBack()).isFalse();
      assertThat(second.vanished()).isEqualTo(12);
      assertThat(gateway.inbox("alice")).isEmpty();
    }
  }

  /** A UIDL that vanished and comes back is a new message: a new UID, never the old one again. */
  @Test
  void aUidlThatComesBackAfterVanishingIsANewMessage() throws Exception {
    try (ScriptedPop3Server server = ScriptedPop3Server.builder().user("alice", "pw")
        .message("alice", "reused", "Subject: old\n\nold content\n").message("alice", "other", "Subject: x\n\nx\n")
        .start();
         SyncFixture gateway = new SyncFixture(storeDir, server.backend(), Duration.ofHours(1))) {
      await(gateway.login("alice", "pw"));
      gateway.sync("alice");
      long oldUid = gateway.inbox("alice").get(0).uid();
      server.awaitSessionsEnded();
      try (RawPop3 other = RawPop3.login(ScriptedPop3Server.HOST, server.port(), "alice", "pw")) {
        other.command("DELE 1");
      }
      server.awaitSessionsEnded();
      gateway.sync("alice");
      server.deliver("alice", "reused", "Subject: new\n\nquite different content\n");

      gateway.sync("alice");

      MessageRecord back = gateway.inbox("alice").stream().filter(m -> m.uidl().equals("reused")).findFirst()
          .orElseThrow();
      assertThat(back.uid()).isGreaterThan(oldUid).isNotEqualTo(oldUid);
      assertThat(new String(gateway.body("alice", back), java.nio.charset.StandardCharsets.UTF_8))
          .contains("quite different content");
    }
  }

  /** Invariant 8: logins and syncs of one user asked for all at once never overlap on POP. */
  @Test
  void oneUserNeverHasTwoPopConnectionsAtOnce() throws Exception {
    ScriptedPop3Server.Builder builder = ScriptedPop3Server.builder().user("alice", "pw");
    for (int i = 0; i < 50; i++) {
      builder.message("alice", "Subject: " + i + "\n\n" + "y".repeat(2000) + "\n");
    }
    try (ScriptedPop3Server server = builder.start();
         SyncFixture gateway = new SyncFixture(storeDir, new PopConfig(Duration.ofHours(1), Duration.ofSeconds(1),
             Duration.ZERO, 64L << 20, server.backend(), Map.of()))) {
      await(gateway.login("alice", "pw"));
      List<io.vertx.core.Future<?>> all = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        all.add(gateway.login("alice", "pw"));
        all.add(gateway.vertx.eventBus().request(org.lemongate.events.Addresses.POP_SYNC, "alice"));
      }
      await(io.vertx.core.Future.join(all), 60);

      // The server refuses a second session of a user with [IN-USE]: any overlap fails a request.
      for (io.vertx.core.Future<?> request : all) {
        assertThat(request.succeeded()).as(String.valueOf(request.cause())).isTrue();
      }
      assertThat(server.connectionsAccepted()).isGreaterThan(10);
      assertThat(gateway.inbox("alice")).hasSize(50);
      assertThat(await(gateway.store.popRecords("alice")).values())
          .allMatch(record -> record.state() == PopRecord.State.PRESENT);
    }
  }

  /**
   * The server ends a session after answering QUIT, and may hold the maildrop's lock until then: the
   * user's next POP session waits for the connection to close, or the server would refuse it [IN-USE].
   */
  @Test
  void theNextSessionWaitsUntilTheServerHasEndedTheLastOne() throws Exception {
    try (ScriptedPop3Server server = ScriptedPop3Server.builder().user("alice", "pw")
             .message("alice", "Subject: one\n\nbody\n")
             .on("QUIT", ScriptedReply.thenLinger(Duration.ofMillis(500))).start();
         SyncFixture gateway = new SyncFixture(storeDir, server.backend(), Duration.ofHours(1))) {
      await(gateway.login("alice", "pw"));
      gateway.sync("alice");
      server.deliver("alice", "two", "Subject: two\n\nbody\n");
      SyncOutcome outcome = gateway.sync("alice");

      assertThat(outcome.downloaded()).isEqualTo(1);
      assertThat(gateway.inbox("alice")).hasSize(2);
    }
  }
}
