package org.lemongate.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lemongate.config.StoreConfig;
import org.lemongate.demo.SampleMail;
import org.lemongate.store.MailStore;
import org.lemongate.store.MailStore.ParsedDownload;
import org.lemongate.store.StoreResults.PopDownload;
import org.lemongate.testing.TempDirectories;

/**
 * The store's share of a first sync, without POP: 10,000 parsed messages of the sample mix
 * (about 110 MB) written into INBOX in the sync's batches of 256, one batch after the other as the
 * sync writes them. Prints the time, MB/s and the CPU used, by thread group.
 *
 * <p>Run: {@code mvn -Pbench test-compile exec:exec -Dbench=StoreIngestBenchmark}. Options:
 * {@code -Dbench.options="-Dmessages=N -Drounds=N"} (each round writes into a fresh store, deleted after it; the
 * first ones warm the JIT up).
 */
public final class StoreIngestBenchmark {
  public static void main(String[] args) throws Exception {
    int messages = Integer.getInteger("messages", 10_000);
    int rounds = Integer.getInteger("rounds", 4);
    SampleMail samples = new SampleMail(1);
    List<ParsedDownload> parsed = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < messages; i++) {
      byte[] raw = samples.next();
      parsed.add(ParsedDownload.of(new PopDownload("uidl-" + i, raw.length, raw)));
      bytes += raw.length;
    }
    System.out.printf("messages: %,d, %,.1f MB%n", messages, bytes / 1e6);
    Vertx vertx = Vertx.vertx();
    Path work = Files.createTempDirectory("lemongate-ingest");
    try {
      for (int round = 1; round <= rounds; round++) {
        Path dir = work.resolve("store-" + round);
        MailStore store = MailStore.open(vertx, new StoreConfig(dir, 16,
            Duration.ofHours(1), Duration.ofHours(1), Duration.ofDays(30)));
        Map<String, Double> before = ThreadCpu.byGroup();
        long start = System.nanoTime();
        Future<?> chain = Future.succeededFuture();
        for (int from = 0; from < messages; from += 256) {
          List<ParsedDownload> batch = parsed.subList(from, Math.min(messages, from + 256));
          chain = chain.compose(previous -> store.storeParsedFromPop("ingest", batch));
        }
        chain.toCompletionStage().toCompletableFuture().get();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("round %d: %.2f s, %,.0f messages/s, %,.1f MB/s; CPU: %s%n", round, seconds,
            messages / seconds, bytes / 1e6 / seconds, ThreadCpu.difference(before, ThreadCpu.byGroup()));
        store.close();
        TempDirectories.delete(dir);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
      TempDirectories.delete(work);
    }
  }
}
