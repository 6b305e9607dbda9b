package org.lemongate.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.lemongate.store.StoreDb.Family;
import org.rocksdb.RocksIterator;

/**
 * Reads of one user's records, through a {@link Source}: a consistent snapshot of the database,
 * or a write batch laid over it (so a transaction sees its own writes).
 */
class UserReads {

  /** Where the bytes come from. */
  interface Source {
    byte[] get(Family family, byte[] key);

    RocksIterator iterator(Family family);
  }

  final String user;
  final byte[] userKey;
  private final Source source;
  private final BodyFiles bodies;

  UserReads(String user, BodyFiles bodies, Source source) {
    this.user = user;
    this.userKey = Keys.user(user);
    this.bodies = bodies;
    this.source = source;
  }

  UserRecord userRecord() {
    byte[] value = source.get(Family.USERS, userKey);
    return value == null ? null : UserRecord.decode(value);
  }

  MailboxRecord mailbox(String name) {
    byte[] value = source.get(Family.MAILBOXES, Keys.withText(userKey, name));
    return value == null ? null : MailboxRecord.decode(name, value);
  }

  MailboxRecord mailbox(long id) {
    for (MailboxRecord mailbox : mailboxes()) {
      if (mailbox.id() == id) {
        return mailbox;
      }
    }
    return null;
  }

  /** All mailboxes of the user, by name in byte order. */
  List<MailboxRecord> mailboxes() {
    List<MailboxRecord> result = new ArrayList<>();
    scan(Family.MAILBOXES, userKey, Keys.prefixEnd(userKey), (key, value) ->
        result.add(MailboxRecord.decode(Keys.textAfter(key, userKey.length), value)));
    return result;
  }

  List<String> subscriptions() {
    List<String> result = new ArrayList<>();
    scan(Family.SUBSCRIPTIONS, userKey, Keys.prefixEnd(userKey), (key, value) ->
        result.add(Keys.textAfter(key, userKey.length)));
    return result;
  }

  MessageRecord message(long mailboxId, long uid) {
    byte[] value = source.get(Family.MESSAGES, Keys.withLongs(userKey, mailboxId, uid));
    return value == null ? null : MessageRecord.decode(uid, value);
  }

  /** Messages of a mailbox with {@code firstUid <= uid <= lastUid}, in UID order. */
  void forEachMessage(long mailboxId, long firstUid, long lastUid, Consumer<MessageRecord> action) {
    int uidOffset = userKey.length + 8;
    byte[] from = Keys.withLongs(userKey, mailboxId, firstUid);
    byte[] to = lastUid == Long.MAX_VALUE
        ? Keys.withLongs(userKey, mailboxId + 1)
        : Keys.withLongs(userKey, mailboxId, lastUid + 1);
    scan(Family.MESSAGES, from, to, (key, value) ->
        action.accept(MessageRecord.decode(Keys.longAt(key, uidOffset), value)));
  }

  List<MessageRecord> messages(long mailboxId) {
    List<MessageRecord> result = new ArrayList<>();
    forEachMessage(mailboxId, 0, Long.MAX_VALUE, result::add);
    return result;
  }

  /** Messages of a mailbox whose MODSEQ is above {@code modSeq}, in MODSEQ order. */
  List<MessageRecord> changedSince(long mailboxId, long modSeq) {
    List<MessageRecord> result = new ArrayList<>();
    int uidOffset = userKey.length + 16;
    scan(Family.CHANGES, Keys.withLongs(userKey, mailboxId, modSeq + 1), Keys.withLongs(userKey, mailboxId + 1),
        (key, value) -> {
          MessageRecord message = message(mailboxId, Keys.longAt(key, uidOffset));
          if (message != null) {
            result.add(message);
          }
        });
    return result;
  }

  /** UIDs expunged from a mailbox at a MODSEQ above {@code modSeq}, in MODSEQ order. */
  List<Long> vanishedSince(long mailboxId, long modSeq) {
    List<Long> result = new ArrayList<>();
    int uidOffset = userKey.length + 16;
    scan(Family.VANISHED, Keys.withLongs(userKey, mailboxId, modSeq + 1), Keys.withLongs(userKey, mailboxId + 1),
        (key, value) -> result.add(Keys.longAt(key, uidOffset)));
    return result;
  }

  PopRecord pop(String uidl) {
    byte[] value = source.get(Family.POP, Keys.withText(userKey, uidl));
    return value == null ? null : PopRecord.decode(uidl, value);
  }

  /** Every POP record of the user, by UIDL. */
  Map<String, PopRecord> popRecords() {
    Map<String, PopRecord> result = new LinkedHashMap<>();
    scan(Family.POP, userKey, Keys.prefixEnd(userKey), (key, value) -> {
      String uidl = Keys.textAfter(key, userKey.length);
      result.put(uidl, PopRecord.decode(uidl, value));
    });
    return result;
  }

  BlobMeta blobMeta(long blobId) {
    byte[] value = source.get(Family.BLOB_META, Keys.withLongs(userKey, blobId));
    return value == null ? null : BlobMeta.decode(value);
  }

  /** The raw bytes of a body, or null if there is no such body (any more). */
  byte[] blob(long blobId) {
    BodyLocation location = bodyLocation(blobId);
    return location == null ? null : bodies.read(location);
  }

  BodyLocation bodyLocation(long blobId) {
    byte[] value = source.get(Family.BODIES, Keys.withLongs(userKey, blobId));
    return value == null ? null : BodyLocation.decode(value);
  }

  /** Calls {@code action} for each key in [from, to) of a family; {@code to} null means no end. */
  void scan(Family family, byte[] from, byte[] to, java.util.function.BiConsumer<byte[], byte[]> action) {
    try (RocksIterator it = source.iterator(family)) {
      for (it.seek(from); it.isValid(); it.next()) {
        byte[] key = it.key();
        if (to != null && Arrays.compareUnsigned(key, to) >= 0) {
          break;
        }
        action.accept(key, it.value());
      }
    }
  }
}
