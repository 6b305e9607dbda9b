package org.lemongate.pop.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The response parser alone. Each fixture is fed whole, split in two at every offset, and byte by byte
 * (as Dovecot's parser tests do), and must give the same responses every time.
 */
class ResponseReaderTest {
  private static final Request STATUS = Request.command("NOOP");
  private static final Request MESSAGE = Request.message("RETR 1", 1000, 0);
  private static final Request AUTH = Request.secret("AUTH PLAIN", Buffer.buffer("AUTH PLAIN\r\n"), Buffer.buffer("x\r\n"));

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of("status line", List.of(STATUS), "+OK 2 200\r\n", List.of("OK|2 200|null")),
        Arguments.of("lower-case indicator", List.of(STATUS), "+ok fine\r\n", List.of("OK|fine|null")),
        Arguments.of("-ERR to a multi-line command has no body", List.of(MESSAGE), "-ERR no such message\r\n",
            List.of("ERR|no such message|null")),
        Arguments.of("dot-stuffed lines", List.of(MESSAGE), "+OK\r\nSubject: x\r\n\r\n..dot\r\n...\r\n..\r\n.\r\n",
            List.of("OK||Subject: x\r\n\r\n.dot\r\n..\r\n.\r\n")),
        Arguments.of("empty body", List.of(MESSAGE), "+OK 0 octets\r\n.\r\n", List.of("OK|0 octets|")),
        Arguments.of("bare LF line ends become CRLF", List.of(MESSAGE), "+OK\nA\nB\n.\n", List.of("OK||A\r\nB\r\n")),
        Arguments.of("a CR inside a line is content", List.of(MESSAGE), "+OK\r\na\rb\r\r\n.\r\n",
            List.of("OK||a\rb\r\r\n")),
        Arguments.of("dot, CR and more is a stuffed line", List.of(MESSAGE), "+OK\r\n.\rx\r\n.\r\n",
            List.of("OK||\rx\r\n")),
        Arguments.of("runs of plain lines around every special case", List.of(MESSAGE),
            "+OK\r\none\r\ntwo\r\n..three\r\nfour\nfive\r\nsi\rx\r\n\r\n\n..\r\nseven\r\n.\r\n",
            List.of("OK||one\r\ntwo\r\n.three\r\nfour\r\nfive\r\nsi\rx\r\n\r\n\r\n.\r\nseven\r\n")),
        Arguments.of("two responses in one chunk", List.of(STATUS, MESSAGE), "+OK\r\n+OK\r\nbody\r\n.\r\n",
            List.of("OK||null", "OK||body\r\n")),
        Arguments.of("SASL continuation", List.of(AUTH), "+ \r\n+OK logged in\r\n",
            List.of("CONTINUATION||null", "OK|logged in|null")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void givesTheSameResponsesHoweverTheBytesAreSplit(String name, List<Request> requests, String input,
      List<String> expected) throws Exception {
    byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
    for (Memory memory : Memory.values()) {
      assertThat(read(requests, List.of(bytes), memory)).as("whole, " + memory).isEqualTo(expected);
      for (int split = 1; split < bytes.length; split++) {
        List<byte[]> chunks = List.of(slice(bytes, 0, split), slice(bytes, split, bytes.length));
        assertThat(read(requests, chunks, memory)).as("split at " + split + ", " + memory).isEqualTo(expected);
      }
      List<byte[]> single = new ArrayList<>();
      for (int i = 0; i < bytes.length; i++) {
        single.add(slice(bytes, i, i + 1));
      }
      assertThat(read(requests, single, memory)).as("byte by byte, " + memory).isEqualTo(expected);
    }
  }

  /**
   * A socket's chunks in native memory are read through one array of the reader, reused: a chunk
   * larger than it, and a line that goes on in the next chunk, must come out whole.
   */
  @Test
  void readsChunksInNativeMemoryOfAnySize() throws Exception {
    String big = "a line of text\r\n".repeat(20_000);
    Request retrBig = Request.message("RETR 1", 1 << 20, 0);
    byte[] first = ("+OK\r\n" + big + ".\r\n+OK\r\n..sm").getBytes(StandardCharsets.US_ASCII);
    byte[] second = "all\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(read(List.of(retrBig, MESSAGE), List.of(first, second), Memory.NATIVE))
        .containsExactly("OK||" + big, "OK||.small\r\n");
  }

  /** LIST's size presizes the body; a wrong one (servers may lie) must change nothing read. */
  @ParameterizedTest(name = "announced {0}")
  @ValueSource(longs = {0, 1, 17, 18, 19, 1L << 40})
  void theBodyIsTheSameWhateverSizeWasAnnounced(long announced) throws Exception {
    Request retr = Request.message("RETR 1", 1000, announced);
    byte[] input = "+OK\r\nSubject: x\r\n\r\n..dot\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(read(List.of(retr), List.of(input))).containsExactly("OK||Subject: x\r\n\r\n.dot\r\n");
    List<byte[]> single = new ArrayList<>();
    for (int i = 0; i < input.length; i++) {
      single.add(slice(input, i, i + 1));
    }
    assertThat(read(List.of(retr), single)).containsExactly("OK||Subject: x\r\n\r\n.dot\r\n");
  }

  @Test
  void rejectsAStatusLineOverTheLimit() {
    String line = "+OK " + "y".repeat(Pop3Limits.defaults().maxStatusLineBytes()) + "\r\n";
    assertThatThrownBy(() -> read(List.of(STATUS), List.of(line.getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("status line longer than 4096 bytes");
  }

  @Test
  void rejectsABodyLineOverTheLimitWithoutBufferingIt() {
    Request big = Request.message("RETR 1", Long.MAX_VALUE, 0);
    byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
    List<byte[]> chunks = new ArrayList<>();
    chunks.add("+OK\r\n".getBytes(StandardCharsets.US_ASCII));
    for (int i = 0; i < 17; i++) {
      chunks.add(chunk);
    }
    assertThatThrownBy(() -> read(List.of(big), chunks))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("line longer than 1048576 bytes");
  }

  @Test
  void reportsABodyOverItsLimitAsOverLimit() {
    Request small = Request.message("RETR 1", 10, 0);
    byte[] input = "+OK\r\n0123456789\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThatThrownBy(() -> read(List.of(small), List.of(input)))
        .isInstanceOfSatisfying(ProtocolViolation.class, violation -> assertThat(violation.isOverLimit()).isTrue())
        .hasMessageContaining("more than 10 bytes in answer to RETR 1");
  }

  @Test
  void rejectsALineThatIsNeitherOkNorErr() {
    assertThatThrownBy(() -> read(List.of(STATUS), List.of("HELLO\r\n".getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("neither +OK nor -ERR: HELLO");
  }

  @Test
  void rejectsAContinuationNobodyAskedFor() {
    assertThatThrownBy(() -> read(List.of(STATUS), List.of("+ \r\n".getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOf(ProtocolViolation.class);
  }

  @Test
  void rejectsDataWhenNoCommandIsWaiting() {
    assertThatThrownBy(() -> read(List.of(), List.of("+OK\r\n".getBytes(StandardCharsets.US_ASCII))))
        .isInstanceOf(ProtocolViolation.class)
        .hasMessageContaining("no command was waiting");
  }

  @Test
  void discardingDropsTheRestOfTheChunk() throws Exception {
    ArrayDeque<Request> waiting = new ArrayDeque<>(List.of(STATUS, STATUS));
    List<String> responses = new ArrayList<>();
    ResponseReader[] reader = new ResponseReader[1];
    reader[0] = new ResponseReader(Pop3Limits.defaults(), new ResponseReader.Listener() {
      @Override
      public Request awaited() {
        return waiting.peek();
      }

      @Override
      public void onResponse(Response response) {
        waiting.poll();
        responses.add(response.text());
        reader[0].discardBuffered();
      }
    });
    reader[0].feed(Unpooled.copiedBuffer("+OK go ahead\r\n+OK injected\r\n", StandardCharsets.US_ASCII));
    reader[0].feed(Unpooled.copiedBuffer("+OK real\r\n", StandardCharsets.US_ASCII));
    assertThat(responses).containsExactly("go ahead", "real");
  }

  /** Where a chunk is, as a socket may deliver it. */
  private enum Memory { HEAP, NATIVE }

  private static List<String> read(List<Request> requests, List<byte[]> chunks) throws ProtocolViolation {
    return read(requests, chunks, Memory.HEAP);
  }

  private static List<String> read(List<Request> requests, List<byte[]> chunks, Memory memory)
      throws ProtocolViolation {
    ArrayDeque<Request> waiting = new ArrayDeque<>(requests);
    List<String> responses = new ArrayList<>();
    ResponseReader reader = new ResponseReader(Pop3Limits.defaults(), new ResponseReader.Listener() {
      @Override
      public Request awaited() {
        return waiting.peek();
      }

      @Override
      public void onResponse(Response response) {
        if (response.status() != Response.Status.CONTINUATION) {
          waiting.poll();
        }
        String body = response.body() == null ? "null" : new String(response.body(), StandardCharsets.ISO_8859_1);
        responses.add(response.status() + "|" + response.text() + "|" + body);
      }
    });
    for (byte[] chunk : chunks) {
      ByteBuf buffer = inMemory(chunk, memory);
      try {
        reader.feed(buffer);
      } finally {
        buffer.release();
      }
    }
    return responses;
  }

  /** The chunk one byte into its buffer, so that a reader ignoring the buffer's offset reads junk. */
  private static ByteBuf inMemory(byte[] chunk, Memory memory) {
    if (memory == Memory.HEAP) {
      byte[] padded = new byte[chunk.length + 1];
      padded[0] = 'X';
      System.arraycopy(chunk, 0, padded, 1, chunk.length);
      return Unpooled.wrappedBuffer(padded, 1, chunk.length);
    }
    ByteBuf direct = Unpooled.directBuffer(chunk.length + 1);
    direct.writeByte('X').writeBytes(chunk).skipBytes(1);
    return direct;
  }

  private static byte[] slice(byte[] bytes, int from, int to) {
    return Arrays.copyOfRange(bytes, from, to);
  }
}
