package dev.jdbcjwt.token.net;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** No DNS here: names go to a map, and the test checks which names were looked up at all. */
class HostClassifierTest {

  private final List<String> lookedUp = new ArrayList<>();

  private HostClassifier resolving(Map<String, String> answers) {
    return HostClassifier.resolvingWith(name -> {
      lookedUp.add(name);
      String a = answers.get(name);
      if (a == null) {
        throw new UnknownHostException(name);
      }
      List<InetAddress> out = new ArrayList<>();
      for (String literal : a.split(",")) {
        out.add(InetAddress.getByName(literal)); // literals only: parsed, not looked up
      }
      return out.toArray(InetAddress[]::new);
    });
  }

  @Test
  void literalsAreJudgedByTheirAddressWithoutAnyLookup() {
    HostClassifier hosts = resolving(Map.of());
    assertThat(hosts.isLoopback("127.0.0.1")).isTrue();
    assertThat(hosts.isLoopback("127.10.20.30")).isTrue();
    assertThat(hosts.isLoopback("::1")).isTrue();
    assertThat(hosts.isLoopback("[::1]")).isTrue();
    assertThat(hosts.isLoopback("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(hosts.isLoopback("128.0.0.1")).isFalse();
    assertThat(hosts.isLoopback("10.0.0.5")).isFalse();
    assertThat(hosts.isLoopback("[2001:db8::1]")).isFalse();
    assertThat(hosts.isLoopback("999.0.0.1")).isFalse();
    assertThat(hosts.isLoopback("")).isFalse();
    assertThat(hosts.isLoopback(null)).isFalse();
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void localhostNamesAreLoopbackOnlyWhenEveryAddressTheyResolveToIs() {
    HostClassifier hosts = resolving(Map.of(
        "localhost", "127.0.0.1,::1",
        "db.localhost", "127.0.0.2",
        "foo.localhost", "10.0.0.5",
        "mixed.localhost", "127.0.0.1,10.0.0.5"));
    assertThat(hosts.isLoopback("LOCALHOST")).isTrue();
    assertThat(hosts.isLoopback("localhost.")).isTrue();
    assertThat(hosts.isLoopback("db.localhost")).isTrue();
    assertThat(hosts.isLoopback("foo.localhost")).as("by name alone it would be exempt").isFalse();
    assertThat(hosts.isLoopback("mixed.localhost")).isFalse();
    assertThat(hosts.isLoopback("unknown.localhost")).isFalse();
  }

  @Test
  void otherNamesAreNeverLoopbackAndNeverLookedUp() {
    HostClassifier hosts = resolving(Map.of("rebind.example", "127.0.0.1", "localhost.evil.example", "127.0.0.1"));
    assertThat(hosts.isLoopback("rebind.example")).isFalse();
    assertThat(hosts.isLoopback("localhost.evil.example")).isFalse();
    assertThat(hosts.isLoopback("127.0.0.1.evil.example")).isFalse();
    assertThat(hosts.isLoopback("0x7f000001")).isFalse();
    assertThat(lookedUp).isEmpty();
  }
}
