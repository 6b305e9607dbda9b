package org.lemongate.imap.response;

import org.lemongate.imap.protocol.SequenceSet;

/**
 * The results of a SEARCH with RETURN options, for an ESEARCH response (RFC 4731, RFC 9051
 * §7.3.4). Null fields were not asked for or have no value (MIN and MAX of nothing).
 *
 * @param modSeq  the highest mod-sequence of the matches, when MODSEQ was searched (RFC 7162)
 */
public record ESearchData(Long min, Long max, Long count, SequenceSet all, Long modSeq) {}
