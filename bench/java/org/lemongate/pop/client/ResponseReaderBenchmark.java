package org.lemongate.pop.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.lemongate.bench.HotCodeBenchmark;
import org.lemongate.demo.SampleMail;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What the event loop does with a pipelined download: read 1,000 RETR answers of the sample mix
 * (about 11 MB, dot-stuffed, in 64 KB chunks of native memory as the socket delivers them) into message bodies.
 */
public class ResponseReaderBenchmark extends HotCodeBenchmark {
  private static final int CHUNK_BYTES = 64 * 1024;
  private final List<ByteBuf> chunks = new ArrayList<>();
  private final List<Long> sizes = new ArrayList<>();

  @Setup
  public void stream() {
    SampleMail samples = new SampleMail(1);
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    for (int i = 0; i < 1_000; i++) {
      byte[] message = samples.next();
      sizes.add((long) message.length);
      wire.writeBytes(("+OK " + message.length + " octets\r\n").getBytes());
      boolean lineStart = true;
      for (byte b : message) {
        if (lineStart && b == '.') {
          wire.write('.');
        }
        wire.write(b);
        lineStart = b == '\n';
      }
      wire.writeBytes(".\r\n".getBytes());
    }
    byte[] all = wire.toByteArray();
    for (int i = 0; i < all.length; i += CHUNK_BYTES) {
      int length = Math.min(CHUNK_BYTES, all.length - i);
      chunks.add(Unpooled.directBuffer(length).writeBytes(all, i, length));
    }
    System.out.printf("%nstream: 1,000 answers, %,.2f MB%n", all.length / 1e6);
  }

  @Benchmark
  public void readRetrAnswers(Blackhole sink) throws ProtocolViolation {
    int[] answered = {0};
    ResponseReader reader = new ResponseReader(Pop3Limits.defaults(), new ResponseReader.Listener() {
      @Override
      public Request awaited() {
        return Request.message("RETR", 64L * 1024 * 1024, sizes.get(answered[0]));
      }

      @Override
      public void onResponse(Response response) {
        answered[0]++;
        sink.consume(response.body());
      }
    });
    for (ByteBuf chunk : chunks) {
      reader.feed(chunk);
    }
    if (answered[0] != sizes.size()) {
      throw new IllegalStateException("read " + answered[0] + " answers");
    }
  }
}
