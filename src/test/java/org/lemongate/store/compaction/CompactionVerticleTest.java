package org.lemongate.store.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.StoreConfig;
import org.lemongate.store.MailStore;
import org.lemongate.store.MailboxRecord;
import org.lemongate.store.MessageRecord;
import org.lemongate.store.StoreResults.PopDownload;

class CompactionVerticleTest {
  @TempDir
  Path dir;
  Vertx vertx;
  MailStore store;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    StoreConfig config = new StoreConfig(dir, 4, Duration.ofHours(1), Duration.ZERO, Duration.ZERO);
    store = MailStore.open(vertx, config);
    await(vertx.deployVerticle(new CompactionVerticle(store, config)));
  }

  @AfterEach
  void stop() {
    await(vertx.close());
    store.close();
  }

  /** 200 messages of 40 KB of incompressible text each: about 8 MB. */
  private void fillInbox() {
    Random random = new Random(42);
    List<PopDownload> downloads = new ArrayList<>();
    for (int i = 1; i <= 200; i++) {
      StringBuilder body = new StringBuilder("Subject: message " + i + "\r\n\r\n");
      while (body.length() < 40_000) {
        body.append(Long.toString(random.nextLong(), 36)).append(i % 7 == 0 ? "\r\n" : " ");
      }
      byte[] raw = body.toString().getBytes(StandardCharsets.US_ASCII);
      downloads.add(new PopDownload("uidl-" + i, raw.length, raw));
    }
    await(store.storeFromPop("alice", downloads));
  }

  private JsonObject runRound() {
    return await(vertx.eventBus().<JsonObject>request(CompactionVerticle.RUN_NOW, null)).body();
  }

  @Test
  void massExpungeShrinksTheStoreAndKeepsEveryReferencedBody() {
    fillInbox();
    MailboxRecord kept = await(store.createMailbox("alice", "Kept", null));
    await(store.copy("alice", MailboxRecord.INBOX_ID, List.of(5L), kept.id()));
    runRound();
    long full = store.sizeOnDisk();

    await(store.expunge("alice", MailboxRecord.INBOX_ID, LongStream.rangeClosed(1, 190).boxed().toList()));
    JsonObject report = runRound();

    assertThat(report.getInteger("reclaimedBodies")).isEqualTo(189);
    assertThat(report.getBoolean("compacted")).isTrue();
    assertThat(store.sizeOnDisk()).isLessThan(full / 3);
    List<MessageRecord> survivors = new ArrayList<>(await(store.snapshot("alice", MailboxRecord.INBOX_ID)).messages());
    survivors.addAll(await(store.snapshot("alice", kept.id())).messages());
    assertThat(survivors).hasSize(11);
    for (MessageRecord message : survivors) {
      byte[] body = await(store.body("alice", message.blobId()));
      assertThat(body).as("body of a message still in a mailbox").isNotNull().hasSize((int) message.size());
    }
  }

  @Test
  void purgingVanishedRecordsRaisesTheHistoryStart() {
    fillInbox();
    await(store.expunge("alice", MailboxRecord.INBOX_ID, List.of(1L, 2L)));
    long highest = await(store.mailbox("alice", "INBOX")).highestModSeq();

    JsonObject report = runRound();

    assertThat(report.getInteger("purgedVanished")).isEqualTo(2);
    MailboxRecord inbox = await(store.mailbox("alice", "INBOX"));
    assertThat(inbox.historyStartModSeq()).isEqualTo(highest);
    assertThat(await(store.changesSince("alice", MailboxRecord.INBOX_ID, 1)).historyLost()).isTrue();
  }
}
