package dev.jdbcjwt.jdbc.internal;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The one JVM-wide switch that declares this application's JDBC URLs trusted, so that application-only
 * {@code jwt.*} options (see {@code JwtOption.Origin}) are honoured from them too: the system property
 * {@value #SYSTEM_PROPERTY}{@code =true}, the environment variable {@value #ENVIRONMENT_VARIABLE}{@code =true}, or
 * {@code JwtDriver.trustUrls(true)}. Any of the three turns it on. It is read on every connect that needs it, so
 * turning it off takes effect at once.
 */
public final class UrlTrust {

  /** {@code -Djdbcjwt.trustUrls=true}. */
  public static final String SYSTEM_PROPERTY = "jdbcjwt.trustUrls";
  /** {@code JDBCJWT_TRUST_URLS=true}. */
  public static final String ENVIRONMENT_VARIABLE = "JDBCJWT_TRUST_URLS";

  private static volatile boolean declared;
  private static volatile UnaryOperator<String> environment = System::getenv;

  private UrlTrust() {
  }

  /** The programmatic form ({@code JwtDriver.trustUrls}); {@code false} withdraws only this form. */
  public static void declare(boolean trusted) {
    declared = trusted;
  }

  /** Whether URLs are trusted by any of the three forms. */
  public static boolean trusted() {
    return declared || isTrue(System.getProperty(SYSTEM_PROPERTY)) || isTrue(environment.apply(ENVIRONMENT_VARIABLE));
  }

  private static boolean isTrue(String value) {
    return value != null && value.strip().toLowerCase(Locale.ROOT).equals("true");
  }

  /** Test seam: tests cannot set environment variables. {@code null} restores the real environment. */
  static void environmentForTests(UnaryOperator<String> env) {
    environment = env == null ? System::getenv : env;
  }
}
