package org.lemongate.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lemongate.events.MailboxChanged;
import org.lemongate.store.StoreDb.Family;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatchWithIndex;

/**
 * One atomic change to one user's data: reads see the transaction's own writes, and
 * {@link #commit()} writes everything in one synced {@code WriteBatch}. Only one transaction per
 * user runs at a time (the caller holds the user's lock), so counters such as UIDNEXT are simply
 * read, incremented and written back.
 */
final class UserTxn extends UserReads implements AutoCloseable {
  private static final byte[] EMPTY = new byte[0];

  private final StoreDb db;
  private final WriteBatchWithIndex batch;
  /** Bodies to write to the body files at commit, and their blob ids. */
  private final List<byte[]> newBodies = new ArrayList<>();
  private final List<Long> newBodyIds = new ArrayList<>();
  private final Map<Long, Long> changedMailboxes = new LinkedHashMap<>();
  /**
   * The user's record and mailboxes as this transaction last read or wrote them: a sync adds
   * hundreds of messages per transaction, each of which updates both, and finding a mailbox by id
   * would otherwise scan the user's mailboxes every time.
   */
  private UserRecord userRecord;
  private final Map<Long, MailboxRecord> mailboxesById = new HashMap<>();
  /**
   * Changed records held back from the batch until the commit, or until a read of the mailboxes by
   * name could miss them: written at every message, they would fill the batch (and the memtable)
   * with versions of the same keys. The user's record is read only through {@link #userRecord()}.
   */
  private boolean userRecordChanged;
  private final Set<Long> changedMailboxRecords = new LinkedHashSet<>();
  private boolean mailboxListChanged;
  /** The time of the transaction: arrival time, expunge time. */
  final long now = System.currentTimeMillis();

  private UserTxn(String user, StoreDb db, WriteBatchWithIndex batch) {
    super(user, db.bodies, new Source() {
      @Override
      public byte[] get(Family family, byte[] key) {
        try {
          return batch.getFromBatchAndDB(db.db, db.handle(family), db.plainRead, key);
        } catch (RocksDBException e) {
          throw new StoreException("read failed", e);
        }
      }

      @Override
      public RocksIterator iterator(Family family) {
        return batch.newIteratorWithBase(db.handle(family), db.db.newIterator(db.handle(family), db.plainRead));
      }
    });
    this.db = db;
    this.batch = batch;
  }

  static UserTxn begin(String user, StoreDb db) {
    return new UserTxn(user, db, new WriteBatchWithIndex(true));
  }

  /** What a commit changed, for the events published after it. */
  record Committed(List<MailboxChanged> mailboxes, boolean mailboxListChanged) {
  }

  /**
   * Writes the new bodies to the body files, then everything else in one synced batch: a location
   * is committed only once its body is on disk.
   */
  Committed commit() {
    writeHeldRecords();
    if (batch.count() == 0 && newBodies.isEmpty()) {
      return new Committed(List.of(), false);
    }
    try {
      if (!newBodies.isEmpty()) {
        List<BodyLocation> locations = db.bodies.append(newBodies);
        for (int i = 0; i < locations.size(); i++) {
          put(Family.BODIES, Keys.withLongs(userKey, newBodyIds.get(i)), locations.get(i).encode());
        }
      }
      db.db.write(db.syncWrite, batch);
    } catch (IOException e) {
      throw new StoreException("writing message bodies failed", e);
    } catch (RocksDBException e) {
      throw new StoreException("commit failed", e);
    }
    List<MailboxChanged> changes = new ArrayList<>();
    changedMailboxes.forEach((id, modSeq) -> changes.add(new MailboxChanged(id, modSeq)));
    return new Committed(changes, mailboxListChanged);
  }

  @Override
  public void close() {
    batch.close();
  }

  // ---- users and mailboxes

  @Override
  UserRecord userRecord() {
    if (userRecord == null) {
      userRecord = super.userRecord();
    }
    return userRecord;
  }

  UserRecord userForUpdate() {
    UserRecord record = userRecord();
    return record == null ? UserRecord.fresh() : record;
  }

  void putUser(UserRecord record) {
    userRecord = record;
    userRecordChanged = true;
  }

  /** Creates a mailbox; INBOX always gets {@link MailboxRecord#INBOX_ID}. */
  MailboxRecord createMailbox(String name, String specialUse) {
    UserRecord userRecord = userForUpdate();
    boolean inbox = name.equals(MailboxRecord.INBOX);
    long id = inbox ? MailboxRecord.INBOX_ID : userRecord.nextMailboxId();
    long uidValidity = Math.max(now / 1000, userRecord.lastUidValidity() + 1);
    putUser(userRecord.withNextMailboxId(inbox ? userRecord.nextMailboxId() : id + 1)
        .withLastUidValidity(uidValidity));
    MailboxRecord mailbox = new MailboxRecord(id, name, uidValidity, 1, 1, 0, specialUse);
    putMailbox(mailbox);
    mailboxListChanged = true;
    return mailbox;
  }

  /** The mailbox, which must exist (callers resolved it in this transaction). */
  MailboxRecord existingMailbox(long id) {
    MailboxRecord mailbox = mailbox(id);
    if (mailbox == null) {
      throw new NoSuchMailboxException("mailbox " + id + " does not exist");
    }
    return mailbox;
  }

  @Override
  MailboxRecord mailbox(long id) {
    MailboxRecord mailbox = mailboxesById.get(id);
    if (mailbox == null) {
      mailbox = super.mailbox(id);
      if (mailbox != null) {
        mailboxesById.put(id, mailbox);
      }
    }
    return mailbox;
  }

  void putMailbox(MailboxRecord mailbox) {
    mailboxesById.put(mailbox.id(), mailbox);
    changedMailboxRecords.add(mailbox.id());
  }

  @Override
  MailboxRecord mailbox(String name) {
    writeHeldRecords();
    return super.mailbox(name);
  }

  @Override
  List<MailboxRecord> mailboxes() {
    writeHeldRecords();
    return super.mailboxes();
  }

  private void writeHeldRecords() {
    if (userRecordChanged) {
      put(Family.USERS, userKey, userRecord.encode());
      userRecordChanged = false;
    }
    for (long id : changedMailboxRecords) {
      MailboxRecord mailbox = mailboxesById.get(id);
      put(Family.MAILBOXES, Keys.withText(userKey, mailbox.name()), mailbox.encode());
    }
    changedMailboxRecords.clear();
  }

  void renameMailbox(MailboxRecord mailbox, String newName) {
    delete(Family.MAILBOXES, Keys.withText(userKey, mailbox.name()));
    putMailbox(mailbox.withName(newName));
    mailboxListChanged = true;
  }

  /** Removes a mailbox with all its messages, their change history and vanished records. */
  void deleteMailbox(MailboxRecord mailbox) {
    for (MessageRecord message : messages(mailbox.id())) {
      delete(Family.MESSAGES, Keys.withLongs(userKey, mailbox.id(), message.uid()));
      releaseBlob(message.blobId());
    }
    for (Family history : List.of(Family.CHANGES, Family.VANISHED)) {
      List<byte[]> keys = new ArrayList<>();
      scan(history, Keys.withLongs(userKey, mailbox.id()), Keys.withLongs(userKey, mailbox.id() + 1),
          (key, value) -> keys.add(key));
      keys.forEach(key -> delete(history, key));
    }
    delete(Family.MAILBOXES, Keys.withText(userKey, mailbox.name()));
    mailboxesById.remove(mailbox.id());
    changedMailboxRecords.remove(mailbox.id());
    mailboxListChanged = true;
    // sessions that have it selected must hear of it: they find it gone and end (RFC 2180 §3.2)
    changedMailboxes.put(mailbox.id(), mailbox.highestModSeq());
  }

  void setSubscribed(String name, boolean subscribed) {
    byte[] key = Keys.withText(userKey, name);
    if (subscribed) {
      put(Family.SUBSCRIPTIONS, key, EMPTY);
    } else {
      delete(Family.SUBSCRIPTIONS, key);
    }
  }

  // ---- messages

  /** Adds a message at the mailbox's UIDNEXT with a new MODSEQ. */
  MessageRecord addMessage(long mailboxId, long blobId, long size, long internalDate, List<String> flags,
      String uidl) {
    MailboxRecord mailbox = existingMailbox(mailboxId);
    long uid = mailbox.uidNext();
    long modSeq = nextModSeq(mailbox, uid + 1);
    MessageRecord message = new MessageRecord(uid, modSeq, blobId, size, internalDate, Flags.normalize(flags), uidl);
    put(Family.MESSAGES, Keys.withLongs(userKey, mailboxId, uid), message.encode());
    put(Family.CHANGES, Keys.withLongs(userKey, mailboxId, modSeq, uid), EMPTY);
    return message;
  }

  /** Replaces a message's flags under a new MODSEQ. */
  MessageRecord setFlags(long mailboxId, MessageRecord message, List<String> flags) {
    MailboxRecord mailbox = existingMailbox(mailboxId);
    long modSeq = nextModSeq(mailbox, mailbox.uidNext());
    MessageRecord updated = message.withFlags(Flags.normalize(flags), modSeq);
    put(Family.MESSAGES, Keys.withLongs(userKey, mailboxId, message.uid()), updated.encode());
    delete(Family.CHANGES, Keys.withLongs(userKey, mailboxId, message.modSeq(), message.uid()));
    put(Family.CHANGES, Keys.withLongs(userKey, mailboxId, modSeq, message.uid()), EMPTY);
    return updated;
  }

  /** Expunges a message: a vanished record under a new MODSEQ, one reference less on its body. */
  void removeMessage(long mailboxId, MessageRecord message) {
    MailboxRecord mailbox = existingMailbox(mailboxId);
    long modSeq = nextModSeq(mailbox, mailbox.uidNext());
    delete(Family.MESSAGES, Keys.withLongs(userKey, mailboxId, message.uid()));
    delete(Family.CHANGES, Keys.withLongs(userKey, mailboxId, message.modSeq(), message.uid()));
    put(Family.VANISHED, Keys.withLongs(userKey, mailboxId, modSeq, message.uid()), Keys.withLongs(EMPTY, now));
    releaseBlob(message.blobId());
  }

  private long nextModSeq(MailboxRecord mailbox, long uidNext) {
    long modSeq = mailbox.highestModSeq() + 1;
    putMailbox(mailbox.withCounters(uidNext, modSeq));
    changedMailboxes.put(mailbox.id(), modSeq);
    return modSeq;
  }

/** Drops one vanished record and raises the mailbox's history start to cover it. */
  void forgetVanished(long mailboxId, long modSeq, long uid) {
    delete(Family.VANISHED, Keys.withLongs(userKey, mailboxId, modSeq, uid));
    MailboxRecord mailbox = mailbox(mailboxId);
    if (mailbox != null && modSeq > mailbox.historyStartModSeq()) {
      putMailbox(mailbox.withHistoryStart(modSeq));
    }
  }

  // ---- bodies

  /**
   * Stores a new body with one reference, and its parsed structure; returns its id. The body is
   * written at commit (nothing reads a body in the transaction that stores it).
   */
  long storeBlob(byte[] raw, byte[] encodedSummary) {
    UserRecord userRecord = userForUpdate();
    long blobId = userRecord.nextBlobId();
    putUser(userRecord.withNextBlobId(blobId + 1));
    newBodies.add(raw);
    newBodyIds.add(blobId);
    put(Family.BLOB_META, Keys.withLongs(userKey, blobId), new BlobMeta(1, raw.length, encodedSummary).encode());
    return blobId;
  }

  /**
   * Writes a body again, at the end of the body files, if it still lies in one of {@code segments}:
   * compaction empties mostly dead segments so they can be deleted. Returns the bytes moved.
   */
  long moveBody(long blobId, Set<Long> segments) {
    BodyLocation location = bodyLocation(blobId);
    if (location == null || !segments.contains(location.segment())) {
      return 0;
    }
    newBodies.add(db.bodies.read(location));
    newBodyIds.add(blobId);
    return location.length();
  }

  void addBlobRef(long blobId) {
    BlobMeta meta = existingBlob(blobId);
    if (meta.refCount() == 0) {
      delete(Family.RECLAIM, Keys.withLongs(userKey, blobId));
    }
    put(Family.BLOB_META, Keys.withLongs(userKey, blobId), meta.withRefCount(meta.refCount() + 1).encode());
  }

  /** One reference less; at zero the body is queued for reclaim after the grace period. */
  void releaseBlob(long blobId) {
    BlobMeta meta = existingBlob(blobId);
    long refCount = Math.max(0, meta.refCount() - 1);
    put(Family.BLOB_META, Keys.withLongs(userKey, blobId), meta.withRefCount(refCount).encode());
    if (refCount == 0) {
      put(Family.RECLAIM, Keys.withLongs(userKey, blobId), Keys.withLongs(EMPTY, now));
    }
  }

  /** Deletes a body and its book-keeping; only for bodies no message references. */
  void deleteBlob(long blobId) {
    byte[] key = Keys.withLongs(userKey, blobId);
    delete(Family.BODIES, key);
    delete(Family.BLOB_META, key);
    delete(Family.RECLAIM, key);
  }

  private BlobMeta existingBlob(long blobId) {
    BlobMeta meta = blobMeta(blobId);
    if (meta == null) {
      throw new CorruptStoreException("message body " + blobId + " of " + user + " has no book-keeping record");
    }
    return meta;
  }

  // ---- POP records

  void putPop(PopRecord record) {
    put(Family.POP, Keys.withText(userKey, record.uidl()), record.encode());
  }

  void deletePop(String uidl) {
    delete(Family.POP, Keys.withText(userKey, uidl));
  }

  // ---- raw batch access

  private void put(Family family, byte[] key, byte[] value) {
    try {
      batch.put(db.handle(family), key, value);
    } catch (RocksDBException e) {
      throw new StoreException("write failed", e);
    }
  }

  private void delete(Family family, byte[] key) {
    try {
      batch.delete(db.handle(family), key);
    } catch (RocksDBException e) {
      throw new StoreException("write failed", e);
    }
  }

}
