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
import org.rocksdb.MutableColumnFamilyOptions;
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
    /** user · blob id → the raw RFC 5322 message, in RocksDB blob files. */
    BLOBS,
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

  /** Share of the oldest blob files whose live bodies ordinary compactions relocate. */
  private static final double BLOB_GC_AGE_CUTOFF = 0.25;

  static {
    RocksDB.loadLibrary();
  }

  final RocksDB db;
  final Path path;
  private final List<ColumnFamilyHandle> handles = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  /** Writes of anything a user could lose: flushed to disk before the commit returns. */
  final WriteOptions syncWrite = new WriteOptions().setSync(true);
  /** Writes that a later {@link #syncWrite} makes durable before anything can refer to them. */
  final WriteOptions unsyncedWrite = new WriteOptions();
  final ReadOptions plainRead = new ReadOptions();

  private StoreDb(RocksDB db, Path path) {
    this.db = db;
    this.path = path;
  }

  static StoreDb open(Path path) {
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
      ColumnFamilyOptions options = family == Family.BLOBS ? bodies(cache) : smallRecords(cache, filter);
      descriptors.add(new ColumnFamilyDescriptor(family.columnFamilyName(), options));
    }
    DBOptions dbOptions = new DBOptions()
        .setCreateIfMissing(true)
        .setCreateMissingColumnFamilies(true)
        .setMaxBackgroundJobs(2)
        .setBytesPerSync(1024 * 1024)
        .setDbWriteBufferSize(128L * 1024 * 1024)
        .setKeepLogFileNum(3)
        // Bodies are written once and read seldom: writing blob files past the page cache saves
        // copying every downloaded byte into fresh cache pages (measured: the flush thread's CPU
        // halved, docs/benchmarks.md). Reads still use the page cache.
        .setUseDirectIoForFlushAndCompaction(supportsDirectIo(path))
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
      throw new IllegalStateException("cannot open the store " + path + ": " + message, e);
    }
    StoreDb store = new StoreDb(db, path);
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

  /**
   * Message bodies go to RocksDB's blob files: the LSM tree holds only small references, so
   * compactions do not rewrite bodies, and garbage collection of blob files reclaims deleted ones.
   */
  private static ColumnFamilyOptions bodies(LRUCache cache) {
    return new ColumnFamilyOptions()
        .setWriteBufferSize(32L * 1024 * 1024)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setEnableBlobFiles(true)
        .setMinBlobSize(0)
        .setBlobFileSize(64L * 1024 * 1024)
        .setBlobCompressionType(CompressionType.LZ4_COMPRESSION)
        .setMaxWriteBufferNumber(4)
        .setEnableBlobGarbageCollection(true)
        .setBlobGarbageCollectionAgeCutoff(BLOB_GC_AGE_CUTOFF)
        .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache));
  }

  ColumnFamilyHandle handle(Family family) {
    return handles.get(family.ordinal() + 1);
  }

  /**
   * Compacts every column family. For message bodies, blob garbage collection is widened to all
   * blob files for the duration, so the space of deleted bodies really comes back.
   */
  void compactAll() {
    try {
      for (Family family : Family.values()) {
        ColumnFamilyHandle handle = handle(family);
        if (family == Family.BLOBS) {
          db.setOptions(handle, MutableColumnFamilyOptions.builder()
              .setBlobGarbageCollectionAgeCutoff(1.0).build());
          try {
            db.compactRange(handle);
          } finally {
            db.setOptions(handle, MutableColumnFamilyOptions.builder()
                .setBlobGarbageCollectionAgeCutoff(BLOB_GC_AGE_CUTOFF).build());
          }
        } else {
          db.compactRange(handle);
        }
      }
    } catch (RocksDBException e) {
      throw new StoreException("compaction failed", e);
    }
  }

  @Override
  public void close() {
    syncWrite.close();
    unsyncedWrite.close();
    plainRead.close();
    for (ColumnFamilyHandle handle : handles) {
      handle.close();
    }
    db.close();
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // options objects do not fail to close
      }
    }
  }
}
