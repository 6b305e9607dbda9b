package org.lemongate.imap.response;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.lemongate.imap.protocol.Chars;
import org.lemongate.imap.protocol.FetchAttribute;
import org.lemongate.imap.protocol.FetchAttribute.BinarySection;
import org.lemongate.imap.protocol.FetchAttribute.BinarySize;
import org.lemongate.imap.protocol.FetchAttribute.BodySection;
import org.lemongate.imap.protocol.FetchAttribute.Simple;
import org.lemongate.imap.protocol.Flag;
import org.lemongate.imap.protocol.FramingError;
import org.lemongate.imap.protocol.ImapDates;
import org.lemongate.imap.protocol.MailboxNames;
import org.lemongate.imap.protocol.ParseException;
import org.lemongate.imap.protocol.Section;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.protocol.StatusItem;

/**
 * Encodes server responses into a {@link Buffer}, one session's worth at a time: responses
 * accumulate until {@link #flush()} hands them over for one socket write.
 *
 * <p>Two layers. Whole responses ({@link #tagged}, {@link #exists}, {@link #list}, ...) write a
 * complete line. Underneath, a line builder ({@link #startUntagged}, {@link #atom}, {@link
 * #string}, {@link #open}, ..., {@link #endLine}) inserts the SP between items itself, for
 * responses with structure such as ENVELOPE and BODYSTRUCTURE.
 *
 * <p>How a string goes on the wire is decided in one place, {@link #string(byte[])}: quoted when
 * short and free of CR, LF and NUL, and either 7-bit or (in a UTF-8 session) valid UTF-8; a
 * literal otherwise. Mailbox names are encoded per session mode ({@link #setUtf8}).
 *
 * <p><b>Streaming a large FETCH body</b>: write up to the literal's announcement with {@link
 * #fetchSectionStart}, {@link #flush()} and write that, send the body's bytes straight from the
 * store, then continue with the next items or {@link #endFetch()}.
 *
 * <p>Not thread-safe: one per session, used on its event loop.
 */
public final class ResponseWriter {
  private static final byte[] CRLF = {'\r', '\n'};

  private Buffer out = Buffer.buffer(256);
  private boolean utf8;
  private boolean needSpace;

  /**
   * Switches to UTF-8 mode once the client enabled UTF8=ACCEPT or IMAP4rev2: mailbox names as
   * UTF-8 instead of modified UTF-7, UTF-8 allowed in quoted strings and response text (RFC 6855
   * §3, RFC 9051).
   */
  public void setUtf8(boolean utf8) {
    this.utf8 = utf8;
  }

  /** Hands over everything written since the last flush. */
  public Buffer flush() {
    Buffer written = out;
    out = Buffer.buffer(256);
    return written;
  }

  /** Bytes written since the last flush. */
  public int pendingBytes() {
    return out.length();
  }

  // ---- status responses ----

  /** {@code tag SP status SP [code] SP text CRLF}; {@code code} may be null, text not empty. */
  public ResponseWriter tagged(String tag, Status status, ResponseCode code, String text) {
    appendAscii(tag);
    return statusTail(status, code, text);
  }

  /** {@code * status [code] text}, e.g. {@code * OK [UIDVALIDITY 3] UIDs valid} or BYE. */
  public ResponseWriter untagged(Status status, ResponseCode code, String text) {
    appendAscii("*");
    return statusTail(status, code, text);
  }

  private ResponseWriter statusTail(Status status, ResponseCode code, String text) {
    out.appendByte((byte) ' ');
    appendAscii(status.name());
    out.appendByte((byte) ' ');
    if (code != null) {
      out.appendByte((byte) '[');
      appendAscii(code.text());
      out.appendBytes(new byte[] {']', ' '});
    }
    appendText(text);
    out.appendBytes(CRLF);
    needSpace = false;
    return this;
  }

  /** {@code + text}: a command continuation request. */
  public ResponseWriter continuation(String text) {
    out.appendBytes(new byte[] {'+', ' '});
    appendText(text);
    out.appendBytes(CRLF);
    return this;
  }

  /** {@code + base64}: a SASL challenge (RFC 9051 §6.2.2). */
  public ResponseWriter challenge(byte[] challenge) {
    out.appendBytes(new byte[] {'+', ' '});
    appendAscii(Base64.getEncoder().encodeToString(challenge));
    out.appendBytes(CRLF);
    return this;
  }

  /**
   * The answer to a refused command: NO [TOOBIG] for a synchronising literal the client has not
   * sent (a resource limit on a well-formed command, as RFC 4469 §5), BAD [TOOBIG] for the other
   * size limits (RFC 7888 §4 for non-synchronising literals), BAD for NUL and bare CR; untagged
   * if there was no tag. A fatal error adds {@code * BYE}: close the connection after writing.
   */
  public ResponseWriter framingError(FramingError error) {
    Status status =
        error.reason() == FramingError.Reason.LITERAL_TOO_LARGE ? Status.NO : Status.BAD;
    ResponseCode code = error.reason().tooBig() ? ResponseCode.TOOBIG : null;
    if (error.tag() == null) {
      untagged(status, code, error.message());
    } else {
      tagged(error.tag(), status, code, error.message());
    }
    if (error.fatal()) {
      untagged(Status.BYE, code, "cannot continue after " + error.message());
    }
    return this;
  }

  /** BAD (or NO [code] for a refusal) for a command that did not parse; untagged if no tag. */
  public ResponseWriter parseError(ParseException error) {
    Status status = error.isRefusal() ? Status.NO : Status.BAD;
    ResponseCode code =
        error.responseCode() == null ? null : new ResponseCode(error.responseCode());
    return error.tag() == null
        ? untagged(status, code, error.getMessage())
        : tagged(error.tag(), status, code, error.getMessage());
  }

  // ---- untagged data ----

  public ResponseWriter capability(Collection<String> capabilities) {
    startUntagged().atom("CAPABILITY");
    capabilities.forEach(this::atom);
    return endLine();
  }

  /** {@code * ENABLED ...} (RFC 5161). */
  public ResponseWriter enabled(Collection<String> capabilities) {
    startUntagged().atom("ENABLED");
    capabilities.forEach(this::atom);
    return endLine();
  }

  public ResponseWriter exists(long count) {
    return startUntagged().number(count).atom("EXISTS").endLine();
  }

  /** IMAP4rev1 only. */
  public ResponseWriter recent(long count) {
    return startUntagged().number(count).atom("RECENT").endLine();
  }

  public ResponseWriter expunge(long messageNumber) {
    return startUntagged().number(messageNumber).atom("EXPUNGE").endLine();
  }

  /** {@code * VANISHED [(EARLIER)] uids} (RFC 7162 §3.2.10). */
  public ResponseWriter vanished(boolean earlier, SequenceSet uids) {
    startUntagged().atom("VANISHED");
    if (earlier) {
      open().atom("EARLIER").close();
    }
    return sequenceSet(uids).endLine();
  }

  public ResponseWriter flags(Collection<Flag> flags) {
    return startUntagged().atom("FLAGS").flagList(flags).endLine();
  }

  /**
   * {@code * LIST (attributes) "delimiter" mailbox} (or LSUB), with CHILDINFO extended data
   * (RFC 5258 §3.5) when {@code childInfo} is neither null nor empty.
   *
   * @param kind       "LIST" or "LSUB"
   * @param delimiter  the hierarchy delimiter, null for NIL
   */
  public ResponseWriter list(
      String kind,
      Collection<String> attributes,
      Character delimiter,
      String mailbox,
      Collection<String> childInfo) {
    startUntagged().atom(kind).open();
    attributes.forEach(this::atom);
    close();
    if (delimiter == null) {
      nil();
    } else {
      string(String.valueOf(delimiter));
    }
    mailbox(mailbox);
    if (childInfo != null && !childInfo.isEmpty()) {
      open().string("CHILDINFO").open();
      childInfo.forEach(this::string);
      close().close();
    }
    return endLine();
  }

  /** {@code * STATUS mailbox (item value ...)}. */
  public ResponseWriter status(String mailbox, Map<StatusItem, Long> values) {
    startUntagged().atom("STATUS").mailbox(mailbox).open();
    values.forEach((item, value) -> atom(item.name()).number(value));
    return close().endLine();
  }

  /**
   * {@code * SEARCH n ...} with {@code (MODSEQ m)} when {@code modSeq} is not null (RFC 7162
   * §3.1.5).
   */
  public ResponseWriter search(long[] numbers, Long modSeq) {
    startUntagged().atom("SEARCH");
    for (long n : numbers) {
      number(n);
    }
    if (modSeq != null) {
      open().atom("MODSEQ").number(modSeq).close();
    }
    return endLine();
  }

  /** {@code * ESEARCH (TAG "tag") [UID] [MIN n] [MAX n] [COUNT n] [ALL set] [MODSEQ n]}. */
  public ResponseWriter esearch(String tag, boolean uid, ESearchData data) {
    startUntagged().atom("ESEARCH").open().atom("TAG").string(tag).close();
    if (uid) {
      atom("UID");
    }
    if (data.min() != null) {
      atom("MIN").number(data.min());
    }
    if (data.max() != null) {
      atom("MAX").number(data.max());
    }
    if (data.count() != null) {
      atom("COUNT").number(data.count());
    }
    if (data.all() != null && !data.all().isEmpty()) {
      atom("ALL").sequenceSet(data.all());
    }
    if (data.modSeq() != null) {
      atom("MODSEQ").number(data.modSeq());
    }
    return endLine();
  }

  /** {@code * ID (field value ...)} or {@code * ID NIL} for a null map (RFC 2971). */
  public ResponseWriter id(Map<String, String> parameters) {
    startUntagged().atom("ID");
    if (parameters == null) {
      nil();
    } else {
      open();
      parameters.forEach((field, value) -> string(field).nstring(value));
      close();
    }
    return endLine();
  }

  /** {@code * NAMESPACE (("prefix" "/")) NIL NIL}: one personal namespace. */
  public ResponseWriter namespace(String personalPrefix) {
    startUntagged().atom("NAMESPACE").open().open();
    mailbox(personalPrefix).string(String.valueOf(MailboxNames.DELIMITER));
    return close().close().nil().nil().endLine();
  }

  // ---- FETCH ----

  /** {@code * n FETCH (}; follow with items and {@link #endFetch()}. */
  public ResponseWriter startFetch(long messageNumber) {
    startUntagged().number(messageNumber).atom("FETCH");
    out.appendBytes(new byte[] {' ', '('});
    needSpace = false;
    return this;
  }

  /**
   * Writes an item's name as the response names it ({@code BODY[1.MIME]<0>}, {@code RFC822.SIZE}),
   * for the caller to write its value with the line builder (ENVELOPE, BODYSTRUCTURE).
   */
  public ResponseWriter fetchItem(FetchAttribute attribute) {
    space();
    if (attribute instanceof Simple simple) {
      appendAscii(simple.wireName());
    } else if (attribute instanceof BodySection body) {
      appendAscii("BODY[");
      sectionSpec(body);
      out.appendByte((byte) ']');
      origin(body.partial());
    } else if (attribute instanceof BinarySection binary) {
      appendAscii("BINARY[");
      partNumbers(binary.part());
      out.appendByte((byte) ']');
      origin(binary.partial());
    } else {
      appendAscii("BINARY.SIZE[");
      partNumbers(((BinarySize) attribute).part());
      out.appendByte((byte) ']');
    }
    needSpace = true;
    return this;
  }

  public ResponseWriter fetchUid(long uid) {
    return fetchItem(Simple.UID).number(uid);
  }

  public ResponseWriter fetchFlags(Collection<Flag> flags) {
    return fetchItem(Simple.FLAGS).flagList(flags);
  }

  public ResponseWriter fetchInternalDate(OffsetDateTime internalDate) {
    return fetchItem(Simple.INTERNALDATE).string(ImapDates.formatDateTime(internalDate));
  }

  public ResponseWriter fetchSize(long size) {
    return fetchItem(Simple.RFC822_SIZE).number(size);
  }

  /** {@code MODSEQ (n)} (RFC 7162 §3.1.4.1). */
  public ResponseWriter fetchModSeq(long modSeq) {
    return fetchItem(Simple.MODSEQ).open().number(modSeq).close();
  }

  public ResponseWriter fetchBinarySize(BinarySize attribute, long size) {
    return fetchItem(attribute).number(size);
  }

  /**
   * An item whose value is already encoded as IMAP syntax, written as is: ENVELOPE, BODY and
   * BODYSTRUCTURE as {@code MessageSummary} renders them for the session's dialect.
   */
  public ResponseWriter fetchEncoded(FetchAttribute attribute, byte[] encodedValue) {
    fetchItem(attribute).space();
    out.appendBytes(encodedValue);
    return this;
  }

  /**
   * A body item with its data as a literal (literal8 for BINARY: RFC 3516 allows it always, and
   * decoded data may hold NUL), or NIL for null data. Also for RFC822, RFC822.HEADER and
   * RFC822.TEXT.
   */
  public ResponseWriter fetchSection(FetchAttribute attribute, Buffer data) {
    fetchItem(attribute);
    return data == null ? nil() : literal(data, attribute instanceof BinarySection);
  }

  /**
   * A body item up to and including its literal's announcement ({@code BODY[] {1234}\r\n}); the
   * caller flushes, sends exactly {@code size} bytes itself, then goes on with the next item.
   */
  public ResponseWriter fetchSectionStart(FetchAttribute attribute, long size) {
    fetchItem(attribute);
    return literalStart(size, attribute instanceof BinarySection);
  }

  /** {@code )} and CRLF, ending a FETCH response. */
  public ResponseWriter endFetch() {
    return close().endLine();
  }

  private void sectionSpec(BodySection body) {
    Section section = body.section();
    partNumbers(section.part());
    if (section.text() != Section.Text.ALL) {
      if (!section.part().isEmpty()) {
        out.appendByte((byte) '.');
      }
      appendAscii(section.text().wireName());
      if (!section.headerFields().isEmpty()) {
        needSpace = true;
        open();
        section.headerFields().forEach(this::astring);
        close();
      }
    }
  }

  private void partNumbers(List<Integer> part) {
    for (int i = 0; i < part.size(); i++) {
      if (i > 0) {
        out.appendByte((byte) '.');
      }
      appendAscii(Integer.toString(part.get(i)));
    }
  }

  private void origin(FetchAttribute.Partial partial) {
    if (partial != null) {
      out.appendByte((byte) '<');
      appendAscii(Long.toString(partial.offset()));
      out.appendByte((byte) '>');
    }
  }

  // ---- the line builder ----

  /** {@code * }: starts an untagged data line. */
  public ResponseWriter startUntagged() {
    out.appendByte((byte) '*');
    needSpace = true;
    return this;
  }

  /** CRLF: ends the line. */
  public ResponseWriter endLine() {
    out.appendBytes(CRLF);
    needSpace = false;
    return this;
  }

  /** An atom, written as is: the caller guarantees atom syntax (it is a protocol keyword). */
  public ResponseWriter atom(String atom) {
    space();
    appendAscii(atom);
    return this;
  }

  public ResponseWriter number(long value) {
    space();
    appendAscii(Long.toString(value));
    return this;
  }

  public ResponseWriter nil() {
    return atom("NIL");
  }

  /** {@code (}; items that follow need no leading SP. */
  public ResponseWriter open() {
    space();
    out.appendByte((byte) '(');
    needSpace = false;
    return this;
  }

  /** {@code )}. */
  public ResponseWriter close() {
    out.appendByte((byte) ')');
    needSpace = true;
    return this;
  }

  /** A flag list {@code (\Seen $Forwarded)}. */
  public ResponseWriter flagList(Collection<Flag> flags) {
    space();
    appendAscii(flagListText(flags));
    return this;
  }

  public ResponseWriter sequenceSet(SequenceSet set) {
    return atom(set.toString());
  }

  /** A mailbox name, encoded for the session (modified UTF-7 or UTF-8). */
  public ResponseWriter mailbox(String name) {
    return string(MailboxNames.toWire(name, utf8));
  }

  /** A string: quoted or literal. */
  public ResponseWriter string(String value) {
    return string(value.getBytes(StandardCharsets.UTF_8));
  }

  /** nstring: NIL for null, else a string. */
  public ResponseWriter nstring(String value) {
    return value == null ? nil() : string(value);
  }

  /** nstring from raw bytes, e.g. a header value of unknown charset. */
  public ResponseWriter nstring(byte[] value) {
    return value == null ? nil() : string(value);
  }

  /** astring: an atom when the value is one (not NIL), else a string. */
  public ResponseWriter astring(String value) {
    return Chars.isAtom(value) && !value.equalsIgnoreCase("NIL") ? atom(value) : string(value);
  }

  /**
   * A string, quoted or as a literal by {@link Chars#quotable}. A string cannot carry NUL even as a
   * literal (CHAR8 excludes it), so NULs from hostile message data become 0x80 in the literal, as
   * Dovecot does.
   */
  public ResponseWriter string(byte[] value) {
    space();
    boolean quotable = Chars.quotable(value, utf8);
    if (quotable) {
      out.appendByte((byte) '"');
      int start = 0;
      for (int i = 0; i < value.length; i++) {
        if (value[i] == '"' || value[i] == '\\') {
          out.appendBytes(value, start, i - start).appendByte((byte) '\\');
          start = i;
        }
      }
      out.appendBytes(value, start, value.length - start).appendByte((byte) '"');
      return this;
    }
    byte[] data = value;
    if (containsNul(value)) {
      data = value.clone();
      for (int i = 0; i < data.length; i++) {
        if (data[i] == 0) {
          data[i] = (byte) 0x80;
        }
      }
    }
    literalAnnouncement(data.length, false);
    out.appendBytes(data);
    return this;
  }

  private static boolean containsNul(byte[] value) {
    for (byte b : value) {
      if (b == 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * A literal {@code {n}} CRLF data, or a literal8 {@code ~{n}} CRLF data when {@code binary}
   * (only in BINARY responses). Data written as given: a non-binary literal must hold no NUL.
   */
  public ResponseWriter literal(Buffer data, boolean binary) {
    space();
    literalAnnouncement(data.length(), binary);
    out.appendBuffer(data);
    return this;
  }

  /** Just a literal's announcement and CRLF; the caller sends {@code size} bytes after flushing. */
  public ResponseWriter literalStart(long size, boolean binary) {
    space();
    literalAnnouncement(size, binary);
    return this;
  }

  private void literalAnnouncement(long size, boolean binary) {
    appendAscii(binary ? "~{" : "{");
    appendAscii(Long.toString(size));
    out.appendBytes(new byte[] {'}', '\r', '\n'});
  }

  // ---- helpers ----

  static String flagListText(Collection<Flag> flags) {
    StringBuilder sb = new StringBuilder("(");
    for (Flag flag : flags) {
      if (sb.length() > 1) {
        sb.append(' ');
      }
      sb.append(flag.name());
    }
    return sb.append(')').toString();
  }

  private void space() {
    if (needSpace) {
      out.appendByte((byte) ' ');
    }
    needSpace = true;
  }

  private void appendAscii(String s) {
    out.appendString(s);
  }

  /**
   * Human-readable text: CR, LF and NUL become spaces so text can never end the line early;
   * outside UTF-8 sessions non-ASCII becomes '?' (RFC 3501 TEXT-CHAR is 7-bit).
   */
  private void appendText(String text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || c == '\n' || c == 0) {
        sb.append(' ');
      } else if (c > 0x7e && !utf8) {
        sb.append('?');
      } else {
        sb.append(c);
      }
    }
    out.appendString(sb.toString());
  }
}
