package org.lemongate.pop.sync;

import io.vertx.core.Future;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.lemongate.pop.client.MaildropStatus;
import org.lemongate.pop.client.MessageInfo;
import org.lemongate.pop.client.MessageSize;
import org.lemongate.pop.client.Pop3Client;
import org.lemongate.pop.client.Pop3Exception;

/**
 * Reads a maildrop's listing (STAT, LIST, UIDL) and refuses one that does not add up: a listing
 * that is inconsistent changes nothing and DELEs nothing (design invariant 7). The client already
 * rejects malformed listings, duplicate ids and a LIST that disagrees with UIDL; this adds STAT
 * and the fallback for servers without UIDL.
 */
final class ListingReader {
  /** Prefix of ids derived from headers, for servers without UIDL; a real UIDL never has a space. */
  static final String DIGEST_PREFIX = "headers ";

  private ListingReader() {
  }

  /** STAT, LIST and UIDL go out together (pipelined when the server allows it). */
  static Future<List<Listing>> read(Pop3Client client) {
    Future<MaildropStatus> stat = client.stat();
    Future<List<Listing>> listing = client.scan()
        .map(ListingReader::fromScan)
        .recover(failure -> isUidlUnsupported(failure)
            ? client.list().compose(sizes -> fromHeaderDigests(client, sizes))
            : Future.failedFuture(failure));
    return Future.all(stat, listing).compose(both -> {
      int counted = stat.result().messages();
      int listed = listing.result().size();
      return listed == counted
          ? Future.succeededFuture(listing.result())
          : Future.failedFuture(new InconsistentListingException("STAT counts " + counted
              + " messages but LIST lists " + listed));
    });
  }

  private static List<Listing> fromScan(List<MessageInfo> messages) {
    List<Listing> listing = new ArrayList<>(messages.size());
    for (MessageInfo message : messages) {
      listing.add(new Listing(message.number(), message.uid(), message.octets(), false));
    }
    listing.sort(Comparator.comparingInt(Listing::number));
    return listing;
  }

  /**
   * Without UIDL, a message is known by a digest of its header block (TOP n 0). Messages with the
   * same headers are numbered in POP order and marked ambiguous: they are never DELEd.
   */
  private static Future<List<Listing>> fromHeaderDigests(Pop3Client client, List<MessageSize> sizes) {
    List<MessageSize> ordered = new ArrayList<>(sizes);
    ordered.sort(Comparator.comparingInt(MessageSize::number));
    List<Future<byte[]>> headers = new ArrayList<>();
    for (MessageSize message : ordered) {
      headers.add(client.top(message.number(), 0));
    }
    return Future.all(headers).map(all -> {
      Map<String, Integer> occurrences = new HashMap<>();
      List<String> digests = new ArrayList<>();
      for (Future<byte[]> header : headers) {
        String digest = DIGEST_PREFIX + sha256(header.result());
        digests.add(digest);
        occurrences.merge(digest, 1, Integer::sum);
      }
      Map<String, Integer> ordinal = new HashMap<>();
      List<Listing> listing = new ArrayList<>();
      for (int i = 0; i < ordered.size(); i++) {
        String digest = digests.get(i);
        boolean ambiguous = occurrences.get(digest) > 1;
        String id = ambiguous ? digest + " #" + ordinal.merge(digest, 1, Integer::sum) : digest;
        listing.add(new Listing(ordered.get(i).number(), id, ordered.get(i).octets(), ambiguous));
      }
      return listing;
    });
  }

  private static boolean isUidlUnsupported(Throwable failure) {
    return failure instanceof Pop3Exception e && e.kind() == Pop3Exception.Kind.UIDL_UNSUPPORTED;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
