package dev.jdbcjwt.token.providers.cloud;

import dev.jdbcjwt.token.Secret;
import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;
import dev.jdbcjwt.token.TokenSource;
import dev.jdbcjwt.token.config.JwtOption;
import dev.jdbcjwt.token.providers.Redaction;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.rds.RdsUtilities;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Generates one RDS IAM authentication token per fetch with {@code RdsUtilities.generateAuthenticationToken}: signed
 * locally with the credentials of the AWS SDK's chain (or a named profile), no network call for the token itself.
 * Loaded only when the SDK is present.
 */
final class RdsIamTokenSource implements TokenSource {

  /** Fixed by AWS: a token is accepted for 15 minutes after signing. */
  static final Duration LIFETIME = Duration.ofMinutes(15);

  private final AwsCredentialsProvider credentials;
  private final RdsUtilities utilities;
  private final String host;
  private final int port;
  private final String user;
  private final Clock clock;

  RdsIamTokenSource(AwsCredentialsProvider credentials, Region region, String host, int port, String user,
      Clock clock) {
    this.credentials = credentials;
    this.utilities = RdsUtilities.builder().credentialsProvider(credentials).region(region).build();
    this.host = host;
    this.port = port;
    this.user = user;
    this.clock = clock;
  }

  static RdsIamTokenSource create(String host, int port, String user, Optional<String> region,
      Optional<String> profile, Clock clock) throws TokenException {
    Region r = region.map(Region::of).orElseGet(() -> null);
    if (r == null) {
      try {
        r = new DefaultAwsRegionProviderChain().getRegion();
      } catch (SdkException e) {
        throw TokenException.configuration(JwtOption.REGION.key() + " is not set, the host name '" + host + "' names "
            + "no region, and the AWS SDK found none (AWS_REGION, profile); set " + JwtOption.REGION.key());
      }
    }
    AwsCredentialsProvider credentials = profile.isPresent()
        ? ProfileCredentialsProvider.create(profile.get()) : DefaultCredentialsProvider.builder().build();
    return new RdsIamTokenSource(credentials, r, host, port, user, clock);
  }

  @Override
  public Token fetch() throws TokenException {
    Instant now = clock.instant();
    String token;
    try {
      token = utilities.generateAuthenticationToken(b -> b.hostname(host).port(port).username(user));
    } catch (SdkException e) {
      throw TokenException.unavailable("aws-rds-iam: the AWS SDK could not sign a token for " + user + "@" + host
          + ":" + port + " (" + Redaction.redact(e.getMessage(), 300) + "); check the AWS credentials (environment, "
          + "web identity, instance profile, or " + JwtOption.AWS_PROFILE.key() + ")", null);
    }
    return Token.opaque(Secret.of(token), now, LIFETIME);
  }

  @Override
  public void close() {
    if (credentials instanceof SdkAutoCloseable closeable) {
      closeable.close();
    }
  }

  @Override
  public String toString() {
    return "RdsIamTokenSource[" + user + "@" + host + ":" + port + "]";
  }
}
