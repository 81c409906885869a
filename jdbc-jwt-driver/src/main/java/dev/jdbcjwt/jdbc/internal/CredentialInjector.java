package dev.jdbcjwt.jdbc.internal;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.config.TokenConfig;

import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * Puts the token into the vendor driver's properties: into {@code password} (or {@code jwt.tokenProperty}), and the
 * user from {@code jwt.userClaim} when that is set.
 */
public final class CredentialInjector {

  private final String tokenProperty;
  private final Optional<String> userClaim;

  public CredentialInjector(TokenConfig config) {
    this.tokenProperty = config.get(JwtOption.TOKEN_PROPERTY).orElseThrow();
    this.userClaim = config.get(JwtOption.USER_CLAIM);
  }

  public Properties inject(Token token, Properties vendorProperties) throws SQLException {
    vendorProperties.setProperty(tokenProperty, token.value().reveal());
    return injectUser(token, vendorProperties);
  }

  /** Only the user from {@code jwt.userClaim}, when set: for logins where the token goes elsewhere (OAUTHBEARER). */
  public Properties injectUser(Token token, Properties vendorProperties) throws SQLException {
    if (userClaim.isPresent()) {
      String claim = userClaim.get();
      String user = token.claimAsString(claim).orElseThrow(() -> Errors.configuration(JwtOption.USER_CLAIM.key()
          + "=" + claim + " but the token has no such text claim; name a claim the token carries (e.g. sub)"));
      vendorProperties.setProperty("user", user);
    }
    return vendorProperties;
  }

  /**
   * The database user a connection with {@code token} logs in as, for messages: the {@code jwt.userClaim} claim when
   * that is set (as {@link #inject} does), else the {@code user} property, else the token's subject.
   */
  public String userFor(Token token, Properties vendorProperties) {
    Optional<String> fromClaim = userClaim.flatMap(token::claimAsString);
    return fromClaim.orElseGet(() -> vendorProperties.getProperty("user", token.subject().orElse("?")));
  }
}
