package org.lemongate.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class BodyFilesTest {
  @TempDir
  Path dir;

  private static byte[] randomBody(Random random, int length) {
    byte[] body = new byte[length];
    random.nextBytes(body);
    return body;
  }

  /** Lengths around the 4 KB alignment and past the 1 MB write buffer. */
  private static List<byte[]> awkwardBodies() {
    Random random = new Random(7);
    List<byte[]> bodies = new ArrayList<>();
    for (int length : new int[] {0, 1, 4095, 4096, 4097, 70_000, 1024 * 1024 - 3, 1024 * 1024, 2_500_001, 12}) {
      bodies.add(randomBody(random, length));
    }
    return bodies;
  }

  /** With O_DIRECT (where the file system takes it, as here) and without (where it does not). */
  @ParameterizedTest(name = "direct I/O {0}")
  @ValueSource(booleans = {true, false})
  void everyBodyComesBackAsWritten(boolean directIo) throws IOException {
    List<byte[]> bodies = awkwardBodies();
    try (BodyFiles files = BodyFiles.open(dir, BodyFiles.SEGMENT_BYTES, directIo && StoreDb.supportsDirectIo(dir))) {
      List<BodyLocation> first = files.append(bodies.subList(0, 4));
      List<BodyLocation> second = files.append(bodies.subList(4, bodies.size()));

      List<BodyLocation> all = new ArrayList<>(first);
      all.addAll(second);
      for (int i = 0; i < bodies.size(); i++) {
        assertThat(files.read(all.get(i))).as("body %d", i).isEqualTo(bodies.get(i));
      }
    }
  }

  @Test
  void appendsAfterAReopenLeaveEarlierBodiesAndLeftoversOfACrashAlone() throws IOException {
    Random random = new Random(11);
    byte[] before = randomBody(random, 10_000);
    byte[] after = randomBody(random, 10_000);
    BodyLocation kept;
    try (BodyFiles files = BodyFiles.open(dir, BodyFiles.SEGMENT_BYTES)) {
      kept = files.append(List.of(before)).get(0);
    }
    // an append whose commit never came, cut short by a crash: 777 bytes after the last block
    Path segment = onlySegment();
    Files.write(segment, randomBody(random, 777), StandardOpenOption.APPEND);

    try (BodyFiles files = BodyFiles.open(dir, BodyFiles.SEGMENT_BYTES)) {
      BodyLocation added = files.append(List.of(after)).get(0);

      assertThat(added.segment()).isEqualTo(kept.segment());
      assertThat(added.offset()).isGreaterThanOrEqualTo(Files.size(segment) - 16_384).isGreaterThan(kept.offset());
      assertThat(files.read(kept)).isEqualTo(before);
      assertThat(files.read(added)).isEqualTo(after);
    }
  }

  @Test
  void aFullSegmentGivesWayToANewOne() throws IOException {
    Random random = new Random(3);
    List<byte[]> bodies = new ArrayList<>();
    List<BodyLocation> locations = new ArrayList<>();
    try (BodyFiles files = BodyFiles.open(dir, 64 * 1024)) {
      for (int i = 0; i < 20; i++) {
        byte[] body = randomBody(random, 9_000 + i * 1000);
        bodies.add(body);
        locations.addAll(files.append(List.of(body)));
      }
      assertThat(files.segments()).hasSizeGreaterThan(3);
      assertThat(files.segmentSizes().values()).allMatch(size -> size <= 64 * 1024);
      for (int i = 0; i < bodies.size(); i++) {
        assertThat(files.read(locations.get(i))).isEqualTo(bodies.get(i));
      }
    }
  }

  @Test
  void aDamagedBodyIsReportedAndNeverReturned() throws IOException {
    try (BodyFiles files = BodyFiles.open(dir, BodyFiles.SEGMENT_BYTES)) {
      BodyLocation location = files.append(List.of(randomBody(new Random(5), 50_000))).get(0);
      try (FileChannel channel = FileChannel.open(onlySegment(), StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(new byte[] {42, 43}), location.offset() + 30_000);
      }

      assertThatThrownBy(() -> files.read(location))
          .isInstanceOf(CorruptStoreException.class)
          .hasMessageContaining("does not match its checksum");
    }
  }

  @Test
  void aBodyPastTheEndOfItsFileIsReportedAsCorrupt() throws IOException {
    try (BodyFiles files = BodyFiles.open(dir, BodyFiles.SEGMENT_BYTES)) {
      BodyLocation location = files.append(List.of(randomBody(new Random(9), 50_000))).get(0);
      BodyLocation beyond = new BodyLocation(location.segment(), 1 << 20, 100, 0);
      BodyLocation nowhere = new BodyLocation(location.segment() + 5, 0, 100, 0);

      assertThatThrownBy(() -> files.read(beyond)).isInstanceOf(CorruptStoreException.class)
          .hasMessageContaining("ends before");
      assertThatThrownBy(() -> files.read(nowhere)).isInstanceOf(CorruptStoreException.class)
          .hasMessageContaining("missing");
    }
  }

  @Test
  void theActiveSegmentIsNeverDeleted() throws IOException {
    try (BodyFiles files = BodyFiles.open(dir, BodyFiles.SEGMENT_BYTES)) {
      long active = files.activeSegment();

      assertThatThrownBy(() -> files.delete(active)).isInstanceOf(IllegalArgumentException.class);
      files.roll();
      files.delete(active);
      assertThat(files.segments()).containsExactly(active + 1);
    }
  }

  private Path onlySegment() throws IOException {
    try (var entries = Files.list(dir)) {
      List<Path> segments = entries.filter(p -> p.toString().endsWith(".bodies")).toList();
      assertThat(segments).hasSize(1);
      return segments.get(0);
    }
  }
}
