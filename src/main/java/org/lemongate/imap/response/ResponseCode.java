package org.lemongate.imap.response;

import java.util.Collection;
import org.lemongate.imap.protocol.Flag;
import org.lemongate.imap.protocol.SequenceSet;

/**
 * A response code, the bracketed part of a status response ({@code [UIDNEXT 5]}), kept as its
 * wire text without brackets. Use the factories; their arguments are numbers, sets, flags and
 * atoms, which never need quoting.
 */
public record ResponseCode(String text) {
  // RFC 9051 §7.1
  public static final ResponseCode ALERT = new ResponseCode("ALERT");
  public static final ResponseCode PARSE = new ResponseCode("PARSE");
  public static final ResponseCode READ_ONLY = new ResponseCode("READ-ONLY");
  public static final ResponseCode READ_WRITE = new ResponseCode("READ-WRITE");
  public static final ResponseCode TRYCREATE = new ResponseCode("TRYCREATE");
  public static final ResponseCode UNAVAILABLE = new ResponseCode("UNAVAILABLE");
  public static final ResponseCode AUTHENTICATIONFAILED = new ResponseCode("AUTHENTICATIONFAILED");
  public static final ResponseCode AUTHORIZATIONFAILED = new ResponseCode("AUTHORIZATIONFAILED");
  public static final ResponseCode EXPIRED = new ResponseCode("EXPIRED");
  public static final ResponseCode PRIVACYREQUIRED = new ResponseCode("PRIVACYREQUIRED");
  public static final ResponseCode CONTACTADMIN = new ResponseCode("CONTACTADMIN");
  public static final ResponseCode NOPERM = new ResponseCode("NOPERM");
  public static final ResponseCode INUSE = new ResponseCode("INUSE");
  public static final ResponseCode EXPUNGEISSUED = new ResponseCode("EXPUNGEISSUED");
  public static final ResponseCode CORRUPTION = new ResponseCode("CORRUPTION");
  public static final ResponseCode SERVERBUG = new ResponseCode("SERVERBUG");
  public static final ResponseCode CLIENTBUG = new ResponseCode("CLIENTBUG");
  public static final ResponseCode CANNOT = new ResponseCode("CANNOT");
  public static final ResponseCode LIMIT = new ResponseCode("LIMIT");
  public static final ResponseCode OVERQUOTA = new ResponseCode("OVERQUOTA");
  public static final ResponseCode ALREADYEXISTS = new ResponseCode("ALREADYEXISTS");
  public static final ResponseCode NONEXISTENT = new ResponseCode("NONEXISTENT");
  public static final ResponseCode NOTSAVED = new ResponseCode("NOTSAVED");
  public static final ResponseCode HASCHILDREN = new ResponseCode("HASCHILDREN");
  public static final ResponseCode CLOSED = new ResponseCode("CLOSED");
  public static final ResponseCode UNKNOWN_CTE = new ResponseCode("UNKNOWN-CTE");

  /** RFC 4469 §5, RFC 7888 §4: a literal or command too large. */
  public static final ResponseCode TOOBIG = new ResponseCode("TOOBIG");

  /** RFC 7162 §3.1.2.2. */
  public static final ResponseCode NOMODSEQ = new ResponseCode("NOMODSEQ");

  /** RFC 4315 §3. */
  public static final ResponseCode UIDNOTSTICKY = new ResponseCode("UIDNOTSTICKY");

  /** RFC 4978 §4. */
  public static final ResponseCode COMPRESSIONACTIVE = new ResponseCode("COMPRESSIONACTIVE");

  /** RFC 6154 §3: CREATE asked for a special use the server cannot give that mailbox. */
  public static final ResponseCode USEATTR = new ResponseCode("USEATTR");

  public static ResponseCode uidNext(long uid) {
    return new ResponseCode("UIDNEXT " + uid);
  }

  public static ResponseCode uidValidity(long uidValidity) {
    return new ResponseCode("UIDVALIDITY " + uidValidity);
  }

  /** IMAP4rev1 only: the first unseen message's sequence number. */
  public static ResponseCode unseen(long messageNumber) {
    return new ResponseCode("UNSEEN " + messageNumber);
  }

  public static ResponseCode permanentFlags(Collection<Flag> flags) {
    return new ResponseCode("PERMANENTFLAGS " + ResponseWriter.flagListText(flags));
  }

  public static ResponseCode capability(Collection<String> capabilities) {
    return new ResponseCode("CAPABILITY " + String.join(" ", capabilities));
  }

  /** RFC 9051 §6.4.4: the charsets SEARCH supports. */
  public static ResponseCode badCharset(Collection<String> charsets) {
    return new ResponseCode("BADCHARSET (" + String.join(" ", charsets) + ")");
  }

  /** RFC 7162 §3.1.2.1. */
  public static ResponseCode highestModSeq(long modSeq) {
    return new ResponseCode("HIGHESTMODSEQ " + modSeq);
  }

  /** RFC 7162 §3.1.3: the messages a conditional STORE did not change. */
  public static ResponseCode modified(SequenceSet set) {
    return new ResponseCode("MODIFIED " + set);
  }

  /** RFC 4315 §3: APPENDUID uidvalidity uid. */
  public static ResponseCode appendUid(long uidValidity, long uid) {
    return new ResponseCode("APPENDUID " + uidValidity + " " + uid);
  }

  /**
   * RFC 4315 §3: COPYUID uidvalidity source-uids destination-uids. The two sets list UIDs in
   * corresponding order, so both must come from ascending lists of the same length.
   */
  public static ResponseCode copyUid(
      long uidValidity, SequenceSet sourceUids, SequenceSet destinationUids) {
    return new ResponseCode("COPYUID " + uidValidity + " " + sourceUids + " " + destinationUids);
  }

  @Override
  public String toString() {
    return text;
  }
}
