package org.lemongate.imap.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lemongate.imap.response.ResponseWriter;

/**
 * LIST and LSUB answers, as scripts: {@code C:} a command, {@code S:} the untagged lines it gets.
 * Most come from the RFC examples. Where an answer differs from the RFC's, only in ways the RFC
 * allows: INBOX is spelled "INBOX", {@code \HasChildren}/{@code \HasNoChildren} are always sent
 * (RFC 9051 §6.3.9.5: MAY without the CHILDREN option), names come in hierarchy order (order is
 * not significant), and {@code \Marked}/{@code \NoInferiors} never appear.
 */
class MailboxListerTest {

  /** RFC 5258 §5 example 1 (RFC 9051 §6.3.9.8), with the subscriptions of example 2. */
  static Account fruit() {
    return Account.withMailboxes(
            "INBOX", "Fruit", "Fruit/Apple", "Fruit/Banana", "Tofu", "Vegetable",
            "Vegetable/Broccoli", "Vegetable/Corn")
        .subscribed("INBOX", "Fruit/Banana", "Fruit/Peach", "Vegetable", "Vegetable/Broccoli");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rfc5258Examples(String example, Account account, String script) {
    account.run(script);
  }

  static Stream<Arguments> rfc5258Examples() {
    return Stream.of(
        arguments("1: the whole hierarchy", fruit(), """
            C: LIST "" "*"
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Fruit"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Apple"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Banana"
            S: * LIST (\\HasNoChildren) "/" "Tofu"
            S: * LIST (\\HasChildren) "/" "Vegetable"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Broccoli"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Corn"
            """),
        arguments("2: SUBSCRIBED lists subscribed names, existing or not", fruit(), """
            C: LIST (SUBSCRIBED) "" "*"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "Fruit/Banana"
            S: * LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "Fruit/Peach"
            S: * LIST (\\HasChildren \\Subscribed) "/" "Vegetable"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "Vegetable/Broccoli"
            """),
        arguments("3: CHILDREN", fruit(), """
            C: LIST () "" "%" RETURN (CHILDREN)
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Fruit"
            S: * LIST (\\HasNoChildren) "/" "Tofu"
            S: * LIST (\\HasChildren) "/" "Vegetable"
            """),
        arguments("4, 5: REMOTE changes nothing without remote mailboxes", fruit(), """
            C: LIST (REMOTE) "" "%" RETURN (CHILDREN)
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Fruit"
            S: * LIST (\\HasNoChildren) "/" "Tofu"
            S: * LIST (\\HasChildren) "/" "Vegetable"
            C: LIST (REMOTE SUBSCRIBED) "" "*"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "Fruit/Banana"
            S: * LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "Fruit/Peach"
            S: * LIST (\\HasChildren \\Subscribed) "/" "Vegetable"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "Vegetable/Broccoli"
            """),
        arguments("6: RETURN (SUBSCRIBED) adds no names", fruit(), """
            C: LIST (REMOTE) "" "*" RETURN (SUBSCRIBED)
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Fruit"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Apple"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "Fruit/Banana"
            S: * LIST (\\HasNoChildren) "/" "Tofu"
            S: * LIST (\\HasChildren \\Subscribed) "/" "Vegetable"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "Vegetable/Broccoli"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Corn"
            """),
        arguments(
            "7: several patterns; Sent is no mailbox and matches none",
            Account.withMailboxes(
                "INBOX", "Drafts", "Sent/March2004", "Sent/December2003", "Sent/August2004"),
            """
            C: LIST "" ("INBOX" "Drafts" "Sent/%")
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasNoChildren) "/" "Drafts"
            S: * LIST (\\HasNoChildren) "/" "Sent/August2004"
            S: * LIST (\\HasNoChildren) "/" "Sent/December2003"
            S: * LIST (\\HasNoChildren) "/" "Sent/March2004"
            """),
        arguments(
            "8: CHILDREN",
            Account.withMailboxes("INBOX", "Foo", "Foo/Bar", "Foo/Baz", "Moo"),
            """
            C: LIST "" "%" RETURN (CHILDREN)
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Foo"
            S: * LIST (\\HasNoChildren) "/" "Moo"
            """),
        arguments(
            "8 A: RECURSIVEMATCH shows a parent for its subscribed child",
            Account.withMailboxes("INBOX", "Foo", "Foo/Bar", "Foo/Baz", "Moo")
                .subscribed("Foo/Baz"),
            """
            C: LIST (SUBSCRIBED) "" "*"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "Foo/Baz"
            C: LIST (SUBSCRIBED) "" "%"
            C: LIST (SUBSCRIBED RECURSIVEMATCH) "" "%"
            S: * LIST (\\HasChildren) "/" "Foo" ("CHILDINFO" ("SUBSCRIBED"))
            """),
        arguments(
            "8 A1: a subscribed parent keeps CHILDINFO",
            Account.withMailboxes("INBOX", "Foo", "Foo/Bar", "Foo/Baz", "Moo")
                .subscribed("Foo", "Foo/Baz"),
            """
            C: LIST (SUBSCRIBED RECURSIVEMATCH) "" "%"
            S: * LIST (\\HasChildren \\Subscribed) "/" "Foo" ("CHILDINFO" ("SUBSCRIBED"))
            """),
        arguments(
            "8 A2: a parent that does not exist",
            Account.withMailboxes("INBOX", "Foo/Bar", "Foo/Baz", "Moo").subscribed("Foo/Baz"),
            """
            C: LIST (SUBSCRIBED RECURSIVEMATCH) "" "%"
            S: * LIST (\\NonExistent \\HasChildren) "/" "Foo" ("CHILDINFO" ("SUBSCRIBED"))
            """),
        arguments(
            "8 B: nothing subscribed, nothing listed",
            Account.withMailboxes("INBOX", "Foo", "Foo/Bar", "Foo/Baz", "Moo"),
            """
            C: LIST (SUBSCRIBED RECURSIVEMATCH) "" "%"
            """),
        arguments(
            "8 C: children, but none subscribed",
            Account.withMailboxes("INBOX", "Foo", "Foo/Bar", "Foo/Baz", "Moo")
                .subscribed("Foo", "Moo"),
            """
            C: LIST (SUBSCRIBED RECURSIVEMATCH) "" "%" RETURN (CHILDREN)
            S: * LIST (\\HasChildren \\Subscribed) "/" "Foo"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "Moo"
            """),
        arguments(
            "9: CHILDINFO whether or not the children match; redundant parents suppressed",
            example9(),
            """
            C: LIST (SUBSCRIBED) "" "*"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar2"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar22"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar222"
            S: * LIST (\\HasChildren \\Subscribed) "/" "eps2"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "eps2/mamba"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "foo2/bar1"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "foo2/bar2"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "qux2/bar2"
            C: LIST (RECURSIVEMATCH SUBSCRIBED) "" "*2"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar2"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar22"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar222"
            S: * LIST (\\HasChildren \\Subscribed) "/" "eps2" ("CHILDINFO" ("SUBSCRIBED"))
            S: * LIST (\\HasChildren) "/" "foo2" ("CHILDINFO" ("SUBSCRIBED"))
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "foo2/bar2"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "qux2/bar2"
            """),
        arguments(
            // The RFC's answer also lists "foo2" and "baz2" with CHILDINFO, which §3.5 says
            // SHOULD be suppressed: every subscribed child below them is listed anyway.
            "9: with *, only eps2 has CHILDINFO",
            example9(),
            """
            C: LIST (RECURSIVEMATCH SUBSCRIBED) "" "*"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar2"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar22"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "baz2/bar222"
            S: * LIST (\\HasChildren \\Subscribed) "/" "eps2" ("CHILDINFO" ("SUBSCRIBED"))
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "eps2/mamba"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "foo2/bar1"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "foo2/bar2"
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "qux2/bar2"
            """),
        arguments(
            "10: CHILDINFO does not imply \\HasChildren",
            Account.withMailboxes("INBOX", "foo").subscribed("foo/bar"),
            """
            C: LIST "" ("foo" "foo/*")
            S: * LIST (\\HasNoChildren) "/" "foo"
            C: LIST (SUBSCRIBED) "" "foo/*"
            S: * LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "foo/bar"
            C: LIST (SUBSCRIBED RECURSIVEMATCH) "" foo RETURN (CHILDREN)
            S: * LIST (\\HasNoChildren) "/" "foo" ("CHILDINFO" ("SUBSCRIBED"))
            """),
        arguments(
            "11: a missing parent is \\NonExistent \\HasChildren for %",
            Account.withMailboxes("INBOX", "music/rock"),
            """
            C: LIST (REMOTE) "" *
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasNoChildren) "/" "music/rock"
            C: LIST () "" %
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\NonExistent \\HasChildren) "/" "music"
            C: LIST "" (% music/rock)
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasNoChildren) "/" "music/rock"
            """));
  }

  /** RFC 5258 §5 example 9: "qux2" does not exist. */
  static Account example9() {
    return Account.withMailboxes(
            "INBOX", "foo2", "foo2/bar1", "foo2/bar2", "baz2", "baz2/bar2", "baz2/bar22",
            "baz2/bar222", "eps2", "eps2/mamba", "qux2/bar2")
        .subscribed(
            "foo2/bar1", "foo2/bar2", "baz2/bar2", "baz2/bar22", "baz2/bar222", "eps2",
            "eps2/mamba", "qux2/bar2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void basicList(String what, Account account, String script) {
    account.run(script);
  }

  static Stream<Arguments> basicList() {
    return Stream.of(
        arguments("an empty pattern asks for the delimiter and the root", fruit(), """
            C: LIST "" ""
            S: * LIST (\\Noselect) "/" ""
            C: LIST "Fruit/" ""
            S: * LIST (\\Noselect) "/" ""
            """),
        arguments("the extended form ignores empty patterns", fruit(), """
            C: LIST () "" ""
            C: LIST "" ("" "Tofu")
            S: * LIST (\\HasNoChildren) "/" "Tofu"
            """),
        arguments("% stops at the delimiter", fruit(), """
            C: LIST "" %
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Fruit"
            S: * LIST (\\HasNoChildren) "/" "Tofu"
            S: * LIST (\\HasChildren) "/" "Vegetable"
            C: LIST "" Fruit/%
            S: * LIST (\\HasNoChildren) "/" "Fruit/Apple"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Banana"
            C: LIST "" %/%
            S: * LIST (\\HasNoChildren) "/" "Fruit/Apple"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Banana"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Broccoli"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Corn"
            """),
        arguments("* and % anywhere in the pattern", fruit(), """
            C: LIST "" *a*
            S: * LIST (\\HasNoChildren) "/" "Fruit/Banana"
            S: * LIST (\\HasChildren) "/" "Vegetable"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Broccoli"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Corn"
            C: LIST "" V%e
            S: * LIST (\\HasChildren) "/" "Vegetable"
            C: LIST "" Tofu
            S: * LIST (\\HasNoChildren) "/" "Tofu"
            C: LIST "" tofu
            """),
        arguments("the reference comes before the pattern", fruit(), """
            C: LIST Fruit/ %
            S: * LIST (\\HasNoChildren) "/" "Fruit/Apple"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Banana"
            C: LIST Fruit /%
            S: * LIST (\\HasNoChildren) "/" "Fruit/Apple"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Banana"
            C: LIST Veg *
            S: * LIST (\\HasChildren) "/" "Vegetable"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Broccoli"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Corn"
            """),
        arguments(
            "INBOX in any case, and its children",
            Account.withMailboxes("INBOX", "INBOX/Sent", "Inbound"),
            """
            C: LIST "" INBOX
            S: * LIST (\\HasChildren) "/" "INBOX"
            C: LIST "" inbox
            S: * LIST (\\HasChildren) "/" "INBOX"
            C: LIST "" InBoX/%
            S: * LIST (\\HasNoChildren) "/" "INBOX/Sent"
            C: LIST inbox/ %
            S: * LIST (\\HasNoChildren) "/" "INBOX/Sent"
            C: LIST "" inb*
            S: * LIST (\\HasChildren) "/" "INBOX"
            S: * LIST (\\HasNoChildren) "/" "INBOX/Sent"
            C: LIST "" in%
            S: * LIST (\\HasChildren) "/" "INBOX"
            C: LIST "" In%
            S: * LIST (\\HasChildren) "/" "INBOX"
            S: * LIST (\\HasNoChildren) "/" "Inbound"
            """),
        arguments(
            "missing levels show for %, not for * (RFC 9051 §6.3.5 example)",
            Account.withMailboxes("INBOX", "foo/bar", "a/b/c"),
            """
            C: LIST "" *
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasNoChildren) "/" "a/b/c"
            S: * LIST (\\HasNoChildren) "/" "foo/bar"
            C: LIST "" %
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\Noselect \\HasChildren) "/" "a"
            S: * LIST (\\Noselect \\HasChildren) "/" "foo"
            C: LIST "" a/%
            S: * LIST (\\Noselect \\HasChildren) "/" "a/b"
            C: LIST "" a/%/%
            S: * LIST (\\HasNoChildren) "/" "a/b/c"
            C: LIST "" a*
            S: * LIST (\\HasNoChildren) "/" "a/b/c"
            """),
        arguments(
            "a missing level is \\NonExistent when extended or in IMAP4rev2",
            Account.withMailboxes("INBOX", "foo/bar").imap4rev2(),
            """
            C: LIST "" %
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\NonExistent \\HasChildren) "/" "foo"
            """),
        arguments(
            "one line per name, however many patterns match it",
            fruit(),
            """
            C: LIST "" (* Fruit F%)
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Fruit"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Apple"
            S: * LIST (\\HasNoChildren) "/" "Fruit/Banana"
            S: * LIST (\\HasNoChildren) "/" "Tofu"
            S: * LIST (\\HasChildren) "/" "Vegetable"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Broccoli"
            S: * LIST (\\HasNoChildren) "/" "Vegetable/Corn"
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void specialUse(String what, Account account, String script) {
    account.run(script);
  }

  /** RFC 6154 §5.1 and §5.2. */
  static Account rfc6154() {
    return Account.withMailboxes("INBOX", "ToDo", "Projects", "Projects/Plans")
        .mailbox("SentMail", "\\Sent")
        .mailbox("MyDrafts", "\\Drafts")
        .mailbox("Trash", "\\Trash");
  }

  static Stream<Arguments> specialUse() {
    return Stream.of(
        arguments("special uses come with every LIST", rfc6154(), """
            C: LIST "" "%"
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasNoChildren \\Drafts) "/" "MyDrafts"
            S: * LIST (\\HasChildren) "/" "Projects"
            S: * LIST (\\HasNoChildren \\Sent) "/" "SentMail"
            S: * LIST (\\HasNoChildren) "/" "ToDo"
            S: * LIST (\\HasNoChildren \\Trash) "/" "Trash"
            C: LIST "" "%" RETURN (SPECIAL-USE)
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasNoChildren \\Drafts) "/" "MyDrafts"
            S: * LIST (\\HasChildren) "/" "Projects"
            S: * LIST (\\HasNoChildren \\Sent) "/" "SentMail"
            S: * LIST (\\HasNoChildren) "/" "ToDo"
            S: * LIST (\\HasNoChildren \\Trash) "/" "Trash"
            """),
        arguments("the SPECIAL-USE selection lists only special-use mailboxes", rfc6154(), """
            C: LIST (SPECIAL-USE) "" "*"
            S: * LIST (\\HasNoChildren \\Drafts) "/" "MyDrafts"
            S: * LIST (\\HasNoChildren \\Sent) "/" "SentMail"
            S: * LIST (\\HasNoChildren \\Trash) "/" "Trash"
            """),
        arguments(
            "a special-use mailbox below a missing level",
            Account.withMailboxes("INBOX", "Kept").mailbox("Old/Archive", "\\Archive"),
            """
            C: LIST (SPECIAL-USE) "" "%"
            S: * LIST (\\NonExistent \\HasChildren) "/" "Old"
            C: LIST (SPECIAL-USE RECURSIVEMATCH) "" "%"
            S: * LIST (\\NonExistent \\HasChildren) "/" "Old" ("CHILDINFO" ("SPECIAL-USE"))
            C: LIST (SPECIAL-USE) "" "*"
            S: * LIST (\\HasNoChildren \\Archive) "/" "Old/Archive"
            """),
        arguments(
            "an existing parent without special use is not listed without RECURSIVEMATCH",
            Account.withMailboxes("INBOX", "Old").mailbox("Old/Archive", "\\Archive"),
            """
            C: LIST (SPECIAL-USE) "" "%"
            C: LIST (SPECIAL-USE RECURSIVEMATCH) "" "%"
            S: * LIST (\\HasChildren) "/" "Old" ("CHILDINFO" ("SPECIAL-USE"))
            """),
        arguments(
            "SUBSCRIBED and SPECIAL-USE together",
            rfc6154().subscribed("SentMail", "Trash", "ToDo"),
            """
            C: LIST (SUBSCRIBED SPECIAL-USE) "" "*"
            S: * LIST (\\HasNoChildren \\Subscribed \\Sent) "/" "SentMail"
            S: * LIST (\\HasNoChildren \\Subscribed \\Trash) "/" "Trash"
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void listStatus(String what, Account account, String script) {
    account.run(script);
  }

  static Stream<Arguments> listStatus() {
    return Stream.of(
        arguments(
            "RFC 5819 §3 A01: STATUS follows each selectable mailbox's LIST line",
            Account.withMailboxes("INBOX", "foo", "bar/baz"),
            """
            C: LIST "" % RETURN (STATUS (MESSAGES UNSEEN))
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * STATUS "INBOX" (MESSAGES 0 UNSEEN 0)
            S: * LIST (\\NonExistent \\HasChildren) "/" "bar"
            S: * LIST (\\HasNoChildren) "/" "foo"
            S: * STATUS "foo" (MESSAGES 0 UNSEEN 0)
            """),
        arguments(
            "RFC 5819 §3 A02: no STATUS for a name listed only for its children",
            Account.withMailboxes("INBOX", "foo", "foo/bar").subscribed("INBOX", "foo/bar"),
            """
            C: LIST (SUBSCRIBED RECURSIVEMATCH) "" % RETURN (STATUS (MESSAGES))
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"
            S: * STATUS "INBOX" (MESSAGES 0)
            S: * LIST (\\HasChildren) "/" "foo" ("CHILDINFO" ("SUBSCRIBED"))
            """),
        arguments(
            "no STATUS for a subscribed name that is no mailbox",
            Account.withMailboxes("INBOX").subscribed("INBOX", "Gone"),
            """
            C: LIST (SUBSCRIBED) "" * RETURN (STATUS (UIDVALIDITY UIDNEXT))
            S: * LIST (\\HasNoChildren \\Subscribed) "/" "INBOX"
            S: * STATUS "INBOX" (UIDNEXT 1 UIDVALIDITY 1001)
            S: * LIST (\\NonExistent \\HasNoChildren \\Subscribed) "/" "Gone"
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void lsub(String what, Account account, String script) {
    account.run(script);
  }

  static Stream<Arguments> lsub() {
    return Stream.of(
        arguments(
            "RFC 3501 §6.3.9: % returns the unsubscribed parent as \\Noselect",
            Account.withMailboxes("INBOX", "foo", "foo/bar").subscribed("foo/bar"),
            """
            C: LSUB "" "%"
            S: * LSUB (\\Noselect) "/" "foo"
            C: LSUB "" "*"
            S: * LSUB () "/" "foo/bar"
            C: LSUB "" "foo/%"
            S: * LSUB () "/" "foo/bar"
            """),
        arguments(
            "a subscribed parent is listed as itself",
            Account.withMailboxes("INBOX", "foo", "foo/bar").subscribed("foo", "foo/bar", "INBOX"),
            """
            C: LSUB "" "%"
            S: * LSUB () "/" "INBOX"
            S: * LSUB () "/" "foo"
            """),
        arguments(
            "RFC 2060 §6.3.9 example, with / for the delimiter",
            Account.withMailboxes("INBOX", "news/comp/mail/mime", "news/comp/mail/misc")
                .subscribed("news/comp/mail/mime", "news/comp/mail/misc"),
            """
            C: LSUB "news/" "comp/mail/*"
            S: * LSUB () "/" "news/comp/mail/mime"
            S: * LSUB () "/" "news/comp/mail/misc"
            C: LSUB "news/" "comp/%"
            S: * LSUB (\\Noselect) "/" "news/comp/mail"
            """),
        arguments(
            "a subscription to a mailbox that is gone stays, \\Noselect",
            Account.withMailboxes("INBOX").subscribed("INBOX", "Gone"),
            """
            C: LSUB "" "*"
            S: * LSUB () "/" "INBOX"
            S: * LSUB (\\Noselect) "/" "Gone"
            C: LSUB "" ""
            """),
        arguments(
            "unsubscribed mailboxes are not listed",
            fruit(),
            """
            C: LSUB "" "Fruit/*"
            S: * LSUB () "/" "Fruit/Banana"
            S: * LSUB (\\Noselect) "/" "Fruit/Peach"
            C: LSUB "" "%"
            S: * LSUB () "/" "INBOX"
            S: * LSUB (\\Noselect) "/" "Fruit"
            S: * LSUB () "/" "Vegetable"
            """));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void unicodeNames(String what, Account account, String script) {
    account.run(script);
  }

  static Account german() {
    return Account.withMailboxes("INBOX", "Entwürfe", "Entwürfe/Alt", "台北/日本語")
        .subscribed("Entwürfe/Alt");
  }

  static Stream<Arguments> unicodeNames() {
    return Stream.of(
        arguments("modified UTF-7 on the wire in IMAP4rev1", german(), """
            C: LIST "" %
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Entw&APw-rfe"
            S: * LIST (\\Noselect \\HasChildren) "/" "&U,BTFw-"
            C: LIST "" Entw&APw-rfe/%
            S: * LIST (\\HasNoChildren) "/" "Entw&APw-rfe/Alt"
            C: LIST "" Entw%/%
            S: * LIST (\\HasNoChildren) "/" "Entw&APw-rfe/Alt"
            C: LSUB "" %
            S: * LSUB (\\Noselect) "/" "Entw&APw-rfe"
            """),
        arguments("UTF-8 on the wire in IMAP4rev2", german().imap4rev2(), """
            C: LIST "" *
            S: * LIST (\\HasNoChildren) "/" "INBOX"
            S: * LIST (\\HasChildren) "/" "Entwürfe"
            S: * LIST (\\HasNoChildren) "/" "Entwürfe/Alt"
            S: * LIST (\\HasNoChildren) "/" "台北/日本語"
            C: LIST "" "台北/%"
            S: * LIST (\\HasNoChildren) "/" "台北/日本語"
            C: LIST "" "%/日本語"
            S: * LIST (\\HasNoChildren) "/" "台北/日本語"
            C: LIST "" "entwürfe"
            C: LIST (SUBSCRIBED RECURSIVEMATCH) "" %
            S: * LIST (\\HasChildren) "/" "Entwürfe" ("CHILDINFO" ("SUBSCRIBED"))
            """));
  }

  @Test
  void namespaceIsOnePersonalNamespaceWithoutPrefix() {
    // RFC 9051 §6.3.10 example 1
    ResponseWriter writer = new ResponseWriter();
    writer.namespace(MailboxLister.PERSONAL_NAMESPACE);
    assertThat(writer.flush().toString(StandardCharsets.UTF_8))
        .isEqualTo("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n");
  }
}
