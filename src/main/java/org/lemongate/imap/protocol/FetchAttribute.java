package org.lemongate.imap.protocol;

import java.util.List;

/** One item a FETCH asks for (RFC 9051 §6.4.5, RFC 3501 §6.4.5, RFC 3516, RFC 7162). */
public sealed interface FetchAttribute
    permits FetchAttribute.Simple,
        FetchAttribute.BodySection,
        FetchAttribute.BinarySection,
        FetchAttribute.BinarySize {

  /** {@code FAST}: FLAGS INTERNALDATE RFC822.SIZE. */
  List<FetchAttribute> FAST = List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE);

  /** {@code ALL}: FAST and ENVELOPE. */
  List<FetchAttribute> ALL =
      List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE);

  /** {@code FULL}: ALL and BODY. */
  List<FetchAttribute> FULL =
      List.of(Simple.FLAGS, Simple.INTERNALDATE, Simple.RFC822_SIZE, Simple.ENVELOPE, Simple.BODY);

  /** True if fetching this sets {@code \Seen} (RFC 9051 §6.4.5: the non-PEEK body items). */
  boolean setsSeen();

  /** The items named by a single word. */
  enum Simple implements FetchAttribute {
    ENVELOPE("ENVELOPE"),
    FLAGS("FLAGS"),
    INTERNALDATE("INTERNALDATE"),
    RFC822_SIZE("RFC822.SIZE"),
    /** BODYSTRUCTURE without extension data. */
    BODY("BODY"),
    BODYSTRUCTURE("BODYSTRUCTURE"),
    UID("UID"),
    /** RFC 7162 §3.1.4.1. */
    MODSEQ("MODSEQ"),
    /** IMAP4rev1: BODY[], and sets \Seen. */
    RFC822("RFC822"),
    /** IMAP4rev1: BODY.PEEK[HEADER]. */
    RFC822_HEADER("RFC822.HEADER"),
    /** IMAP4rev1: BODY[TEXT]. */
    RFC822_TEXT("RFC822.TEXT");

    private final String wireName;

    Simple(String wireName) {
      this.wireName = wireName;
    }

    /** The name as sent and answered. */
    public String wireName() {
      return wireName;
    }

    @Override
    public boolean setsSeen() {
      return this == RFC822 || this == RFC822_TEXT;
    }
  }

  /** {@code BODY[section]<partial>} or {@code BODY.PEEK[section]<partial>}. */
  record BodySection(Section section, boolean peek, Partial partial) implements FetchAttribute {
    @Override
    public boolean setsSeen() {
      return !peek;
    }
  }

  /**
   * {@code BINARY[part]<partial>} or {@code BINARY.PEEK[part]<partial>} (RFC 3516): the part
   * with its content transfer encoding removed.
   */
  record BinarySection(List<Integer> part, boolean peek, Partial partial)
      implements FetchAttribute {
    public BinarySection {
      part = List.copyOf(part);
    }

    @Override
    public boolean setsSeen() {
      return !peek;
    }
  }

  /** {@code BINARY.SIZE[part]} (RFC 3516): the decoded size of a part. */
  record BinarySize(List<Integer> part) implements FetchAttribute {
    public BinarySize {
      part = List.copyOf(part);
    }

    @Override
    public boolean setsSeen() {
      return false;
    }
  }

  /**
   * {@code <offset.length>}: a byte range of the section. The FETCH response names only the
   * offset ({@code BODY[]<0>}).
   */
  record Partial(long offset, long length) {}
}
