package org.lemongate.mime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lemongate.mime.TestMessages.load;

import org.junit.jupiter.api.Test;

/** The text SEARCH matches (RFC 9051 §6.4.4). */
class SearchableMessageTest {

  private static SearchableMessage searchable(String name) {
    byte[] raw = load(name);
    return new SearchableMessage(raw, MessageSummary.parse(raw));
  }

  @Test
  void encodedWordSubjectIsMatchedByItsDecodedText() {
    MessageSummary s = MessageSummary.parse(load("encoded-headers.eml"));
    assertThat(s.subject()).isEqualTo("日本語の件名 and café");
    assertThat(SearchableMessage.contains(s.subject(), "CAFÉ")).isTrue();
    assertThat(SearchableMessage.contains(s.subject(), "件名")).isTrue();
    assertThat(s.from()).isEqualTo("山田太郎 <taro@example.jp>");
    assertThat(s.to()).isEqualTo("Jörg <joerg@example.de>, Zoë Raw <zoe@example.com>");
    assertThat(searchable("encoded-headers.eml").headerContains("subject", "日本語")).isTrue();
  }

  @Test
  void headerSearchCoversAllOccurrencesUnfoldedAndDecoded() {
    SearchableMessage m = searchable("plain.eml");
    assertThat(m.headerValues("received")).hasSize(2);
    assertThat(m.headerValues("Received").get(0))
        .isEqualTo("from mx.example.net (mx.example.net [192.0.2.7])\tby pop.example.net (Postfix) with ESMTPS"
            + " id 4A1B2C3D4E\tfor <bob@example.net>; Tue, 14 May 2024 09:31:07 +0200 (CEST)");
    assertThat(m.headerContains("RECEIVED", "mail.example.org")).isTrue();
    assertThat(m.headerContains("received", "nowhere.example")).isFalse();
    // An empty string matches every message that has the field.
    assertThat(m.headerContains("In-Reply-To", "")).isTrue();
    assertThat(m.headerContains("X-Absent", "")).isFalse();
  }

  @Test
  void quotedPrintableBodyIsMatchedDecodedInItsCharset() {
    SearchableMessage m = searchable("alternative.eml");
    // "été" is =E9t=E9 in ISO-8859-1 in the text part and =C3=A9t=C3=A9 in UTF-8 in the HTML part.
    assertThat(m.bodyContains("ÉTÉ PRICES ON EVERYTHING")).isTrue();
    assertThat(m.bodyText()).contains("<b>été</b> prices on everything!");
    assertThat(m.bodyContains("=E9")).isFalse();
  }

  @Test
  void base64BodyIsDecoded() {
    assertThat(searchable("encoded-headers.eml").bodyContains("こんにちは")).isTrue();
    assertThat(searchable("encoded-headers.eml").bodyContains("see you at the CAFÉ")).isTrue();
  }

  @Test
  void binaryAttachmentsAreSkipped() {
    SearchableMessage m = searchable("mixed-attachment.eml");
    assertThat(m.bodyContains("report attached")).isTrue();
    assertThat(m.bodyContains("JVBERi0")).isFalse();
    assertThat(m.bodyContains("%PDF")).isFalse();
  }

  @Test
  void bodyOfAForwardIncludesTheEnclosedTextButNotItsHeader() {
    SearchableMessage m = searchable("forward-rfc822.eml");
    assertThat(m.bodyContains("plain version")).isTrue();
    assertThat(m.bodyContains("HTML version")).isTrue();
    assertThat(m.bodyContains("carol@example.com")).isFalse();
    // TEXT covers every header block: the message's, the parts' MIME headers, the enclosed one's.
    assertThat(m.textContains("carol@example.com")).isTrue();
    assertThat(m.textContains("multipart/alternative")).isTrue();
    assertThat(m.textContains("See below")).isTrue();
    assertThat(m.textContains("nothing like this")).isFalse();
  }

  @Test
  void caseFoldingGoesBeyondAscii() {
    assertThat(SearchableMessage.contains("Straße", "STRASSE")).isTrue();
    assertThat(SearchableMessage.contains("ΟΔΟΣ", "οδος")).isTrue();
    assertThat(SearchableMessage.contains("ΟΔΟΣ", "οδoς")).isFalse();
    assertThat(SearchableMessage.contains(null, "x")).isFalse();
  }

  @Test
  void undecodableTextStillSearchable() {
    SearchableMessage m = searchable("bad-encoding.eml");
    assertThat(m.bodyContains("Hello world")).isTrue();
    assertThat(m.bodyContains("typeless")).isTrue();
    assertThat(searchable("nul-8bit-headers.eml").headerContains("subject", "été")).isTrue();
  }
}
