package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lemongate.mime.TestMessages.load;
import static org.lemongate.mime.TestMessages.utf8;

import java.util.List;
import org.junit.jupiter.api.Test;

/** BODY[section]<partial> (RFC 9051 §6.4.5); expectations checked against Dovecot 2.3.19. */
class MessageSectionsTest {

  private static MessageSections sections(String name) {
    byte[] raw = load(name);
    return new MessageSections(raw, MessageSummary.parse(raw));
  }

  private static String fetch(String name, SectionSpec section) {
    return utf8(sections(name).content(section));
  }

  @Test
  void wholeMessageHeaderAndText() {
    byte[] raw = load("forward-rfc822.eml");
    MessageSections s = new MessageSections(raw, MessageSummary.parse(raw));
    assertThat(s.content(SectionSpec.content()).toByteArray()).isEqualTo(raw);
    assertThat(utf8(s.content(SectionSpec.header()))).startsWith("Date: Fri, 17 May 2024").endsWith(
        "Content-Type: multipart/mixed; boundary=\"fwd-boundary\"\r\n\r\n");
    assertThat(utf8(s.content(SectionSpec.text()))).startsWith("--fwd-boundary\r\n").endsWith("--fwd-boundary--\r\n");
    assertThat(s.content(SectionSpec.header()).length() + s.content(SectionSpec.text()).length())
        .isEqualTo(raw.length);
  }

  @Test
  void sectionsAreSlicesOfTheRawMessageNotCopies() {
    byte[] raw = load("forward-rfc822.eml");
    ByteSlice part = new MessageSections(raw, MessageSummary.parse(raw)).content(SectionSpec.content(2));
    assertThat(part.array()).isSameAs(raw);
  }

  @Test
  void partsOfAnEnclosedMessage() {
    String name = "forward-rfc822.eml";
    assertThat(fetch(name, SectionSpec.content(1))).isEqualTo("See below.");
    assertThat(fetch(name, SectionSpec.mime(2)))
        .isEqualTo("Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n");
    assertThat(fetch(name, SectionSpec.content(2))).startsWith("Date: Thu, 16 May 2024").endsWith("--inner--\r\n");
    assertThat(fetch(name, SectionSpec.header(2))).startsWith("Date: Thu, 16 May 2024")
        .endsWith("Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n");
    assertThat(fetch(name, SectionSpec.text(2))).startsWith("--inner\r\n").endsWith("--inner--\r\n");
    assertThat(fetch(name, SectionSpec.content(2, 1))).isEqualTo("Plain version.");
    assertThat(fetch(name, SectionSpec.mime(2, 1))).isEqualTo("Content-Type: text/plain; charset=us-ascii\r\n\r\n");
    assertThat(fetch(name, SectionSpec.content(2, 2))).isEqualTo("<p>HTML version.</p>");
    assertThat(fetch(name, SectionSpec.headerFields(List.of("subject", "FROM"), 2)))
        .isEqualTo("From: Carol <carol@example.com>\r\nSubject: Report attached\r\n\r\n");
  }

  @Test
  void headerAndTextNeedAMessagePart() {
    assertThat(fetch("forward-rfc822.eml", SectionSpec.header(1))).isEmpty();
    assertThat(fetch("forward-rfc822.eml", SectionSpec.text(1))).isEmpty();
    assertThat(fetch("forward-rfc822.eml", SectionSpec.header(2, 2))).isEmpty();
  }

  @Test
  void sectionsThatDoNotExistAreEmpty() {
    assertThat(fetch("forward-rfc822.eml", SectionSpec.content(3))).isEmpty();
    assertThat(fetch("forward-rfc822.eml", SectionSpec.content(2, 3))).isEmpty();
    assertThat(fetch("forward-rfc822.eml", SectionSpec.mime(9, 9))).isEmpty();
    // A leaf has no parts (as in UW-IMAP; Dovecot answers its own body for 1.1 inside a multipart).
    assertThat(fetch("mixed-attachment.eml", SectionSpec.content(1, 1))).isEmpty();
    assertThat(fetch("plain.eml", SectionSpec.content(1, 1))).isEmpty();
    assertThat(fetch("no-boundary.eml", SectionSpec.content(1))).isEmpty();
  }

  @Test
  void partOneOfASinglePartMessageIsItsBody() {
    byte[] raw = load("plain.eml");
    MessageSections s = new MessageSections(raw, MessageSummary.parse(raw));
    assertThat(s.content(SectionSpec.content(1))).isEqualTo(s.content(SectionSpec.text()));
    assertThat(utf8(s.content(SectionSpec.content(1)))).startsWith("Hi Bob,");
    // Its MIME header is the message header (as in Dovecot).
    assertThat(s.content(SectionSpec.mime(1))).isEqualTo(s.content(SectionSpec.header()));
  }

  @Test
  void topLevelMessageRfc822() {
    byte[] raw = ("Subject: top is message\r\nContent-Type: message/rfc822\r\n\r\n"
        + "Subject: inner\r\nContent-Type: text/plain\r\n\r\ninner body\r\n").getBytes(US_ASCII);
    MessageSections s = new MessageSections(raw, MessageSummary.parse(raw));
    assertThat(utf8(s.content(SectionSpec.content(1)))).startsWith("Subject: inner\r\n").endsWith("inner body\r\n");
    assertThat(utf8(s.content(SectionSpec.content(1, 1)))).isEqualTo("inner body\r\n");
    assertThat(utf8(s.content(SectionSpec.header(1)))).isEqualTo("Subject: inner\r\nContent-Type: text/plain\r\n\r\n");
    assertThat(utf8(s.content(SectionSpec.text(1)))).isEqualTo("inner body\r\n");
    assertThat(utf8(s.content(SectionSpec.mime(1)))).startsWith("Subject: top is message");
    assertThat(utf8(s.content(SectionSpec.mime(1, 1)))).isEqualTo("Subject: inner\r\nContent-Type: text/plain\r\n\r\n");
  }

  @Test
  void headerFieldsMatchIgnoringCaseInMessageOrderWithTheEmptyLine() {
    String name = "plain.eml";
    assertThat(fetch(name, SectionSpec.headerFields(List.of("SUBJECT", "to", "X-Absent"))))
        .isEqualTo("To: Bob <bob@example.net>, carol@example.com\r\nSubject: Lunch on Thursday?\r\n\r\n");
    assertThat(fetch(name, SectionSpec.headerFields(List.of("received"))))
        .startsWith("Received: from mx.example.net").contains("\r\n\tby pop.example.net")
        .contains("Received: from [10.0.0.5]").endsWith("(UTC)\r\n\r\n");
    assertThat(fetch(name, SectionSpec.headerFields(List.of("X-Absent")))).isEqualTo("\r\n");
  }

  @Test
  void headerFieldsNotKeepsLinesWithoutAColon() {
    assertThat(fetch("nul-8bit-headers.eml", SectionSpec.headerFieldsNot(List.of("from", "SUBJECT", "x-bin"))))
        .isEqualTo("Not a header line\r\nTo: x@example.com\r\n\r\n");
    assertThat(fetch("plain.eml", SectionSpec.headerFieldsNot(List.of("received", "return-path"))))
        .startsWith("Date: Tue, 14 May 2024").endsWith("Content-Transfer-Encoding: 8bit\r\n\r\n");
  }

  @Test
  void noEmptyLineForAMessageWithNoBodyAndNoEmptyLine() {
    assertThat(fetch("headers-only.eml", SectionSpec.headerFields(List.of("subject"))))
        .isEqualTo("Subject: only headers\r\n");
    assertThat(fetch("headers-only.eml", SectionSpec.header())).endsWith("X-Last: no newline");
    assertThat(fetch("headers-only.eml", SectionSpec.text())).isEmpty();
    assertThat(fetch("header-no-body.eml", SectionSpec.headerFields(List.of("subject"))))
        .isEqualTo("Subject: no body\r\n\r\n");
    assertThat(fetch("empty.eml", SectionSpec.headerFields(List.of("subject")))).isEmpty();
  }

  @Test
  void partialFetches() {
    ByteSlice text = sections("plain.eml").content(SectionSpec.text());
    assertThat(utf8(text.partial(0, 7))).isEqualTo("Hi Bob,");
    assertThat(utf8(text.partial(3, 3))).isEqualTo("Bob");
    assertThat(text.partial(50, 1000).length()).isEqualTo(text.length() - 50);
    assertThat(text.partial(text.length(), 10).isEmpty()).isTrue();
    assertThat(text.partial(1L << 40, 10).isEmpty()).isTrue();
    assertThat(text.partial(0, 0).isEmpty()).isTrue();
  }

  @Test
  void bareLfMessageIsServedAsStored() {
    assertThat(fetch("bare-lf.eml", SectionSpec.content(1))).isEqualTo("line one\nline two");
    assertThat(fetch("bare-lf.eml", SectionSpec.mime(1))).isEqualTo("Content-Type: text/plain\n\n");
    assertThat(fetch("bare-lf.eml", SectionSpec.headerFields(List.of("To"))))
        .isEqualTo("To: b@example.com\n\n");
  }

  @Test
  void nulBytesCanBeReplacedForLiterals() {
    ByteSlice header = sections("nul-8bit-headers.eml").content(SectionSpec.header());
    assertThat(header.containsNul()).isTrue();
    ByteSlice safe = header.withoutNul();
    assertThat(safe.containsNul()).isFalse();
    assertThat(safe.length()).isEqualTo(header.length());
    ByteSlice clean = sections("plain.eml").content(SectionSpec.header());
    assertThat(clean.withoutNul()).isSameAs(clean);
  }

  @Test
  void misuseIsRejected() {
    assertThatThrownBy(() -> SectionSpec.mime()).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SectionSpec.content(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SectionSpec.headerFields(List.of())).isInstanceOf(IllegalArgumentException.class);
    byte[] raw = load("plain.eml");
    MessageSummary other = TestMessages.summary("groups.eml");
    assertThatThrownBy(() -> new MessageSections(raw, other)).isInstanceOf(IllegalArgumentException.class);
  }
}
