package org.lemongate.store;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * Message bodies, in append-only segment files of the store's {@code bodies} folder; RocksDB keeps
 * only each body's {@link BodyLocation}.
 *
 * <p>Why not in RocksDB: a body is written once, read seldom and never changed, and RocksDB would
 * write each one twice (its log, then a blob file) with a CRC-32C computed in software (the
 * rocksdbjni build has no hardware CRC), which made the store the largest cost of a first sync
 * (docs/benchmarks.md). Here a body is copied once into an aligned buffer, written past the page
 * cache (O_DIRECT, when the file system takes it) and checksummed with Java's hardware CRC-32C.
 *
 * <p>Durability: {@link #append} returns only once the bodies are on disk (fdatasync), and callers
 * commit the locations to RocksDB after it, so a committed location always points at durable
 * bytes. Bytes whose commit never came (a crash, a failed commit) are dead space, reclaimed like
 * the bodies of expunged messages: {@link org.lemongate.store.MailStore#compact()} moves the live
 * bodies out of mostly dead segments and deletes segments nothing points into.
 *
 * <p>Thread safety: appends from several threads go to disjoint, reserved ranges of the active
 * segment; reads are positional.
 */
final class BodyFiles implements AutoCloseable {
  /** A segment takes appends until it would grow past this. */
  static final long SEGMENT_BYTES = 256L * 1024 * 1024;
  private static final int WRITE_BUFFER_BYTES = 1024 * 1024;
  private static final int READ_CHUNK_BYTES = 1024 * 1024;
  private static final String SUFFIX = ".bodies";

  private final Path dir;
  private final long segmentBytes;
  private final boolean direct;
  /** Appends start and end on this boundary, as O_DIRECT requires. */
  private final int block;
  private final ThreadLocal<ByteBuffer> writeBuffer;
  private final Map<Long, FileChannel> readers = new ConcurrentHashMap<>();
  /** The active segment's channel and those of segments rolled while appends to them may still run. */
  private final Map<Long, FileChannel> writers = new ConcurrentHashMap<>();
  private long activeSegment;
  private long activeEnd;

  private BodyFiles(Path dir, long segmentBytes, boolean direct, int block) {
    this.dir = dir;
    this.segmentBytes = segmentBytes;
    this.direct = direct;
    this.block = block;
    this.writeBuffer = ThreadLocal.withInitial(
        () -> ByteBuffer.allocateDirect(WRITE_BUFFER_BYTES + block).alignedSlice(block));
  }

  /**
   * Opens the folder, creating it if need be. Appends continue the newest segment, after its last
   * block: whatever a crash left there uncommitted is skipped.
   */
  static BodyFiles open(Path dir, long segmentBytes) throws IOException {
    Files.createDirectories(dir);
    return open(dir, segmentBytes, StoreDb.supportsDirectIo(dir));
  }

  /** Opens an existing folder with or without O_DIRECT writes (tests take both ways). */
  static BodyFiles open(Path dir, long segmentBytes, boolean direct) throws IOException {
    int block = (int) Math.max(4096, Files.getFileStore(dir).getBlockSize());
    BodyFiles files = new BodyFiles(dir, segmentBytes, direct, block);
    List<Long> segments = files.segments();
    if (segments.isEmpty()) {
      files.startSegment(1);
    } else {
      long newest = segments.get(segments.size() - 1);
      files.activeSegment = newest;
      files.activeEnd = files.alignUp(Files.size(files.file(newest)));
      files.writers.put(newest, files.openWriter(newest, StandardOpenOption.WRITE));
    }
    return files;
  }

  /** The segment files there are, oldest first. */
  List<Long> segments() throws IOException {
    List<Long> segments = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        try {
          segments.add(Long.parseLong(name.substring(0, name.length() - SUFFIX.length())));
        } catch (NumberFormatException notOurs) {
          // a file someone else put here: not a segment
        }
      }
    }
    segments.sort(null);
    return segments;
  }

  /** Size of each segment file on disk, by segment. */
  Map<Long, Long> segmentSizes() throws IOException {
    Map<Long, Long> sizes = new TreeMap<>();
    for (long segment : segments()) {
      sizes.put(segment, Files.size(file(segment)));
    }
    return sizes;
  }

  synchronized long activeSegment() {
    return activeSegment;
  }

  /**
   * Writes the bodies one after the other at the end of the active segment and waits until they
   * are on disk; returns where each one is.
   */
  List<BodyLocation> append(List<byte[]> bodies) throws IOException {
    long total = 0;
    for (byte[] body : bodies) {
      total += body.length;
    }
    long segment;
    long start;
    FileChannel channel;
    synchronized (this) {
      if (activeEnd > 0 && activeEnd + total > segmentBytes) {
        roll();
      }
      segment = activeSegment;
      start = activeEnd;
      channel = writers.get(segment);
      activeEnd += alignUp(total);
    }
    List<BodyLocation> locations = new ArrayList<>(bodies.size());
    ByteBuffer buffer = writeBuffer.get().clear();
    CRC32C crc = new CRC32C();
    long offset = start;
    long written = start;
    for (byte[] body : bodies) {
      crc.reset();
      crc.update(body);
      locations.add(new BodyLocation(segment, offset, body.length, (int) crc.getValue()));
      offset += body.length;
      for (int copied = 0; copied < body.length; ) {
        int piece = Math.min(buffer.remaining(), body.length - copied);
        buffer.put(body, copied, piece);
        copied += piece;
        if (!buffer.hasRemaining()) {
          written += writeOut(channel, buffer, written);
        }
      }
    }
    if (buffer.position() > 0) {
      int end = (int) alignUp(buffer.position());
      while (buffer.position() < end) {
        buffer.put((byte) 0);
      }
      writeOut(channel, buffer, written);
    }
    channel.force(false);
    return locations;
  }

  /** Writes the buffer's content at {@code position} and empties it; returns the bytes written. */
  private static int writeOut(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    buffer.flip();
    int length = buffer.remaining();
    while (buffer.hasRemaining()) {
      channel.write(buffer, position + buffer.position());
    }
    buffer.clear();
    return length;
  }

  /** Reads a body and checks its checksum. */
  byte[] read(BodyLocation location) {
    byte[] body = new byte[location.length()];
    try {
      FileChannel channel = readers.computeIfAbsent(location.segment(), this::openReader);
      // A megabyte per read: the JDK copies through a direct buffer as large as the read and keeps
      // it for the thread, which for a 64 MB message on every store worker would pin a gigabyte.
      for (int done = 0; done < body.length; ) {
        int read = channel.read(ByteBuffer.wrap(body, done, Math.min(READ_CHUNK_BYTES, body.length - done)),
            location.offset() + done);
        if (read < 0) {
          throw new CorruptStoreException("body file " + file(location.segment()) + " ends before the body at "
              + location.offset() + " does");
        }
        done += read;
      }
    } catch (IOException e) {
      throw new StoreException("cannot read a body from " + file(location.segment()), e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof NoSuchFileException) {
        throw new CorruptStoreException("body file " + file(location.segment()) + " is missing");
      }
      throw new StoreException("cannot open " + file(location.segment()), e.getCause());
    }
    CRC32C crc = new CRC32C();
    crc.update(body);
    if ((int) crc.getValue() != location.crc32c()) {
      throw new CorruptStoreException("the body at " + location.offset() + " of " + file(location.segment())
          + " does not match its checksum");
    }
    return body;
  }

  /** Ends the active segment: appends from now on go to a new one. */
  synchronized void roll() throws IOException {
    startSegment(activeSegment + 1);
  }

  /**
   * Closes the write channels of segments that are no longer active. Only for when no append is
   * running (the store holds every operation back meanwhile).
   */
  void closeRolledWriters() throws IOException {
    long active = activeSegment();
    for (long segment : List.copyOf(writers.keySet())) {
      if (segment != active) {
        close(writers.remove(segment));
      }
    }
  }

  /** Deletes a segment that nothing points into; never the active one. */
  void delete(long segment) throws IOException {
    if (segment == activeSegment()) {
      throw new IllegalArgumentException("segment " + segment + " is the active one");
    }
    close(readers.remove(segment));
    close(writers.remove(segment));
    Files.deleteIfExists(file(segment));
  }

  @Override
  public void close() throws IOException {
    for (FileChannel channel : readers.values()) {
      channel.close();
    }
    for (FileChannel channel : writers.values()) {
      channel.close();
    }
  }

  private void startSegment(long segment) throws IOException {
    writers.put(segment, openWriter(segment, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    // the new file's name must survive a crash as surely as the bodies written into it
    try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
      folder.force(true);
    }
    activeSegment = segment;
    activeEnd = 0;
  }

  private FileChannel openWriter(long segment, OpenOption... options) throws IOException {
    List<OpenOption> all = new ArrayList<>(List.of(options));
    if (direct) {
      all.add(ExtendedOpenOption.DIRECT);
    }
    return FileChannel.open(file(segment), all.toArray(OpenOption[]::new));
  }

  private FileChannel openReader(long segment) {
    try {
      return FileChannel.open(file(segment), StandardOpenOption.READ);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(FileChannel channel) throws IOException {
    if (channel != null) {
      channel.close();
    }
  }

  private long alignUp(long bytes) {
    return (bytes + block - 1) / block * block;
  }

  private Path file(long segment) {
    return dir.resolve(String.format("%010d%s", segment, SUFFIX));
  }
}
