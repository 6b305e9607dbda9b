package org.lemongate.imap.protocol;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the typed pieces of the IMAP grammar (RFC 9051 §9) off a complete {@link CommandFrame},
 * left to right. Each method consumes one piece or throws a {@link ParseException} saying what was
 * expected; the {@code what} arguments name the piece for that message ("expected SP after tag").
 *
 * <p>Literals are found through the frame's {@link LiteralSpan}s, so their data is never mistaken
 * for syntax. Parentheses and other recursion are bounded by a nesting limit.
 */
public final class ArgReader {
  private final byte[] bytes;
  private final int end;
  private final List<LiteralSpan> literals;
  private final int nestingLimit;
  private final boolean utf8Names;
  private int pos;
  private int nextLiteral;
  private int depth;

  /**
   * @param nestingLimit deepest nesting of lists and of NOT/OR search keys ({@code
   *     ImapLimits.nestingDepth})
   * @param utf8Names    mailbox names are UTF-8 (UTF8=ACCEPT or IMAP4rev2 enabled) rather than
   *     modified UTF-7
   */
  public ArgReader(CommandFrame frame, int nestingLimit, boolean utf8Names) {
    this.bytes = frame.array();
    this.end = frame.length();
    this.literals = frame.literals();
    this.nestingLimit = nestingLimit;
    this.utf8Names = utf8Names;
  }

  // ---- position and punctuation ----

  public boolean atEnd() {
    return pos >= end;
  }

  /** The next byte (0-255) without consuming it, or -1 at the end. */
  public int peek() {
    return pos < end ? bytes[pos] & 0xff : -1;
  }

  /** Consumes {@code c} if it is next. */
  public boolean skip(char c) {
    if (pos < end && bytes[pos] == c) {
      pos++;
      return true;
    }
    return false;
  }

  /** Consumes {@code c} or fails with "expected 'c' {@code context}". */
  public void expect(char c, String context) {
    if (!skip(c)) {
      throw error("expected '" + c + "' " + context);
    }
  }

  /** Consumes one SP or fails with "expected SP {@code context}". */
  public void sp(String context) {
    if (!skip(' ')) {
      throw error("expected SP " + context);
    }
  }

  /** Fails unless everything has been read. */
  public void expectEnd(String context) {
    if (!atEnd()) {
      throw error("unexpected " + snippet() + " " + context);
    }
  }

  /** A parse error with {@code reason}, for grammar checks made outside this class. */
  public ParseException error(String reason) {
    return new ParseException(reason);
  }

  // ---- words ----

  /** A tag: 1*(ASTRING-CHAR except "+"). */
  public String tag() {
    int start = pos;
    while (pos < end && Chars.isTagChar(bytes[pos])) {
      pos++;
    }
    if (pos == start) {
      throw error("expected a tag");
    }
    return ascii(start, pos);
  }

  /** 1*ATOM-CHAR, as sent. */
  public String atom(String what) {
    int start = pos;
    while (pos < end && Chars.isAtomChar(bytes[pos])) {
      pos++;
    }
    if (pos == start) {
      throw error("expected " + what);
    }
    return ascii(start, pos);
  }

  /**
   * A grammar keyword (command name, FETCH item, SEARCH key, option), upper-cased: letters,
   * digits, '.', '-'. Stops before '[' so {@code BODY.PEEK[} reads as {@code BODY.PEEK}.
   */
  public String keyword(String what) {
    int start = pos;
    while (pos < end && isKeywordChar(bytes[pos])) {
      pos++;
    }
    if (pos == start) {
      throw error("expected " + what);
    }
    return ascii(start, pos).toUpperCase(Locale.ROOT);
  }

  /** Consumes {@code word} (case-insensitive) if it is next as a whole keyword. */
  public boolean skipKeyword(String word) {
    int after = pos + word.length();
    if (after > end || (after < end && isKeywordChar(bytes[after]))) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (Character.toUpperCase((char) (bytes[pos + i] & 0xff)) != word.charAt(i)) {
        return false;
      }
    }
    pos = after;
    return true;
  }

  private static boolean isKeywordChar(byte b) {
    return (b >= 'A' && b <= 'Z')
        || (b >= 'a' && b <= 'z')
        || (b >= '0' && b <= '9')
        || b == '.'
        || b == '-';
  }

  // ---- numbers ----

  /** number: a uint32. */
  public long number(String what) {
    return digits(SequenceSet.MAX_VALUE, what);
  }

  /** nz-number: a uint32 other than 0. */
  public long nzNumber(String what) {
    return nonZero(number(what), what);
  }

  /** number64: 0 to 2^63-1, as mod-sequences (RFC 9051, RFC 7162). */
  public long number64(String what) {
    return digits(Long.MAX_VALUE, what);
  }

  /** nz-number64. */
  public long nzNumber64(String what) {
    return nonZero(number64(what), what);
  }

  private long nonZero(long value, String what) {
    if (value == 0) {
      throw error(what + " must not be 0");
    }
    return value;
  }

  private long digits(long max, String what) {
    int start = pos;
    long value = 0;
    while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9') {
      int digit = bytes[pos++] - '0';
      if (value > (max - digit) / 10) {
        throw error(what + " is too large");
      }
      value = value * 10 + digit;
    }
    if (pos == start) {
      throw error("expected a number for " + what);
    }
    return value;
  }

  // ---- strings ----

  /** astring: atom-like, quoted or literal; UTF-8 text. */
  public String astring(String what) {
    int c = peek();
    if (c == '"' || c == '{' || c == '~') {
      return text(stringBytes(what), what);
    }
    int start = pos;
    while (pos < end && Chars.isAstringChar(bytes[pos])) {
      pos++;
    }
    if (pos == start) {
      throw error("expected " + what);
    }
    return ascii(start, pos);
  }

  /** string: quoted or literal; UTF-8 text. */
  public String string(String what) {
    return text(stringBytes(what), what);
  }

  /** nstring: a string or NIL (null). */
  public String nstring(String what) {
    return skipKeyword("NIL") ? null : string(what);
  }

  /** A quoted string or literal, as raw bytes (for SEARCH, which decodes by its CHARSET). */
  public byte[] stringBytes(String what) {
    int c = peek();
    if (c == '"') {
      return quoted(what);
    }
    if (c == '{' || c == '~') {
      LiteralSpan span = literalSpan(false, what);
      return Arrays.copyOfRange(bytes, span.dataStart(), span.dataEnd());
    }
    throw error("expected a quoted string or literal for " + what);
  }

  /** astring as raw bytes. */
  public byte[] astringBytes(String what) {
    int c = peek();
    if (c == '"' || c == '{' || c == '~') {
      return stringBytes(what);
    }
    int start = pos;
    while (pos < end && Chars.isAstringChar(bytes[pos])) {
      pos++;
    }
    if (pos == start) {
      throw error("expected " + what);
    }
    return Arrays.copyOfRange(bytes, start, pos);
  }

  /**
   * A literal itself, where the grammar demands one (APPEND message, CATENATE TEXT); literal8
   * allowed. Its data is null if it was streamed.
   */
  public Literal literal(String what) {
    int c = peek();
    if (c != '{' && c != '~') {
      throw error("expected a literal for " + what);
    }
    LiteralSpan span = literalSpan(true, what);
    int length = span.dataEnd() - span.dataStart();
    Buffer data =
        span.streamed() ? null : Buffer.buffer(length).appendBytes(bytes, span.dataStart(), length);
    return new Literal(data, span.size(), span.binary());
  }

  private LiteralSpan literalSpan(boolean binaryAllowed, String what) {
    LiteralSpan span = nextLiteral < literals.size() ? literals.get(nextLiteral) : null;
    if (span == null || span.start() != pos) {
      throw error("malformed literal for " + what + " (the announcement must end the line)");
    }
    if (span.binary() && !binaryAllowed) {
      throw error("literal8 (~{n}) is only allowed for message data, not for " + what);
    }
    nextLiteral++;
    pos = span.dataEnd();
    return span;
  }

  /** quoted = DQUOTE *QUOTED-CHAR DQUOTE; only \" and \\ are escapes. */
  private byte[] quoted(String what) {
    pos++; // the opening quote
    int start = pos;
    boolean escapes = false;
    while (pos < end && bytes[pos] != '"') {
      byte b = bytes[pos];
      if (b == '\r' || b == '\n') {
        break;
      }
      if (b == '\\') {
        escapes = true;
        pos++;
        if (pos == end || (bytes[pos] != '"' && bytes[pos] != '\\')) {
          throw error("invalid escape in quoted string for " + what + " (only \\\" and \\\\)");
        }
      }
      pos++;
    }
    if (pos >= end || bytes[pos] != '"') {
      throw error("unterminated quoted string for " + what);
    }
    byte[] value = escapes ? unescape(start, pos) : Arrays.copyOfRange(bytes, start, pos);
    pos++; // the closing quote
    return value;
  }

  private byte[] unescape(int start, int stop) {
    byte[] out = new byte[stop - start];
    int n = 0;
    for (int i = start; i < stop; i++) {
      if (bytes[i] == '\\') {
        i++;
      }
      out[n++] = bytes[i];
    }
    return Arrays.copyOf(out, n);
  }

  /** Strict UTF-8 without NUL: a literal may carry any byte, a string may not. */
  private String text(byte[] value, String what) {
    boolean ascii = true;
    for (byte b : value) {
      if (b == 0) {
        throw error("NUL in " + what);
      }
      ascii &= b >= 0;
    }
    if (ascii) {
      return new String(value, StandardCharsets.US_ASCII);
    }
    if (!Chars.isValidUtf8(value)) {
      throw error(what + " is not valid UTF-8");
    }
    return new String(value, StandardCharsets.UTF_8);
  }

  // ---- IMAP values ----

  /** A sequence set, {@code *} and {@code $} included. */
  public SequenceSet sequenceSet(String what) {
    int start = pos;
    while (pos < end && isSequenceSetChar(bytes[pos])) {
      pos++;
    }
    if (pos == start) {
      throw error("expected a sequence set for " + what);
    }
    try {
      return SequenceSet.parse(ascii(start, pos));
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage());
    }
  }

  /** True if a sequence set starts here (a digit, {@code *} or {@code $}). */
  public boolean atSequenceSet() {
    int c = peek();
    return (c >= '0' && c <= '9') || c == '*' || c == '$';
  }

  private static boolean isSequenceSetChar(byte b) {
    return (b >= '0' && b <= '9') || b == ':' || b == ',' || b == '*' || b == '$';
  }

  /**
   * A flag a client may set (STORE, APPEND): a keyword or one of the five system flags; not
   * {@code \Recent} (RFC 3501 §2.3.2) nor an unknown {@code \extension}.
   */
  public Flag flag() {
    boolean system = skip('\\');
    int start = pos;
    while (pos < end && Chars.isAtomChar(bytes[pos])) {
      pos++;
    }
    if (pos == start) {
      throw error(system ? "expected a flag name after \\" : "expected a flag");
    }
    Flag flag = new Flag((system ? "\\" : "") + ascii(start, pos));
    if (system && (!flag.isKnownSystemFlag() || flag.equals(Flag.RECENT))) {
      throw error(flag + " cannot be set by a client");
    }
    return flag;
  }

  /** flag-keyword: an atom, as after SEARCH KEYWORD. */
  public Flag keywordFlag(String what) {
    if (peek() == '\\') {
      throw error("expected a keyword, not a system flag, for " + what);
    }
    return new Flag(atom("a keyword for " + what));
  }

  /** flag-list: {@code (} [flag *(SP flag)] {@code )}. */
  public List<Flag> flagList() {
    beginList("flag list");
    List<Flag> flags = new ArrayList<>();
    for (boolean first = true; moreInList(first, "flag list"); first = false) {
      flags.add(flag());
    }
    return List.copyOf(flags);
  }

  /** date: {@code 1-Feb-2024}, optionally quoted. */
  public LocalDate date(String what) {
    boolean quoted = skip('"');
    int start = pos;
    while (pos < end && (isKeywordChar(bytes[pos]))) {
      pos++;
    }
    String text = ascii(start, pos);
    if (quoted) {
      expect('"', "after the date for " + what);
    }
    try {
      return ImapDates.parseDate(text);
    } catch (IllegalArgumentException e) {
      throw error("invalid date for " + what + ": " + e.getMessage());
    }
  }

  /** date-time: {@code "01-Feb-2024 13:05:09 +0100"}. */
  public OffsetDateTime dateTime(String what) {
    if (peek() != '"') {
      throw error("expected a quoted date-time for " + what);
    }
    String text = new String(quoted(what), StandardCharsets.US_ASCII);
    try {
      return ImapDates.parseDateTime(text);
    } catch (IllegalArgumentException e) {
      throw error("invalid date-time for " + what + ": " + e.getMessage());
    }
  }

  /**
   * mailbox: an astring, decoded from modified UTF-7 unless the session uses UTF-8 names, INBOX
   * normalised ({@link MailboxNames#fromWire}).
   */
  public String mailbox(String what) {
    return mailboxName(astring(what), what);
  }

  /** list-mailbox: 1*list-char (wildcards {@code %} and {@code *} allowed) or a string. */
  public String listMailbox(String what) {
    int c = peek();
    if (c == '"' || c == '{' || c == '~') {
      return mailboxName(string(what), what);
    }
    int start = pos;
    while (pos < end && Chars.isListChar(bytes[pos])) {
      pos++;
    }
    if (pos == start) {
      throw error("expected " + what);
    }
    return mailboxName(ascii(start, pos), what);
  }

  private String mailboxName(String wire, String what) {
    try {
      return MailboxNames.fromWire(wire, utf8Names);
    } catch (IllegalArgumentException e) {
      throw error(e.getMessage() + " (" + what + ")");
    }
  }

  /** header-fld-name: an astring that is a valid RFC 5322 field name (printable, no colon). */
  public String headerFieldName(String what) {
    String name = astring(what);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == ':') {
        throw error("invalid header field name " + name);
      }
    }
    if (name.isEmpty()) {
      throw error("empty header field name");
    }
    return name;
  }

  // ---- lists and nesting ----

  /** Consumes {@code (} and enters a nesting level. */
  public void beginList(String what) {
    expect('(', "to open " + what);
    enterNesting();
  }

  /**
   * For a loop over a parenthesised list's items: true if another item follows (consuming the SP
   * before any item but the first), false if the list ends here (consuming {@code )}).
   */
  public boolean moreInList(boolean first, String what) {
    if (skip(')')) {
      leaveNesting();
      return false;
    }
    if (atEnd()) {
      throw error("missing ')' at the end of " + what);
    }
    if (!first && !skip(' ')) {
      throw error("expected SP or ')' in " + what);
    }
    return true;
  }

  /** Consumes {@code )} ending a list opened with {@link #beginList}. */
  public void endList(String what) {
    expect(')', "to close " + what);
    leaveNesting();
  }

  /** Enters a nesting level, for recursion that is not a list (NOT, OR). */
  public void enterNesting() {
    if (++depth > nestingLimit) {
      throw error("nesting too deep (limit " + nestingLimit + ")");
    }
  }

  public void leaveNesting() {
    depth--;
  }

  // ---- helpers ----

  private String ascii(int start, int stop) {
    return new String(bytes, start, stop - start, StandardCharsets.ISO_8859_1);
  }

  /** Up to 20 characters from the current position, for error messages. */
  private String snippet() {
    int stop = Math.min(end, pos + 20);
    StringBuilder sb = new StringBuilder("'");
    for (int i = pos; i < stop; i++) {
      int b = bytes[i] & 0xff;
      sb.append(b >= 0x20 && b < 0x7f ? (char) b : '?');
    }
    return sb.append(stop < end ? "...'" : "'").toString();
  }
}
