package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.mime.TestMessages.load;
import static org.lemongate.mime.TestMessages.summary;
import static org.lemongate.mime.TestMessages.utf8;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Broken and hostile input: never an exception, and the structure Dovecot would give. */
class HostileMessagesTest {

  private static String bodyStructure(byte[] raw) {
    return utf8(MessageSummary.parse(raw).renderBodyStructure(ImapDialect.IMAP4REV1));
  }

  private static String bodyStructure(String name) {
    return bodyStructure(load(name));
  }

  @Test
  void emptyMessage() {
    MessageSummary s = summary("empty.eml");
    assertThat(s.size()).isZero();
    assertThat(s.headerLength()).isZero();
    assertThat(bodyStructure("empty.eml"))
        .isEqualTo("(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL)");
    assertThat(utf8(s.renderEnvelope(ImapDialect.IMAP4REV1)))
        .isEqualTo("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)");
  }

  @Test
  void messageThatIsOnlyHeaders() {
    MessageSummary s = summary("headers-only.eml");
    assertThat(s.headerLength()).isEqualTo(62).isEqualTo(s.size());
    assertThat(s.root().bodyLength()).isZero();
    assertThat(s.envelope().subject()).isEqualTo("only headers");
  }

  @Test
  void headerWithoutBody() {
    MessageSummary s = summary("header-no-body.eml");
    assertThat(s.headerLength()).isEqualTo(41).isEqualTo(s.size());
    assertThat(s.root().bodyLength()).isZero();
  }

  @Test
  void multipartWithoutBoundaryGetsAnEmptyTextPart() {
    assertThat(bodyStructure("no-boundary.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) \"mixed\" NIL NIL NIL NIL)");
    assertThat(summary("no-boundary.eml").root().children()).isEmpty();
  }

  @Test
  void outerDelimiterClosesAnUnterminatedInnerMultipart() {
    assertThat(bodyStructure("unterminated.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 10 0 NIL NIL NIL NIL)"
            + "((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 19 0 NIL NIL NIL NIL)"
            + " \"alternative\" (\"boundary\" \"b2\") NIL NIL NIL)"
            + "(\"application\" \"octet-stream\" NIL NIL NIL \"7bit\" 31 NIL NIL NIL NIL)"
            + " \"mixed\" (\"boundary\" \"b1\") NIL NIL NIL)");
  }

  @Test
  void badEncodingsAreReportedAsWritten() {
    // Dovecot shows "Content-Type: garbage" as ("garbage" ""); RFC 2045 §5.2 says an invalid
    // Content-Type means text/plain, which is what we show.
    assertThat(bodyStructure("bad-encoding.eml")).isEqualTo(
        "((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"base64\" 30 1 NIL NIL NIL NIL)"
            + "(\"application\" \"octet-stream\" NIL NIL NIL \"x-uuencode\" 11 NIL NIL NIL NIL)"
            + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"quoted-printable\" 30 1 NIL NIL NIL NIL)"
            + "(\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7BIT\" 8 0 NIL NIL NIL NIL)"
            + " \"mixed\" (\"boundary\" \"zz\") NIL NIL NIL)");
  }

  /**
   * Lines are counted only where BODYSTRUCTURE shows them (text and message parts), so a forwarded
   * message must still count the lines of the attachment inside it.
   */
  @Test
  void aForwardedMessageCountsTheLinesOfEverythingInsideIt() {
    String attachment = "QUJD\r\nREVG\r\nR0hJ\r\n";
    String forwarded = "Subject: inner\r\nContent-Type: multipart/mixed; boundary=in\r\n\r\n"
        + "--in\r\nContent-Type: text/plain\r\n\r\none\r\ntwo\r\n"
        + "--in\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" + attachment
        + "--in--\r\n";
    String message = "Subject: outer\r\nContent-Type: multipart/mixed; boundary=out\r\n\r\n"
        + "--out\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n" + attachment
        + "--out\r\nContent-Type: message/rfc822\r\n\r\n" + forwarded
        + "--out--\r\n";

    MimePart root = MessageSummary.parse(message.getBytes(StandardCharsets.US_ASCII)).root();

    MimePart enclosing = root.children().get(1);
    assertThat(enclosing.bodyLines()).isEqualTo((int) forwarded.chars().filter(c -> c == '\n').count() - 1);
    MimePart innerText = enclosing.enclosed().children().get(0);
    assertThat(innerText.bodyLines()).isEqualTo(1);
    assertThat(enclosing.enclosed().children().get(1).bodyLength()).isEqualTo(attachment.length() - 2);
  }

  @Test
  void bareLineFeedsAreCountedAsServed() {
    MessageSummary s = summary("bare-lf.eml");
    MimePart text = s.root().children().get(0);
    assertThat(text.bodyLength()).isEqualTo("line one\nline two".length());
    assertThat(text.bodyLines()).isEqualTo(1);
    assertThat(s.headerLength()).isEqualTo(99);
  }

  @Test
  void nulAnd8bitHeaderBytes() {
    MessageSummary s = summary("nul-8bit-headers.eml");
    assertThat(s.containsNul()).isTrue();
    byte[] envelope = s.renderEnvelope(ImapDialect.IMAP4REV1);
    // NUL becomes U+FFFD; Latin-1 bytes go out untouched, in literals.
    assertThat(new String(envelope, ISO_8859_1)).startsWith(
        "(NIL {25}\r\nnul\u00EF\u00BF\u00BDbyte and latin1 \u00E9t\u00E9 (({4}\r\nRen\u00E9 NIL \"rene\" \"example.com\"))");
    for (byte b : envelope) {
      assertThat(b).isNotZero();
    }
    assertThat(s.envelope().to()).containsExactly(new Address(null, null, "x", "example.com"));
  }

  @Test
  void deepNestingStopsAtTheDepthLimit() {
    int levels = 150;
    StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=b000\r\n\r\n");
    for (int i = 1; i < levels; i++) {
      sb.append(String.format("--b%03d\r\nContent-Type: multipart/mixed; boundary=b%03d\r\n\r\n", i - 1, i));
    }
    sb.append(String.format("--b%03d\r\nContent-Type: text/plain\r\n\r\ndeepest\r\n", levels - 1));
    for (int i = levels - 1; i >= 0; i--) {
      sb.append(String.format("--b%03d--\r\n", i));
    }
    MessageSummary s = MessageSummary.parse(sb.toString().getBytes(US_ASCII));

    MimePart part = s.root();
    int depth = 1;
    while (part.kind() == MimePart.Kind.MULTIPART) {
      part = part.children().get(0);
      depth++;
    }
    assertThat(depth).isEqualTo(MessageSummary.MAX_DEPTH);
    assertThat(part.type() + "/" + part.subtype()).isEqualTo("application/octet-stream");
    assertThat(part.parameter("boundary")).isEqualTo("b099");
    assertThat(new String(new MessageSections(sb.toString().getBytes(US_ASCII), s)
        .content(SectionSpec.content(path(depth))).toByteArray(), US_ASCII))
        .startsWith("--b099\r\n").contains("deepest").endsWith("--b099--");
  }

  @Test
  void deeplyNestedMessagesStopAtTheDepthLimitToo() {
    String message = "Subject: leaf\r\n\r\nbody\r\n";
    for (int i = 0; i < 120; i++) {
      message = "Subject: level " + i + "\r\nContent-Type: message/rfc822\r\n\r\n" + message;
    }
    MessageSummary s = MessageSummary.parse(message.getBytes(US_ASCII));
    MimePart part = s.root();
    int depth = 1;
    while (part.kind() == MimePart.Kind.MESSAGE) {
      part = part.enclosed();
      depth++;
    }
    assertThat(depth).isEqualTo(MessageSummary.MAX_DEPTH);
    assertThat(part.subtype()).isEqualTo("octet-stream");
    // Rendering and caching recurse over the tree: they must cope with the deepest one.
    assertThat(s.renderBodyStructure(ImapDialect.IMAP4REV2)).isNotEmpty();
    assertThat(MessageSummary.fromBytes(s.toBytes()).renderBody(ImapDialect.IMAP4REV1))
        .isEqualTo(s.renderBody(ImapDialect.IMAP4REV1));
  }

  @Test
  void hugeNumberOfPartsStopsAtThePartLimit() {
    StringBuilder sb = new StringBuilder("Content-Type: multipart/mixed; boundary=m\r\n\r\n");
    for (int i = 0; i < 12_000; i++) {
      sb.append("--m\r\n\r\n").append(i).append("\r\n");
    }
    sb.append("--m--\r\n");
    MessageSummary s = MessageSummary.parse(sb.toString().getBytes(US_ASCII));

    List<MimePart> parts = s.root().children();
    assertThat(parts).hasSize(MessageSummary.MAX_PARTS - 1);
    MimePart last = parts.get(parts.size() - 1);
    // As in Dovecot, the last part takes the rest of the message.
    assertThat(last.bodyOffset() + last.bodyLength()).isEqualTo(s.size());
    assertThat(last.bodyLines()).isEqualTo(6005);
  }

  @Test
  void delimiterMatchesByPrefixAndLongestBoundaryWins() {
    String message = "Content-Type: multipart/mixed; boundary=ab\r\n\r\n"
        + "--ab\r\nContent-Type: multipart/mixed; boundary=abc\r\n\r\n"
        + "--abc trailing text is allowed\r\n\r\nX\r\n"
        + "--abc--\r\n--ab--\r\n";
    MessageSummary s = MessageSummary.parse(message.getBytes(US_ASCII));
    MimePart inner = s.root().children().get(0);
    assertThat(inner.kind()).isEqualTo(MimePart.Kind.MULTIPART);
    assertThat(inner.children()).hasSize(1);
    assertThat(inner.children().get(0).bodyLength()).isEqualTo(1);
  }

  @Test
  void delimiterRightAfterAPartHeaderTakesTheEmptyLine() {
    String message = "Content-Type: multipart/mixed; boundary=x\r\n\r\n"
        + "--x\r\nContent-Type: text/plain\r\n\r\n--x\r\nContent-Type: text/html\r\n--x--\r\n";
    byte[] raw = message.getBytes(US_ASCII);
    MessageSections sections = new MessageSections(raw, MessageSummary.parse(raw));
    // The CRLF before a delimiter belongs to the delimiter (RFC 2046 §5.1.1), as in Dovecot.
    assertThat(utf8(sections.content(SectionSpec.mime(1)))).isEqualTo("Content-Type: text/plain\r\n");
    assertThat(utf8(sections.content(SectionSpec.mime(2)))).isEqualTo("Content-Type: text/html");
    assertThat(sections.content(SectionSpec.content(1)).length()).isZero();
  }

  @Test
  void encapsulatedMessageCutShortStillHasAnEnvelope() {
    String message = "Content-Type: multipart/mixed; boundary=x\r\n\r\n"
        + "--x\r\nContent-Type: message/rfc822\r\n--x--\r\n";
    assertThat(bodyStructure(message.getBytes(US_ASCII))).isEqualTo(
        "((\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 0 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"
            + " (\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0 NIL NIL NIL NIL) 0"
            + " NIL NIL NIL NIL) \"mixed\" (\"boundary\" \"x\") NIL NIL NIL)");
  }

  @Test
  void encapsulatedMessageWhoseEmptyLineIsTheDelimitersLineEnding() {
    String message = "Content-Type: multipart/mixed; boundary=x\r\n\r\n"
        + "--x\r\nContent-Type: message/rfc822\r\n\r\n--x--\r\n";
    MimePart part = MessageSummary.parse(message.getBytes(US_ASCII)).root().children().get(0);
    assertThat(part.bodyLength()).isZero();
    assertThat(part.enclosed().headerOffset()).isEqualTo(part.bodyOffset());
    assertConsistent(part, message.length());
  }

  @Test
  void randomGarbageNeverThrowsAndStaysConsistent() {
    Random random = new Random(20240514);
    List<byte[]> seeds = new ArrayList<>();
    for (String name : List.of("forward-rfc822.eml", "mixed-attachment.eml", "digest.eml", "groups.eml")) {
      seeds.add(load(name));
    }
    for (int round = 0; round < 2_000; round++) {
      byte[] raw = seeds.get(round % seeds.size()).clone();
      for (int edits = random.nextInt(20); edits >= 0; edits--) {
        raw[random.nextInt(raw.length)] = (byte) "\r\n-:;\"<>()@,=\0\u00e9x ".charAt(random.nextInt(17));
      }
      if (round % 5 == 0) {
        raw = java.util.Arrays.copyOf(raw, random.nextInt(raw.length));
      }
      MessageSummary s = MessageSummary.parse(raw);
      assertConsistent(s.root(), raw.length);
      s.renderBodyStructure(ImapDialect.IMAP4REV2);
      s.renderEnvelope(ImapDialect.IMAP4REV1);
      assertThat(MessageSummary.fromBytes(s.toBytes()).renderBodyStructure(ImapDialect.IMAP4REV1))
          .isEqualTo(s.renderBodyStructure(ImapDialect.IMAP4REV1));
      MessageSections sections = new MessageSections(raw, s);
      for (int a = 1; a <= 3; a++) {
        for (int b = 0; b <= 2; b++) {
          int[] path = b == 0 ? new int[] {a} : new int[] {a, b};
          sections.content(SectionSpec.content(path));
          sections.content(SectionSpec.mime(path));
          sections.content(SectionSpec.headerFields(List.of("subject"), path));
          sections.binary(SectionSpec.content(path).part());
        }
      }
      new SearchableMessage(raw, s).textContains("x");
    }
  }

  /** Every part lies inside its parent, children in order, and the lines fit the body. */
  private static void assertConsistent(MimePart part, int end) {
    assertThat(part.headerOffset()).isNotNegative();
    assertThat(part.bodyOffset() + part.bodyLength()).isLessThanOrEqualTo(end);
    assertThat(part.bodyLines()).isBetween(0, part.bodyLength());
    int previousEnd = part.bodyOffset();
    for (MimePart child : part.children()) {
      assertThat(child.headerOffset()).isGreaterThanOrEqualTo(previousEnd);
      assertConsistent(child, part.bodyOffset() + part.bodyLength());
      previousEnd = child.bodyOffset() + child.bodyLength();
    }
    if (part.enclosed() != null) {
      assertThat(part.enclosed().headerOffset()).isEqualTo(part.bodyOffset());
      assertConsistent(part.enclosed(), part.bodyOffset() + part.bodyLength());
    }
  }

  private static int[] path(int depth) {
    int[] path = new int[depth - 1];
    java.util.Arrays.fill(path, 1);
    return path;
  }
}
