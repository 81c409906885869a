package dev.jdbcjwt.jdbc.internal.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

class DelegatesTest {

  /** Set by {@link Gadget}'s static initializer; read here without touching (and so initializing) Gadget. */
  static final AtomicBoolean GADGET_INITIALIZED = new AtomicBoolean();

  /** Not a socket factory: when a URL names it as one, none of its code may run. */
  static final class Gadget {
    static {
      GADGET_INITIALIZED.set(true);
    }
  }

  @Test
  void aClassOfTheWrongTypeIsRefusedBeforeAnyOfItsCodeRuns() {
    String gadget = DelegatesTest.class.getName() + "$Gadget";
    assertThatThrownBy(() -> Delegates.instantiate(SocketFactory.class, gadget, new Properties(), "socketFactoryArg"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot instantiate " + gadget + " as a javax.net.SocketFactory");
    assertThat(GADGET_INITIALIZED).isFalse();
  }

  @Test
  void aFactoryOfTheRightTypeIsMade() {
    assertThat(Delegates.instantiate(SocketFactory.class, CountingSocketFactory.class.getName(), new Properties(),
        "socketFactoryArg")).isInstanceOf(CountingSocketFactory.class);
  }
}
