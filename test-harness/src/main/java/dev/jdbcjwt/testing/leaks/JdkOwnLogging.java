package dev.jdbcjwt.testing.leaks;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JDK's own loggers that print what jdbc-jwt hands the JDK, secrets included, when an application turns them on
 * (docs/security.md, "what is printed"): outside jdbc-jwt's reach, so a leak test that captures every level holds
 * them at INFO with {@link #holdDown()}.
 * <ul>
 *   <li>{@code jdk.internal.httpclient.debug}: the HTTP client prints request URIs as given, at DEBUG/FINE;</li>
 *   <li>{@code java.lang.ProcessBuilder}: from JDK 25 on, the command line of every process started, arguments
 *       included, at FINE/FINER (JDK-8303392).</li>
 * </ul>
 */
public final class JdkOwnLogging {

  /** Strong references, so the levels set here stay (the JDK keeps its loggers only weakly). */
  private static final List<Logger> HELD = List.of(
      Logger.getLogger("jdk.internal.httpclient.debug"),
      Logger.getLogger("java.lang.ProcessBuilder"));

  private JdkOwnLogging() {
  }

  /** Holds the JDK's own loggers above at INFO, for the rest of the JVM's life. */
  public static void holdDown() {
    HELD.forEach(logger -> logger.setLevel(Level.INFO));
  }
}
