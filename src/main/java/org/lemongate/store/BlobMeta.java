package org.lemongate.store;

/**
 * Book-keeping of one stored message body.
 *
 * @param refCount  how many messages (across the user's mailboxes) use the body; at zero the body
 *                  is queued for reclaim by the compaction verticle
 * @param size      length of the body in bytes
 * @param summary   the body's parsed MIME structure ({@link org.lemongate.mime.MessageSummary#toBytes()}),
 *                  computed once when the body entered the store
 */
record BlobMeta(long refCount, long size, byte[] summary) {

  BlobMeta withRefCount(long newRefCount) {
    return new BlobMeta(newRefCount, size, summary);
  }

  byte[] encode() {
    return new RecordCodec.Writer(32 + summary.length).writeLong(refCount).writeLong(size).writeBytes(summary)
        .toBytes();
  }

  static BlobMeta decode(byte[] value) {
    RecordCodec.Reader in = new RecordCodec.Reader(value, "blob");
    return new BlobMeta(in.readLong(), in.readLong(), in.readBytes());
  }
}
