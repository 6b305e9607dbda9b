package org.lemongate.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.lemongate.config.StoreConfig;
import org.lemongate.events.Addresses;
import org.lemongate.events.MailboxChanged;
import org.lemongate.mime.MessageSummary;
import org.lemongate.mime.SummaryFormatException;
import org.lemongate.store.StoreResults.Copied;
import org.lemongate.store.StoreResults.Expunged;
import org.lemongate.store.StoreResults.FlagMode;
import org.lemongate.store.StoreResults.FlagsStored;
import org.lemongate.store.StoreResults.MailboxChanges;
import org.lemongate.store.StoreResults.MailboxSnapshot;
import org.lemongate.store.StoreResults.PopDownload;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * The gateway's message store: every user's mailboxes, messages, bodies and POP book-keeping, in
 * one RocksDB database.
 *
 * <p>The API is asynchronous: each call runs on the store's worker pool, never on an event loop,
 * and its future completes on the caller's context. Reads see one consistent snapshot. Writes of
 * one user run one at a time (a lock per user), each as one synced {@code WriteBatch}, and after
 * the commit, still in order, publish {@link MailboxChanged} on {@link Addresses#mailbox}: "commit
 * first, then publish" (design.md).
 */
public final class MailStore implements AutoCloseable {
  private static final int LOCK_STRIPES = 1024;
  /** Bodies moved by compaction in one commit: bounds the memory a move holds. */
  private static final long MOVE_BYTES_PER_COMMIT = 16L * 1024 * 1024;

  private final Vertx vertx;
  private final StoreDb db;
  private final WorkerExecutor worker;
  private final Object[] userLocks = new Object[LOCK_STRIPES];
  /**
   * Held shared by every operation; exclusively by close(), so RocksDB is never used after close,
   * and for an instant by compaction ({@link #whenIdle}), to wait for the operations running.
   */
  private final ReentrantReadWriteLock openLock = new ReentrantReadWriteLock();
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();

  private MailStore(Vertx vertx, StoreDb db, int workerThreads) {
    this.vertx = vertx;
    this.db = db;
    this.worker = vertx.createSharedWorkerExecutor("lemongate-store", workerThreads);
    for (int i = 0; i < LOCK_STRIPES; i++) {
      userLocks[i] = new Object();
    }
  }

  /**
   * Opens (or creates) the store. Blocking: call it at start-up, off the event loops.
   *
   * @throws StoreInUseException when another process has the store open
   */
  public static MailStore open(Vertx vertx, StoreConfig config) {
    return open(vertx, config, BodyFiles.SEGMENT_BYTES);
  }

  /** Opens the store with body segments of the given size (tests use small ones). */
  static MailStore open(Vertx vertx, StoreConfig config, long bodySegmentBytes) {
    return new MailStore(vertx, StoreDb.open(config.path(), bodySegmentBytes), config.workerThreads());
  }

  public Path path() {
    return db.path;
  }

  // ------------------------------------------------------------------ reads

  public Future<List<MailboxRecord>> mailboxes(String user) {
    return read(user, UserReads::mailboxes);
  }

  public Future<MailboxRecord> mailbox(String user, String name) {
    return read(user, reads -> reads.mailbox(name));
  }

  public Future<List<String>> subscriptions(String user) {
    return read(user, UserReads::subscriptions);
  }

  /** A mailbox with all its messages; fails with {@link NoSuchMailboxException} if it is gone. */
  public Future<MailboxSnapshot> snapshot(String user, long mailboxId) {
    return read(user, reads -> {
      MailboxRecord mailbox = existing(reads, mailboxId);
      return new MailboxSnapshot(mailbox, reads.messages(mailbox.id()));
    });
  }

  /** Changes of a mailbox after {@code modSeq}: the one way sessions learn what others did. */
  public Future<MailboxChanges> changesSince(String user, long mailboxId, long modSeq) {
    return read(user, reads -> {
      MailboxRecord mailbox = existing(reads, mailboxId);
      return new MailboxChanges(mailbox, reads.changedSince(mailboxId, modSeq),
          reads.vanishedSince(mailboxId, modSeq), modSeq < mailbox.historyStartModSeq());
    });
  }

  /** The raw RFC 5322 bytes of a stored body, or null once it has been reclaimed. */
  public Future<byte[]> body(String user, long blobId) {
    return read(user, reads -> reads.blob(blobId));
  }

  /**
   * The parsed MIME structure of a stored body, or null once the body has been reclaimed; a damaged
   * cache entry is parsed again from the body.
   */
  private static MessageSummary summaryOf(UserReads reads, long blobId) {
    BlobMeta meta = reads.blobMeta(blobId);
    if (meta == null) {
      return null;
    }
    try {
      return MessageSummary.fromBytes(meta.summary());
    } catch (SummaryFormatException e) {
      byte[] raw = reads.blob(blobId);
      return raw == null ? null : MessageSummary.parse(raw);
    }
  }

  /** A message as FETCH needs it: the record, and its summary and raw bytes when asked for. */
  public record LoadedMessage(MessageRecord record, MessageSummary summary, byte[] raw) {
  }

  /**
   * The messages of a mailbox with the given UIDs (absent ones skipped), in UID order, each with
   * its summary and raw bytes if asked for: one read for a whole batch of a FETCH.
   */
  public Future<List<LoadedMessage>> load(String user, long mailboxId, List<Long> uids, boolean summaries,
      boolean bodies) {
    return read(user, reads -> {
      List<LoadedMessage> loaded = new ArrayList<>(uids.size());
      for (long uid : uids) {
        MessageRecord record = reads.message(mailboxId, uid);
        if (record != null) {
          byte[] raw = bodies ? reads.blob(record.blobId()) : null;
          loaded.add(new LoadedMessage(record, summaries || bodies ? summaryOf(reads, record.blobId()) : null, raw));
        }
      }
      return loaded;
    });
  }

  /** Decides, on a store worker, whether a message matches; loads summary and body only on demand. */
  @FunctionalInterface
  public interface MessageMatcher {
    boolean matches(MessageRecord record, Supplier<MessageSummary> summary, Supplier<byte[]> raw);
  }

  /** SEARCH: the messages of a mailbox among {@code uids} (ascending) that the matcher accepts. */
  public Future<List<MessageRecord>> matching(String user, long mailboxId, List<Long> uids, MessageMatcher matcher) {
    return read(user, reads -> {
      Set<Long> wanted = new HashSet<>(uids);
      List<MessageRecord> matches = new ArrayList<>();
      long first = uids.isEmpty() ? 0 : uids.get(0);
      long last = uids.isEmpty() ? -1 : uids.get(uids.size() - 1);
      reads.forEachMessage(mailboxId, first, last, record -> {
        if (wanted.contains(record.uid()) && matcher.matches(record,
            () -> summaryOf(reads, record.blobId()), () -> reads.blob(record.blobId()))) {
          matches.add(record);
        }
      });
      return matches;
    });
  }

  /** What the gateway knows of the user's POP maildrop, by UIDL. */
  public Future<Map<String, PopRecord>> popRecords(String user) {
    return read(user, UserReads::popRecords);
  }

  // ------------------------------------------------------------------ POP sync

  /** A downloaded message with its MIME structure parsed, ready to be stored. */
  public record ParsedDownload(PopDownload download, MessageSummary summary, byte[] encodedSummary) {
    /** Parses and encodes here, so the user's serial writer has the least left to do. */
    public static ParsedDownload of(PopDownload download) {
      MessageSummary summary = MessageSummary.parse(download.raw());
      return new ParsedDownload(download, summary, summary.toBytes());
    }
  }

  /**
   * Parses downloaded messages on a store worker. Separate from {@link #storeParsedFromPop} so a
   * sync parses one batch while the previous one is being written.
   */
  public Future<List<ParsedDownload>> parse(List<PopDownload> downloads) {
    return run(() -> downloads.stream()
        .map(ParsedDownload::of).toList());
  }

  /** {@link #parse} then {@link #storeParsedFromPop}. */
  public Future<List<Long>> storeFromPop(String user, List<PopDownload> downloads) {
    return parse(downloads).compose(parsed -> storeParsedFromPop(user, parsed));
  }

  /**
   * Stores messages downloaded from POP into INBOX, in the given order (so UIDs follow the POP
   * order), each with its POP record in the same batch. A UIDL the store already knows is skipped,
   * so a repeated download can never duplicate a message. Returns the UIDs given, in order.
   */
  public Future<List<Long>> storeParsedFromPop(String user, List<ParsedDownload> messages) {
    return write(user, txn -> {
      MailboxRecord inbox = ensureInbox(txn);
      List<Long> uids = new ArrayList<>();
      for (ParsedDownload message : messages) {
        PopDownload download = message.download();
        if (txn.pop(download.uidl()) != null) {
          continue;
        }
        long blobId = txn.storeBlob(download.raw(), message.encodedSummary());
        MessageRecord record = txn.addMessage(inbox.id(), blobId, download.raw().length,
            message.summary().internalDate(txn.now), List.of(), download.uidl());
        txn.putPop(new PopRecord(download.uidl(), PopRecord.State.PRESENT, record.uid(), download.popSize()));
        uids.add(record.uid());
      }
      return uids;
    });
  }

  /**
   * Forgets UIDLs that are no longer on the POP server: a message still in INBOX is expunged
   * there; a pending deletion is simply done.
   */
  public Future<Void> popVanished(String user, Collection<String> uidls) {
    return write(user, txn -> {
      for (String uidl : uidls) {
        PopRecord record = txn.pop(uidl);
        if (record == null) {
          continue;
        }
        if (record.state() == PopRecord.State.PRESENT) {
          MessageRecord message = txn.message(MailboxRecord.INBOX_ID, record.inboxUid());
          if (message != null && uidl.equals(message.uidl())) {
            txn.removeMessage(MailboxRecord.INBOX_ID, message);
          }
        }
        txn.deletePop(uidl);
      }
      return null;
    });
  }

  /** Records that the POP server committed the deletion of these UIDLs (a +OK to QUIT). */
  public Future<Void> popDeleted(String user, Collection<String> uidls) {
    return write(user, txn -> {
      for (String uidl : uidls) {
        PopRecord record = txn.pop(uidl);
        if (record != null && record.state() == PopRecord.State.DELETE_PENDING) {
          txn.deletePop(uidl);
        }
      }
      return null;
    });
  }

  public Future<Void> recordSync(String user, long millis, String outcome) {
    return write(user, txn -> {
      txn.putUser(txn.userForUpdate().withSync(millis, outcome));
      return null;
    });
  }

  // ------------------------------------------------------------------ mailboxes

  /** Creates INBOX and the given special-use mailboxes (name → attribute) that do not exist yet. */
  public Future<List<MailboxRecord>> ensureMailboxes(String user, Map<String, String> specialUse) {
    return write(user, txn -> {
      ensureInbox(txn);
      specialUse.forEach((name, attribute) -> {
        if (txn.mailbox(name) == null) {
          txn.createMailbox(name, attribute);
        }
      });
      return txn.mailboxes();
    });
  }

  /** Creates a mailbox; fails with {@link MailboxExistsException} if the name is taken. */
  public Future<MailboxRecord> createMailbox(String user, String name, String specialUse) {
    return write(user, txn -> {
      if (txn.mailbox(name) != null) {
        throw new MailboxExistsException("mailbox " + name + " already exists");
      }
      return txn.createMailbox(name, specialUse);
    });
  }

  public Future<Void> deleteMailbox(String user, String name) {
    return write(user, txn -> {
      MailboxRecord mailbox = txn.mailbox(name);
      if (mailbox == null) {
        throw new NoSuchMailboxException("mailbox " + name + " does not exist");
      }
      if (mailbox.isInbox()) {
        throw new IllegalArgumentException("INBOX cannot be deleted");
      }
      txn.deleteMailbox(mailbox);
      return null;
    });
  }

  /**
   * Renames a mailbox and the mailboxes below it ({@code old/x} becomes {@code new/x}). Renaming
   * INBOX moves its messages to a new mailbox and leaves INBOX empty (RFC 9051 §6.3.6): the POP
   * copies among them become POP deletions, as for any move out of INBOX.
   */
  public Future<Void> renameMailbox(String user, String oldName, String newName) {
    return write(user, txn -> {
      MailboxRecord source = txn.mailbox(oldName);
      if (source == null) {
        throw new NoSuchMailboxException("mailbox " + oldName + " does not exist");
      }
      if (txn.mailbox(newName) != null) {
        throw new MailboxExistsException("mailbox " + newName + " already exists");
      }
      if (source.isInbox()) {
        MailboxRecord target = txn.createMailbox(newName, null);
        List<MessageRecord> messages = txn.messages(source.id());
        copyMessages(txn, source.id(), messages, target.id());
        expungeMessages(txn, source, messages);
        return null;
      }
      String childPrefix = oldName + "/";
      List<MailboxRecord> children = txn.mailboxes().stream()
          .filter(mailbox -> mailbox.name().startsWith(childPrefix)).toList();
      for (MailboxRecord child : children) {
        String childName = newName + "/" + child.name().substring(childPrefix.length());
        if (txn.mailbox(childName) != null) {
          throw new MailboxExistsException("mailbox " + childName + " already exists");
        }
      }
      for (MailboxRecord child : children) {
        txn.renameMailbox(child, newName + "/" + child.name().substring(childPrefix.length()));
      }
      txn.renameMailbox(source, newName);
      return null;
    });
  }

  public Future<Void> setSubscribed(String user, String name, boolean subscribed) {
    return write(user, txn -> {
      txn.setSubscribed(name, subscribed);
      return null;
    });
  }

  // ------------------------------------------------------------------ messages

  /** APPEND: stores a message; returns its record (UID and MODSEQ). */
  public Future<MessageRecord> append(String user, long mailboxId, byte[] raw, List<String> flags,
      long internalDate) {
    return run(() -> MessageSummary.parse(raw).toBytes()).compose(encodedSummary -> write(user, txn -> {
      txn.existingMailbox(mailboxId);
      long blobId = txn.storeBlob(raw, encodedSummary);
      return txn.addMessage(mailboxId, blobId, raw.length, internalDate, flags, null);
    }));
  }

  /**
   * STORE: changes the flags of the given messages. With {@code unchangedSince} (RFC 7162), a
   * message whose MODSEQ is above it is left alone and reported as modified. A message whose flags
   * would not change keeps its MODSEQ and is not reported.
   */
  public Future<FlagsStored> storeFlags(String user, long mailboxId, Collection<Long> uids, FlagMode mode,
      List<String> flags, Long unchangedSince) {
    return write(user, txn -> {
      txn.existingMailbox(mailboxId);
      List<MessageRecord> updated = new ArrayList<>();
      List<Long> modified = new ArrayList<>();
      for (long uid : uids.stream().sorted().distinct().toList()) {
        MessageRecord message = txn.message(mailboxId, uid);
        if (message == null) {
          continue;
        }
        if (unchangedSince != null && message.modSeq() > unchangedSince) {
          modified.add(uid);
          continue;
        }
        List<String> newFlags = switch (mode) {
          case ADD -> Flags.union(message.flags(), flags);
          case REMOVE -> Flags.minus(message.flags(), flags);
          case REPLACE -> Flags.normalize(flags);
        };
        if (!newFlags.equals(message.flags())) {
          updated.add(txn.setFlags(mailboxId, message, newFlags));
        }
      }
      return new FlagsStored(updated, modified);
    });
  }

  /** COPY: the copies share the bodies, keep flags and internal dates, and get new UIDs. */
  public Future<Copied> copy(String user, long sourceId, Collection<Long> uids, long targetId) {
    return write(user, txn -> {
      txn.existingMailbox(sourceId);
      MailboxRecord target = txn.existingMailbox(targetId);
      return copyMessages(txn, sourceId, existingMessages(txn, sourceId, uids), target.id());
    });
  }

  /**
   * MOVE: a copy and an expunge in one batch, so the copy is durably stored before (in fact,
   * with) the POP deletion a move out of INBOX causes.
   */
  public Future<Copied> move(String user, long sourceId, Collection<Long> uids, long targetId) {
    return write(user, txn -> {
      MailboxRecord source = txn.existingMailbox(sourceId);
      MailboxRecord target = txn.existingMailbox(targetId);
      List<MessageRecord> messages = existingMessages(txn, sourceId, uids);
      Copied copied = copyMessages(txn, sourceId, messages, target.id());
      expungeMessages(txn, source, messages);
      return copied;
    });
  }

  /**
   * EXPUNGE: removes the given messages. An INBOX message that mirrors a POP message becomes a POP
   * deletion, in the same batch (design invariant 1: only what the user expunged is ever DELEd).
   */
  public Future<Expunged> expunge(String user, long mailboxId, Collection<Long> uids) {
    return write(user, txn -> {
      MailboxRecord mailbox = txn.existingMailbox(mailboxId);
      List<MessageRecord> messages = existingMessages(txn, mailboxId, uids);
      int popDeletions = expungeMessages(txn, mailbox, messages);
      return new Expunged(messages.stream().map(MessageRecord::uid).toList(), popDeletions);
    });
  }

  private static List<MessageRecord> existingMessages(UserTxn txn, long mailboxId, Collection<Long> uids) {
    List<MessageRecord> messages = new ArrayList<>();
    for (long uid : uids.stream().sorted().distinct().toList()) {
      MessageRecord message = txn.message(mailboxId, uid);
      if (message != null) {
        messages.add(message);
      }
    }
    return messages;
  }

  private static Copied copyMessages(UserTxn txn, long sourceId, List<MessageRecord> messages, long targetId) {
    List<Long> sourceUids = new ArrayList<>();
    List<Long> targetUids = new ArrayList<>();
    for (MessageRecord message : messages) {
      txn.addBlobRef(message.blobId());
      MessageRecord copy = txn.addMessage(targetId, message.blobId(), message.size(), message.internalDate(),
          message.flags(), null);
      sourceUids.add(message.uid());
      targetUids.add(copy.uid());
    }
    return new Copied(txn.existingMailbox(targetId).uidValidity(), sourceUids, targetUids);
  }

  private static int expungeMessages(UserTxn txn, MailboxRecord mailbox, List<MessageRecord> messages) {
    int popDeletions = 0;
    for (MessageRecord message : messages) {
      txn.removeMessage(mailbox.id(), message);
      if (mailbox.isInbox() && message.uidl() != null) {
        PopRecord record = txn.pop(message.uidl());
        if (record != null && record.state() == PopRecord.State.PRESENT && record.inboxUid() == message.uid()) {
          txn.putPop(record.deletePending());
          popDeletions++;
        }
      }
    }
    return popDeletions;
  }

  private static MailboxRecord ensureInbox(UserTxn txn) {
    MailboxRecord inbox = txn.mailbox(MailboxRecord.INBOX);
    return inbox != null ? inbox : txn.createMailbox(MailboxRecord.INBOX, null);
  }

  private static MailboxRecord existing(UserReads reads, long mailboxId) {
    MailboxRecord mailbox = reads.mailbox(mailboxId);
    if (mailbox == null) {
      throw new NoSuchMailboxException("mailbox " + mailboxId + " does not exist");
    }
    return mailbox;
  }

  // ------------------------------------------------------------------ housekeeping (compaction)

  /**
   * Deletes bodies that no message has referenced since before {@code cutoffMillis}. A body that
   * got a reference again in the meantime (a COPY racing the reclaim) is left alone: the check and
   * the delete happen under the user's lock. Returns the number of bodies reclaimed.
   */
  public Future<Integer> reclaimBodies(long cutoffMillis) {
    return housekeeping(StoreDb.Family.RECLAIM, cutoffMillis, (txn, key) -> {
      long blobId = Keys.longAt(key, Keys.userPrefixLength(key));
      BlobMeta meta = txn.blobMeta(blobId);
      if (meta != null && meta.refCount() > 0) {
        return false;
      }
      txn.deleteBlob(blobId);
      return true;
    });
  }

  /**
   * Forgets expunged UIDs recorded before {@code cutoffMillis} and raises each mailbox's
   * history-start MODSEQ accordingly, so QRESYNC knows its VANISHED list would be incomplete.
   * Returns the number of records purged.
   */
  public Future<Integer> purgeVanished(long cutoffMillis) {
    return housekeeping(StoreDb.Family.VANISHED, cutoffMillis, (txn, key) -> {
      int offset = Keys.userPrefixLength(key);
      txn.forgetVanished(Keys.longAt(key, offset), Keys.longAt(key, offset + 8), Keys.longAt(key, offset + 16));
      return true;
    });
  }

  /**
   * Runs {@code action} on each record of {@code family} whose value starts with a time before
   * {@code cutoffMillis}, one transaction per user under the user's lock; returns how many the
   * action handled.
   */
  private Future<Integer> housekeeping(StoreDb.Family family, long cutoffMillis,
      java.util.function.BiPredicate<UserTxn, byte[]> action) {
    return run(() -> {
      int handled = 0;
      for (Map.Entry<String, List<byte[]>> due : dueByUser(family, cutoffMillis).entrySet()) {
        synchronized (lockFor(due.getKey())) {
          try (UserTxn txn = UserTxn.begin(due.getKey(), db)) {
            for (byte[] key : due.getValue()) {
              handled += action.test(txn, key) ? 1 : 0;
            }
            txn.commit();
          }
        }
      }
      return handled;
    });
  }

  /**
   * Gives disk space back: moves the live bodies out of segments that are mostly dead space,
   * deletes the segments nothing points into any more, then compacts RocksDB.
   *
   * <p>Why the pauses ({@link #whenIdle}): a segment may be deleted only when no commit can still
   * add a location in it and no read can still hold an old location of a moved body. Appends go
   * only to the active segment, so once no operation is running, the segments before the active
   * one are closed for good; and reads that start after a move see the moved locations.
   */
  public Future<Void> compact() {
    long[] closedBefore = new long[1];
    return run(() -> {
      // the active segment is a candidate too: the next appends then start a new one
      long active = db.bodies.activeSegment();
      Map<Long, Long> live = liveBodyBytes();
      if (db.bodies.segmentSizes().get(active) > 2 * live.getOrDefault(active, 0L)) {
        db.bodies.roll();
      }
      return null;
    }).compose(v -> whenIdle(() -> {
      closedBefore[0] = db.bodies.activeSegment();
      db.bodies.closeRolledWriters();
    })).compose(v -> run(() -> {
      Map<Long, Long> live = liveBodyBytes();
      Set<Long> sparse = new HashSet<>();
      db.bodies.segmentSizes().forEach((segment, size) -> {
        if (segment < closedBefore[0] && size > 2 * live.getOrDefault(segment, 0L)) {
          sparse.add(segment);
        }
      });
      moveBodiesOutOf(sparse);
      return null;
    })).compose(v -> run(() -> {
      Map<Long, Long> live = liveBodyBytes();
      return db.bodies.segments().stream()
          .filter(segment -> segment < closedBefore[0] && !live.containsKey(segment)).toList();
    })).compose(empty -> whenIdle(() -> {
      for (long segment : empty) {
        db.bodies.delete(segment);
      }
    })).compose(v -> run(() -> {
      db.compactAll();
      return null;
    }));
  }

  /** Bytes of bodies some record points to, by segment. */
  private Map<Long, Long> liveBodyBytes() {
    Map<Long, Long> live = new HashMap<>();
    forEachBodyLocation((key, location) -> live.merge(location.segment(), (long) location.length(), Long::sum));
    return live;
  }

  /** Calls {@code action} with the key and location of every stored body, of every user. */
  private void forEachBodyLocation(BiConsumer<byte[], BodyLocation> action) {
    try (RocksIterator it = db.db.newIterator(db.handle(StoreDb.Family.BODIES), db.plainRead)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        action.accept(it.key(), BodyLocation.decode(it.value()));
      }
    }
  }

  /** Writes the live bodies of these segments again at the end, user by user, 16 MB per commit. */
  private void moveBodiesOutOf(Set<Long> segments) {
    if (segments.isEmpty()) {
      return;
    }
    Map<String, List<Long>> byUser = new LinkedHashMap<>();
    forEachBodyLocation((key, location) -> {
      if (segments.contains(location.segment())) {
        byUser.computeIfAbsent(Keys.userOf(key), user -> new ArrayList<>())
            .add(Keys.longAt(key, Keys.userPrefixLength(key)));
      }
    });
    byUser.forEach((user, blobIds) -> {
      int next = 0;
      while (next < blobIds.size()) {
        synchronized (lockFor(user)) {
          try (UserTxn txn = UserTxn.begin(user, db)) {
            long moved = 0;
            while (next < blobIds.size() && moved < MOVE_BYTES_PER_COMMIT) {
              moved += txn.moveBody(blobIds.get(next++), segments);
            }
            txn.commit();
          }
        }
      }
    });
  }

  /** Runs {@code action} on a store worker once no other store operation is running. */
  private Future<Void> whenIdle(StoreAction action) {
    return worker.executeBlocking(() -> {
      openLock.writeLock().lock();
      try {
        if (!closed) {
          action.run();
        }
        return null;
      } finally {
        openLock.writeLock().unlock();
      }
    }, false);
  }

  @FunctionalInterface
  private interface StoreAction {
    void run() throws Exception;
  }

  /** Number of user writes committed since the store was opened: how busy it is. */
  public long commitCount() {
    return commits.get();
  }

  /** Bytes the store's files take on disk. */
  public long sizeOnDisk() {
    try (Stream<Path> files = Files.walk(db.path)) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return -1;
    }
  }

  /** Keys of a family whose value starts with a time before {@code cutoffMillis}, grouped by user. */
  private Map<String, List<byte[]>> dueByUser(StoreDb.Family family, long cutoffMillis) {
    Map<String, List<byte[]>> due = new LinkedHashMap<>();
    try (RocksIterator it = db.db.newIterator(db.handle(family), db.plainRead)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (Keys.longAt(it.value(), 0) < cutoffMillis) {
          byte[] key = it.key();
          due.computeIfAbsent(Keys.userOf(key), user -> new ArrayList<>()).add(key);
        }
      }
    }
    return due;
  }

  // ------------------------------------------------------------------ plumbing

  private <T> Future<T> read(String user, Function<UserReads, T> body) {
    return run(() -> {
      Snapshot snapshot = db.db.getSnapshot();
      try (ReadOptions options = new ReadOptions().setSnapshot(snapshot)) {
        return body.apply(new UserReads(user, db.bodies, new UserReads.Source() {
          @Override
          public byte[] get(StoreDb.Family family, byte[] key) {
            try {
              return db.db.get(db.handle(family), options, key);
            } catch (org.rocksdb.RocksDBException e) {
              throw new StoreException("read failed", e);
            }
          }

          @Override
          public RocksIterator iterator(StoreDb.Family family) {
            return db.db.newIterator(db.handle(family), options);
          }
        }));
      } finally {
        db.db.releaseSnapshot(snapshot);
      }
    });
  }

  private <T> Future<T> write(String user, Function<UserTxn, T> body) {
    return run(() -> {
      synchronized (lockFor(user)) {
        try (UserTxn txn = UserTxn.begin(user, db)) {
          T result = body.apply(txn);
          UserTxn.Committed committed = txn.commit();
          commits.incrementAndGet();
          for (MailboxChanged change : committed.mailboxes()) {
            vertx.eventBus().publish(Addresses.mailbox(user, change.mailboxId()), change.toJson());
          }
          if (committed.mailboxListChanged()) {
            vertx.eventBus().publish(Addresses.mailboxList(user), new JsonObject());
          }
          return result;
        }
      }
    });
  }

  private <T> Future<T> run(Callable<T> body) {
    if (closed) {
      return Future.failedFuture(new IllegalStateException("the store is closed"));
    }
    return worker.executeBlocking(() -> {
      openLock.readLock().lock();
      try {
        if (closed) {
          throw new IllegalStateException("the store is closed");
        }
        return body.call();
      } finally {
        openLock.readLock().unlock();
      }
    }, false);
  }

  private Object lockFor(String user) {
    return userLocks[Math.floorMod(user.hashCode(), LOCK_STRIPES)];
  }

  /** Waits for running operations, then closes RocksDB. Blocking. */
  @Override
  public void close() {
    openLock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        db.close();
      }
    } finally {
      openLock.writeLock().unlock();
    }
    worker.close();
  }
}
