package org.lemongate.store;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;

/**
 * The RocksDB database of the store: its column families and the options they are opened with.
 * Everything here blocks; callers run it on store worker threads only.
 */
final class StoreDb implements AutoCloseable {

  /** The column families, one per kind of record (see design.md, "Data model"). */
  enum Family {
    /** user · mailbox name → {@link MailboxRecord}. */
    MAILBOXES,
    /** user · mailbox id · UID → {@link MessageRecord}. */
    MESSAGES,
    /** user · blob id → where the raw RFC 5322 message is in the {@link BodyFiles}: a {@link BodyLocation}. */
    BODIES,
    /** user · blob id → {@link BlobMeta}. */
    BLOB_META,
    /** user · blob id → time its reference count fell to zero: bodies waiting to be reclaimed. */
    RECLAIM,
    /** user · UIDL → {@link PopRecord}. */
    POP,
    /** user · mailbox id · MODSEQ · UID → nothing: one live entry per message, "changes since X" is a range. */
    CHANGES,
    /** user · mailbox id · MODSEQ · UID → expunge time: expunged UIDs for QRESYNC VANISHED. */
    VANISHED,
    /** user → {@link UserRecord}. */
    USERS,
    /** user · mailbox name → nothing: subscriptions, which may name mailboxes that do not exist. */
    SUBSCRIPTIONS;

    byte[] columnFamilyName() {
      return name().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    }
  }

  static {
    RocksDB.loadLibrary();
  }

  final RocksDB db;
  final Path path;
  /** The message bodies, in a folder of the store. */
  final BodyFiles bodies;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  /** Writes of anything a user could lose: flushed to disk before the commit returns. */
  final WriteOptions syncWrite = new WriteOptions().setSync(true);
  final ReadOptions plainRead = new ReadOptions();

  private StoreDb(RocksDB db, Path path, BodyFiles bodies) {
    this.db = db;
    this.path = path;
    this.bodies = bodies;
  }

  /** Opens the database and its body files, whose segments take appends up to {@code bodySegmentBytes}. */
  static StoreDb open(Path path, long bodySegmentBytes) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new IllegalStateException("cannot create the store folder " + path + ": " + e.getMessage(), e);
    }
    LRUCache cache = new LRUCache(64L * 1024 * 1024);
    // A sync looks up every UIDL it downloads, and a new one is in no file: filters answer "absent" cheaply.
    BloomFilter filter = new BloomFilter(10);
    List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
    descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, smallRecords(cache, filter)));
    for (Family family : Family.values()) {
      descriptors.add(new ColumnFamilyDescriptor(family.columnFamilyName(), smallRecords(cache, filter)));
    }
    DBOptions dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setMaxBackgroundJobs(2)
        .setBytesPerSync(1024 * 1024)
        .setDbWriteBufferSize(128L * 1024 * 1024)
        .setKeepLogFileNum(3)
        .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
    List<ColumnFamilyHandle> opened = new ArrayList<>();
    RocksDB db;
    try {
      db = RocksDB.open(dbOptions, path.toString(), descriptors, opened);
    } catch (RocksDBException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("LOCK") || message.contains("lock")) {
        throw new StoreInUseException("the store " + path.toAbsolutePath()
            + " is in use by another Lemongate process (its RocksDB lock is held)", e);
      }
      if (message.contains("Column families not opened: blobs")) {
        throw new IllegalStateException("the store " + path.toAbsolutePath() + " was written by an earlier"
            + " Lemongate, which kept message bodies inside RocksDB; this version cannot read it. Move it"
            + " away and start again: the gateway downloads the POP mailboxes anew (flags and local"
            + " folders of the old store are not carried over)", e);
      }
      throw new IllegalStateException("cannot open the store " + path + ": " + message, e);
    }
    BodyFiles bodies;
    try {
      bodies = BodyFiles.open(path.resolve("bodies"), bodySegmentBytes);
    } catch (IOException e) {
      db.close();
      throw new IllegalStateException("cannot open the body files of the store " + path + ": " + e.getMessage(), e);
    }
    StoreDb store = new StoreDb(db, path, bodies);
    store.handles.addAll(opened);
    store.resources.add(dbOptions);
    store.resources.add(cache);
    store.resources.add(filter);
    for (ColumnFamilyDescriptor d : descriptors) {
      store.resources.add(d.getOptions());
    }
    return store;
  }

  /**
   * Whether the store's file system takes O_DIRECT writes (tmpfs, for one, may not): one aligned
   * block is written to a probe file, which is then deleted.
   */
  static boolean supportsDirectIo(Path dir) {
    Path probe = dir.resolve("direct-io-probe");
    try {
      int block = (int) Files.getFileStore(dir).getBlockSize();
      ByteBuffer aligned = ByteBuffer.allocateDirect(2 * block).alignedSlice(block);
      aligned.limit(block);
      try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          ExtendedOpenOption.DIRECT)) {
        channel.write(aligned);
      }
      return true;
    } catch (IOException | RuntimeException unsupported) {
      return false;
    } finally {
      try {
        Files.deleteIfExists(probe);
      } catch (IOException ignored) {
        // a probe file left behind is harmless
      }
    }
  }

  private static ColumnFamilyOptions smallRecords(LRUCache cache, BloomFilter filter) {
    return new ColumnFamilyOptions()
        .setWriteBufferSize(8L * 1024 * 1024)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(filter));
  }

  ColumnFamilyHandle handle(Family family) {
    return handles.get(family.ordinal() + 1);
  }

  /** Compacts every column family: the space of deleted records comes back. */
  void compactAll() {
    try {
      for (Family family : Family.values()) {
        db.compactRange(handle(family));
      }
    } catch (RocksDBException e) {
      throw new StoreException("compaction failed", e);
    }
  }

  @Override
  public void close() {
    syncWrite.close();
    plainRead.close();
    for (ColumnFamilyHandle handle : handles) {
      handle.close();
    }
    db.close();
    try {
      bodies.close();
    } catch (IOException e) {
      // read channels and written, forced segments: nothing is lost by a failed close
    }
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // options objects do not fail to close
      }
    }
  }
}
