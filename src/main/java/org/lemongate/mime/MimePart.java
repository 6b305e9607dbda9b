package org.lemongate.mime;

import java.util.List;
import java.util.Objects;

/**
 * One entity of a message's MIME tree (RFC 2045 §2.4): where its header and body lie in the raw
 * message, and its MIME fields. The root is the message itself. Immutable.
 *
 * <p>Offsets are byte positions in the raw message as stored and served, bare LF line endings
 * and all. The header runs from {@link #headerOffset()} for {@link #headerLength()} bytes,
 * including the empty line that ends it when there is one; the body follows immediately. The
 * line ending before a multipart delimiter belongs to the delimiter (RFC 2046 §5.1.1), not to the
 * body before it.
 *
 * <p>String fields are octet strings (see the package documentation).
 */
public final class MimePart {

  /** How a part's body is structured. */
  public enum Kind {
    /** A leaf: its body is content, in the given transfer encoding. */
    SINGLE,
    /** A multipart: its body holds {@link #children()}; none if no delimiter was found. */
    MULTIPART,
    /** message/rfc822 or message/global: its body is the message {@link #enclosed()}. */
    MESSAGE
  }

  private final Kind kind;
  private final MimeFields fields;
  private final int headerOffset;
  private final int headerLength;
  private final int bodyLength;
  private final int bodyLines;
  private final List<MimePart> children;
  private final MimePart enclosed;
  private final Envelope envelope;

  MimePart(Kind kind, MimeFields fields, int headerOffset, int headerLength, int bodyLength,
      int bodyLines, List<MimePart> children, MimePart enclosed, Envelope envelope) {
    if ((kind == Kind.MESSAGE) != (enclosed != null && envelope != null)) {
      throw new IllegalArgumentException("a MESSAGE part, and only it, encloses a message");
    }
    this.kind = kind;
    this.fields = Objects.requireNonNull(fields);
    this.headerOffset = headerOffset;
    this.headerLength = headerLength;
    this.bodyLength = bodyLength;
    this.bodyLines = bodyLines;
    this.children = List.copyOf(children);
    this.enclosed = enclosed;
    this.envelope = envelope;
  }

  public Kind kind() {
    return kind;
  }

  public int headerOffset() {
    return headerOffset;
  }

  public int headerLength() {
    return headerLength;
  }

  public int bodyOffset() {
    return headerOffset + headerLength;
  }

  /** The body's size in octets, as BODYSTRUCTURE's body-fld-octets reports it. */
  public int bodyLength() {
    return bodyLength;
  }

  /** The number of LF in the body: body-fld-lines for text and message parts; 0 for other parts. */
  public int bodyLines() {
    return bodyLines;
  }

  /** The media type as written ("text" by default). */
  public String type() {
    return fields.type();
  }

  public String subtype() {
    return fields.subtype();
  }

  /** The Content-Type parameters, RFC 2231 continuations joined; text always has a charset. */
  public List<Parameter> parameters() {
    return fields.parameters();
  }

  /** The value of the Content-Type parameter of that name (ignoring case), or null. */
  public String parameter(String name) {
    return Parameter.find(fields.parameters(), name);
  }

  public String id() {
    return fields.id();
  }

  public String description() {
    return fields.description();
  }

  /** The Content-Transfer-Encoding as written ("7bit" by default). */
  public String encoding() {
    return fields.encoding();
  }

  public String md5() {
    return fields.md5();
  }

  public Disposition disposition() {
    return fields.disposition();
  }

  /** The Content-Language tags, or null. */
  public List<String> language() {
    return fields.language();
  }

  public String location() {
    return fields.location();
  }

  public boolean isText() {
    return fields.isText();
  }

  /** The parts of a multipart, in order; empty for other kinds. */
  public List<MimePart> children() {
    return children;
  }

  /**
   * For a MESSAGE part, the root entity of the enclosed message, whose header is that message's
   * header; else null.
   */
  public MimePart enclosed() {
    return enclosed;
  }

  /** For a MESSAGE part, the envelope of the enclosed message; else null. */
  public Envelope envelope() {
    return envelope;
  }

  @Override
  public String toString() {
    return "MimePart[" + type() + "/" + subtype() + ", header " + headerOffset + "+" + headerLength
        + ", body +" + bodyLength + ", " + kind + "]";
  }
}
