package org.lemongate.imap.search;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.lemongate.imap.command.Command;
import org.lemongate.imap.protocol.SearchReturnOption;
import org.lemongate.imap.protocol.SequenceSet;
import org.lemongate.imap.response.ESearchData;
import org.lemongate.imap.response.ResponseWriter;
import org.lemongate.store.MessageRecord;

/**
 * The messages a SEARCH found, in sequence-number order, and the answer made of them: a SEARCH
 * response (IMAP4rev1), an ESEARCH response (RETURN options, RFC 4731; every SEARCH in
 * IMAP4rev2), or nothing (RETURN (SAVE) alone), and the new value of {@code $} (RFC 5182).
 * Immutable.
 */
public final class SearchResult {

  private final long[] messageNumbers;
  private final long[] uids;
  private final long[] modSeqs;
  private final boolean searchedModSeq;

  private SearchResult(long[] messageNumbers, long[] uids, long[] modSeqs, boolean searchedModSeq) {
    this.messageNumbers = messageNumbers;
    this.uids = uids;
    this.modSeqs = modSeqs;
    this.searchedModSeq = searchedModSeq;
  }

  /** Collects matches; get one from {@link SearchPlan#resultBuilder()}. */
  public static final class Builder {
    private final boolean searchedModSeq;
    private long[] messageNumbers = new long[16];
    private long[] uids = new long[16];
    private long[] modSeqs = new long[16];
    private int count;

    Builder(boolean searchedModSeq) {
      this.searchedModSeq = searchedModSeq;
    }

    /**
     * Adds a matching message.
     *
     * @throws IllegalArgumentException unless messages come in ascending sequence-number order
     */
    public Builder add(long messageNumber, MessageRecord record) {
      if (count > 0 && messageNumber <= messageNumbers[count - 1]) {
        throw new IllegalArgumentException(
            "message " + messageNumber + " after " + messageNumbers[count - 1]);
      }
      if (count == messageNumbers.length) {
        messageNumbers = Arrays.copyOf(messageNumbers, count * 2);
        uids = Arrays.copyOf(uids, count * 2);
        modSeqs = Arrays.copyOf(modSeqs, count * 2);
      }
      messageNumbers[count] = messageNumber;
      uids[count] = record.uid();
      modSeqs[count] = record.modSeq();
      count++;
      return this;
    }

    public SearchResult build() {
      return new SearchResult(Arrays.copyOf(messageNumbers, count), Arrays.copyOf(uids, count),
          Arrays.copyOf(modSeqs, count), searchedModSeq);
    }
  }

  /** How many messages matched. */
  public int count() {
    return uids.length;
  }

  /** The sequence numbers of the matches, ascending. */
  public long[] messageNumbers() {
    return messageNumbers.clone();
  }

  /** The UIDs of the matches, ascending. */
  public long[] uids() {
    return uids.clone();
  }

  /**
   * Writes the answer to the command: {@code * SEARCH} in an IMAP4rev1 session without RETURN
   * options, with {@code (MODSEQ n)} after a MODSEQ key found something (RFC 7162 §3.1.6);
   * otherwise {@code * ESEARCH}, taking no options as ALL in IMAP4rev2 (RFC 9051 §6.4.4); nothing
   * at all for RETURN (SAVE) alone, which suppresses the answer (RFC 9051 §6.4.4, RFC 5182 §1).
   *
   * @param tag        the command's tag, for the ESEARCH correlator
   * @param imap4rev2  the session enabled IMAP4rev2, which has no SEARCH response
   */
  public void writeTo(ResponseWriter out, String tag, Command.Search command, boolean imap4rev2) {
    Set<SearchReturnOption> options = command.returnOptions();
    if (options == null && !imap4rev2) {
      out.search(command.uid() ? uids : messageNumbers,
          searchedModSeq && count() > 0 ? highestModSeq() : null);
      return;
    }
    if (options == null) {
      options = EnumSet.of(SearchReturnOption.ALL);
    }
    if (options.equals(Set.of(SearchReturnOption.SAVE))) {
      return;
    }
    out.esearch(tag, command.uid(), esearchData(command.uid(), options));
  }

  /**
   * The data of an ESEARCH response (RFC 4731 §3.1, RFC 9051 §6.4.4): MIN, MAX and ALL when asked
   * for and something matched, COUNT whenever asked for, and MODSEQ after a MODSEQ key found
   * something (RFC 4731 §3.2: the highest mod-sequence of the messages MIN and MAX return when
   * they are asked for without ALL and COUNT, else of all matches).
   */
  public ESearchData esearchData(boolean uid, Set<SearchReturnOption> options) {
    long[] numbers = uid ? uids : messageNumbers;
    boolean found = count() > 0;
    boolean min = options.contains(SearchReturnOption.MIN) && found;
    boolean max = options.contains(SearchReturnOption.MAX) && found;
    Long modSeq = null;
    if (searchedModSeq && found) {
      modSeq = onlyMinMax(options)
          ? Math.max(min ? modSeqs[0] : 0, max ? modSeqs[count() - 1] : 0)
          : highestModSeq();
    }
    return new ESearchData(
        min ? numbers[0] : null,
        max ? numbers[count() - 1] : null,
        options.contains(SearchReturnOption.COUNT) ? Long.valueOf(count()) : null,
        options.contains(SearchReturnOption.ALL) && found ? sequenceSet(numbers) : null,
        modSeq);
  }

  /**
   * What the search result variable {@code $} holds after RETURN (SAVE), as UIDs: the messages
   * MIN and MAX return when SAVE comes with them but without ALL and COUNT, else every match
   * (RFC 5182 §2.4).
   */
  public SequenceSet savedResult(Set<SearchReturnOption> options) {
    if (count() == 0 || !onlyMinMax(options)) {
      return sequenceSet(uids);
    }
    SequenceSet.Builder saved = SequenceSet.builder();
    if (options.contains(SearchReturnOption.MIN)) {
      saved.add(uids[0]);
    }
    if (options.contains(SearchReturnOption.MAX)) {
      saved.add(uids[count() - 1]);
    }
    return saved.build();
  }

  /** MIN or MAX asked for, without ALL and COUNT. */
  private static boolean onlyMinMax(Set<SearchReturnOption> options) {
    return (options.contains(SearchReturnOption.MIN) || options.contains(SearchReturnOption.MAX))
        && !options.contains(SearchReturnOption.ALL)
        && !options.contains(SearchReturnOption.COUNT);
  }

  private long highestModSeq() {
    long highest = 0;
    for (int i = 0; i < modSeqs.length; i++) {
      highest = Math.max(highest, modSeqs[i]);
    }
    return highest;
  }

  /** Ascending numbers as a set, one range per run of consecutive numbers. */
  private static SequenceSet sequenceSet(long[] ascending) {
    SequenceSet.Builder set = SequenceSet.builder();
    int runStart = 0;
    for (int i = 1; i <= ascending.length; i++) {
      if (i == ascending.length || ascending[i] != ascending[i - 1] + 1) {
        set.addRange(ascending[runStart], ascending[i - 1]);
        runStart = i;
      }
    }
    return set.build();
  }
}
