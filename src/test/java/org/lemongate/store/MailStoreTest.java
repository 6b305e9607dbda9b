package org.lemongate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lemongate.testing.Await.await;
import static org.lemongate.testing.Await.failureOf;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.config.StoreConfig;
import org.lemongate.events.Addresses;
import org.lemongate.events.MailboxChanged;
import org.lemongate.store.StoreResults.FlagMode;
import org.lemongate.store.StoreResults.PopDownload;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;

class MailStoreTest {
  @TempDir
  Path dir;
  Vertx vertx;
  MailStore store;

  @BeforeEach
  void open() {
    vertx = Vertx.vertx();
    store = MailStore.open(vertx, config(dir));
  }

  @AfterEach
  void close() {
    store.close();
    await(vertx.close());
  }

  static StoreConfig config(Path dir) {
    return new StoreConfig(dir, 4, Duration.ofMinutes(10), Duration.ZERO, Duration.ofDays(30));
  }

  static PopDownload download(String uidl, String body) {
    byte[] raw = bodyOf(uidl, body).getBytes(StandardCharsets.UTF_8);
    return new PopDownload(uidl, raw.length, raw);
  }

  private static String bodyOf(String uidl, String body) {
    return "Subject: " + uidl + "\r\n\r\n" + body + "\r\n";
  }

  @Test
  void popDownloadsGetAscendingUidsInPopOrderAndNeverTwice() {
    List<Long> first = await(store.storeFromPop("alice", List.of(download("u1", "a"), download("u2", "b"))));
    List<Long> again = await(store.storeFromPop("alice", List.of(download("u2", "b"), download("u3", "c"))));

    assertThat(first).containsExactly(1L, 2L);
    assertThat(again).containsExactly(3L);
    var snapshot = await(store.snapshot("alice", MailboxRecord.INBOX_ID));
    assertThat(snapshot.messages()).extracting(MessageRecord::uidl).containsExactly("u1", "u2", "u3");
    assertThat(snapshot.mailbox().uidNext()).isEqualTo(4);
    assertThat(new String(await(store.body("alice", snapshot.messages().get(2).blobId())), StandardCharsets.UTF_8))
        .contains("Subject: u3");
  }

  @Test
  void usersAreKeptApartEvenWhenNamesDifferOnlyInCase() {
    await(store.storeFromPop("Bob", List.of(download("u1", "upper"))));
    await(store.storeFromPop("bob", List.of(download("u1", "lower"), download("u2", "lower"))));

    assertThat(await(store.snapshot("Bob", MailboxRecord.INBOX_ID)).messages()).hasSize(1);
    assertThat(await(store.snapshot("bob", MailboxRecord.INBOX_ID)).messages()).hasSize(2);
    assertThat(await(store.popRecords("bob@example.org"))).isEmpty();
  }

  @Test
  void expungeInInboxMakesThePopMessageDeletePendingAndNothingElse() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"), download("u2", "b"))));

    var expunged = await(store.expunge("alice", MailboxRecord.INBOX_ID, List.of(1L)));

    assertThat(expunged.uids()).containsExactly(1L);
    assertThat(expunged.popDeletions()).isEqualTo(1);
    Map<String, PopRecord> pop = await(store.popRecords("alice"));
    assertThat(pop.get("u1").state()).isEqualTo(PopRecord.State.DELETE_PENDING);
    assertThat(pop.get("u2").state()).isEqualTo(PopRecord.State.PRESENT);
  }

  @Test
  void moveOutOfInboxKeepsTheBodyAndMarksThePopDeletion() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"))));
    MailboxRecord archive = await(store.createMailbox("alice", "Archive", "\\Archive"));

    var moved = await(store.move("alice", MailboxRecord.INBOX_ID, List.of(1L), archive.id()));

    assertThat(moved.targetUids()).containsExactly(1L);
    assertThat(await(store.popRecords("alice")).get("u1").state()).isEqualTo(PopRecord.State.DELETE_PENDING);
    MessageRecord archived = await(store.snapshot("alice", archive.id())).messages().get(0);
    assertThat(archived.uidl()).isNull();
    assertThat(await(store.body("alice", archived.blobId()))).isNotNull();
  }

  @Test
  void copyWithinInboxDoesNotDeleteOnPop() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"))));
    MailboxRecord other = await(store.createMailbox("alice", "Other", null));
    await(store.copy("alice", MailboxRecord.INBOX_ID, List.of(1L), other.id()));

    await(store.expunge("alice", other.id(), List.of(1L)));

    assertThat(await(store.popRecords("alice")).get("u1").state()).isEqualTo(PopRecord.State.PRESENT);
  }

  @Test
  void vanishedFromPopExpungesFromInboxAndRecordsVanished() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"), download("u2", "b"))));
    long before = await(store.snapshot("alice", MailboxRecord.INBOX_ID)).mailbox().highestModSeq();

    await(store.popVanished("alice", List.of("u1")));

    var changes = await(store.changesSince("alice", MailboxRecord.INBOX_ID, before));
    assertThat(changes.vanished()).containsExactly(1L);
    assertThat(changes.mailbox().highestModSeq()).isGreaterThan(before);
    assertThat(await(store.popRecords("alice"))).containsOnlyKeys("u2");
  }

  @Test
  void popDeletedOnlyForgetsPendingDeletions() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"), download("u2", "b"))));
    await(store.expunge("alice", MailboxRecord.INBOX_ID, List.of(1L)));

    await(store.popDeleted("alice", List.of("u1", "u2")));

    assertThat(await(store.popRecords("alice"))).containsOnlyKeys("u2");
  }

  @Test
  void flagChangesRaiseModSeqAndHonourUnchangedSince() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"), download("u2", "b"))));
    long start = await(store.snapshot("alice", MailboxRecord.INBOX_ID)).mailbox().highestModSeq();

    var stored = await(store.storeFlags("alice", MailboxRecord.INBOX_ID, List.of(1L), FlagMode.ADD,
        List.of("\\Seen", "$Important"), null));
    var conditional = await(store.storeFlags("alice", MailboxRecord.INBOX_ID, List.of(1L, 2L), FlagMode.ADD,
        List.of("\\Flagged"), start));
    var unchanged = await(store.storeFlags("alice", MailboxRecord.INBOX_ID, List.of(2L), FlagMode.ADD,
        List.of("\\flagged"), null));

    assertThat(stored.updated().get(0).flags()).containsExactly("$Important", "\\Seen");
    assertThat(stored.updated().get(0).modSeq()).isGreaterThan(start);
    assertThat(conditional.modified()).containsExactly(1L);
    assertThat(conditional.updated()).extracting(MessageRecord::uid).containsExactly(2L);
    assertThat(unchanged.updated()).isEmpty();
    var changes = await(store.changesSince("alice", MailboxRecord.INBOX_ID, start));
    assertThat(changes.changed()).extracting(MessageRecord::uid).containsExactly(1L, 2L);
  }

  @Test
  void renamingInboxMovesItsMessagesAndKeepsInboxUidValidity() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"))));
    long uidValidity = await(store.mailbox("alice", "INBOX")).uidValidity();

    await(store.renameMailbox("alice", "INBOX", "Old"));

    assertThat(await(store.snapshot("alice", MailboxRecord.INBOX_ID)).messages()).isEmpty();
    assertThat(await(store.mailbox("alice", "INBOX")).uidValidity()).isEqualTo(uidValidity);
    MailboxRecord old = await(store.mailbox("alice", "Old"));
    assertThat(await(store.snapshot("alice", old.id())).messages()).hasSize(1);
    assertThat(await(store.popRecords("alice")).get("u1").state()).isEqualTo(PopRecord.State.DELETE_PENDING);
  }

  @Test
  void renameCarriesChildrenAndRecreatedNameGetsNewUidValidity() {
    MailboxRecord parent = await(store.createMailbox("alice", "Work", null));
    await(store.createMailbox("alice", "Work/2026", null));

    await(store.renameMailbox("alice", "Work", "Jobs"));
    MailboxRecord again = await(store.createMailbox("alice", "Work", null));

    assertThat(await(store.mailboxes("alice"))).extracting(MailboxRecord::name)
        .contains("Jobs", "Jobs/2026", "Work").doesNotContain("Work/2026");
    assertThat(again.uidValidity()).isGreaterThan(parent.uidValidity());
    assertThat(again.id()).isNotEqualTo(parent.id());
    assertThat(failureOf(store.createMailbox("alice", "Jobs", null))).isInstanceOf(MailboxExistsException.class);
  }

  @Test
  void everyCommitPublishesTheNewModSeqOfTheMailbox() throws Exception {
    List<MailboxChanged> events = new CopyOnWriteArrayList<>();
    await(vertx.eventBus().<JsonObject>consumer(Addresses.mailbox("alice", MailboxRecord.INBOX_ID),
        m -> events.add(MailboxChanged.fromJson(m.body()))).completion());

    await(store.storeFromPop("alice", List.of(download("u1", "a"))));
    await(store.storeFlags("alice", MailboxRecord.INBOX_ID, List.of(1L), FlagMode.ADD, List.of("\\Seen"), null));

    long highest = await(store.mailbox("alice", "INBOX")).highestModSeq();
    for (int i = 0; i < 250 && events.size() < 2; i++) {
      Thread.sleep(20);
    }
    assertThat(events).extracting(MailboxChanged::highestModSeq).hasSize(2).isSorted().endsWith(highest);
  }

  @Test
  void aSecondProcessCannotOpenTheSameStore() {
    assertThatThrownBy(() -> MailStore.open(vertx, config(dir)))
        .isInstanceOf(StoreInUseException.class)
        .hasMessageContaining("in use");
  }

  @Test
  void aStoreOfTheFormatThatKeptBodiesInRocksDbIsRefusedWithAClearMessage(@TempDir Path old) throws Exception {
    List<ColumnFamilyDescriptor> families = List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY),
        new ColumnFamilyDescriptor("blobs".getBytes(StandardCharsets.UTF_8)));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    try (DBOptions options = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true);
        RocksDB db = RocksDB.open(options, old.toString(), families, handles)) {
      handles.forEach(ColumnFamilyHandle::close);
    }

    assertThatThrownBy(() -> MailStore.open(vertx, config(old)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("earlier Lemongate")
        .hasMessageContaining("cannot read it");
  }

  @Test
  void everythingSurvivesAReopen() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"))));
    await(store.expunge("alice", MailboxRecord.INBOX_ID, List.of(1L)));
    long uidValidity = await(store.mailbox("alice", "INBOX")).uidValidity();
    store.close();

    store = MailStore.open(vertx, config(dir));

    assertThat(await(store.mailbox("alice", "INBOX")).uidValidity()).isEqualTo(uidValidity);
    assertThat(await(store.mailbox("alice", "INBOX")).uidNext()).isEqualTo(2);
    assertThat(await(store.popRecords("alice")).get("u1").state()).isEqualTo(PopRecord.State.DELETE_PENDING);
  }

  /**
   * One transaction that creates a mailbox, reads it back by name and bumps two mailboxes' counters
   * many times: each mailbox record and the user's record must reach the disk in their last state.
   */
  @Test
  void countersChangedManyTimesInOneTransactionSurviveAReopen() {
    await(store.storeFromPop("alice", List.of(download("u1", "a"), download("u2", "b"), download("u3", "c"))));
    MailboxRecord inboxBefore = await(store.mailbox("alice", "INBOX"));

    await(store.renameMailbox("alice", "INBOX", "Old"));
    store.close();
    store = MailStore.open(vertx, config(dir));

    MailboxRecord old = await(store.mailbox("alice", "Old"));
    assertThat(old.uidNext()).isEqualTo(4);
    assertThat(await(store.snapshot("alice", old.id())).messages()).hasSize(3);
    MailboxRecord inbox = await(store.mailbox("alice", "INBOX"));
    assertThat(inbox.uidNext()).isEqualTo(4);
    assertThat(inbox.highestModSeq()).isEqualTo(inboxBefore.highestModSeq() + 3);
    // A body id handed out again would make an old message read as the new one.
    await(store.storeFromPop("alice", List.of(download("u4", "d"))));
    var moved = await(store.snapshot("alice", old.id())).messages();
    assertThat(moved).extracting(message -> new String(await(store.body("alice", message.blobId())),
        StandardCharsets.UTF_8)).containsExactly(bodyOf("u1", "a"), bodyOf("u2", "b"), bodyOf("u3", "c"));
    assertThat(await(store.snapshot("alice", MailboxRecord.INBOX_ID)).messages())
        .extracting(MessageRecord::uid).containsExactly(4L);
  }

  @Test
  void aClosedStoreFailsCallsInsteadOfCrashing() {
    store.close();
    assertThat(failureOf(store.mailboxes("alice"))).hasMessageContaining("closed");
  }
}
