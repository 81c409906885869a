package dev.jdbcjwt.samples.springboot;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the service against a private PostgreSQL that validates its tokens (the test harness; needs Debian's
 * postgresql package): {@code mvn -q -pl samples/spring-boot -am verify -DskipTests -Psample-local}. The URL, user
 * and signing key of application.yml are overridden as command-line properties; nothing else changes.
 */
public final class LocalOrdersApplication {

  private LocalOrdersApplication() {
  }

  public static void main(String[] args) {
    List<String> all = new ArrayList<>();
    LocalTokenDatabase.properties().forEach((key, value) -> all.add("--" + key + "=" + value));
    all.addAll(List.of(args));
    OrdersApplication.main(all.toArray(String[]::new));
    System.out.println("""

        Orders service up, logging into PostgreSQL with tokens. Try:
          curl -s -X POST localhost:8080/orders -H 'Content-Type: application/json' -d '{"item":"book","quantity":2}'
          curl -s localhost:8080/orders
          curl -s localhost:8080/session
          curl -s localhost:8080/actuator/health
          curl -s localhost:8080/actuator/metrics/jdbc.jwt.token.expiry
        Stop with Ctrl-C.""");
  }
}
