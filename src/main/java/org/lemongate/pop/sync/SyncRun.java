package org.lemongate.pop.sync;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.lemongate.mime.OversizeNotice;
import org.lemongate.pop.client.Pop3Client;
import org.lemongate.pop.client.Pop3Exception;
import org.lemongate.store.MailStore;
import org.lemongate.store.StoreResults.PopDownload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One sync of one user over an authenticated POP session (design.md, "Sync, step by step"):
 * listing, expunge of what vanished, download of what is new in POP order (a notice in place of a
 * message over the size limit), DELE of what the user expunged, and QUIT, which alone commits the
 * deletions.
 */
final class SyncRun {
  /** Bytes of messages requested but not yet stored: bounds memory, keeps the pipe full. */
  private static final long DOWNLOAD_WINDOW_BYTES = 16L * 1024 * 1024;
  /**
   * A store write (one synced batch) waits for this many bytes or messages, so the cost of a disk
   * flush is shared by many messages; whatever remains is written when the downloads are done.
   */
  private static final long BATCH_BYTES = 4L * 1024 * 1024;
  private static final int BATCH_MESSAGES = 256;
  /** What a notice for a message over the size limit is counted as in the download memory. */
  private static final long NOTICE_BYTES = 64L * 1024;

  private static final Logger log = LoggerFactory.getLogger(SyncRun.class);

  private final MailStore store;
  private final Pop3Client client;
  private final String user;
  private final long maxMessageBytes;
  private final boolean confirmsHeldBackVanish;
  private final Map<String, OversizeAnswer.Part> oversizeAnswers;
  private final DownloadBudget budget;

  /**
   * @param confirmsHeldBackVanish true when the previous sync held back a suspicious mass vanish:
   *                               this listing, if it shows it again, confirms it
   * @param oversizeAnswers        messages whose answers crossed the size limit in earlier syncs
   *                               although LIST put them under it
   * @param budget                 the memory for downloads, shared with every other sync
   */
  SyncRun(MailStore store, Pop3Client client, String user, long maxMessageBytes, boolean confirmsHeldBackVanish,
      Map<String, OversizeAnswer.Part> oversizeAnswers, DownloadBudget budget) {
    this.store = store;
    this.client = client;
    this.user = user;
    this.maxMessageBytes = maxMessageBytes;
    this.confirmsHeldBackVanish = confirmsHeldBackVanish;
    this.oversizeAnswers = Map.copyOf(oversizeAnswers);
    this.budget = budget;
  }

  Future<SyncOutcome> run() {
    return ListingReader.read(client)
        .compose(listing -> store.popRecords(user).map(known -> MaildropDiff.compute(listing, known)))
        .compose(diff -> {
          boolean holdBack = diff.suspicious() && !confirmsHeldBackVanish;
          if (holdBack) {
            log.warn("POP listing of {} drops {} messages at once; not expunging them until a second listing"
                + " confirms it", user, diff.vanished().size());
          }
          Future<Void> vanished = holdBack || diff.vanished().isEmpty()
              ? Future.succeededFuture()
              : store.popVanished(user, diff.vanished());
          return vanished
              .compose(v -> new Downloader(diff.download()).start())
              .compose(notices -> deleteAndQuit(diff.delete()).map(deleted -> new SyncOutcome(
                  diff.download().size() - notices, holdBack ? 0 : diff.vanished().size(), deleted, notices,
                  holdBack)));
        });
  }

  /** A message too large to mirror: the mailbox gets a notice in its place, and it stays on the server. */
  private boolean overLimit(String uidl, long listedSize) {
    return listedSize > maxMessageBytes || oversizeAnswers.containsKey(uidl);
  }

  /** The download memory a message takes until it is stored. */
  private long memoryFor(String uidl, long listedSize) {
    return overLimit(uidl, listedSize) ? NOTICE_BYTES : listedSize;
  }

  /** The message, or the notice shown in its place (made from its header) if it is over the limit. */
  private Future<byte[]> fetch(Listing message) {
    if (!overLimit(message.uidl(), message.size())) {
      return client.retr(message.number(), message.size(), maxMessageBytes)
          .recover(failure -> Future.failedFuture(isTooBig(failure)
              ? new OversizeAnswer(message.uidl(), OversizeAnswer.Part.BODY, failure) : failure));
    }
    log.warn("message {} of {} is over the limit of {} bytes (LIST: {}): left on the POP server, a notice shown"
        + " in its place", message.uidl(), user, maxMessageBytes, message.size());
    Future<byte[]> header = oversizeAnswers.get(message.uidl()) == OversizeAnswer.Part.HEADER
        ? Future.succeededFuture(null)
        : client.top(message.number(), 0).recover(failure -> {
          if (isTooBig(failure)) {
            return Future.failedFuture(new OversizeAnswer(message.uidl(), OversizeAnswer.Part.HEADER, failure));
          }
          // TOP is optional (RFC 1939 section 7): without it, the notice says less.
          return kindOf(failure) == Pop3Exception.Kind.COMMAND_FAILED
              ? Future.succeededFuture(null) : Future.failedFuture(failure);
        });
    return header.map(fields -> OversizeNotice.compose(fields, message.size(), maxMessageBytes,
        ZonedDateTime.now(ZoneOffset.UTC)));
  }

  private static boolean isTooBig(Throwable failure) {
    return kindOf(failure) == Pop3Exception.Kind.TOO_BIG;
  }

  private static Pop3Exception.Kind kindOf(Throwable failure) {
    return failure instanceof Pop3Exception pop ? pop.kind() : null;
  }

  /**
   * Pipelined RETRs within a byte window and the shared {@link DownloadBudget}. Messages are stored
   * in POP order, in batches (group commit); while one batch is written the next is parsed and the
   * following ones download.
   */
  private final class Downloader {
    private final Deque<Listing> toRequest;
    private final Promise<Integer> done = Promise.promise();
    private List<PopDownload> arrived = new ArrayList<>();
    private long arrivedBytes;
    /** Bytes requested and not yet stored, all taken from the budget. */
    private long bytesInFlight;
    /** RETRs sent and not yet answered. */
    private int outstanding;
    private boolean waitingForBudget;
    private int notStored;
    private int notices;
    /** The last message requested: the next one is taken after it. */
    private Future<byte[]> previousFetch = Future.succeededFuture();
    /** The last batch's write; the next batch's write starts after it, keeping the POP order. */
    private Future<?> lastWrite = Future.succeededFuture();
    private int batchesInFlight;

    Downloader(List<Listing> messages) {
      this.toRequest = new ArrayDeque<>(messages);
      this.notStored = messages.size();
    }

    /** Downloads and stores every message; the future tells how many were notices. */
    Future<Integer> start() {
      if (notStored == 0) {
        done.tryComplete(0);
      }
      requestMore();
      return done.future();
    }

    /** Ends the download; what it still held goes back to the budget, once. */
    private void fail(Throwable cause) {
      if (done.tryFail(cause)) {
        budget.give(bytesInFlight);
        bytesInFlight = 0;
      }
    }

    private void requestMore() {
      while (!toRequest.isEmpty() && bytesInFlight < DOWNLOAD_WINDOW_BYTES && !done.future().isComplete()) {
        Listing message = toRequest.peek();
        long memory = memoryFor(message.uidl(), message.size());
        if (!budget.tryTake(memory, bytesInFlight == 0)) {
          if (!waitingForBudget) {
            waitingForBudget = true;
            budget.whenFreed(() -> {
              waitingForBudget = false;
              requestMore();
            });
          }
          return;
        }
        toRequest.poll();
        bytesInFlight += memory;
        outstanding++;
        // Answers come in the order asked, but a notice made without asking the server is ready at
        // once: it waits its turn, so that messages are stored in POP order.
        Future<byte[]> fetched = fetch(message);
        Future<byte[]> inTurn = previousFetch.transform(previous -> fetched);
        previousFetch = inTurn;
        inTurn.onComplete(result -> {
          outstanding--;
          if (done.future().isComplete()) {
            return;
          }
          if (result.failed()) {
            fail(result.cause());
            return;
          }
          byte[] raw = result.result();
          arrived.add(new PopDownload(message.uidl(), message.size(), raw));
          arrivedBytes += raw.length;
          batchArrived();
        });
      }
    }

    /**
     * Starts parsing and storing what arrived, once it makes a batch or nothing more is on its way
     * (the last messages, or all the download memory allowed: waiting would free none).
     */
    private void batchArrived() {
      boolean batchFull = arrivedBytes >= BATCH_BYTES || arrived.size() >= BATCH_MESSAGES;
      if (batchesInFlight >= 2 || arrived.isEmpty() || done.future().isComplete()
          || !(batchFull || outstanding == 0)) {
        return;
      }
      List<PopDownload> batch = arrived;
      arrived = new ArrayList<>();
      arrivedBytes = 0;
      batchesInFlight++;
      Future<List<MailStore.ParsedDownload>> parsed = store.parse(batch);
      lastWrite = lastWrite.compose(previous -> parsed).compose(messages -> store.storeParsedFromPop(user, messages))
          .onComplete(stored -> {
            batchesInFlight--;
            if (done.future().isComplete()) {
              return;
            }
            if (stored.failed()) {
              fail(stored.cause());
              return;
            }
            notStored -= batch.size();
            long storedBytes = 0;
            for (PopDownload download : batch) {
              storedBytes += memoryFor(download.uidl(), download.popSize());
              notices += overLimit(download.uidl(), download.popSize()) ? 1 : 0;
            }
            bytesInFlight -= storedBytes;
            budget.give(storedBytes);
            if (notStored == 0) {
              done.tryComplete(notices);
            } else {
              requestMore();
              batchArrived();
            }
          });
    }
  }

  /** DELEs the user's expunged messages, then QUIT; only a +OK to QUIT marks them deleted. */
  private Future<Integer> deleteAndQuit(List<Listing> toDelete) {
    List<Future<String>> deletions = new ArrayList<>();
    for (Listing message : toDelete) {
      deletions.add(client.dele(message.number()).map(v -> message.uidl())
          .otherwise(failure -> {
            log.warn("POP server refused DELE of {} for {}: {}; will retry", message.uidl(), user,
                failure.getMessage());
            return null;
          }));
    }
    return Future.join(deletions).compose(all -> client.quit()).compose(quit -> {
      List<String> deleted = new ArrayList<>();
      for (Future<String> deletion : deletions) {
        if (deletion.result() != null) {
          deleted.add(deletion.result());
        }
      }
      return deleted.isEmpty() ? Future.succeededFuture(0) : store.popDeleted(user, deleted).map(v -> deleted.size());
    });
  }
}
