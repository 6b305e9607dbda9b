package org.lemongate.mime;

import java.util.ArrayList;
import java.util.List;
import org.lemongate.bench.HotCodeBenchmark;
import org.lemongate.demo.SampleMail;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the sync does with every downloaded message on a store worker: parse it into a
 * {@link MessageSummary} and encode that for the store. One operation is a mailbox of 1,000
 * messages of the sample mix (about 11 MB; the exact size is printed at setup), so MB/s = size / time.
 */
public class MimeParseBenchmark extends HotCodeBenchmark {
  private final List<byte[]> messages = new ArrayList<>();
  private final List<MessageSummary> summaries = new ArrayList<>();

  @Setup
  public void corpus() {
    SampleMail samples = new SampleMail(1);
    long bytes = 0;
    for (int i = 0; i < 1_000; i++) {
      byte[] message = samples.next();
      messages.add(message);
      summaries.add(MessageSummary.parse(message));
      bytes += message.length;
    }
    System.out.printf("%ncorpus: %,d messages, %,.2f MB%n", messages.size(), bytes / 1e6);
  }

  @Benchmark
  public void parse(Blackhole sink) {
    for (byte[] message : messages) {
      sink.consume(MessageSummary.parse(message));
    }
  }

  @Benchmark
  public void encodeSummary(Blackhole sink) {
    for (MessageSummary summary : summaries) {
      sink.consume(summary.toBytes());
    }
  }
}
