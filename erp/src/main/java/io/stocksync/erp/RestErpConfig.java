package io.stocksync.erp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where and how {@link RestErpConnector} reaches an ERP's REST/JSON API.
 *
 * @param baseUrl scheme, host, port and an optional path prefix, e.g. {@code https://erp.example.com/tenant1}
 * @param postPath path (after the base URL's prefix) that journals are POSTed to
 * @param lookupPath path of one journal by external reference; holds {@code {reference}}
 * @param requestTimeout time an ERP call may take once connected; past it a post is an unknown outcome
 * @param connectTimeout time to open a connection; a call that could not connect was not sent
 * @param headers sent with every request, e.g. an API key header
 */
public record RestErpConfig(String baseUrl, String postPath, String lookupPath, Duration requestTimeout,
                            Duration connectTimeout, ErpFieldMapping fields, Map<String, String> headers,
                            ErpResilienceConfig resilience) {

  public static final String REFERENCE_PLACEHOLDER = "{reference}";

  /** The defaults, pointed at the ERP under {@code baseUrl}; its API is the reference ERP's. */
  public static RestErpConfig of(String baseUrl) {
    return new RestErpConfig(baseUrl, "/api/v1/journals", "/api/v1/journals/" + REFERENCE_PLACEHOLDER,
      Duration.ofSeconds(10), Duration.ofSeconds(2), ErpFieldMapping.REFERENCE_ERP, Map.of(),
      ErpResilienceConfig.defaults());
  }

  public RestErpConfig {
    ConfigChecks.text("erp.base-url", baseUrl);
    URI uri = parse(baseUrl);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException("erp.base-url must be an http or https URL with a host, was '" + baseUrl + "'");
    }
    if (uri.getQuery() != null || uri.getFragment() != null) {
      throw new IllegalArgumentException("erp.base-url must have no query or fragment, was '" + baseUrl + "'");
    }
    requirePath("erp.post-path", postPath);
    requirePath("erp.lookup-path", lookupPath);
    if (!lookupPath.contains(REFERENCE_PLACEHOLDER)) {
      throw new IllegalArgumentException("erp.lookup-path must contain " + REFERENCE_PLACEHOLDER + ", was '"
        + lookupPath + "'");
    }
    ConfigChecks.between("erp.request-timeout-ms", requestTimeout, Duration.ofMillis(10), Duration.ofMinutes(5));
    ConfigChecks.between("erp.connect-timeout-ms", connectTimeout, Duration.ofMillis(10), requestTimeout);
    fields = Objects.requireNonNullElse(fields, ErpFieldMapping.REFERENCE_ERP);
    Map<String, String> copy = new LinkedHashMap<>();
    if (headers != null) {
      headers.forEach((name, value) -> {
        if (name == null || !name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
          throw new IllegalArgumentException("erp.headers: '" + name + "' is not a valid header name");
        }
        if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
          throw new IllegalArgumentException("erp.headers." + name + " must be a single-line value");
        }
        copy.put(name, value);
      });
    }
    headers = Map.copyOf(copy);
    resilience = Objects.requireNonNullElseGet(resilience, ErpResilienceConfig::defaults);
  }

  public RestErpConfig withPaths(String postPath, String lookupPath) {
    return new RestErpConfig(baseUrl, postPath, lookupPath, requestTimeout, connectTimeout, fields, headers, resilience);
  }

  public RestErpConfig withTimeouts(Duration requestTimeout, Duration connectTimeout) {
    return new RestErpConfig(baseUrl, postPath, lookupPath, requestTimeout, connectTimeout, fields, headers, resilience);
  }

  public RestErpConfig withFields(ErpFieldMapping fields) {
    return new RestErpConfig(baseUrl, postPath, lookupPath, requestTimeout, connectTimeout, fields, headers, resilience);
  }

  public RestErpConfig withHeaders(Map<String, String> headers) {
    return new RestErpConfig(baseUrl, postPath, lookupPath, requestTimeout, connectTimeout, fields, headers, resilience);
  }

  public RestErpConfig withResilience(ErpResilienceConfig resilience) {
    return new RestErpConfig(baseUrl, postPath, lookupPath, requestTimeout, connectTimeout, fields, headers, resilience);
  }

  /** Header values are often credentials: they are not printed. */
  @Override
  public String toString() {
    return "RestErpConfig[baseUrl=" + baseUrl + ", postPath=" + postPath + ", lookupPath=" + lookupPath
      + ", requestTimeout=" + requestTimeout + ", connectTimeout=" + connectTimeout + ", fields=" + fields
      + ", headers=" + headers.keySet() + " (values hidden), resilience=" + resilience + "]";
  }

  /** The base URL without a trailing slash, so that paths can be appended. */
  String baseUrlPrefix() {
    return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  private static URI parse(String url) {
    try {
      return new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("erp.base-url is not a URL: '" + url + "'");
    }
  }

  private static void requirePath(String key, String path) {
    ConfigChecks.text(key, path);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException(key + " must start with '/', was '" + path + "'");
    }
  }
}
