package org.lemongate.imap.fetch;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lemongate.imap.fetch.Fixtures.command;
import static org.lemongate.imap.fetch.Fixtures.load;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lemongate.imap.response.ResponseWriter;
import org.lemongate.mime.ImapDialect;
import org.lemongate.mime.MessageSummary;
import org.lemongate.store.MessageRecord;

/** Golden FETCH responses: what the client reads, byte for byte. */
class FetchRendererTest {

  private static final byte[] PLAIN = load("/messages/plain.eml");
  private static final long ARRIVED = Instant.parse("2024-05-14T07:31:07Z").toEpochMilli();

  /** A message as the store hands it out: UID 7, MODSEQ 42. */
  private static MessageRecord record(byte[] raw, String... flags) {
    return new MessageRecord(7, 42, 1, raw.length, ARRIVED, List.of(flags), null);
  }

  /** The wire bytes of one FETCH of message 3: chunks, then what the writer holds. */
  private static String fetch(String items, byte[] raw, MessageRecord record)
      throws UnknownTransferEncodingException {
    return fetch(items, raw, record, ImapDialect.IMAP4REV2);
  }

  private static String fetch(String items, byte[] raw, MessageRecord record, ImapDialect dialect)
      throws UnknownTransferEncodingException {
    FetchPlan plan = FetchPlan.forFetch(command("a FETCH 3 " + items), false, false);
    ResponseWriter out = new ResponseWriter();
    List<FetchChunk> chunks =
        new FetchRenderer(plan, dialect).render(out, 3, record, MessageSummary.parse(raw), raw);
    return wire(chunks, out);
  }

  private static String wire(List<FetchChunk> chunks, ResponseWriter out) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (FetchChunk chunk : chunks) {
      if (chunk instanceof FetchChunk.Text text) {
        bytes.writeBytes(text.bytes().getBytes());
      } else {
        bytes.writeBytes(((FetchChunk.LiteralData) chunk).bytes().toByteArray());
      }
    }
    bytes.writeBytes(out.flush().getBytes());
    return bytes.toString(ISO_8859_1);
  }

  private static String latin1(String utf8) {
    return new String(utf8.getBytes(UTF_8), ISO_8859_1);
  }

  // ---- items read from the record ----

  @Test
  void recordItemsNeedNeitherSummaryNorBody() throws Exception {
    FetchPlan plan =
        FetchPlan.forFetch(command("a FETCH 3 (FLAGS UID INTERNALDATE RFC822.SIZE MODSEQ)"),
            false, false);
    ResponseWriter out = new ResponseWriter();
    List<FetchChunk> chunks = new FetchRenderer(plan, ImapDialect.IMAP4REV2)
        .render(out, 3, record(PLAIN, "$Forwarded", "\\Seen"), null, null);
    assertThat(wire(chunks, out))
        .isEqualTo("* 3 FETCH (FLAGS ($Forwarded \\Seen) UID 7"
            + " INTERNALDATE \"14-May-2024 07:31:07 +0000\" RFC822.SIZE 871 MODSEQ (42))\r\n");
  }

  @Test
  void internalDateIsShownInUtc() throws Exception {
    long late = Instant.parse("2024-05-14T23:30:00-07:00").toEpochMilli();
    MessageRecord record = new MessageRecord(7, 42, 1, 871, late, List.of(), null);
    assertThat(fetch("INTERNALDATE", PLAIN, record))
        .isEqualTo("* 3 FETCH (INTERNALDATE \"15-May-2024 06:30:00 +0000\")\r\n");
  }

  @Test
  void emptyFlagsAreAnEmptyList() throws Exception {
    assertThat(fetch("FLAGS", PLAIN, record(PLAIN))).isEqualTo("* 3 FETCH (FLAGS ())\r\n");
  }

  // ---- items rendered from the summary ----

  @Test
  void envelopeBodyAndBodyStructure() throws Exception {
    assertThat(fetch("(ENVELOPE BODY BODYSTRUCTURE)", PLAIN, record(PLAIN)))
        .isEqualTo("* 3 FETCH (ENVELOPE (\"Tue, 14 May 2024 09:30:55 +0200\" \"Lunch on Thursday?\""
            + " ((\"Alice Example\" NIL \"alice\" \"example.org\"))"
            + " ((\"Alice Example\" NIL \"alice\" \"example.org\"))"
            + " ((NIL NIL \"lists\" \"example.org\"))"
            + " ((\"Bob\" NIL \"bob\" \"example.net\")(NIL NIL \"carol\" \"example.com\"))"
            + " ((\"Dave, the \\\"Builder\\\"\" NIL \"dave\" \"example.com\")) NIL"
            + " \"<prev-1@example.net>\" \"<20240514093055.GA1234@example.org>\")"
            + " BODY (\"text\" \"plain\" (\"charset\" \"utf-8\" \"format\" \"flowed\") NIL NIL"
            + " \"8bit\" 57 5)"
            + " BODYSTRUCTURE (\"text\" \"plain\" (\"charset\" \"utf-8\" \"format\" \"flowed\") NIL"
            + " NIL \"8bit\" 57 5 NIL NIL NIL NIL))\r\n");
  }

  @Test
  void theDialectDecidesWhetherUtf8HeadersAreQuoted() throws Exception {
    byte[] raw = "Subject: Gr\u00fc\u00dfe\r\n\r\nhi\r\n".getBytes(UTF_8);
    String subject = latin1("Gr\u00fc\u00dfe");
    assertThat(fetch("ENVELOPE", raw, record(raw), ImapDialect.IMAP4REV2))
        .contains("(NIL \"" + subject + "\" NIL");
    assertThat(fetch("ENVELOPE", raw, record(raw), ImapDialect.IMAP4REV1))
        .contains("(NIL {7}\r\n" + subject + " NIL");
  }

  // ---- body sections ----

  @Test
  void headerFieldsEchoTheNamesAsTheClientSentThem() throws Exception {
    assertThat(fetch("BODY.PEEK[HEADER.FIELDS (from \"Subject\" X-None)]", PLAIN, record(PLAIN)))
        .isEqualTo("* 3 FETCH (BODY[HEADER.FIELDS (from Subject X-None)] {72}\r\n"
            + "From: Alice Example <alice@example.org>\r\n"
            + "Subject: Lunch on Thursday?\r\n\r\n)\r\n");
  }

  @Test
  void headerFieldsNotLeavesTheOthers() throws Exception {
    byte[] raw = "Received: a\r\nFrom: x@y\r\nReceived: b\r\n\tfolded\r\nTo: z@y\r\n\r\nbody\r\n"
        .getBytes(UTF_8);
    assertThat(fetch("BODY.PEEK[HEADER.FIELDS.NOT (RECEIVED)]", raw, record(raw)))
        .isEqualTo("* 3 FETCH (BODY[HEADER.FIELDS.NOT (RECEIVED)] {22}\r\n"
            + "From: x@y\r\nTo: z@y\r\n\r\n)\r\n");
  }

  @Test
  void peekIsAnsweredAsBody() throws Exception {
    assertThat(fetch("BODY.PEEK[TEXT]", PLAIN, record(PLAIN)))
        .isEqualTo("* 3 FETCH (BODY[TEXT] {57}\r\n"
            + latin1("Hi Bob,\r\n\r\nshall we meet at the caf\u00e9 at noon?\r\n\r\nAlice\r\n")
            + ")\r\n");
  }

  @Test
  void aPartialEchoesItsOriginOnly() throws Exception {
    assertThat(fetch("BODY.PEEK[TEXT]<3.3>", PLAIN, record(PLAIN)))
        .isEqualTo("* 3 FETCH (BODY[TEXT]<3> {3}\r\nBob)\r\n");
    assertThat(fetch("BODY.PEEK[TEXT]<50.100>", PLAIN, record(PLAIN)))
        .isEqualTo("* 3 FETCH (BODY[TEXT]<50> {7}\r\nAlice\r\n)\r\n");
    assertThat(fetch("BODY.PEEK[TEXT]<0.2048>", PLAIN, record(PLAIN)))
        .startsWith("* 3 FETCH (BODY[TEXT]<0> {57}\r\n");
    assertThat(fetch("BODY.PEEK[TEXT]<1000.10>", PLAIN, record(PLAIN)))
        .isEqualTo("* 3 FETCH (BODY[TEXT]<1000> {0}\r\n)\r\n");
  }

  @Test
  void aSectionThatDoesNotExistIsEmpty() throws Exception {
    assertThat(fetch("(BODY.PEEK[2] BODY.PEEK[1.HEADER])", PLAIN, record(PLAIN)))
        .isEqualTo("* 3 FETCH (BODY[2] {0}\r\n BODY[1.HEADER] {0}\r\n)\r\n");
  }

  @Test
  void partsAndMimeHeadersOfAMultipart() throws Exception {
    byte[] raw = load("/messages/mixed-attachment.eml");
    assertThat(fetch("(BODY.PEEK[1] BODY.PEEK[1.MIME] BODY.PEEK[2]<0.8>)", raw, record(raw)))
        .isEqualTo("* 3 FETCH (BODY[1] {34}\r\nPlease find the report attached.\r\n"
            + " BODY[1.MIME] {28}\r\nContent-Type: text/plain\r\n\r\n"
            + " BODY[2]<0> {8}\r\nJVBERi0x)\r\n");
  }

  @Test
  void sectionsOfAnEnclosedMessage() throws Exception {
    byte[] raw = load("/messages/forward-rfc822.eml");
    assertThat(fetch("(BODY.PEEK[2.HEADER.FIELDS (SUBJECT)] BODY.PEEK[2.1] BODY.PEEK[2.2])",
            raw, record(raw)))
        .isEqualTo("* 3 FETCH (BODY[2.HEADER.FIELDS (SUBJECT)] {28}\r\n"
            + "Subject: Report attached\r\n\r\n"
            + " BODY[2.1] {14}\r\nPlain version."
            + " BODY[2.2] {20}\r\n<p>HTML version.</p>)\r\n");
  }

  @Test
  void rfc822ItemsAreAnsweredUnderTheirOwnNames() throws Exception {
    byte[] raw = "Subject: s\r\n\r\nbody\r\n".getBytes(UTF_8);
    assertThat(fetch("(RFC822.HEADER RFC822.TEXT RFC822 RFC822.SIZE)", raw, record(raw)))
        .isEqualTo("* 3 FETCH (RFC822.HEADER {14}\r\nSubject: s\r\n\r\n"
            + " RFC822.TEXT {6}\r\nbody\r\n"
            + " RFC822 {20}\r\nSubject: s\r\n\r\nbody\r\n"
            + " RFC822.SIZE 20 FLAGS ())\r\n");
  }

  @Test
  void nulBecomes0x80OutsideBinaryAndTheSizeHolds() throws Exception {
    byte[] raw = load("/messages/nul-8bit-headers.eml");
    String wire = fetch("(RFC822.SIZE BODY.PEEK[])", raw, record(raw));
    String expected = new String(raw, ISO_8859_1).replace('\0', '\u0080');
    assertThat(wire).isEqualTo("* 3 FETCH (RFC822.SIZE " + raw.length + " BODY[] {" + raw.length
        + "}\r\n" + expected + ")\r\n");
    assertThat(wire).doesNotContain("\0");
  }

  // ---- BINARY ----

  private static final byte[] BINARY_PARTS = load("/fetch/binary-parts.eml");

  @Test
  void binaryDecodesThePart() throws Exception {
    assertThat(fetch("(BINARY.PEEK[1] BINARY.SIZE[1])", BINARY_PARTS, record(BINARY_PARTS)))
        .isEqualTo("* 3 FETCH (BINARY[1] {13}\r\n" + latin1("caf\u00e9 au lait")
            + " BINARY.SIZE[1] 13)\r\n");
  }

  @Test
  void binaryUsesLiteral8OnlyWhenTheDataHoldsNul() throws Exception {
    assertThat(fetch("(BINARY.PEEK[2] BINARY.SIZE[2] BINARY.PEEK[2]<1.2>)",
            BINARY_PARTS, record(BINARY_PARTS)))
        .isEqualTo("* 3 FETCH (BINARY[2] ~{4}\r\n\0\1\2\3 BINARY.SIZE[2] 4"
            + " BINARY[2]<1> {2}\r\n\1\2)\r\n");
  }

  @Test
  void anUnknownTransferEncodingFailsBeforeAnythingIsWritten() {
    for (String items : List.of("(UID BINARY.PEEK[3])", "(FLAGS BINARY.SIZE[3])")) {
      FetchPlan plan = FetchPlan.forFetch(command("a FETCH 1 " + items), false, false);
      ResponseWriter out = new ResponseWriter();
      out.exists(9);
      int before = out.pendingBytes();
      MessageSummary summary = MessageSummary.parse(BINARY_PARTS);
      assertThatThrownBy(() -> new FetchRenderer(plan, ImapDialect.IMAP4REV2)
              .render(out, 1, record(BINARY_PARTS), summary, BINARY_PARTS))
          .isInstanceOfSatisfying(UnknownTransferEncodingException.class,
              e -> assertThat(e.encoding()).isEqualTo("x-gzip64"));
      assertThat(out.pendingBytes()).isEqualTo(before);
    }
  }

  // ---- large sections are streamed ----

  private static byte[] messageWithBody(int bodySize) {
    byte[] header = "Subject: big\r\n\r\n".getBytes(UTF_8);
    byte[] raw = new byte[header.length + bodySize];
    System.arraycopy(header, 0, raw, 0, header.length);
    for (int i = header.length; i < raw.length; i++) {
      raw[i] = (byte) ('a' + i % 26);
    }
    return raw;
  }

  @Test
  void sectionsUpToTheLimitAreInlined() throws Exception {
    byte[] raw = messageWithBody(FetchRenderer.INLINE_LIMIT);
    FetchPlan plan = FetchPlan.forFetch(command("a FETCH 1 BODY.PEEK[TEXT]"), false, false);
    List<FetchChunk> chunks = new FetchRenderer(plan, ImapDialect.IMAP4REV2)
        .render(new ResponseWriter(), 1, record(raw), MessageSummary.parse(raw), raw);
    assertThat(chunks).isEmpty();
  }

  @Test
  void largerSectionsAreHandedBackUncopiedBetweenTheTextAroundThem() throws Exception {
    byte[] raw = messageWithBody(100_000);
    FetchPlan plan = FetchPlan.forFetch(
        command("a FETCH 2 (UID BODY.PEEK[TEXT] BODY.PEEK[HEADER] RFC822.SIZE)"), false, false);
    ResponseWriter out = new ResponseWriter();
    out.exists(2); // written earlier, not yet flushed: it must go first

    List<FetchChunk> chunks = new FetchRenderer(plan, ImapDialect.IMAP4REV2)
        .render(out, 2, record(raw), MessageSummary.parse(raw), raw);

    assertThat(chunks).hasSize(2);
    assertThat(((FetchChunk.Text) chunks.get(0)).bytes().toString(ISO_8859_1))
        .isEqualTo("* 2 EXISTS\r\n* 2 FETCH (UID 7 BODY[TEXT] {100000}\r\n");
    FetchChunk.LiteralData body = (FetchChunk.LiteralData) chunks.get(1);
    assertThat(body.bytes().array()).isSameAs(raw);
    assertThat(body.bytes().offset()).isEqualTo(16);
    assertThat(body.bytes().length()).isEqualTo(100_000);
    assertThat(out.flush().toString(ISO_8859_1))
        .isEqualTo(" BODY[HEADER] {16}\r\nSubject: big\r\n\r\n RFC822.SIZE 100016)\r\n");
  }

  @Test
  void everyLargeSectionOfAMessageIsItsOwnChunk() throws Exception {
    byte[] raw = messageWithBody(100_000);
    String wire = fetch("(BODY.PEEK[] BODY.PEEK[TEXT]<10.70000>)", raw, record(raw));
    assertThat(wire).isEqualTo("* 3 FETCH (BODY[] {100016}\r\n" + new String(raw, ISO_8859_1)
        + " BODY[TEXT]<10> {70000}\r\n" + new String(raw, 26, 70000, ISO_8859_1) + ")\r\n");
    FetchPlan plan = FetchPlan.forFetch(
        command("a FETCH 3 (BODY.PEEK[] BODY.PEEK[TEXT]<10.70000>)"), false, false);
    assertThat(new FetchRenderer(plan, ImapDialect.IMAP4REV2)
            .render(new ResponseWriter(), 3, record(raw), MessageSummary.parse(raw), raw))
        .extracting(chunk -> chunk.getClass().getSimpleName())
        .containsExactly("Text", "LiteralData", "Text", "LiteralData");
  }

  // ---- STORE and unsolicited responses use the same renderer ----

  @Test
  void storeResponsesNeedOnlyTheRecord() throws Exception {
    FetchPlan plan = FetchPlan.forStore(command("a UID STORE 7 +FLAGS (\\Flagged)"), true);
    ResponseWriter out = new ResponseWriter();
    new FetchRenderer(plan, ImapDialect.IMAP4REV2)
        .render(out, 3, record(PLAIN, "\\Flagged", "\\Seen"), null, null);
    assertThat(out.flush().toString(ISO_8859_1))
        .isEqualTo("* 3 FETCH (FLAGS (\\Flagged \\Seen) UID 7 MODSEQ (42))\r\n");
  }
}
