package org.lemongate.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lemongate.testing.DovecotPop3;
import org.lemongate.testing.FreePorts;
import org.lemongate.testing.ImapTestClient;

/** A POP server that cannot be reached is not a wrong password: NO [UNAVAILABLE], at once. */
class PopUnavailableTest {
  @TempDir
  Path storeDir;

  @Test
  void anUnreachablePopServerIsReportedAsUnavailable() throws Exception {
    int closedPort = FreePorts.distinct(1)[0];
    try (DovecotPop3 dovecot = DovecotPop3.start();
         GatewayFixture gateway = GatewayFixture.start(dovecot, storeDir,
             Map.of("pop.default.port", Integer.toString(closedPort)));
         ImapTestClient client = ImapTestClient.connect("127.0.0.1", gateway.imapPort)) {
      long start = System.nanoTime();
      String answer = client.command("LOGIN someone secret").tagged().text();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(answer).contains("NO [UNAVAILABLE]").doesNotContain("AUTHENTICATIONFAILED");
      assertThat(millis).isLessThan(3_000);
      client.command("NOOP").requireOk();
    }
  }
}
