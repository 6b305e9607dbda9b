package org.lemongate.mime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lemongate.bytes.ByteScan;
import org.lemongate.mime.MimePart.Kind;

/**
 * Builds the MIME tree of a raw message in one pass over its lines, with a stack of the entities
 * that are open, in the manner of Dovecot's message-parser.
 *
 * <p>Delimiters follow RFC 2046 §5.1.1: a line that starts with "--" and a boundary of any open
 * multipart (trailing characters allowed, "as it is sufficient that the boundary appear in its
 * entirety following the CRLF"); of two matching boundaries the longest wins. A delimiter ends
 * every entity opened inside its multipart, so a missing close delimiter loses nothing. A part
 * whose header is cut short by a delimiter or the end of the message has an empty body.
 */
final class MimeParser {

  /** The root entity and its header block. */
  record Result(MimePart root, HeaderBlock header) {}

  /** An entity being parsed. */
  private static final class Frame {
    final int start;
    final int depth;
    final boolean inDigest;
    HeaderBlock header;
    int bodyStart;
    int bodyStartLf;
    MimeFields fields;
    Kind kind;
    /** "--boundary" while this multipart may still get parts; null otherwise. */
    byte[] delimiter;
    final List<MimePart> children = new ArrayList<>();
    MimePart enclosed;
    Envelope enclosedEnvelope;

    Frame(int start, int depth, boolean inDigest) {
      this.start = start;
      this.depth = depth;
      this.inDigest = inDigest;
    }
  }

  private final byte[] raw;
  private final List<Frame> stack = new ArrayList<>();
  private int entities;
  private boolean limitReached;
  private Result result;

  private MimeParser(byte[] raw) {
    this.raw = raw;
  }

  static Result parse(byte[] raw) {
    return new MimeParser(raw).run();
  }

  private Result run() {
    open(0, 0, false);
    int pos = 0;
    int lf = 0; // LF count before pos
    while (pos < raw.length) {
      if (top().header != null) {
        // In a body only a line that starts with "--" can matter: skip to the next one, counting lines.
        int candidate = nextDashLine(pos);
        int skipTo = candidate < 0 ? raw.length : candidate;
        if (linesCounted()) {
          lf += ByteScan.count(raw, (byte) '\n', pos, skipTo);
        }
        pos = skipTo;
        if (candidate < 0) {
          break;
        }
      }
      int next = HeaderBlock.lineEnd(raw, pos, raw.length);
      int multipart = delimitedMultipart(pos, next);
      if (multipart >= 0) {
        delimiter(multipart, pos, next, lf);
      } else {
        Frame top = top();
        if (top.header == null && HeaderBlock.isBlankLine(raw, pos, next)) {
          endHeader(top, next, lf + 1);
          if (top.kind == Kind.MESSAGE) {
            open(next, top.depth + 1, false);
          }
        }
      }
      if (raw[next - 1] == '\n') {
        lf++;
      }
      pos = next;
    }
    while (!stack.isEmpty()) {
      close(raw.length, lf);
    }
    return result;
  }

  /**
   * The first line start at or after {@code from} (itself a line start) where a line begins with
   * "--", or -1 when there is none or no multipart awaits a delimiter. Bodies are searched for '-'
   * rather than line by line: base64, most of a message's bytes, has no '-' at all.
   */
  private int nextDashLine(int from) {
    if (!awaitsDelimiter()) {
      return -1;
    }
    int dash = from;
    while ((dash = ByteScan.indexOf(raw, (byte) '-', dash, raw.length)) >= 0) {
      boolean lineStart = dash == 0 || raw[dash - 1] == '\n';
      if (lineStart && dash + 1 < raw.length && raw[dash + 1] == '-') {
        return dash;
      }
      dash++;
    }
    return -1;
  }

  /**
   * body-fld-lines exists for text and message parts only (RFC 9051 §7.5.2), so a body's lines are
   * counted only inside such a part: not in the base64 attachments that make up most of the bytes
   * of mail. A part's lines are the difference of two counts, both taken inside it.
   */
  private static boolean showsLines(Frame frame) {
    return frame.kind == Kind.MESSAGE || (frame.kind == Kind.SINGLE && frame.fields.isText());
  }

  private boolean linesCounted() {
    for (Frame frame : stack) {
      if (showsLines(frame)) {
        return true;
      }
    }
    return false;
  }

  private boolean awaitsDelimiter() {
    if (limitReached) {
      return false;
    }
    for (Frame frame : stack) {
      if (frame.delimiter != null) {
        return true;
      }
    }
    return false;
  }

  private Frame top() {
    return stack.get(stack.size() - 1);
  }

  private void open(int start, int depth, boolean inDigest) {
    entities++;
    if (entities >= MessageSummary.MAX_PARTS) {
      // Like Dovecot: the last entity takes all the rest of the message.
      limitReached = true;
    }
    stack.add(new Frame(start, depth, inDigest));
  }

  /** The stack index of the multipart whose delimiter starts the line, or -1. */
  private int delimitedMultipart(int pos, int next) {
    if (limitReached || next - pos < 2 || raw[pos] != '-' || raw[pos + 1] != '-') {
      return -1;
    }
    int best = -1;
    int bestLength = 0;
    for (int i = 0; i < stack.size(); i++) {
      byte[] d = stack.get(i).delimiter;
      if (d != null && d.length > bestLength && next - pos >= d.length
          && Arrays.equals(raw, pos, pos + d.length, d, 0, d.length)) {
        best = i;
        bestLength = d.length;
      }
    }
    return best;
  }

  private void delimiter(int multipartIndex, int pos, int next, int lf) {
    boolean lineEndBefore = pos > 0 && raw[pos - 1] == '\n';
    int eol = !lineEndBefore ? 0 : pos > 1 && raw[pos - 2] == '\r' ? 2 : 1;
    int end = pos - eol;
    int lfAtEnd = lineEndBefore ? lf - 1 : lf;
    while (stack.size() - 1 > multipartIndex) {
      close(end, lfAtEnd);
    }
    Frame multipart = top();
    int after = pos + multipart.delimiter.length;
    if (after + 1 < next && raw[after] == '-' && raw[after + 1] == '-') {
      multipart.delimiter = null; // close-delimiter: the epilogue follows
    } else {
      open(next, multipart.depth + 1, multipart.fields.subtype().equalsIgnoreCase("digest"));
    }
  }

  private void endHeader(Frame f, int bodyStart, int bodyStartLf) {
    f.header = HeaderBlock.parse(raw, f.start, bodyStart);
    f.bodyStart = bodyStart;
    f.bodyStartLf = bodyStartLf;
    MimeFields fields = MimeFields.parse(f.header, f.inDigest);
    boolean mayNest = f.depth + 1 < MessageSummary.MAX_DEPTH && !limitReached;
    if (fields.isMultipart() && mayNest) {
      f.kind = Kind.MULTIPART;
      String boundary = Parameter.find(fields.parameters(), "boundary");
      if (boundary != null && !boundary.isEmpty()) {
        f.delimiter = Octets.bytes("--" + boundary);
      }
    } else if (fields.isMessage() && mayNest) {
      f.kind = Kind.MESSAGE;
    } else {
      f.kind = Kind.SINGLE;
      if (fields.isMultipart() || fields.isMessage()) {
        fields = fields.asOpaque();
      }
    }
    f.fields = fields;
  }

  /** Ends the innermost open entity at {@code end} and attaches it to its parent. */
  private void close(int end, int lfAtEnd) {
    Frame f = stack.remove(stack.size() - 1);
    if (f.header == null) {
      endHeader(f, Math.max(end, f.start), lfAtEnd);
    } else if (end < f.bodyStart) {
      // The delimiter's line ending was the header's empty line: the header loses it.
      f.bodyStart = Math.max(end, f.start);
      f.header = HeaderBlock.parse(raw, f.start, f.bodyStart);
      f.enclosed = null; // it was empty, and now begins earlier
    }
    int bodyEnd = Math.max(end, f.bodyStart);
    int lines = showsLines(f) && bodyEnd > f.bodyStart ? Math.max(0, lfAtEnd - f.bodyStartLf) : 0;
    if (f.kind == Kind.MESSAGE && f.enclosed == null) {
      HeaderBlock empty = HeaderBlock.parse(raw, bodyEnd, bodyEnd);
      f.enclosed = new MimePart(Kind.SINGLE, MimeFields.parse(empty, false), bodyEnd, 0, 0, 0,
          List.of(), null, null);
      f.enclosedEnvelope = Envelope.of(empty);
    }
    MimePart part = new MimePart(f.kind, f.fields, f.start, f.bodyStart - f.start,
        bodyEnd - f.bodyStart, lines, f.children, f.enclosed, f.enclosedEnvelope);
    if (stack.isEmpty()) {
      result = new Result(part, f.header);
    } else if (top().kind == Kind.MULTIPART) {
      top().children.add(part);
    } else {
      top().enclosed = part;
      top().enclosedEnvelope = Envelope.of(f.header);
    }
  }
}
