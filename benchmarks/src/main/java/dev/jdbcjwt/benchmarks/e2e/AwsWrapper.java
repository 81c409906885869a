package dev.jdbcjwt.benchmarks.e2e;

/**
 * The AWS Advanced JDBC Wrapper ({@code jdbc:aws-wrapper:<vendor>}) as compared here: with no plugins at all
 * ({@code wrapperPlugins=} empty, the lightest it can be), and with its {@code iam} plugin pointed at the local
 * endpoint. The IAM plugin signs an RDS auth token (SigV4) with the AWS SDK from the default credentials chain; here
 * that chain finds obviously fake keys in system properties, so the signing runs locally and nothing leaves the
 * machine. No database here can check such a token, so the IAM variant logs into a {@code trust} role.
 */
final class AwsWrapper {

  private AwsWrapper() {
  }

  /** Fake credentials and region for local signing; the SDK's system-property provider comes first in its chain. */
  static void prepare() {
    System.setProperty("aws.accessKeyId", "AKIABENCHMARKONLY000");
    System.setProperty("aws.secretAccessKey", "benchmark-only-not-a-real-aws-secret-key");
    System.setProperty("aws.region", "us-east-1");
  }

  /** {@code base} is {@code jdbc:aws-wrapper:<vendor>://…?…}. */
  static String url(String base, boolean iam) {
    return base + (iam ? "&wrapperPlugins=iam&iamRegion=us-east-1&iamHost=127.0.0.1" : "&wrapperPlugins=");
  }
}
