package org.lemongate.imap.response;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lemongate.imap.protocol.FetchAttribute.BinarySection;
import org.lemongate.imap.protocol.FetchAttribute.BinarySize;
import org.lemongate.imap.protocol.FetchAttribute.BodySection;
import org.lemongate.imap.protocol.FetchAttribute.Partial;
import org.lemongate.imap.protocol.FetchAttribute.Simple;
import org.lemongate.imap.protocol.Flag;
import org.lemongate.imap.protocol.FramingError;
import org.lemongate.imap.protocol.FramingError.Reason;
import org.lemongate.imap.protocol.ParseException;
import org.lemongate.imap.protocol.Section;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.protocol.StatusItem;

/** Golden encodings: what goes on the wire, byte for byte. */
class ResponseWriterTest {

  // ---- strings: atom, quoted, literal, NIL ----

  @ParameterizedTest(name = "astring {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "INBOX|INBOX",
        "a]b|\"a]b\"",
        "NIL|\"NIL\"",
        "a b|\"a b\"",
        "''|\"\"",
        "a(b|\"a(b\""
      })
  void astringIsAnAtomOnlyWhenItCanBe(String value, String wire) {
    assertThat(line(w -> w.astring(value))).isEqualTo("* " + wire + "\r\n");
  }

  @Test
  void quotedStringsEscapeQuoteAndBackslash() {
    assertThat(line(w -> w.string("he said \"hi\" \\o/")))
        .isEqualTo("* \"he said \\\"hi\\\" \\\\o/\"\r\n");
  }

  @Test
  void lineBreaksForceALiteral() {
    assertThat(line(w -> w.string("line1\r\nline2"))).isEqualTo("* {12}\r\nline1\r\nline2\r\n");
  }

  @Test
  void eightBitIsQuotedOnlyInUtf8Sessions() {
    assertThat(line(w -> w.string("M\u00fcller"))).isEqualTo("* {7}\r\nM\u00fcller\r\n");
    ResponseWriter utf8 = new ResponseWriter();
    utf8.setUtf8(true);
    utf8.startUntagged().string("M\u00fcller").endLine();
    assertThat(text(utf8)).isEqualTo("* \"M\u00fcller\"\r\n");
  }

  @Test
  void invalidUtf8IsALiteralEvenInUtf8Sessions() {
    ResponseWriter w = new ResponseWriter();
    w.setUtf8(true);
    w.startUntagged().string(new byte[] {'a', (byte) 0xff}).endLine();
    assertThat(w.flush().getBytes()).isEqualTo("* {2}\r\na\u00ff\r\n".getBytes(ISO_8859_1));
  }

  @Test
  void nulBecomes0x80InAStringLiteral() {
    ResponseWriter w = new ResponseWriter();
    w.startUntagged().string(new byte[] {'a', 0, 'b'}).endLine();
    assertThat(w.flush().getBytes()).isEqualTo("* {3}\r\na\u0080b\r\n".getBytes(ISO_8859_1));
  }

  @Test
  void longStringsAreLiterals() {
    String quoted = "q".repeat(1024);
    String literal = "q".repeat(1025);
    assertThat(line(w -> w.string(quoted))).isEqualTo("* \"" + quoted + "\"\r\n");
    assertThat(line(w -> w.string(literal))).isEqualTo("* {1025}\r\n" + literal + "\r\n");
  }

  @Test
  void nstringWritesNilForNull() {
    assertThat(line(w -> w.nstring((String) null).nstring("x").nstring((byte[]) null)))
        .isEqualTo("* NIL \"x\" NIL\r\n");
  }

  @Test
  void nestedListsGetTheirSpacesRight() {
    assertThat(
            line(
                w ->
                    w.atom("X")
                        .open()
                        .open()
                        .atom("A")
                        .close()
                        .string("b")
                        .open()
                        .close()
                        .close()
                        .number(7)))
        .isEqualTo("* X ((A) \"b\" ()) 7\r\n");
  }

  @Test
  void literal8ForBinaryData() {
    ResponseWriter w = new ResponseWriter();
    w.startUntagged().literal(Buffer.buffer(new byte[] {1, 0, 2}), true).endLine();
    assertThat(w.flush().getBytes())
        .isEqualTo("* ~{3}\r\n\u0001\u0000\u0002\r\n".getBytes(ISO_8859_1));
  }

  // ---- mailbox names per session mode ----

  @Test
  void mailboxNamesFollowTheSessionMode() {
    assertThat(line(w -> w.mailbox("Entw\u00fcrfe"))).isEqualTo("* \"Entw&APw-rfe\"\r\n");
    ResponseWriter utf8 = new ResponseWriter();
    utf8.setUtf8(true);
    utf8.startUntagged().mailbox("Entw\u00fcrfe").endLine();
    assertThat(text(utf8)).isEqualTo("* \"Entw\u00fcrfe\"\r\n");
  }

  // ---- status responses ----

  @Test
  void taggedWithAndWithoutCode() {
    ResponseWriter w = new ResponseWriter();
    w.tagged("a1", Status.OK, ResponseCode.uidNext(5), "SELECT completed");
    w.tagged("a2", Status.NO, null, "no such mailbox");
    assertThat(text(w))
        .isEqualTo("a1 OK [UIDNEXT 5] SELECT completed\r\na2 NO no such mailbox\r\n");
  }

  @Test
  void untaggedAndBye() {
    ResponseWriter w = new ResponseWriter();
    w.untagged(Status.OK, ResponseCode.uidValidity(3857529045L), "UIDs valid");
    w.untagged(Status.BYE, ResponseCode.ALERT, "shutting down");
    assertThat(text(w))
        .isEqualTo("* OK [UIDVALIDITY 3857529045] UIDs valid\r\n* BYE [ALERT] shutting down\r\n");
  }

  @Test
  void responseTextCannotBreakTheLine() {
    ResponseWriter w = new ResponseWriter();
    w.tagged("a", Status.BAD, null, "bad\r\ninjected M\u00fcller");
    assertThat(text(w)).isEqualTo("a BAD bad  injected M?ller\r\n");
  }

  @Test
  void responseCodes() {
    assertThat(
            ResponseCode.copyUid(
                38505, SequenceSet.parse("304,319:320"), SequenceSet.range(3956, 3958)))
        .hasToString("COPYUID 38505 304,319:320 3956:3958");
    assertThat(ResponseCode.appendUid(38505, 3955)).hasToString("APPENDUID 38505 3955");
    assertThat(ResponseCode.permanentFlags(List.of(Flag.SEEN, Flag.DELETED, Flag.ANY_KEYWORD)))
        .hasToString("PERMANENTFLAGS (\\Seen \\Deleted \\*)");
    assertThat(ResponseCode.modified(SequenceSet.parse("7,9"))).hasToString("MODIFIED 7,9");
    assertThat(ResponseCode.highestModSeq(715194045007L)).hasToString("HIGHESTMODSEQ 715194045007");
    assertThat(ResponseCode.badCharset(List.of("US-ASCII", "UTF-8")))
        .hasToString("BADCHARSET (US-ASCII UTF-8)");
    assertThat(ResponseCode.capability(List.of("IMAP4rev1", "IDLE")))
        .hasToString("CAPABILITY IMAP4rev1 IDLE");
  }

  @Test
  void continuationAndChallenge() {
    ResponseWriter w = new ResponseWriter();
    w.continuation("Ready").challenge(new byte[0]).challenge("hi".getBytes(UTF_8));
    assertThat(text(w)).isEqualTo("+ Ready\r\n+ \r\n+ aGk=\r\n");
  }

  @Test
  void framingErrors() {
    ResponseWriter w = new ResponseWriter();
    w.framingError(new FramingError("a1", Reason.LITERAL_TOO_LARGE, "too big", false));
    w.framingError(new FramingError("a2", Reason.NON_SYNC_LITERAL_TOO_LARGE, "too big", false));
    w.framingError(new FramingError(null, Reason.NUL_BYTE, "NUL byte in command line", false));
    w.framingError(new FramingError("a3", Reason.NON_SYNC_LITERAL_TOO_LARGE, "huge", true));
    assertThat(text(w))
        .isEqualTo(
            "a1 NO [TOOBIG] too big\r\n"
                + "a2 BAD [TOOBIG] too big\r\n"
                + "* BAD NUL byte in command line\r\n"
                + "a3 BAD [TOOBIG] huge\r\n"
                + "* BYE [TOOBIG] cannot continue after huge\r\n");
  }

  @Test
  void parseErrors() {
    ResponseWriter w = new ResponseWriter();
    w.parseError(new ParseException("unknown command FROB").forCommand("a1", null));
    w.parseError(new ParseException("expected a tag"));
    w.parseError(
        ParseException.refusal("BADCHARSET (US-ASCII UTF-8)", "unsupported")
            .forCommand("a2", "SEARCH"));
    assertThat(text(w))
        .isEqualTo(
            "a1 BAD unknown command FROB\r\n"
                + "* BAD expected a tag\r\n"
                + "a2 NO [BADCHARSET (US-ASCII UTF-8)] unsupported\r\n");
  }

  // ---- untagged data ----

  @Test
  void mailboxData() {
    ResponseWriter w = new ResponseWriter();
    w.capability(List.of("IMAP4rev1", "IMAP4rev2", "LITERAL-"))
        .enabled(List.of("CONDSTORE"))
        .exists(23)
        .recent(1)
        .expunge(3)
        .vanished(true, SequenceSet.parse("41,43:116"))
        .vanished(false, SequenceSet.of(5))
        .flags(List.of(Flag.ANSWERED, Flag.SEEN, new Flag("$Forwarded")));
    assertThat(text(w))
        .isEqualTo(
            "* CAPABILITY IMAP4rev1 IMAP4rev2 LITERAL-\r\n"
                + "* ENABLED CONDSTORE\r\n"
                + "* 23 EXISTS\r\n"
                + "* 1 RECENT\r\n"
                + "* 3 EXPUNGE\r\n"
                + "* VANISHED (EARLIER) 41,43:116\r\n"
                + "* VANISHED 5\r\n"
                + "* FLAGS (\\Answered \\Seen $Forwarded)\r\n");
  }

  @Test
  void listAndStatus() {
    Map<StatusItem, Long> status = new LinkedHashMap<>();
    status.put(StatusItem.MESSAGES, 231L);
    status.put(StatusItem.UIDNEXT, 44292L);
    ResponseWriter w = new ResponseWriter();
    w.list("LIST", List.of("\\HasNoChildren"), '/', "Entw\u00fcrfe", List.of())
        .list("LSUB", List.of(), null, "INBOX", null)
        .list("LIST", List.of(), '/', "Foo", List.of("SUBSCRIBED"))
        .list("LIST", List.of("\\Noselect"), '\\', "a\"b", List.of())
        .status("blurdybloop", status);
    assertThat(text(w))
        .isEqualTo(
            "* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"\r\n"
                + "* LSUB () NIL \"INBOX\"\r\n"
                + "* LIST () \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n"
                + "* LIST (\\Noselect) \"\\\\\" \"a\\\"b\"\r\n"
                + "* STATUS \"blurdybloop\" (MESSAGES 231 UIDNEXT 44292)\r\n");
  }

  @Test
  void searchResults() {
    ResponseWriter w = new ResponseWriter();
    w.search(new long[] {2, 84, 882}, null)
        .search(new long[0], null)
        .search(new long[] {2, 5}, 917162500L)
        .esearch("a1", true, new ESearchData(1L, 9L, 3L, SequenceSet.parse("1,4,9"), null))
        .esearch("a2", false, new ESearchData(null, null, 0L, SequenceSet.builder().build(), 5L));
    assertThat(text(w))
        .isEqualTo(
            "* SEARCH 2 84 882\r\n"
                + "* SEARCH\r\n"
                + "* SEARCH 2 5 (MODSEQ 917162500)\r\n"
                + "* ESEARCH (TAG \"a1\") UID MIN 1 MAX 9 COUNT 3 ALL 1,4,9\r\n"
                + "* ESEARCH (TAG \"a2\") COUNT 0 MODSEQ 5\r\n");
  }

  @Test
  void idAndNamespace() {
    Map<String, String> id = new LinkedHashMap<>();
    id.put("name", "Lemongate");
    id.put("support-url", null);
    ResponseWriter w = new ResponseWriter();
    w.id(id).id(null).namespace("");
    assertThat(text(w))
        .isEqualTo(
            "* ID (\"name\" \"Lemongate\" \"support-url\" NIL)\r\n"
                + "* ID NIL\r\n"
                + "* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n");
  }

  // ---- FETCH ----

  @Test
  void fetchResponseBuiltItemByItem() {
    ResponseWriter w = new ResponseWriter();
    BodySection headerFields =
        new BodySection(
            new Section(List.of(), Section.Text.HEADER_FIELDS, List.of("From", "X-A b")),
            true,
            new Partial(0, 100));
    w.startFetch(12)
        .fetchUid(1234)
        .fetchFlags(List.of(Flag.SEEN))
        .fetchModSeq(5)
        .fetchInternalDate(
            OffsetDateTime.of(2024, 2, 5, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-3, -30)))
        .fetchSize(44)
        .fetchSection(headerFields, Buffer.buffer("hello"))
        .fetchSection(
            new BodySection(new Section(List.of(1, 2), Section.Text.MIME, List.of()), false, null),
            null)
        .fetchBinarySize(new BinarySize(List.of(2)), 77)
        .endFetch();
    assertThat(text(w))
        .isEqualTo(
            "* 12 FETCH (UID 1234 FLAGS (\\Seen) MODSEQ (5)"
                + " INTERNALDATE \"05-Feb-2024 03:04:05 -0330\" RFC822.SIZE 44"
                + " BODY[HEADER.FIELDS (From \"X-A b\")]<0> {5}\r\nhello"
                + " BODY[1.2.MIME] NIL BINARY.SIZE[2] 77)\r\n");
  }

  @Test
  void preEncodedItemsAreWrittenAsGiven() {
    ResponseWriter w = new ResponseWriter();
    w.startFetch(1)
        .fetchEncoded(Simple.BODY, "(\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 0)".getBytes(UTF_8))
        .fetchUid(9)
        .endFetch();
    assertThat(text(w))
        .isEqualTo("* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 0) UID 9)\r\n");
  }

  @Test
  void structuredItemsUseTheLineBuilder() {
    ResponseWriter w = new ResponseWriter();
    w.startFetch(1)
        .fetchItem(Simple.ENVELOPE)
        .open()
        .nstring("Mon, 5 Feb 2024")
        .nstring("Hi")
        .close()
        .endFetch();
    assertThat(text(w)).isEqualTo("* 1 FETCH (ENVELOPE (\"Mon, 5 Feb 2024\" \"Hi\"))\r\n");
  }

  @Test
  void bigBodiesAreStreamedAfterTheirAnnouncement() {
    ResponseWriter w = new ResponseWriter();
    w.startFetch(7).fetchUid(9).fetchSectionStart(new BodySection(Section.WHOLE, true, null), 1000);
    assertThat(text(w)).isEqualTo("* 7 FETCH (UID 9 BODY[] {1000}\r\n");
    // the session writes the 1000 body bytes to the socket itself, then:
    w.fetchFlags(List.of(Flag.SEEN)).endFetch();
    assertThat(text(w)).isEqualTo(" FLAGS (\\Seen))\r\n");
  }

  @Test
  void binarySectionsUseLiteral8() {
    ResponseWriter w = new ResponseWriter();
    w.startFetch(1)
        .fetchSection(new BinarySection(List.of(1), true, new Partial(5, 10)), Buffer.buffer("ab"))
        .fetchSectionStart(new BinarySection(List.of(), false, null), 4)
        .endFetch();
    assertThat(text(w)).isEqualTo("* 1 FETCH (BINARY[1]<5> ~{2}\r\nab BINARY[] ~{4}\r\n)\r\n");
  }

  @Test
  void rfc822ItemsKeepTheirNames() {
    ResponseWriter w = new ResponseWriter();
    w.startFetch(3).fetchSection(Simple.RFC822_HEADER, Buffer.buffer("H: v\r\n\r\n")).endFetch();
    assertThat(text(w)).isEqualTo("* 3 FETCH (RFC822.HEADER {8}\r\nH: v\r\n\r\n)\r\n");
  }

  @Test
  void flushHandsOverAndStartsAfresh() {
    ResponseWriter w = new ResponseWriter();
    w.exists(1);
    assertThat(w.pendingBytes()).isEqualTo(12);
    assertThat(w.flush().toString()).isEqualTo("* 1 EXISTS\r\n");
    assertThat(w.pendingBytes()).isZero();
  }

  // ---- helpers ----

  static String line(Consumer<ResponseWriter> items) {
    ResponseWriter w = new ResponseWriter();
    w.startUntagged();
    items.accept(w);
    w.endLine();
    return text(w);
  }

  static String text(ResponseWriter w) {
    return w.flush().toString(UTF_8);
  }
}
