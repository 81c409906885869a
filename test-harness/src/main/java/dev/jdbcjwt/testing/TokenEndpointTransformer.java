package dev.jdbcjwt.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * A WireMock OAuth token endpoint that answers each request as {@code answer} decides, typically with a JWT minted
 * for that request ({@link #minting}), as an identity provider does. Register it with
 * {@code options().extensions(...)} and name it in a stub: {@code aResponse().withTransformers(name)}.
 */
public final class TokenEndpointTransformer implements ResponseDefinitionTransformerV2 {

  private final String name;
  private final Function<ServeEvent, ResponseDefinition> answer;

  /** A transformer called {@code name} that answers each request with {@code answer}. */
  public TokenEndpointTransformer(String name, Function<ServeEvent, ResponseDefinition> answer) {
    this.name = Objects.requireNonNull(name);
    this.answer = Objects.requireNonNull(answer);
  }

  /** Answers every request with a fresh JWT for {@code subject} from {@link TestIssuer#shared()}. */
  public static TokenEndpointTransformer minting(String name, String subject, Duration lifetime) {
    return new TokenEndpointTransformer(name,
        event -> tokenResponse(TestIssuer.shared().mint(subject, lifetime), lifetime).build());
  }

  /** A successful OAuth token response (RFC 6749 section 5.1) carrying {@code jwt}. */
  public static ResponseDefinitionBuilder tokenResponse(String jwt, Duration lifetime) {
    String body = "{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":"
        + lifetime.toSeconds() + "}";
    return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    return answer.apply(event);
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public String getName() {
    return name;
  }
}
