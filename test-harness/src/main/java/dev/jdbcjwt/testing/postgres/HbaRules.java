package dev.jdbcjwt.testing.postgres;

/**
 * The pg_hba.conf of a private server: the admin superuser by {@code trust} (setup only), every other user by
 * {@code ldap} simple bind against the {@link JwtLdapBridge}, which validates the password as a JWT.
 */
final class HbaRules {

  private HbaRules() {
  }

  static String render(String adminUser, String bridgeHost, int bridgePort) {
    String ldap = "ldap ldapserver=" + bridgeHost + " ldapport=" + bridgePort
        + " ldapprefix=\"" + JwtLdapBridge.DN_PREFIX + "\" ldapsuffix=\"" + JwtLdapBridge.DN_SUFFIX + "\"";
    return String.join("\n",
        "# written by dev.jdbcjwt.testing.postgres.PostgresServer",
        "# TYPE  DATABASE  USER  ADDRESS  METHOD",
        "local   all   " + adminUser + "   trust",
        "host    all   " + adminUser + "   127.0.0.1/32   trust",
        "local   all   all   " + ldap,
        "host    all   all   127.0.0.1/32   " + ldap,
        "");
  }
}
