package org.lemongate.imap.protocol;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lemongate.config.ImapLimits;
import org.lemongate.imap.protocol.FramerEvent.Continuation;
import org.lemongate.imap.protocol.FramerEvent.LiteralChunk;
import org.lemongate.imap.protocol.FramerEvent.LiteralStart;
import org.lemongate.imap.protocol.FramerEvent.RawLine;

/**
 * Every fixture is fed whole, then split in two at every byte offset, then one byte at a time
 * (Dovecot's test-imap-parser.c style): the events must be the same each time.
 */
class CommandFramerTest {

  /** Small limits so the fixtures stay short: line 64, literal 10000, command 256, non-sync 100. */
  static final ImapLimits SMALL = new ImapLimits(64, 10_000, 256, 4, 32, 16, 100);

  static final Predicate<CommandFrame> APPEND_STREAMS =
      prefix -> new String(prefix.toByteArray(), ISO_8859_1).contains("APPEND");

  /** Reacts like a session: raw mode after AUTHENTICATE and IDLE, aborts an APPEND to "Nope". */
  static final BiConsumer<CommandFramer, FramerEvent> SESSION =
      (framer, event) -> {
        if (event instanceof CommandFrame frame) {
          String text = new String(frame.toByteArray(), ISO_8859_1);
          if (text.contains("AUTHENTICATE") || text.endsWith("IDLE")) {
            framer.expectRawLine();
          }
        } else if (event instanceof LiteralStart start
            && new String(start.prefix().toByteArray(), ISO_8859_1).contains("Nope")) {
          framer.abortCommand();
        }
      };

  record Fixture(
      String name, boolean authenticated, ImapLimits limits, byte[] input, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Fixture fixture(String name, String input, String... expected) {
    return new Fixture(name, true, SMALL, input.getBytes(ISO_8859_1), List.of(expected));
  }

  static Fixture preAuth(String name, String input, String... expected) {
    return new Fixture(name, false, SMALL, input.getBytes(ISO_8859_1), List.of(expected));
  }

  static Stream<Fixture> fixtures() {
    String hundred = "x".repeat(100);
    String injected = "a9 DELETE INBOX\r\n".repeat(11) + "abc"; // 190 bytes that must not run
    return Stream.of(
        fixture("one command", "a1 NOOP\r\n", "FRAME a1 NOOP"),
        fixture(
            "pipelined", "a1 NOOP\r\na2 CAPABILITY\r\n", "FRAME a1 NOOP", "FRAME a2 CAPABILITY"),
        fixture("bare LF ends a line", "a1 NOOP\na2 NOOP\r\n", "FRAME a1 NOOP", "FRAME a2 NOOP"),
        fixture("empty lines are ignored", "\r\n\r\na1 NOOP\r\n\n", "FRAME a1 NOOP"),
        fixture(
            "synchronising literals",
            "a1 LOGIN {5}\r\nalice {6}\r\nsecret\r\n",
            "+",
            "+",
            "FRAME a1 LOGIN {5}\r\nalice {6}\r\nsecret [9,14,5,sync][20,25,6,sync]"),
        fixture(
            "non-synchronising literals",
            "a1 LOGIN {5+}\r\nalice {6+}\r\nsecret\r\n",
            "FRAME a1 LOGIN {5+}\r\nalice {6+}\r\nsecret [9,15,5][21,27,6]"),
        fixture(
            "literal data holds CR and LF",
            "a1 LOGIN {4}\r\n\r\n\r\n {1}\r\n\n\r\n",
            "+",
            "+",
            "FRAME a1 LOGIN {4}\r\n\r\n\r\n {1}\r\n\n [9,14,4,sync][19,24,1,sync]"),
        fixture(
            "bare LF after an announcement",
            "a1 LOGIN {5}\nalice x\n",
            "+",
            "FRAME a1 LOGIN {5}\r\nalice x [9,14,5,sync]"),
        fixture(
            "empty literal",
            "a1 LOGIN {0}\r\n {0+}\r\n\r\n",
            "+",
            "FRAME a1 LOGIN {0}\r\n {0+}\r\n [9,14,0,sync][15,21,0]"),
        fixture(
            "braces inside quotes are not literals",
            "a1 LOGIN \"{5}\" \"pass {5}\"\r\na2 SELECT \"a\\\"{3}\"\r\n",
            "FRAME a1 LOGIN \"{5}\" \"pass {5}\"",
            "FRAME a2 SELECT \"a\\\"{3}\""),
        fixture("brace not at the line end", "a1 LOGIN {5} x\r\n", "FRAME a1 LOGIN {5} x"),
        fixture(
            "binary literal",
            "a1 XAPPLY INBOX ~{3}\r\nabc\r\n",
            "+",
            "FRAME a1 XAPPLY INBOX ~{3}\r\nabc [16,22,3,sync,binary]"),
        fixture("CR without LF", "a1 NOOP\rX\r\na2 NOOP\r\n", "ERROR a1 BARE_CR", "FRAME a2 NOOP"),
        fixture("CR CR LF", "a1 NOOP\r\r\na2 NOOP\r\n", "ERROR a1 BARE_CR", "FRAME a2 NOOP"),
        fixture("NUL byte", "a1 LOGIN a\0b c\r\na2 NOOP\r\n", "ERROR a1 NUL_BYTE", "FRAME a2 NOOP"),
        fixture("NUL without a tag", "\0\r\na2 NOOP\r\n", "ERROR null NUL_BYTE", "FRAME a2 NOOP"),
        fixture(
            "NUL in a line announcing a literal: the literal is skipped",
            "a1 LOGIN a\0b {17+}\r\na9 DELETE INBOX\r\n\r\na2 NOOP\r\n",
            "ERROR a1 NUL_BYTE",
            "FRAME a2 NOOP"),
        fixture(
            "((((foo {1000000}: synchronising literal over the limit",
            "a1 ((((foo {1000000}\r\na2 NOOP\r\n",
            "ERROR a1 LITERAL_TOO_LARGE",
            "FRAME a2 NOOP"),
        fixture(
            "huge announced size saturates",
            "a1 X {99999999999999999999999}\r\na2 NOOP\r\n",
            "ERROR a1 LITERAL_TOO_LARGE",
            "FRAME a2 NOOP"),
        fixture(
            "non-synchronising literal over the limit is skipped with its command",
            "a1 LOGIN {190+}\r\n" + injected + " {3+}\r\nxyz\r\na2 NOOP\r\n",
            "ERROR a1 NON_SYNC_LITERAL_TOO_LARGE",
            "FRAME a2 NOOP"),
        fixture(
            "non-synchronising literal over every limit is fatal",
            "a1 APPEND x {99999999+}\r\nabc\r\na2 NOOP\r\n",
            "FATAL a1 NON_SYNC_LITERAL_TOO_LARGE"),
        fixture(
            "line too long",
            "a1 " + hundred + "\r\na2 NOOP\r\n",
            "ERROR a1 LINE_TOO_LONG",
            "FRAME a2 NOOP"),
        fixture(
            "line too long ending in a non-synchronising literal",
            "a1 " + hundred + " {17+}\r\na9 DELETE INBOX\r\n\r\na2 NOOP\r\n",
            "ERROR a1 LINE_TOO_LONG",
            "FRAME a2 NOOP"),
        fixture(
            "line too long ending in a synchronising literal",
            "a1 " + hundred + " {5}\r\na2 NOOP\r\n",
            "ERROR a1 LINE_TOO_LONG",
            "FRAME a2 NOOP"),
        fixture(
            "line too long inside a quoted string that hides a brace",
            "a1 \"" + hundred + " {5+}\"\r\na2 NOOP\r\n",
            "ERROR a1 LINE_TOO_LONG",
            "FRAME a2 NOOP"),
        fixture(
            "command too large over several literals",
            "a1 X {100}\r\n" + hundred + " {100}\r\n" + hundred + " {100}\r\na2 NOOP\r\n",
            "+",
            "+",
            "ERROR a1 COMMAND_TOO_LARGE",
            "FRAME a2 NOOP"),
        fixture(
            "deep nesting is the parser's business",
            "a1 FETCH 1 " + "(".repeat(20) + ")".repeat(20) + "\r\n",
            "FRAME a1 FETCH 1 " + "(".repeat(20) + ")".repeat(20)),
        fixture(
            "AUTHENTICATE reads raw lines",
            "a1 AUTHENTICATE PLAIN\r\ndGVzdA==\r\na2 NOOP\r\n",
            "FRAME a1 AUTHENTICATE PLAIN",
            "RAW dGVzdA==",
            "FRAME a2 NOOP"),
        fixture(
            "an empty raw line is an answer",
            "a1 AUTHENTICATE PLAIN\r\n\r\na2 NOOP\r\n",
            "FRAME a1 AUTHENTICATE PLAIN",
            "RAW ",
            "FRAME a2 NOOP"),
        fixture(
            "raw lines know no literals",
            "a1 AUTHENTICATE PLAIN\r\n{5+}\r\na2 NOOP\r\n",
            "FRAME a1 AUTHENTICATE PLAIN",
            "RAW {5+}",
            "FRAME a2 NOOP"),
        fixture(
            "raw line too long",
            "a1 AUTHENTICATE PLAIN\r\n" + hundred + "\r\na2 NOOP\r\n",
            "FRAME a1 AUTHENTICATE PLAIN",
            "ERROR null LINE_TOO_LONG",
            "FRAME a2 NOOP"),
        fixture(
            "IDLE then DONE",
            "a1 IDLE\r\nDONE\r\na2 NOOP\r\n",
            "FRAME a1 IDLE",
            "RAW DONE",
            "FRAME a2 NOOP"),
        fixture(
            "streamed message literal",
            "a1 APPEND INBOX (\\Seen) {11}\r\nHello world\r\na2 NOOP\r\n",
            "START a1 APPEND INBOX (\\Seen)  11 sync",
            "+",
            "DATA Hello world",
            "FRAME a1 APPEND INBOX (\\Seen) {11}\r\n [24,30,11,sync,streamed]",
            "FRAME a2 NOOP"),
        fixture(
            "streamed non-synchronising literal larger than the command limit",
            "a1 APPEND INBOX {99+}\r\n" + "y".repeat(99) + "\r\na2 NOOP\r\n",
            "START a1 APPEND INBOX  99",
            "DATA " + "y".repeat(99),
            "FRAME a1 APPEND INBOX {99+}\r\n [16,23,99,streamed]",
            "FRAME a2 NOOP"),
        fixture(
            "streamed literal larger than the command limit",
            "a1 APPEND INBOX {300}\r\n" + "y".repeat(300) + "\r\na2 NOOP\r\n",
            "START a1 APPEND INBOX  300 sync",
            "+",
            "DATA " + "y".repeat(300),
            "FRAME a1 APPEND INBOX {300}\r\n [16,23,300,sync,streamed]",
            "FRAME a2 NOOP"),
        fixture(
            "streamed empty literal",
            "a1 APPEND INBOX {0}\r\n\r\n",
            "START a1 APPEND INBOX  0 sync",
            "+",
            "DATA ",
            "FRAME a1 APPEND INBOX {0}\r\n [16,21,0,sync,streamed]"),
        fixture(
            "CATENATE streams each part",
            "a1 APPEND INBOX CATENATE (TEXT {3+}\r\nabc URL \"/x\" TEXT {2}\r\nde)\r\n",
            "START a1 APPEND INBOX CATENATE (TEXT  3",
            "DATA abc",
            "START a1 APPEND INBOX CATENATE (TEXT {3+}\r\n URL \"/x\" TEXT  2 sync",
            "+",
            "DATA de",
            "FRAME a1 APPEND INBOX CATENATE (TEXT {3+}\r\n URL \"/x\" TEXT {2}\r\n)"
                + " [31,37,3,streamed][52,57,2,sync,streamed]"),
        fixture(
            "refused streamed synchronising literal is never sent",
            "a1 APPEND Nope {11}\r\na2 NOOP\r\n",
            "START a1 APPEND Nope  11 sync",
            "FRAME a2 NOOP"),
        fixture(
            "refused streamed non-synchronising literal is skipped",
            "a1 APPEND Nope {17+}\r\na9 DELETE INBOX\r\n {3+}\r\nabc\r\na2 NOOP\r\n",
            "START a1 APPEND Nope  17",
            "FRAME a2 NOOP"),
        preAuth(
            "pre-auth literal limit",
            "a1 LOGIN {20}\r\na2 LOGIN {5}\r\nalice x\r\n",
            "ERROR a1 LITERAL_TOO_LARGE",
            "+",
            "FRAME a2 LOGIN {5}\r\nalice x [9,14,5,sync]"),
        preAuth(
            "pre-auth line limit",
            "a1 LOGIN " + "u".repeat(30) + " p\r\na2 NOOP\r\n",
            "ERROR a1 LINE_TOO_LONG",
            "FRAME a2 NOOP"),
        preAuth(
            "pre-auth non-synchronising literal limit",
            "a1 LOGIN {20+}\r\n" + "p".repeat(20) + " x\r\na2 NOOP\r\n",
            "ERROR a1 NON_SYNC_LITERAL_TOO_LARGE",
            "FRAME a2 NOOP"),
        fixture("line without a tag", "+foo\r\n", "FRAME +foo"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fedWhole(Fixture f) {
    assertThat(run(f, f.input.length)).containsExactlyElementsOf(f.expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void splitAtEveryOffset(Fixture f) {
    for (int split = 1; split < f.input.length; split++) {
      CommandFramer framer = framer(f);
      List<String> events = new ArrayList<>();
      ChunkJoiner joiner = new ChunkJoiner(events);
      framer.feed(Arrays.copyOfRange(f.input, 0, split));
      drain(framer, joiner);
      framer.feed(Arrays.copyOfRange(f.input, split, f.input.length));
      drain(framer, joiner);
      assertThat(events).as("split at %d", split).containsExactlyElementsOf(f.expected);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void fedOneByteAtATime(Fixture f) {
    assertThat(run(f, 1)).containsExactlyElementsOf(f.expected);
  }

  @Test
  void oneMegabyteLineIsRefusedWithoutBufferingIt() {
    ImapLimits limits = ImapLimits.defaults();
    byte[] line = ("a1 " + "z".repeat(1024 * 1024) + "\r\na2 NOOP\r\n").getBytes(ISO_8859_1);
    Fixture f =
        new Fixture(
            "1 MB line", true, limits, line, List.of("ERROR a1 LINE_TOO_LONG", "FRAME a2 NOOP"));
    assertThat(run(f, line.length)).containsExactlyElementsOf(f.expected);
    assertThat(run(f, 8192)).containsExactlyElementsOf(f.expected);
    assertThat(run(f, 1000)).containsExactlyElementsOf(f.expected);
  }

  @Test
  void nothingIsReadAfterAFatalError() {
    CommandFramer framer = new CommandFramer(SMALL);
    framer.setAuthenticated(true);
    framer.feed(bytes("a1 APPEND x {99999999+}\r\n"));
    FramingError error = (FramingError) framer.next();
    assertThat(error.fatal()).isTrue();
    framer.feed(bytes("a2 NOOP\r\n"));
    assertThat(framer.next()).isNull();
    assertThat(framer.bufferedBytes()).isZero();
  }

  @Test
  void streamedChunksAreSlicesOfTheFedBuffers() {
    CommandFramer framer = new CommandFramer(SMALL);
    framer.setAuthenticated(true);
    framer.setStreamedLiterals(APPEND_STREAMS);
    framer.feed(bytes("a1 APPEND INBOX {10+}\r\n01234"));
    assertThat(framer.next()).isInstanceOf(LiteralStart.class);
    LiteralChunk first = (LiteralChunk) framer.next();
    assertThat(first.data().toString()).isEqualTo("01234");
    assertThat(first.last()).isFalse();
    assertThat(framer.next()).isNull();
    framer.feed(bytes("56789\r\n"));
    LiteralChunk second = (LiteralChunk) framer.next();
    assertThat(second.data().toString()).isEqualTo("56789");
    assertThat(second.last()).isTrue();
    assertThat(framer.next()).isInstanceOf(CommandFrame.class);
  }

  @Test
  void theSessionDecidesWhenToAcceptAStreamedLiteral() {
    CommandFramer framer = new CommandFramer(SMALL);
    framer.setAuthenticated(true);
    framer.setStreamedLiterals(APPEND_STREAMS);
    framer.feed(bytes("a1 APPEND INBOX {3}\r\n"));
    LiteralStart start = (LiteralStart) framer.next();
    assertThat(start.size()).isEqualTo(3);
    assertThat(start.prefix().tag()).isEqualTo("a1");
    // the session may check the mailbox asynchronously; nothing happens until it pulls again
    assertThat(framer.bufferedBytes()).isZero();
    assertThat(framer.next()).isEqualTo(Continuation.INSTANCE);
    assertThat(framer.next()).isNull();
  }

  @Test
  void abortWhileStreamingSkipsTheRestOfTheCommand() {
    CommandFramer framer = new CommandFramer(SMALL);
    framer.setAuthenticated(true);
    framer.setStreamedLiterals(APPEND_STREAMS);
    framer.feed(bytes("a1 APPEND INBOX {10}\r\n01234"));
    framer.next(); // start
    framer.next(); // continuation
    framer.next(); // first chunk
    framer.abortCommand(); // the store failed; the session answered NO
    framer.feed(bytes("56789 {3+}\r\nabc)\r\na2 NOOP\r\n"));
    assertThat(describe(framer.next())).isEqualTo("FRAME a2 NOOP");
  }

  @Test
  void eventsWaitForTheSessionToPull() {
    CommandFramer framer = new CommandFramer(SMALL);
    framer.feed(bytes("a1 NOOP\r\na2 STARTTLS\r\na3 NOOP\r\n"));
    assertThat(describe(framer.next())).isEqualTo("FRAME a1 NOOP");
    assertThat(framer.bufferedBytes()).isEqualTo(22);
    assertThat(describe(framer.next())).isEqualTo("FRAME a2 STARTTLS");
    // RFC 9051 §6.2.1: what came before the TLS handshake must not be executed
    assertThat(framer.takeBufferedInput().toString()).isEqualTo("a3 NOOP\r\n");
    assertThat(framer.next()).isNull();
    assertThat(framer.bufferedBytes()).isZero();
  }

  @Test
  void limitsSwitchAfterAuthentication() {
    CommandFramer framer = new CommandFramer(SMALL);
    String longLine = "a1 SELECT " + "m".repeat(40) + "\r\n";
    framer.feed(bytes(longLine));
    assertThat(describe(framer.next())).isEqualTo("ERROR a1 LINE_TOO_LONG");
    framer.setAuthenticated(true);
    framer.feed(bytes(longLine));
    assertThat(framer.next()).isInstanceOf(CommandFrame.class);
  }

  @Test
  void rawModeOnlyBetweenCommands() {
    CommandFramer framer = new CommandFramer(SMALL);
    framer.feed(bytes("a1 NO"));
    assertThat(framer.next()).isNull();
    assertThatThrownBy(framer::expectRawLine).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void frameToStringHidesContent() {
    CommandFramer framer = new CommandFramer(SMALL);
    framer.feed(bytes("a1 LOGIN alice secret\r\n"));
    assertThat(framer.next().toString()).doesNotContain("secret").contains("a1");
  }

  /**
   * Property: for random hostile input, the events do not depend on how the bytes were split,
   * and the framer never throws.
   */
  @Test
  void randomInputGivesTheSameEventsHoweverItIsSplit() {
    String[] tokens = {
      "a1 ",
      "b2 ",
      "NOOP",
      "APPEND ",
      "Nope ",
      "IDLE",
      "AUTHENTICATE ",
      "{3}",
      "{3+}",
      "~{2}",
      "{0}",
      "{150+}",
      "{99999+}",
      "\"",
      "\\",
      "\r",
      "\n",
      "\r\n",
      "\r\n",
      "\0",
      "(",
      ")",
      "x",
      " ",
      "DONE"
    };
    Random random = new Random(20240205);
    for (int round = 0; round < 400; round++) {
      StringBuilder input = new StringBuilder();
      int count = 1 + random.nextInt(40);
      for (int i = 0; i < count; i++) {
        input.append(tokens[random.nextInt(tokens.length)]);
      }
      Fixture f =
          new Fixture(
              "random",
              random.nextBoolean(),
              SMALL,
              input.toString().getBytes(ISO_8859_1),
              List.of());
      List<String> whole = run(f, f.input.length);
      assertThat(run(f, 1)).as("byte by byte: %s", input).isEqualTo(whole);
      assertThat(run(f, 1 + random.nextInt(7))).as("pieces: %s", input).isEqualTo(whole);
    }
  }

  // ---- harness ----

  static CommandFramer framer(Fixture f) {
    CommandFramer framer = new CommandFramer(f.limits);
    framer.setAuthenticated(f.authenticated);
    framer.setStreamedLiterals(APPEND_STREAMS);
    return framer;
  }

  static List<String> run(Fixture f, int pieceSize) {
    CommandFramer framer = framer(f);
    List<String> events = new ArrayList<>();
    ChunkJoiner joiner = new ChunkJoiner(events);
    for (int i = 0; i < f.input.length; i += pieceSize) {
      framer.feed(Arrays.copyOfRange(f.input, i, Math.min(f.input.length, i + pieceSize)));
      drain(framer, joiner);
    }
    return events;
  }

  static void drain(CommandFramer framer, ChunkJoiner joiner) {
    FramerEvent event;
    while ((event = framer.next()) != null) {
      joiner.accept(event);
      SESSION.accept(framer, event);
    }
  }

  /** Chunk boundaries depend on how input was split, so consecutive chunks are joined. */
  static final class ChunkJoiner {
    final List<String> events;
    Buffer data = Buffer.buffer();

    ChunkJoiner(List<String> events) {
      this.events = events;
    }

    void accept(FramerEvent event) {
      if (event instanceof LiteralChunk chunk) {
        data.appendBuffer(chunk.data());
        if (chunk.last()) {
          events.add("DATA " + data.toString(ISO_8859_1));
          data = Buffer.buffer();
        }
      } else {
        events.add(describe(event));
      }
    }
  }

  static String describe(FramerEvent event) {
    if (event instanceof CommandFrame frame) {
      String spans =
          frame.literals().stream()
              .map(
                  s ->
                      "["
                          + s.start()
                          + ","
                          + s.dataStart()
                          + ","
                          + s.size()
                          + (s.synchronizing() ? ",sync" : "")
                          + (s.binary() ? ",binary" : "")
                          + (s.streamed() ? ",streamed" : "")
                          + "]")
              .collect(Collectors.joining());
      return "FRAME "
          + new String(frame.toByteArray(), ISO_8859_1)
          + (spans.isEmpty() ? "" : " " + spans);
    }
    if (event instanceof Continuation) {
      return "+";
    }
    if (event instanceof LiteralStart start) {
      return "START "
          + new String(start.prefix().toByteArray(), ISO_8859_1)
          + " "
          + start.size()
          + (start.synchronizing() ? " sync" : "")
          + (start.binary() ? " binary" : "");
    }
    if (event instanceof RawLine raw) {
      return "RAW " + raw.text();
    }
    FramingError error = (FramingError) event;
    return (error.fatal() ? "FATAL " : "ERROR ") + error.tag() + " " + error.reason();
  }

  static Buffer bytes(String s) {
    return Buffer.buffer(s.getBytes(ISO_8859_1));
  }
}
