package org.lemongate.imap.command;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.vertx.core.buffer.Buffer;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lemongate.config.ImapLimits;
import org.lemongate.imap.command.Command.ListMailboxes.ReturnOption;
import org.lemongate.imap.command.Command.ListMailboxes.SelectOption;
import org.lemongate.imap.protocol.CommandFrame;
import org.lemongate.imap.protocol.CommandFramer;
import org.lemongate.imap.protocol.FetchAttribute;
import org.lemongate.imap.protocol.FetchAttribute.BinarySection;
import org.lemongate.imap.protocol.FetchAttribute.BinarySize;
import org.lemongate.imap.protocol.FetchAttribute.BodySection;
import org.lemongate.imap.protocol.FetchAttribute.Partial;
import org.lemongate.imap.protocol.FetchAttribute.Simple;
import org.lemongate.imap.protocol.Flag;
import org.lemongate.imap.protocol.FramerEvent;
import org.lemongate.imap.protocol.Literal;
import org.lemongate.imap.protocol.ParseException;
import org.lemongate.imap.protocol.SearchKey;
import org.lemongate.imap.protocol.SearchKey.And;
import org.lemongate.imap.protocol.SearchKey.DateComparison;
import org.lemongate.imap.protocol.SearchKey.HasFlag;
import org.lemongate.imap.protocol.SearchKey.HeaderContains;
import org.lemongate.imap.protocol.SearchKey.Not;
import org.lemongate.imap.protocol.SearchKey.Or;
import org.lemongate.imap.protocol.SearchReturnOption;
import org.lemongate.imap.protocol.Section;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.protocol.StatusItem;

class CommandParserTest {
  static final CommandParser PARSER = new CommandParser(ImapLimits.defaults().nestingDepth());

  static Stream<Arguments> validCommands() {
    return Stream.of(
        // any state
        arguments("a CAPABILITY", new Command.Capability()),
        arguments("a noop", new Command.Noop()),
        arguments("a LOGOUT", new Command.Logout()),
        // not authenticated
        arguments("a STARTTLS", new Command.StartTls()),
        arguments("a AUTHENTICATE plain", new Command.Authenticate("PLAIN", null)),
        arguments(
            "a AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==",
            new Command.Authenticate("PLAIN", "AGFsaWNlAHNlY3JldA==")),
        arguments("a AUTHENTICATE EXTERNAL =", new Command.Authenticate("EXTERNAL", "")),
        arguments("a LOGIN alice \"s3 cr\\\"et\"", new Command.Login("alice", "s3 cr\"et")),
        arguments("a LOGIN {5}\r\nalice {6+}\r\nsecret", new Command.Login("alice", "secret")),
        arguments("a LOGIN \"J\u00fcrgen\" x", new Command.Login("J\u00fcrgen", "x")),
        // authenticated
        arguments(
            "a ENABLE CONDSTORE utf8=accept",
            new Command.Enable(List.of("CONDSTORE", "UTF8=ACCEPT"))),
        arguments("a SELECT inbox", new Command.Select("INBOX", false, false, null)),
        arguments(
            "a EXAMINE \"Entw&APw-rfe\"", new Command.Select("Entw\u00fcrfe", true, false, null)),
        arguments("a SELECT INBOX (CONDSTORE)", new Command.Select("INBOX", false, true, null)),
        arguments(
            "a SELECT INBOX (QRESYNC (67890007 20050715194045000 41,43:211,214:541))",
            new Command.Select(
                "INBOX",
                false,
                false,
                new Command.QResync(
                    67890007L,
                    20050715194045000L,
                    SequenceSet.parse("41,43:211,214:541"),
                    null,
                    null))),
        arguments(
            "a SELECT INBOX (QRESYNC (1 2 1:9 (1,3 4,8)))",
            new Command.Select(
                "INBOX",
                false,
                false,
                new Command.QResync(
                    1,
                    2,
                    SequenceSet.parse("1:9"),
                    SequenceSet.parse("1,3"),
                    SequenceSet.parse("4,8")))),
        arguments(
            "a SELECT INBOX (QRESYNC (1 2 (1 4)) CONDSTORE)",
            new Command.Select(
                "INBOX",
                false,
                true,
                new Command.QResync(1, 2, null, SequenceSet.of(1), SequenceSet.of(4)))),
        arguments("a CREATE Foo/Bar", new Command.Create("Foo/Bar", List.of())),
        arguments(
            "a CREATE Sent (USE (\\Sent \\Archive))",
            new Command.Create("Sent", List.of("\\Sent", "\\Archive"))),
        arguments("a DELETE x", new Command.Delete("x")),
        arguments("a RENAME a \"b c\"", new Command.Rename("a", "b c")),
        arguments("a SUBSCRIBE x", new Command.Subscribe("x")),
        arguments("a UNSUBSCRIBE x", new Command.Unsubscribe("x")),
        arguments(
            "a LIST \"\" *",
            new Command.ListMailboxes("", List.of("*"), Set.of(), Set.of(), Set.of(), false)),
        arguments(
            "a LIST \"\" \"\"",
            new Command.ListMailboxes("", List.of(""), Set.of(), Set.of(), Set.of(), false)),
        arguments(
            "a LIST Work/ %/Entw&APw-rfe",
            new Command.ListMailboxes(
                "Work/", List.of("%/Entw\u00fcrfe"), Set.of(), Set.of(), Set.of(), false)),
        arguments(
            "a LIST (SUBSCRIBED RECURSIVEMATCH) \"\" (INBOX% Work*) RETURN (CHILDREN"
                + " STATUS (MESSAGES UNSEEN) SPECIAL-USE)",
            new Command.ListMailboxes(
                "",
                List.of("INBOX%", "Work*"),
                Set.of(SelectOption.SUBSCRIBED, SelectOption.RECURSIVEMATCH),
                Set.of(ReturnOption.CHILDREN, ReturnOption.STATUS, ReturnOption.SPECIAL_USE),
                Set.of(StatusItem.MESSAGES, StatusItem.UNSEEN),
                true)),
        arguments(
            "a LIST () \"\" %",
            new Command.ListMailboxes("", List.of("%"), Set.of(), Set.of(), Set.of(), true)),
        arguments("a LSUB \"\" %", new Command.Lsub("", "%")),
        arguments("a NAMESPACE", new Command.Namespace()),
        arguments(
            "a STATUS INBOX (MESSAGES UIDNEXT HIGHESTMODSEQ SIZE DELETED)",
            new Command.Status(
                "INBOX",
                Set.of(
                    StatusItem.MESSAGES,
                    StatusItem.UIDNEXT,
                    StatusItem.HIGHESTMODSEQ,
                    StatusItem.SIZE,
                    StatusItem.DELETED))),
        arguments(
            "a APPEND INBOX (\\Seen $Forwarded) \" 5-Feb-2024 13:05:09 +0100\" {5}\r\nhello",
            new Command.Append(
                "INBOX",
                List.of(Flag.SEEN, new Flag("$Forwarded")),
                OffsetDateTime.of(2024, 2, 5, 13, 5, 9, 0, ZoneOffset.ofHours(1)),
                new Command.MessageData(new Literal(buffer("hello"), 5, false)))),
        arguments(
            "a APPEND Drafts ~{3}\r\na\0b",
            new Command.Append(
                "Drafts",
                List.of(),
                null,
                new Command.MessageData(new Literal(buffer("a\0b"), 3, true)))),
        arguments(
            "a APPEND INBOX () {0+}\r\n",
            new Command.Append(
                "INBOX",
                List.of(),
                null,
                new Command.MessageData(new Literal(buffer(""), 0, false)))),
        arguments(
            "a APPEND INBOX CATENATE (URL \"/INBOX;UIDVALIDITY=1/;UID=2\" TEXT {3}\r\nabc)",
            new Command.Append(
                "INBOX",
                List.of(),
                null,
                new Command.Catenate(
                    List.of(
                        new Command.UrlPart("/INBOX;UIDVALIDITY=1/;UID=2"),
                        new Command.TextPart(new Literal(buffer("abc"), 3, false)))))),
        arguments("a IDLE", new Command.Idle()),
        // selected
        arguments("a CHECK", new Command.Check()),
        arguments("a CLOSE", new Command.Close()),
        arguments("a UNSELECT", new Command.Unselect()),
        arguments("a EXPUNGE", new Command.Expunge()),
        arguments("a UID EXPUNGE 1:5,9", new Command.UidExpunge(SequenceSet.parse("1:5,9"))),
        arguments(
            "a SEARCH UNSEEN",
            new Command.Search(false, null, new HasFlag(Flag.SEEN, false), null)),
        arguments(
            "a UID SEARCH CHARSET UTF-8 FROM \"M\u00fcller\" SINCE 1-Feb-2024 NOT DELETED",
            new Command.Search(
                true,
                "UTF-8",
                new And(
                    List.of(
                        new HeaderContains("FROM", "M\u00fcller"),
                        new SearchKey.InternalDate(DateComparison.SINCE, LocalDate.of(2024, 2, 1)),
                        new Not(new HasFlag(Flag.DELETED, true)))),
                null)),
        arguments(
            "a SEARCH CHARSET ISO-8859-1 SUBJECT {3}\r\n\u00e4\u00f6\u00fc",
            new Command.Search(
                false, "ISO-8859-1", new HeaderContains("SUBJECT", "\u00e4\u00f6\u00fc"), null)),
        arguments(
            "a SEARCH RETURN (MIN COUNT) OR SEEN (FLAGGED UID 1:*) 2,4:*",
            new Command.Search(
                false,
                null,
                new And(
                    List.of(
                        new Or(
                            new HasFlag(Flag.SEEN, true),
                            new And(
                                List.of(
                                    new HasFlag(Flag.FLAGGED, true),
                                    new SearchKey.Uids(SequenceSet.parse("1:*"))))),
                        new SearchKey.MessageNumbers(SequenceSet.parse("2,4:*")))),
                Set.of(SearchReturnOption.MIN, SearchReturnOption.COUNT))),
        arguments(
            "a SEARCH RETURN () ALL",
            new Command.Search(
                false, null, SearchKey.All.INSTANCE, Set.of(SearchReturnOption.ALL))),
        arguments(
            "a SEARCH RETURN (SAVE) $",
            new Command.Search(
                false,
                null,
                new SearchKey.MessageNumbers(SequenceSet.SAVED_RESULT),
                Set.of(SearchReturnOption.SAVE))),
        arguments(
            "a SEARCH MODSEQ \"/flags/\\\\draft\" all 620162338",
            new Command.Search(
                false,
                null,
                new SearchKey.ModSeq(620162338L, Flag.DRAFT, SearchKey.EntryType.ALL),
                null)),
        arguments(
            "a SEARCH HEADER X-Spam \"\" LARGER 100 SMALLER 5000 KEYWORD $Junk NEW OLD"
                + " SENTON \"3-Mar-2023\" TEXT x BODY y UNKEYWORD $a",
            new Command.Search(
                false,
                null,
                new And(
                    List.of(
                        new HeaderContains("X-Spam", ""),
                        new SearchKey.Size(true, 100),
                        new SearchKey.Size(false, 5000),
                        new HasFlag(new Flag("$Junk"), true),
                        new And(
                            List.of(new HasFlag(Flag.RECENT, true), new HasFlag(Flag.SEEN, false))),
                        new Not(new HasFlag(Flag.RECENT, true)),
                        new SearchKey.SentDate(DateComparison.ON, LocalDate.of(2023, 3, 3)),
                        new SearchKey.TextContains("x"),
                        new SearchKey.BodyContains("y"),
                        new HasFlag(new Flag("$a"), false))),
                null)),
        arguments(
            "a FETCH 1:* ALL",
            new Command.Fetch(false, SequenceSet.parse("1:*"), FetchAttribute.ALL, null, false)),
        arguments(
            "a FETCH 2 fast",
            new Command.Fetch(false, SequenceSet.of(2), FetchAttribute.FAST, null, false)),
        arguments(
            "a FETCH 2 FULL",
            new Command.Fetch(false, SequenceSet.of(2), FetchAttribute.FULL, null, false)),
        arguments(
            "a FETCH 2 BODY",
            new Command.Fetch(false, SequenceSet.of(2), List.of(Simple.BODY), null, false)),
        arguments(
            "a FETCH 2 body[]",
            new Command.Fetch(
                false,
                SequenceSet.of(2),
                List.of(new BodySection(Section.WHOLE, false, null)),
                null,
                false)),
        arguments(
            "a FETCH 1 (FLAGS BODY.PEEK[HEADER.FIELDS (From To)]<0.100> BODY[1.2.MIME]"
                + " BODY[3] BODY[2.TEXT] BODY[HEADER.FIELDS.NOT (X-A)] BINARY.PEEK[1]<5.10>"
                + " BINARY[] BINARY.SIZE[2] MODSEQ RFC822.SIZE RFC822 RFC822.HEADER RFC822.TEXT"
                + " ENVELOPE BODYSTRUCTURE INTERNALDATE UID)",
            new Command.Fetch(
                false,
                SequenceSet.of(1),
                List.of(
                    Simple.FLAGS,
                    new BodySection(
                        new Section(List.of(), Section.Text.HEADER_FIELDS, List.of("From", "To")),
                        true,
                        new Partial(0, 100)),
                    new BodySection(
                        new Section(List.of(1, 2), Section.Text.MIME, List.of()), false, null),
                    new BodySection(
                        new Section(List.of(3), Section.Text.ALL, List.of()), false, null),
                    new BodySection(
                        new Section(List.of(2), Section.Text.TEXT, List.of()), false, null),
                    new BodySection(
                        new Section(List.of(), Section.Text.HEADER_FIELDS_NOT, List.of("X-A")),
                        false,
                        null),
                    new BinarySection(List.of(1), true, new Partial(5, 10)),
                    new BinarySection(List.of(), false, null),
                    new BinarySize(List.of(2)),
                    Simple.MODSEQ,
                    Simple.RFC822_SIZE,
                    Simple.RFC822,
                    Simple.RFC822_HEADER,
                    Simple.RFC822_TEXT,
                    Simple.ENVELOPE,
                    Simple.BODYSTRUCTURE,
                    Simple.INTERNALDATE,
                    Simple.UID),
                null,
                false)),
        arguments(
            "a UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345 VANISHED)",
            new Command.Fetch(true, SequenceSet.parse("1:*"), List.of(Simple.FLAGS), 12345L, true)),
        arguments(
            "a FETCH 1 FLAGS (CHANGEDSINCE 7)",
            new Command.Fetch(false, SequenceSet.of(1), List.of(Simple.FLAGS), 7L, false)),
        arguments(
            "a STORE 1:3 +FLAGS.SILENT (\\Deleted $Junk)",
            new Command.Store(
                false,
                SequenceSet.parse("1:3"),
                null,
                Command.StoreMode.ADD,
                true,
                List.of(Flag.DELETED, new Flag("$Junk")))),
        arguments(
            "a UID STORE 1 (UNCHANGEDSINCE 12) FLAGS \\seen \\Flagged",
            new Command.Store(
                true,
                SequenceSet.of(1),
                12L,
                Command.StoreMode.REPLACE,
                false,
                List.of(Flag.SEEN, Flag.FLAGGED))),
        arguments(
            "a STORE 1 -FLAGS ()",
            new Command.Store(
                false, SequenceSet.of(1), null, Command.StoreMode.REMOVE, false, List.of())),
        arguments(
            "a UID COPY 1:3 Archive", new Command.Copy(true, SequenceSet.parse("1:3"), "Archive")),
        arguments("a COPY 2 inbox", new Command.Copy(false, SequenceSet.of(2), "INBOX")),
        arguments("a MOVE 4 \"Trash\"", new Command.Move(false, SequenceSet.of(4), "Trash")),
        arguments("a UID MOVE 4 Trash", new Command.Move(true, SequenceSet.of(4), "Trash")),
        // extensions
        arguments(
            "a ID (\"name\" \"Thunderbird\" \"version\" NIL)",
            new Command.Id(idParameters("name", "Thunderbird", "version", null))),
        arguments("a ID NIL", new Command.Id(null)),
        arguments("a ID ()", new Command.Id(Map.of())),
        arguments("a COMPRESS deflate", new Command.Compress("DEFLATE")),
        arguments(
            "a GENURLAUTH \"imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred\""
                + " INTERNAL",
            new Command.GenUrlAuth(
                List.of(
                    new Command.UrlAuthRequest(
                        "imap://joe@example.com/INBOX/;uid=20/;section=1.2;urlauth=submit+fred",
                        "INTERNAL")))),
        arguments("a RESETKEY", new Command.ResetKey(null, List.of())),
        arguments("a RESETKEY INBOX INTERNAL", new Command.ResetKey("INBOX", List.of("INTERNAL"))),
        arguments(
            "a URLFETCH \"imap://a/INBOX/;uid=1\" \"imap://a/INBOX/;uid=2\"",
            new Command.UrlFetch(List.of("imap://a/INBOX/;uid=1", "imap://a/INBOX/;uid=2"))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validCommands")
  void parsesValidCommands(String wire, Command expected) {
    ParsedCommand parsed = PARSER.parse(frame(wire, false), false);
    assertThat(parsed.tag()).isEqualTo("a");
    assertThat(parsed.command()).isEqualTo(expected);
  }

  static Stream<Arguments> invalidCommands() {
    String deepGroups = "(".repeat(40) + "ALL" + ")".repeat(40);
    return Stream.of(
        arguments("+x NOOP", null, "expected a tag"),
        arguments("a", "a", "expected SP after tag"),
        arguments("a  NOOP", "a", "expected a command name"),
        arguments("a FROB", "a", "unknown command FROB"),
        arguments("a UID FROB 1", "a", "unknown command UID FROB"),
        arguments("a UID LOGIN x y", "a", "unknown command UID LOGIN"),
        arguments("a NOOP extra", "a", "unexpected ' extra' at the end of NOOP"),
        arguments("a LOGIN alice", "a", "expected SP between user name and password"),
        arguments("a LOGIN \"al\\ice\" x", "a", "invalid escape in quoted string for user name"),
        arguments("a LOGIN \"alice x", "a", "unterminated quoted string for user name"),
        arguments("a LOGIN {3}\r\na\0b x", "a", "NUL in user name"),
        arguments("a LOGIN {2}\r\n\u00ff\u00fe x", "a", "user name is not valid UTF-8"),
        arguments("a LOGIN ~{3}\r\nabc x", "a", "literal8 (~{n}) is only allowed"),
        arguments("a LOGIN {5} x", "a", "malformed literal for user name"),
        arguments("a AUTHENTICATE PLAIN abc", "a", "not base64"),
        arguments("a ENABLE", "a", "expected SP before a capability"),
        arguments("a SELECT \"Entw\u00fcrfe\"", "a", "character U+00FC must be encoded"),
        arguments("a SELECT &AGE-", "a", "must not be encoded"),
        arguments("a SELECT INBOX (FOO)", "a", "unknown SELECT parameter FOO"),
        arguments("a SELECT INBOX (QRESYNC (1 2 1:*))", "a", "must not use * or $"),
        arguments("a SELECT INBOX (QRESYNC (0 2))", "a", "UIDVALIDITY must not be 0"),
        arguments("a CREATE x (USE (Sent))", "a", "expected '\\' before a special-use attribute"),
        arguments("a CREATE x (FOO)", "a", "unknown CREATE parameter FOO"),
        arguments("a LIST (RECURSIVEMATCH) \"\" *", "a", "RECURSIVEMATCH needs"),
        arguments("a LIST (FOO) \"\" *", "a", "unknown LIST selection option FOO"),
        arguments("a LIST \"\" * RETURN (BAR)", "a", "unknown LIST return option BAR"),
        arguments("a LIST \"\" ()", "a", "empty list of mailbox patterns"),
        arguments("a LIST \"\"", "a", "expected SP after the reference name"),
        arguments("a STATUS INBOX (FOO)", "a", "unknown status item FOO"),
        arguments("a STATUS INBOX ()", "a", "no status items"),
        arguments("a STATUS INBOX (MESSAGES", "a", "missing ')' at the end of status items"),
        arguments("a APPEND INBOX hello", "a", "expected a literal for the message"),
        arguments("a APPEND INBOX (\\Recent) {1}\r\nx", "a", "\\Recent cannot be set"),
        arguments("a APPEND INBOX \"1-Feb-2024\" {1}\r\nx", "a", "invalid date-time"),
        arguments("a APPEND INBOX CATENATE ()", "a", "CATENATE without parts"),
        arguments("a APPEND INBOX CATENATE (FILE x)", "a", "unknown CATENATE part FILE"),
        arguments("a UID EXPUNGE", "a", "expected SP before the sequence set"),
        arguments("a SEARCH FOO", "a", "unknown SEARCH key FOO"),
        arguments("a SEARCH", "a", "expected SP after SEARCH"),
        arguments("a SEARCH SINCE 31-Feb-2024", "a", "invalid date for SINCE"),
        arguments("a SEARCH SINCE 1-Foo-2024", "a", "expected a month"),
        arguments("a SEARCH RETURN (FOO) ALL", "a", "unknown SEARCH return option FOO"),
        arguments("a SEARCH KEYWORD \\Seen", "a", "expected a keyword"),
        arguments("a SEARCH OR SEEN", "a", "expected SP between the keys of OR"),
        arguments("a SEARCH ()", "a", "empty search key group"),
        arguments("a SEARCH HEADER \"a b\" c", "a", "invalid header field name"),
        arguments("a SEARCH MODSEQ \"/x/\\\\Seen\" all 1", "a", "must start with /flags/"),
        arguments("a SEARCH MODSEQ \"/flags/\\\\Seen\" any 1", "a", "unknown MODSEQ entry type"),
        arguments("a SEARCH " + deepGroups, "a", "nesting too deep (limit 32)"),
        arguments("a SEARCH " + "NOT ".repeat(40) + "ALL", "a", "nesting too deep (limit 32)"),
        arguments("a FETCH 1 FOO", "a", "unknown FETCH attribute FOO"),
        arguments("a FETCH 0 FLAGS", "a", "0 is not a valid message number"),
        arguments("a FETCH 1 (FLAGS ALL)", "a", "ALL is a macro"),
        arguments("a FETCH 1 ()", "a", "empty list of FETCH attributes"),
        arguments("a FETCH 1 BODY[MIME]", "a", "MIME needs a part number"),
        arguments("a FETCH 1 BODY[1.FOO]", "a", "unknown section FOO"),
        arguments("a FETCH 1 BODY[HEADER.FIELDS ()]", "a", "empty list of header field names"),
        arguments("a FETCH 1 BODY[HEADER", "a", "expected ']' to close the section"),
        arguments("a FETCH 1 BINARY[1.HEADER]", "a", "BINARY sections take part numbers only"),
        arguments("a FETCH 1 BODY.PEEK", "a", "expected '[' to open the section"),
        arguments("a FETCH 1 BODY[]<5.0>", "a", "partial length must not be 0"),
        arguments("a FETCH 1 (FLAGS", "a", "missing ')' at the end of FETCH attributes"),
        arguments("a FETCH 1 (FLAGS UID", "a", "missing ')' at the end of FETCH attributes"),
        arguments("a FETCH 1 (FLAGS)(UID)", "a", "unexpected '(UID)' at the end of FETCH"),
        arguments("a FETCH 1 FLAGS (VANISHED)", "a", "VANISHED needs UID FETCH and CHANGEDSINCE"),
        arguments("a UID FETCH 1 FLAGS (VANISHED)", "a", "VANISHED needs UID FETCH"),
        arguments("a FETCH 1 FLAGS (CHANGEDSINCE x)", "a", "expected a number for CHANGEDSINCE"),
        arguments(
            "a FETCH 1 FLAGS (CHANGEDSINCE 99999999999999999999)",
            "a",
            "CHANGEDSINCE is too large"),
        arguments("a FETCH 1:4294967296 FLAGS", "a", "number too large"),
        arguments("a STORE 1 FLAGS (\\Recent)", "a", "\\Recent cannot be set by a client"),
        arguments("a STORE 1 FLAGS (\\Foo)", "a", "\\Foo cannot be set by a client"),
        arguments("a STORE 1 XFLAGS (\\Seen)", "a", "expected FLAGS or FLAGS.SILENT"),
        arguments("a STORE 1 (UNCHANGEDSINCE) FLAGS x", "a", "expected SP after UNCHANGEDSINCE"),
        arguments("a COPY 1", "a", "expected SP before the mailbox name"),
        arguments("a ID (\"a\")", "a", "expected SP after the ID field"),
        arguments("a ID (\"" + "f".repeat(31) + "\" NIL)", "a", "ID field or value too long"),
        arguments("a COMPRESS", "a", "expected SP after COMPRESS"),
        arguments("a GENURLAUTH \"imap://x\"", "a", "expected SP after the URL"),
        arguments("a URLFETCH", "a", "expected SP before the URL"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidCommands")
  void explainsInvalidCommands(String wire, String tag, String reason) {
    assertThatThrownBy(() -> PARSER.parse(frame(wire, false), false))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.getMessage()).contains(reason);
              assertThat(e.tag()).isEqualTo(tag);
              assertThat(e.isRefusal()).isFalse();
            });
  }

  @Test
  void unsupportedCharsetIsARefusalNotASyntaxError() {
    assertThatThrownBy(() -> PARSER.parse(frame("t1 SEARCH CHARSET X-KLINGON ALL", false), false))
        .isInstanceOfSatisfying(
            ParseException.class,
            e -> {
              assertThat(e.isRefusal()).isTrue();
              assertThat(e.responseCode()).isEqualTo("BADCHARSET (US-ASCII UTF-8)");
              assertThat(e.tag()).isEqualTo("t1");
              assertThat(e.command()).isEqualTo("SEARCH");
            });
  }

  @Test
  void namesCommandsForTheCommandTable() {
    assertThat(PARSER.parse(frame("a uid fetch 1 UID", false), false).name())
        .isEqualTo("UID FETCH");
    assertThat(PARSER.parse(frame("a Examine x", false), false).name()).isEqualTo("EXAMINE");
    assertThatThrownBy(() -> PARSER.parse(frame("a FROB", false), false))
        .isInstanceOfSatisfying(ParseException.class, e -> assertThat(e.command()).isNull());
  }

  @Test
  void utf8SessionsReadMailboxNamesAsUtf8() {
    Command command = PARSER.parse(frame("a SELECT \"Entw\u00fcrfe\"", false), true).command();
    assertThat(command).isEqualTo(new Command.Select("Entw\u00fcrfe", false, false, null));
  }

  @Test
  void secretsStayOutOfToString() {
    Command login = PARSER.parse(frame("a LOGIN alice secret", false), false).command();
    assertThat(login.toString()).contains("alice").doesNotContain("secret");
    Command auth = PARSER.parse(frame("a AUTHENTICATE PLAIN c2VjcmV0", false), false).command();
    assertThat(auth.toString()).doesNotContain("c2VjcmV0");
  }

  @Test
  void streamedAppendMessagesHaveNoData() {
    Command command =
        PARSER.parse(frame("a APPEND INBOX (\\Seen) {11}\r\nHello world", true), false).command();
    assertThat(command)
        .isEqualTo(
            new Command.Append(
                "INBOX",
                List.of(Flag.SEEN),
                null,
                new Command.MessageData(new Literal(null, 11, false))));
  }

  @Test
  void readsTheAppendTargetBeforeTheMessageIsInvited() {
    assertThat(PARSER.appendMailbox(CommandFrame.of("a APPEND inbox (\\Seen) "), false))
        .isEqualTo("INBOX");
    assertThat(PARSER.appendMailbox(CommandFrame.of("a APPEND \"Entw&APw-rfe\" "), false))
        .isEqualTo("Entw\u00fcrfe");
    assertThatThrownBy(() -> PARSER.appendMailbox(CommandFrame.of("a LOGIN "), false))
        .hasMessage("not an APPEND");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("messageLiteralPrefixes")
  void findsMessageLiterals(String prefix, boolean message) {
    assertThat(CommandParser.isMessageLiteral(CommandFrame.of(prefix))).isEqualTo(message);
  }

  static Stream<Arguments> messageLiteralPrefixes() {
    return Stream.of(
        arguments("a APPEND INBOX ", true),
        arguments("a append \"Sent Items\" (\\Seen) ", true),
        arguments("a APPEND INBOX \"05-Feb-2024 13:05:09 +0100\" ", true),
        arguments("a APPEND INBOX () \"05-Feb-2024 13:05:09 +0100\" ", true),
        arguments("a APPEND INBOX CATENATE (TEXT ", true),
        arguments("a APPEND INBOX CATENATE (URL \"/x\" TEXT ", true),
        arguments("a APPEND ", false), // the mailbox name itself
        arguments("a APPEND INBOX CATENATE (URL ", false),
        arguments("a LOGIN ", false),
        arguments("a LOGIN alice ", false),
        arguments("a APPEND INBOX (\\Recent) ", false));
  }

  // ---- helpers ----

  /** Frames {@code wire} + CRLF with the real framer, so literals get their spans. */
  static CommandFrame frame(String wire, boolean streamMessages) {
    CommandFramer framer = new CommandFramer(ImapLimits.defaults());
    framer.setAuthenticated(true);
    if (streamMessages) {
      framer.setStreamedLiterals(CommandParser::isMessageLiteral);
    }
    framer.feed((wire + "\r\n").getBytes(sentAsLatin1(wire) ? ISO_8859_1 : UTF_8));
    CommandFrame frame = null;
    FramerEvent event;
    while ((event = framer.next()) != null) {
      if (event instanceof CommandFrame complete) {
        frame = complete;
      }
    }
    assertThat(frame).as("framed %s", wire).isNotNull();
    return frame;
  }

  /** Inputs naming ISO-8859-1 or holding a raw 0xFF byte go on the wire as Latin-1. */
  static boolean sentAsLatin1(String wire) {
    return wire.contains("ISO-8859-1") || wire.contains("\u00ff");
  }

  static Buffer buffer(String s) {
    return Buffer.buffer(s.getBytes(ISO_8859_1));
  }

  static Map<String, String> idParameters(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }
}
