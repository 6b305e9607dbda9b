package org.lemongate.store;

/**
 * What the gateway knows of one message on the POP3 server, by its UIDL.
 *
 * @param uidl      the POP3 unique id
 * @param state     whether the message is mirrored in INBOX or waits to be deleted on the server
 * @param inboxUid  its UID in INBOX while {@link State#PRESENT}
 * @param popSize   its size as the server's LIST gave it, to notice a UIDL reused for other content
 */
public record PopRecord(String uidl, State state, long inboxUid, long popSize) {

  public enum State {
    /** On the server and in INBOX. */
    PRESENT,
    /** Expunged from INBOX (or moved out of it) by the user: to be DELEd on the server. */
    DELETE_PENDING
  }

  PopRecord deletePending() {
    return new PopRecord(uidl, State.DELETE_PENDING, inboxUid, popSize);
  }

  byte[] encode() {
    return new RecordCodec.Writer().writeByte(state.ordinal()).writeLong(inboxUid).writeLong(popSize)
        .toBytes();
  }

  static PopRecord decode(String uidl, byte[] value) {
    RecordCodec.Reader in = new RecordCodec.Reader(value, "pop");
    int state = in.readByte();
    if (state >= State.values().length) {
      throw new CorruptStoreException("pop record of " + uidl + " has unknown state " + state);
    }
    return new PopRecord(uidl, State.values()[state], in.readLong(), in.readLong());
  }
}
