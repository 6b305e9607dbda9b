package org.lemongate.store;

/**
 * A mailbox of a user.
 *
 * @param id                  the mailbox's number, never reused for this user; {@link #INBOX_ID} is INBOX
 * @param name                its name, with '/' between hierarchy levels ("INBOX" for the inbox)
 * @param uidValidity         UIDVALIDITY; a new mailbox of an old name gets a larger one
 * @param uidNext             the UID the next message will get
 * @param highestModSeq       the MODSEQ of the latest change (RFC 7162 HIGHESTMODSEQ)
 * @param historyStartModSeq  expunges at or below this MODSEQ have been forgotten (purged
 *                            vanished records), so QRESYNC cannot list them exactly
 * @param specialUse          RFC 6154 attribute such as "\Sent", or null
 */
public record MailboxRecord(
    long id,
    String name,
    long uidValidity,
    long uidNext,
    long highestModSeq,
    long historyStartModSeq,
    String specialUse) {

  public static final long INBOX_ID = 1;
  public static final String INBOX = "INBOX";

  public boolean isInbox() {
    return id == INBOX_ID;
  }

  MailboxRecord withName(String newName) {
    return new MailboxRecord(id, newName, uidValidity, uidNext, highestModSeq, historyStartModSeq, specialUse);
  }

  MailboxRecord withCounters(long newUidNext, long newHighestModSeq) {
    return new MailboxRecord(id, name, uidValidity, newUidNext, newHighestModSeq, historyStartModSeq, specialUse);
  }

  MailboxRecord withHistoryStart(long modSeq) {
    return new MailboxRecord(id, name, uidValidity, uidNext, highestModSeq, modSeq, specialUse);
  }

  byte[] encode() {
    return new RecordCodec.Writer().writeLong(id).writeLong(uidValidity).writeLong(uidNext)
        .writeLong(highestModSeq).writeLong(historyStartModSeq).writeString(specialUse).toBytes();
  }

  static MailboxRecord decode(String name, byte[] value) {
    RecordCodec.Reader in = new RecordCodec.Reader(value, "mailbox");
    return new MailboxRecord(in.readLong(), name, in.readLong(), in.readLong(), in.readLong(),
        in.readLong(), in.readString());
  }
}
