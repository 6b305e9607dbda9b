package org.lemongate.mime;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.zip.CRC32C;
import org.lemongate.mime.MimePart.Kind;

/**
 * The cached form of a {@link MessageSummary}.
 *
 * <pre>
 *   "LGMS" version:u8 size:varint flags:u8 [sentDate:zigzag] [receivedDate:zigzag]
 *   subject from to cc bcc:text  envelope  part  crc32c:u32
 *
 *   part     = kind:u8 headerOffset headerLength bodyLength bodyLines:varint
 *              type subtype:octets params id description:octets encoding:octets md5:octets
 *              disposition language location:octets
 *              (MULTIPART: count:varint part*) (MESSAGE: envelope part)
 *   envelope = date subject:octets 6 x addresses inReplyTo messageId:octets
 *   strings  = length+1:varint bytes (0 is null); "octets" in ISO-8859-1, "text" in UTF-8
 * </pre>
 *
 * Varints are unsigned LEB128. The CRC covers everything before it, so a damaged entry is
 * detected rather than misread; every count and offset is checked as well.
 */
final class SummaryCodec {

  private static final byte[] MAGIC = {'L', 'G', 'M', 'S'};
  private static final int VERSION = 1;
  private static final int FLAG_NUL = 1;
  private static final int FLAG_SENT_DATE = 2;
  private static final int FLAG_RECEIVED_DATE = 4;

  private SummaryCodec() {}

  static byte[] encode(MessageSummary s) {
    Writer w = new Writer();
    w.writeBytes(MAGIC);
    w.write(VERSION);
    w.varint(s.size());
    int flags = (s.containsNul() ? FLAG_NUL : 0)
        | (s.sentDate().isPresent() ? FLAG_SENT_DATE : 0)
        | (s.receivedDate().isPresent() ? FLAG_RECEIVED_DATE : 0);
    w.write(flags);
    s.sentDate().ifPresent(w::zigzag);
    s.receivedDate().ifPresent(w::zigzag);
    MessageSummary.SearchHeaders h = s.searchHeaders();
    for (String text : new String[] {h.subject(), h.from(), h.to(), h.cc(), h.bcc()}) {
      w.string(text, UTF_8);
    }
    w.envelope(s.envelope());
    w.part(s.root());
    CRC32C crc = new CRC32C();
    crc.update(w.bytes, 0, w.length);
    w.u32((int) crc.getValue());
    return Arrays.copyOf(w.bytes, w.length);
  }

  static MessageSummary decode(byte[] bytes) {
    if (bytes == null || bytes.length < MAGIC.length + 1 + 4) {
      throw new SummaryFormatException("summary too short to be one");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        throw new SummaryFormatException("not a message summary (bad magic)");
      }
    }
    int version = bytes[MAGIC.length] & 0xFF;
    if (version != VERSION) {
      throw new SummaryFormatException("unsupported summary format version " + version);
    }
    int end = bytes.length - 4;
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, end);
    int stored = (bytes[end] & 0xFF) << 24 | (bytes[end + 1] & 0xFF) << 16
        | (bytes[end + 2] & 0xFF) << 8 | (bytes[end + 3] & 0xFF);
    if ((int) crc.getValue() != stored) {
      throw new SummaryFormatException("summary checksum mismatch: the cache entry is corrupt");
    }
    Reader r = new Reader(bytes, MAGIC.length + 1, end);
    int size = r.varint();
    int flags = r.u8();
    OptionalLong sent = (flags & FLAG_SENT_DATE) != 0
        ? OptionalLong.of(r.zigzag()) : OptionalLong.empty();
    OptionalLong received = (flags & FLAG_RECEIVED_DATE) != 0
        ? OptionalLong.of(r.zigzag()) : OptionalLong.empty();
    MessageSummary.SearchHeaders h = new MessageSummary.SearchHeaders(
        r.string(UTF_8), r.string(UTF_8), r.string(UTF_8), r.string(UTF_8), r.string(UTF_8));
    Envelope envelope = r.envelope();
    MimePart root = r.part(size, 0);
    if (r.pos != end) {
      throw new SummaryFormatException("trailing bytes after the summary at offset " + r.pos);
    }
    return new MessageSummary(size, (flags & FLAG_NUL) != 0, root, envelope, sent, received, h);
  }

  /** Appends to a plain array (ByteArrayOutputStream would take a lock for every byte). */
  private static final class Writer {
    byte[] bytes = new byte[512];
    int length;

    void write(int b) {
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, 2 * length);
      }
      bytes[length++] = (byte) b;
    }

    void writeBytes(byte[] b) {
      if (length + b.length > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, length + b.length));
      }
      System.arraycopy(b, 0, bytes, length, b.length);
      length += b.length;
    }

    void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        write((int) (v & 0x7F) | 0x80);
        v >>>= 7;
      }
      write((int) v);
    }

    void zigzag(long v) {
      varint((v << 1) ^ (v >> 63));
    }

    void u32(int v) {
      write(v >>> 24);
      write(v >>> 16);
      write(v >>> 8);
      write(v);
    }

    void string(String s, Charset charset) {
      if (s == null) {
        varint(0);
        return;
      }
      byte[] b = s.getBytes(charset);
      varint(b.length + 1L);
      writeBytes(b);
    }

    void octets(String s) {
      string(s, ISO_8859_1);
    }

    void parameters(List<Parameter> parameters) {
      varint(parameters.size());
      for (Parameter p : parameters) {
        octets(p.name());
        octets(p.value());
      }
    }

    void envelope(Envelope e) {
      octets(e.date());
      octets(e.subject());
      for (List<Address> list : e.addressLists()) {
        varint(list.size());
        for (Address a : list) {
          octets(a.name());
          octets(a.route());
          octets(a.mailbox());
          octets(a.host());
        }
      }
      octets(e.inReplyTo());
      octets(e.messageId());
    }

    void part(MimePart p) {
      write(p.kind().ordinal());
      varint(p.headerOffset());
      varint(p.headerLength());
      varint(p.bodyLength());
      varint(p.bodyLines());
      octets(p.type());
      octets(p.subtype());
      parameters(p.parameters());
      octets(p.id());
      octets(p.description());
      octets(p.encoding());
      octets(p.md5());
      Disposition d = p.disposition();
      write(d == null ? 0 : 1);
      if (d != null) {
        octets(d.type());
        parameters(d.parameters());
      }
      varint(p.language() == null ? 0 : p.language().size() + 1L);
      if (p.language() != null) {
        p.language().forEach(this::octets);
      }
      octets(p.location());
      if (p.kind() == Kind.MULTIPART) {
        varint(p.children().size());
        p.children().forEach(this::part);
      } else if (p.kind() == Kind.MESSAGE) {
        envelope(p.envelope());
        part(p.enclosed());
      }
    }
  }

  private static final class Reader {
    final byte[] b;
    final int end;
    int pos;

    Reader(byte[] b, int pos, int end) {
      this.b = b;
      this.pos = pos;
      this.end = end;
    }

    int u8() {
      if (pos >= end) {
        throw corrupt("truncated");
      }
      return b[pos++] & 0xFF;
    }

    long varlong() {
      long v = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int x = u8();
        v |= (long) (x & 0x7F) << shift;
        if ((x & 0x80) == 0) {
          return v;
        }
      }
      throw corrupt("varint too long");
    }

    int varint() {
      long v = varlong();
      if (v < 0 || v > Integer.MAX_VALUE) {
        throw corrupt("number out of range");
      }
      return (int) v;
    }

    long zigzag() {
      long v = varlong();
      return (v >>> 1) ^ -(v & 1);
    }

    /** A count of items that each take at least one byte, so it cannot exceed what is left. */
    int count() {
      int n = varint();
      if (n > end - pos) {
        throw corrupt("count " + n + " exceeds the data left");
      }
      return n;
    }

    String string(Charset charset) {
      int n = varint();
      if (n == 0) {
        return null;
      }
      n--;
      if (n > end - pos) {
        throw corrupt("string length " + n + " exceeds the data left");
      }
      String s = new String(b, pos, n, charset);
      pos += n;
      return s;
    }

    String octets() {
      return string(ISO_8859_1);
    }

    String requiredOctets() {
      String s = octets();
      if (s == null) {
        throw corrupt("missing required string");
      }
      return s;
    }

    List<Parameter> parameters() {
      int n = count();
      List<Parameter> list = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        list.add(new Parameter(requiredOctets(), requiredOctets()));
      }
      return list;
    }

    Envelope envelope() {
      String date = octets();
      String subject = octets();
      List<List<Address>> lists = new ArrayList<>(6);
      for (int i = 0; i < 6; i++) {
        int n = count();
        List<Address> list = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
          list.add(new Address(octets(), octets(), octets(), octets()));
        }
        lists.add(list);
      }
      return new Envelope(date, subject, lists.get(0), lists.get(1), lists.get(2), lists.get(3),
          lists.get(4), lists.get(5), octets(), octets());
    }

    MimePart part(int messageSize, int depth) {
      if (depth > MessageSummary.MAX_DEPTH + 1) {
        throw corrupt("parts nested too deep");
      }
      int kindIndex = u8();
      if (kindIndex >= Kind.values().length) {
        throw corrupt("unknown part kind " + kindIndex);
      }
      Kind kind = Kind.values()[kindIndex];
      int headerOffset = varint();
      int headerLength = varint();
      int bodyLength = varint();
      int bodyLines = varint();
      if ((long) headerOffset + headerLength + bodyLength > messageSize) {
        throw corrupt("part extends beyond the message");
      }
      String type = requiredOctets();
      String subtype = requiredOctets();
      List<Parameter> parameters = parameters();
      String id = octets();
      String description = octets();
      String encoding = requiredOctets();
      String md5 = octets();
      Disposition disposition = u8() == 0 ? null : new Disposition(requiredOctets(), parameters());
      int languages = varint();
      List<String> language = null;
      if (languages > 0) {
        if (languages - 1 > end - pos) {
          throw corrupt("language count exceeds the data left");
        }
        language = new ArrayList<>(languages - 1);
        for (int i = 1; i < languages; i++) {
          language.add(requiredOctets());
        }
      }
      String location = octets();
      MimeFields fields = new MimeFields(type, subtype, parameters, id, description, encoding, md5,
          disposition, language, location);
      List<MimePart> children = new ArrayList<>();
      MimePart enclosed = null;
      Envelope envelope = null;
      if (kind == Kind.MULTIPART) {
        int n = count();
        for (int i = 0; i < n; i++) {
          children.add(part(messageSize, depth + 1));
        }
      } else if (kind == Kind.MESSAGE) {
        envelope = envelope();
        enclosed = part(messageSize, depth + 1);
      }
      return new MimePart(kind, fields, headerOffset, headerLength, bodyLength, bodyLines,
          children, enclosed, envelope);
    }

    private SummaryFormatException corrupt(String what) {
      return new SummaryFormatException("corrupt summary at offset " + pos + ": " + what);
    }
  }
}
