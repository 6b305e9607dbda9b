package org.lemongate.store;

/**
 * Per-user counters and status.
 *
 * @param nextMailboxId      id for the next mailbox created
 * @param nextBlobId         id for the next stored body
 * @param lastUidValidity    the largest UIDVALIDITY handed out, so a new one is always larger
 * @param lastSyncMillis     end of the last POP sync, 0 if none yet
 * @param lastSyncOutcome    "ok" or the reason the last sync failed
 */
public record UserRecord(
    long nextMailboxId,
    long nextBlobId,
    long lastUidValidity,
    long lastSyncMillis,
    String lastSyncOutcome) {

  static UserRecord fresh() {
    return new UserRecord(MailboxRecord.INBOX_ID + 1, 1, 0, 0, null);
  }

  UserRecord withNextMailboxId(long id) {
    return new UserRecord(id, nextBlobId, lastUidValidity, lastSyncMillis, lastSyncOutcome);
  }

  UserRecord withNextBlobId(long id) {
    return new UserRecord(nextMailboxId, id, lastUidValidity, lastSyncMillis, lastSyncOutcome);
  }

  UserRecord withLastUidValidity(long value) {
    return new UserRecord(nextMailboxId, nextBlobId, value, lastSyncMillis, lastSyncOutcome);
  }

  UserRecord withSync(long millis, String outcome) {
    return new UserRecord(nextMailboxId, nextBlobId, lastUidValidity, millis, outcome);
  }

  byte[] encode() {
    return new RecordCodec.Writer().writeLong(nextMailboxId).writeLong(nextBlobId)
        .writeLong(lastUidValidity).writeLong(lastSyncMillis).writeString(lastSyncOutcome).toBytes();
  }

  static UserRecord decode(byte[] value) {
    RecordCodec.Reader in = new RecordCodec.Reader(value, "user");
    return new UserRecord(in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readString());
  }
}
