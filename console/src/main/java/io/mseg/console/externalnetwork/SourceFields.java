package io.mseg.console.externalnetwork;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Objects;
import java.util.Optional;

import io.mseg.console.externalnetwork.feed.FeedFormat;
import io.mseg.console.externalnetwork.feed.JsonPath;
import io.mseg.console.externalnetwork.feed.RefreshInterval;
import io.mseg.console.web.FieldErrors;

/**
 * Validation of an external network's {@code source}: every problem is recorded under
 * {@code source.<field>}; the result is the source as it is stored and shown (interval
 * canonical and defaulted).
 */
final class SourceFields {

	static final int MAX_URL_LENGTH = 2048;

	static final int MAX_NAME_LENGTH = 256;

	static final int MAX_CA_CERTIFICATE_LENGTH = 64 * 1024;

	private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";

	private SourceFields() {
	}

	static ExternalNetworkSource apply(ExternalNetworkSource source, boolean allowHttp, FieldErrors parent) {
		FieldErrors errors = parent.nested("source");
		url(source.url(), allowHttp, errors);
		Optional<FeedFormat> format = format(source.format(), errors);
		boolean aws = format.filter(FeedFormat.AWS_IP_RANGES::equals).isPresent();
		boolean json = format.filter(FeedFormat.JSON::equals).isPresent();
		if (format.isPresent()) {
			onlyWith(aws, "service", source.service(), "aws-ip-ranges", errors);
			onlyWith(aws, "region", source.region(), "aws-ip-ranges", errors);
			onlyWith(json, "path", source.path(), "json", errors);
			if (aws && source.service() == null) {
				errors.add("service", "is required with aws-ip-ranges: the service whose prefixes are taken, "
						+ "such as CLOUDFRONT (AMAZON for all of them)");
			}
			if (json && source.path() == null) {
				errors.add("path", "is required with json: the path to the CIDR strings, such as prefixes[].ip_prefix");
			}
		}
		name("service", source.service(), errors);
		name("region", source.region(), errors);
		if (source.path() != null) {
			errors.parse("path", source.path(), (path) -> {
				JsonPath.parse(path);
				return path;
			});
		}
		String interval = errors.parse("refreshInterval", source.refreshInterval(),
				(text) -> RefreshInterval.format(RefreshInterval.parse(text)));
		caCertificate(source.caCertificate(), errors);
		return new ExternalNetworkSource(source.url(), source.format(), source.service(), source.region(),
				source.path(), interval, source.caCertificate());
	}

	private static void url(String url, boolean allowHttp, FieldErrors errors) {
		if (url == null || url.isEmpty()) {
			errors.add("url", "is required: the https URL of the feed");
			return;
		}
		if (url.length() > MAX_URL_LENGTH) {
			errors.add("url", "must be at most " + MAX_URL_LENGTH + " characters");
			return;
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			errors.add("url", "'" + url + "' is not a URL: " + ex.getReason());
			return;
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme() : "";
		if (scheme.equals("http") && !allowHttp) {
			errors.add("url", "plain http is not allowed by this console (mseg.feeds.allow-http); use https");
		}
		else if (!scheme.equals("https") && !scheme.equals("http")) {
			errors.add("url",
					"'" + url + "' must be an https URL, such as https://ip-ranges.amazonaws.com/ip-ranges.json");
		}
		else if (uri.getHost() == null || uri.getHost().isEmpty()) {
			errors.add("url", "'" + url + "' names no host");
		}
		else if (uri.getRawUserInfo() != null) {
			// The URL is shown to every reader of the network: no credentials in it.
			errors.add("url", "must not contain user information (user:password@)");
		}
		else if (uri.getRawFragment() != null) {
			errors.add("url", "must not contain a fragment (#...): it is never sent to the server");
		}
	}

	private static Optional<FeedFormat> format(String format, FieldErrors errors) {
		if (format == null) {
			errors.add("format", "is required: one of " + String.join(", ", FeedFormat.names()));
			return Optional.empty();
		}
		Optional<FeedFormat> known = FeedFormat.of(format);
		if (known.isEmpty()) {
			errors.add("format", "'" + format + "' is not a format: one of " + String.join(", ", FeedFormat.names()));
		}
		return known;
	}

	private static void onlyWith(boolean allowed, String field, String value, String format, FieldErrors errors) {
		if (!allowed && value != null) {
			errors.add(field, "applies only to the " + format + " format");
		}
	}

	private static void name(String field, String value, FieldErrors errors) {
		if (value != null && (value.isEmpty() || value.length() > MAX_NAME_LENGTH
				|| value.chars().anyMatch(Character::isISOControl))) {
			errors.add(field, "must be 1 to " + MAX_NAME_LENGTH + " characters without control characters");
		}
	}

	private static void caCertificate(String pem, FieldErrors errors) {
		if (pem == null) {
			return;
		}
		if (pem.length() > MAX_CA_CERTIFICATE_LENGTH) {
			errors.add("caCertificate", "must be at most " + MAX_CA_CERTIFICATE_LENGTH + " characters");
			return;
		}
		if (!pem.strip().startsWith(PEM_BEGIN)) {
			errors.add("caCertificate", "must be PEM certificates (" + PEM_BEGIN + " ...)");
			return;
		}
		try {
			var certificates = CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.UTF_8)));
			if (certificates.isEmpty()) {
				errors.add("caCertificate", "holds no certificate");
			}
		}
		catch (CertificateException | RuntimeException ex) {
			errors.add("caCertificate", "is not a valid PEM certificate: " + ex.getMessage());
		}
	}

	/** Whether a request's source fetches the same list as the stored one. */
	static boolean sameList(ExternalNetworkSource a, ExternalNetworkSource b) {
		return a != null && b != null && Objects.equals(a.url(), b.url()) && Objects.equals(a.format(), b.format())
				&& Objects.equals(a.service(), b.service()) && Objects.equals(a.region(), b.region())
				&& Objects.equals(a.path(), b.path()) && Objects.equals(a.caCertificate(), b.caCertificate());
	}

}
