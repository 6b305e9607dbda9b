package org.lemongate.imap.fetch;

import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.lemongate.imap.protocol.FetchAttribute;
import org.lemongate.imap.protocol.FetchAttribute.BinarySection;
import org.lemongate.imap.protocol.FetchAttribute.BinarySize;
import org.lemongate.imap.protocol.FetchAttribute.BodySection;
import org.lemongate.imap.protocol.FetchAttribute.Partial;
import org.lemongate.imap.protocol.FetchAttribute.Simple;
import org.lemongate.imap.protocol.Flag;
import org.lemongate.imap.protocol.Section;
import org.lemongate.imap.response.ResponseWriter;
import org.lemongate.mime.BinaryContent;
import org.lemongate.mime.ByteSlice;
import org.lemongate.mime.ImapDialect;
import org.lemongate.mime.MessageSections;
import org.lemongate.mime.MessageSummary;
import org.lemongate.mime.SectionSpec;
import org.lemongate.store.MessageRecord;

/**
 * Writes the FETCH responses of one {@link FetchPlan}, one message at a time, into the session's
 * {@link ResponseWriter}. Stateless apart from the plan and dialect: make one per command.
 *
 * <p><b>Contract of {@link #render}.</b> It writes {@code * n FETCH (...)} into the writer, with
 * every item of the plan in order. Section data of at most {@link #INLINE_LIMIT} bytes is copied
 * into the writer. Larger data is not: the renderer writes up to the literal's announcement
 * ({@code BODY[] {123456}} CRLF), takes everything the writer holds with {@link
 * ResponseWriter#flush()} as a {@link FetchChunk.Text}, adds the data as a {@link
 * FetchChunk.LiteralData}, and carries on writing the rest of the response into the writer. So
 * the caller:
 *
 * <ol>
 *   <li>sends the returned chunks in order (usually there are none), the literal data straight
 *       from the slice, pausing for the socket to drain as needed;
 *   <li>then treats the writer as usual: what it still holds follows the chunks on the wire;
 *   <li>between messages, checks the socket's write queue and waits for it to drain before
 *       rendering the next message, so a large FETCH never piles up in memory.
 * </ol>
 *
 * <p>Outside BINARY, a NUL in message data becomes 0x80, since only a literal8 may carry NUL (RFC
 * 9051 §4.3); sizes are unchanged. BINARY data goes in a literal8 only when it holds a NUL, as RFC
 * 9051 §7.5.2 recommends. A section that does not exist is the empty string, as {@link
 * MessageSections} defines it.
 */
public final class FetchRenderer {

  /** Section data up to this many bytes is copied into the writer; larger data is streamed. */
  public static final int INLINE_LIMIT = 64 * 1024;

  private final FetchPlan plan;
  private final ImapDialect dialect;

  /** @param dialect what the session allows in ENVELOPE and BODYSTRUCTURE strings */
  public FetchRenderer(FetchPlan plan, ImapDialect dialect) {
    this.plan = plan;
    this.dialect = dialect;
  }

  /**
   * Writes the FETCH response of one message (see the class documentation for the output).
   *
   * @param messageNumber  the message sequence number
   * @param record         the message, with its flags and MODSEQ after any implicit {@code \Seen}
   * @param summary        its summary; may be null if the plan needs only the {@link
   *                       MessageData#RECORD}
   * @param raw            its raw bytes; may be null unless the plan needs the {@link
   *                       MessageData#BODY}
   * @return large literal data to send before what the writer holds; usually empty
   * @throws UnknownTransferEncodingException before writing anything, if a BINARY item names a
   *     part whose transfer encoding cannot be decoded: the command fails with {@code NO
   *     [UNKNOWN-CTE]}
   */
  public List<FetchChunk> render(
      ResponseWriter out,
      long messageNumber,
      MessageRecord record,
      MessageSummary summary,
      byte[] raw)
      throws UnknownTransferEncodingException {
    MessageSections sections =
        plan.dataNeeded() == MessageData.BODY ? new MessageSections(raw, summary) : null;
    ByteSlice[] decoded = decodeBinaryItems(sections);
    Response response = new Response(out, record, summary, sections);
    out.startFetch(messageNumber);
    List<FetchAttribute> items = plan.items();
    for (int i = 0; i < items.size(); i++) {
      FetchAttribute item = items.get(i);
      if (item instanceof Simple simple) {
        response.simple(simple);
      } else if (item instanceof BodySection body) {
        ByteSlice data = sections.content(sectionSpec(body.section()));
        response.literal(item, textData(partial(data, body.partial()), summary));
      } else if (item instanceof BinarySection binary) {
        response.literal(item, partial(decoded[i], binary.partial()));
      } else {
        out.fetchBinarySize((BinarySize) item, decoded[i].length());
      }
    }
    out.endFetch();
    return response.chunks == null ? List.of() : response.chunks;
  }

  /**
   * The decoded data of every BINARY and BINARY.SIZE item, by item index (null elsewhere), or
   * null if the plan has none; first, so a failure leaves the writer untouched.
   */
  private ByteSlice[] decodeBinaryItems(MessageSections sections)
      throws UnknownTransferEncodingException {
    ByteSlice[] decoded = null;
    List<FetchAttribute> items = plan.items();
    for (int i = 0; i < items.size(); i++) {
      List<Integer> part;
      if (items.get(i) instanceof BinarySection binary) {
        part = binary.part();
      } else if (items.get(i) instanceof BinarySize size) {
        part = size.part();
      } else {
        continue;
      }
      BinaryContent content = sections.binary(part);
      if (content instanceof BinaryContent.UnknownEncoding unknown) {
        throw new UnknownTransferEncodingException(unknown.encoding());
      }
      if (decoded == null) {
        decoded = new ByteSlice[items.size()];
      }
      decoded[i] = ((BinaryContent.Decoded) content).data();
    }
    return decoded;
  }

  /** One message's response being written, and the chunks it hands back. */
  private final class Response {
    private final ResponseWriter out;
    private final MessageRecord record;
    private final MessageSummary summary;
    private final MessageSections sections;
    private List<FetchChunk> chunks;

    Response(
        ResponseWriter out,
        MessageRecord record,
        MessageSummary summary,
        MessageSections sections) {
      this.out = out;
      this.record = record;
      this.summary = summary;
      this.sections = sections;
    }

    void simple(Simple item) {
      switch (item) {
        case FLAGS -> out.fetchFlags(flags(record));
        case UID -> out.fetchUid(record.uid());
        case INTERNALDATE -> out.fetchInternalDate(InternalDates.dateTime(record.internalDate()));
        case RFC822_SIZE -> out.fetchSize(record.size());
        case MODSEQ -> out.fetchModSeq(record.modSeq());
        case ENVELOPE -> out.fetchEncoded(item, summary.renderEnvelope(dialect));
        case BODY -> out.fetchEncoded(item, summary.renderBody(dialect));
        case BODYSTRUCTURE -> out.fetchEncoded(item, summary.renderBodyStructure(dialect));
        // RFC 9051 §6.4.5 (IMAP4rev1 items): RFC822 is BODY[], RFC822.HEADER is BODY.PEEK[HEADER],
        // RFC822.TEXT is BODY[TEXT], each answered under its own name.
        case RFC822 -> literal(item, textData(sections.content(SectionSpec.content()), summary));
        case RFC822_HEADER ->
            literal(item, textData(sections.content(SectionSpec.header()), summary));
        case RFC822_TEXT -> literal(item, textData(sections.content(SectionSpec.text()), summary));
      }
    }

    /**
     * The item and its data as a literal: a literal8 only for BINARY data holding a NUL. Data
     * above {@link #INLINE_LIMIT} becomes chunks (see the class documentation).
     */
    void literal(FetchAttribute item, ByteSlice data) {
      boolean literal8 = item instanceof BinarySection && data.containsNul();
      out.fetchItem(item);
      if (data.length() <= INLINE_LIMIT) {
        Buffer copy =
            Buffer.buffer(data.length()).appendBytes(data.array(), data.offset(), data.length());
        out.literal(copy, literal8);
        return;
      }
      out.literalStart(data.length(), literal8);
      if (chunks == null) {
        chunks = new ArrayList<>(2);
      }
      chunks.add(new FetchChunk.Text(out.flush()));
      chunks.add(new FetchChunk.LiteralData(data));
    }
  }

  /** Message data for a non-BINARY literal: NUL becomes 0x80 (RFC 9051 §4.3, CHAR8). */
  private static ByteSlice textData(ByteSlice data, MessageSummary summary) {
    return summary.containsNul() ? data.withoutNul() : data;
  }

  private static ByteSlice partial(ByteSlice data, Partial partial) {
    return partial == null ? data : data.partial(partial.offset(), partial.length());
  }

  private static List<Flag> flags(MessageRecord record) {
    List<Flag> flags = new ArrayList<>(record.flags().size());
    for (String name : record.flags()) {
      flags.add(new Flag(name));
    }
    return flags;
  }

  private static SectionSpec sectionSpec(Section section) {
    SectionSpec.Kind kind =
        switch (section.text()) {
          case ALL -> SectionSpec.Kind.CONTENT;
          case HEADER -> SectionSpec.Kind.HEADER;
          case HEADER_FIELDS -> SectionSpec.Kind.HEADER_FIELDS;
          case HEADER_FIELDS_NOT -> SectionSpec.Kind.HEADER_FIELDS_NOT;
          case TEXT -> SectionSpec.Kind.TEXT;
          case MIME -> SectionSpec.Kind.MIME;
        };
    return new SectionSpec(section.part(), kind, section.headerFields());
  }
}
