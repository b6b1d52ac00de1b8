package io.mseg.console.pki;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * TLS settings of the console (prefix {@code mseg.tls}). Each PEM setting takes either a
 * file path or the PEM text itself.
 *
 * @param hosts host names and IP addresses added to the generated server certificate next
 * to {@code localhost}, {@code 127.0.0.1} and {@code ::1} ({@code MSEG_TLS_HOSTS},
 * comma-separated)
 * @param caCert a CA certificate to use instead of generating one ({@code MSEG_CA_CERT};
 * needs {@code caKey})
 * @param caKey the private key of {@code caCert} ({@code MSEG_CA_KEY})
 * @param cert a server certificate chain to use instead of generating one
 * ({@code MSEG_TLS_CERT}; needs {@code key})
 * @param key the private key of {@code cert} ({@code MSEG_TLS_KEY})
 */
@ConfigurationProperties("mseg.tls")
public record TlsProperties(@DefaultValue List<String> hosts, String caCert, String caKey, String cert, String key) {

}
