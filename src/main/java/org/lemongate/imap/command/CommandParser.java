package org.lemongate.imap.command;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.lemongate.imap.command.Command.Append;
import org.lemongate.imap.command.Command.AppendData;
import org.lemongate.imap.command.Command.CatenatePart;
import org.lemongate.imap.command.Command.ListMailboxes.ReturnOption;
import org.lemongate.imap.command.Command.ListMailboxes.SelectOption;
import org.lemongate.imap.command.Command.StoreMode;
import org.lemongate.imap.protocol.ArgReader;
import org.lemongate.imap.protocol.CommandFrame;
import org.lemongate.imap.protocol.FetchAttribute;
import org.lemongate.imap.protocol.FetchAttribute.BinarySection;
import org.lemongate.imap.protocol.FetchAttribute.BinarySize;
import org.lemongate.imap.protocol.FetchAttribute.BodySection;
import org.lemongate.imap.protocol.FetchAttribute.Partial;
import org.lemongate.imap.protocol.FetchAttribute.Simple;
import org.lemongate.imap.protocol.Flag;
import org.lemongate.imap.protocol.ParseException;
import org.lemongate.imap.protocol.SearchKey;
import org.lemongate.imap.protocol.SearchKey.DateComparison;
import org.lemongate.imap.protocol.SearchKey.EntryType;
import org.lemongate.imap.protocol.SearchKey.HasFlag;
import org.lemongate.imap.protocol.SearchReturnOption;
import org.lemongate.imap.protocol.Section;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.protocol.StatusItem;

/**
 * The argument grammar of every command, in one place: turns a {@link CommandFrame} into a tag,
 * a command name and a {@link Command} record, or throws a {@link ParseException} that carries
 * the tag and a reason. Grammar references are to RFC 9051 §9 unless noted.
 *
 * <p>Stateless apart from its settings; one instance can serve all sessions.
 */
public final class CommandParser {

  /** Parses one command's arguments; {@code uid} is set for the UID variant. */
  private interface Grammar {
    Command parse(ArgReader r, boolean uid);
  }

  // RFC 2971 §3.3: at most 30 pairs, field names up to 30 bytes, values up to 1024
  private static final int ID_MAX_PAIRS = 30;
  private static final int ID_MAX_FIELD = 30;
  private static final int ID_MAX_VALUE = 1024;

  private static final String BADCHARSET = "BADCHARSET (US-ASCII UTF-8)";

  private static final Map<String, Grammar> COMMANDS = new HashMap<>();
  private static final Map<String, Grammar> UID_COMMANDS = new HashMap<>();

  static {
    noArguments("CAPABILITY", new Command.Capability());
    noArguments("NOOP", new Command.Noop());
    noArguments("LOGOUT", new Command.Logout());
    noArguments("STARTTLS", new Command.StartTls());
    noArguments("NAMESPACE", new Command.Namespace());
    noArguments("IDLE", new Command.Idle());
    noArguments("CHECK", new Command.Check());
    noArguments("CLOSE", new Command.Close());
    noArguments("UNSELECT", new Command.Unselect());
    noArguments("EXPUNGE", new Command.Expunge());
    COMMANDS.put("AUTHENTICATE", (r, uid) -> authenticate(r));
    COMMANDS.put("LOGIN", (r, uid) -> login(r));
    COMMANDS.put("ENABLE", (r, uid) -> enable(r));
    COMMANDS.put("SELECT", (r, uid) -> select(r, false));
    COMMANDS.put("EXAMINE", (r, uid) -> select(r, true));
    COMMANDS.put("CREATE", (r, uid) -> create(r));
    COMMANDS.put("DELETE", (r, uid) -> new Command.Delete(oneMailbox(r)));
    COMMANDS.put("SUBSCRIBE", (r, uid) -> new Command.Subscribe(oneMailbox(r)));
    COMMANDS.put("UNSUBSCRIBE", (r, uid) -> new Command.Unsubscribe(oneMailbox(r)));
    COMMANDS.put("RENAME", (r, uid) -> rename(r));
    COMMANDS.put("LIST", (r, uid) -> list(r));
    COMMANDS.put("LSUB", (r, uid) -> lsub(r));
    COMMANDS.put("STATUS", (r, uid) -> status(r));
    COMMANDS.put("APPEND", (r, uid) -> append(r));
    COMMANDS.put("ID", (r, uid) -> id(r));
    COMMANDS.put("COMPRESS", (r, uid) -> compress(r));
    COMMANDS.put("GENURLAUTH", (r, uid) -> genUrlAuth(r));
    COMMANDS.put("RESETKEY", (r, uid) -> resetKey(r));
    COMMANDS.put("URLFETCH", (r, uid) -> urlFetch(r));
    both("SEARCH", CommandParser::search);
    both("FETCH", CommandParser::fetch);
    both("STORE", CommandParser::store);
    both("COPY", (r, uid) -> new Command.Copy(uid, setArgument(r), oneMailbox(r)));
    both("MOVE", (r, uid) -> new Command.Move(uid, setArgument(r), oneMailbox(r)));
    UID_COMMANDS.put("EXPUNGE", (r, uid) -> new Command.UidExpunge(setArgument(r)));
  }

  private static void noArguments(String name, Command command) {
    COMMANDS.put(name, (r, uid) -> command);
  }

  private static void both(String name, Grammar grammar) {
    COMMANDS.put(name, grammar);
    UID_COMMANDS.put(name, grammar);
  }

  private final int nestingLimit;

  /** @param nestingLimit deepest nesting of lists and NOT/OR ({@code ImapLimits.nestingDepth}) */
  public CommandParser(int nestingLimit) {
    this.nestingLimit = nestingLimit;
  }

  /**
   * Parses a complete command.
   *
   * @param utf8Names the session enabled UTF8=ACCEPT or IMAP4rev2: mailbox names are UTF-8
   * @throws ParseException with the tag (null if unreadable) and command name (null if unknown)
   */
  public ParsedCommand parse(CommandFrame frame, boolean utf8Names) {
    ArgReader r = new ArgReader(frame, nestingLimit, utf8Names);
    String tag = null;
    String name = null;
    try {
      tag = r.tag();
      r.sp("after tag");
      String word = r.atom("a command name").toUpperCase(Locale.ROOT);
      boolean uid = word.equals("UID");
      if (uid) {
        r.sp("after UID");
        word = r.atom("a command name after UID").toUpperCase(Locale.ROOT);
      }
      Grammar grammar = (uid ? UID_COMMANDS : COMMANDS).get(word);
      if (grammar == null) {
        throw new ParseException("unknown command " + (uid ? "UID " : "") + word);
      }
      name = uid ? "UID " + word : word;
      Command command = grammar.parse(r, uid);
      r.expectEnd("at the end of " + name);
      return new ParsedCommand(tag, name, command);
    } catch (ParseException e) {
      throw e.forCommand(tag, name);
    }
  }

  /**
   * The streaming rule for {@code CommandFramer.setStreamedLiterals}: true if a literal starting
   * where {@code prefix} ends is message data, the literal of {@code APPEND mailbox [flags]
   * [date-time]} or the literal after {@code TEXT} in a CATENATE part. A prefix that does not parse
   * gives false; the full parse then reports the error.
   */
  public static boolean isMessageLiteral(CommandFrame prefix) {
    ArgReader r = new ArgReader(prefix, Integer.MAX_VALUE, true);
    try {
      r.tag();
      r.sp("");
      if (!r.skipKeyword("APPEND")) {
        return false;
      }
      r.sp("");
      r.astringBytes("mailbox");
      r.sp("");
      if (r.peek() == '(') {
        r.flagList();
        r.sp("");
      }
      if (r.peek() == '"') {
        r.dateTime("");
        r.sp("");
      }
      if (r.atEnd()) {
        return true;
      }
      if (r.skipKeyword("UTF8")) {
        r.sp("");
        r.expect('(', "");
        return r.atEnd();
      }
      if (!r.skipKeyword("CATENATE")) {
        return false;
      }
      r.sp("");
      r.expect('(', "");
      while (true) {
        if (r.skipKeyword("TEXT")) {
          r.sp("");
          if (r.atEnd()) {
            return true;
          }
          r.literal("");
        } else if (r.skipKeyword("URL")) {
          r.sp("");
          r.astringBytes("");
        } else {
          return false;
        }
        if (!r.skip(' ')) {
          return false;
        }
      }
    } catch (ParseException e) {
      return false;
    }
  }

  /**
   * The target mailbox of the APPEND whose message literal starts after {@code prefix} (from a
   * {@code LiteralStart} event), so the session can refuse, say with NO [TRYCREATE], before it
   * invites the message.
   *
   * @throws ParseException if the prefix does not start with a valid APPEND and mailbox name
   */
  public String appendMailbox(CommandFrame prefix, boolean utf8Names) {
    ArgReader r = new ArgReader(prefix, nestingLimit, utf8Names);
    r.tag();
    r.sp("after tag");
    if (!r.skipKeyword("APPEND")) {
      throw r.error("not an APPEND");
    }
    return oneMailbox(r);
  }

  // ---- not authenticated ----

  /** authenticate = "AUTHENTICATE" SP auth-type [SP initial-resp]; initial-resp = base64 / "=". */
  private static Command authenticate(ArgReader r) {
    r.sp("before the SASL mechanism");
    String mechanism = r.atom("a SASL mechanism").toUpperCase(Locale.ROOT);
    if (!r.skip(' ')) {
      return new Command.Authenticate(mechanism, null);
    }
    String response = r.atom("an initial response");
    if (response.equals("=")) {
      return new Command.Authenticate(mechanism, "");
    }
    if (!isBase64(response)) {
      throw r.error("the initial response is not base64");
    }
    return new Command.Authenticate(mechanism, response);
  }

  private static boolean isBase64(String s) {
    if (s.length() % 4 != 0) {
      return false;
    }
    int padding = s.endsWith("==") ? 2 : s.endsWith("=") ? 1 : 0;
    for (int i = 0; i < s.length() - padding; i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static Command login(ArgReader r) {
    r.sp("before the user name");
    String user = r.astring("user name");
    r.sp("between user name and password");
    return new Command.Login(user, r.astring("password"));
  }

  // ---- authenticated ----

  /** enable = "ENABLE" 1*(SP capability), RFC 5161. */
  private static Command enable(ArgReader r) {
    List<String> capabilities = new ArrayList<>();
    do {
      r.sp("before a capability");
      capabilities.add(r.atom("a capability").toUpperCase(Locale.ROOT));
    } while (!r.atEnd());
    return new Command.Enable(capabilities);
  }

  /** select = "SELECT" SP mailbox [select-params] (RFC 4466, RFC 7162 §3.1.8 and §3.2.5). */
  private static Command select(ArgReader r, boolean readOnly) {
    String mailbox = oneMailbox(r);
    boolean condStore = false;
    Command.QResync qresync = null;
    if (r.skip(' ')) {
      r.beginList("SELECT parameters");
      for (boolean first = true; r.moreInList(first, "SELECT parameters"); first = false) {
        String parameter = r.keyword("a SELECT parameter");
        switch (parameter) {
          case "CONDSTORE" -> condStore = true;
          case "QRESYNC" -> {
            r.sp("after QRESYNC");
            qresync = qresync(r);
          }
          default -> throw r.error("unknown SELECT parameter " + parameter);
        }
      }
    }
    return new Command.Select(mailbox, readOnly, condStore, qresync);
  }

  /**
   * "(" uidvalidity SP mod-sequence-value [SP known-uids] [SP seq-match-data] ")", where
   * seq-match-data = "(" known-sequence-set SP known-uid-set ")" and no set may use "*".
   */
  private static Command.QResync qresync(ArgReader r) {
    r.beginList("QRESYNC parameters");
    long uidValidity = r.nzNumber("UIDVALIDITY");
    r.sp("after UIDVALIDITY");
    long modSeq = r.number64("mod-sequence");
    SequenceSet knownUids = null;
    SequenceSet knownSequenceNumbers = null;
    SequenceSet knownSequenceUids = null;
    if (r.skip(' ') && r.peek() != '(') {
      knownUids = knownSet(r, "known UIDs");
      r.skip(' ');
    }
    if (r.peek() == '(') {
      r.beginList("sequence match data");
      knownSequenceNumbers = knownSet(r, "known sequence numbers");
      r.sp("between known sequence numbers and UIDs");
      knownSequenceUids = knownSet(r, "known UIDs of the sequence match data");
      r.endList("sequence match data");
    }
    r.endList("QRESYNC parameters");
    return new Command.QResync(
        uidValidity, modSeq, knownUids, knownSequenceNumbers, knownSequenceUids);
  }

  private static SequenceSet knownSet(ArgReader r, String what) {
    SequenceSet set = r.sequenceSet(what);
    if (set.hasStar() || set.isSavedResult()) {
      throw r.error(what + " must not use * or $");
    }
    return set;
  }

  /** create = "CREATE" SP mailbox [SP "(" "USE" SP "(" [use-attr *(SP use-attr)] ")" ")"]. */
  private static Command create(ArgReader r) {
    String mailbox = oneMailbox(r);
    List<String> specialUse = new ArrayList<>();
    if (r.skip(' ')) {
      r.beginList("CREATE parameters");
      for (boolean first = true; r.moreInList(first, "CREATE parameters"); first = false) {
        String parameter = r.keyword("a CREATE parameter");
        if (!parameter.equals("USE")) {
          throw r.error("unknown CREATE parameter " + parameter);
        }
        r.sp("after USE");
        r.beginList("special-use attributes");
        for (boolean f = true; r.moreInList(f, "special-use attributes"); f = false) {
          r.expect('\\', "before a special-use attribute");
          specialUse.add("\\" + r.atom("a special-use attribute"));
        }
      }
    }
    return new Command.Create(mailbox, specialUse);
  }

  private static Command rename(ArgReader r) {
    String from = oneMailbox(r);
    r.sp("before the new mailbox name");
    return new Command.Rename(from, r.mailbox("new mailbox name"));
  }

  /**
   * list = "LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts] (RFC
   * 5258 §6).
   */
  private static Command list(ArgReader r) {
    r.sp("after LIST");
    boolean extended = false;
    Set<SelectOption> select = EnumSet.noneOf(SelectOption.class);
    if (r.peek() == '(') {
      extended = true;
      r.beginList("LIST selection options");
      for (boolean first = true; r.moreInList(first, "LIST selection options"); first = false) {
        select.add(listOption(r, SelectOption.class, "LIST selection option"));
      }
      // RFC 5258 §3.1: RECURSIVEMATCH only modifies a base option
      if (select.contains(SelectOption.RECURSIVEMATCH)
          && !select.contains(SelectOption.SUBSCRIBED)
          && !select.contains(SelectOption.SPECIAL_USE)) {
        throw r.error("RECURSIVEMATCH needs SUBSCRIBED or SPECIAL-USE");
      }
      r.sp("after LIST selection options");
    }
    String reference = r.mailbox("reference name");
    r.sp("after the reference name");
    List<String> patterns = new ArrayList<>();
    if (r.peek() == '(') {
      extended = true;
      r.beginList("mailbox patterns");
      for (boolean first = true; r.moreInList(first, "mailbox patterns"); first = false) {
        patterns.add(r.listMailbox("mailbox pattern"));
      }
      if (patterns.isEmpty()) {
        throw r.error("empty list of mailbox patterns");
      }
    } else {
      patterns.add(r.listMailbox("mailbox pattern"));
    }
    Set<ReturnOption> returns = EnumSet.noneOf(ReturnOption.class);
    Set<StatusItem> statusItems = EnumSet.noneOf(StatusItem.class);
    if (r.skip(' ')) {
      extended = true;
      if (!r.skipKeyword("RETURN")) {
        throw r.error("expected RETURN after the mailbox pattern");
      }
      r.sp("after RETURN");
      r.beginList("LIST return options");
      for (boolean first = true; r.moreInList(first, "LIST return options"); first = false) {
        ReturnOption option = listOption(r, ReturnOption.class, "LIST return option");
        returns.add(option);
        if (option == ReturnOption.STATUS) { // RFC 5819
          r.sp("after STATUS");
          statusItems.addAll(statusItems(r));
        }
      }
    }
    return new Command.ListMailboxes(reference, patterns, select, returns, statusItems, extended);
  }

  private static <E extends Enum<E>> E listOption(ArgReader r, Class<E> type, String what) {
    String name = r.keyword(what);
    try {
      return Enum.valueOf(type, name.replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw r.error("unknown " + what + " " + name);
    }
  }

  private static Command lsub(ArgReader r) {
    String reference = oneMailbox(r);
    r.sp("after the reference name");
    return new Command.Lsub(reference, r.listMailbox("mailbox pattern"));
  }

  /** status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")". */
  private static Command status(ArgReader r) {
    String mailbox = oneMailbox(r);
    r.sp("before the status items");
    return new Command.Status(mailbox, statusItems(r));
  }

  private static Set<StatusItem> statusItems(ArgReader r) {
    Set<StatusItem> items = EnumSet.noneOf(StatusItem.class);
    r.beginList("status items");
    for (boolean first = true; r.moreInList(first, "status items"); first = false) {
      String name = r.keyword("a status item");
      try {
        items.add(StatusItem.valueOf(name));
      } catch (IllegalArgumentException e) {
        throw r.error("unknown status item " + name);
      }
    }
    if (items.isEmpty()) {
      throw r.error("no status items");
    }
    return items;
  }

  /**
   * append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP append-data, where append-data
   * is a literal, a literal8 (RFC 3516), "UTF8" SP "(" literal8 ")" (RFC 6855 §4) or "CATENATE" SP
   * "(" cat-part *(SP cat-part) ")" (RFC 4469 §5).
   */
  private static Command append(ArgReader r) {
    String mailbox = oneMailbox(r);
    r.sp("after the mailbox name");
    List<Flag> flags = List.of();
    if (r.peek() == '(') {
      flags = r.flagList();
      r.sp("after the flags");
    }
    OffsetDateTime internalDate = null;
    if (r.peek() == '"') {
      internalDate = r.dateTime("internal date");
      r.sp("after the internal date");
    }
    AppendData data;
    if (r.skipKeyword("CATENATE")) {
      r.sp("after CATENATE");
      List<CatenatePart> parts = new ArrayList<>();
      r.beginList("CATENATE parts");
      for (boolean first = true; r.moreInList(first, "CATENATE parts"); first = false) {
        String kind = r.keyword("TEXT or URL");
        r.sp("after " + kind);
        switch (kind) {
          case "TEXT" -> parts.add(new Command.TextPart(r.literal("CATENATE TEXT")));
          case "URL" -> parts.add(new Command.UrlPart(r.astring("URL")));
          default -> throw r.error("unknown CATENATE part " + kind);
        }
      }
      if (parts.isEmpty()) {
        throw r.error("CATENATE without parts");
      }
      data = new Command.Catenate(parts);
    } else if (r.skipKeyword("UTF8")) {
      r.sp("after UTF8");
      r.expect('(', "before the UTF8 message");
      data = new Command.MessageData(r.literal("the UTF8 message"));
      r.expect(')', "after the UTF8 message");
    } else {
      data = new Command.MessageData(r.literal("the message"));
    }
    return new Append(mailbox, flags, internalDate, data);
  }

  // ---- selected ----

  /**
   * search = "SEARCH" [SP "RETURN" SP "(" [search-return-opt *(SP search-return-opt)] ")"] SP
   * ["CHARSET" SP charset SP] search-key *(SP search-key).
   */
  private static Command search(ArgReader r, boolean uid) {
    r.sp("after SEARCH");
    Set<SearchReturnOption> returns = null;
    if (r.skipKeyword("RETURN")) {
      r.sp("after RETURN");
      returns = EnumSet.noneOf(SearchReturnOption.class);
      r.beginList("SEARCH return options");
      for (boolean first = true; r.moreInList(first, "SEARCH return options"); first = false) {
        String name = r.keyword("a SEARCH return option");
        try {
          returns.add(SearchReturnOption.valueOf(name));
        } catch (IllegalArgumentException e) {
          throw r.error("unknown SEARCH return option " + name);
        }
      }
      if (returns.isEmpty()) {
        returns.add(SearchReturnOption.ALL); // RFC 4731 §3.1
      }
      r.sp("after the return options");
    }
    String charsetName = null;
    Charset charset = StandardCharsets.UTF_8;
    if (r.skipKeyword("CHARSET")) {
      r.sp("after CHARSET");
      charsetName = r.astring("charset");
      charset = charset(charsetName);
      r.sp("after the charset");
    }
    SearchParser keys = new SearchParser(r, charset);
    List<SearchKey> all = new ArrayList<>();
    all.add(keys.key());
    while (r.skip(' ')) {
      all.add(keys.key());
    }
    SearchKey key = all.size() == 1 ? all.get(0) : new SearchKey.And(all);
    return new Command.Search(uid, charsetName, key, returns);
  }

  /** RFC 9051 §6.4.4: an unsupported charset is NO [BADCHARSET], not BAD. */
  private static Charset charset(String name) {
    try {
      if (Charset.isSupported(name)) {
        return Charset.forName(name);
      }
    } catch (IllegalCharsetNameException e) {
      // falls through to the refusal
    }
    throw ParseException.refusal(BADCHARSET, "unsupported charset " + name);
  }

  /** Reads search-key, recursively. */
  private static final class SearchParser {
    private final ArgReader r;
    private final Charset charset;

    SearchParser(ArgReader r, Charset charset) {
      this.r = r;
      this.charset = charset;
    }

    SearchKey key() {
      if (r.atSequenceSet()) {
        return new SearchKey.MessageNumbers(r.sequenceSet("SEARCH"));
      }
      if (r.peek() == '(') {
        r.beginList("search key group");
        List<SearchKey> keys = new ArrayList<>();
        for (boolean first = true; r.moreInList(first, "search key group"); first = false) {
          keys.add(key());
        }
        if (keys.isEmpty()) {
          throw r.error("empty search key group");
        }
        return keys.size() == 1 ? keys.get(0) : new SearchKey.And(keys);
      }
      String name = r.keyword("a search key");
      return switch (name) {
        case "ALL" -> SearchKey.All.INSTANCE;
        case "ANSWERED" -> new HasFlag(Flag.ANSWERED, true);
        case "DELETED" -> new HasFlag(Flag.DELETED, true);
        case "DRAFT" -> new HasFlag(Flag.DRAFT, true);
        case "FLAGGED" -> new HasFlag(Flag.FLAGGED, true);
        case "SEEN" -> new HasFlag(Flag.SEEN, true);
        case "RECENT" -> new HasFlag(Flag.RECENT, true);
        case "UNANSWERED" -> new HasFlag(Flag.ANSWERED, false);
        case "UNDELETED" -> new HasFlag(Flag.DELETED, false);
        case "UNDRAFT" -> new HasFlag(Flag.DRAFT, false);
        case "UNFLAGGED" -> new HasFlag(Flag.FLAGGED, false);
        case "UNSEEN" -> new HasFlag(Flag.SEEN, false);
        case "NEW" ->
            new SearchKey.And(
                List.of(new HasFlag(Flag.RECENT, true), new HasFlag(Flag.SEEN, false)));
        case "OLD" -> new SearchKey.Not(new HasFlag(Flag.RECENT, true));
        case "KEYWORD" -> new HasFlag(keywordArgument(name), true);
        case "UNKEYWORD" -> new HasFlag(keywordArgument(name), false);
        case "BCC", "CC", "FROM", "SUBJECT", "TO" ->
            new SearchKey.HeaderContains(name, stringArgument(name));
        case "HEADER" -> header();
        case "BODY" -> new SearchKey.BodyContains(stringArgument(name));
        case "TEXT" -> new SearchKey.TextContains(stringArgument(name));
        case "BEFORE" -> new SearchKey.InternalDate(DateComparison.BEFORE, dateArgument(name));
        case "ON" -> new SearchKey.InternalDate(DateComparison.ON, dateArgument(name));
        case "SINCE" -> new SearchKey.InternalDate(DateComparison.SINCE, dateArgument(name));
        case "SENTBEFORE" -> new SearchKey.SentDate(DateComparison.BEFORE, dateArgument(name));
        case "SENTON" -> new SearchKey.SentDate(DateComparison.ON, dateArgument(name));
        case "SENTSINCE" -> new SearchKey.SentDate(DateComparison.SINCE, dateArgument(name));
        case "LARGER" -> new SearchKey.Size(true, sizeArgument(name));
        case "SMALLER" -> new SearchKey.Size(false, sizeArgument(name));
        case "UID" -> {
          r.sp("after UID");
          yield new SearchKey.Uids(r.sequenceSet("UID"));
        }
        case "NOT" -> not();
        case "OR" -> or();
        case "MODSEQ" -> modSeq();
        default -> throw r.error("unknown SEARCH key " + name);
      };
    }

    private SearchKey not() {
      r.sp("after NOT");
      r.enterNesting();
      SearchKey key = key();
      r.leaveNesting();
      return new SearchKey.Not(key);
    }

    private SearchKey or() {
      r.sp("after OR");
      r.enterNesting();
      SearchKey left = key();
      r.sp("between the keys of OR");
      SearchKey right = key();
      r.leaveNesting();
      return new SearchKey.Or(left, right);
    }

    private SearchKey header() {
      r.sp("after HEADER");
      String field = r.headerFieldName("header field name");
      r.sp("after the header field name");
      return new SearchKey.HeaderContains(field, decode(r.astringBytes("header value")));
    }

    /**
     * RFC 7162 §3.1.5: "MODSEQ" [SP entry-name SP entry-type-req] SP mod-sequence-valzer, where
     * entry-name is a quoted "/flags/" followed by a flag.
     */
    private SearchKey modSeq() {
      r.sp("after MODSEQ");
      Flag flag = null;
      EntryType type = null;
      if (r.peek() == '"') {
        String entry = r.string("MODSEQ entry name");
        if (!entry.regionMatches(true, 0, "/flags/", 0, 7)) {
          throw r.error("MODSEQ entry name must start with /flags/");
        }
        try {
          flag = new Flag(entry.substring(7));
        } catch (IllegalArgumentException e) {
          throw r.error("invalid flag in MODSEQ entry name " + entry);
        }
        r.sp("after the MODSEQ entry name");
        String typeName = r.keyword("priv, shared or all");
        try {
          type = EntryType.valueOf(typeName);
        } catch (IllegalArgumentException e) {
          throw r.error("unknown MODSEQ entry type " + typeName);
        }
        r.sp("after the MODSEQ entry type");
      }
      return new SearchKey.ModSeq(r.number64("MODSEQ"), flag, type);
    }

    private Flag keywordArgument(String key) {
      r.sp("after " + key);
      return r.keywordFlag(key);
    }

    private String stringArgument(String key) {
      r.sp("after " + key);
      return decode(r.astringBytes(key + " value"));
    }

    private LocalDate dateArgument(String key) {
      r.sp("after " + key);
      return r.date(key);
    }

    private long sizeArgument(String key) {
      r.sp("after " + key);
      return r.number64(key);
    }

    private String decode(byte[] bytes) {
      return new String(bytes, charset);
    }
  }

  /**
   * fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att
   * *(SP fetch-att) ")") [SP "(" fetch-modifier *(SP fetch-modifier) ")"], the modifiers being
   * CHANGEDSINCE (RFC 7162 §3.1.4.1) and VANISHED (§3.2.6).
   */
  private static Command fetch(ArgReader r, boolean uid) {
    SequenceSet set = setArgument(r);
    r.sp("before the FETCH attributes");
    List<FetchAttribute> items = new ArrayList<>();
    if (r.peek() == '(') {
      r.beginList("FETCH attributes");
      for (boolean first = true; r.moreInList(first, "FETCH attributes"); first = false) {
        String name = r.keyword("a FETCH attribute");
        if (name.equals("ALL") || name.equals("FAST") || name.equals("FULL")) {
          throw r.error(name + " is a macro and cannot be in a list");
        }
        items.add(fetchAttribute(r, name));
      }
      if (items.isEmpty()) {
        throw r.error("empty list of FETCH attributes");
      }
    } else {
      String name = r.keyword("a FETCH attribute");
      switch (name) {
        case "ALL" -> items.addAll(FetchAttribute.ALL);
        case "FAST" -> items.addAll(FetchAttribute.FAST);
        case "FULL" -> items.addAll(FetchAttribute.FULL);
        default -> items.add(fetchAttribute(r, name));
      }
    }
    Long changedSince = null;
    boolean vanished = false;
    if (r.skip(' ')) {
      r.beginList("FETCH modifiers");
      for (boolean first = true; r.moreInList(first, "FETCH modifiers"); first = false) {
        String modifier = r.keyword("a FETCH modifier");
        switch (modifier) {
          case "CHANGEDSINCE" -> {
            r.sp("after CHANGEDSINCE");
            changedSince = r.number64("CHANGEDSINCE");
          }
          case "VANISHED" -> vanished = true;
          default -> throw r.error("unknown FETCH modifier " + modifier);
        }
      }
      // RFC 7162 §3.2.6: VANISHED only with UID FETCH, and only with CHANGEDSINCE
      if (vanished && (!uid || changedSince == null)) {
        throw r.error("VANISHED needs UID FETCH and CHANGEDSINCE");
      }
    }
    return new Command.Fetch(uid, set, items, changedSince, vanished);
  }

  private static FetchAttribute fetchAttribute(ArgReader r, String name) {
    return switch (name) {
      case "ENVELOPE" -> Simple.ENVELOPE;
      case "FLAGS" -> Simple.FLAGS;
      case "INTERNALDATE" -> Simple.INTERNALDATE;
      case "RFC822.SIZE" -> Simple.RFC822_SIZE;
      case "BODYSTRUCTURE" -> Simple.BODYSTRUCTURE;
      case "UID" -> Simple.UID;
      case "MODSEQ" -> Simple.MODSEQ;
      case "RFC822" -> Simple.RFC822;
      case "RFC822.HEADER" -> Simple.RFC822_HEADER;
      case "RFC822.TEXT" -> Simple.RFC822_TEXT;
      case "BODY" -> r.peek() == '[' ? new BodySection(section(r), false, partial(r)) : Simple.BODY;
      case "BODY.PEEK" -> new BodySection(section(r), true, partial(r));
      case "BINARY" -> new BinarySection(binarySection(r), false, partial(r));
      case "BINARY.PEEK" -> new BinarySection(binarySection(r), true, partial(r));
      case "BINARY.SIZE" -> new BinarySize(binarySection(r));
      default -> throw r.error("unknown FETCH attribute " + name);
    };
  }

  /**
   * section = "[" [section-spec] "]"; section-spec = section-msgtext / (section-part ["."
   * section-text]); section-text = section-msgtext / "MIME".
   */
  private static Section section(ArgReader r) {
    r.expect('[', "to open the section");
    if (r.skip(']')) {
      return Section.WHOLE;
    }
    List<Integer> part = new ArrayList<>();
    boolean textFollows = true;
    if (isDigit(r.peek())) {
      textFollows = partNumbers(r, part);
    }
    Section.Text text = Section.Text.ALL;
    List<String> fields = List.of();
    if (textFollows) {
      String name = r.keyword("a section name");
      text =
          switch (name) {
            case "HEADER" -> Section.Text.HEADER;
            case "HEADER.FIELDS" -> Section.Text.HEADER_FIELDS;
            case "HEADER.FIELDS.NOT" -> Section.Text.HEADER_FIELDS_NOT;
            case "TEXT" -> Section.Text.TEXT;
            case "MIME" -> {
              if (part.isEmpty()) {
                throw r.error("MIME needs a part number");
              }
              yield Section.Text.MIME;
            }
            default -> throw r.error("unknown section " + name);
          };
      if (text == Section.Text.HEADER_FIELDS || text == Section.Text.HEADER_FIELDS_NOT) {
        r.sp("before the header field names");
        fields = headerList(r);
      }
    }
    r.expect(']', "to close the section");
    return new Section(part, text, fields);
  }

  /**
   * Reads section-part into {@code part}; true if a "." and a section-text follow, false if the
   * section ends after the numbers.
   */
  private static boolean partNumbers(ArgReader r, List<Integer> part) {
    while (true) {
      part.add((int) Math.min(Integer.MAX_VALUE, r.nzNumber("part number")));
      if (!r.skip('.')) {
        return false;
      }
      if (!isDigit(r.peek())) {
        return true;
      }
    }
  }

  /** section-binary = "[" [section-part] "]". */
  private static List<Integer> binarySection(ArgReader r) {
    r.expect('[', "to open the section");
    List<Integer> part = new ArrayList<>();
    if (!r.skip(']')) {
      if (partNumbers(r, part)) {
        throw r.error("BINARY sections take part numbers only");
      }
      r.expect(']', "to close the section");
    }
    return part;
  }

  /** header-list = "(" header-fld-name *(SP header-fld-name) ")". */
  private static List<String> headerList(ArgReader r) {
    List<String> fields = new ArrayList<>();
    r.beginList("header field names");
    for (boolean first = true; r.moreInList(first, "header field names"); first = false) {
      fields.add(r.headerFieldName("header field name"));
    }
    if (fields.isEmpty()) {
      throw r.error("empty list of header field names");
    }
    return fields;
  }

  /** partial = "<" number64 "." nz-number64 ">". */
  private static Partial partial(ArgReader r) {
    if (!r.skip('<')) {
      return null;
    }
    long offset = r.number64("partial offset");
    r.expect('.', "in the partial range");
    long length = r.nzNumber64("partial length");
    r.expect('>', "to close the partial range");
    return new Partial(offset, length);
  }

  private static boolean isDigit(int c) {
    return c >= '0' && c <= '9';
  }

  /**
   * store = "STORE" SP sequence-set [SP "(" "UNCHANGEDSINCE" SP mod-sequence-valzer ")"] SP
   * (["+" / "-"] "FLAGS" [".SILENT"]) SP (flag-list / (flag *(SP flag))).
   */
  private static Command store(ArgReader r, boolean uid) {
    SequenceSet set = setArgument(r);
    r.sp("after the sequence set");
    Long unchangedSince = null;
    if (r.peek() == '(') {
      r.beginList("STORE modifiers");
      for (boolean first = true; r.moreInList(first, "STORE modifiers"); first = false) {
        String modifier = r.keyword("a STORE modifier");
        if (!modifier.equals("UNCHANGEDSINCE")) {
          throw r.error("unknown STORE modifier " + modifier);
        }
        r.sp("after UNCHANGEDSINCE");
        unchangedSince = r.number64("UNCHANGEDSINCE");
      }
      r.sp("after the STORE modifiers");
    }
    StoreMode mode =
        r.skip('+') ? StoreMode.ADD : r.skip('-') ? StoreMode.REMOVE : StoreMode.REPLACE;
    String item = r.keyword("FLAGS or FLAGS.SILENT");
    if (!item.equals("FLAGS") && !item.equals("FLAGS.SILENT")) {
      throw r.error("expected FLAGS or FLAGS.SILENT, not " + item);
    }
    r.sp("before the flags");
    List<Flag> flags;
    if (r.peek() == '(') {
      flags = r.flagList();
    } else {
      flags = new ArrayList<>();
      do {
        flags.add(r.flag());
      } while (r.skip(' '));
    }
    return new Command.Store(uid, set, unchangedSince, mode, item.endsWith(".SILENT"), flags);
  }

  // ---- extensions ----

  /** id = "ID" SP ("(" [string SP nstring *(SP string SP nstring)] ")" / nil), RFC 2971. */
  private static Command id(ArgReader r) {
    r.sp("after ID");
    if (r.skipKeyword("NIL")) {
      return new Command.Id(null);
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    r.beginList("ID parameters");
    for (boolean first = true; r.moreInList(first, "ID parameters"); first = false) {
      String field = r.string("ID field");
      r.sp("after the ID field");
      String value = r.nstring("ID value");
      if (field.length() > ID_MAX_FIELD || (value != null && value.length() > ID_MAX_VALUE)) {
        throw r.error("ID field or value too long (RFC 2971: 30 and 1024)");
      }
      parameters.put(field, value);
      if (parameters.size() > ID_MAX_PAIRS) {
        throw r.error("more than " + ID_MAX_PAIRS + " ID parameters");
      }
    }
    return new Command.Id(Collections.unmodifiableMap(parameters));
  }

  private static Command compress(ArgReader r) {
    r.sp("after COMPRESS");
    return new Command.Compress(r.atom("a compression algorithm").toUpperCase(Locale.ROOT));
  }

  /** genurlauth = "GENURLAUTH" 1*(SP url-rump SP mechanism), RFC 4467 §9. */
  private static Command genUrlAuth(ArgReader r) {
    List<Command.UrlAuthRequest> requests = new ArrayList<>();
    do {
      r.sp("before the URL");
      String url = r.astring("URL");
      r.sp("after the URL");
      requests.add(new Command.UrlAuthRequest(url, r.keyword("an URLAUTH mechanism")));
    } while (!r.atEnd());
    return new Command.GenUrlAuth(requests);
  }

  /** resetkey = "RESETKEY" [SP mailbox *(SP mechanism)], RFC 4467 §9. */
  private static Command resetKey(ArgReader r) {
    if (r.atEnd()) {
      return new Command.ResetKey(null, List.of());
    }
    String mailbox = oneMailbox(r);
    List<String> mechanisms = new ArrayList<>();
    while (r.skip(' ')) {
      mechanisms.add(r.keyword("an URLAUTH mechanism"));
    }
    return new Command.ResetKey(mailbox, mechanisms);
  }

  /** urlfetch = "URLFETCH" 1*(SP url), RFC 4467 §9. */
  private static Command urlFetch(ArgReader r) {
    List<String> urls = new ArrayList<>();
    do {
      r.sp("before the URL");
      urls.add(r.astring("URL"));
    } while (!r.atEnd());
    return new Command.UrlFetch(urls);
  }

  // ---- shared pieces ----

  /** SP mailbox. */
  private static String oneMailbox(ArgReader r) {
    r.sp("before the mailbox name");
    return r.mailbox("mailbox name");
  }

  /** SP sequence-set. */
  private static SequenceSet setArgument(ArgReader r) {
    r.sp("before the sequence set");
    return r.sequenceSet("the messages");
  }
}
