package io.mseg.console.externalnetwork.feed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.DefaultRedirectStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches the body of a feed: a conditional GET ({@code If-None-Match},
 * {@code If-Modified-Since}), TLS verified against the system trust store or the source's
 * own CA certificates, redirects only within the same scheme, every address checked by
 * the {@link FeedAddressGuard} as it is resolved, a size limit on the (decompressed) body
 * and a time limit on the whole exchange. No proxy, no cookies.
 */
public final class FeedClient {

	private static final int MAX_REDIRECTS = 5;

	private final FeedAddressGuard guard;

	private final Duration timeout;

	private final long maxBytes;

	/**
	 * A client.
	 * @param guard where feeds may be fetched from
	 * @param timeout the longest a whole fetch may take
	 * @param maxBytes the largest body taken
	 */
	public FeedClient(FeedAddressGuard guard, Duration timeout, long maxBytes) {
		this.guard = guard;
		this.timeout = timeout;
		this.maxBytes = maxBytes;
	}

	/** What a fetch brought. */
	public sealed interface Result permits NotModified, Fetched {

	}

	/** 304: the list is the one the validators name. */
	public record NotModified() implements Result {

	}

	/**
	 * A new body, with the validators to send next time.
	 *
	 * @param body the body, decoded as UTF-8
	 * @param etag the {@code ETag}, or {@code null}
	 * @param lastModified the {@code Last-Modified}, or {@code null}
	 */
	public record Fetched(String body, String etag, String lastModified) implements Result {

	}

	/**
	 * Fetches a feed.
	 * @param url the feed
	 * @param caCertificate PEM certificates to trust instead of the system's, or
	 * {@code null}
	 * @param etag the {@code ETag} of the last good fetch, or {@code null}
	 * @param lastModified the {@code Last-Modified} of the last good fetch, or
	 * {@code null}
	 * @return the new body, or that it has not changed
	 * @throws FeedException saying why nothing could be taken
	 */
	public Result fetch(URI url, String caCertificate, String etag, String lastModified) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		HttpGet get = new HttpGet(url);
		if (etag != null) {
			get.addHeader("If-None-Match", etag);
		}
		if (lastModified != null) {
			get.addHeader("If-Modified-Since", lastModified);
		}
		try (CloseableHttpClient client = client(tls(caCertificate))) {
			return client.execute(get, (response) -> answer(response, deadline));
		}
		catch (IOException ex) {
			throw new FeedException("cannot fetch the feed from " + url.getHost() + ": " + describe(ex));
		}
	}

	private CloseableHttpClient client(SSLContext tls) {
		Timeout limit = Timeout.of(this.timeout);
		return HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new GuardedResolver(this.guard))
				.setTlsSocketStrategy(ClientTlsStrategyBuilder.create().setSslContext(tls).buildClassic())
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(limit).setSocketTimeout(limit).build())
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(limit)
				.setRedirectsEnabled(true)
				.setMaxRedirects(MAX_REDIRECTS)
				.build())
			.setRedirectStrategy(new SameSchemeRedirects())
			.disableCookieManagement()
			.disableAutomaticRetries()
			.setUserAgent("mseg-console feeds")
			.build();
	}

	private Result answer(ClassicHttpResponse response, long deadline) throws IOException {
		int status = response.getCode();
		if (status == 304) {
			return new NotModified();
		}
		if (status < 200 || status > 299) {
			throw new FeedException("the feed answered HTTP " + status);
		}
		HttpEntity entity = response.getEntity();
		if (entity == null) {
			return new Fetched("", header(response, "ETag"), header(response, "Last-Modified"));
		}
		if (entity.getContentLength() > this.maxBytes) {
			throw new FeedException(
					"the feed is " + entity.getContentLength() + " bytes, over the limit of " + this.maxBytes);
		}
		byte[] body = read(entity.getContent(), deadline);
		return new Fetched(utf8(body), header(response, "ETag"), header(response, "Last-Modified"));
	}

	private byte[] read(InputStream in, long deadline) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		int n;
		while ((n = in.read(buffer)) >= 0) {
			out.write(buffer, 0, n);
			if (out.size() > this.maxBytes) {
				throw new FeedException("the feed is over the limit of " + this.maxBytes + " bytes");
			}
			// A server that sends a byte now and then never trips the read timeout.
			if (System.nanoTime() - deadline > 0) {
				throw new FeedException("the feed took longer than " + this.timeout.toSeconds() + "s");
			}
		}
		return out.toByteArray();
	}

	private static String utf8(byte[] body) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new FeedException("the feed is not UTF-8 text");
		}
	}

	private static String header(HttpResponse response, String name) {
		Header header = response.getFirstHeader(name);
		return (header != null) ? header.getValue() : null;
	}

	private static String describe(IOException ex) {
		String message = ex.getMessage();
		return ex.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : "");
	}

	static SSLContext tls(String caCertificate) {
		try {
			if (caCertificate == null) {
				return SSLContext.getDefault();
			}
			KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
			trusted.load(null, null);
			int i = 0;
			for (Certificate certificate : CertificateFactory.getInstance("X.509")
				.generateCertificates(new ByteArrayInputStream(caCertificate.getBytes(StandardCharsets.UTF_8)))) {
				trusted.setCertificateEntry("ca-" + i++, certificate);
			}
			TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trust.init(trusted);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trust.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new FeedException("the source's caCertificate cannot be used: " + ex.getMessage());
		}
	}

	/** Resolves as the system does, then lets the guard refuse. */
	private static final class GuardedResolver implements DnsResolver {

		private final FeedAddressGuard guard;

		GuardedResolver(FeedAddressGuard guard) {
			this.guard = guard;
		}

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			InetAddress[] addresses = InetAddress.getAllByName(host);
			try {
				this.guard.check(host, List.of(addresses));
			}
			catch (FeedException ex) {
				throw new RefusedAddress(ex.getMessage());
			}
			return addresses;
		}

		@Override
		public String resolveCanonicalHostname(String host) throws UnknownHostException {
			return host;
		}

	}

	/** The guard's refusal, as the client expects a resolver to fail. */
	static final class RefusedAddress extends UnknownHostException {

		RefusedAddress(String message) {
			super(message);
		}

	}

	/** Redirects stay on the scheme of the request: never from https down to http. */
	private static final class SameSchemeRedirects extends DefaultRedirectStrategy {

		@Override
		public URI getLocationURI(HttpRequest request, HttpResponse response, HttpContext context)
				throws HttpException {
			URI location = super.getLocationURI(request, response, context);
			String from = request.getScheme();
			if (from != null && location.getScheme() != null && !from.equalsIgnoreCase(location.getScheme())) {
				throw new ProtocolException("a redirect from " + from + " to " + location.getScheme() + " is refused");
			}
			return location;
		}

	}

}
