package dev.jdbcjwt.jdbc.cli;

import dev.jdbcjwt.jdbc.JwtDriver;
import dev.jdbcjwt.jdbc.SqlStates;
import dev.jdbcjwt.jdbc.internal.ConnectionRequest;
import dev.jdbcjwt.jdbc.internal.UrlPolicy;
import dev.jdbcjwt.jdbc.internal.TlsRule;
import dev.jdbcjwt.jdbc.internal.VendorDrivers;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.cache.TokenCaches;
import dev.jdbcjwt.token.config.Durations;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;
import dev.jdbcjwt.token.net.HostClassifier;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** {@code check <url>}: walks the whole path — options, vendor driver, token, database — and says where it breaks. */
final class CheckCommand {

  private static final Duration FUTURE_TOLERANCE = Duration.ofSeconds(30);

  private final PrintStream out;
  private final PrintStream err;

  CheckCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int run(String[] args) {
    String url = null;
    Properties props = new Properties();
    List<Path> jars = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--property") || a.equals("--driver-jar")) {
        if (i + 1 >= args.length) {
          err.println("jdbc-jwt: " + a + " needs a value");
          return ExitCode.USAGE;
        }
        String v = args[++i];
        if (a.equals("--driver-jar")) {
          jars.add(Path.of(v));
        } else if (!addProperty(props, v)) {
          return ExitCode.USAGE;
        }
      } else if (a.startsWith("--property=")) {
        if (!addProperty(props, a.substring("--property=".length()))) {
          return ExitCode.USAGE;
        }
      } else if (a.startsWith("--")) {
        err.println("jdbc-jwt: unknown option " + a);
        Main.usage(err);
        return ExitCode.USAGE;
      } else if (url == null) {
        url = a;
      } else {
        err.println("jdbc-jwt: more than one URL given");
        return ExitCode.USAGE;
      }
    }
    if (url == null) {
      Main.usage(err);
      return ExitCode.USAGE;
    }
    return check(url, props, jars);
  }

  private boolean addProperty(Properties props, String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      err.println("jdbc-jwt: --property takes name=value (got a value without '=')");
      return false;
    }
    props.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
    return true;
  }

  /** A step failed; its message is printed already. */
  private static final class Failed extends Exception {
    private static final long serialVersionUID = 1L;
    private final int code;

    Failed(int code) {
      super(null, null, false, false);
      this.code = code;
    }
  }

  private int check(String url, Properties props, List<Path> jars) {
    try {
      loadDriverJars(jars);
      if (!JwtDriver.instance().acceptsURL(url)) {
        throw failed(ExitCode.CONFIGURATION, "the URL must start with jdbc:jwt:");
      }
      // 1. options. The operator types this URL: it is trusted (its options move into the properties, which keep
      // their precedence), so check runs what the application's own configuration would.
      String trusted;
      ConnectionRequest request;
      try {
        trusted = UrlPolicy.moveIntoProperties(url, props, true);
        request = ConnectionRequest.parse(trusted, props);
      } catch (SQLException e) {
        throw failed(ExitCode.CONFIGURATION, "configuration: " + e.getMessage());
      }
      printOptions(request);
      checkVendorDriver(request);
      Token token = fetchToken(request.tokenConfig());
      return connect(trusted, props, request.tokenConfig(), token);
    } catch (Failed f) {
      return f.code;
    } finally {
      TokenCaches.clear();
    }
  }

  private void loadDriverJars(List<Path> jars) throws Failed {
    try {
      int loaded = DriverJars.load(jars);
      if (loaded > 0) {
        out.println("Loaded " + loaded + " JDBC driver(s) from " + jars);
      }
    } catch (IOException | SQLException e) {
      throw failed(ExitCode.CONFIGURATION, "cannot load the driver jars: " + e.getMessage());
    }
  }

  private void printOptions(ConnectionRequest request) {
    TokenConfig config = request.tokenConfig();
    out.println("1. Options");
    out.println("   vendor URL : " + withoutParameters(request.url().vendorUrl()));
    out.println("   user       : " + config.user().orElse("(none)"));
    config.printable().forEach((k, v) -> out.println("   " + k + " = " + v));
    out.println("   provider   : " + config.get(JwtOption.PROVIDER).orElse("(none)"));
  }

  /** 2. The vendor driver, and the TLS rule it would refuse before any connection (before asking the IdP). */
  private void checkVendorDriver(ConnectionRequest request) throws Failed {
    try {
      Driver vendor = VendorDrivers.find(request.url());
      out.println("2. Vendor driver: " + vendor.getClass().getName() + " " + vendor.getMajorVersion() + "."
          + vendor.getMinorVersion());
      TlsRule.check(request.url(), vendor, request.vendorProperties(), request.tokenConfig(),
          HostClassifier.system());
    } catch (SQLException e) {
      throw failed(ExitCode.CONFIGURATION, e.getMessage());
    }
  }

  /** 3. The token, described without its value. */
  private Token fetchToken(TokenConfig config) throws Failed {
    Token token;
    try {
      token = TokenCaches.forConfig(config).fetch();
    } catch (TokenException e) {
      throw failedFor(e);
    }
    Instant now = Instant.now();
    out.println("3. Token (the value is never shown)");
    out.println("   issuer     : " + token.claimAsString("iss").orElse("(none)"));
    out.println("   subject    : " + token.subject().orElse("(none)"));
    out.println("   audience   : " + token.claim("aud").map(String::valueOf).orElse("(none)"));
    out.println("   key id     : " + token.keyId().orElse("(none)"));
    out.println("   issued at  : " + token.issuedAt().map(Instant::toString).orElse("(unknown)"));
    out.println("   expires at : " + (token.hasKnownExpiry() ? token.expiresAt() + " (in "
        + Durations.format(token.remaining(now)) + ")" : "(unknown)"));
    if (issuedInTheFuture(token, now)) {
      out.println("   warning    : the token was issued " + Durations.format(Duration.between(now,
          token.issuedAt().orElseThrow())) + " in the future by this machine's clock: clocks differ");
    }
    return token;
  }

  private static boolean issuedInTheFuture(Token token, Instant now) {
    return token.issuedAt().filter(i -> i.isAfter(now.plus(FUTURE_TOLERANCE))).isPresent();
  }

  /** 4. The database. */
  private int connect(String url, Properties props, TokenConfig config, Token token) throws Failed {
    try (Connection c = JwtDriver.instance().connect(url, props)) {
      DatabaseMetaData md = c.getMetaData();
      out.println("4. Database: " + md.getDatabaseProductName() + " " + md.getDatabaseProductVersion());
      out.println("   current user: " + md.getUserName());
      out.println("OK: the database accepted the token.");
      return ExitCode.OK;
    } catch (SQLException e) {
      throw failedToConnect(e, config, token);
    }
  }

  private Failed failedToConnect(SQLException e, TokenConfig config, Token token) {
    if (SqlStates.TOKEN_REFUSED.equals(e.getSQLState())) {
      String hint = "the database refused the token. Check that it trusts issuer "
          + token.claimAsString("iss").orElse("?") + " and key id " + token.keyId().orElse("?")
          + ", that it expects audience " + token.claim("aud").map(String::valueOf).orElse("?")
          + ", and that user " + config.user().orElse("?") + " is the token's subject "
          + token.subject().orElse("?")
          + (issuedInTheFuture(token, Instant.now()) ? "; also fix the clock difference above" : "")
          + ". " + e.getMessage();
      return failed(ExitCode.DATABASE_REFUSED, hint);
    }
    if (SqlStates.BAD_CONFIGURATION.equals(e.getSQLState())) {
      return failed(ExitCode.CONFIGURATION, e.getMessage());
    }
    if (SqlStates.TOKEN_UNAVAILABLE.equals(e.getSQLState()) && e.getMessage().startsWith("jdbc-jwt:")) {
      return failed(ExitCode.TOKEN_UNAVAILABLE, e.getMessage());
    }
    return failed(ExitCode.CONNECTION_FAILED, "could not connect to the database (SQLState " + e.getSQLState()
        + "): " + e.getMessage());
  }

  private Failed failedFor(TokenException e) {
    switch (e.kind()) {
      case CONFIGURATION:
        return failed(ExitCode.CONFIGURATION, "configuration: " + e.getMessage());
      case REFUSED:
        return failed(ExitCode.IDP_REFUSED, "the identity provider refused the client: " + e.getMessage()
            + " — check the client id, secret or key, and what the client may request");
      default:
        return failed(ExitCode.TOKEN_UNAVAILABLE, "no token could be obtained (identity provider unreachable, slow "
            + "or failing): " + e.getMessage());
    }
  }

  private Failed failed(int code, String message) {
    err.println("FAILED: " + message);
    return new Failed(code);
  }

  /** The vendor URL up to its parameters, which may carry a password. */
  static String withoutParameters(String vendorUrl) {
    int cut = vendorUrl.length();
    for (char c : new char[] {'?', ';'}) {
      int i = vendorUrl.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    return cut < vendorUrl.length() ? vendorUrl.substring(0, cut) + " (parameters not shown)" : vendorUrl;
  }
}
