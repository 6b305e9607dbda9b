package org.lemongate.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 5322 §3.4 address lists as ENVELOPE addresses, broken ones included. */
class AddressParserTest {

  private static List<Address> parse(String value) {
    return AddressParser.parse(value);
  }

  @Test
  void commonForms() {
    assertThat(parse("Alice <alice@example.org>, bob@example.net (Bob B), \"Q, R\" <q@r.s>")).containsExactly(
        new Address("Alice", null, "alice", "example.org"),
        new Address("Bob B", null, "bob", "example.net"),
        new Address("Q, R", null, "q", "r.s"));
  }

  @Test
  void phrasesKeepTheirDotsAndEncodedWords() {
    assertThat(parse("Joe Q. Public <john.q.public@example.com>"))
        .containsExactly(new Address("Joe Q. Public", null, "john.q.public", "example.com"));
    assertThat(parse("=?utf-8?q?J.R.?=  \"Tolkien\" <jrr@example.com>"))
        .containsExactly(new Address("=?utf-8?q?J.R.?= Tolkien", null, "jrr", "example.com"));
  }

  @Test
  void obsoleteSyntax() {
    assertThat(parse("<@a.example,@b.example:joe@c.example>"))
        .containsExactly(new Address(null, "@a.example,@b.example", "joe", "c.example"));
    assertThat(parse("john . doe @ example . com"))
        .containsExactly(new Address(null, null, "john.doe", "example.com"));
    assertThat(parse("\"quoted local\"@[192.0.2.1]"))
        .containsExactly(new Address(null, null, "quoted local", "[192.0.2.1]"));
  }

  @Test
  void groups() {
    assertThat(parse("A Group:Ed Jones <c@a.test>,joe@where.test;, undisclosed recipients:;")).containsExactly(
        Address.groupStart("A Group"),
        new Address("Ed Jones", null, "c", "a.test"),
        new Address(null, null, "joe", "where.test"),
        Address.groupEnd(),
        Address.groupStart("undisclosed recipients"),
        Address.groupEnd());
    assertThat(parse("unterminated: a@b.c")).containsExactly(
        Address.groupStart("unterminated"), new Address(null, null, "a", "b.c"), Address.groupEnd());
  }

  @Test
  void brokenAddressesDoNotHideTheOthers() {
    assertThat(parse("<broken, @only.domain, foo@, Name <>, , <a@b> trailing, localonly")).containsExactly(
        new Address(null, null, "broken", Address.MISSING_DOMAIN),
        new Address(null, null, Address.MISSING_MAILBOX, "only.domain"),
        new Address(null, null, "foo", Address.MISSING_DOMAIN),
        new Address("Name", null, Address.MISSING_MAILBOX, Address.MISSING_DOMAIN),
        new Address(null, null, "a", "b"),
        new Address(null, null, "localonly", Address.MISSING_DOMAIN));
  }

  @Test
  void nothingToParse() {
    assertThat(parse("")).isEmpty();
    assertThat(parse(" , ,; (just a comment)")).isEmpty();
    assertThat(parse("\"unterminated")).hasSize(1);
  }

  @Test
  void senderAndReplyToDefaultToFromWhenAbsentOrEmpty() {
    byte[] raw = "From: a@b.c\r\nSender:\r\nReply-To: ,\r\nTo: x@y.z\r\n\r\n".getBytes();
    Envelope e = MessageSummary.parse(raw).envelope();
    assertThat(e.sender()).isEqualTo(e.from());
    assertThat(e.replyTo()).isEqualTo(e.from());
    assertThat(e.cc()).isEmpty();
  }

  @Test
  void repeatedAddressFieldsAreJoinedAndOtherFieldsTakeTheFirst() {
    byte[] raw = ("Subject:   first  \r\n\tfolded\r\nSubject: second\r\nTo: a@b.c\r\nTo: d@e.f\r\n"
        + "In-Reply-To:   <a@b>\r\n  <c@d>\r\nSubject : obsolete space\r\n\r\n").getBytes();
    Envelope e = MessageSummary.parse(raw).envelope();
    assertThat(e.subject()).isEqualTo("first  \tfolded");
    assertThat(e.to()).extracting(Address::mailbox).containsExactly("a", "d");
    assertThat(e.inReplyTo()).isEqualTo("<a@b>  <c@d>");
  }

  @Test
  void emptyFieldIsAnEmptyStringAbsentIsNil() {
    Envelope e = MessageSummary.parse("Subject:\r\n\r\n".getBytes()).envelope();
    assertThat(e.subject()).isEmpty();
    assertThat(e.date()).isNull();
    assertThat(TestMessages.utf8(FetchRenderer.envelope(e, ImapDialect.IMAP4REV1)))
        .isEqualTo("(NIL \"\" NIL NIL NIL NIL NIL NIL NIL NIL)");
  }
}
