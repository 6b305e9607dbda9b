package org.lemongate;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
class SmokeTest {
  @Test void openssl() { assertThat(io.vertx.core.net.OpenSSLEngineOptions.isAvailable()).isTrue(); }
}
