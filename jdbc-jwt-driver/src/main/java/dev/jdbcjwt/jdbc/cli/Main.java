package dev.jdbcjwt.jdbc.cli;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code java -jar jdbc-jwt-driver-<version>-all.jar <command> …}: the driver's command line.
 *
 * <pre>
 * check '&lt;jdbc:jwt:… url&gt;' [--property k=v]… [--driver-jar path]…   try the whole path: options, token, database
 * jwks --signing-key file [--key-id id] [--algorithm alg]…            the public JWK set the database must trust
 * </pre>
 */
public final class Main {

  private Main() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command; returns the process exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || "--help".equals(args[0]) || "-h".equals(args[0])) {
      usage(out);
      return args.length == 0 ? ExitCode.USAGE : ExitCode.OK;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "check":
        return new CheckCommand(out, err).run(rest);
      case "jwks":
        return new JwksCommand(out, err).run(rest);
      default:
        err.println("jdbc-jwt: unknown command '" + args[0] + "'");
        usage(err);
        return ExitCode.USAGE;
    }
  }

  static void usage(PrintStream out) {
    out.println("usage: java -jar jdbc-jwt-driver-<version>-all.jar check '<jdbc:jwt:... url>' "
        + "[--property name=value]... [--driver-jar path]...");
    out.println("  check   resolves the options (secrets redacted), obtains a token and shows what it says (never the");
    out.println("          token), connects to the database and shows its version and the current user; on failure");
    out.println("          it says what went wrong and exits non-zero.");
    out.println("  --property name=value   a connection property (jwt.* options or vendor properties); check trusts");
    out.println("                          its URL (you typed it), but these win for application-only options");
    out.println("  --driver-jar path       a vendor JDBC driver jar to load (e.g. postgresql-42.7.x.jar)");
    out.println("usage: java -jar jdbc-jwt-driver-<version>-all.jar jwks --signing-key <file> [--key-id <id>] "
        + "[--algorithm <alg>] [--signing-key <file> ...]");
    out.println("  jwks    prints the public JWK set (never private parts) a database or validator must trust for");
    out.println("          tokens of jwt.provider=signed; several keys for a rotation.");
  }
}
