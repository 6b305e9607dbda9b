package org.lemongate.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.lemongate.auth.Credentials;
import org.lemongate.config.TlsMode;
import org.lemongate.demo.SampleMail;
import org.lemongate.pop.client.Pop3Connector;
import org.lemongate.testing.DovecotPop3;

public final class ClientOnlyProbe {
  public static void main(String[] args) throws Exception {
    int messages = 10000;
    try (DovecotPop3 dovecot = DovecotPop3.start()) {
      dovecot.addUser("bench", "pw");
      SampleMail samples = new SampleMail(1);
      for (int i = 0; i < messages; i++) {
        dovecot.deliver("bench", new String(samples.next(), StandardCharsets.UTF_8).replace("\r\n", "\n"));
      }
      Vertx vertx = Vertx.vertx();
      for (int round = 0; round < 3; round++) {
        var client = Pop3Connector.create(vertx, dovecot.backend(TlsMode.NONE)).connect()
            .compose(c -> c.login(new Credentials("bench", "pw")).map(c)).toCompletionStage().toCompletableFuture().get();
        long start = System.nanoTime();
        List<Future<?>> all = new ArrayList<>();
        for (int i = 1; i <= messages; i++) {
          all.add(client.retr(i, 1 << 26));
        }
        Future.all(all).toCompletionStage().toCompletableFuture().get();
        System.out.printf("client only: %.2f s%n", (System.nanoTime() - start) / 1e9);
        client.quit().toCompletionStage().toCompletableFuture().get();
      }
      vertx.close();
    }
  }
}
