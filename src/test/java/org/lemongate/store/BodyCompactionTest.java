package org.lemongate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.testing.Await.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.StoreConfig;
import org.lemongate.store.StoreResults.PopDownload;

/**
 * Compaction of the body files: live bodies move out of mostly dead segments, empty segments go,
 * and no body a message refers to is ever lost or damaged, even while sessions read and syncs write.
 */
class BodyCompactionTest {
  /** Small segments, so a few hundred messages fill dozens of them. */
  private static final long SEGMENT_BYTES = 128 * 1024;

  @TempDir
  Path dir;
  Vertx vertx;
  MailStore store;
  /** What each message of a user's INBOX must read as, by user and UID. */
  final Map<String, Map<Long, byte[]>> expected = new ConcurrentHashMap<>();
  final Random random = new Random(17);
  int nextUidl = 1;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store = MailStore.open(vertx, new StoreConfig(dir, 4, Duration.ofHours(1), Duration.ZERO, Duration.ofDays(1)),
        SEGMENT_BYTES);
  }

  @AfterEach
  void close() {
    store.close();
    await(vertx.close());
  }

  /**
   * Stores {@code count} messages of 3-20 KB of random text, ten per commit (about one segment),
   * remembering their bytes by UID.
   */
  private Future<Void> deliver(String user, int count) {
    Future<Void> delivered = Future.succeededFuture();
    for (int i = 0; i < count; i += 10) {
      int batch = Math.min(10, count - i);
      delivered = delivered.compose(v -> deliverBatch(user, batch));
    }
    return delivered;
  }

  private synchronized Future<Void> deliverBatch(String user, int count) {
    List<PopDownload> downloads = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String uidl = "m" + nextUidl++;
      StringBuilder text = new StringBuilder("Subject: " + uidl + "\r\n\r\n");
      int length = 3_000 + random.nextInt(17_000);
      while (text.length() < length) {
        text.append(Long.toString(random.nextLong(), 36)).append(random.nextInt(9) == 0 ? "\r\n" : " ");
      }
      byte[] raw = text.toString().getBytes(StandardCharsets.US_ASCII);
      downloads.add(new PopDownload(uidl, raw.length, raw));
    }
    return store.storeFromPop(user, downloads).map(uids -> {
      for (int i = 0; i < uids.size(); i++) {
        expected.computeIfAbsent(user, u -> new ConcurrentHashMap<>()).put(uids.get(i), downloads.get(i).raw());
      }
      return null;
    });
  }

  /** Expunges all but every third message of each user and reclaims their bodies at once. */
  private void expungeTwoThirds() {
    expected.forEach((user, messages) -> {
      List<Long> doomed = messages.keySet().stream().filter(uid -> uid % 3 != 0).toList();
      await(store.expunge(user, MailboxRecord.INBOX_ID, doomed));
      doomed.forEach(messages::remove);
    });
    await(store.reclaimBodies(System.currentTimeMillis() + 1));
  }

  private void assertEveryMessageReadsAsStored() {
    expected.forEach((user, bodies) -> {
      List<MessageRecord> messages = await(store.snapshot(user, MailboxRecord.INBOX_ID)).messages();
      assertThat(messages).extracting(MessageRecord::uid).containsExactlyInAnyOrderElementsOf(bodies.keySet());
      for (MessageRecord message : messages) {
        assertThat(await(store.body(user, message.blobId()))).as("body of %s's UID %d", user, message.uid())
            .isEqualTo(bodies.get(message.uid()));
      }
    });
  }

  private long bodyBytesOnDisk() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("bodies"))) {
      return files.mapToLong(file -> file.toFile().length()).sum();
    }
  }

  private long segmentCount() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("bodies"))) {
      return files.filter(file -> file.toString().endsWith(".bodies")).count();
    }
  }

  @Test
  void compactionGivesTheSpaceOfReclaimedBodiesBackAndKeepsTheOthersIntact() throws IOException {
    await(deliver("alice", 300));
    long fullBytes = bodyBytesOnDisk();
    long fullSegments = segmentCount();
    expungeTwoThirds();

    await(store.compact());

    assertThat(fullSegments).isGreaterThan(15);
    assertThat(bodyBytesOnDisk()).isLessThan(fullBytes / 2);
    assertThat(segmentCount()).isLessThan(fullSegments / 2);
    assertEveryMessageReadsAsStored();
  }

  @Test
  void compactionWhileSessionsReadAndSyncsWriteLosesNothing() throws Exception {
    List<String> users = List.of("alice", "bob", "carol");
    for (String user : users) {
      await(deliver(user, 100));
    }
    expungeTwoThirds();
    AtomicBoolean compacting = new AtomicBoolean(true);
    List<Throwable> readFailures = new CopyOnWriteArrayList<>();
    List<Thread> readers = new ArrayList<>();
    for (String user : users) {
      Thread reader = new Thread(() -> {
        while (compacting.get()) {
          try {
            for (MessageRecord message : await(store.snapshot(user, MailboxRecord.INBOX_ID)).messages()) {
              byte[] body = await(store.body(user, message.blobId()));
              byte[] wanted = expected.get(user).get(message.uid());
              if (wanted != null && !Arrays.equals(body, wanted)) {
                readFailures.add(new AssertionError(user + "'s UID " + message.uid() + " read differently"));
              }
            }
          } catch (Throwable e) {
            readFailures.add(e);
          }
        }
      });
      reader.start();
      readers.add(reader);
    }

    // rounds of compaction, each while the three users' syncs store new mail
    for (int round = 0; round < 5; round++) {
      List<Future<Void>> syncs = users.stream().map(user -> deliver(user, 60)).toList();
      await(store.compact());
      await(Future.all(syncs));
      expungeTwoThirds();
    }
    await(store.compact());
    compacting.set(false);
    for (Thread reader : readers) {
      reader.join();
    }

    assertThat(readFailures).isEmpty();
    assertEveryMessageReadsAsStored();
  }
}
