package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.mime.TestMessages.load;

import java.util.List;
import org.junit.jupiter.api.Test;

/** BINARY[part] and BINARY.SIZE[part] (RFC 3516). */
class BinarySectionsTest {

  private static BinaryContent binary(String name, Integer... path) {
    byte[] raw = load(name);
    return new MessageSections(raw, MessageSummary.parse(raw)).binary(List.of(path));
  }

  private static byte[] decoded(String name, Integer... path) {
    BinaryContent content = binary(name, path);
    assertThat(content).isInstanceOf(BinaryContent.Decoded.class);
    return ((BinaryContent.Decoded) content).data().toByteArray();
  }

  @Test
  void base64AttachmentIsDecoded() {
    byte[] pdf = decoded("mixed-attachment.eml", 2);
    assertThat(pdf).hasSize(14);
    assertThat(new String(pdf, 0, 8, US_ASCII)).isEqualTo("%PDF-1.4");
    assertThat(decoded("mixed-attachment.eml", 3)).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
  }

  @Test
  void quotedPrintableIsDecoded() {
    assertThat(new String(decoded("alternative.eml", 1), java.nio.charset.StandardCharsets.ISO_8859_1))
        .isEqualTo("Our summer sale starts today: \u00e9t\u00e9 prices on everything!");
    assertThat(TestMessages.utf8(decoded("alternative.eml", 2)))
        .isEqualTo("<html><body><p>Our summer sale starts today: <b>\u00e9t\u00e9</b> prices on everything!"
            + "</p></body></html>\r\n");
  }

  @Test
  void badEncodingsDecodeLeniently() {
    // RFC 2045 §6.8: characters outside the alphabet are ignored; '=' ends the data.
    assertThat(new String(decoded("bad-encoding.eml", 1), US_ASCII)).isEqualTo("Hello world");
    // RFC 2045 §6.7: a bad escape is kept as it is. (Dovecot answers NO [PARSE] to both.)
    assertThat(new String(decoded("bad-encoding.eml", 3), US_ASCII)).isEqualTo("broken =ZZ softbreak and =4");
  }

  @Test
  void unpaddedBase64KeepsItsLastBytes() {
    byte[] raw = ("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + "SGVsbG8gd29ybGQ\r\n").getBytes(US_ASCII);
    BinaryContent content = new MessageSections(raw, MessageSummary.parse(raw)).binary(List.of(1));
    assertThat(((BinaryContent.Decoded) content).data().toByteArray()).isEqualTo("Hello world".getBytes(US_ASCII));
  }

  @Test
  void unknownEncodingIsReportedForUnknownCte() {
    assertThat(binary("bad-encoding.eml", 2)).isEqualTo(new BinaryContent.UnknownEncoding("x-uuencode"));
  }

  @Test
  void identityEncodingsAreSlicesOfTheMessage() {
    byte[] raw = load("bad-encoding.eml");
    BinaryContent content = new MessageSections(raw, MessageSummary.parse(raw)).binary(List.of(4));
    ByteSlice data = ((BinaryContent.Decoded) content).data();
    assertThat(data.array()).isSameAs(raw);
    assertThat(new String(data.toByteArray(), US_ASCII)).isEqualTo("typeless");
  }

  @Test
  void wholeMessageMultipartsAndMessagePartsComeAsTheyAre() {
    byte[] raw = load("forward-rfc822.eml");
    assertThat(decoded("forward-rfc822.eml")).isEqualTo(raw);
    assertThat(decoded("forward-rfc822.eml", 2)).hasSize(394);
    assertThat(new String(decoded("forward-rfc822.eml", 2, 1), US_ASCII)).isEqualTo("Plain version.");
  }

  @Test
  void missingPartIsEmpty() {
    assertThat(decoded("mixed-attachment.eml", 9)).isEmpty();
  }

  @Test
  void binarySizeAndPartialUseTheDecodedData() {
    ByteSlice pdf = ((BinaryContent.Decoded) binary("mixed-attachment.eml", 2)).data();
    assertThat(pdf.length()).isEqualTo(14); // BINARY.SIZE[2], as Dovecot reports
    assertThat(new String(pdf.partial(1, 3).toByteArray(), US_ASCII)).isEqualTo("PDF");
  }

  @Test
  void nulInDecodedDataCallsForLiteral8() {
    byte[] raw = ("Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + "AAEC\r\n").getBytes(US_ASCII);
    BinaryContent content = new MessageSections(raw, MessageSummary.parse(raw)).binary(List.of(1));
    ByteSlice data = ((BinaryContent.Decoded) content).data();
    assertThat(data.toByteArray()).containsExactly(0, 1, 2);
    assertThat(data.containsNul()).isTrue();
  }
}
