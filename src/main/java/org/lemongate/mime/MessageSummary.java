package org.lemongate.mime;

import java.util.List;
import java.util.OptionalLong;
import org.lemongate.bytes.ByteScan;

/**
 * What IMAP needs to know about one message without reading it again: computed once by
 * {@link #parse(byte[])} when the message enters the store, cached next to it with
 * {@link #toBytes()}, restored with {@link #fromBytes(byte[])}. Immutable and thread-safe.
 *
 * <p>It holds the MIME tree with the byte offsets of every part (for {@link MessageSections}),
 * the ENVELOPE, the Date and Received dates, and the decoded Subject, From, To, Cc and Bcc for
 * SEARCH and SORT; it renders ENVELOPE, BODY and BODYSTRUCTURE for any {@link ImapDialect}.
 */
public final class MessageSummary {

  /**
   * Most levels of MIME nesting parsed, the message itself being the first (Dovecot's
   * {@code max_nested_mime_parts}): a multipart or message/rfc822 part on the last level is
   * shown as an opaque {@code application/octet-stream} body.
   */
  public static final int MAX_DEPTH = 100;

  /**
   * Most entities parsed in one message (as in Dovecot's {@code max_total_mime_parts}); the last
   * one takes the rest of the message as its body.
   */
  public static final int MAX_PARTS = 10_000;

  private final int size;
  private final boolean containsNul;
  private final MimePart root;
  private final Envelope envelope;
  private final OptionalLong sentDate;
  private final OptionalLong receivedDate;
  private final SearchHeaders searchHeaders;

  /** Decoded header text kept for SEARCH and SORT; null where the field is absent. */
  record SearchHeaders(String subject, String from, String to, String cc, String bcc) {}

  MessageSummary(int size, boolean containsNul, MimePart root, Envelope envelope,
      OptionalLong sentDate, OptionalLong receivedDate, SearchHeaders searchHeaders) {
    this.size = size;
    this.containsNul = containsNul;
    this.root = root;
    this.envelope = envelope;
    this.sentDate = sentDate;
    this.receivedDate = receivedDate;
    this.searchHeaders = searchHeaders;
  }

  /** Parses a raw RFC 5322 message. Never throws on its content, however broken. */
  public static MessageSummary parse(byte[] raw) {
    MimeParser.Result parsed = MimeParser.parse(raw);
    HeaderBlock header = parsed.header();
    SearchHeaders searchHeaders = new SearchHeaders(
        HeaderText.decode(header.first("Subject")),
        decodedAll(header, "From"),
        decodedAll(header, "To"),
        decodedAll(header, "Cc"),
        decodedAll(header, "Bcc"));
    return new MessageSummary(raw.length, ByteScan.indexOf(raw, (byte) 0, 0, raw.length) >= 0, parsed.root(), Envelope.of(header),
        MailDates.parse(header.first("Date")), MailDates.receivedDate(header.first("Received")),
        searchHeaders);
  }

  /** Reads a summary written by {@link #toBytes()}. */
  public static MessageSummary fromBytes(byte[] bytes) throws SummaryFormatException {
    return SummaryCodec.decode(bytes);
  }

  /** A compact, versioned, checksummed binary form of this summary. */
  public byte[] toBytes() {
    return SummaryCodec.encode(this);
  }

  /** The size of the raw message in octets: RFC822.SIZE. */
  public int size() {
    return size;
  }

  /**
   * True if the message holds a NUL byte anywhere. IMAP strings cannot carry NUL, so a server
   * serving such a message outside BINARY must alter it (Dovecot sends 0x80 instead).
   */
  public boolean containsNul() {
    return containsNul;
  }

  /** The root entity: the message itself. */
  public MimePart root() {
    return root;
  }

  /** The length of the top-level header block, its ending empty line included. */
  public int headerLength() {
    return root.headerLength();
  }

  public Envelope envelope() {
    return envelope;
  }

  /** The instant of the Date field, if it could be read: what SORT DATE uses (RFC 5256). */
  public OptionalLong sentDate() {
    return sentDate;
  }

  /** The instant at the end of the topmost Received field, if it could be read. */
  public OptionalLong receivedDate() {
    return receivedDate;
  }

  /** INTERNALDATE by the rule of {@link MailDates#internalDate(byte[], long)}. */
  public long internalDate(long arrivalMillis) {
    return receivedDate.orElse(sentDate.orElse(arrivalMillis));
  }

  /** The first Subject field, unfolded and decoded (RFC 2047); null if absent. */
  public String subject() {
    return searchHeaders.subject();
  }

  /** All From fields, unfolded, decoded and joined by ", "; null if absent. */
  public String from() {
    return searchHeaders.from();
  }

  public String to() {
    return searchHeaders.to();
  }

  public String cc() {
    return searchHeaders.cc();
  }

  public String bcc() {
    return searchHeaders.bcc();
  }

  public byte[] renderEnvelope(ImapDialect dialect) {
    return FetchRenderer.envelope(envelope, dialect);
  }

  /** The BODY fetch item: the structure without extension data. */
  public byte[] renderBody(ImapDialect dialect) {
    return FetchRenderer.body(root, false, dialect);
  }

  /** The BODYSTRUCTURE fetch item, with all extension data. */
  public byte[] renderBodyStructure(ImapDialect dialect) {
    return FetchRenderer.body(root, true, dialect);
  }

  SearchHeaders searchHeaders() {
    return searchHeaders;
  }

  private static String decodedAll(HeaderBlock header, String name) {
    List<String> values = header.all(name);
    return values.isEmpty()
        ? null
        : String.join(", ", values.stream().map(HeaderText::decode).toList());
  }

}
