package org.lemongate.store;

import java.util.List;

/**
 * A message in a mailbox.
 *
 * @param uid           its UID in the mailbox
 * @param modSeq        MODSEQ of its last change (arrival or flag change)
 * @param blobId        the stored body, shared by copies of the message
 * @param size          RFC822.SIZE in bytes
 * @param internalDate  INTERNALDATE in milliseconds since the epoch
 * @param flags         system flags ("\Seen", ...) and keywords, sorted, without duplicates
 * @param uidl          the POP3 unique id when this is the INBOX copy of a POP message, else null
 */
public record MessageRecord(
    long uid,
    long modSeq,
    long blobId,
    long size,
    long internalDate,
    List<String> flags,
    String uidl) {

  public MessageRecord {
    flags = List.copyOf(flags);
  }

  MessageRecord withFlags(List<String> newFlags, long newModSeq) {
    return new MessageRecord(uid, newModSeq, blobId, size, internalDate, newFlags, uidl);
  }

  public boolean hasFlag(String flag) {
    for (String f : flags) {
      if (f.equalsIgnoreCase(flag)) {
        return true;
      }
    }
    return false;
  }

  byte[] encode() {
    return new RecordCodec.Writer().writeLong(modSeq).writeLong(blobId).writeLong(size)
        .writeLong(internalDate).writeStrings(flags).writeString(uidl).toBytes();
  }

  static MessageRecord decode(long uid, byte[] value) {
    RecordCodec.Reader in = new RecordCodec.Reader(value, "message");
    return new MessageRecord(uid, in.readLong(), in.readLong(), in.readLong(), in.readLong(),
        in.readStrings(), in.readString());
  }
}
